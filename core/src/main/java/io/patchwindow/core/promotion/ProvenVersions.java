package io.patchwindow.core.promotion;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import io.patchwindow.core.inventory.ResourceId;
import io.patchwindow.core.rpm.Evr;
import io.patchwindow.core.text.Quoting;
import org.jspecify.annotations.Nullable;

/**
 * The promotion rule: from the installation results of the source rings, whether the version of a package that a
 * target machine's assessment offers may be installed in a window, as a {@link Promotion} or a {@link HeldBack}.
 *
 * <pre>{@code
 * ProvenVersions proven = ProvenVersions.builder(policy)
 *         .installed("Q", qMachineId, "openssl", "1:1.0.2k-26.el7_9", Instant.parse("2026-11-23T02:05:00Z"))
 *         .failed("R", rMachineId, "bash", "4.2.46-35.el7_9", Instant.parse("2026-11-24T11:10:00Z"))
 *         .build();
 * Verdict v = proven.decide(pMachineId, "openssl", "1:1.0.2k-26.el7_9", windowStart);
 * }</pre>
 *
 * <h2>The rule</h2>
 * Versions are compared as rpm does ({@link Evr#compareTo}: epochs count, {@code 1:1.0-1} is not {@code 1.0-1});
 * results whose version does not parse are not counted. For a target window starting at {@code T} and the soak time
 * {@code S}, the checks run in the order of {@link HoldReason}; the first that fails holds the package back:
 * <ol>
 * <li>{@link HoldReason#NEVER_INSTALLED_IN_SOURCE}: no source result (installed or failed) of any version.</li>
 * <li>{@link HoldReason#DIFFERENT_VERSION}: the offered version is empty, does not parse, or has no source result;
 *     {@link HeldBack#proven()} names the newest version that would be promoted.</li>
 * <li>{@link HoldReason#FAILED_IN_SOURCE}: {@code failed / (failed + installed) > maxFailureRate}, computed as a
 *     {@code double}, counting every result of that version in the history whenever it happened (a failure
 *     yesterday holds production back even though it is younger than the soak time); each result is one machine
 *     in one window.</li>
 * <li>{@link HoldReason#TOO_FEW_SUCCESSES}: fewer than {@code minSuccesses} distinct machines installed it.</li>
 * <li>{@link HoldReason#NOT_YET_SOAKED}: fewer than {@code minSuccesses} distinct machines installed it at or
 *     before {@code T - S} (to the nanosecond: a success exactly the soak time before the window counts);
 *     {@link HeldBack#promotableAt()} is the first instant from which a window would qualify: the
 *     {@code minSuccesses}-th machine's first success plus {@code S}.</li>
 * </ol>
 * Otherwise the version is promoted: {@link Promotion#from()} lists the environments of the successes at or before
 * {@code T - S}, {@link Promotion#machines()} counts their machines, {@link Promotion#firstInstalled()} is the
 * earliest success. Results of other environments are not read; a success without a time, or a result without a
 * version, cannot be placed and is counted in {@link #ignored()}. Machines are told apart by resource id, case
 * ignored. The result does not depend on the order results are given in. Immutable once built; thread-safe.
 */
public final class ProvenVersions {
    private static final int MAX_LISTED = 5;

    private final PromotionPolicy policy;
    private final Map<String, TreeMap<Evr, Tried>> byName;
    private final long counted;
    private final long ignored;
    private final @Nullable String ignoredExample;

    private ProvenVersions(Builder b) {
        this.policy = b.policy;
        this.byName = b.byName;
        this.counted = b.counted;
        this.ignored = b.ignored;
        this.ignoredExample = b.ignoredExample;
    }

    /**
     * Starts a builder.
     *
     * @param policy the promotion policy, not null
     * @return a new builder, not null
     */
    public static Builder builder(PromotionPolicy policy) {
        return new Builder(Objects.requireNonNull(policy, "policy"));
    }

    /** @return the policy */
    public PromotionPolicy policy() {
        return policy;
    }

    /** @return how many results of the source rings count (installed or failed, with a version that parses) */
    public long counted() {
        return counted;
    }

    /** @return how many source results could not be counted (no version, a version that does not parse, a success without a time) */
    public long ignored() {
        return ignored;
    }

    /** @return the first of the {@link #ignored()} results, described, or empty */
    public Optional<String> ignoredExample() {
        return Optional.ofNullable(ignoredExample);
    }

