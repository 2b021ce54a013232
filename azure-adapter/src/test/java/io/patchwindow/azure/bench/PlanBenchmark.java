package io.patchwindow.azure.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.patchwindow.azure.cli.PatchwindowCli;

/**
 * Plan benchmark: generates compact snapshot files (seeded, written once into the output directory and
 * reused), then plans each one in-process several times through the CLI's {@code plan} command and once
 * per run as a separate JVM with the CLI jar. Prints wall times (first, min, median), peak heap and the
 * linearity ratio between the two largest sizes. Timings only: there are no thresholds to pass.
 *
 * <pre>
 * mvn -B -o -q -pl core,azure-adapter -DskipTests verify
 * java -Xmx2g -cp azure-adapter/target/patchwindow.jar:azure-adapter/target/test-classes:core/target/test-classes \
 *     io.patchwindow.azure.bench.PlanBenchmark [--sizes 10000,100000] [--runs 5] [--cli-runs 3]
 *     [--dir target/bench] [--jar azure-adapter/target/patchwindow.jar] [--xmx 2g] [--min-heap]
 * </pre>
 */
public final class PlanBenchmark {
    private static final long SEED = 42;
    /** GNU time, for the CLI runs' CPU time and maximum resident set size, when installed. */
    private static final Path TIME = Path.of("/usr/bin/time");

