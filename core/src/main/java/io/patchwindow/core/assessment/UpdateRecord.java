package io.patchwindow.core.assessment;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One assessment record: a package that a machine reported at a time, with its state and classification.
 *
 * <p>From Log Analytics: a row of the {@code Update} table ({@code ResourceId}, {@code Computer},
 * {@code Product}, {@code ProductArch}, {@code ProductVersion}, {@code Classification},
 * {@code UpdateState}, {@code TimeGenerated}). From Resource Graph: a {@code softwarepatches} row, which
 * is always pending ({@code needed = true}), with no architecture.
 *
 * @serial exclude
 * @param machineId the machine resource id as reported (may be empty when only the computer is known)
 * @param computer the computer name, if known
 * @param product the package name as reported, e.g. {@code openssl}; not checked here: the
 *        {@link AssessmentReducer} ignores a record whose name breaks {@link PackageNames}' rule
 * @param arch the architecture, e.g. {@code x86_64}; empty when not reported
 * @param version the available version, if known
 * @param classifications the classifications, never empty
 * @param needed whether the update state is {@code Needed}
 * @param time when the record was generated
 * @param installedVersion the installed version ({@code [epoch:]version-release}), if the source reports it
 *                         (Log Analytics and Resource Graph do not); lets the advisory rule check installed &lt; fixed
 */
public record UpdateRecord(String machineId, @Nullable String computer, String product, String arch,
                           @Nullable String version, Set<Classification> classifications, boolean needed,
                           Instant time, @Nullable String installedVersion) implements Serializable {

    /**
     * Creates a record without installed version (what Log Analytics and Resource Graph report).
     *
     * @param machineId the machine resource id as reported (may be empty when only the computer is known)
     * @param computer the computer name, if known
     * @param product the package name, e.g. {@code openssl}
     * @param arch the architecture, e.g. {@code x86_64}; empty when not reported
     * @param version the available version, if known
     * @param classifications the classifications, never empty
     * @param needed whether the update state is {@code Needed}
     * @param time when the record was generated
     * @throws NullPointerException if a required component is null
     * @throws IllegalArgumentException if the product is blank or the classifications are empty
     */
    public UpdateRecord(String machineId, @Nullable String computer, String product, String arch,
                        @Nullable String version, Set<Classification> classifications, boolean needed, Instant time) {
        this(machineId, computer, product, arch, version, classifications, needed, time, null);
    }

    /**
     * Validates and copies the components.
     *
     * @param machineId the machine resource id as reported (may be empty when only the computer is known)
     * @param computer the computer name, if known
     * @param product the package name, e.g. {@code openssl}
     * @param arch the architecture, e.g. {@code x86_64}; empty when not reported
     * @param version the available version, if known
     * @param classifications the classifications, never empty
     * @param needed whether the update state is {@code Needed}
     * @param time when the record was generated
     * @param installedVersion the installed version, if reported
     * @throws NullPointerException if a required component is null
     * @throws IllegalArgumentException if the classifications are empty
     */
    public UpdateRecord {
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(classifications, "classifications");
        Objects.requireNonNull(time, "time");
        if (classifications.isEmpty()) {
            throw new IllegalArgumentException("Invalid update record: no classification");
        }
        classifications = canonical(classifications);
    }

    /** The immutable copies of every non-empty set of classifications, by bit mask of ordinals. */
    private static final List<Set<Classification>> SETS = sets();

    private static List<Set<Classification>> sets() {
        Classification[] all = Classification.values();
        List<Set<Classification>> out = new ArrayList<>(1 << all.length);
        for (int mask = 0; mask < 1 << all.length; mask++) {
            EnumSet<Classification> s = EnumSet.noneOf(Classification.class);
            for (Classification c : all) {
                if ((mask & (1 << c.ordinal())) != 0) {
                    s.add(c);
                }
            }
            out.add(Set.copyOf(s));
        }
        return out;
    }

    /** An immutable copy, shared between records (millions of records carry one of seven sets). */
    private static Set<Classification> canonical(Set<Classification> classifications) {
        int mask = 0;
        for (Classification c : classifications) {
            mask |= 1 << c.ordinal(); // NullPointerException for a null element, as EnumSet.copyOf
        }
        return SETS.get(mask);
    }

    /**
     * Reads an {@code UpdateState} value: true for {@code Needed}, case-insensitive.
     *
     * @param state the state text, may be null
     * @return true if the state is Needed
     */
    public static boolean isNeededState(@Nullable String state) {
        return state != null && state.strip().toLowerCase(Locale.ROOT).equals("needed");
    }
}
