package io.patchwindow.core.inventory;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.patchwindow.core.text.Quoting;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a machine runs a selected operating system, from its {@link OsFacts}.
 *
 * <p>A machine is selected when one of its facts contains one of the keywords, case-insensitively:
 * for Azure VMs the image offer or custom image id, else the guest-reported OS name; for Arc servers
 * {@code osName} or {@code osSku}. The default keyword is {@code centos} (the original runbooks matched
 * {@code CentOS} case-sensitively and dropped VMs without an image reference). Example:
 * {@code OsSelector.of("centos", "almalinux", "rocky")}.
 */
public final class OsSelector implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final OsSelector CENTOS = of("centos");

    /** The outcome of a selection. */
    public enum Outcome {
        /** The OS matches a keyword. */
        SELECTED,
        /** The OS is known and matches no keyword. */
        NOT_SELECTED,
        /** Nothing is known about the OS. */
        UNKNOWN
    }

    /**
     * The outcome with the fact that decided it.
     *
     * @serial exclude
     * @param outcome the outcome
     * @param detail a human-readable explanation, e.g. {@code image offer 'UbuntuServer' matches none of [centos]}
     */
    public record Selection(Outcome outcome, String detail) implements Serializable {
    }

    /** The lower-case keywords matched in the OS facts. */

    private final List<String> keywords;

    private OsSelector(List<String> keywords) {
        this.keywords = keywords;
    }

    /**
     * Returns the default selector: CentOS.
     *
     * @return the selector, not null
     */
    public static OsSelector centos() {
        return CENTOS;
    }

    /**
     * Returns a selector for keywords, e.g. {@code of("centos", "rocky")}.
     *
     * @param keywords at least one non-blank keyword
     * @return the selector, not null
     * @throws IllegalArgumentException if no keyword is given or one is blank
     */
    public static OsSelector of(String... keywords) {
        return of(List.of(keywords));
    }

    /**
     * Returns a selector for a list of keywords.
     *
     * @param keywords at least one non-blank keyword
     * @return the selector, not null
     * @throws IllegalArgumentException if no keyword is given or one is blank
     */
    public static OsSelector of(List<String> keywords) {
        Objects.requireNonNull(keywords, "keywords");
        if (keywords.isEmpty()) {
            throw new IllegalArgumentException("Invalid OS selector []: at least one keyword is required, e.g. centos");
        }
        List<String> out = new ArrayList<>();
        for (String k : keywords) {
            Objects.requireNonNull(k, "keyword");
            if (k.isBlank()) {
                throw new IllegalArgumentException("Invalid OS keyword " + Quoting.quote(k)
                        + ": must not be blank; expected e.g. centos, almalinux, rocky");
            }
            String lower = k.strip().toLowerCase(Locale.ROOT);
            if (!out.contains(lower)) {
                out.add(lower);
            }
        }
        return new OsSelector(List.copyOf(out));
    }

    /**
     * Returns the keywords, lower case.
     *
     * @return an immutable list, not null
     */
    public List<String> keywords() {
        return keywords;
    }

    /**
     * Decides for a machine.
     *
     * @param machine the machine, not null
     * @return the selection with its explanation, not null
     */
    public Selection select(Machine machine) {
        Objects.requireNonNull(machine, "machine");
        List<String[]> facts = facts(machine);
        if (facts.isEmpty()) {
            return new Selection(Outcome.UNKNOWN, machine.kind() == MachineKind.AZURE_VM
                    ? "no image reference and no OS name reported"
                    : "no OS name or SKU reported");
        }
        for (String[] f : facts) {
            String k = keywordIn(f[1]);
            if (k != null) {
                return new Selection(Outcome.SELECTED, f[0] + " " + Quoting.quote(f[1]) + " matches '" + k + "'");
            }
        }
        String[] first = facts.get(0);
        return new Selection(Outcome.NOT_SELECTED,
                first[0] + " " + Quoting.quote(first[1]) + " matches none of " + keywords);
    }

    /**
     * Decides for a machine without the explanation: the outcome of {@link #select}, for planners that need
     * the explanation only for the machines they skip.
     *
     * @param machine the machine, not null
     * @return the outcome, not null
     */
    public Outcome outcome(Machine machine) {
        Objects.requireNonNull(machine, "machine");
        // The facts of select, in the same order, without building them: this runs for every machine of a plan.
        OsFacts os = machine.os();
        if (decidedByImage(machine)) {
            return matches(os.imageOffer()) || matches(os.imageId()) ? Outcome.SELECTED : Outcome.NOT_SELECTED;
        }
        if (present(os.osName()) || present(os.osSku())) {
            return matches(os.osName()) || matches(os.osSku()) ? Outcome.SELECTED : Outcome.NOT_SELECTED;
        }
        return Outcome.UNKNOWN;
    }

    /** Whether the image decides: for Azure VMs that have one; otherwise the guest-reported name and SKU do. */
    private static boolean decidedByImage(Machine machine) {
        OsFacts os = machine.os();
        return machine.kind() == MachineKind.AZURE_VM && (present(os.imageOffer()) || present(os.imageId()));
    }

    private static boolean present(@Nullable String fact) {
        return fact != null && !fact.isBlank();
    }

    private boolean matches(@Nullable String fact) {
        return fact != null && present(fact) && keywordIn(fact) != null;
    }

    /** The facts that decide, in order: for Azure VMs the image when there is one, else the OS name and SKU. */
    private static List<String[]> facts(Machine machine) {
        OsFacts os = machine.os();
        List<String[]> facts = new ArrayList<>();
        if (decidedByImage(machine)) {
            add(facts, "image offer", os.imageOffer());
            add(facts, "image id", os.imageId());
        } else {
            add(facts, "OS name", os.osName());
            add(facts, "OS SKU", os.osSku());
        }
        return facts;
    }

    /** The first keyword that a fact contains, case-insensitively; null for none. */
    private @Nullable String keywordIn(String fact) {
        String lower = fact.toLowerCase(Locale.ROOT);
        for (String k : keywords) {
            if (lower.contains(k)) {
                return k;
            }
        }
        return null;
    }

    private static void add(List<String[]> facts, String what, @Nullable String value) {
        if (present(value)) {
            facts.add(new String[] {what, value});
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OsSelector && ((OsSelector) o).keywords.equals(keywords);
    }

    @Override
    public int hashCode() {
        return keywords.hashCode();
    }

    @Override
    public String toString() {
        return String.join(",", keywords);
    }
}
