package io.patchwindow.azure.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

import com.azure.core.http.HttpClient;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.azure.resourcemanager.resourcegraph.models.QueryRequest;
import com.azure.resourcemanager.resourcegraph.models.QueryRequestOptions;
import com.azure.resourcemanager.resourcegraph.models.ResultFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.patchwindow.azure.PatchwindowAzure;
import io.patchwindow.azure.assessment.LogAnalyticsAssessmentSource;
import io.patchwindow.azure.assessment.ResourceGraphAssessmentSource;
import io.patchwindow.azure.inventory.ResourceGraphInventory;
import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.AzureFleet;
import io.patchwindow.azure.testing.AzureFleetGenerator;
import io.patchwindow.azure.testing.RemoteEmulator;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.plan.Plan;
import io.patchwindow.core.plan.Planner;
import io.patchwindow.core.plan.Policy;

/**
 * Issue 16, "Azure at scale" in docs/benchmarks.md: inventory, assessment and plan through the emulator with
 * Azure's limits on. Prints numbers; exits 1 when a plan is not complete (or, for {@code graph}, a goal is
 * missed).
 *
 * <pre>
 * java -cp "$CP" io.patchwindow.azure.bench.ScaleBenchmark graph --machines 100000 --patches 20
 * java -cp "$CP" io.patchwindow.azure.bench.ScaleBenchmark logs --machines 30000 --patches 20
 * </pre>
 *
 * {@code graph}: Resource Graph inventory and packed assessment, quota 15 queries per 5 s (429 with
 * {@code Retry-After} beyond), 300 ms per answer; prints the requests, the 429s, the wall time and the bound
 * the quota allows. {@code logs}: Log Analytics (legacy) with the service's 500,000-row / 64 MB result limits;
 * prints the queries, the partial answers and the wall time.
 *
 * <p>By default the emulator runs in a JVM of its own ({@code --emulator process}, its options
 * {@code --emulator-jvm "-Xmx4g"}), started by this one: the emulator's data (1.6 GB of JSON trees for
 * 100,000 machines with 20 patches) and its evaluation of the queries then cost neither this JVM's heap nor
 * its collector, and the CPU time of each side is reported apart. It is warmed up (one inventory page and
 * one assessment part under another token, then its counters reset) before the measured run, so that its
 * one-off indexing is not in the wall time. {@code --emulator in-process} runs it in this JVM as before.
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
     * @param args {@code graph|logs [--machines N] [--patches N] [--subscriptions N] [--quota N] [--window S]
     *             [--latency-ms MS] [--emulator process|in-process] [--emulator-jvm OPTIONS]};
     *             {@code serve graph|logs ...} is the emulator's side of {@code --emulator process}
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        String what = args.length == 0 ? "graph" : args[0];
        int first = what.equals("serve") ? 2 : 1;
        Map<String, String> o = new HashMap<>();
        for (int i = first; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (what.equals("serve")) {
            serve(args[1], o);
            return;
        }
        boolean ok = what.equals("logs") ? logs(o) : graph(o);
        System.exit(ok ? 0 : 1);
    }

    // ------------------------------------------------------------------------------------------ the data

    /** The fleet of a benchmark: machines with packed-query assessments (graph) or Update rows (logs). */
    static AzureFleet fleet(String kind, Map<String, String> o) {
        int machines = Integer.parseInt(o.getOrDefault("machines", kind.equals("logs") ? "30000" : "100000"));
        int patches = Integer.parseInt(o.getOrDefault("patches", "20"));
        int subs = Integer.parseInt(o.getOrDefault("subscriptions", "20"));
        AzureFleet fleet = AzureFleetGenerator.plannable(machines, subs, 16);
        if (kind.equals("logs")) {
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
                            String.format(Locale.ROOT, "pkg-%02d", j), "x86_64", "1." + j + "-3.el7",
                            "Security Updates", "Needed"));
                }
            }
            return fleet;
        }
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
        return fleet;
    }

    /** Switches on the limits of a benchmark: the quota and latency (graph), the result limits (logs). */
    static void limits(AzureEmulator azure, String kind, Map<String, String> o) {
        if (kind.equals("logs")) {
            azure.logAnalyticsLimits(500_000, 64L * 1024 * 1024);
            return;
        }
        azure.graphQuota(quota(o), window(o), true).graphLatency(latency(o));
    }

    static int quota(Map<String, String> o) {
        return Integer.parseInt(o.getOrDefault("quota", "15"));
    }

    static Duration window(Map<String, String> o) {
        return Duration.ofSeconds(Long.parseLong(o.getOrDefault("window", "5")));
    }

    static Duration latency(Map<String, String> o) {
        return Duration.ofMillis(Long.parseLong(o.getOrDefault("latency-ms", "300")));
    }

    // ------------------------------------------------------------------------------------------ the emulator

    /** The emulator as the adapter's side sees it: where it is, its counters and its CPU time. */
    interface Emulated extends AutoCloseable {
        String endpoint();

        HttpClient httpClient();

        List<String> subscriptions();

        /** {answered, throttled} (graph) or {queries, partial answers} (logs). */
        int[] counts();

        /** The emulator's CPU seconds since it was ready (or since the last reset), -1 when not known apart. */
        double cpuSeconds();

        void reset();

        @Override
        void close();

        default AzureProfile profile() {
            List<String> subs = subscriptions();
            return RemoteEmulator.profile(endpoint(), subs.isEmpty() ? null : subs.get(0));
        }
    }

    /** Starts the emulator of a benchmark, in this JVM or in a child JVM. */
    static Emulated emulator(String kind, Map<String, String> o) throws IOException {
        long g0 = System.nanoTime();
        if (o.getOrDefault("emulator", "process").equals("in-process")) {
            AzureFleet fleet = fleet(kind, o);
            System.out.printf(Locale.ROOT, "  emulator in this JVM: fleet generated in %.1f s, %d MiB of heap%n",
                    (System.nanoTime() - g0) / 1e9, liveHeap() >> 20);
            AzureEmulator azure = AzureEmulator.start(fleet);
            limits(azure, kind, o);
            return new InProcess(azure, kind);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String opt : o.getOrDefault("emulator-jvm", "-Xmx4g").trim().split("\\s+")) {
            if (!opt.isEmpty()) {
                command.add(opt);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ScaleBenchmark.class.getName(), "serve",
                kind));
        o.forEach((k, v) -> {
            if (!k.startsWith("emulator")) {
                command.add("--" + k);
                command.add(v);
            }
        });
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("ready ")) {
            System.out.println("  emulator: " + line);
        }
        if (line == null) {
            throw new IllegalStateException("the emulator's JVM ended before it was ready: exit " + waitFor(child));
        }
        JsonNode ready = JSON.readTree(line.substring("ready ".length()));
        System.out.printf(Locale.ROOT, "  emulator in its own JVM (%s), ready after %.1f s%n",
                o.getOrDefault("emulator-jvm", "-Xmx4g"), (System.nanoTime() - g0) / 1e9);
        return new Child(child, out, ready);
    }

    private static int waitFor(Process p) {
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The emulator's side of {@code --emulator process}: serves the fleet, answers "counts", "reset", "stop". */
    static void serve(String kind, Map<String, String> o) throws IOException {
        PrintStream out = System.out;
        long g0 = System.nanoTime();
        AzureFleet fleet = fleet(kind, o);
        out.printf(Locale.ROOT, "fleet generated in %.1f s, %d MiB of heap%n", (System.nanoTime() - g0) / 1e9,
                liveHeap() >> 20);
        try (AzureEmulator azure = AzureEmulator.start(fleet)) {
            limits(azure, kind, o);
            if (kind.equals("graph")) {
                warmUp(azure, fleet.subscriptions());
            }
            azure.resetCounters();
            ObjectNode ready = JSON.createObjectNode().put("endpoint", azure.endpoint())
                    .put("certificate", RemoteEmulator.certificate());
            ArrayNode subs = ready.putArray("subscriptions");
            fleet.subscriptions().forEach(subs::add);
            out.println("ready " + ready);
            out.flush();
            long cpu0 = ThreadCpu.processCpu();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String command;
            while ((command = in.readLine()) != null && !command.equals("stop")) {
                if (command.equals("reset")) {
                    azure.resetCounters();
                    cpu0 = ThreadCpu.processCpu();
                    out.println("ok");
                } else {
                    int[] c = kind.equals("graph") ? azure.graphCounts() : azure.logAnalyticsCounts();
                    out.println(c[0] + " " + c[1] + " " + (ThreadCpu.processCpu() - cpu0) / 1e9);
                }
                out.flush();
            }
        }
    }

    /**
     * Inventory pages and assessment parts under a token of their own (a quota window of their own, a user of
     * its own): the emulator sorts the machines and groups the assessment rows once, on the first query that
     * needs them, and its JIT compiles the code that answers them, as a service that is up and running.
     */
    private static void warmUp(AzureEmulator azure, List<String> subscriptions) {
        long t = System.nanoTime();
        PatchwindowAzure pw = PatchwindowAzure.configure().withHttpClient(azure.httpClient())
                .authenticate(AzureEmulator.credential("warm-up"), azure.profile());
        ResourceGraphManager graph = ResourceGraphManager.authenticate(pw.httpPipeline(), azure.profile());
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            queries.add(ResourceGraphInventory.QUERY);
            queries.add(ResourceGraphAssessmentSource.packedQuery(128, i));
        }
        for (String query : queries) {
            graph.resourceProviders().resources(new QueryRequest().withSubscriptions(subscriptions).withQuery(query)
                    .withOptions(new QueryRequestOptions().withTop(1000).withResultFormat(ResultFormat.OBJECT_ARRAY)));
        }
        System.out.printf(Locale.ROOT, "warmed up (machines sorted, assessment rows grouped, 8 pages and 8 parts "
                + "answered) in %.1f s%n", (System.nanoTime() - t) / 1e9);
    }

    /** An emulator in this JVM: its CPU time is not known apart from the adapter's threads'. */
    private static final class InProcess implements Emulated {
        private final AzureEmulator azure;
        private final String kind;

        InProcess(AzureEmulator azure, String kind) {
            this.azure = azure;
            this.kind = kind;
        }

        @Override
        public String endpoint() {
            return azure.endpoint();
        }

        @Override
        public HttpClient httpClient() {
            return azure.httpClient();
        }

        @Override
        public List<String> subscriptions() {
            return azure.fleet().subscriptions();
        }

        @Override
        public int[] counts() {
            return kind.equals("graph") ? azure.graphCounts() : azure.logAnalyticsCounts();
        }

        @Override
        public double cpuSeconds() {
            return -1;
        }

        @Override
        public void reset() {
            azure.resetCounters();
        }

        @Override
        public void close() {
            azure.close();
        }
    }

    /** An emulator in a child JVM, driven through its standard input and output. */
    private static final class Child implements Emulated {
        private final Process process;
        private final BufferedReader out;
        private final Writer in;
        private final JsonNode ready;

        Child(Process process, BufferedReader out, JsonNode ready) {
            this.process = process;
            this.out = out;
            this.in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.ready = ready;
        }

        private String ask(String command) {
            try {
                in.write(command + "\n");
                in.flush();
                String answer = out.readLine();
                if (answer == null) {
                    throw new IllegalStateException("the emulator's JVM ended: exit " + waitFor(process));
                }
                return answer;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String endpoint() {
            return ready.get("endpoint").asText();
        }

        @Override
        public HttpClient httpClient() {
            return RemoteEmulator.httpClient(ready.get("certificate").asText());
        }

        @Override
        public List<String> subscriptions() {
            List<String> subs = new ArrayList<>();
            ready.get("subscriptions").forEach(s -> subs.add(s.asText()));
            return subs;
        }

        @Override
        public int[] counts() {
            String[] a = ask("counts").split(" ");
            return new int[] {Integer.parseInt(a[0]), Integer.parseInt(a[1])};
        }

        @Override
        public double cpuSeconds() {
            return Double.parseDouble(ask("counts").split(" ")[2]);
        }

        @Override
        public void reset() {
            ask("reset");
        }

        @Override
        public void close() {
            try {
                in.write("stop\n");
                in.flush();
            } catch (IOException e) {
                // already ended
            }
            waitFor(process);
        }
    }

    /** Send and answer times (ns) of every request, for {@code --timeline}. */
    static final List<long[]> TIMES = java.util.Collections.synchronizedList(new ArrayList<>());

    /** A transport that notes when each request is sent and answered. */
    static HttpClient timed(HttpClient delegate) {
        return new HttpClient() {
            @Override
            public reactor.core.publisher.Mono<com.azure.core.http.HttpResponse> send(com.azure.core.http.HttpRequest r) {
                return send(r, com.azure.core.util.Context.NONE);
            }

            @Override
            public reactor.core.publisher.Mono<com.azure.core.http.HttpResponse> send(com.azure.core.http.HttpRequest r,
                    com.azure.core.util.Context c) {
                long[] t = {System.nanoTime(), 0, 0};
                TIMES.add(t);
                return delegate.send(r, c).doOnNext(x -> {
                    t[1] = System.nanoTime();
                    t[2] = x.getStatusCode();
                });
            }
        };
    }

    static void timeline(long t0) {
        List<long[]> times = new ArrayList<>(TIMES);
        times.sort(java.util.Comparator.comparingLong(t -> t[0]));
        int bucket = -1;
        StringBuilder b = new StringBuilder("  timeline (sends per 5 s from the start; answer ms):");
        for (long[] t : times) {
            int k = (int) ((t[0] - t0) / 5_000_000_000L);
            if (k != bucket) {
                b.append(String.format(Locale.ROOT, "%n    %3d s:", k * 5));
                bucket = k;
            }
            b.append(String.format(Locale.ROOT, " %.1f/%d%s", (t[0] - t0) / 1e9, (t[1] - t[0]) / 1_000_000,
                    t[2] == 200 ? "" : "!" + t[2]));
        }
        System.out.println(b);
    }

    static PatchwindowAzure connect(Emulated azure) {
        // the default retry strategy (ThrottlingRetryStrategy): as a real run
        return PatchwindowAzure.configure().withHttpClient(timed(azure.httpClient()))
                .withLogAnalyticsEndpoint(azure.endpoint())
                .authenticate(AzureEmulator.credential("scale-bench"), azure.profile());
    }

    // ------------------------------------------------------------------------------------------ the runs

    static boolean graph(Map<String, String> o) throws IOException {
        int machines = Integer.parseInt(o.getOrDefault("machines", "100000"));
        int patches = Integer.parseInt(o.getOrDefault("patches", "20"));
        int quota = quota(o);
        Duration window = window(o);
        Duration latency = latency(o);
        System.out.printf(Locale.ROOT, "graph: %d machines x %d pending patches = %d softwarepatches rows, %s "
                        + "subscriptions; quota %d per %d s (429 with Retry-After beyond), %d ms per answer%n",
                machines, patches, (long) machines * patches, o.getOrDefault("subscriptions", "20"), quota,
                window.toSeconds(), latency.toMillis());
        try (Emulated azure = emulator("graph", o)) {
            PatchwindowAzure pw = connect(azure);
            ResourceGraphInventory inventory = pw.resourceGraphInventory(azure.subscriptions());
            ResourceGraphAssessmentSource assessment = pw.resourceGraphAssessment(List.of());
            ThreadCpu cpu = new ThreadCpu(ScaleBenchmark::role);
            long gc0 = gcMillis();
            long t0 = System.nanoTime();
            List<Machine> listed = inventory.machines();
            double inventorySeconds = (System.nanoTime() - t0) / 1e9;
            long[] read = new long[2];
            // the assessment's read, timed: it is the planner that asks for it, between its own work
            io.patchwindow.core.port.AssessmentSource timedAssessment = (request, sink) -> {
                read[0] = System.nanoTime();
                assessment.read(request, sink);
                read[1] = System.nanoTime();
            };
            Plan plan = Planner.of(Policy.builder().maxAssessmentAge(Duration.ofDays(2)).build())
                    .plan(listed, timedAssessment, List.of(), Clock.fixed(NOW, ZoneOffset.UTC));
            double total = (System.nanoTime() - t0) / 1e9;
            double seconds = (read[1] - t0) / 1e9;
            Map<String, Double> used = cpu.stop();
            long gc = gcMillis() - gc0;
            double emulatorCpu = azure.cpuSeconds();
            int[] counts = azure.counts();
            int requests = counts[0];
            double bound = quotaBound(requests, quota, window, latency);
            boolean complete = complete(plan, machines, patches);
            System.out.printf(Locale.ROOT, "  requests %d (inventory %d, assessment %d), 429s %d; inventory and "
                            + "assessment read in %.1f s (inventory %.1f s, selection %.1f s, assessment %.1f s), quota "
                            + "bound %.1f s, ratio %.2f; the plan from them %.1f s more, %.1f s in all; planned %d of %d, "
                            + "every one with %d packages: %s%n", requests, inventory.lastRequestCount(),
                    assessment.lastRequestCount(), counts[1], seconds, inventorySeconds,
                    (read[0] - t0) / 1e9 - inventorySeconds, (read[1] - read[0]) / 1e9, bound, seconds / bound,
                    total - seconds, total, plan.planned(), machines, patches, complete);
            System.out.printf(Locale.ROOT, "  CPU of the adapter's JVM: %s (collector pauses %.1f s)%n",
                    ThreadCpu.describe(used), gc / 1e3);
            if (emulatorCpu >= 0) {
                System.out.printf(Locale.ROOT, "  CPU of the emulator's JVM: %.1f s%n", emulatorCpu);
            }
            int rowPages = (int) (((long) machines * (patches + 1) + 999) / 1000 + machines / 1000);
            System.out.printf(Locale.ROOT, "  rows-per-patch query would need %d pages: at least %.0f s of quota%n",
                    rowPages, quotaBound(rowPages, quota, window, latency));
            if (o.containsKey("timeline")) {
                timeline(t0);
            }
            boolean ok = complete && counts[1] == 0 && total < 120 && seconds <= 1.2 * bound;
            System.out.println("  goal (complete plan, no 429, inventory and assessment within 1.2 x the bound, the "
                    + "plan under 2 minutes): " + (ok ? "met" : "NOT met"));
            return ok;
        }
    }

    /**
     * The shortest time {@code requests} requests can take under a quota of {@code quota} per fixed window,
     * each answer taking {@code latency}, however many are in flight: every window but the last is used up
     * and waited out, and the last window's requests take one latency (sent together).
     */
    static double quotaBound(int requests, int quota, Duration window, Duration latency) {
        int windows = (requests + quota - 1) / quota;
        return (windows - 1) * window.toMillis() / 1000.0 + latency.toMillis() / 1000.0;
    }

    /** The collector's pause time so far (all collectors of this JVM), in milliseconds. */
    static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    /**
     * The role of a thread: the emulator's HTTP server (in-process runs), the CPU sampler, else the adapter's
     * (the calling thread, the HTTP client's event loops, the assessment's parts, others).
     */
    static String role(String thread) {
        if (thread.startsWith("azure-emulator") || thread.startsWith("HTTP-Dispatcher")) {
            return "emulator";
        }
        if (thread.startsWith("bench-cpu-sampler")) {
            return "sampler";
        }
        if (thread.equals("main")) {
            return "adapter/main";
        }
        if (thread.startsWith("reactor-http")) {
            return "adapter/http client";
        }
        return thread.startsWith("patchwindow-graph") ? "adapter/parts" : "adapter/other";
    }

    /** The heap in use after a full collection (the data the emulator serves, before anything is read). */
    static long liveHeap() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
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

    static boolean logs(Map<String, String> o) throws IOException {
        int machines = Integer.parseInt(o.getOrDefault("machines", "30000"));
        int patches = Integer.parseInt(o.getOrDefault("patches", "20"));
        System.out.printf(Locale.ROOT, "logs: %d machines x %d pending rows = %d Update rows; result limits 500,000 "
                + "rows / 64 MB%n", machines, patches, (long) machines * patches);
        try (Emulated azure = emulator("logs", o)) {
            PatchwindowAzure pw = connect(azure);
            List<Machine> listed = pw.resourceGraphInventory(azure.subscriptions()).machines();
            LogAnalyticsAssessmentSource assessment = pw.logAnalyticsAssessment(WORKSPACE);
            boolean ok = true;
            for (int run = 1; run <= 2; run++) {
                azure.reset();
                ThreadCpu cpu = new ThreadCpu(ScaleBenchmark::role);
                long gc0 = gcMillis();
                long t0 = System.nanoTime();
                Plan plan = Planner.of(Policy.defaults()).plan(listed, assessment, List.of(),
                        Clock.fixed(NOW, ZoneOffset.UTC));
                double seconds = (System.nanoTime() - t0) / 1e9;
                Map<String, Double> used = cpu.stop();
                long gc = gcMillis() - gc0;
                double emulatorCpu = azure.cpuSeconds();
                int[] counts = azure.counts();
                boolean complete = complete(plan, machines, patches);
                System.out.printf(Locale.ROOT, "  run %d: queries %d, partial answers %d (cut at the limits, then "
                                + "split), wall %.1f s, planned %d of %d, every one with %d packages: %s%n", run,
                        counts[0], counts[1], seconds, plan.planned(), machines, patches, complete);
                System.out.printf(Locale.ROOT, "    CPU of the adapter's JVM: %s (collector pauses %.1f s)%n",
                        ThreadCpu.describe(used), gc / 1e3);
                if (emulatorCpu >= 0) {
                    System.out.printf(Locale.ROOT, "    CPU of the emulator's JVM: %.1f s%n", emulatorCpu);
                }
                ok &= complete;
            }
            return ok;
        }
    }
}
