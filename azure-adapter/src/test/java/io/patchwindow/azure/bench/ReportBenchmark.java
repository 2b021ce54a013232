package io.patchwindow.azure.bench;

import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Report benchmark: writes (once, seeded, reused) a snapshot of N machines in 1,000-machine window-group
 * deployments of 20 packages, with one Update Manager installation summary per machine and a
 * {@code softwarepatches} row per package (about 21 rows per machine: 2,100,000 for 100,000 machines; 3% of
 * the machines have a failed package, 2% did not start, 1% reported nothing), then runs
 * {@code patchwindow report --output json} on it in-process (several times) and once as a separate JVM with
 * the CLI jar. Prints wall times and the report's totals. Timings only: no threshold.
 *
 * <pre>
 * mvn -B -o -q -pl core,azure-adapter -DskipTests verify
 * java -Xmx2g -cp azure-adapter/target/patchwindow.jar:azure-adapter/target/test-classes:core/target/test-classes \
 *     io.patchwindow.azure.bench.ReportBenchmark [machines=100000] [runs=3] [dir=target/bench]
 * </pre>
 */
public final class ReportBenchmark {
    private static final String SUB = "0b1f6471-1bf0-4dda-aec3-cb9272f09590";
    private static final int PACKAGES = 20;
    private static final int GROUP = 1000;

