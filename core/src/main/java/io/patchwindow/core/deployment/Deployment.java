package io.patchwindow.core.deployment;

import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import io.patchwindow.core.advisory.PackageReason;
import io.patchwindow.core.collect.CpsSafeList;
import io.patchwindow.core.inventory.ResourceId;
import io.patchwindow.core.promotion.HeldBack;
import io.patchwindow.core.promotion.Promotion;

/**
 * A one-time patch deployment: which machines, when, for how long, exactly which packages, which package
 * masks no dependency may pull in, and why each package is in.
 *
 * @serial exclude
 * @param name the deterministic deployment name, e.g. {@code pw-vm-00003-1a2b3c4d}
 * @param machineIds the target machine resource ids, sorted, each once
 * @param start the window start, in the deployment's time zone
 * @param timeZone the IANA time zone of the window
 * @param duration the window length
 * @param reboot the reboot setting
 * @param packages the package names to install, sorted, each once
 * @param versions assessed version per package (empty when unknown), used for version pinning
 * @param excludes package name masks never installed, written as the platform's exclude masks
 *                 ({@code packageNameMasksToExclude}, {@code excludedPackageNameMasks}), sorted, each once
 * @param reasons why each package is in, by package name (empty for a deployment read from the platform)
 * @param excluded per machine id, the security updates that {@code excludes} kept out, sorted; only machines
 *                 with any
 * @param promotions per package name, the source rings' proof of its version when the plan promotes between
 *                   rings (its mask is then pinned); empty otherwise and for a deployment read from the platform
 * @param heldBack the planned packages of its machines that promotion held back, sorted by machine id then package
 */
