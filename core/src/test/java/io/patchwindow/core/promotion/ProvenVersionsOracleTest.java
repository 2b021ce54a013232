package io.patchwindow.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import io.patchwindow.core.rpm.Evr;
import org.junit.jupiter.api.Test;

/**
 * The promotion rule against a brute-force oracle over generated histories: every verdict (reason, proven version,
 * promotable instant; every field of a promotion) as the rule's definition says it, by scanning all results for each
 * question, and independent of the order of the results. Times fall on a minute grid around the target window so
 * that successes land exactly on, just before and just after the soak boundary. A failure prints the seed and case.
 */
class ProvenVersionsOracleTest {
    private static final long SEED = 0x9E1_2026L;
    private static final int CASES = 3_000;
    private static final Instant T = Instant.parse("2026-11-26T11:00:00Z");
    private static final String[] NAMES = {"openssl", "bash"};
    /** Versions with rpm-equal spellings (epoch 0 written or not, separators), other epochs, and junk. */
    private static final String[] VERSIONS = {"1.0-1", "0:1.0-1", "1_0-1", "1:1.0-1", "1.0-2", "1.0-10", "2:0.9-1",
            "not a version", ""};
    private static final String[] ENVS = {"Q", "R", "P"};
    private static final double[] RATES = {0.0, 0.25, 0.5, 1.0};

    /** One generated result. */
    record Row(String env, String machine, String name, String version, boolean installed, Instant at) {
    }

    @Test
    void decide_agreesWithTheOracle_andIgnoresResultOrder() {
        Random r = new Random(SEED);
        java.util.Map<String, Integer> reached = new java.util.TreeMap<>();
        for (int c = 0; c < CASES; c++) {
            Duration soak = Duration.ofMinutes(Math.max(0, r.nextInt(4) * 1440L + (r.nextBoolean() ? 0 : r.nextInt(3) - 1)));
            PromotionPolicy policy = PromotionPolicy.of(r.nextBoolean() ? List.of("Q", "R") : List.of("R"), soak)
                    .withMinSuccesses(1 + r.nextInt(3)).withMaxFailureRate(RATES[r.nextInt(RATES.length)]);
            List<Row> rows = new ArrayList<>();
            int n = r.nextInt(14);
            for (int i = 0; i < n; i++) {
                String machine = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/m"
                        + r.nextInt(5);
                // around the soak boundary, to the minute, or anywhere in the last week
                long minutes = r.nextInt(3) == 0 ? soak.toMinutes() + r.nextInt(3) - 1 : r.nextInt(7 * 1440);
                rows.add(new Row(ENVS[r.nextInt(ENVS.length)], r.nextBoolean() ? machine : machine.toUpperCase(),
                        NAMES[r.nextInt(NAMES.length)], VERSIONS[r.nextInt(VERSIONS.length)], r.nextInt(4) != 0,
                        r.nextInt(15) == 0 ? null : T.minus(Duration.ofMinutes(minutes))));
            }
            ProvenVersions rule = build(policy, rows);
            List<Row> shuffled = new ArrayList<>(rows);
            Collections.shuffle(shuffled, r);
            ProvenVersions again = build(policy, shuffled);
            for (String name : NAMES) {
                for (String offered : VERSIONS) {
                    Instant start = T.plus(Duration.ofMinutes(r.nextInt(3) - 1));
                    Verdict got = rule.decide("p1", name, offered, start);
                    String as = String.format("seed %s case %d: %s %s %s %s at %s", SEED, c, policy, name, offered, rows, start);
                    assertThat(again.decide("p1", name, offered, start)).as(as).isEqualTo(got);
                    Verdict want = oracle(policy, rows, name, offered, start);
                    reached.merge(want instanceof HeldBack w ? w.reason().name() : "PROMOTED", 1, Integer::sum);
                    if (want instanceof HeldBack w) {
                        assertThat(got).as(as).isInstanceOf(HeldBack.class);
                        HeldBack h = (HeldBack) got;
                        assertThat(List.of(h.reason(), String.valueOf(h.proven()), String.valueOf(h.promotableAt())))
                                .as(as).isEqualTo(List.of(w.reason(), String.valueOf(w.proven()),
                                        String.valueOf(w.promotableAt())));
                    } else {
                        assertThat(got).as(as).isEqualTo(want);
                    }
                }
            }
        }
        // the generator reaches every verdict often enough for the comparison to mean something
        assertThat(reached).as("%s", reached).hasSize(HoldReason.values().length + 1);
        assertThat(reached.values()).as("%s", reached).allMatch(k -> k >= 200);
    }

