package io.patchwindow.azure.advisory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.stream.XMLStreamException;

import io.patchwindow.core.advisory.Advisory;
import io.patchwindow.core.advisory.AdvisorySink;
import io.patchwindow.core.advisory.AdvisoryType;
import io.patchwindow.core.advisory.FixedPackage;
import io.patchwindow.core.advisory.Severity;

/**
 * Reads a yum/dnf repository's {@code updateinfo.xml}, as yum, dnf (libdnf through libsolv) and
 * createrepo_c read it:
 *
 * <pre>{@code
 * <updates>
 *   <update from="security@redhat.com" status="final" type="security" version="1">
 *     <id>RHSA-2024:3211</id>
 *     <severity>Moderate</severity>
 *     <issued date="2024-05-22 08:21:36"/>
 *     <updated date="2024-05-22 08:21:36"/>
 *     <references><reference href="..." id="CVE-2023-5678" type="cve"/></references>
 *     <pkglist><collection short="rhel-7-server-rpms">
 *       <package name="openssl" epoch="1" version="1.0.2k" release="26.el7_9" arch="x86_64" src="..."/>
 *     </collection></pkglist>
 *   </update>
 * </updates>
 * }</pre>
 *
 * <p>{@code type} {@code security} is a security advisory; {@code bugfix} and {@code recommended} bug
 * fixes; anything else an enhancement. A missing {@code epoch} is 0; a missing {@code arch} fits any.
 * Dates are {@code YYYY-MM-DD[ HH:MM[:SS]][ UTC]} or epoch seconds. Other elements are skipped.
 */
final class UpdateinfoReader {
    /** What the reader reads: the attributes and texts below, nothing else of the document. */
    static final XmlElements.Vocabulary VOCABULARY = new XmlElements.Vocabulary(Map.of(
            "update", Set.of("type"),
            "issued", Set.of("date"),
            "updated", Set.of("date"),
            "reference", Set.of("type", "id"),
            "package", Set.of("name", "epoch", "version", "release", "arch")),
            Set.of("id", "severity"), Set.of());

    private UpdateinfoReader() {
    }

    /** Reads the children of {@code <updates>}; the reader is on the root's start tag. */
    static void read(XmlElements r, String file, AdvisorySink sink) throws XMLStreamException {
        for (String name = XmlAdvisories.nextChild(r); name != null; name = XmlAdvisories.nextChild(r)) {
            if (name.equals("update")) {
                sink.accept(update(r, file));
            } else {
                XmlAdvisories.skipElement(r);
            }
        }
    }

    private static Advisory update(XmlElements r, String file) throws XMLStreamException {
        String start = r.position();
        AdvisoryType type = Fields.typeOfUpdate(r.attribute("type"));
        String id = null;
        Severity severity = Severity.NONE;
        LocalDate issued = null;
        LocalDate updated = null;
        List<String> cves = new ArrayList<>();
        Set<FixedPackage> packages = new LinkedHashSet<>();
        Descendants d = new Descendants(r);
        for (String name = d.next(); name != null; name = d.next()) {
            try {
                switch (name) {
                    case "id" -> {
                        if (d.isChild()) {
                            id = Fields.advisoryId(d.text());
                        }
                    }
                    case "severity" -> {
                        if (d.isChild()) {
                            severity = Fields.severity(d.text());
                        }
                    }
                    case "issued" -> issued = XmlAdvisories.date(r);
                    case "updated" -> updated = XmlAdvisories.date(r);
                    case "reference" -> {
                        if ("cve".equals(r.attribute("type"))) {
                            cves.add(Fields.cve(r.attribute("id")));
                        }
                    }
                    case "package" -> packages.add(fixedPackage(r));
                    case "description", "summary", "solution", "rights", "title" -> d.skip();
                    default -> {
                        // pkglist, collection, references and elements of other tools: walked into
                    }
                }
            } catch (IllegalArgumentException e) {
                // the position where the reader is: at or just after the value found wrong
                throw new AdvisoryFileException(file, r.position(), "<" + name + ">: " + e.getMessage(), e);
            }
        }
        if (id == null) {
            throw new AdvisoryFileException(file, start, "<update> has no <id>; expected e.g. <id>RHSA-2024:3211</id>", null);
        }
        List<FixedPackage> fixed = List.copyOf(packages);
        return new Advisory(id, type, severity, issued, updated, cves, fixed, Fields.platformOfPackages(fixed));
    }

    /** A {@code <package>}'s attributes, read in one pass over them (the first of each name counts). */
    private static FixedPackage fixedPackage(XmlElements r) {
        String name = null;
        String epoch = null;
        String version = null;
        String release = null;
        String arch = null;
        for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
            switch (r.getAttributeLocalName(i)) {
                case "name" -> name = name == null ? r.getAttributeValue(i) : name;
                case "epoch" -> epoch = epoch == null ? r.getAttributeValue(i) : epoch;
                case "version" -> version = version == null ? r.getAttributeValue(i) : version;
                case "release" -> release = release == null ? r.getAttributeValue(i) : release;
                case "arch" -> arch = arch == null ? r.getAttributeValue(i) : arch;
                default -> {
                    // src, and attributes of other tools
                }
            }
        }
        return new FixedPackage(Fields.packageName(name), Fields.evr(epoch, version, release), Fields.arch(arch));
    }
}
