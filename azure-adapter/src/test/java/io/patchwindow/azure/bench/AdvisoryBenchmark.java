package io.patchwindow.azure.bench;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;

import org.apache.commons.compress.compressors.CompressorStreamFactory;

import io.patchwindow.azure.advisory.AdvisoryFiles;
import io.patchwindow.core.advisory.Advisory;
import io.patchwindow.core.advisory.AdvisoryType;
import io.patchwindow.core.advisory.FixedPackage;
import io.patchwindow.core.advisory.Severity;
import io.patchwindow.core.rpm.Evr;
import io.patchwindow.core.testing.FleetGenerator;

/**
 * Advisory reading benchmark (issue 13): generates advisory data the size of Red Hat's RHEL 7 OVAL (6,500
 * advisories, about 156,000 fixed-package entries; seeded, written once into the output directory and
 * reused) as OVAL v2 and as updateinfo, each plain, gzip and bzip2, then measures side by side, per file:
 * decompression alone (bytes read and dropped), a bare StAX pass over the uncompressed bytes (every event,
 * nothing kept: the floor of reading the XML), and {@link AdvisoryFiles} (the reader, advisories counted),
 * in interleaved rounds (every form once per round), reporting medians and the per-round ratio, plus the peak
 * heap during the reader's runs. The first package names are the generated fleet's
 * ({@link FleetGenerator#packageNames()}), so that {@link AdvisoryPlanBenchmark} plans with the same data. Target: reader at most 1.5 x
 * (StAX + decompression), heap at most 300 MB: run it with {@code -Xmx300m} to prove the heap.
 *
 * <pre>
 * mvn -B -o -q -pl core,azure-adapter -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx300m -cp "azure-adapter/target/test-classes:azure-adapter/target/classes:$(cat azure-adapter/target/cp.txt)" \
 *     io.patchwindow.azure.bench.AdvisoryBenchmark [--advisories 6500] [--packages 24] [--runs 3] [--warmup 1] [--dir target/bench-advisories]
 * </pre>
 */
public final class AdvisoryBenchmark {
    private static final long SEED = 13;
    /** The distinct package names of the generated files. */
    private static final int NAMES = 3000;

