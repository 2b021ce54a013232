package io.patchwindow.core.report;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One planned package on one machine in one window.
 *
 * @serial exclude
 * @param name the planned package name, e.g. {@code openssl}
 * @param plannedVersion the version the plan pinned or assessed, else null
 * @param reasons why it was planned (advisory ids, {@code azure:<class>}), empty when the plan does not say
 * @param status what happened
 * @param version the version the run reported for it (installed or attempted), else null
 */
public record PackageReport(String name, @Nullable String plannedVersion, List<String> reasons, PackageStatus status,
                            @Nullable String version) implements Serializable {

    /**
     * Validates and copies the components.
     *
     * @param name the planned package name
     * @param plannedVersion the planned version, or null
     * @param reasons why it was planned
     * @param status what happened
     * @param version the reported version, or null
     * @throws NullPointerException if a required component is null
     */
    public PackageReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        reasons = List.copyOf(reasons);
    }

    /**
     * Returns this package as an ordered map of JSON-ready values.
     *
     * @return a new ordered map, not null
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("status", status.name());
        m.put("version", version);
        m.put("plannedVersion", plannedVersion);
        if (!reasons.isEmpty()) {
            m.put("reasons", reasons);
        }
        return m;
    }
}
