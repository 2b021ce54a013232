package io.patchwindow.azure.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.patchwindow.azure.inventory.ArmMachines;
import io.patchwindow.azure.automation.AutomationDeploymentTarget;
import io.patchwindow.azure.PatchwindowAzure;
import io.patchwindow.azure.inventory.ResourceGraphInventory;
import io.patchwindow.azure.updatemanager.UpdateManagerDeploymentTarget;
import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.WriteEvent;
import io.patchwindow.azure.testing.AzureFleet;
import io.patchwindow.azure.testing.AzureFleetGenerator;
import io.patchwindow.azure.testing.WriteAudit;
import io.patchwindow.core.apply.Applier;
import io.patchwindow.core.assessment.Classification;
import io.patchwindow.core.assessment.UpdateRecord;
import io.patchwindow.core.deployment.ActionKind;
import io.patchwindow.core.deployment.ApplyReport;
import io.patchwindow.core.deployment.DeploymentAction;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.plan.Grouping;
import io.patchwindow.core.plan.Plan;
import io.patchwindow.core.plan.Planner;
import io.patchwindow.core.plan.Policy;
import io.patchwindow.core.port.AssessmentSource;

/**
 * Apply throughput through the emulator's ARM write token bucket, and Resource Graph inventory paging.
 * Not part of the test run; a {@code main}:
 *
 * <pre>
 * mvn -B -q -pl core,azure-adapter test-compile \
 *     org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
 *     -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * CP=azure-adapter/target/test-classes:azure-adapter/target/classes:core/target/classes:core/target/test-classes:$(cat azure-adapter/target/bench.cp)
 * java -cp "$CP" io.patchwindow.azure.bench.ApplyBenchmark apply --machines 5000 --capacity 200 --refill 100 --concurrency 8,16,32
 * java -Xmx4g -cp "$CP" io.patchwindow.azure.bench.ApplyBenchmark inventory --machines 100000 --subscriptions 50,150,250
 * </pre>
 * (Not {@code exec:java}: in a reactor of core and adapter it would run in core too; nothing is installed.)
 *
 * <p>{@code apply} plans every machine of a light fleet ({@link AzureFleetGenerator#plannable}: all CentOS, all
 * tagged, all ready for user schedules; one security package each), turns the token bucket on (full), and
 * applies with the library's default retries, for each backend and concurrency: Automation (one software
 * update configuration per machine) and Update Manager (one maintenance configuration per window group plus
 * one assignment per machine). It prints the writes received, the 429s, the wall time of the apply, the bound
 * the bucket allows ({@code (W - capacity) / refill} for the W writes that must succeed), their ratio,
 * failures, duplicates (resources answered 2xx more than once) and Retry-After violations (a retry that
 * reached the emulator before the wait of its 429 had elapsed). Options: {@code --backend automation|um|both},
 * {@code --ms-retry-after} (the 429 also carries the exact wait in {@code x-ms-retry-after-ms}; default: only
 * {@code Retry-After} in whole seconds, as ARM), {@code --assignment-concurrency N} (Update Manager, default 8),
 * {@code --throttled-retries N} ({@code PatchwindowAzure.Configurable#withMaxThrottledRetries}, default 1000).
 *
 * <p>{@code inventory} lists the machines of a light fleet through Resource Graph and prints the pages
 * (requests) sent, the expected count (per subscription batch of 100, ceil(rows / 1000)) and the time.
 */