    private PlanBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args options, see the class comment
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        int[] sizes = Arrays.stream(o.getOrDefault("sizes", "10000,100000").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        int runs = Integer.parseInt(o.getOrDefault("runs", "5"));
        int cliRuns = Integer.parseInt(o.getOrDefault("cli-runs", "3"));
        Path dir = Path.of(o.getOrDefault("dir", "target/bench"));
        Path jar = Path.of(o.getOrDefault("jar", "azure-adapter/target/patchwindow.jar"));
        String xmx = o.getOrDefault("xmx", "2g");
        boolean minHeap = o.containsKey("min-heap");

        System.out.printf(Locale.ROOT, "java %s, %d cores, max heap %d MiB, load average %.2f%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, load());
        List<Path> files = new ArrayList<>();
        for (int n : sizes) {
            long t0 = System.nanoTime();
            boolean existed = Files.exists(dir.resolve("fleet-" + n + "-" + SEED + ".json"));
            Path f = BenchFleet.ensure(dir, n, SEED);
            files.add(f);
            System.out.printf(Locale.ROOT, "snapshot %s: %d machines, %d rows, %.1f MiB (%s in %.1f s)%n", f, n,
                    (long) n * 20, Files.size(f) / 1048576.0, existed ? "reused" : "written",
                    (System.nanoTime() - t0) / 1e9);
        }

        double[] medians = new double[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            Path f = files.get(i);
            double[] ms = new double[runs];
            double[] cpu = new double[runs];
            long peak = 0;
            int planBytes = 0;
            for (int r = 0; r < runs; r++) {
                System.gc();
                resetPeaks();
                long c0 = cpuNanos();
                long t0 = System.nanoTime();
                Counting out = new Counting();
                int code = plan(f, out);
                ms[r] = (System.nanoTime() - t0) / 1e6;
                cpu[r] = (cpuNanos() - c0) / 1e6;
                if (code != 0) {
                    throw new IllegalStateException("plan exited with " + code);
                }
                peak = Math.max(peak, peakHeap());
                planBytes = (int) out.count;
            }
            double first = ms[0];
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            medians[i] = median(sorted);
            double[] cpuSorted = cpu.clone();
            Arrays.sort(cpuSorted);
            System.out.printf(Locale.ROOT, "in-process %7d machines: first %6.0f ms, min %6.0f ms, median %6.0f ms "
                            + "(%d runs; process CPU min %6.0f ms), peak heap %5d MiB, plan JSON %.1f MiB%n", sizes[i],
                    first, sorted[0], medians[i], runs, cpuSorted[0], peak >> 20, planBytes / 1048576.0);
        }
        if (sizes.length >= 2) {
            int a = sizes.length - 2;
            int b = sizes.length - 1;
            System.out.printf(Locale.ROOT, "linearity: %d/%d machines = %.1fx machines, %.2fx median time%n",
                    sizes[b], sizes[a], (double) sizes[b] / sizes[a], medians[b] / medians[a]);
        }
        if (cliRuns > 0) {
            if (!Files.isRegularFile(jar)) {
                System.out.println("CLI jar " + jar + " not found: skipping the CLI runs (build with mvn verify)");
                return;
            }
            double start = jvmStart(jar, xmx, Math.max(cliRuns, 5));
            System.out.printf(Locale.ROOT, "JVM start  (java -Xmx%s -cp <CLI jar>:<test classes> with an empty main): "
                    + "median %4.0f ms%n", xmx, start);
            for (int i = 0; i < sizes.length; i++) {
                double[] ms = new double[cliRuns];
                double[] cpu = new double[cliRuns];
                long rss = 0;
                for (int r = 0; r < cliRuns; r++) {
                    double[] m = cli(jar, xmx, files.get(i));
                    ms[r] = m[0];
                    cpu[r] = m[1];
                    rss = Math.max(rss, (long) m[2]);
                }
                double[] sorted = ms.clone();
                Arrays.sort(sorted);
                double[] cpuSorted = cpu.clone();
                Arrays.sort(cpuSorted);
                System.out.printf(Locale.ROOT, "CLI jar    %7d machines: -Xmx%s, wall min %6.0f ms, median %6.0f ms "
                        + "(%d runs, JVM start included; CPU min %6.0f ms), after JVM start min %6.0f ms, median "
                        + "%6.0f ms, max RSS %s, load average %.2f%n",
                        sizes[i], xmx, sorted[0], median(sorted), cliRuns, cpuSorted[0], sorted[0] - start,
                        median(sorted) - start, rss > 0 ? (rss >> 10) + " MiB" : "n/a", load());
            }
            if (minHeap) {
                for (int i = 0; i < sizes.length; i++) {
                    System.out.printf(Locale.ROOT, "CLI jar   %7d machines: smallest -Xmx that plans: %s%n", sizes[i],
                            minHeap(jar, files.get(i)));
                }
            }
        }
    }

    /**
     * The median wall time of a JVM that starts with the CLI jar on its class path and runs an empty main:
     * what "after JVM start" subtracts from a CLI run.
     */
    private static double jvmStart(Path jar, String xmx, int runs) throws IOException, InterruptedException {
        String classes;
        try {
            classes = Path.of(PlanBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        double[] ms = new double[runs];
        for (int r = 0; r < runs; r++) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + xmx, "-cp", jar + java.io.File.pathSeparator + classes, Empty.class.getName())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            long t0 = System.nanoTime();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("the empty main failed");
            }
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return median(ms);
    }

    /** An empty main, for the JVM start time. */
    public static final class Empty {
        public static void main(String[] args) {
        }
    }

    /** Plans a snapshot through the CLI command, JSON output counted and dropped. */
    static int plan(Path snapshot, OutputStream out) {
        PrintWriter stdout = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
        PrintWriter stderr = new PrintWriter(OutputStream.nullOutputStream());
        int code = PatchwindowCli.newCommandLine(stdout, stderr).execute(cliArgs(snapshot).toArray(new String[0]));
        stdout.flush();
        return code;
    }

    static List<String> cliArgs(Path snapshot) {
        return List.of("plan", "--snapshot", snapshot.toString(), "--now", BenchFleet.NOW.toString(),
                "--environments", "Q,R", "--output", "json");
    }

    /** Wall ms, CPU ms (user + system, 0 when unknown) and max RSS in KiB (0 when unknown) of one CLI run. */
    private static double[] cli(Path jar, String xmx, Path snapshot) throws IOException, InterruptedException {
        Path times = Files.createTempFile("plan-time", ".txt");
        try {
            Process p = start(jar, xmx, snapshot, times);
            long t0 = System.nanoTime();
            int code = p.waitFor();
            double ms = (System.nanoTime() - t0) / 1e6;
            if (code != 0) {
                throw new IllegalStateException("the CLI exited with " + code + " for " + snapshot + " -Xmx" + xmx);
            }
            double cpu = 0;
            double rss = 0;
            List<String> lines = Files.readAllLines(times);
            if (!lines.isEmpty()) {
                String[] f = lines.get(lines.size() - 1).trim().split(" ");
                cpu = (Double.parseDouble(f[0]) + Double.parseDouble(f[1])) * 1000;
                rss = Double.parseDouble(f[2]);
            }
            return new double[] {ms, cpu, rss};
        } finally {
            Files.deleteIfExists(times);
        }
    }

    private static Process start(Path jar, String xmx, Path snapshot, Path times) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (times != null && Files.isExecutable(TIME)) {
            cmd.addAll(List.of(TIME.toString(), "-o", times.toString(), "-f", "%U %S %M"));
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + xmx, "-jar",
                jar.toString()));
        cmd.addAll(cliArgs(snapshot));
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : 0;
    }

    /** The smallest of a ladder of -Xmx values with which the CLI plans the snapshot. */
    private static String minHeap(Path jar, Path snapshot) throws IOException, InterruptedException {
        String[] ladder = {"64m", "96m", "128m", "192m", "256m", "384m", "512m", "768m", "1g", "1536m", "2g"};
        for (String x : ladder) {
            Process p = start(jar, x, snapshot, null);
            if (p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return x;
            }
            p.destroyForcibly();
        }
        return "none up to 2g";
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since the last reset (an upper bound of the simultaneous peak). */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + a + "'; see the class comment");
            }
            String key = a.substring(2);
            if (key.equals("min-heap")) {
                o.put(key, "true");
            } else if (i + 1 < args.length) {
                o.put(key, args[++i]);
            } else {
                throw new IllegalArgumentException("Option " + a + " needs a value");
            }
        }
        return o;
    }

    /** Counts and drops bytes. */
    private static final class Counting extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