    private AdvisoryBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args options, see the class comment
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        int advisories = 6500;
        int packages = 24;
        int runs = 3;
        int warmup = 1;
        Path dir = Path.of("target/bench-advisories");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--advisories" -> advisories = Integer.parseInt(args[i + 1]);
                case "--packages" -> packages = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--dir" -> dir = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Files.createDirectories(dir);
        System.out.printf(Locale.ROOT, "java %s, %d cores, max heap %d MiB, load average %.2f%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, load());
        List<String> forms = List.of("plain", CompressorStreamFactory.GZIP, CompressorStreamFactory.BZIP2);
        for (String format : List.of("oval", "updateinfo")) {
            Path plain = ensure(dir, format, advisories, packages);
            List<Path> files = new ArrayList<>();
            for (String form : forms) {
                files.add(form.equals("plain") ? plain : compressed(plain, form));
            }
            // Interleaved: each round measures every form (decompression, StAX, reader) before the next round,
            // so that a busy moment of the shared machine falls on all of them alike.
            // The first rounds (--warmup) are measured and shown apart, not counted: in them the JIT compiles the
            // reader's code as it runs (a plan reads its advisories once, in a fresh JVM: that cost is the first
            // round's ratio).
            int rounds = warmup + runs;
            long[][][] ns = new long[forms.size()][3][rounds];
            long[][][] cpu = new long[forms.size()][3][rounds];
            long[] peak = new long[forms.size()];
            long[] entries = new long[forms.size()];
            for (int r = 0; r < rounds; r++) {
                for (int f = 0; f < forms.size(); f++) {
                    Path file = files.get(f);
                    // each measurement starts from a collected heap (the reader's also has its peak reset)
                    System.gc();
                    ns[f][0][r] = forms.get(f).equals("plain") ? 0 : time(() -> drain(file));
                    cpu[f][0][r] = forms.get(f).equals("plain") ? 0 : lastCpu;
                    System.gc();
                    ns[f][1][r] = time(() -> stax(plain));
                    cpu[f][1][r] = lastCpu;
                    long[] count = new long[1];
                    resetPeaks();
                    ns[f][2][r] = time(() -> AdvisoryFiles.of(file).read(a -> count[0] += a.packages().size()));
                    cpu[f][2][r] = lastCpu;
                    peak[f] = Math.max(peak[f], peakHeap());
                    entries[f] = count[0];
                }
                System.out.printf(Locale.ROOT, "  %s round %d of %d done%s, load average %.2f%n", format, r + 1, rounds,
                        r < warmup ? " (warm-up)" : "", load());
            }
            System.out.printf(Locale.ROOT, "%n%-11s %-6s %8s %11s %9s %9s %9s %7s %17s %11s %9s %10s%n", "format", "form", "size MB",
                    "decompress", "StAX", "floor", "reader", "ratio", "ratio min..max", "1st round", "peak heap", "CPU ratio");
            for (int f = 0; f < forms.size(); f++) {
                double[] ratios = new double[runs];
                double[] cpuRatios = new double[runs];
                long[] floors = new long[runs];
                long[][] measured = new long[3][runs];
                for (int r = 0; r < runs; r++) {
                    for (int k = 0; k < 3; k++) {
                        measured[k][r] = ns[f][k][warmup + r];
                    }
                    floors[r] = measured[0][r] + measured[1][r];
                    ratios[r] = (double) measured[2][r] / floors[r];
                    int round = warmup + r;
                    cpuRatios[r] = (double) cpu[f][2][round] / Math.max(1, cpu[f][0][round] + cpu[f][1][round]);
                }
                double first = (double) ns[f][2][0] / (ns[f][0][0] + ns[f][1][0]);
                Arrays.sort(ratios);
                Arrays.sort(cpuRatios);
                System.out.printf(Locale.ROOT, "%-11s %-6s %8.1f %8d ms %6d ms %6d ms %6d ms %7.2f %7.2f .. %5.2f %11.2f %5d MiB %10.2f   (%d entries)%n",
                        format, forms.get(f), Files.size(files.get(f)) / 1e6, median(measured[0]) / 1_000_000,
                        median(measured[1]) / 1_000_000, median(floors) / 1_000_000, median(measured[2]) / 1_000_000,
                        runs % 2 == 1 ? ratios[runs / 2] : (ratios[runs / 2 - 1] + ratios[runs / 2]) / 2, ratios[0],
                        ratios[runs - 1], first, peak[f] >> 20,
                        runs % 2 == 1 ? cpuRatios[runs / 2] : (cpuRatios[runs / 2 - 1] + cpuRatios[runs / 2]) / 2, entries[f]);
            }
            System.out.println("(median of " + runs + " interleaved rounds after " + warmup + " warm-up round(s); ratio = "
                    + "reader / (decompress + StAX) per round, its median and range; CPU ratio: the same of the process's "
                    + "CPU time, every thread (parser, reader, decoder, collector, JIT), median; 1st round: the ratio of the first, "
                    + "cold round)");
        }
    }

    /**
     * Returns the plain file of generated data in a directory, writing it when it does not exist yet.
     *
     * @param dir the directory, not null
     * @param format {@code oval} or {@code updateinfo}
     * @param advisories the advisory count
     * @param packages the mean fixed packages per advisory
     * @return the file, not null
     * @throws Exception if it cannot be written
     */
    static Path ensure(Path dir, String format, int advisories, int packages) throws Exception {
        Files.createDirectories(dir);
        Path plain = dir.resolve(format + "-" + advisories + "x" + packages + "-fleet.xml");
        if (!Files.exists(plain)) {
            long entries = generate(plain, format, advisories, packages);
            System.out.printf(Locale.ROOT, "generated %s: %d advisories, %d fixed-package entries, %.1f MB%n",
                    plain.getFileName(), advisories, entries, Files.size(plain) / 1e6);
        }
        return plain;
    }

