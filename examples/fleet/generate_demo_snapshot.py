#!/usr/bin/env python3
"""Generates examples/fleet/demo-snapshot.json, the embedded demo fleet.

The output is committed; run this script again only to change the demo:
    python3 examples/fleet/generate_demo_snapshot.py > examples/fleet/demo-snapshot.json

The fleet is built for `--now 2026-11-25T10:17:00Z` (a Wednesday) and `--environments Q,R`, and covers
every skip reason, Azure VMs (marketplace and custom-image CentOS, Ubuntu, RHEL) and Arc servers in three
subscriptions, the original runbook's defects (vm1/vm10, one name in two subscriptions, one package in
two architectures), existing deployments for reconcile (KEEP, UPDATE, DELETE, pending, unmanaged) and
the installation results of their windows for `report`.
"""
import hashlib
import json
import random
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

NOW = datetime(2026, 11, 25, 10, 17, tzinfo=timezone.utc)
SUBS = {
    "prod": "0b1f6471-1bf0-4dda-aec3-cb9272f09590",
    "qual": "7c4e2a18-5d3b-4f0e-9a61-2b8d7e3c1f45",
    "accept": "e2a9c6d4-83f1-4b7a-a5e0-6d1c9f2b8e37",
}
rnd = random.Random(20261125)

SECURITY = ["openssl", "openssl-libs", "kernel", "glibc", "glibc-common", "bash", "sudo", "nss", "nss-util",
            "curl", "libcurl", "systemd", "vim-minimal", "krb5-libs", "polkit", "bind-libs", "expat", "libxml2"]
OTHER = ["tzdata", "yum-utils", "ca-certificates", "chrony", "rsyslog", "man-db"]
VERSIONS = {p: "%d.%d.%d-%d.el7_9" % (rnd.randint(1, 4), rnd.randint(0, 9), rnd.randint(0, 30), rnd.randint(1, 40))
            for p in SECURITY + OTHER}

machines = []
updates = []


