package io.patchwindow.core.advisory;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One published advisory: what it is, how severe, when, which CVEs, and which package versions fix it.
 *
 * <p>Ids are kept as published: {@code RHSA-2024:1234} (Red Hat), {@code CESA-2024:1234} (CentOS),
 * {@code ALSA-2024:1234} (AlmaLinux), {@code RLSA-2024:1234} (Rocky), {@code ELSA-2024-1234} (Oracle),
 * {@code TSSA-2024:1234} (TuxCare), or a CVE id alone ({@code CVE-2024-1234}) where a source publishes
 * per CVE.
 *
 * @serial exclude
 * @param id the advisory id, not blank
 * @param type security, bug fix or enhancement
 * @param severity the severity, {@link Severity#NONE} when not rated
 * @param issued the issue date, if published
 * @param updated the date of the last update, if published
 * @param cves the CVE ids, in the source's order, each once
 * @param packages the fixed packages
 * @param platform the platform it applies to, e.g. {@code EL7}; empty when the source does not say
 */
public record Advisory(String id, AdvisoryType type, Severity severity, @org.jspecify.annotations.Nullable LocalDate issued,
                       @org.jspecify.annotations.Nullable LocalDate updated, List<String> cves,
                       List<FixedPackage> packages, String platform) implements Serializable {

    /**
     * Validates and copies the components.
     *
     * @param id the advisory id, not blank
     * @param type security, bug fix or enhancement
     * @param severity the severity
     * @param issued the issue date, may be null
     * @param updated the update date, may be null
     * @param cves the CVE ids
     * @param packages the fixed packages
     * @param platform the platform, may be empty
     * @throws IllegalArgumentException if the id is blank
     */
    public Advisory {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(platform, "platform");
        if (id.isBlank()) {
            throw new IllegalArgumentException("Invalid advisory: the id is blank");
        }
        cves = List.copyOf(new java.util.LinkedHashSet<>(cves));
        packages = List.copyOf(packages);
    }

    /**
     * Returns the newest of the issue and update dates.
     *
     * @return the date, or null when the advisory has neither
     */
    public @org.jspecify.annotations.Nullable LocalDate newestDate() {
        if (updated == null) {
            return issued;
        }
        return issued == null || updated.isAfter(issued) ? updated : issued;
    }
}
