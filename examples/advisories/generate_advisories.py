#!/usr/bin/env python3
"""Writes the example advisory files: the same RHEL 7 advisories in each published format.

The output is committed; run this script again only to change the examples:
    python3 examples/advisories/generate_advisories.py

The advisories fix packages that the demo fleet (examples/fleet/demo-snapshot.json) has pending, at the
versions it has available, so that a plan with them shows which updates are security fixes and which
are not. See README.md beside this file.
"""
import json
import os
from datetime import datetime, timezone
from xml.sax.saxutils import escape, quoteattr

HERE = os.path.dirname(os.path.abspath(__file__))
STREAM = "7Server-7.9.Z"
STREAM_CPE = "cpe:/o:redhat:enterprise_linux:7::server"

# id, severity, title, issued, updated, CVEs, [(name, epoch, version, release, arches)]
ADVISORIES = [
    ("RHSA-2026:8197", "Important", "nss security update", "2026-11-12 14:03:19", "2026-11-12 14:03:19",
     ["CVE-2026-6813"],
     [("nss", 0, "3.3.11", "20.el7_9", ["i686", "x86_64"]), ("nss-util", 0, "3.9.25", "21.el7_9", ["i686", "x86_64"])]),
    ("RHSA-2026:8231", "Important", "openssl security update", "2026-11-18 09:12:44", "2026-11-18 09:12:44",
     ["CVE-2026-31790", "CVE-2026-31791"],
     [("openssl", 0, "1.5.14", "36.el7_9", ["x86_64"]), ("openssl-libs", 0, "2.0.16", "26.el7_9", ["i686", "x86_64"])]),
    ("RHSA-2026:8244", "Important", "kernel security update", "2026-11-19 10:40:02", "2026-11-19 10:40:02",
     ["CVE-2026-40112", "CVE-2026-40187"],
     [("kernel", 0, "2.7.24", "8.el7_9", ["x86_64"]), ("kernel-tools", 0, "2.7.24", "8.el7_9", ["x86_64"])]),
    ("RHSA-2026:8302", "Critical", "glibc security update", "2026-11-20 16:21:07", "2026-11-21 08:00:00",
     ["CVE-2026-0915"],
     [("glibc", 0, "3.9.14", "4.el7_9", ["i686", "x86_64"]), ("glibc-common", 0, "3.0.0", "40.el7_9", ["x86_64"])]),
    ("RHSA-2026:8310", "Moderate", "sudo security update", "2026-11-21 11:30:00", "2026-11-21 11:30:00",
     ["CVE-2026-29311"],
     [("sudo", 0, "1.3.8", "30.el7_9", ["x86_64"])]),
    ("RHSA-2026:8315", "Low", "curl security update", "2026-11-23 07:55:31", "2026-11-23 07:55:31",
     ["CVE-2026-3784"],
     [("curl", 0, "1.5.20", "40.el7_9", ["x86_64"]), ("libcurl", 0, "4.6.14", "8.el7_9", ["i686", "x86_64"])]),
]
# only in updateinfo (OVAL and the security data hold security advisories only)
BUGFIX = ("RHBA-2026:8320", "tzdata bug fix and enhancement update", "2026-11-24 06:00:00",
          [("tzdata", 0, "3.0.22", "2.el7_9", ["noarch"])])


def nevr(name, epoch, version, release):
    return "%s-%d:%s-%s" % (name, epoch, version, release)


def evr(epoch, version, release):
    return "%d:%s-%s" % (epoch, version, release)


def number(aid):
    return aid.split(":")[1]


