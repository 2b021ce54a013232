package io.patchwindow.azure.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLException;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.management.profile.AzureProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import reactor.core.publisher.Mono;

/**
 * A local Azure emulator for tests: an HTTPS server on {@code 127.0.0.1} (random port, self-signed
 * certificate made at start) that serves an {@link AzureFleet} the way Azure does. This class is the emulator's
 * front: start, connect, set up and inspect. Each service the adapter uses is emulated in a class of its own:
 * <ul>
 *   <li>{@link EmulatedCompute}: ARM subscriptions, VMs and Arc machines ({@code nextLink} paging, page size
 *   {@link #armPageSize(int)}), a VM's patch settings, resource groups;</li>
 *   <li>{@link EmulatedResourceGraph}: the queries the adapter sends, by table, paged by {@code $skipToken},
 *   with the per-user quota ({@link #graphQuota}); the packed assessment query in
 *   {@link PackedAssessmentQuery};</li>
 *   <li>{@link EmulatedLogAnalytics}: the runbook's {@code Update} query, with the service's result limits;</li>
 *   <li>{@link EmulatedAutomation}: software update configurations (stateful), their runs, linked workspaces;</li>
 *   <li>{@link EmulatedMaintenance}: maintenance configurations and configuration assignments (stateful).</li>
 * </ul>
 * What they share: {@link Router} (the pipeline of every request), {@link FaultRules} (faults injected per path,
 * a number of times or with a probability: {@link Fault}), {@link WriteThrottle} (ARM's write limits),
 * {@link RequestLog} (every request recorded, writes counted by method and kind), {@link ArmPages} and
 * {@link ResourceStore} (ARM's list paging and resource semantics).
 *
 * <pre>{@code
 * try (AzureEmulator azure = AzureEmulator.start(AzureFleetGenerator.generate(100, 2, 1, now))) {
 *     PatchwindowAzure pw = PatchwindowAzure.configure()
 *             .withHttpClient(azure.httpClient())
 *             .withLogAnalyticsEndpoint(azure.logAnalyticsEndpoint())
 *             .authenticate(AzureEmulator.credential("token"), azure.profile());
 * }
 * }</pre>
 */
public final class AzureEmulator implements AutoCloseable {
    static {
        // The JDK server sends headers and body in separate writes; with Nagle's algorithm on, each answer then
        // waits for the client's delayed ACK (~40 ms), which caps a client at ~25 requests per second and
        // connection. Read once, when the first server of the JVM starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Tenant id of the emulator's profile. */
    public static final String TENANT_ID = "72f988bf-0000-4000-8000-00000000a11e";

    private final AzureFleet fleet;
    private final HttpsServer server;
    private final ExecutorService executor;
    private final RequestLog log = new RequestLog();
    private final FaultRules faults = new FaultRules();
    private final ArmPages armPages;
    private final EmulatedAutomation automation;
    private final EmulatedMaintenance maintenance;
    private final EmulatedCompute compute;
    private final EmulatedResourceGraph resourceGraph;
    private final EmulatedLogAnalytics logAnalytics;
    private final Router router;

    private AzureEmulator(AzureFleet fleet) throws IOException {
        this.fleet = fleet;
        this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(EmulatorTls.get().serverContext()));
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "azure-emulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        this.armPages = new ArmPages(endpoint());
        this.automation = new EmulatedAutomation(fleet, armPages, log);
        this.maintenance = new EmulatedMaintenance(fleet, armPages, log);
        this.compute = new EmulatedCompute(fleet, armPages, log);
        this.resourceGraph = new EmulatedResourceGraph(fleet, maintenance);
        this.logAnalytics = new EmulatedLogAnalytics(fleet);
        this.router = new Router(log, faults, compute, automation, maintenance, resourceGraph, logAnalytics);
        server.createContext("/", router::handle);
        server.start();
    }

