package io.patchwindow.core.advisory;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.patchwindow.core.assessment.Classification;

/**
 * Why a package is in a deployment: the security advisories its pending version fixes (ids, the highest
 * severity among them, their CVE ids) and the Azure classifications that counted, and whether the
 * installed version was unknown when an advisory was matched (so the advisory might already be fixed on
 * the machine).
 *
 * <pre>{@code
 * PackageReason r = PackageReason.ofAdvisories(List.of(rhsa), true);
 * r.describe()   // "RHSA-2024:1234 Important, installed version unknown"
 * PackageReason.ofAzure(Set.of(Classification.SECURITY)).describe()   // "azure:Security"
 * }</pre>
 *
 * <p>Advisory ids and CVE ids are sorted and distinct; {@link #merge} of the reasons of several machines
 * or architectures is their union, so the order of machines never matters. Immutable.
 *
 * @serial exclude
 * @param advisories the ids of the matching security advisories, sorted, each once; empty when only Azure decided
 * @param severity the highest severity among them, {@link Severity#NONE} when none or not rated
 * @param cves the CVE ids of those advisories, sorted, each once
 * @param azure the Azure classifications that counted (those of the policy), empty when only advisories decided
 * @param installedUnknown whether an advisory matched without the installed version (fixed &lt;= available only)
 */
public record PackageReason(List<String> advisories, Severity severity, List<String> cves,
                            Set<Classification> azure, boolean installedUnknown) implements Serializable {

    /**
     * Validates and normalises the components (ids sorted and distinct, classifications copied).
     *
     * @param advisories the advisory ids
     * @param severity the highest severity
     * @param cves the CVE ids
     * @param azure the Azure classifications that counted
     * @param installedUnknown whether the installed version was unknown for a matched advisory
     * @throws IllegalArgumentException if neither an advisory nor a classification is given
     */
    public PackageReason {
        Objects.requireNonNull(advisories, "advisories");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(cves, "cves");
        Objects.requireNonNull(azure, "azure");
        advisories = List.copyOf(new TreeSet<>(advisories));
        cves = List.copyOf(new TreeSet<>(cves));
        azure = azure.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(azure));
        if (advisories.isEmpty() && azure.isEmpty()) {
            throw new IllegalArgumentException("Invalid package reason: neither an advisory nor an Azure classification");
        }
    }

    /**
     * The reason of a package that Azure classifies.
     *
     * @param classifications the classifications that counted, not empty
     * @return the reason, not null
     * @throws IllegalArgumentException if empty
     */
    public static PackageReason ofAzure(Set<Classification> classifications) {
        return new PackageReason(List.of(), Severity.NONE, List.of(), classifications, false);
    }

    /**
     * The reason of a package whose pending version fixes advisories.
     *
     * @param advisories the matching advisories, not empty
     * @param installedUnknown whether the installed version was unknown
     * @return the reason, not null
     * @throws IllegalArgumentException if empty
     */
    public static PackageReason ofAdvisories(Collection<Advisory> advisories, boolean installedUnknown) {
        Objects.requireNonNull(advisories, "advisories");
        List<String> ids = new ArrayList<>(advisories.size());
        List<String> cves = new ArrayList<>();
        Severity highest = Severity.NONE;
        for (Advisory a : advisories) {
            ids.add(a.id());
            cves.addAll(a.cves());
            if (a.severity().compareTo(highest) > 0) {
                highest = a.severity();
            }
        }
        return new PackageReason(ids, highest, cves, Set.of(), installedUnknown && !ids.isEmpty());
    }

    /**
     * Returns the union of this reason and another (of the same package on another architecture or machine):
     * advisory ids, CVE ids and classifications united, the higher severity, installed unknown if either says so.
     *
     * @param other the other reason, not null
     * @return the union, not null
     */
    public PackageReason merge(PackageReason other) {
        Objects.requireNonNull(other, "other");
        if (other.equals(this)) {
            return this;
        }
        List<String> ids = new ArrayList<>(advisories);
        ids.addAll(other.advisories);
        List<String> allCves = new ArrayList<>(cves);
        allCves.addAll(other.cves);
        Set<Classification> classes = EnumSet.noneOf(Classification.class);
        classes.addAll(azure);
        classes.addAll(other.azure);
        return new PackageReason(ids, severity.compareTo(other.severity) >= 0 ? severity : other.severity,
                allCves, classes, installedUnknown || other.installedUnknown);
    }

    /**
     * Returns the reason compactly, as the text plan shows it: advisory ids then the highest severity, then
     * {@code azure:<classification>} for each classification, then {@code installed version unknown}, e.g.
     * {@code RHSA-2024:1234 Important}, {@code RHSA-2024:1234, RHSA-2024:2001 Critical, azure:Security}.
     *
     * @return the text, not null
     */
    public String describe() {
        return describe(true);
    }

    /**
     * Returns the reason in a few words, as {@link #describe()}, with or without the note that the installed
     * version was unknown (a plan that says it once for every package leaves it out here).
     *
     * @param withInstalled whether to add {@code installed version unknown} where it applies
     * @return the text, not null
     */
    public String describe(boolean withInstalled) {
        List<String> parts = new ArrayList<>();
        if (!advisories.isEmpty()) {
            parts.add(String.join(", ", advisories) + (severity == Severity.NONE ? "" : " " + severity.displayName()));
        }
        for (String c : Classification.displayNames(azure)) {
            parts.add("azure:" + c);
        }
        if (installedUnknown && withInstalled) {
            parts.add("installed version unknown");
        }
        return String.join(", ", parts);
    }

    /**
     * Returns the reason as the plan JSON writes it: {@code advisories}, {@code severity} (display name),
     * {@code cves}, {@code azure} (classification display names), {@code installedUnknown}.
     *
     * @return a new ordered map, not null
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("advisories", advisories);
        m.put("severity", severity.displayName());
        m.put("cves", cves);
        m.put("azure", Classification.displayNames(azure));
        m.put("installedUnknown", installedUnknown);
        return m;
    }
}