def updateinfo():
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<updates>"]
    for aid, sev, title, issued, updated, cves, pkgs in ADVISORIES:
        out.append('  <update from="security@redhat.com" status="final" type="security" version="2">')
        out.append("    <id>%s</id>" % aid)
        out.append("    <title>%s: %s</title>" % (sev, escape(title)))
        out.append("    <severity>%s</severity>" % sev)
        out.append("    <release>Red Hat Enterprise Linux 7</release>")
        out.append('    <issued date="%s"/>' % issued)
        out.append('    <updated date="%s"/>' % updated)
        out.append("    <rights>Copyright 2026 Red Hat Inc</rights>")
        out.append("    <summary>An update for %s is now available for Red Hat Enterprise Linux 7.</summary>" % pkgs[0][0])
        out.append("    <description>Security Fix(es):\n\n%s\n\nFor more details about the security issue(s), refer to"
                   " the CVE page(s) listed in the References section.</description>"
                   % "\n".join("* %s: flaw fixed in this update (%s)" % (pkgs[0][0], c) for c in cves))
        out.append("    <solution>Before applying this update, make sure all previously released errata relevant"
                   " to your system have been applied.</solution>")
        out.append("    <references>")
        out.append('      <reference href="https://access.redhat.com/errata/%s" id="%s" title="%s" type="self"/>'
                   % (aid, aid, aid))
        for c in cves:
            out.append('      <reference href="https://access.redhat.com/security/cve/%s" id="%s" title="%s" type="cve"/>'
                       % (c, c, c))
        out.append("    </references>")
        out.append("    <pkglist>")
        out.append('      <collection short="rhel-7-server-rpms__7Server__x86_64">')
        out.append("        <name>Red Hat Enterprise Linux 7 Server (RPMs)</name>")
        for name, epoch, version, release, arches in pkgs:
            for arch in arches:
                src = "%s-%s-%s.src.rpm" % (name, version, release)
                out.append('        <package arch="%s" epoch="%d" name="%s" release="%s" src="%s" version="%s">'
                           % (arch, epoch, name, release, src, version))
                out.append("          <filename>%s-%s-%s.%s.rpm</filename>" % (name, version, release, arch))
                if name == "kernel":
                    out.append("          <reboot_suggested>True</reboot_suggested>")
                out.append("        </package>")
        out.append("      </collection>")
        out.append("    </pkglist>")
        out.append("  </update>")
    aid, title, issued, pkgs = BUGFIX
    out.append('  <update from="release-engineering@redhat.com" status="final" type="bugfix" version="2">')
    out.append("    <id>%s</id>" % aid)
    out.append("    <title>%s</title>" % title)
    out.append('    <issued date="%s"/>' % issued)
    out.append('    <updated date="%s"/>' % issued)
    out.append("    <references/>")
    out.append("    <pkglist>")
    out.append('      <collection short="rhel-7-server-rpms__7Server__x86_64">')
    out.append("        <name>Red Hat Enterprise Linux 7 Server (RPMs)</name>")
    for name, epoch, version, release, arches in pkgs:
        for arch in arches:
            out.append('        <package arch="%s" epoch="%d" name="%s" release="%s" src="%s-%s-%s.src.rpm" version="%s">'
                       % (arch, epoch, name, release, name, version, release, version))
            out.append("          <filename>%s-%s-%s.%s.rpm</filename>" % (name, version, release, arch))
            out.append("        </package>")
    out.append("      </collection>")
    out.append("    </pkglist>")
    out.append("  </update>")
    out.append("</updates>")
    return "\n".join(out) + "\n"