    private static Path compressed(Path plain, String form) throws Exception {
        Path file = plain.resolveSibling(plain.getFileName() + "." + form);
        if (!Files.exists(file)) {
            Path tmp = plain.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = new CompressorStreamFactory().createCompressorOutputStream(form,
                    Files.newOutputStream(tmp))) {
                Files.copy(plain, out);
            }
            Files.move(tmp, file);
        }
        return file;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Timed work. */
    private interface Work {
        void run() throws Exception;
    }

    /** The process's CPU time (every thread) of the last {@link #time}d work, in nanoseconds. */
    private static long lastCpu;

    private static long time(Work work) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c = os.getProcessCpuTime();
        long t = System.nanoTime();
        work.run();
        long elapsed = System.nanoTime() - t;
        lastCpu = os.getProcessCpuTime() - c;
        return elapsed;
    }

    private static void drain(Path file) throws Exception {
        try (InputStream in = new CompressorStreamFactory(true).createCompressorInputStream(
                new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // dropped
            }
        }
    }

    private static void stax(Path plain) throws Exception {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(plain), 1 << 16)) {
            XMLStreamReader r = f.createXMLStreamReader(in);
            while (r.hasNext()) {
                r.next();
            }
            r.close();
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since the reset: an upper bound of the heap in use at once. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Writes the data; returns the number of fixed-package entries. */
    private static long generate(Path file, String format, int advisories, int packages) throws Exception {
        String[] names = names(NAMES);
        int[][] chosen = choose(advisories, packages, names.length);
        long entries = 0;
        for (int[] c : chosen) {
            entries += c.length;
        }
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
            if (format.equals("oval")) {
                oval(w, names, chosen);
            } else {
                updateinfo(w, names, chosen);
            }
        }
        return entries;
    }

    /**
     * The advisories the generated files hold, as objects (what the OVAL reader gives for the OVAL file when
     * {@code pool} is 3,000), for measurements without reading: security advisories of severity Important,
     * fixed packages without architecture.
     *
     * @param advisories the advisory count
     * @param packages the mean fixed packages per advisory
     * @param pool the number of distinct package names, the fleet's first
     * @return the advisories, not null
     */
    static List<Advisory> advisories(int advisories, int packages, int pool) {
        String[] names = names(pool);
        int[][] chosen = choose(advisories, packages, pool);
        List<Advisory> out = new ArrayList<>(advisories);
        LocalDate date = LocalDate.of(2024, 5, 22);
        for (int a = 0; a < advisories; a++) {
            List<FixedPackage> fixed = new ArrayList<>();
            for (int p = 0; p < chosen[a].length; p++) {
                fixed.add(new FixedPackage(names[chosen[a][p]], Evr.parse(evr(a, p)), ""));
            }
            out.add(new Advisory(id(a), AdvisoryType.SECURITY, Severity.IMPORTANT, date, date,
                    List.of("CVE-2020-" + (10000 + a)), fixed, "EL7"));
        }
        return out;
    }

    /** The package names: the generated fleet's first, so that a plan of the fleet finds advisories for them. */
    private static String[] names(int pool) {
        List<String> fleet = FleetGenerator.packageNames();
        String[] names = new String[pool];
        for (int i = 0; i < names.length; i++) {
            names[i] = i < fleet.size() ? fleet.get(i) : "pkg" + i + (i % 3 == 0 ? "-libs" : i % 3 == 1 ? "-devel" : "");
        }
        return names;
    }

    /** Per advisory, the indexes of its fixed packages' names (1 to 2 x packages - 1 of them, seeded). */
    private static int[][] choose(int advisories, int packages, int pool) {
        Random rnd = new Random(SEED);
        int[][] chosen = new int[advisories][];
        for (int a = 0; a < advisories; a++) {
            int n = 1 + rnd.nextInt(packages * 2 - 1);
            chosen[a] = rnd.ints(0, pool).distinct().limit(n).toArray();
        }
        return chosen;
    }

    private static String id(int a) {
        return String.format(Locale.ROOT, "RHSA-%d:%04d", 2014 + a / 600, a % 600 + 1000);
    }

    private static String evr(int a, int p) {
        return (p % 7 == 0 ? "1:" : "0:") + (1 + p % 9) + "." + (a % 40) + "." + (p % 13) + "-" + (1 + a % 50) + ".el7_9";
    }

    private static void oval(Writer w, String[] names, int[][] chosen) throws Exception {
        w.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<oval_definitions xmlns=\"http://oval.mitre.org/XMLSchema/oval-definitions-5\""
                + " xmlns:oval=\"http://oval.mitre.org/XMLSchema/oval-common-5\" xmlns:red-def=\"http://oval.mitre.org/XMLSchema/oval-definitions-5#linux\">\n"
                + "  <generator><oval:product_name>Red Hat OVAL Patch Definition Merger</oval:product_name><oval:schema_version>5.10</oval:schema_version></generator>\n  <definitions>\n");
        for (int a = 0; a < chosen.length; a++) {
            String id = id(a);
            String num = id.substring(5).replace(":", "");
            w.write("    <definition class=\"patch\" id=\"oval:com.redhat.rhsa:def:" + num + "\" version=\"637\">\n      <metadata>\n"
                    + "        <title>" + id + ": pkg security update (Important)</title>\n"
                    + "        <affected family=\"unix\"><platform>Red Hat Enterprise Linux 7</platform></affected>\n"
                    + "        <reference ref_id=\"" + id + "\" ref_url=\"https://access.redhat.com/errata/" + id + "\" source=\"RHSA\"/>\n"
                    + "        <reference ref_id=\"CVE-2020-" + (10000 + a) + "\" ref_url=\"https://access.redhat.com/security/cve/CVE-2020-" + (10000 + a) + "\" source=\"CVE\"/>\n"
                    + "        <description>Security Fix(es): a flaw was found and fixed; refer to the CVE page for details.</description>\n"
                    + "        <advisory from=\"secalert@redhat.com\"><severity>Important</severity><rights>Copyright 2024 Red Hat, Inc.</rights>"
                    + "<issued date=\"2024-05-22\"/><updated date=\"2024-05-22\"/>"
                    + "<cve cvss3=\"7.5/CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H\" href=\"https://access.redhat.com/security/cve/CVE-2020-" + (10000 + a) + "\" impact=\"important\" public=\"20200101\">CVE-2020-" + (10000 + a) + "</cve>"
                    + "<affected_cpe_list><cpe>cpe:/o:redhat:enterprise_linux:7</cpe></affected_cpe_list></advisory>\n      </metadata>\n"
                    + "      <criteria operator=\"OR\">\n        <criterion comment=\"Red Hat Enterprise Linux must be installed\" test_ref=\"oval:com.redhat.rhba:tst:20150364027\"/>\n"
                    + "        <criteria operator=\"AND\">\n          <criteria operator=\"OR\">\n");
            for (int p = 0; p < chosen[a].length; p++) {
                String name = names[chosen[a][p]];
                w.write("            <criteria operator=\"AND\">\n              <criterion comment=\"" + name + " is earlier than " + evr(a, p)
                        + "\" test_ref=\"oval:com.redhat.rhsa:tst:" + num + String.format(Locale.ROOT, "%03d", 2 * p + 1) + "\"/>\n"
                        + "              <criterion comment=\"" + name + " is signed with Red Hat redhatrelease2 key\" test_ref=\"oval:com.redhat.rhsa:tst:"
                        + num + String.format(Locale.ROOT, "%03d", 2 * p + 2) + "\"/>\n            </criteria>\n");
            }
            w.write("          </criteria>\n        </criteria>\n      </criteria>\n    </definition>\n");
        }
        w.write("  </definitions>\n  <tests>\n");
        for (int a = 0; a < chosen.length; a++) {
            String num = id(a).substring(5).replace(":", "");
            for (int p = 0; p < chosen[a].length; p++) {
                String name = names[chosen[a][p]];
                String obj = "oval:com.redhat.rhsa:obj:2014" + String.format(Locale.ROOT, "%06d", chosen[a][p]);
                w.write("    <red-def:rpminfo_test check=\"at least one\" comment=\"" + name + " is earlier than " + evr(a, p)
                        + "\" id=\"oval:com.redhat.rhsa:tst:" + num + String.format(Locale.ROOT, "%03d", 2 * p + 1) + "\" version=\"637\">\n"
                        + "      <red-def:object object_ref=\"" + obj + "\"/>\n      <red-def:state state_ref=\"oval:com.redhat.rhsa:ste:" + num
                        + String.format(Locale.ROOT, "%03d", p + 1) + "\"/>\n    </red-def:rpminfo_test>\n"
                        + "    <red-def:rpminfo_test check=\"at least one\" comment=\"" + name + " is signed with Red Hat redhatrelease2 key\" id=\"oval:com.redhat.rhsa:tst:"
                        + num + String.format(Locale.ROOT, "%03d", 2 * p + 2) + "\" version=\"637\">\n      <red-def:object object_ref=\"" + obj
                        + "\"/>\n      <red-def:state state_ref=\"oval:com.redhat.rhba:ste:20150364002\"/>\n    </red-def:rpminfo_test>\n");
            }
        }
        w.write("  </tests>\n  <objects>\n");
        for (int i = 0; i < names.length; i++) {
            w.write("    <red-def:rpminfo_object id=\"oval:com.redhat.rhsa:obj:2014" + String.format(Locale.ROOT, "%06d", i)
                    + "\" version=\"645\">\n      <red-def:name>" + names[i] + "</red-def:name>\n    </red-def:rpminfo_object>\n");
        }
        w.write("  </objects>\n  <states>\n    <red-def:rpminfo_state id=\"oval:com.redhat.rhba:ste:20150364002\" version=\"645\">\n"
                + "      <red-def:signature_keyid operation=\"equals\">199e2f91fd431d51</red-def:signature_keyid>\n    </red-def:rpminfo_state>\n");
        for (int a = 0; a < chosen.length; a++) {
            String num = id(a).substring(5).replace(":", "");
            for (int p = 0; p < chosen[a].length; p++) {
                w.write("    <red-def:rpminfo_state id=\"oval:com.redhat.rhsa:ste:" + num + String.format(Locale.ROOT, "%03d", p + 1)
                        + "\" version=\"637\">\n      <red-def:arch datatype=\"string\" operation=\"pattern match\">aarch64|ppc64le|s390x|x86_64</red-def:arch>\n"
                        + "      <red-def:evr datatype=\"evr_string\" operation=\"less than\">" + evr(a, p) + "</red-def:evr>\n    </red-def:rpminfo_state>\n");
            }
        }
        w.write("  </states>\n</oval_definitions>\n");
    }

    private static void updateinfo(Writer w, String[] names, int[][] chosen) throws Exception {
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<updates>\n");
        for (int a = 0; a < chosen.length; a++) {
            String id = id(a);
            w.write("  <update from=\"security@redhat.com\" status=\"final\" type=\"security\" version=\"1\">\n    <id>" + id
                    + "</id>\n    <title>Important: pkg security update</title>\n    <severity>Important</severity>\n"
                    + "    <issued date=\"2024-05-22 08:21:36\"/>\n    <updated date=\"2024-05-22 08:21:36\"/>\n"
                    + "    <description>Security Fix(es): a flaw was found and fixed; refer to the CVE page for details.</description>\n"
                    + "    <references><reference href=\"https://access.redhat.com/security/cve/CVE-2020-" + (10000 + a) + "\" id=\"CVE-2020-"
                    + (10000 + a) + "\" type=\"cve\"/></references>\n    <pkglist><collection short=\"rhel-7-server-rpms\"><name>RHEL 7</name>\n");
            for (int p = 0; p < chosen[a].length; p++) {
                String name = names[chosen[a][p]];
                String evr = evr(a, p);
                String epoch = evr.substring(0, evr.indexOf(':'));
                String vr = evr.substring(evr.indexOf(':') + 1);
                String version = vr.substring(0, vr.indexOf('-'));
                String release = vr.substring(vr.indexOf('-') + 1);
                w.write("      <package name=\"" + name + "\" epoch=\"" + epoch + "\" version=\"" + version + "\" release=\"" + release
                        + "\" arch=\"x86_64\" src=\"" + name + "-" + vr + ".src.rpm\"><filename>" + name + "-" + vr + ".x86_64.rpm</filename></package>\n");
            }
            w.write("    </collection></pkglist>\n  </update>\n");
        }
        w.write("</updates>\n");
    }

}
