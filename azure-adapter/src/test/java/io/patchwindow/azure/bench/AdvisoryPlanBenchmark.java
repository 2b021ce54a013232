package io.patchwindow.azure.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.patchwindow.azure.advisory.AdvisoryFiles;
import io.patchwindow.azure.snapshot.Snapshot;
import io.patchwindow.azure.snapshot.SnapshotAssessmentSource;
import io.patchwindow.azure.snapshot.SnapshotDeployments;
import io.patchwindow.azure.snapshot.SnapshotInventory;
import io.patchwindow.core.advisory.Advisory;
import io.patchwindow.core.advisory.AdvisoryFeed;
import io.patchwindow.core.advisory.AdvisoryIndex;
import io.patchwindow.core.advisory.AdvisorySink;
import io.patchwindow.core.advisory.PackageReason;
import io.patchwindow.core.advisory.Severity;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.plan.Plan;
import io.patchwindow.core.plan.Planner;
import io.patchwindow.core.plan.Policy;
import io.patchwindow.core.port.AdvisorySource;
import io.patchwindow.core.rpm.Evr;

/**
 * What advisories add to a plan (issue 13): plans a generated snapshot ({@link BenchFleet}, 100,000 machines by
 * default, written once into the directory) through the snapshot ports, in interleaved rounds of three
 * variants: without advisories; with {@link AdvisoryBenchmark}'s RHEL-7-sized OVAL file (6,500 advisories,
 * 154,674 fixed packages; its first package names are the fleet's); and with the same advisories replayed from
 * memory (read once before), which leaves out the reading. Each round also times the reading alone (the file
 * into an {@link AdvisoryIndex}). It checks that advisories decide packages (the plan lists packages whose
 * reason names advisories and no Azure classification).
 *
 * <p>Then the scaling of matching alone ({@link AdvisoryIndex#reason} per pending row, installed version
 * unknown as in the snapshot's Log Analytics rows): the rows of {@code --scale-machines} machines against the
 * advisories, twice the rows, twice the advisories over the same package names (each name has twice the fixed
 * entries, so twice the matches), and twice the advisories over twice the names.
 *
 * <pre>
 * java -Xmx2g -cp "$CP" io.patchwindow.azure.bench.AdvisoryPlanBenchmark [--machines 100000] [--runs 5]
 *     [--scale-machines 50000] [--dir /tmp/patchwindow-bench]
 * </pre>
 */
public final class AdvisoryPlanBenchmark {
    private static final long SEED = 42;
    private static final Clock CLOCK = Clock.fixed(BenchFleet.NOW, ZoneOffset.UTC);

    private AdvisoryPlanBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args options, see the class comment
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        int machines = 100_000;
        int runs = 5;
        int scaleMachines = 50_000;
        Path dir = Path.of("/tmp/patchwindow-bench");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--machines" -> machines = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--scale-machines" -> scaleMachines = Integer.parseInt(args[i + 1]);
                case "--dir" -> dir = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "java %s, %d cores, max heap %d MiB, load average %.2f%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, load());
        Path snapshot = BenchFleet.ensure(dir, machines, SEED);
        Path oval = AdvisoryBenchmark.ensure(dir, "oval", 6500, 24);
        System.out.printf(Locale.ROOT, "snapshot %s (%.0f MiB), advisories %s (%.0f MB)%n", snapshot,
                Files.size(snapshot) / 1048576.0, oval, Files.size(oval) / 1e6);

        Recorded recorded = new Recorded();
        AdvisoryFiles.of(oval).read(recorded);
        Policy policy = Policy.builder().environments("Q", "R").build();

        long[][] ns = new long[4][runs];
        long[][] cpu = new long[4][runs];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String[] names = {"plan without advisories", "plan with the OVAL file", "plan with advisories from memory",
            "reading alone (file to index)"};
        Plan with = null;
        for (int r = 0; r < runs; r++) {
            for (int k = 0; k < 4; k++) {
                int v = (k + r) % 4; // rotate the order, so that no variant always runs first
                System.gc();
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                switch (v) {
                    case 0 -> plan(Planner.of(policy), snapshot);
                    case 1 -> with = plan(Planner.of(policy).withAdvisories(AdvisoryFiles.of(oval)), snapshot);
                    case 2 -> plan(Planner.of(policy).withAdvisories(recorded), snapshot);
                    default -> {
                        AdvisoryIndex.Builder b = AdvisoryIndex.builder();
                        AdvisoryFiles.of(oval).read(b);
                        b.build();
                    }
                }
                ns[v][r] = System.nanoTime() - t0;
                cpu[v][r] = threads.getCurrentThreadCpuTime() - c0;
            }
            System.out.printf(Locale.ROOT, "  round %d of %d done, load average %.2f%n", r + 1, runs, load());
        }
        for (int v = 0; v < 4; v++) {
            System.out.printf(Locale.ROOT, "%-34s wall median %7.0f ms (min %7.0f, max %7.0f), main-thread CPU median %7.0f ms%n",
                    names[v], median(ns[v]) / 1e6, Arrays.stream(ns[v]).min().orElseThrow() / 1e6,
                    Arrays.stream(ns[v]).max().orElseThrow() / 1e6, median(cpu[v]) / 1e6);
        }
        System.out.printf(Locale.ROOT, "added by advisories, reading included (file - without), median of rounds: wall %7.0f ms,"
                + " main-thread CPU %7.0f ms%n", medianOfDifferences(ns[1], ns[0]) / 1e6, medianOfDifferences(cpu[1], cpu[0]) / 1e6);
        System.out.printf(Locale.ROOT, "added by advisories, reading left out (memory - without), median of rounds: wall %7.0f ms,"
                + " main-thread CPU %7.0f ms%n", medianOfDifferences(ns[2], ns[0]) / 1e6, medianOfDifferences(cpu[2], cpu[0]) / 1e6);