public record Deployment(String name, List<String> machineIds, ZonedDateTime start, ZoneId timeZone,
                         Duration duration, Reboot reboot, List<String> packages, Map<String, String> versions,
                         List<String> excludes, Map<String, PackageReason> reasons,
                         Map<String, List<String>> excluded, Map<String, Promotion> promotions,
                         List<HeldBack> heldBack) implements Serializable {

    /**
     * Creates a deployment without exclude masks, reasons or excluded packages.
     *
     * @param name the deterministic deployment name
     * @param machineIds the target machine resource ids
     * @param start the window start
     * @param timeZone the IANA time zone of the window
     * @param duration the window length
     * @param reboot the reboot setting
     * @param packages the package names to install
     * @param versions assessed version per package
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the name is blank or the duration not positive
     */
    public Deployment(String name, List<String> machineIds, ZonedDateTime start, ZoneId timeZone,
                      Duration duration, Reboot reboot, List<String> packages, Map<String, String> versions) {
        this(name, machineIds, start, timeZone, duration, reboot, packages, versions, List.of(), Map.of(), Map.of());
    }

    /**
     * Creates a deployment without promotion records.
     *
     * @param name the deterministic deployment name
     * @param machineIds the target machine resource ids
     * @param start the window start
     * @param timeZone the IANA time zone of the window
     * @param duration the window length
     * @param reboot the reboot setting
     * @param packages the package names to install
     * @param versions assessed version per package
     * @param excludes package name masks never installed
     * @param reasons why each package is in, by package name
     * @param excluded per machine id, the security updates that the masks kept out
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the name is blank or the duration not positive
     */
    public Deployment(String name, List<String> machineIds, ZonedDateTime start, ZoneId timeZone,
                      Duration duration, Reboot reboot, List<String> packages, Map<String, String> versions,
                      List<String> excludes, Map<String, PackageReason> reasons, Map<String, List<String>> excluded) {
        this(name, machineIds, start, timeZone, duration, reboot, packages, versions, excludes, reasons, excluded,
                Map.of(), List.of());
    }

    /**
     * Returns a copy with other exclude masks (e.g. as a target reads them back).
     *
     * @param masks the masks, not null
     * @return the copy, not null
     */
    public Deployment withExcludes(List<String> masks) {
        return new Deployment(name, machineIds, start, timeZone, duration, reboot, packages, versions, masks,
                reasons, excluded, promotions, heldBack);
    }

    /**
     * Validates and normalises the components: ids and packages sorted and de-duplicated.
     *
     * @param name the deterministic deployment name, e.g. {@code pw-vm-00003-1a2b3c4d}
     * @param machineIds the target machine resource ids, sorted, each once
     * @param start the window start, in the deployment's time zone
     * @param timeZone the IANA time zone of the window
     * @param duration the window length
     * @param reboot the reboot setting
     * @param packages the package names to install, sorted, each once
     * @param versions assessed version per package (empty when unknown), used for version pinning
     * @param excludes package name masks never installed
     * @param reasons why each package is in, by package name
     * @param excluded per machine id, the security updates that the masks kept out
     * @param promotions per package name, the source rings' proof of its version
     * @param heldBack the planned packages of its machines that promotion held back
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the name is blank or the duration not positive
     */
    public Deployment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(machineIds, "machineIds");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(reboot, "reboot");
        Objects.requireNonNull(packages, "packages");
        Objects.requireNonNull(versions, "versions");
        if (name.isBlank()) {
            throw new IllegalArgumentException("Invalid deployment name '': must not be blank");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("Invalid duration '" + duration + "' of deployment '" + name
                    + "': must be positive, e.g. PT2H");
        }
        machineIds = sortedDistinct(machineIds);
        packages = sortedDistinct(packages);
        versions = Collections.unmodifiableSortedMap(new TreeMap<>(versions));
        excludes = sortedDistinct(Objects.requireNonNull(excludes, "excludes"));
        Objects.requireNonNull(reasons, "reasons");
        reasons = reasons.isEmpty() ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(reasons));
        Objects.requireNonNull(excluded, "excluded");
        if (excluded.isEmpty()) {
            excluded = Map.of();
        } else {
            TreeMap<String, List<String>> ex = new TreeMap<>();
            excluded.forEach((k, v) -> ex.put(k, sortedDistinct(v)));
            excluded = Collections.unmodifiableSortedMap(ex);
        }
        Objects.requireNonNull(promotions, "promotions");
        promotions = promotions.isEmpty() ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(promotions));
        List<HeldBack> held = new ArrayList<>(Objects.requireNonNull(heldBack, "heldBack"));
        held.sort(HELD_BACK_ORDER);
        heldBack = List.copyOf(held);
    }

    /** The order of held-back packages: machine id, then package name. */
    public static final java.util.Comparator<HeldBack> HELD_BACK_ORDER =
            java.util.Comparator.comparing(HeldBack::machineId).thenComparing(HeldBack::name);

    /** A sorted copy without duplicates; a list that already is one (what the planner gives) is copied as it is. */
    private static List<String> sortedDistinct(List<String> in) {
        for (int i = 1; i < in.size(); i++) {
            if (in.get(i - 1).compareTo(in.get(i)) >= 0) {
                return CpsSafeList.copyOf(new TreeSet<>(in));
            }
        }
        return CpsSafeList.copyOf(in);
    }

    /**
     * Returns whether this deployment asks for the same thing as another: same machines (case-insensitive),
     * same start instant, zone, duration, reboot setting, packages and exclude masks. Names, reasons, the
     * excluded packages and the promotion records (explanations, not written to the platform) are not compared.
     *
     * @param other the other deployment, not null
     * @return true if nothing differs
     */
    public boolean sameAs(Deployment other) {
        return lower(machineIds).equals(lower(other.machineIds))
                && start.toInstant().equals(other.start.toInstant())
                && timeZone.equals(other.timeZone)
                && duration.equals(other.duration)
                && reboot == other.reboot
                && packages.equals(other.packages)
                && excludes.equals(other.excludes);
    }

    /**
     * Lists what differs from another deployment, e.g. {@code [packages, start]}.
     *
     * @param other the other deployment, not null
     * @return the names of the differing fields, empty when {@link #sameAs} holds
     */
    public List<String> differences(Deployment other) {
        return differences(other, false);
    }

    /**
     * Lists what differs from another deployment; with {@code compareVersions} the pinned package masks
     * ({@code name=version}) are compared too, e.g. {@code [versions]} when only a version changed.
     *
     * @param other the other deployment, not null
     * @param compareVersions whether versions count (deployments written with pinned versions)
     * @return the names of the differing fields, not null
     */
    public List<String> differences(Deployment other, boolean compareVersions) {
        List<String> out = new ArrayList<>();
        if (!lower(machineIds).equals(lower(other.machineIds))) {
            out.add("machines");
        }
        if (!start.toInstant().equals(other.start.toInstant())) {
            out.add("start");
        }
        if (!timeZone.equals(other.timeZone)) {
            out.add("timeZone");
        }
        if (!duration.equals(other.duration)) {
            out.add("duration");
        }
        if (reboot != other.reboot) {
            out.add("reboot");
        }
        if (!packages.equals(other.packages)) {
            out.add("packages");
        } else if (compareVersions && !packageMasks(true).equals(other.packageMasks(true))) {
            out.add("versions");
        }
        if (!excludes.equals(other.excludes)) {
            out.add("excludes");
        }
        return out;
    }

    /**
     * Returns when the window closes.
     *
     * @return start plus duration, not null
     */
    public ZonedDateTime end() {
        return start.plus(duration);
    }

    /**
     * Returns the package masks to install: names, or {@code name=version} when {@code pinVersions} is true
     * and the version is known.
     *
     * @param pinVersions whether to pin versions
     * @return the masks, sorted, not null
     */
    public List<String> packageMasks(boolean pinVersions) {
        List<String> out = new ArrayList<>(packages.size());
        for (String p : packages) {
            String v = versions.get(p);
            out.add(pinVersions && v != null && !v.isEmpty() ? p + "=" + v : p);
        }
        return out;
    }

    /**
     * Returns this deployment as an ordered map of JSON-ready values (ISO-8601 strings, enum names).
     *
     * @return a new ordered map, not null
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        putFields(m);
        return m;
    }

    /** Puts the fields of {@link #toMap()} after the name; {@link DeploymentAction#toMap()} puts its own first. */
    void putFields(Map<String, Object> m) {
        m.put("machineIds", machineIds);
        m.put("start", formatStart(start));
        m.put("timeZone", timeZone.getId());
        m.put("duration", duration.toString());
        m.put("reboot", reboot.apiName());
        m.put("packages", packages);
        if (!excluded.isEmpty()) {
            m.put("excluded", excluded);
        }
    }

    /**
     * Formats a window start as ISO-8601 with seconds and offset, e.g. {@code 2026-11-29T12:00:00+01:00}; a
     * start with a fraction of a second keeps it exactly, e.g. {@code 2026-11-29T12:00:00.25+01:00}.
     *
     * @param start the start, not null
     * @return the text, not null
     */
    public static String formatStart(ZonedDateTime start) {
        return ISO_OFFSET.format(Objects.requireNonNull(start, "start"));
    }

    /**
     * Seconds always; a fraction only when there is one, with as many digits as it needs (the pattern
     * {@code ss} alone cut an existing deployment's {@code 03:00:00.5} to {@code 03:00:00}); the offset with its
     * seconds when it has any ({@code XXX} would cut those too).
     */
    private static final java.time.format.DateTimeFormatter ISO_OFFSET = new java.time.format.DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendOffset("+HH:MM:ss", "Z")
            .toFormatter(java.util.Locale.ROOT);

    private static TreeSet<String> lower(List<String> ids) {
        TreeSet<String> out = new TreeSet<>();
        for (String id : ids) {
            out.add(ResourceId.key(id));
        }
        return out;
    }
}