def oval():
    definitions, tests, objects, states = [], [], [], []
    obj_ids = {}
    for aid, sev, title, issued, updated, cves, pkgs in ADVISORIES:
        n = number(aid)
        year = aid[5:9]
        did = "oval:com.redhat.rhsa:def:%s%s" % (year, n)
        d = ['    <definition class="patch" id="%s" version="637">' % did,
             "      <metadata>",
             "        <title>%s: %s (%s)</title>" % (aid, escape(title), sev),
             '        <affected family="unix">',
             "          <platform>Red Hat Enterprise Linux 7</platform>",
             "        </affected>",
             '        <reference ref_id="%s" ref_url="https://access.redhat.com/errata/%s" source="RHSA"/>' % (aid, aid)]
        for c in cves:
            d.append('        <reference ref_id="%s" ref_url="https://access.redhat.com/security/cve/%s" source="CVE"/>' % (c, c))
        d += ["        <description>Security Fix(es): see the CVE pages.</description>",
              '        <advisory from="secalert@redhat.com">',
              "          <severity>%s</severity>" % sev,
              "          <rights>Copyright 2026 Red Hat, Inc.</rights>",
              '          <issued date="%s"/>' % issued[:10],
              '          <updated date="%s"/>' % updated[:10]]
        for c in cves:
            d.append('          <cve cvss3="7.5/CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H" cwe="CWE-787"'
                     ' href="https://access.redhat.com/security/cve/%s" impact="%s" public="20261101">%s</cve>'
                     % (c, sev.lower(), c))
        d += ["          <affected_cpe_list>",
              "            <cpe>cpe:/o:redhat:enterprise_linux:7</cpe>",
              "            <cpe>cpe:/o:redhat:enterprise_linux:7::server</cpe>",
              "          </affected_cpe_list>",
              "        </advisory>",
              "      </metadata>",
              '      <criteria operator="OR">',
              '        <criterion comment="Red Hat Enterprise Linux must be installed" test_ref="oval:com.redhat.rhba:tst:20150364027"/>',
              '        <criteria operator="AND">',
              '          <criterion comment="Red Hat Enterprise Linux 7 is installed" test_ref="oval:com.redhat.rhba:tst:20150364026"/>',
              '          <criteria operator="OR">']
        for i, (name, epoch, version, release, arches) in enumerate(pkgs):
            t1 = "oval:com.redhat.rhsa:tst:%s%s%03d" % (year, n, 2 * i + 1)
            t2 = "oval:com.redhat.rhsa:tst:%s%s%03d" % (year, n, 2 * i + 2)
            s1 = "oval:com.redhat.rhsa:ste:%s%s%03d" % (year, n, i + 1)
            if name not in obj_ids:
                obj_ids[name] = "oval:com.redhat.rhsa:obj:20140675%03d" % (len(obj_ids) + 2)
                objects.append('    <red-def:rpminfo_object id="%s" version="645">\n'
                               '      <red-def:name>%s</red-def:name>\n'
                               '    </red-def:rpminfo_object>' % (obj_ids[name], name))
            e = evr(epoch, version, release)
            d += ['            <criteria operator="AND">',
                  '              <criterion comment="%s is earlier than %s" test_ref="%s"/>' % (name, e, t1),
                  '              <criterion comment="%s is signed with Red Hat redhatrelease2 key" test_ref="%s"/>' % (name, t2),
                  "            </criteria>"]
            tests.append('    <red-def:rpminfo_test check="at least one" comment="%s is earlier than %s" id="%s" version="637">\n'
                         '      <red-def:object object_ref="%s"/>\n'
                         '      <red-def:state state_ref="%s"/>\n'
                         '    </red-def:rpminfo_test>' % (name, e, t1, obj_ids[name], s1))
            tests.append('    <red-def:rpminfo_test check="at least one" comment="%s is signed with Red Hat redhatrelease2 key" id="%s" version="637">\n'
                         '      <red-def:object object_ref="%s"/>\n'
                         '      <red-def:state state_ref="oval:com.redhat.rhba:ste:20150364002"/>\n'
                         '    </red-def:rpminfo_test>' % (name, t2, obj_ids[name]))
            states.append('    <red-def:rpminfo_state id="%s" version="637">\n'
                          '      <red-def:arch datatype="string" operation="pattern match">aarch64|i686|ppc64|ppc64le|s390x|x86_64</red-def:arch>\n'
                          '      <red-def:evr datatype="evr_string" operation="less than">%s</red-def:evr>\n'
                          '    </red-def:rpminfo_state>' % (s1, e))
        d += ["          </criteria>", "        </criteria>", "      </criteria>", "    </definition>"]
        definitions.append("\n".join(d))
    # the shared tests every definition uses: the release package is installed, signed, at major version 7
    tests.insert(0, '    <red-def:rpminfo_test check="none satisfy" comment="Red Hat Enterprise Linux must be installed" id="oval:com.redhat.rhba:tst:20150364027" version="645">\n'
                    '      <red-def:object object_ref="oval:com.redhat.rhba:obj:20150364001"/>\n'
                    '    </red-def:rpminfo_test>')
    tests.insert(1, '    <red-def:rpmverifyfile_test check="at least one" comment="Red Hat Enterprise Linux 7 is installed" id="oval:com.redhat.rhba:tst:20150364026" version="645">\n'
                    '      <red-def:object object_ref="oval:com.redhat.rhba:obj:20150364002"/>\n'
                    '      <red-def:state state_ref="oval:com.redhat.rhba:ste:20150364001"/>\n'
                    '    </red-def:rpmverifyfile_test>')
    objects.insert(0, '    <red-def:rpmverifyfile_object id="oval:com.redhat.rhba:obj:20150364002" version="645">\n'
                      '      <red-def:behaviors noconfigfiles="true" noghostfiles="true" nogroup="true" nolinkto="true" nomd5="true" nomode="true" nomtime="true" nordev="true" nosize="true" nouser="true"/>\n'
                      '      <red-def:name operation="pattern match"/>\n'
                      '      <red-def:epoch operation="pattern match"/>\n'
                      '      <red-def:version operation="pattern match"/>\n'
                      '      <red-def:release operation="pattern match"/>\n'
                      '      <red-def:arch operation="pattern match"/>\n'
                      '      <red-def:filepath>/etc/redhat-release</red-def:filepath>\n'
                      '    </red-def:rpmverifyfile_object>')
    objects.insert(0, '    <red-def:rpminfo_object id="oval:com.redhat.rhba:obj:20150364001" version="645">\n'
                      '      <red-def:name>redhat-release</red-def:name>\n'
                      '    </red-def:rpminfo_object>')
    states.insert(0, '    <red-def:rpminfo_state id="oval:com.redhat.rhba:ste:20150364002" version="645">\n'
                     '      <red-def:signature_keyid operation="equals">199e2f91fd431d51</red-def:signature_keyid>\n'
                     '    </red-def:rpminfo_state>')
    states.insert(0, '    <red-def:rpmverifyfile_state id="oval:com.redhat.rhba:ste:20150364001" version="645">\n'
                     '      <red-def:name operation="pattern match">^redhat-release</red-def:name>\n'
                     '      <red-def:version operation="pattern match">^7[^\\d]</red-def:version>\n'
                     '    </red-def:rpmverifyfile_state>')
    head = ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"'
            ' xmlns:ind-def="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent"'
            ' xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5"'
            ' xmlns:red-def="http://oval.mitre.org/XMLSchema/oval-definitions-5#linux"'
            ' xmlns:unix-def="http://oval.mitre.org/XMLSchema/oval-definitions-5#unix"'
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
            ' xsi:schemaLocation="http://oval.mitre.org/XMLSchema/oval-common-5 oval-common-schema.xsd'
            ' http://oval.mitre.org/XMLSchema/oval-definitions-5 oval-definitions-schema.xsd'
            ' http://oval.mitre.org/XMLSchema/oval-definitions-5#linux linux-definitions-schema.xsd">\n'
            '  <generator>\n'
            '    <oval:product_name>Red Hat OVAL Patch Definition Merger</oval:product_name>\n'
            '    <oval:product_version>3</oval:product_version>\n'
            '    <oval:schema_version>5.10</oval:schema_version>\n'
            '    <oval:timestamp>2026-11-24T04:13:09</oval:timestamp>\n'
            '    <oval:content_version>1795494789</oval:content_version>\n'
            '  </generator>\n')
    return (head + "  <definitions>\n" + "\n".join(definitions) + "\n  </definitions>\n"
            + "  <tests>\n" + "\n".join(tests) + "\n  </tests>\n"
            + "  <objects>\n" + "\n".join(objects) + "\n  </objects>\n"
            + "  <states>\n" + "\n".join(states) + "\n  </states>\n</oval_definitions>\n")


