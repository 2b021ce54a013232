package io.patchwindow.core.plan;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import io.patchwindow.core.assessment.PackageNames;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.text.Quoting;

/**
 * The package masks of a deployment as the platform holds them, checked both ways: what a target is about to write
 * ({@link #writeProblem}) and what it reads back ({@link #readIncluded}, {@link #excludedDamage}). The platform hands
 * these masks to the package manager, so a mask is trusted only when it is exactly what patchwindow writes: an
 * include mask is a package name by {@link PackageNames}' rule, or {@code name=version} (a pin) with a version by
 * its version rule; an exclude mask is a {@link PackageMask} as written (no white space around it).
 *
 * <pre>{@code
 * PlatformMasks.readIncluded(List.of("openssl", "curl=7.29.0-59.el7_9.2")).damage()   // null: intact
 * PlatformMasks.readIncluded(List.of("--exclude=x")).packages()                      // [--exclude=x], verbatim
 * PlatformMasks.readIncluded(List.of("--exclude=x")).damage()
 *     // package mask '--exclude=x' breaks the package-name rule (a package name is ASCII letters, ...)
 * }</pre>
 *
 * <p>Read back, nothing is trimmed, split or dropped that patchwindow would not have written so: a mask that breaks
 * the rule is kept whole as a package (so that the comparison with the plan sees the difference) and the result
 * says why in one line.
 */
public final class PlatformMasks {
    /** The most code points of a mask quoted in a message (the message names the rule too). */
    static final int QUOTED = 40;

    private PlatformMasks() {
    }

    /**
     * Include masks as read back: packages, the versions of valid pins, and why the list is damaged.
     *
     * @serial exclude
     * @param packages the package names, sorted, each once; a mask that breaks the rule is one package, verbatim
     * @param versions per package, the version its valid pin names, sorted by name
     * @param damage one line that quotes the first mask that breaks the rule, counts the others and names the rule; null
     *               when every mask is intact
     */
    public record Included(List<String> packages, Map<String, String> versions, @Nullable String damage)
            implements Serializable {
        /**
         * Validates and copies the components.
         *
         * @param packages the package names
         * @param versions per package, the version its pin names
         * @param damage why the list is damaged, or null
         * @throws NullPointerException if packages or versions is null
         */
        public Included {
            packages = List.copyOf(new java.util.TreeSet<>(Objects.requireNonNull(packages, "packages")));
            versions = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(versions, "versions")));
        }
    }

    /**
     * Reads include masks as the platform gave them back ({@code includedPackageNameMasks},
     * {@code packageNameMasksToInclude}): {@code openssl} is the package {@code openssl}; {@code openssl=1:1.0.2k-26}
     * is the package {@code openssl} pinned to {@code 1:1.0.2k-26}; anything else (a name that breaks the rule, a
     * pin whose name or version does, white space around a name) is a package of its own text, and damage.
     *
     * @param masks the masks' texts, exactly as read, not null
     * @return the packages, versions and damage, not null
     */
    public static Included readIncluded(List<String> masks) {
        Objects.requireNonNull(masks, "masks");
        List<String> packages = new ArrayList<>(masks.size());
        Map<String, String> versions = new TreeMap<>();
        String firstMask = null;
        String firstProblem = null;
        int bad = 0;
        for (String mask : masks) {
            Objects.requireNonNull(mask, "mask");
            String problem = includeProblem(mask);
            if (problem == null) {
                int eq = mask.indexOf('=');
                String name = eq < 0 ? mask : mask.substring(0, eq);
                packages.add(name);
                if (eq >= 0) {
                    versions.put(name, mask.substring(eq + 1));
                }
            } else {
                packages.add(mask);
                bad++;
                if (firstMask == null) {
                    firstMask = mask;
                    firstProblem = problem;
                }
            }
        }
        return new Included(packages, versions,
                firstMask == null || firstProblem == null ? null
                        : describe("package mask", firstMask, bad, firstProblem));
    }

    /**
     * Tells why exclude masks read back ({@code excludedPackageNameMasks}, {@code packageNameMasksToExclude}) are
     * not what patchwindow writes: a mask that {@link PackageMask#parse} refuses, or one with white space around it.
     *
     * @param masks the masks' texts, exactly as read, not null
     * @return one line that quotes the first bad mask, counts the others and names the rule; null when all are intact
     */
    public static @Nullable String excludedDamage(List<String> masks) {
        Objects.requireNonNull(masks, "masks");
        String firstMask = null;
        String firstProblem = null;
        int bad = 0;
        for (String mask : masks) {
            String problem = excludeProblem(Objects.requireNonNull(mask, "mask"));
            if (problem != null) {
                bad++;
                if (firstMask == null) {
                    firstMask = mask;
                    firstProblem = problem;
                }
            }
        }
        return firstMask == null || firstProblem == null ? null
                : describe("exclude mask", firstMask, bad, firstProblem);
    }

    /**
     * Tells why a deployment must not be written: an include mask it would write ({@link Deployment#packageMasks})
     * or an exclude mask that breaks the rule. A target checks this before every write, so that nothing unchecked
     * reaches the package manager, whichever way the deployment was made (a deployment read back damaged and passed
     * on by mistake included).
     *
     * @param deployment the deployment, not null
     * @param pinVersions whether the target writes {@code name=version} masks
     * @return one line that names the deployment, quotes the first bad mask and names the rule; empty when it may be
     *         written
     */
    public static Optional<String> writeProblem(Deployment deployment, boolean pinVersions) {
        Objects.requireNonNull(deployment, "deployment");
        String damage = readIncluded(deployment.packageMasks(pinVersions)).damage();
        if (damage == null) {
            damage = excludedDamage(deployment.excludes());
        }
        return damage == null ? Optional.empty()
                : Optional.of("deployment " + Quoting.quote(deployment.name(), QUOTED) + " not written: " + damage);
    }

    /** Why an include mask is not what patchwindow writes, e.g. {@code breaks the package-name rule (...)}. */
    private static @Nullable String includeProblem(String mask) {
        int eq = mask.indexOf('=');
        String name = eq < 0 ? mask : mask.substring(0, eq);
        if (!PackageNames.isValidName(name)) {
            return "breaks the package-name rule (" + PackageNames.RULE + ")";
        }
        if (eq >= 0 && !PackageNames.isValidVersion(mask.substring(eq + 1))) {
            return "pins a version that breaks the version rule (" + PackageNames.VERSION_RULE + ")";
        }
        return null;
    }

    /** Why an exclude mask is not what patchwindow writes. */
    private static @Nullable String excludeProblem(String mask) {
        try {
            if (PackageMask.parse(mask).text().equals(mask)) {
                return null;
            }
        } catch (IllegalArgumentException e) {
            // refused: reported with the rule
        }
        return "breaks the exclude-mask rule (package name characters [A-Za-z0-9._+-] and the wildcards * ? [...], "
                + "no white space around it)";
    }

    /** E.g. {@code package mask '-y' (and 2 more) breaks the package-name rule (...)}. */
    private static String describe(String what, String mask, int bad, String problem) {
        return what + " " + Quoting.quote(mask, QUOTED) + (bad > 1 ? " (and " + (bad - 1) + " more)" : "") + " "
                + problem;
    }
}
