package io.patchwindow.core.promotion;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import io.patchwindow.core.text.Quoting;

/**
 * Which package versions a target ring may install: those installed successfully in the source rings, on at
 * least {@link #minSuccesses()} machines, at least {@link #soak()} before the target window starts, with a
 * failure rate of at most {@link #maxFailureRate()} (the rule: {@link ProvenVersions}).
 *
 * <pre>{@code
 * PromotionPolicy p = PromotionPolicy.of(List.of("Q", "R"), Duration.ofDays(3))   // --promote-from Q,R --soak P3D
 *         .withMinSuccesses(2)                                                  // --min-successes 2
 *         .withMaxFailureRate(0.1);                                             // --max-failure-rate 0.1
 * }</pre>
 *
 * <p>Defaults: one success, failure rate 0 (a single failure holds the version back). Source environments are
 * sorted and distinct, so {@code R,Q} and {@code Q,R} are the same policy. Immutable.
 */
public final class PromotionPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The source environments, sorted, each once. */
    private final List<String> sourceEnvironments;
    /** The minimum time between a success and the target window start. */
    private final Duration soak;
    /** The minimum number of source machines with a soaked success. */
    private final int minSuccesses;
    /** The maximum failed / (failed + installed) over the source rings. */
    private final double maxFailureRate;

    private PromotionPolicy(List<String> sourceEnvironments, Duration soak, int minSuccesses, double maxFailureRate) {
        this.sourceEnvironments = sourceEnvironments;
        this.soak = soak;
        this.minSuccesses = minSuccesses;
        this.maxFailureRate = maxFailureRate;
    }

    /**
     * Creates a policy with one required success and failure rate 0.
     *
     * @param sourceEnvironments the source rings, e.g. {@code [Q, R]}, not empty
     * @param soak the soak time, zero or positive, e.g. {@code P3D}
     * @return the policy, not null
     * @throws IllegalArgumentException if no environment is given, one is blank, or the soak is negative
     */
    public static PromotionPolicy of(Collection<String> sourceEnvironments, Duration soak) {
        Objects.requireNonNull(sourceEnvironments, "sourceEnvironments");
        Objects.requireNonNull(soak, "soak");
        TreeSet<String> envs = new TreeSet<>();
        for (String e : sourceEnvironments) {
            Objects.requireNonNull(e, "source environment");
            if (e.isBlank()) {
                throw new IllegalArgumentException("Invalid source environment " + Quoting.quote(e)
                        + ": must not be blank; expected environments of the tag grammar, e.g. Q,R");
            }
            envs.add(e);
        }
        if (envs.isEmpty()) {
            throw new IllegalArgumentException("Invalid source environments []: give at least one, e.g. Q,R");
        }
        if (soak.isNegative()) {
            throw new IllegalArgumentException("Invalid soak '" + soak + "': must be zero or positive, e.g. P3D");
        }
        return new PromotionPolicy(List.copyOf(envs), soak, 1, 0.0);
    }

    /**
     * Returns a copy that needs a number of source machines.
     *
     * @param minSuccesses the number of distinct source machines with a soaked success, at least 1
     * @return the copy, not null
     * @throws IllegalArgumentException if below 1
     */
    public PromotionPolicy withMinSuccesses(int minSuccesses) {
        if (minSuccesses < 1) {
            throw new IllegalArgumentException("Invalid minimum successes " + minSuccesses
                    + ": must be at least 1 (machines of the source rings), e.g. 2");
        }
        return new PromotionPolicy(sourceEnvironments, soak, minSuccesses, maxFailureRate);
    }

    /**
     * Returns a copy with a maximum failure rate.
     *
     * @param maxFailureRate failed / (failed + installed) allowed, from 0 to 1, e.g. {@code 0.1}
     * @return the copy, not null
     * @throws IllegalArgumentException if not a number from 0 to 1
     */
    public PromotionPolicy withMaxFailureRate(double maxFailureRate) {
        if (!(maxFailureRate >= 0.0 && maxFailureRate <= 1.0)) {
            throw new IllegalArgumentException("Invalid maximum failure rate " + maxFailureRate
                    + ": must be a number from 0 to 1 (failed / (failed + installed)), e.g. 0.1");
        }
        return new PromotionPolicy(sourceEnvironments, soak, minSuccesses, maxFailureRate + 0.0);
    }

    /** @return the source environments, sorted, each once, e.g. {@code [Q, R]} */
    public List<String> sourceEnvironments() {
        return sourceEnvironments;
    }

    /** @return the soak time: a success counts when it happened at least this long before the target window */
    public Duration soak() {
        return soak;
    }

    /** @return the minimum number of distinct source machines with a soaked success, at least 1 */
    public int minSuccesses() {
        return minSuccesses;
    }

    /** @return the maximum failure rate, from 0 to 1 */
    public double maxFailureRate() {
        return maxFailureRate;
    }

    /**
     * Returns the policy as the ordered map of the plan JSON's {@code policy.promotion}: {@code from},
     * {@code soak} (whole days as {@code P3D}), {@code minSuccesses}, {@code maxFailureRate}.
     *
     * @return a new ordered map, not null
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", sourceEnvironments);
        m.put("soak", formatSoak(soak));
        m.put("minSuccesses", minSuccesses);
        m.put("maxFailureRate", maxFailureRate);
        return m;
    }

    /**
     * Formats a soak time as the CLI takes it: whole days as {@code P3D}, else ISO-8601, e.g. {@code PT36H}.
     *
     * @param soak the duration, not null
     * @return the text, not null
     */
    public static String formatSoak(Duration soak) {
        Objects.requireNonNull(soak, "soak");
        return !soak.isZero() && soak.toSeconds() % 86_400 == 0 && soak.getNano() == 0 ? "P" + soak.toDays() + "D"
                : soak.toString();
    }

    /**
     * Returns the maximum failure rate as short text, as the CLI takes it: {@code 0}, {@code 0.1}, {@code 1}.
     *
     * @return the text, not null
     */
    public String maxFailureRateText() {
        return BigDecimal.valueOf(maxFailureRate).stripTrailingZeros().toPlainString();
    }

    /**
     * Compares every setting.
     *
     * @param o the other object
     * @return true if equal
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PromotionPolicy)) {
            return false;
        }
        PromotionPolicy p = (PromotionPolicy) o;
        return sourceEnvironments.equals(p.sourceEnvironments) && soak.equals(p.soak)
                && minSuccesses == p.minSuccesses && Double.compare(maxFailureRate, p.maxFailureRate) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourceEnvironments, soak, minSuccesses, maxFailureRate);
    }

    /**
     * Returns the CLI form, e.g. {@code --promote-from Q,R --soak P3D --min-successes 1 --max-failure-rate 0}.
     *
     * @return the text, not null
     */
    @Override
    public String toString() {
        return "--promote-from " + String.join(",", sourceEnvironments) + " --soak " + formatSoak(soak)
                + " --min-successes " + minSuccesses + " --max-failure-rate " + maxFailureRateText();
    }
}