def hash8(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


deployments = []


def vm_id(sub, rg, name):
    return "/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Compute/virtualMachines/%s" % (SUBS[sub], rg, name)


def arc_id(sub, rg, name):
    return "/subscriptions/%s/resourceGroups/%s/providers/Microsoft.HybridCompute/machines/%s" % (SUBS[sub], rg, name)


def add_vm(name, sub="qual", rg="rg-app", tag=None, image="centos", location="westeurope", extra_tags=None,
           patch_mode="AutomaticByPlatform", bypass=True, os_name=None, rid=None):
    tags = {}
    if tag is not None:
        tags["patch"] = tag
    tags.update(extra_tags or {})
    props = {"vmId": "%08x-0000-4000-8000-%012x" % (len(machines), len(machines)),
             "hardwareProfile": {"vmSize": "Standard_D2s_v5"},
             "osProfile": {"computerName": name, "linuxConfiguration": {
                 "patchSettings": {"patchMode": patch_mode,
                                   "automaticByPlatformSettings": {"bypassPlatformSafetyChecksOnUserSchedule": bypass}}}}}
    ref = {
        "centos": {"publisher": "OpenLogic", "offer": "CentOS", "sku": "7_9", "version": "latest"},
        "centos-lvm": {"publisher": "OpenLogic", "offer": "centos-lvm", "sku": "7-lvm-gen2", "version": "latest"},
        "custom-centos": {"id": "/subscriptions/%s/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/gold/images/centos-7-hardened/versions/1.4.2" % SUBS["prod"]},
        "custom-other": {"id": "/subscriptions/%s/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/gold/images/base-linux/versions/2.0.0" % SUBS["prod"]},
        "ubuntu": {"publisher": "Canonical", "offer": "0001-com-ubuntu-server-jammy", "sku": "22_04-lts-gen2", "version": "latest"},
        "rhel": {"publisher": "RedHat", "offer": "RHEL", "sku": "8-lvmraw", "version": "latest"},
        "none": None,
    }[image]
    if ref is not None:
        props["storageProfile"] = {"imageReference": ref, "osDisk": {"osType": "Linux"}}
    if os_name is not None:
        props["instanceView"] = {"osName": os_name, "osVersion": "7.9.2009"}
    mid = rid or vm_id(sub, rg, name)
    machines.append({"id": mid, "name": name, "type": "Microsoft.Compute/virtualMachines", "location": location,
                     "resourceGroup": rg, "subscriptionId": SUBS[sub], "tags": tags, "properties": props})
    return mid


def add_arc(name, sub="accept", rg="rg-onprem", tag=None, os_name="CentOS Linux", os_sku="CentOS Linux 7 (Core)",
            location="francecentral"):
    tags = {} if tag is None else {"patch": tag}
    props = {"status": "Connected", "osType": "linux", "osProfile": {"computerName": name}}
    if os_name is not None:
        props["osName"] = os_name
    if os_sku is not None:
        props["osSku"] = os_sku
    props["osVersion"] = "3.10.0-1160.119.1.el7.x86_64"
    mid = arc_id(sub, rg, name)
    machines.append({"id": mid, "name": name, "type": "Microsoft.HybridCompute/machines", "location": location,
                     "resourceGroup": rg, "subscriptionId": SUBS[sub], "tags": tags, "properties": props})
    return mid


def row(mid, computer, product, arch, cls, state, when, resource_id=True):
    updates.append({
        "TimeGenerated": when.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "ResourceId": mid if resource_id else "",
        "Computer": computer,
        "SourceComputerId": "%s-1111-4000-8000-%012x" % (hash8(computer), len(updates)),
        "Product": product,
        "ProductArch": arch,
        "ProductVersion": VERSIONS.get(product, "1.0-1.el7"),
        "Classification": cls,
        "UpdateState": state,
        "BulletinID": "CESA-2026:%04d" % (int(hash8(product), 16) % 10000) if cls != "Other Updates" else "",
        "BulletinUrl": "",
        "OSType": "Linux",
    })


def assess(mid, computer, n_security=3, n_other=2, age_hours=1.5, history=True, resource_id=True, fixed=None):
    """Fresh rows for a machine: n_security Needed security/critical packages, n_other 'Other' ones,
    plus history (an older Needed row superseded by a newer Installed one)."""
    when = NOW - timedelta(hours=age_hours)
    pkgs = fixed if fixed is not None else rnd.sample(SECURITY, n_security)
    for p in pkgs:
        cls = "Critical Updates" if p in ("kernel", "glibc", "openssl") else "Security Updates"
        row(mid, computer, p, "x86_64", cls, "Needed", when, resource_id)
        if history:
            row(mid, computer, p, "x86_64", cls, "Needed", when - timedelta(hours=3), resource_id)
    for p in rnd.sample(OTHER, n_other):
        row(mid, computer, p, "x86_64", "Other Updates", "Needed", when, resource_id)
    if history:
        # installed since the previous assessment: must not be planned
        gone = rnd.choice([p for p in SECURITY if p not in pkgs])
        row(mid, computer, gone, "x86_64", "Security Updates", "Needed", when - timedelta(hours=2), resource_id)
        row(mid, computer, gone, "x86_64", "Security Updates", "Installed", when - timedelta(minutes=20), resource_id)
    return pkgs


DAYS = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"]
HOURS = ["03:00", "12:00", "22:00"]

# --- planned CentOS marketplace VMs in Q and R --------------------------------------------------------
for i in range(1, 25):
    name = "vm-%05d" % i
    env = "Q" if i % 3 else "R"
    sub = "qual" if env == "Q" else "accept"
    tag = "CENTOS-%s-%s-%s" % (env, DAYS[i % 7], HOURS[i % 3])
    mid = add_vm(name, sub=sub, rg="rg-web" if i % 2 else "rg-app", tag=tag,
                 image="centos" if i % 5 else "centos-lvm", location=["westeurope", "northeurope", "francecentral"][i % 3],
                 patch_mode="AutomaticByPlatform" if i % 8 else "ImageDefault", bypass=bool(i % 8))
    assess(mid, name, n_security=rnd.randint(1, 5))

# --- custom-image CentOS VMs ----------------------------------------------------------------------------
for i in range(1, 5):
    name = "gold-%02d" % i
    mid = add_vm(name, sub="qual", rg="rg-gold", tag="CENTOS-Q-THU-22:00", image="custom-centos")
    assess(mid, name, n_security=2)
# custom image whose id says nothing, but the guest agent reports CentOS
mid = add_vm("gold-agent-01", sub="qual", rg="rg-gold", tag="CENTOS-Q-FRI-12:00", image="none",
             os_name="CentOS Linux 7 (Core)")
assess(mid, "gold-agent-01", n_security=2)

# --- Arc servers -------------------------------------------------------------------------------------------
for i in range(1, 7):
    name = "onprem-%02d" % i
    mid = add_arc(name, tag="CENTOS-R-%s-22:00" % DAYS[i % 7])
    # two Arc servers report to Log Analytics without a resource id: matched by computer name
    assess(mid, name, n_security=3, resource_id=(i > 2))

# --- regression: vm1 / vm10 (substring match), same name in two subscriptions, one package in two archs --
vm1 = add_vm("vm1", sub="qual", rg="rg-legacy", tag="CENTOS-Q-MON-03:00")
vm10 = add_vm("vm10", sub="qual", rg="rg-legacy", tag="CENTOS-Q-MON-03:00")
when = NOW - timedelta(hours=1)
row(vm1, "vm1", "tzdata", "noarch", "Other Updates", "Needed", when)
row(vm10, "vm10", "openssl", "x86_64", "Critical Updates", "Needed", when)
row(vm10, "vm10", "sudo", "x86_64", "Security Updates", "Needed", when)
for sub in ("qual", "accept"):
    mid = add_vm("app-db", sub=sub, rg="rg-db", tag="CENTOS-%s-SAT-03:00" % ("Q" if sub == "qual" else "R"))
    assess(mid, "app-db", fixed=["glibc", "openssl"])
multi = add_vm("multiarch-01", sub="qual", rg="rg-app", tag="CENTOS-Q-TUE-12:00")
row(multi, "multiarch-01", "vim-minimal", "x86_64", "Security Updates", "Needed", when)
row(multi, "multiarch-01", "vim-minimal", "i686", "Security Updates", "Needed", when)
row(multi, "multiarch-01", "nss", "x86_64", "Security Updates", "Needed", when)
row(multi, "multiarch-01", "nss", "i686", "Security Updates", "Needed", when)
# machine with its own time zone
ny = add_vm("ny-edge-01", sub="accept", rg="rg-us", tag="CENTOS-R-SUN-03:00", location="eastus",
            extra_tags={"patch-tz": "America/New_York"})
assess(ny, "ny-edge-01", n_security=2)

# --- skips ----------------------------------------------------------------------------------------------
for i in range(1, 7):  # OTHER_ENVIRONMENT: production
    name = "prod-%02d" % i
    mid = add_vm(name, sub="prod", rg="rg-prod", tag="CENTOS-P-%s-03:00" % DAYS[i % 7])
    assess(mid, name)
for name in ("untagged-01", "untagged-02"):  # NO_PATCH_TAG
    add_vm(name, sub="qual", rg="rg-misc", extra_tags={"owner": "team-web"})
add_vm("notags-01", sub="accept", rg="rg-misc")
for name, tag in (("badtag-hour", "CENTOS-Q-MON-04:00"), ("badtag-case", "centos-q-tue-03:00"),
                  ("badtag-env", "CENTOS-X-WED-12:00"), ("badtag-day", "CENTOS-Q-FUNDAY-12:00"),
                  ("badtag-space", " CENTOS-Q-MON-03:00"), ("badtag-prefix", "UBUNTU-Q-MON-03:00")):  # INVALID_PATCH_TAG
    add_vm(name, sub="qual", rg="rg-misc", tag=tag)
badtz = add_vm("badtz-01", sub="qual", rg="rg-misc", tag="CENTOS-Q-WED-12:00", extra_tags={"patch-tz": "Mars/Olympus"})
assess(badtz, "badtz-01")
for i in range(1, 5):  # OS_NOT_SELECTED: Ubuntu
    name = "ubuntu-%02d" % i
    mid = add_vm(name, sub="qual", rg="rg-k8s", tag="CENTOS-Q-WED-22:00", image="ubuntu")
    assess(mid, name)
for i in range(1, 4):  # OS_NOT_SELECTED: RHEL
    name = "rhel-%02d" % i
    mid = add_vm(name, sub="accept", rg="rg-erp", tag="CENTOS-R-FRI-22:00", image="rhel")
    assess(mid, name)
add_vm("custom-base-01", sub="qual", rg="rg-gold", tag="CENTOS-Q-FRI-03:00", image="custom-other")  # OS_NOT_SELECTED
add_vm("noimage-01", sub="qual", rg="rg-misc", tag="CENTOS-Q-MON-12:00", image="none")  # OS_UNKNOWN
add_arc("onprem-noos", tag="CENTOS-R-MON-12:00", os_name=None, os_sku=None)  # OS_UNKNOWN
for i in range(1, 4):  # NO_ASSESSMENT
    add_vm("silent-%02d" % i, sub="qual", rg="rg-app", tag="CENTOS-Q-TUE-03:00")
for i in range(1, 4):  # STALE_ASSESSMENT
    name = "stale-%02d" % i
    mid = add_vm(name, sub="accept", rg="rg-app", tag="CENTOS-R-THU-12:00")
    assess(mid, name, age_hours=9 + i)
for i in range(1, 4):  # NO_SECURITY_UPDATES
    name = "clean-%02d" % i
    mid = add_vm(name, sub="qual", rg="rg-app", tag="CENTOS-Q-SAT-12:00")
    assess(mid, name, fixed=[], n_other=2)
# DUPLICATE_MACHINE: the same VM listed twice (ARM ids are case-insensitive)
dup = machines[0]
machines.append(dict(dup, id=dup["id"].replace("resourceGroups/rg-app", "resourcegroups/RG-APP")))
# a Windows machine in the workspace: its rows are ignored (OSType Windows)
updates.append({"TimeGenerated": (NOW - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                "ResourceId": vm_id("qual", "rg-win", "win-01"), "Computer": "win-01", "SourceComputerId": "",
                "Product": "2026-11 Cumulative Update", "ProductArch": "", "ProductVersion": "",
                "Classification": "Security Updates", "UpdateState": "Needed", "BulletinID": "", "BulletinUrl": "",
                "OSType": "Windows"})


# --- existing deployments (Automation software update configurations) ----------------------------------

def dep_name(name, mid, env=None):
    """The per-machine name: pw-<env>-<name>-<16 hex> (0.2); without env, the 8-hex form of earlier versions."""
    clean = "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "-" for c in name)
    if env is None:
        return "pw-" + clean + "-" + hash8(mid.lower())
    return "pw-" + env + "-" + clean + "-" + hashlib.sha256(mid.lower().encode("utf-8")).hexdigest()[:16]


def next_window(day, hhmm, zone="Europe/Paris", lead=timedelta(minutes=10)):
    tz = ZoneInfo(zone)
    earliest = NOW + lead
    local = earliest.astimezone(tz)
    target_dow = DAYS.index(day)
    for k in range(-1, 9):
        d = (local + timedelta(days=k)).date()
        if d.weekday() != target_dow:
            continue
        h, m = map(int, hhmm.split(":"))
        start = datetime(d.year, d.month, d.day, h, m, tzinfo=tz)
        if start >= earliest:
            return start


def suc(name, mid, start, packages, next_run=True, zone="Europe/Paris"):
    acct = "/subscriptions/%s/resourceGroups/rg-automation/providers/Microsoft.Automation/automationAccounts/aa-patching" % SUBS["prod"]
    deployments.append({
        "id": acct + "/softwareUpdateConfigurations/" + name,
        "name": name,
        "type": "Microsoft.Automation/automationAccounts/softwareUpdateConfigurations",
        "properties": {
            "updateConfiguration": {
                "operatingSystem": "Linux",
                "linux": {"includedPackageNameMasks": packages, "rebootSetting": "Always"},
                "duration": "PT2H",
                "azureVirtualMachines": [mid],
                "nonAzureComputerNames": [],
            },
            "scheduleInfo": {
                "startTime": start.isoformat(),
                "timeZone": zone,
                "frequency": "OneTime",
                "isEnabled": True,
                "nextRun": start.isoformat() if next_run else None,
            },
            "provisioningState": "Succeeded",
        },
    })


# KEEP: app-db (qual) already has exactly its planned deployment
app_db_q = vm_id("qual", "rg-db", "app-db")
suc(dep_name("app-db", app_db_q, "Q"), app_db_q, next_window("SAT", "03:00"), ["glibc", "openssl"])
# UPDATE: multiarch-01 was planned before with one package less
suc(dep_name("multiarch-01", multi, "Q"), multi, next_window("TUE", "12:00"), ["vim-minimal"])
# DELETE: a deployment that ran last week (no next run)
old = vm_id("qual", "rg-web", "vm-00004")
ran = next_window("THU", "03:00") - timedelta(days=7)
suc(dep_name("vm-00004-old", old), old, ran, ["bash"], next_run=False)
# pending, no longer needed (clean-01 installed everything): kept unless --prune
clean = vm_id("qual", "rg-app", "clean-01")
suc(dep_name("clean-01", clean, "Q"), clean, next_window("SAT", "12:00"), ["openssl"])
# not ours: made by hand, never touched
suc("Patch CENTOS-Q-MON-03:00 => legacy-vm", vm_id("qual", "rg-legacy", "legacy-vm"), next_window("MON", "03:00"), ["kernel"])


# --- the same assessment as Azure Update Manager reports it today (Resource Graph) ---------------------
# Update Manager assesses on the machine with `yum --security check-update`, which finds nothing on CentOS:
# every pending CentOS update is classified Other. The Linux patch extension names a package with its
# architecture (`openssl-libs.x86_64`) and prints the epoch only when it is not 0. Assessments run daily,
# so the stale machines are a few days old here; RHEL and Ubuntu machines keep their classifications.

def patch_assessments():
    by_machine = {}
    kinds = {m["id"]: m for m in machines}
    computers = {m["name"]: m["id"] for m in machines}
    newest = {}
    for u in updates:
        mid = u["ResourceId"] or computers.get(u["Computer"])
        if mid not in kinds or u["OSType"] != "Linux":
            continue
        key = (mid, u["Product"], u["ProductArch"])
        if key not in newest or u["TimeGenerated"] > newest[key]["TimeGenerated"]:
            newest[key] = u
        by_machine[mid] = max(by_machine.get(mid, ""), u["TimeGenerated"])
    rows = []
    for mid in sorted(by_machine, key=lambda m: [x["id"] for x in machines].index(m)):
        last = datetime.strptime(by_machine[mid], "%Y-%m-%dT%H:%M:%S.000Z").replace(tzinfo=timezone.utc)
        if "/stale-" in mid:
            last -= timedelta(days=3)
        when = last.strftime("%Y-%m-%dT%H:%M:%SZ")
        image = kinds[mid].get("properties", {}).get("storageProfile", {}).get("imageReference") or {}
        centos = (image.get("publisher") or "") not in ("Canonical", "RedHat")
        base = mid + "/patchAssessmentResults/latest"
        pending = [u for (m, _, _), u in sorted(newest.items()) if m == mid and u["UpdateState"] == "Needed"]
        counts = {"security": 0, "critical": 0, "other": 0}
        patches = []
        for u in pending:
            cls = "Other" if centos or u["Classification"] == "Other Updates" else \
                ("Critical" if u["Classification"].startswith("Critical") else "Security")
            counts[cls.lower()] += 1
            name = u["Product"] + ("." + u["ProductArch"] if u["ProductArch"] else "")
            patches.append({
                "id": base + "/softwarePatches/" + name + "_" + u["ProductVersion"],
                "type": "microsoft.%s/patchassessmentresults/softwarepatches" % (
                    "hybridcompute/machines" if "HybridCompute" in mid else "compute/virtualmachines"),
                "properties": {"patchName": name, "version": u["ProductVersion"], "classifications": [cls],
                               "lastModifiedDateTime": when, "rebootRequired": u["Product"] == "kernel"}})
        rows.append({"id": base,
                     "type": "microsoft.%s/patchassessmentresults" % (
                         "hybridcompute/machines" if "HybridCompute" in mid else "compute/virtualmachines"),
                     "properties": {"status": "Succeeded", "lastModifiedDateTime": when, "osType": "Linux",
                                    "availablePatchCountByClassification": counts}})
        rows.extend(patches)
    return rows


# --- what the windows of the deployments above installed (Resource Graph patchinstallationresources) ---
# For `report --now 2026-12-02T12:00:00Z --since 2026-11-16T00:00:00Z`: app-db's window partly failed
# (openssl), clean-01's succeeded, multiarch-01 was off (the run never started), and vm-00004's window of the
# week before was exceeded (bash still pending). Rows as Update Manager writes them: a summary per machine and
# run, one softwarePatches row per package it considered, names with their architecture.

def installed_version(mid, product):
    rows = [u for u in updates if u["ResourceId"] == mid and u["Product"] == product and u["ProductVersion"]]
    return max(rows, key=lambda u: u["TimeGenerated"])["ProductVersion"] if rows else VERSIONS.get(product, "1.0-1.el7")


def installation(mid, guid, start, minutes, status, packages, exceeded=False, reboot="Completed", error=None):
    base = mid + "/patchInstallationResults/" + guid
    kind = "hybridcompute/machines" if "HybridCompute" in mid else "compute/virtualmachines"
    begin = start.astimezone(timezone.utc)
    end = begin + timedelta(minutes=minutes)
    counts = {s: sum(1 for p in packages if p[1] == s) for s in ("Installed", "Failed", "Pending", "Excluded", "NotSelected")}
    rows = [{"id": base, "type": "microsoft.%s/patchinstallationresults" % kind,
             "properties": {"status": status, "startedBy": "Platform", "osType": "Linux", "patchServiceUsed": "YUM",
                            "startDateTime": begin.strftime("%Y-%m-%dT%H:%M:%SZ"),
                            "lastModifiedDateTime": end.strftime("%Y-%m-%dT%H:%M:%SZ"),
                            "maintenanceRunId": "00000000-0000-4000-8000-" + guid[-12:],
                            "maintenanceWindowExceeded": exceeded, "rebootStatus": reboot,
                            "installedPatchCount": counts["Installed"], "failedPatchCount": counts["Failed"],
                            "pendingPatchCount": counts["Pending"], "excludedPatchCount": counts["Excluded"],
                            "notSelectedPatchCount": counts["NotSelected"],
                            "errorDetails": error or {"code": None, "message": None, "details": []}}}]
    for entry in packages:
        product, state = entry[0], entry[1]
        version = entry[2] if len(entry) > 2 else installed_version(mid, product)
        name = product + ".x86_64"
        rows.append({"id": base + "/softwarePatches/" + name + "_" + version,
                     "type": "microsoft.%s/patchinstallationresults/softwarepatches" % kind,
                     "properties": {"patchName": name, "version": version, "classifications": ["Other"],
                                    "installationState": state}})
    return rows


def installations():
    rows = []
    rows += installation(app_db_q, "5f0c1e2a-7b3d-4c8e-9a61-000000000001", next_window("SAT", "03:00") + timedelta(minutes=2),
                         24, "Failed", [("glibc", "Installed"), ("openssl", "Failed"), ("tzdata", "NotSelected")],
                         error={"code": "PackageInstallFailed", "message": "1 package failed to install",
                                "details": [{"code": "Failed", "message": "openssl: transaction check error"}]})
    rows += installation(clean, "5f0c1e2a-7b3d-4c8e-9a61-000000000002", next_window("SAT", "12:00") + timedelta(minutes=1),
                         9, "Succeeded", [("openssl", "Installed")])
    rows += installation(multi, "5f0c1e2a-7b3d-4c8e-9a61-000000000003", next_window("TUE", "12:00"), 0, "NotStarted", [],
                         reboot="NotNeeded", error={"code": "VMNotRunning", "message": "The machine was not running at the start of the window", "details": []})
    rows += installation(old, "5f0c1e2a-7b3d-4c8e-9a61-000000000004", ran + timedelta(minutes=3), 120,
                         "CompletedWithWarnings", [("bash", "Pending"), ("sudo", "NotSelected")], exceeded=True,
                         reboot="NotNeeded")
    # The week before --now 2026-11-25T10:17:00Z in Q and R, the evidence of `plan --environments P --promote-from
    # Q,R --soak P3D`: Monday's Q window (vm1, vm10), Tuesday's (multiarch-01) and Tuesday night's R window
    # (onprem-01), app-db's Saturdays. glibc failed twice of six, systemd once; bash installed in an older version
    # than production is offered; curl and bind-libs finished minutes too late for Thursday 03:00. These runs belong
    # to no managed deployment's window: `report` does not list them.
    week = timedelta(days=7)
    vm1_id, vm10_id, onprem1 = vm1, vm10, arc_id("accept", "rg-onprem", "onprem-01")
    rows += installation(app_db_q, "5f0c1e2a-7b3d-4c8e-9a61-000000000005", next_window("SAT", "03:00") - 2 * week
                         + timedelta(minutes=2), 18, "Failed", [("glibc", "Failed"), ("openssl", "Installed")],
                         error={"code": "PackageInstallFailed", "message": "1 package failed to install",
                                "details": [{"code": "Failed", "message": "glibc: transaction check error"}]})
    rows += installation(app_db_q, "5f0c1e2a-7b3d-4c8e-9a61-000000000006", next_window("SAT", "03:00") - week
                         + timedelta(minutes=2), 21, "Succeeded", [("glibc", "Installed"), ("openssl", "Installed")])
    monday = next_window("MON", "03:00") - week
    rows += installation(vm1_id, "5f0c1e2a-7b3d-4c8e-9a61-000000000007", monday + timedelta(minutes=2), 25,
                         "Succeeded", [("bash", "Installed", "3.9.5-38.el7_9"), ("bind-libs", "Installed"),
                                       ("curl", "Installed"), ("glibc", "Installed")])
    rows += installation(vm10_id, "5f0c1e2a-7b3d-4c8e-9a61-000000000008", monday + timedelta(minutes=1), 31, "Failed",
                         [("curl", "Installed"), ("glibc", "Installed"), ("libcurl", "Installed"), ("systemd", "Failed")],
                         error={"code": "PackageInstallFailed", "message": "1 package failed to install",
                                "details": [{"code": "Failed", "message": "systemd: scriptlet failed"}]})
    rows += installation(multi, "5f0c1e2a-7b3d-4c8e-9a61-000000000009", next_window("TUE", "12:00") - week
                         + timedelta(minutes=1), 6, "Succeeded", [("vim-minimal", "Installed")])
    rows += installation(onprem1, "5f0c1e2a-7b3d-4c8e-9a61-000000000010", next_window("TUE", "22:00") - week
                         + timedelta(minutes=3), 14, "Failed", [("curl", "Installed"), ("glibc", "Failed"),
                                                                ("libxml2", "Installed")],
                         error={"code": "PackageInstallFailed", "message": "1 package failed to install",
                                "details": [{"code": "Failed", "message": "glibc: transaction check error"}]})
    return rows


json.dump({"machines": machines, "updates": updates, "patchAssessments": patch_assessments(),
           "deployments": deployments, "installations": installations()}, __import__("sys").stdout, indent=1,
          ensure_ascii=False)
print()
