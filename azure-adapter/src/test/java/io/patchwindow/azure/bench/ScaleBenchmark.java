package io.patchwindow.azure.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.patchwindow.azure.assessment.LogAnalyticsAssessmentSource;
import io.patchwindow.azure.PatchwindowAzure;
import io.patchwindow.azure.assessment.ResourceGraphAssessmentSource;
import io.patchwindow.azure.inventory.ResourceGraphInventory;
import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.AzureFleet;
import io.patchwindow.azure.testing.AzureFleetGenerator;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.plan.Plan;
import io.patchwindow.core.plan.Planner;
import io.patchwindow.core.plan.Policy;

/**
 * Issue 16, "Azure at scale" in docs/benchmarks.md: inventory, assessment and plan through the emulator with
 * Azure's limits on. Prints numbers; exits 1 when a plan is not complete.
 *
 * <pre>
 * java -Xmx4g -cp "$CP" io.patchwindow.azure.bench.ScaleBenchmark graph --machines 100000 --patches 20
 * java -Xmx4g -cp "$CP" io.patchwindow.azure.bench.ScaleBenchmark logs --machines 30000 --patches 20
 * </pre>
 *
 * {@code graph}: Resource Graph inventory and packed assessment, quota 15 queries per 5 s (429 with
 * {@code Retry-After} beyond), 300 ms per answer; prints the requests, the 429s, the wall time and the bound
 * the quota allows. {@code logs}: Log Analytics (legacy) with the service's 500,000-row / 64 MB result limits;
 * prints the queries, the partial answers and the wall time.
 */
public final class ScaleBenchmark {
    static final Instant NOW = Instant.parse("2026-11-25T10:17:00Z");
    static final String WORKSPACE = "0f4e5d6c-7b8a-4c9d-8e1f-2a3b4c5d6e7f";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScaleBenchmark() {
    }

    /**
     * Runs a benchmark.
     *
     * @param args {@code graph|logs [--machines N] [--patches N] [--subscriptions N]}
     */
    public static void main(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String what = args.length == 0 ? "graph" : args[0];
        boolean ok = what.equals("logs") ? logs(o) : graph(o);
        System.exit(ok ? 0 : 1);
    }

    static PatchwindowAzure connect(AzureEmulator azure) {
        // the default retry strategy (ThrottlingRetryStrategy): as a real run
        return PatchwindowAzure.configure().withHttpClient(azure.httpClient())
                .withLogAnalyticsEndpoint(azure.logAnalyticsEndpoint())
                .authenticate(AzureEmulator.credential("scale-bench"), azure.profile());
    }

    static boolean graph(Map<String, String> o) {
        int machines = Integer.parseInt(o.getOrDefault("machines", "100000"));
        int patches = Integer.parseInt(o.getOrDefault("patches", "20"));
        int subs = Integer.parseInt(o.getOrDefault("subscriptions", "20"));
        int quota = Integer.parseInt(o.getOrDefault("quota", "15"));
        Duration window = Duration.ofSeconds(Long.parseLong(o.getOrDefault("window", "5")));
        Duration latency = Duration.ofMillis(Long.parseLong(o.getOrDefault("latency-ms", "300")));
        long g0 = System.nanoTime();
        AzureFleet fleet = AzureFleetGenerator.plannable(machines, subs, 16);
        // the patch properties are shared between machines (the emulator reads them only): 2,000,000 rows fit
        List<ObjectNode> pool = new ArrayList<>();
        for (int j = 0; j < patches; j++) {
            ObjectNode p = JSON.createObjectNode();
            p.put("patchName", String.format(Locale.ROOT, "pkg-%02d", j));
            p.put("version", "1." + j + "-3.el7");
            p.putArray("classifications").add("Security");
            p.put("lastModifiedDateTime", NOW.minus(Duration.ofHours(3)).toString());
            p.putNull("publishedDateTime");
            pool.add(p);
        }
        ObjectNode summary = JSON.createObjectNode();
        summary.put("osType", "Linux").put("patchServiceUsed", "YUM").put("status", "Succeeded")
                .put("lastModifiedDateTime", NOW.minus(Duration.ofHours(3)).toString());
        for (ObjectNode m : fleet.machines()) {
            String id = m.get("id").asText();
            String type = m.get("type").asText().toLowerCase(Locale.ROOT) + "/patchassessmentresults";
            ObjectNode s = JSON.createObjectNode().put("id", id + "/patchAssessmentResults/latest").put("type", type);
            s.set("properties", summary);
            fleet.patchAssessment(s);
            for (ObjectNode p : pool) {
                ObjectNode r = JSON.createObjectNode()
                        .put("id", id + "/patchAssessmentResults/latest/softwarePatches/" + p.get("patchName").asText())
                        .put("type", type + "/softwarepatches");
                r.set("properties", p);
                fleet.patchAssessment(r);
            }
        }
        System.out.printf(Locale.ROOT, "graph: %d machines x %d pending patches = %d softwarepatches rows, %d "
                        + "subscriptions; quota %d per %d s (429 with Retry-After beyond), %d ms per answer "
                        + "(fleet generated in %.1f s)%n", machines, patches, (long) machines * patches, subs, quota,
                window.toSeconds(), latency.toMillis(), (System.nanoTime() - g0) / 1e9);
        try (AzureEmulator azure = AzureEmulator.start(fleet)) {
            azure.graphQuota(quota, window, true).graphLatency(latency);
            PatchwindowAzure pw = connect(azure);
            ResourceGraphInventory inventory = pw.resourceGraphInventory(fleet.subscriptions());
            ResourceGraphAssessmentSource assessment = pw.resourceGraphAssessment(List.of());
            long t0 = System.nanoTime();
            List<Machine> listed = inventory.machines();
            double inventorySeconds = (System.nanoTime() - t0) / 1e9;
            Plan plan = Planner.of(Policy.builder().maxAssessmentAge(Duration.ofDays(2)).build())
                    .plan(listed, assessment, List.of(), Clock.fixed(NOW, ZoneOffset.UTC));
            double seconds = (System.nanoTime() - t0) / 1e9;
            int[] counts = azure.graphCounts();
            int requests = counts[0];
            double bound = quotaBound(requests, quota, window, latency);
            boolean complete = complete(plan, machines, patches);
            System.out.printf(Locale.ROOT, "  requests %d (inventory %d, assessment %d), 429s %d, wall %.1f s "
                            + "(inventory %.1f s), quota bound %.1f s, ratio %.2f, planned %d of %d, every one with %d "
                            + "packages: %s%n", requests, inventory.lastRequestCount(), assessment.lastRequestCount(),
                    counts[1], seconds, inventorySeconds, bound, seconds / bound, plan.planned(), machines, patches,
                    complete);
            System.out.printf(Locale.ROOT, "  rows-per-patch query would need %d pages: at least %.0f s of quota%n",
                    ((long) machines * (patches + 1) + 999) / 1000 + machines / 1000,
                    quotaBound((int) (((long) machines * (patches + 1) + 999) / 1000 + machines / 1000), quota, window,
                            latency));
            return complete && seconds < 120 && counts[1] == 0;
        }
    }

