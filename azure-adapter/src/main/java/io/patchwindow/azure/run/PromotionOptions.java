package io.patchwindow.azure.run;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.patchwindow.azure.snapshot.SnapshotRunHistory;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.inventory.ResourceId;
import io.patchwindow.core.plan.Policy;
import io.patchwindow.core.port.RunHistory;
import io.patchwindow.core.promotion.PromotionPolicy;
import io.patchwindow.core.report.InstalledPackage;
import io.patchwindow.core.report.PackageHistory;
import io.patchwindow.core.report.RunQuery;
import io.patchwindow.core.tag.TagGrammar;
import io.patchwindow.core.text.Quoting;
import picocli.CommandLine.Option;

/**
 * Promotion between rings on {@code plan} and {@code apply}: {@code --promote-from Q,R --soak P3D
 * [--min-successes N] [--max-failure-rate X]}. The history is the installation results of the
 * {@value #LOOKBACK_DAYS} days plus the soak time before now ({@link #history}).
 *
 * <pre>{@code
 * PromotionOptions o = new PromotionOptions().promoteFrom(List.of("Q", "R")).soak("P3D");
 * PromotionPolicy p = o.toPolicy();   // null when --promote-from is not given
 * }</pre>
 */
public final class PromotionOptions implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** How far back, before the soak time, the history of the source rings is read. */
    public static final int LOOKBACK_DAYS = 28;

    /** The source rings, as given; null when promotion is not asked for. */
    @Option(names = "--promote-from", split = ",", paramLabel = "ENV",
            description = "Install only package versions proven in these rings (e.g. Q,R): installed there successfully, "
                    + "long enough before the window (--soak), pinned as name=version. Others are held back.")
    private @Nullable List<String> promoteFrom;

    /** The soak time as given. */
    @Option(names = "--soak", paramLabel = "DURATION",
            description = "With --promote-from: how long before the window a success must be, e.g. P3D (required).")
    private @Nullable String soak;

    /** The minimum number of source machines, or null for the default. */
    @Option(names = "--min-successes", paramLabel = "N",
            description = "With --promote-from: machines of the source rings that must have installed the version (default: 1).")
    private @Nullable Integer minSuccesses;

    /** The maximum failure rate as given, or null for the default. */
    @Option(names = "--max-failure-rate", paramLabel = "RATE",
            description = "With --promote-from: failed / (failed + installed) allowed in the source rings, 0 to 1 (default: 0).")
    private @Nullable String maxFailureRate;

    /**
     * Sets {@code --promote-from}.
     *
     * @param environments the source rings, not null
     * @return this
     */
    public PromotionOptions promoteFrom(List<String> environments) {
        this.promoteFrom = new ArrayList<>(Objects.requireNonNull(environments, "environments"));
        return this;
    }

    /**
     * Sets {@code --soak}.
     *
     * @param soak an ISO-8601 duration, e.g. {@code P3D}, not null
     * @return this
     */
    public PromotionOptions soak(String soak) {
        this.soak = Objects.requireNonNull(soak, "soak");
        return this;
    }

    /**
     * Sets {@code --min-successes}.
     *
     * @param n the number of machines
     * @return this
     */
    public PromotionOptions minSuccesses(int n) {
        this.minSuccesses = n;
        return this;
    }

    /**
     * Sets {@code --max-failure-rate}.
     *
     * @param rate a number from 0 to 1, e.g. {@code 0.1}, not null
     * @return this
     */
    public PromotionOptions maxFailureRate(String rate) {
        this.maxFailureRate = Objects.requireNonNull(rate, "rate");
        return this;
    }

    /**
     * Returns whether {@code --promote-from} is given.
     *
     * @return true if promotion is asked for
     */
    public boolean enabled() {
        return promoteFrom != null;
    }

    /**
     * Checks the options and returns the promotion policy.
     *
     * @return the policy, or null when {@code --promote-from} is not given
     * @throws IllegalArgumentException if an option is invalid, {@code --soak} is missing, or another promotion option
     *         is given without {@code --promote-from}
     */
    public @Nullable PromotionPolicy toPolicy() {
        if (promoteFrom == null) {
            List<String> given = new ArrayList<>();
            if (soak != null) {
                given.add("--soak");
            }
            if (minSuccesses != null) {
                given.add("--min-successes");
            }
            if (maxFailureRate != null) {
                given.add("--max-failure-rate");
            }
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("Invalid options: " + String.join(", ", given)
                        + " only apply with --promote-from ENV, e.g. --promote-from Q,R --soak P3D");
            }
            return null;
        }
        List<String> envs = new ArrayList<>();
        for (String e : promoteFrom) {
            if (!e.isBlank()) {
                envs.add(e.strip());
            }
        }
        if (envs.isEmpty()) {
            throw new IllegalArgumentException("Invalid --promote-from " + Quoting.quote(String.join(",", promoteFrom))
                    + ": give at least one environment, e.g. Q,R");
        }
        if (soak == null) {
            throw new IllegalArgumentException("Invalid options: --promote-from needs --soak, how long before the window a "
                    + "success in " + String.join(",", envs) + " must be, e.g. --soak P3D");
        }
        Duration d = OptionValues.duration("--soak", soak);
        if (d.isNegative()) {
            throw new IllegalArgumentException("Invalid --soak " + Quoting.quote(soak) + ": must be zero or positive, e.g. P3D");
        }
        PromotionPolicy p = PromotionPolicy.of(envs, d);
        if (minSuccesses != null) {
            if (minSuccesses < 1) {
                throw new IllegalArgumentException("Invalid --min-successes " + minSuccesses
                        + ": must be at least 1 (machines of the source rings), e.g. 2");
            }
            p = p.withMinSuccesses(minSuccesses);
        }
        if (maxFailureRate != null) {
            p = p.withMaxFailureRate(rate(maxFailureRate));
        }
        return p;
    }

    private static double rate(String text) {
        BigDecimal v;
        try {
            v = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            v = null;
        }
        if (v == null || v.signum() < 0 || v.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("Invalid --max-failure-rate " + Quoting.quote(text)
                    + ": expected a number from 0 to 1 (failed / (failed + installed)), e.g. 0.1");
        }
        return v.doubleValue();
    }

    /**
     * Reads the history of the source rings: the runs that started from {@value #LOOKBACK_DAYS} days plus the soak
     * time before now, to now. Package rows are read as they are ({@link PackageHistory}) from a snapshot's
     * {@code installations} and from Update Manager (Resource Graph), with the environment of each machine's patch
     * tag; Automation runs have no package rows, so their results are those of {@code patchwindow report} (the
     * managed deployments' windows joined with the runs).
     *
     * @param sources the open (and prepared) sources of the plan, not null
     * @param source the source options (snapshot or Azure), not null
     * @param backend the backend options, not null
     * @param policy the plan's policy (grammar, name prefix), not null
     * @param promotion the promotion policy, not null
     * @param now now, not null
     * @return the installation results, not null
     */
    public static List<InstalledPackage> history(PlanSources sources, SourceOptions source, BackendOptions backend,
                                                 Policy policy, PromotionPolicy promotion, Instant now) {
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(promotion, "promotion");
        Instant since = now.minus(promotion.soak()).minus(Duration.ofDays(LOOKBACK_DAYS));
        RunHistory history;
        Path file = source.snapshotFile();
        if (file != null) {
            history = sources.installations().orElseGet(() -> SnapshotRunHistory.of(file));
        } else if (backend.backend() == BackendOptions.Backend.UPDATE_MANAGER) {
            history = ((AzureSources) sources).azure().resourceGraphRunHistory(source.azure().subscriptionIds());
        } else {
            return ReportRun.run(sources, source, backend, policy.namePrefix(), since, now, now).report().installations();
        }
        Map<String, String> environments = new HashMap<>();
        TagGrammar grammar = policy.grammar();
        for (Machine m : sources.inventory().machines()) {
            grammar.tagValue(m.tags()).flatMap(grammar::tryParse)
                    .ifPresent(tag -> environments.put(m.key(), tag.environment()));
        }
        PackageHistory sink = PackageHistory.of(since, now);
        history.read(new RunQuery(since, now, List.of()), sink);
        return sink.installations(id -> environments.getOrDefault(ResourceId.key(id), ""));
    }
}