public final class ApplyBenchmark {
    private static final Instant NOW = Instant.parse("2026-11-25T10:17:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String TOKEN = "pw-bench-token";
    private static int throttledRetries = PatchwindowAzure.DEFAULT_MAX_THROTTLED_RETRIES;

    private ApplyBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code apply ...} or {@code inventory ...}, see the class comment
     * @throws Exception on a setup failure
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String mode = args.length == 0 ? "apply" : args[0];
        boolean ok = mode.equals("inventory") ? inventory(o) : apply(o);
        System.exit(ok ? 0 : 1);
    }

    // ------------------------------------------------------------------------------------------------ apply

    static boolean apply(Map<String, String> o) {
        int machines = Integer.parseInt(o.getOrDefault("machines", "5000"));
        int capacity = Integer.parseInt(o.getOrDefault("capacity", "200"));
        double refill = Double.parseDouble(o.getOrDefault("refill", "100"));
        boolean ms = o.containsKey("ms-retry-after");
        int assignmentConcurrency = Integer.parseInt(o.getOrDefault("assignment-concurrency", "8"));
        throttledRetries = Integer.parseInt(o.getOrDefault("throttled-retries",
                Integer.toString(PatchwindowAzure.DEFAULT_MAX_THROTTLED_RETRIES)));
        String backend = o.getOrDefault("backend", "both");
        List<Integer> concurrencies = new ArrayList<>();
        for (String c : o.getOrDefault("concurrency", "8,16,32").split(",")) {
            concurrencies.add(Integer.parseInt(c.strip()));
        }
        System.out.printf(Locale.ROOT, "apply: %d machines, bucket capacity %d, refill %.1f/s, Retry-After %s, "
                        + "default retries (%d throttled retries)%n", machines, capacity, refill,
                ms ? "x-ms-retry-after-ms (exact)" : "whole seconds", throttledRetries);
        System.out.println("backend     conc  writes  429s    wall_s  bound_s  ratio  failures  duplicates"
                + "  early_retries  min_slack_ms");
        AzureFleet fleet = AzureFleetGenerator.plannable(machines, 4, 7);
        List<Machine> inventory = new ArrayList<>();
        for (ObjectNode m : fleet.machines()) {
            inventory.add(ArmMachines.fromJson(m));
        }
        boolean allOk = true;
        for (int c : concurrencies) {
            if (backend.equals("both") || backend.equals("automation")) {
                allOk &= runAutomation(fleet, inventory, c, capacity, refill, ms);
            }
            if (backend.equals("both") || backend.equals("um")) {
                allOk &= runUpdateManager(fleet, inventory, c, assignmentConcurrency, capacity, refill, ms);
            }
        }
        return allOk;
    }

    private static boolean runAutomation(AzureFleet fleet, List<Machine> inventory, int concurrency, int capacity,
                                         double refill, boolean ms) {
        String account = "/subscriptions/" + fleet.subscriptions().get(0)
                + "/resourceGroups/ops/providers/Microsoft.Automation/automationAccounts/aa";
        try (AzureEmulator azure = AzureEmulator.start(fleet).armPageSize(1000).now(NOW)) {
            AutomationDeploymentTarget target = AutomationDeploymentTarget.builder(connect(azure), account)
                    .machines(inventory).build();
            Plan plan = Planner.of(Policy.defaults()).plan(inventory, assessment(), target.existing("pw-"), CLOCK);
            int writes = (int) plan.count(ActionKind.CREATE);
            azure.armWriteThrottling(capacity, refill, ms);
            azure.resetCounters();
            long t0 = System.nanoTime();
            ApplyReport report = Applier.of(target, concurrency).apply(plan.actions());
            long wall = System.nanoTime() - t0;
            WriteAudit audit = WriteAudit.of(azure.writeEvents());
            boolean stateOk = azure.softwareUpdateConfigurations().size() == writes;
            boolean ok = print("automation", concurrency, writes, capacity, refill, wall, report, audit, stateOk);
            if (!ok) {
                explain(azure, azure.softwareUpdateConfigurations());
            }
            return ok;
        }
    }

    private static boolean runUpdateManager(AzureFleet fleet, List<Machine> inventory, int concurrency,
                                            int assignmentConcurrency, int capacity, double refill, boolean ms) {
        String group = "/subscriptions/" + fleet.subscriptions().get(0) + "/resourceGroups/rg-patch-schedules";
        Policy policy = Policy.builder().grouping(Grouping.PER_WINDOW).maxGroupSize(3000)
                .requireUserSchedulePatchMode(true).build();
        try (AzureEmulator azure = AzureEmulator.start(fleet).armPageSize(1000).now(NOW)) {
            UpdateManagerDeploymentTarget target = UpdateManagerDeploymentTarget.builder(connect(azure), group, CLOCK)
                    .policy(policy).machines(inventory).assignmentConcurrency(assignmentConcurrency).build();
            Plan plan = Planner.of(policy).plan(inventory, assessment(), target.existing("pw-"), CLOCK);
            int assignments = plan.deployments().stream().mapToInt(d -> d.machineIds().size()).sum();
            int writes = plan.deployments().size() + assignments;
            List<DeploymentAction> actions = target.releaseUnplannedGroups(plan.actions());
            azure.armWriteThrottling(capacity, refill, ms);
            azure.resetCounters();
            long t0 = System.nanoTime();
            ApplyReport report = Applier.of(target, concurrency).apply(actions);
            long wall = System.nanoTime() - t0;
            WriteAudit audit = WriteAudit.of(azure.writeEvents());
            boolean stateOk = azure.configurationAssignments().size() == assignments
                    && azure.maintenanceConfigurations().size() == plan.deployments().size();
            boolean ok = print("updatemgr", concurrency, writes, capacity, refill, wall, report, audit, stateOk);
            if (!ok) {
                List<ObjectNode> resources = new ArrayList<>(azure.maintenanceConfigurations());
                resources.addAll(azure.configurationAssignments());
                explain(azure, resources);
            }
            return ok;
        }
    }

    private static boolean print(String backend, int concurrency, int writes, int capacity, double refill, long wall,
                                 ApplyReport report, WriteAudit audit, boolean stateOk) {
        double bound = Math.max(0, (writes - capacity) / refill);
        double wallSeconds = wall / 1e9;
        double ratio = bound == 0 ? Double.NaN : wallSeconds / bound;
        long failures = report.failedCount();
        System.out.printf(Locale.ROOT, "%-10s  %4d  %6d  %6d  %7.1f  %7.1f  %5.3f  %8d  %10d  %13d  %12s%n", backend,
                concurrency, audit.received(), audit.throttled(), wallSeconds, bound, ratio, failures,
                audit.duplicates(), audit.retryAfterViolations(),
                audit.minRetrySlackMillis() == Long.MAX_VALUE ? "-" : Long.toString(audit.minRetrySlackMillis()));
        boolean ok = failures == 0 && audit.duplicates() == 0 && audit.refused() == 0
                && audit.retryAfterViolations() == 0 && audit.distinctApplied() == writes && stateOk;
        if (!ok) {
            System.out.println("  NOT OK: failures " + failures + ", refused " + audit.refused() + ", distinct applied "
                    + audit.distinctApplied() + " of " + writes + ", end state " + (stateOk ? "ok" : "wrong")
                    + (failures > 0 ? ", first failure " + report.results().stream().filter(r -> !r.ok()).findFirst()
                            .map(r -> r.errorCode() + " " + r.message()).orElse("") : ""));
        }
        return ok;
    }

    /** Prints the write events of the resources that do not have exactly one 2xx answer. */
    private static void explain(AzureEmulator azure, List<ObjectNode> resources) {
        Map<String, List<String>> events = new LinkedHashMap<>();
        for (WriteEvent e : azure.writeEvents()) {
            events.computeIfAbsent(e.path().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(e.method() + " " + e.status() + (e.retryAfterMillis() > 0 ? " ra=" + e.retryAfterMillis() : ""));
        }
        int shown = 0;
        for (ObjectNode r : resources) {
            String id = r.path("id").asText().toLowerCase(Locale.ROOT);
            List<String> mine = events.getOrDefault(id, List.of());
            if (mine.stream().filter(x -> x.matches("\\w+ 2\\d\\d.*")).count() != 1 && shown++ < 5) {
                System.out.println("  " + id + ": " + mine);
            }
        }
    }

    /** One fresh security update per machine. */
    private static AssessmentSource assessment() {
        return (request, sink) -> {
            for (String id : request.machineIds()) {
                sink.accept(new UpdateRecord(id, null, "openssl", "x86_64", "1.0.2k-26.el7_9",
                        EnumSet.of(Classification.SECURITY), true, NOW.minusSeconds(600)));
            }
        };
    }

    private static PatchwindowAzure connect(AzureEmulator azure) {
        // the library's default retries: what the CLI and the embedding API use
        return PatchwindowAzure.configure().withHttpClient(azure.httpClient()).withMaxThrottledRetries(throttledRetries)
                .authenticate(AzureEmulator.credential(TOKEN), azure.profile());
    }

    // -------------------------------------------------------------------------------------------- inventory

    static boolean inventory(Map<String, String> o) {
        int machines = Integer.parseInt(o.getOrDefault("machines", "100000"));
        boolean allOk = true;
        long g0 = System.nanoTime();
        AzureFleet fleet = null;
        System.out.println("inventory: " + machines + " machines, Resource Graph pages of 1000, subscription batches of "
                + "100 (the default)");
        System.out.println("subs  batches  machines  pages  expected  bound_ceil+1  seconds");
        for (String s : o.getOrDefault("subscriptions", "50,150,250").split(",")) {
            int subs = Integer.parseInt(s.strip());
            fleet = AzureFleetGenerator.plannable(machines, subs, 7);
            if (g0 > 0) {
                System.out.printf(Locale.ROOT, "  (fleet generated in %.1f s)%n", (System.nanoTime() - g0) / 1e9);
                g0 = 0;
            }
            try (AzureEmulator azure = AzureEmulator.start(fleet)) {
                PatchwindowAzure pw = connect(azure);
                ResourceGraphInventory inv = pw.resourceGraphInventory(fleet.subscriptions());
                long t0 = System.nanoTime();
                List<Machine> listed = inv.machines();
                double seconds = (System.nanoTime() - t0) / 1e9;
                int pages = azure.requestCount("/providers/Microsoft.ResourceGraph/resources");
                int expected = expectedPages(machines, subs, 100);
                int batches = (subs + 99) / 100;
                System.out.printf(Locale.ROOT, "%4d  %7d  %8d  %5d  %8d  %12d  %7.1f%n", subs, batches, listed.size(),
                        pages, expected, (machines + 999) / 1000 + 1, seconds);
                allOk &= listed.size() == machines && pages == expected && pages == inv.lastRequestCount();
            }
        }
        return allOk;
    }

    /**
     * The Resource Graph pages an inventory sends: per batch of subscriptions, ceil(rows / 1000), at least one.
     * Machine {@code k} of a {@link AzureFleetGenerator#plannable} fleet is in subscription {@code k % subs}.
     *
     * @param machines the machines
     * @param subs the subscriptions
     * @param batchSize subscriptions per request
     * @return the page count
     */
    public static int expectedPages(int machines, int subs, int batchSize) {
        int pages = 0;
        for (int from = 0; from < subs; from += batchSize) {
            int rows = 0;
            for (int s = from; s < Math.min(subs, from + batchSize); s++) {
                rows += machines / subs + (s < machines % subs ? 1 : 0);
            }
            pages += Math.max(1, (rows + 999) / 1000);
        }
        return pages;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument " + a);
            }
            String key = a.substring(2);
            if (key.equals("ms-retry-after")) {
                out.put(key, "true");
            } else {
                out.put(key, args[++i]);
            }
        }
        return out;
    }
}