    /**
     * Starts an emulator serving a fleet.
     *
     * @param fleet the data, not null
     * @return the running emulator; close it after use
     */
    public static AzureEmulator start(AzureFleet fleet) {
        try {
            return new AzureEmulator(Objects.requireNonNull(fleet, "fleet"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns a credential that always answers a fixed token (never contacts an identity endpoint).
     *
     * @param token the token text, e.g. a recognizable marker
     * @return the credential
     */
    public static TokenCredential credential(String token) {
        return request -> Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
    }

    /** @return the base URL, e.g. {@code https://127.0.0.1:41234} */
    public String endpoint() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return the Log Analytics endpoint (base URL, the adapter appends {@code /v1}) */
    public String logAnalyticsEndpoint() {
        return endpoint();
    }

    /** @return the fleet served */
    public AzureFleet fleet() {
        return fleet;
    }

    /**
     * Returns an Azure profile whose environment points every endpoint the adapter uses at the emulator.
     *
     * @return the profile (tenant {@link #TENANT_ID}, first subscription of the fleet if any)
     */
    public AzureProfile profile() {
        List<String> subs = fleet.subscriptions();
        return RemoteEmulator.profile(endpoint(), subs.isEmpty() ? null : subs.get(0));
    }

    /**
     * Returns an SDK HTTP client (Netty) that trusts the emulator's certificate only.
     *
     * @return the client
     */
    public HttpClient httpClient() {
        try {
            SslContext ssl = SslContextBuilder.forClient().trustManager(EmulatorTls.get().certificate()).build();
            reactor.netty.http.client.HttpClient netty = reactor.netty.http.client.HttpClient.create()
                    .secure(spec -> spec.sslContext(ssl));
            return new NettyAsyncHttpClientBuilder(netty).build();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ------------------------------------------------------------------------------- ARM and Resource Graph

    /**
     * Sets the page size of ARM list answers ({@code nextLink} paging).
     *
     * @param size rows per page, at least 1
     * @return this emulator
     */
    public AzureEmulator armPageSize(int size) {
        armPages.size(size);
        return this;
    }

    /**
     * Sets the largest Resource Graph page (the request's {@code $top} may ask for fewer).
     *
     * @param size rows per page, 1 to 1000
     * @return this emulator
     */
    public AzureEmulator graphPageSize(int size) {
        resourceGraph.pageSize(size);
        return this;
    }

    /**
     * Makes Resource Graph answer the first page with {@code resultTruncated: "true"} and no skip token, as
     * it does when a query cannot be paged.
     *
     * @param truncate whether to truncate
     * @return this emulator
     */
    public AzureEmulator graphTruncatesWithoutSkipToken(boolean truncate) {
        resourceGraph.truncatesWithoutSkipToken(truncate);
        return this;
    }

    /**
     * Switches on Resource Graph's per-user quota: each token may send {@code requests} queries per window
     * (fixed windows, the first starting with the first query); every answer carries
     * {@code x-ms-user-quota-remaining} and {@code x-ms-user-quota-resets-after} ({@code hh:mm:ss}, rounded up);
     * a query beyond the quota is answered 429 {@code RateLimiting}, with {@code Retry-After} (seconds, rounded
     * up) when {@code retryAfter}.
     *
     * @param requests queries per window, e.g. 15
     * @param window the window, e.g. 5 seconds
     * @param retryAfter whether a 429 carries {@code Retry-After}
     * @return this emulator
     */
    public AzureEmulator graphQuota(int requests, Duration window, boolean retryAfter) {
        resourceGraph.quota(new GraphQuota(requests, window, retryAfter));
        return this;
    }

    /**
     * Uses up the current quota window of a token, as another tool of the same user would.
     *
     * @param token the token of {@link #credential(String)}
     * @return this emulator
     */
    public AzureEmulator exhaustGraphQuota(String token) {
        resourceGraph.exhaustQuota(token);
        return this;
    }

    /** Switches Resource Graph's quota off (the default). */
    public void noGraphQuota() {
        resourceGraph.quota(null);
    }

    /**
     * Sets how long each Resource Graph answer takes (default none), e.g. 300 ms as the service's pages do.
     *
     * @param latency the time, not negative
     * @return this emulator
     */
    public AzureEmulator graphLatency(Duration latency) {
        resourceGraph.latency(latency);
        return this;
    }

    /**
     * Returns how many Resource Graph queries were answered with data, and how many were refused 429 by the quota.
     *
     * @return {answered, throttled}
     */
    public int[] graphCounts() {
        return resourceGraph.counts();
    }

    /**
     * Adds installation results: rows of Resource Graph's {@code patchinstallationresources} (summaries and
     * software patches, as {@code id, type, properties}) or {@code maintenanceresources} {@code applyupdates} rows.
     *
     * @param rows the rows
     * @return this emulator
     */
    public AzureEmulator seedInstallationRows(List<ObjectNode> rows) {
        resourceGraph.seedInstallationRows(rows);
        return this;
    }

    // ------------------------------------------------------------------------------- Log Analytics

    /**
     * Sets Log Analytics' result limits (default the service's: 500,000 rows, 64 MB): a result that passes one
     * is answered 200 with the rows before the limit and a {@code PartialError} whose detail says
     * {@code E_QUERY_RESULT_SET_TOO_LARGE}, as the service does. Tests scale them down.
     *
     * @param maxRows the most rows of an answer
     * @param maxBytes the most bytes of an answer's rows (as JSON)
     * @return this emulator
     */
    public AzureEmulator logAnalyticsLimits(int maxRows, long maxBytes) {
        logAnalytics.limits(maxRows, maxBytes);
        return this;
    }

    /**
     * Returns how many Log Analytics queries were answered, and how many of them were partial.
     *
     * @return {queries, partial answers}
     */
    public int[] logAnalyticsCounts() {
        return logAnalytics.counts();
    }

    // ------------------------------------------------------------------------------- write side

    /**
     * Sets the emulator's present, which decides {@code nextRun} of software update configurations (a
     * {@code OneTime} schedule has a next run while its enabled start is ahead). Default: the system clock
     * when the emulator started.
     *
     * @param now the instant
     * @return this emulator
     */
    public AzureEmulator now(Instant now) {
        automation.now(Objects.requireNonNull(now, "now"));
        return this;
    }

    /**
     * Sets the location a resource group reports (default {@code westeurope}).
     *
     * @param resourceGroupId {@code /subscriptions/<guid>/resourceGroups/<name>}
     * @param location e.g. {@code francecentral}
     * @return this emulator
     */
    public AzureEmulator resourceGroupLocation(String resourceGroupId, String location) {
        compute.resourceGroupLocation(resourceGroupId, location);
        return this;
    }

    /**
     * Stores a software update configuration as if it had been {@code PUT} (for cleanup tests).
     *
     * @param automationAccountId the account id
     * @param name the configuration name
     * @param body the {@code PUT} body ({@code properties.updateConfiguration}, {@code properties.scheduleInfo})
     * @return this emulator
     */
    public AzureEmulator seedSoftwareUpdateConfiguration(String automationAccountId, String name, JsonNode body) {
        automation.seedConfiguration(automationAccountId, name, body);
        return this;
    }

    /**
     * Adds Automation run items served by {@code GET <account>/<collection>} (one page; the {@code $filter}
     * is required and not evaluated).
     *
     * @param accountId the Automation account id
     * @param collection {@code softwareUpdateConfigurationRuns} or {@code softwareUpdateConfigurationMachineRuns}
     * @param items the list items
     * @return this emulator
     */
    public AzureEmulator seedAutomationRuns(String accountId, String collection, List<ObjectNode> items) {
        automation.seedRuns(accountId, collection, items);
        return this;
    }

    /** @return the stored software update configurations as {@code GET} answers them, sorted by id */
    public List<ObjectNode> softwareUpdateConfigurations() {
        return automation.configurations();
    }

    /** @return the stored maintenance configurations, sorted by id */
    public List<ObjectNode> maintenanceConfigurations() {
        return maintenance.configurations();
    }

    /** @return the stored configuration assignments (on VMs and Arc machines), sorted by id */
    public List<ObjectNode> configurationAssignments() {
        return maintenance.assignments();
    }

    /**
     * Turns on the ARM write throttling model (token bucket per emulator: {@code capacity} tokens, refilled
     * at {@code refillPerSecond}); a write that finds the bucket empty gets 429 {@code TooManyRequests} with
     * {@code Retry-After} (whole seconds, rounded up). Azure's documented subscription write limits are
     * capacity 200 and 10 per second.
     *
     * @param capacity the bucket size, at least 1
     * @param refillPerSecond tokens added per second, positive
     * @return this emulator
     */
    public AzureEmulator armWriteThrottling(int capacity, double refillPerSecond) {
        return armWriteThrottling(capacity, refillPerSecond, false);
    }

    /**
     * Turns on the ARM write throttling model; with {@code millisecondRetryAfter} the 429 also carries
     * {@code x-ms-retry-after-ms} (the exact wait), which the SDK prefers: fast tests of a small bucket.
     *
     * @param capacity the bucket size, at least 1
     * @param refillPerSecond tokens added per second, positive
     * @param millisecondRetryAfter whether to add {@code x-ms-retry-after-ms}
     * @return this emulator
     */
    public AzureEmulator armWriteThrottling(int capacity, double refillPerSecond, boolean millisecondRetryAfter) {
        router.writeThrottle(new WriteThrottle(capacity, refillPerSecond, millisecondRetryAfter));
        return this;
    }

    /** Turns the write throttling model off. */
    public void noArmWriteThrottling() {
        router.writeThrottle(null);
    }

    // ------------------------------------------------------------------------------- faults

    /**
     * Injects a fault on requests whose path matches a regular expression (searched, not matched whole).
     *
     * @param pathRegex e.g. {@code ResourceGraph}
     * @param fault the fault
     * @param times how many requests get it; negative for every request
     * @return this emulator
     */
    public AzureEmulator inject(String pathRegex, Fault fault, int times) {
        faults.add(pathRegex, fault, times, 0);
        return this;
    }

    /**
     * Injects a fault into matching requests after the first {@code skip} of them pass untouched (a failure in
     * the middle of a paged read, in the third part of a split query, ...).
     *
     * @param pathRegex a regular expression found in the path
     * @param fault the fault
     * @param skip how many matching requests pass first
     * @param times how many requests then get the fault (negative: all)
     * @return this emulator
     */
    public AzureEmulator injectAfter(String pathRegex, Fault fault, int skip, int times) {
        faults.add(pathRegex, fault, times, skip);
        return this;
    }

    /**
     * Injects a fault on a share of the requests whose path matches.
     *
     * @param pathRegex the path expression
     * @param fault the fault
     * @param probability 0 to 1
     * @param seed the random seed (deterministic tests)
     * @return this emulator
     */
    public AzureEmulator injectRandomly(String pathRegex, Fault fault, double probability, long seed) {
        faults.addRandom(pathRegex, fault, probability, seed, false);
        return this;
    }

    /**
     * Injects a fault on a share of the write requests ({@code PUT}, {@code PATCH}, {@code DELETE}) whose path
     * matches; reads are never affected.
     *
     * @param pathRegex the path expression
     * @param fault the fault
     * @param probability 0 to 1
     * @param seed the random seed (deterministic tests)
     * @return this emulator
     */
    public AzureEmulator injectWritesRandomly(String pathRegex, Fault fault, double probability, long seed) {
        faults.addRandom(pathRegex, fault, probability, seed, true);
        return this;
    }

    /**
     * Injects chaos: a share of the requests whose path matches (reads and writes) gets one of the faults,
     * chosen at random (seeded) with equal weight.
     *
     * @param pathRegex the path expression, e.g. {@code .} for every request
     * @param probability 0 to 1, e.g. 0.3
     * @param seed the random seed
     * @param faults the faults to choose from, at least one
     * @return this emulator
     */
    public AzureEmulator injectChaos(String pathRegex, double probability, long seed, List<Fault> faults) {
        this.faults.addChaos(pathRegex, faults, probability, seed);
        return this;
    }

    /** @return how many injected error answers, resets and lost answers were served since the start */
    public int faultsServed() {
        return faults.served();
    }

    /** Removes every injected fault. */
    public void clearFaults() {
        faults.clear();
    }

    // ------------------------------------------------------------------------------- recording

    /** @return every request received, in order */
    public List<RecordedRequest> requests() {
        return log.requests();
    }

    /**
     * Counts the requests whose path matches a regular expression (searched).
     *
     * @param pathRegex e.g. {@code /providers/Microsoft.ResourceGraph/resources}
     * @return the count
     */
    public int requestCount(String pathRegex) {
        return log.requestCount(pathRegex);
    }

    /** @return request counts by path */
    public Map<String, Integer> requestCountsByPath() {
        return log.requestCountsByPath();
    }

    /**
     * Returns every write request ({@code PUT}, {@code PATCH}, {@code DELETE}) as answered, in the order the
     * answers were completed, with the emulator's own times: when it was received and when its answer was
     * written, and the wait the answer asked for. Tests check from these that a client honours
     * {@code Retry-After} (no retry of a path arrives before the wait of its previous 429 has elapsed) and
     * that each resource was written exactly once.
     *
     * @return the events, not null
     */
    public List<WriteEvent> writeEvents() {
        return log.writeEvents();
    }

    /**
     * Counts the write requests received (after authentication, including those answered with an injected
     * fault or a throttling 429), by {@code METHOD kind}, e.g. {@code PUT configurationAssignments},
     * {@code DELETE softwareUpdateConfigurations}, {@code PATCH virtualMachines}.
     *
     * @return the counts, sorted
     */
    public Map<String, Integer> writeRequestCounts() {
        return log.received();
    }

    /** @return the total of {@link #writeRequestCounts()} */
    public int writeRequestCount() {
        return log.received().values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Counts the writes that changed the state (PUT and PATCH answered 2xx, DELETE of an existing resource),
     * by {@code METHOD kind}.
     *
     * @return the counts, sorted
     */
    public Map<String, Integer> appliedWriteCounts() {
        return log.applied();
    }

    /** Forgets the recorded requests, the write events and every counter. */
    public void resetCounters() {
        log.reset();
        logAnalytics.resetCounts();
        resourceGraph.resetCounts();
    }
}