    /**
     * The shortest time N sequential requests take under a quota of {@code quota} per fixed window, each
     * answer taking {@code latency}: the windows before the last are waited out, the last window's requests
     * take their latency.
     */
    static double quotaBound(int requests, int quota, Duration window, Duration latency) {
        int windows = (requests + quota - 1) / quota;
        int inLast = requests - (windows - 1) * quota;
        double perWindow = Math.max(window.toMillis(), (long) quota * latency.toMillis()) / 1000.0;
        return (windows - 1) * perWindow + inLast * latency.toMillis() / 1000.0;
    }

    static boolean complete(Plan plan, int machines, int patches) {
        if (plan.planned() != machines || plan.assessmentIncomplete()) {
            return false;
        }
        for (Deployment d : plan.deployments()) {
            if (d.packages().size() != patches) {
                return false;
            }
        }
        return true;
    }

    static boolean logs(Map<String, String> o) {
        int machines = Integer.parseInt(o.getOrDefault("machines", "30000"));
        int patches = Integer.parseInt(o.getOrDefault("patches", "20"));
        int subs = Integer.parseInt(o.getOrDefault("subscriptions", "20"));
        long g0 = System.nanoTime();
        AzureFleet fleet = AzureFleetGenerator.plannable(machines, subs, 16);
        String sub = fleet.subscriptions().get(0);
        fleet.linkedWorkspace("/subscriptions/" + sub + "/resourceGroups/ops/providers/Microsoft.Automation"
                + "/automationAccounts/aa", "/subscriptions/" + sub + "/resourceGroups/ops/providers"
                + "/Microsoft.OperationalInsights/workspaces/law", WORKSPACE);
        Instant t = NOW.minus(Duration.ofHours(1));
        int k = 0;
        for (ObjectNode m : fleet.machines()) {
            String id = m.get("id").asText();
            String computer = m.get("name").asText();
            String source = new UUID(16, k++).toString();
            for (int j = 0; j < patches; j++) {
                fleet.updateRow(AzureFleetGenerator.updateRow(t, id, computer, source,
                        String.format(Locale.ROOT, "pkg-%02d", j), "x86_64", "1." + j + "-3.el7", "Security Updates",
                        "Needed"));
            }
        }
        System.out.printf(Locale.ROOT, "logs: %d machines x %d pending rows = %d Update rows; result limits 500,000 "
                        + "rows / 64 MB (fleet generated in %.1f s)%n", machines, patches, (long) machines * patches,
                (System.nanoTime() - g0) / 1e9);
        try (AzureEmulator azure = AzureEmulator.start(fleet)) {
            azure.logAnalyticsLimits(500_000, 64L * 1024 * 1024);
            PatchwindowAzure pw = connect(azure);
            List<Machine> listed = pw.resourceGraphInventory(fleet.subscriptions()).machines();
            LogAnalyticsAssessmentSource assessment = pw.logAnalyticsAssessment(WORKSPACE);
            boolean ok = true;
            for (int run = 1; run <= 2; run++) {
                azure.resetCounters();
                long t0 = System.nanoTime();
                Plan plan = Planner.of(Policy.defaults()).plan(listed, assessment, List.of(),
                        Clock.fixed(NOW, ZoneOffset.UTC));
                double seconds = (System.nanoTime() - t0) / 1e9;
                int[] counts = azure.logAnalyticsCounts();
                boolean complete = complete(plan, machines, patches);
                System.out.printf(Locale.ROOT, "  run %d: queries %d, partial answers %d (cut at the limits, then "
                                + "split), wall %.1f s (emulator included), planned %d of %d, every one with %d "
                                + "packages: %s%n", run, counts[0], counts[1], seconds, plan.planned(), machines,
                        patches, complete);
                ok &= complete;
            }
            return ok;
        }
    }
}