    private static ProvenVersions build(PromotionPolicy policy, List<Row> rows) {
        ProvenVersions.Builder b = ProvenVersions.builder(policy);
        for (Row row : rows) {
            String v = row.version().isEmpty() ? null : row.version();
            if (row.installed()) {
                b.installed(row.env(), row.machine(), row.name(), v, row.at());
            } else {
                b.failed(row.env(), row.machine(), row.name(), v, row.at());
            }
        }
        return b.build();
    }

    private static Evr evr(String text) {
        try {
            return text.isBlank() ? null : Evr.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The rows that count: of a source ring, with a version that parses, a success only with a time. */
    private static List<Row> counting(PromotionPolicy policy, List<Row> rows, String name) {
        List<Row> out = new ArrayList<>();
        for (Row row : rows) {
            if (policy.sourceEnvironments().contains(row.env()) && row.name().equals(name) && evr(row.version()) != null
                    && (!row.installed() || row.at() != null)) {
                out.add(row);
            }
        }
        return out;
    }

    private static List<Row> same(List<Row> rows, Evr v) {
        List<Row> out = new ArrayList<>();
        for (Row row : rows) {
            if (evr(row.version()).compareTo(v) == 0) {
                out.add(row);
            }
        }
        return out;
    }

    /** Distinct machines (case ignored) with a success at or before the instant. */
    private static int machinesBy(List<Row> rows, Instant by) {
        Set<String> out = new HashSet<>();
        for (Row row : rows) {
            if (row.installed() && !row.at().isAfter(by)) {
                out.add(row.machine().toLowerCase());
            }
        }
        return out.size();
    }

    private static boolean tooManyFailures(PromotionPolicy policy, List<Row> same) {
        int failed = 0;
        for (Row row : same) {
            failed += row.installed() ? 0 : 1;
        }
        return !same.isEmpty() && (double) failed / same.size() > policy.maxFailureRate();
    }

    private static Verdict oracle(PromotionPolicy policy, List<Row> rows, String name, String offered, Instant start) {
        List<Row> all = counting(policy, rows, name);
        if (all.isEmpty()) {
            return new HeldBack("p1", name, offered, HoldReason.NEVER_INSTALLED_IN_SOURCE, "", null, null);
        }
        Instant cutoff = start.minus(policy.soak());
        Evr off = evr(offered);
        List<Row> same = off == null ? List.of() : same(all, off);
        if (same.isEmpty()) {
            // the newest version that passes every check, spelled as its smallest text
            Evr best = null;
            for (Row row : all) {
                Evr v = evr(row.version());
                List<Row> s = same(all, v);
                if (!tooManyFailures(policy, s) && machinesBy(s, cutoff) >= policy.minSuccesses()
                        && (best == null || v.compareTo(best) > 0)) {
                    best = v;
                }
            }
            String proven = null;
            if (best != null) {
                TreeSet<String> texts = new TreeSet<>();
                same(all, best).forEach(row -> texts.add(row.version()));
                proven = texts.first();
            }
            return new HeldBack("p1", name, offered, HoldReason.DIFFERENT_VERSION, "", proven, null);
        }
        if (tooManyFailures(policy, same)) {
            return new HeldBack("p1", name, offered, HoldReason.FAILED_IN_SOURCE, "", null, null);
        }
        if (machinesBy(same, Instant.MAX) < policy.minSuccesses()) {
            return new HeldBack("p1", name, offered, HoldReason.TOO_FEW_SUCCESSES, "", null, null);
        }
        if (machinesBy(same, cutoff) < policy.minSuccesses()) {
            // the earliest window start that would qualify: try each success time plus the soak
            Instant first = null;
            for (Row row : same) {
                if (row.installed()) {
                    Instant w = row.at().plus(policy.soak());
                    if (machinesBy(same, w.minus(policy.soak())) >= policy.minSuccesses() && (first == null || w.isBefore(first))) {
                        first = w;
                    }
                }
            }
            return new HeldBack("p1", name, offered, HoldReason.NOT_YET_SOAKED, "", null, first);
        }
        TreeSet<String> from = new TreeSet<>();
        Instant firstInstalled = Instant.MAX;
        int failed = 0;
        for (Row row : same) {
            if (!row.installed()) {
                failed++;
            } else {
                if (!row.at().isAfter(cutoff)) {
                    from.add(row.env());
                }
                firstInstalled = row.at().isBefore(firstInstalled) ? row.at() : firstInstalled;
            }
        }
        return new Promotion(name, offered, List.copyOf(from), machinesBy(same, cutoff), failed, firstInstalled);
    }
}