        long advised = 0;
        long advisedOnly = 0;
        long planned = 0;
        for (Deployment d : with.deployments()) {
            for (Map.Entry<String, PackageReason> e : d.reasons().entrySet()) {
                planned++;
                if (!e.getValue().advisories().isEmpty()) {
                    advised++;
                    if (e.getValue().azure().isEmpty()) {
                        advisedOnly++;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "plan with advisories: %d deployments, %d package reasons, %d name advisories, "
                + "%d of them advisories only (Azure classified the package Other)%n", with.deployments().size(), planned,
                advised, advisedOnly);
        if (advisedOnly == 0) {
            throw new IllegalStateException("no package was planned because of an advisory: the generated advisories"
                    + " do not overlap the fleet's pending packages");
        }

        scaling(scaleMachines, Math.max(3, runs));
    }

    private static Plan plan(Planner planner, Path file) {
        Snapshot s = Snapshot.of(file);
        return planner.plan(new SnapshotInventory(s), new SnapshotAssessmentSource(s), new SnapshotDeployments(s), CLOCK);
    }

    /** Matching alone: rows x advisories, doubled one at a time. */
    private static void scaling(int machines, int runs) {
        List<Row> rows = pendingRows(machines);
        List<Row> twiceRows = pendingRows(2 * machines);
        AdvisoryIndex index = AdvisoryIndex.of(AdvisoryBenchmark.advisories(6500, 24, 3000));
        AdvisoryIndex twiceSameNames = AdvisoryIndex.of(AdvisoryBenchmark.advisories(13000, 24, 3000));
        AdvisoryIndex twiceMoreNames = AdvisoryIndex.of(AdvisoryBenchmark.advisories(13000, 24, 6000));
        String[] names = {"R rows x A advisories", "2R rows x A advisories", "R rows x 2A advisories, same names",
            "R rows x 2A advisories, 2x names"};
        List<List<Row>> rowSets = List.of(rows, twiceRows, rows, rows);
        List<AdvisoryIndex> indexes = List.of(index, index, twiceSameNames, twiceMoreNames);
        long[][] ns = new long[4][runs];
        long[] matches = new long[4];
        for (int r = 0; r < runs; r++) {
            for (int v = 0; v < 4; v++) {
                long t0 = System.nanoTime();
                matches[v] = match(rowSets.get(v), indexes.get(v));
                ns[v][r] = System.nanoTime() - t0;
            }
        }
        System.out.printf(Locale.ROOT, "%nmatching alone (AdvisoryIndex.matches per pending row, installed unknown), "
                + "median of %d interleaved rounds; R = %d rows of %d machines, A = 6,500 advisories%n", runs, rows.size(), machines);
        double base = median(ns[0]);
        for (int v = 0; v < 4; v++) {
            System.out.printf(Locale.ROOT, "%-38s %6d rows, %8d index entries: %6.0f ms (%.2fx), %9d advisory matches (%.2fx)%n",
                    names[v], rowSets.get(v).size(), indexes.get(v).entries(), median(ns[v]) / 1e6, median(ns[v]) / base,
                    matches[v], (double) matches[v] / matches[0]);
        }
    }

    /** The needed rows of a generated fleet: name, arch, available version. */
    private static List<Row> pendingRows(int machines) {
        List<Row> rows = new ArrayList<>();
        BenchFleet.generator(machines, SEED).updates(u -> {
            if (u.needed() && u.version() != null) {
                rows.add(new Row(u.product(), u.arch(), Evr.parse(u.version())));
            }
        });
        return rows;
    }

    private static long match(List<Row> rows, AdvisoryIndex index) {
        long n = 0;
        for (Row row : rows) {
            n += index.matches(row.name, row.arch, row.available, null, Severity.NONE).size();
        }
        return n;
    }

    private record Row(String name, String arch, Evr available) {
    }

    /** The advisories and feeds of a read, replayed from memory. */
    private static final class Recorded implements AdvisorySink, AdvisorySource {
        private final List<Advisory> advisories = new ArrayList<>();
        private final List<AdvisoryFeed> feeds = new ArrayList<>();

        @Override
        public void accept(Advisory advisory) {
            advisories.add(advisory);
        }

        @Override
        public void feed(AdvisoryFeed feed) {
            feeds.add(feed);
        }

        @Override
        public void read(AdvisorySink sink) {
            advisories.forEach(sink::accept);
            feeds.forEach(sink::feed);
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static double medianOfDifferences(long[] a, long[] b) {
        long[] d = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return median(d);
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