    private ReportBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code machines=N runs=R dir=DIR jar=JAR}
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        int machines = 100_000;
        int runs = 3;
        Path dir = Path.of("target/bench");
        Path jar = Path.of("azure-adapter/target/patchwindow.jar");
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "machines" -> machines = Integer.parseInt(kv[1]);
                case "runs" -> runs = Integer.parseInt(kv[1]);
                case "dir" -> dir = Path.of(kv[1]);
                case "jar" -> jar = Path.of(kv[1]);
                default -> throw new IllegalArgumentException("Unknown option '" + a + "': expected machines=, runs=, dir=, jar=");
            }
        }
        Files.createDirectories(dir);
        Path file = dir.resolve("report-" + machines + ".json");
        if (!Files.exists(file)) {
            long t0 = System.nanoTime();
            write(file, machines);
            System.out.printf(Locale.ROOT, "wrote %s (%d MiB) in %.1f s%n", file, Files.size(file) >> 20,
                    (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf(Locale.ROOT, "java %s, %d cores, max heap %d MiB; snapshot %d MiB, %d machines, %d installation rows%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, Files.size(file) >> 20, machines,
                (long) machines * (PACKAGES + 1));
        String[] cli = {"report", "--snapshot", file.toString(), "--now", "2026-12-02T12:00:00Z", "--output", "json",
                "--output-file", dir.resolve("report-" + machines + ".out.json").toString()};
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            StringWriter err = new StringWriter();
            long t0 = System.nanoTime();
            int code = io.patchwindow.azure.cli.PatchwindowCli.newCommandLine(new PrintWriter(new StringWriter()),
                    new PrintWriter(err)).execute(cli);
            double s = (System.nanoTime() - t0) / 1e9;
            times.add(s);
            System.out.printf(Locale.ROOT, "in-process run %d: %.2f s, exit %d, %s", i + 1, s, code, err);
        }
        if (Files.exists(jar)) {
            List<String> cmd = new ArrayList<>(List.of("java", "-jar", jar.toString()));
            cmd.addAll(List.of(cli));
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            System.out.printf(Locale.ROOT, "CLI JVM (java -jar, default heap): %.2f s, exit %d, %s",
                    (System.nanoTime() - t0) / 1e9, code, out);
        }
        times.sort(null);
        System.out.printf(Locale.ROOT, "in-process: min %.2f s, median %.2f s%n", times.get(0), times.get(times.size() / 2));
    }

    private static String vm(int i) {
        return String.format(Locale.ROOT, "/subscriptions/%s/resourceGroups/rg-%03d/providers/Microsoft.Compute/virtualMachines/vm-%06d",
                SUB, i % 500, i);
    }

    static void write(Path file, int machines) throws Exception {
        String[] days = {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("{\"machines\": [\n");
            for (int i = 0; i < machines; i++) {
                w.write((i == 0 ? "" : ",\n") + "{\"id\": \"" + vm(i) + "\", \"name\": \"vm-" + String.format(Locale.ROOT, "%06d", i)
                        + "\", \"type\": \"Microsoft.Compute/virtualMachines\", \"location\": \"westeurope\", "
                        + "\"tags\": {\"patch\": \"CENTOS-Q-" + days[(i / GROUP) % 7] + "-03:00\"}, \"properties\": "
                        + "{\"storageProfile\": {\"imageReference\": {\"publisher\": \"OpenLogic\", \"offer\": \"CentOS\", "
                        + "\"sku\": \"7_9\"}, \"osDisk\": {\"osType\": \"Linux\"}}}}");
            }
            w.write("\n], \"deployments\": [\n");
            int groups = (machines + GROUP - 1) / GROUP;
            for (int g = 0; g < groups; g++) {
                // windows of the week before 2026-12-02: Monday 2026-11-23 .. Sunday 2026-11-29, 03:00 Paris
                int day = g % 7;
                StringBuilder ids = new StringBuilder();
                for (int i = g * GROUP; i < Math.min(machines, (g + 1) * GROUP); i++) {
                    ids.append(i == g * GROUP ? "" : ", ").append('"').append(vm(i)).append('"');
                }
                StringBuilder pk = new StringBuilder();
                for (int k = 0; k < PACKAGES; k++) {
                    pk.append(k == 0 ? "" : ", ").append("\"pkg-").append(k).append('"');
                }
                String name = String.format(Locale.ROOT, "pw-Q-%s-0300-3f2a9c1d-%d", days[day], g + 1);
                w.write((g == 0 ? "" : ",\n") + "{\"id\": \"/subscriptions/" + SUB + "/resourceGroups/rg-automation/providers/"
                        + "Microsoft.Automation/automationAccounts/aa/softwareUpdateConfigurations/" + name + "\", \"name\": \""
                        + name + "\", \"type\": \"Microsoft.Automation/automationAccounts/softwareUpdateConfigurations\", "
                        + "\"properties\": {\"updateConfiguration\": {\"operatingSystem\": \"Linux\", \"linux\": "
                        + "{\"includedPackageNameMasks\": [" + pk + "], \"rebootSetting\": \"Always\"}, \"duration\": \"PT2H\", "
                        + "\"azureVirtualMachines\": [" + ids + "], \"nonAzureComputerNames\": []}, \"scheduleInfo\": "
                        + "{\"startTime\": \"2026-11-" + (23 + day) + "T03:00:00+01:00\", \"timeZone\": \"Europe/Paris\", "
                        + "\"frequency\": \"OneTime\", \"isEnabled\": true, \"nextRun\": null}}}");
            }
            w.write("\n], \"installations\": [\n");
            boolean first = true;
            for (int i = 0; i < machines; i++) {
                if (i % 100 == 7) {
                    continue; // 1%: no result
                }
                int day = (i / GROUP) % 7;
                String start = "2026-11-" + (23 + day) + "T02:0" + (i % 10) + ":00Z";
                String status = i % 50 == 3 ? "NotStarted" : i % 33 == 5 ? "Failed" : "Succeeded";
                String base = vm(i) + "/patchInstallationResults/" + String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d", i);
                w.write((first ? "" : ",\n") + "{\"id\": \"" + base + "\", \"type\": \"microsoft.compute/virtualmachines/"
                        + "patchinstallationresults\", \"properties\": {\"status\": \"" + status + "\", \"startDateTime\": \""
                        + start + "\", \"lastModifiedDateTime\": \"" + start.replace("T02:", "T03:") + "\", "
                        + "\"maintenanceRunId\": \"run-" + day + "\", \"maintenanceWindowExceeded\": false, \"rebootStatus\": "
                        + "\"Completed\", \"installedPatchCount\": " + PACKAGES + ", \"failedPatchCount\": 0, "
                        + "\"pendingPatchCount\": 0, \"excludedPatchCount\": 0, \"notSelectedPatchCount\": 0, "
                        + "\"osType\": \"Linux\", \"startedBy\": \"Platform\"}}");
                first = false;
                if (status.equals("NotStarted")) {
                    continue;
                }
                for (int k = 0; k < PACKAGES; k++) {
                    String state = status.equals("Failed") && k == 3 ? "Failed" : "Installed";
                    w.write(",\n{\"id\": \"" + base + "/softwarePatches/pkg-" + k + ".x86_64_1." + k + "-1.el7\", \"type\": "
                            + "\"microsoft.compute/virtualmachines/patchinstallationresults/softwarepatches\", \"properties\": "
                            + "{\"patchName\": \"pkg-" + k + ".x86_64\", \"version\": \"1." + k + "-1.el7\", \"classifications\": "
                            + "[\"Other\"], \"installationState\": \"" + state + "\"}}");
                }
            }
            w.write("\n]}\n");
        }
    }
}
