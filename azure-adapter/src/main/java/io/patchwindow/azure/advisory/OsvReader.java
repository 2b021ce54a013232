package io.patchwindow.azure.advisory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.databind.JsonNode;

import io.patchwindow.core.advisory.Advisory;
import io.patchwindow.core.advisory.AdvisorySink;
import io.patchwindow.core.advisory.AdvisoryType;
import io.patchwindow.core.advisory.FixedPackage;
import io.patchwindow.core.advisory.Severity;

/**
 * Reads one OSV entry (schema 1.x) as Red Hat, AlmaLinux and Rocky Linux publish them:
 *
 * <pre>{@code
 * {"id": "RHSA-2024:3211", "published": "2024-05-22T08:21:36Z", "modified": "2024-05-23T00:00:00Z",
 *  "upstream": ["CVE-2023-5678"], "summary": "Moderate: openssl security update",
 *  "affected": [{"package": {"ecosystem": "Red Hat:enterprise_linux:7::server", "name": "openssl"},
 *                "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1:1.0.2k-26.el7_9"}]}]}]}
 * }</pre>
 *
 * <p>Only {@code affected} entries of the RPM ecosystems {@code Red Hat}, {@code AlmaLinux} and
 * {@code Rocky Linux} (with their {@code :8}, {@code :9} or {@code :enterprise_linux:7::server} suffixes)
 * count; each {@code fixed} event of an {@code ECOSYSTEM} range is a fixed package (any architecture).
 * Entries of several major versions become one advisory per platform ({@code EL7}, {@code EL8}...), so a
 * RHEL 9 fix never matches a RHEL 7 package. CVE ids come from {@code id}, {@code aliases},
 * {@code upstream} and {@code related}. The severity is {@code database_specific.severity} or
 * {@code ecosystem_specific.severity} where present, else the summary's prefix ({@code Important: ...}),
 * else none. An entry with no RPM package is skipped.
 */
final class OsvReader {
    /** The ecosystems whose versions are RPM EVRs. */
    private static final Set<String> RPM_ECOSYSTEMS = Set.of("Red Hat", "AlmaLinux", "Rocky Linux");

    private OsvReader() {
    }

    static void read(JsonNode osv, String path, String file, AdvisorySink sink) {
        String id;
        try {
            id = Fields.advisoryId(JsonAdvisories.text(osv, "id", path, file));
        } catch (IllegalArgumentException e) {
            throw new AdvisoryFileException(file, path + ".id", e.getMessage(), e);
        }
        LocalDate published = date(osv, "published", path, file);
        LocalDate modified = date(osv, "modified", path, file);
        Set<String> cves = new LinkedHashSet<>();
        if (Fields.CVE.matcher(id).matches()) {
            cves.add(id);
        }
        for (String field : List.of("aliases", "upstream", "related")) {
            JsonNode ids = JsonAdvisories.array(osv, field, path, file);
            for (int i = 0; i < ids.size(); i++) {
                String alias = ids.get(i).isTextual() ? ids.get(i).textValue().strip() : "";
                if (Fields.CVE.matcher(alias).matches()) {
                    cves.add(alias);
                }
            }
        }
        Severity severity = severity(osv, path, file);
        Map<String, Set<FixedPackage>> byPlatform = new LinkedHashMap<>();
        JsonNode affected = JsonAdvisories.array(osv, "affected", path, file);
        for (int a = 0; a < affected.size(); a++) {
            String at = path + ".affected[" + a + "]";
            JsonNode entry = affected.get(a);
            JsonNode pkg = JsonAdvisories.object(entry, "package", at, file);
            String ecosystem = JsonAdvisories.text(pkg, "ecosystem", at + ".package", file);
            if (ecosystem == null || !RPM_ECOSYSTEMS.contains(base(ecosystem))) {
                continue;
            }
            String name;
            try {
                name = Fields.packageName(JsonAdvisories.text(pkg, "name", at + ".package", file));
            } catch (IllegalArgumentException e) {
                throw new AdvisoryFileException(file, at + ".package.name", e.getMessage(), e);
            }
            if (severity == Severity.NONE) {
                severity = severityOf(JsonAdvisories.object(entry, "ecosystem_specific", at, file), at + ".ecosystem_specific", file);
            }
            Set<FixedPackage> fixed = byPlatform.computeIfAbsent(Fields.platformOfName(ecosystem.replace("::", ":")
                    .replaceAll(":[a-z_]+$", "")), k -> new LinkedHashSet<>());
            JsonNode ranges = JsonAdvisories.array(entry, "ranges", at, file);
            for (int r = 0; r < ranges.size(); r++) {
                String rat = at + ".ranges[" + r + "]";
                if (!"ECOSYSTEM".equals(JsonAdvisories.text(ranges.get(r), "type", rat, file))) {
                    continue;
                }
                JsonNode events = JsonAdvisories.array(ranges.get(r), "events", rat, file);
                for (int e = 0; e < events.size(); e++) {
                    String version = JsonAdvisories.text(events.get(e), "fixed", rat + ".events[" + e + "]", file);
                    if (version == null) {
                        continue;
                    }
                    try {
                        fixed.add(new FixedPackage(name, Fields.evr(version), ""));
                    } catch (IllegalArgumentException ex) {
                        throw new AdvisoryFileException(file, rat + ".events[" + e + "].fixed", ex.getMessage(), ex);
                    }
                }
            }
        }
        AdvisoryType type = Fields.typeOfId(id);
        for (Map.Entry<String, Set<FixedPackage>> e : byPlatform.entrySet()) {
            List<FixedPackage> fixed = new ArrayList<>(e.getValue());
            String platform = e.getKey().isEmpty() ? Fields.platformOfPackages(fixed) : e.getKey();
            sink.accept(new Advisory(id, type, severity, published, modified, List.copyOf(cves), fixed, platform));
        }
    }

    /** The ecosystem without its release suffix: {@code AlmaLinux:8} gives {@code AlmaLinux}. */
    private static String base(String ecosystem) {
        int colon = ecosystem.indexOf(':');
        return colon < 0 ? ecosystem : ecosystem.substring(0, colon);
    }

    private static Severity severity(JsonNode osv, String path, String file) {
        Severity s = severityOf(JsonAdvisories.object(osv, "database_specific", path, file), path + ".database_specific", file);
        if (s != Severity.NONE) {
            return s;
        }
        String summary = JsonAdvisories.text(osv, "summary", path, file);
        int colon = summary == null ? -1 : summary.indexOf(':');
        if (colon > 0) {
            try {
                return Severity.parse(summary.substring(0, colon));
            } catch (IllegalArgumentException notASeverity) {
                return Severity.NONE; // a summary such as "nodejs:22 security update"
            }
        }
        return Severity.NONE;
    }

    private static Severity severityOf(JsonNode specific, String path, String file) {
        if (!specific.isObject()) {
            return Severity.NONE;
        }
        String text = JsonAdvisories.text(specific, "severity", path, file);
        try {
            return Fields.severity(text);
        } catch (IllegalArgumentException e) {
            throw new AdvisoryFileException(file, path + ".severity", e.getMessage(), e);
        }
    }

    private static @Nullable LocalDate date(JsonNode osv, String field, String path, String file) {
        String text = JsonAdvisories.text(osv, field, path, file);
        try {
            return text == null ? null : Fields.date(text);
        } catch (IllegalArgumentException e) {
            throw new AdvisoryFileException(file, path + "." + field, e.getMessage(), e);
        }
    }
}