def iso(when):
    return datetime.strptime(when, "%Y-%m-%d %H:%M:%S").replace(tzinfo=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def osv(adv):
    aid, sev, title, issued, updated, cves, pkgs = adv
    affected = []
    for name, epoch, version, release, arches in pkgs:
        affected.append({
            "package": {"ecosystem": "Red Hat:enterprise_linux:7::server", "name": name,
                        "purl": "pkg:rpm/redhat/%s" % name},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": evr(epoch, version, release)}]}],
        })
    return {
        "schema_version": "1.7.3",
        "id": aid,
        "modified": iso(updated),
        "published": iso(issued),
        "upstream": cves,
        "related": cves,
        "summary": "%s: %s" % (sev, title),
        "details": "An update for %s is now available for Red Hat Enterprise Linux 7." % pkgs[0][0],
        "affected": affected,
        "references": [{"type": "ADVISORY", "url": "https://access.redhat.com/errata/%s" % aid}]
                      + [{"type": "REPORT", "url": "https://access.redhat.com/security/cve/%s" % c} for c in cves],
    }


def csaf(adv):
    aid, sev, title, issued, updated, cves, pkgs = adv
    arch_branches = {}
    relationships = []
    fixed = []
    for name, epoch, version, release, arches in pkgs:
        for arch in ["src"] + arches:
            pid = "%s-%d:%s-%s.%s" % (name, epoch, version, release, arch)
            purl = "pkg:rpm/redhat/%s@%s-%s?arch=%s%s" % (name, version, release, arch,
                                                         "&epoch=%d" % epoch if epoch else "")
            arch_branches.setdefault(arch, []).append({
                "category": "product_version", "name": pid,
                "product": {"name": pid, "product_id": pid, "product_identification_helper": {"purl": purl}}})
            full = "%s:%s" % (STREAM, pid)
            relationships.append({
                "category": "default_component_of",
                "full_product_name": {"name": "%s as a component of Red Hat Enterprise Linux Server (v. 7)" % pid,
                                      "product_id": full},
                "product_reference": pid, "relates_to_product_reference": STREAM})
            fixed.append(full)
    branches = [{"category": "product_family", "name": "Red Hat Enterprise Linux", "branches": [{
        "category": "product_name", "name": "Red Hat Enterprise Linux Server (v. 7)",
        "product": {"name": "Red Hat Enterprise Linux Server (v. 7)", "product_id": STREAM,
                    "product_identification_helper": {"cpe": STREAM_CPE}}}]}]
    for arch in sorted(arch_branches):
        branches.append({"category": "architecture", "name": arch, "branches": arch_branches[arch]})
    return {
        "document": {
            "aggregate_severity": {"namespace": "https://access.redhat.com/security/updates/classification/", "text": sev},
            "category": "csaf_security_advisory",
            "csaf_version": "2.0",
            "distribution": {"text": "Copyright © Red Hat, Inc. All rights reserved.", "tlp": {"label": "WHITE", "url": "https://www.first.org/tlp/"}},
            "lang": "en",
            "publisher": {"category": "vendor", "contact_details": "https://access.redhat.com/security/team/contact/",
                          "issuing_authority": "Red Hat Product Security is responsible for vulnerability handling across all Red Hat products and services.",
                          "name": "Red Hat Product Security", "namespace": "https://www.redhat.com"},
            "title": "Red Hat Security Advisory: %s" % title,
            "tracking": {"current_release_date": iso(updated).replace("Z", "+00:00"),
                         "generator": {"date": iso(updated).replace("Z", "+00:00"), "engine": {"name": "Red Hat SDEngine", "version": "4.2.1"}},
                         "id": aid, "initial_release_date": iso(issued).replace("Z", "+00:00"),
                         "revision_history": [{"date": iso(issued).replace("Z", "+00:00"), "number": "1", "summary": "Initial version"}],
                         "status": "final", "version": "1"},
        },
        "product_tree": {"branches": [{"category": "vendor", "name": "Red Hat", "branches": branches}],
                         "relationships": relationships},
        "vulnerabilities": [{
            "cve": c,
            "product_status": {"fixed": fixed},
            "remediations": [{"category": "vendor_fix", "details": "Apply the update.", "product_ids": fixed,
                              "url": "https://access.redhat.com/errata/%s" % aid}],
            "threats": [{"category": "impact", "details": sev}],
        } for c in cves],
    }


def write(path, text):
    full = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


write("updateinfo.xml", updateinfo())
write("rhel-7.oval.xml", oval())
for adv in ADVISORIES:
    write("osv/%s.json" % adv[0].replace(":", "-"), json.dumps(osv(adv), indent=2) + "\n")
    write("csaf/%s.json" % adv[0].lower().replace("-", "-").replace(":", "_"), json.dumps(csaf(adv), indent=2, ensure_ascii=False) + "\n")