    /**
     * Decides one planned package of one target machine.
     *
     * @param machineId the target machine's resource id, not null
     * @param name the package name, not null
     * @param offered the version the machine's assessment offers, {@code ""} when unknown, not null
     * @param windowStart when the target window starts, not null
     * @return a {@link Promotion} of the offered version, or why it is {@link HeldBack held back}, not null
     */
    public Verdict decide(String machineId, String name, String offered, Instant windowStart) {
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(offered, "offered");
        Objects.requireNonNull(windowStart, "windowStart");
        String rings = String.join(",", policy.sourceEnvironments());
        TreeMap<Evr, Tried> versions = byName.get(name);
        if (versions == null) {
            return new HeldBack(machineId, name, offered, HoldReason.NEVER_INSTALLED_IN_SOURCE,
                    "no installation result of " + name + " in " + rings, null, null);
        }
        Instant cutoff = windowStart.minus(policy.soak());
        Evr evr = parse(offered);
        Tried tried = evr == null ? null : versions.get(evr);
        if (tried == null) {
            String proven = null;
            for (Tried t : versions.descendingMap().values()) {
                if (t.promotable(policy, cutoff)) {
                    proven = t.text();
                    break;
                }
            }
            String off = offered.isEmpty() ? "the assessment gives no version"
                    : evr == null ? "offered " + Quoting.quote(offered) + " is not an RPM version"
                    : "offered " + offered + " was never installed in " + rings;
            String detail = proven != null ? off + "; proven: " + proven
                    : off + "; tried there: " + listed(versions) + ", none promotable for this window";
            return new HeldBack(machineId, name, offered, HoldReason.DIFFERENT_VERSION, detail, proven, null);
        }
        int results = tried.failed + tried.installedResults;
        if (tried.failedRate() > policy.maxFailureRate()) {
            return new HeldBack(machineId, name, offered, HoldReason.FAILED_IN_SOURCE, tried.failed + " of "
                    + results + " results in " + rings + " failed (rate " + rate(tried.failed, results)
                    + ", above the maximum " + policy.maxFailureRateText() + ")", null, null);
        }
        List<Instant> firsts = tried.firstSuccesses();
        int n = policy.minSuccesses();
        if (firsts.size() < n) {
            return new HeldBack(machineId, name, offered, HoldReason.TOO_FEW_SUCCESSES, "installed on "
                    + machines(firsts.size()) + " of " + rings + ", fewer than the " + n + " required", null, null);
        }
        Instant nth = firsts.get(n - 1);
        if (nth.isAfter(cutoff)) {
            Instant at = nth.plus(policy.soak());
            return new HeldBack(machineId, name, offered, HoldReason.NOT_YET_SOAKED, "installed on "
                    + machines(firsts.size()) + " of " + rings + " since " + firsts.get(0) + "; soaked ("
                    + PromotionPolicy.formatSoak(policy.soak()) + " after the " + ordinal(n) + " machine) at " + at
                    + ", after the window starts " + windowStart, null, at);
        }
        return tried.promotion(name, offered, cutoff);
    }

    private static String machines(int n) {
        return n + (n == 1 ? " machine" : " machines");
    }

    private static String ordinal(int n) {
        if (n == 1) {
            return "first";
        }
        int mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th"
                : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
        return n + suffix;
    }

    private static String rate(int failed, int results) {
        return BigDecimal.valueOf(failed).divide(BigDecimal.valueOf(results), 3, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }

    private static String listed(TreeMap<Evr, Tried> versions) {
        List<String> out = new ArrayList<>();
        for (Tried t : versions.descendingMap().values()) {
            if (out.size() == MAX_LISTED) {
                out.add("and " + (versions.size() - MAX_LISTED) + " more");
                break;
            }
            out.add(t.text());
        }
        return String.join(", ", out);
    }

    private static @Nullable Evr parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return null;
        }
        try {
            return Evr.parse(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The results of one version of one package in the source rings. */
    private static final class Tried {
        /** The version texts seen for this version (rpm-equal texts, e.g. with and without epoch 0). */
        final TreeSet<String> texts = new TreeSet<>();
        /** Machine key to its first success. */
        final Map<String, Instant> first = new HashMap<>();
        /** Every success: environment and time, for the environments of a promotion. */
        final List<Success> successes = new ArrayList<>();
        int failed;
        int installedResults;

        String text() {
            return texts.first();
        }

        double failedRate() {
            int results = failed + installedResults;
            return results == 0 ? 0.0 : (double) failed / results;
        }

        /** Each machine's first success, earliest first. */
        List<Instant> firstSuccesses() {
            List<Instant> out = new ArrayList<>(first.values());
            out.sort(null);
            return out;
        }

        boolean promotable(PromotionPolicy policy, Instant cutoff) {
            if (failedRate() > policy.maxFailureRate()) {
                return false;
            }
            List<Instant> firsts = firstSuccesses();
            return firsts.size() >= policy.minSuccesses() && !firsts.get(policy.minSuccesses() - 1).isAfter(cutoff);
        }

        Promotion promotion(String name, String version, Instant cutoff) {
            TreeSet<String> envs = new TreeSet<>();
            int soaked = 0;
            for (Instant at : first.values()) {
                if (!at.isAfter(cutoff)) {
                    soaked++;
                }
            }
            for (Success s : successes) {
                if (!s.at.isAfter(cutoff)) {
                    envs.add(s.environment);
                }
            }
            return new Promotion(name, version, List.copyOf(envs), soaked, failed, firstSuccesses().get(0));
        }
    }

    private record Success(String environment, Instant at) {
    }

    /** Collects source results; not thread-safe. */
    public static final class Builder {
        private final PromotionPolicy policy;
        private final Map<String, TreeMap<Evr, Tried>> byName = new HashMap<>();
        private final Map<String, Optional<Evr>> evrs = new HashMap<>();
        private long counted;
        private long ignored;
        private @Nullable String ignoredExample;
        private boolean built;

        private Builder(PromotionPolicy policy) {
            this.policy = policy;
        }

        /**
         * Adds a successful installation; one of another environment than the policy's sources is not read.
         *
         * @param environment the machine's environment, e.g. {@code Q}, not null
         * @param machineId the machine's resource id, not null
         * @param name the package name, not null
         * @param version the installed version, or null when unknown (then not counted)
         * @param at when it installed, or null when unknown (then not counted)
         * @return this builder, not null
         */
        public Builder installed(String environment, String machineId, String name, @Nullable String version,
                                 @Nullable Instant at) {
            add(environment, machineId, name, version, at, true);
            return this;
        }

        /**
         * Adds a failed installation; one of another environment than the policy's sources is not read.
         *
         * @param environment the machine's environment, e.g. {@code R}, not null
         * @param machineId the machine's resource id, not null
         * @param name the package name, not null
         * @param version the version that failed, or null when unknown (then not counted)
         * @param at when it failed, or null (a failure counts whenever it happened)
         * @return this builder, not null
         */
        public Builder failed(String environment, String machineId, String name, @Nullable String version,
                              @Nullable Instant at) {
            add(environment, machineId, name, version, at, false);
            return this;
        }

        private void add(String environment, String machineId, String name, @Nullable String version,
                         @Nullable Instant at, boolean installed) {
            Objects.requireNonNull(environment, "environment");
            Objects.requireNonNull(machineId, "machineId");
            Objects.requireNonNull(name, "name");
            if (built) {
                throw new IllegalStateException("This builder has built its rule: start a new one with ProvenVersions.builder");
            }
            if (!policy.sourceEnvironments().contains(environment)) {
                return;
            }
            Evr evr = version == null ? null : evrs.computeIfAbsent(version, v -> Optional.ofNullable(parse(v))).orElse(null);
            if (evr == null || (installed && at == null)) {
                ignored++;
                if (ignoredExample == null) {
                    ignoredExample = (installed ? "installed " : "failed ") + name + " "
                            + (version == null ? "without a version" : evr == null ? Quoting.quote(version)
                            + " (not an RPM version)" : version + " without a time") + " on " + machineId;
                }
                return;
            }
            Tried t = byName.computeIfAbsent(name, k -> new TreeMap<>()).computeIfAbsent(evr, k -> new Tried());
            counted++;
            t.texts.add(Objects.requireNonNull(version).strip()); // evr was parsed from it
            if (installed) {
                Instant when = Objects.requireNonNull(at);
                t.installedResults++;
                t.first.merge(ResourceId.key(machineId), when, (x, y) -> x.isBefore(y) ? x : y);
                t.successes.add(new Success(environment, when));
            } else {
                t.failed++;
            }
        }

        /**
         * Builds the rule over the results added; the builder takes no more results afterwards.
         *
         * @return the rule, not null
         */
        public ProvenVersions build() {
            built = true;
            return new ProvenVersions(this);
        }
    }
}
