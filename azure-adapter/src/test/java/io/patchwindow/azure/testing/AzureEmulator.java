package io.patchwindow.azure.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.net.ssl.SSLException;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import reactor.core.publisher.Mono;

/**
 * A local Azure emulator for tests: an HTTPS server on {@code 127.0.0.1} (random port, self-signed
 * certificate made at start) that serves a {@link AzureFleet} the way Azure does:
 * <ul>
 *   <li>ARM: {@code GET /subscriptions}, {@code GET /subscriptions/{s}/providers/Microsoft.Compute/virtualMachines},
 *   {@code GET /subscriptions/{s}/providers/Microsoft.HybridCompute/machines} (both with {@code nextLink}
 *   paging, page size {@link #armPageSize(int)}), Automation {@code .../linkedWorkspace} and
 *   Log Analytics workspace {@code GET};</li>
 *   <li>Resource Graph {@code POST /providers/Microsoft.ResourceGraph/resources}: evaluates the two queries
 *   the adapter sends (recognised by table, {@code resources} or {@code patchassessmentresources}), with
 *   {@code $top}, {@code $skipToken} paging (the token is bound to the same query and scopes) and at most
 *   {@link #graphPageSize(int)} (≤ 1000) rows a page;</li>
 *   <li>Log Analytics {@code POST /v1/workspaces/{id}/query}: evaluates the runbook's {@code Update} query
 *   (time filter from its {@code datetime(...)} literal, Linux, newest row per machine and package, Needed,
 *   Security or Critical) and answers in the tables/columns/rows format.</li>
 * </ul>
 * The write side is stateful ({@link #softwareUpdateConfigurations()}, {@link #maintenanceConfigurations()},
 * {@link #configurationAssignments()}):
 * <ul>
 *   <li>Automation {@code softwareUpdateConfigurations}: PUT (201 new, 200 replaced; the start is re-expressed
 *   in the schedule's zone), GET (with {@code nextRun} from {@link #now(Instant)}), LIST ({@code nextLink}
 *   paging, the reduced list-item shape without package masks), DELETE (200, or 204 when absent);</li>
 *   <li>Maintenance {@code maintenanceConfigurations} of a resource group: PUT (validated: InGuestPatch,
 *   {@code startDateTime}, duration 01:30..03:55, Windows time zone, weekly {@code recurEvery}), GET, LIST
 *   (paged), DELETE;</li>
 *   <li>{@code configurationAssignments} under a VM or Arc machine of the fleet: PUT (the configuration must
 *   exist), GET, LIST, DELETE; visible in Resource Graph's {@code maintenanceresources} table;</li>
 *   <li>VM {@code PATCH} of {@code osProfile.linuxConfiguration.patchSettings} (merged into the fleet's
 *   machine), VM GET, resource group GET (location).</li>
 * </ul>
 * Write requests are counted by method and kind ({@link #writeRequestCounts()}, {@link #appliedWriteCounts()});
 * an optional token bucket throttles writes ({@link #armWriteThrottling(int, double)}).
 * Faults are injected per path (429 with {@code Retry-After}, any status with an ARM error code, slow
 * answers, Log Analytics partial errors), a number of times or with a probability; every request is
 * recorded and counted.
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
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATETIME = Pattern.compile("datetime\\(([^)]+)\\)");
    private static final Pattern GRAPH_HASH = Pattern.compile("\\| where hash\\(machineId, (\\d+)\\) == (\\d+)");
    private static final Pattern MAKE_LIST = Pattern.compile("make_list_if\\(pack\\('patchName', properties\\.patchName, "
            + "'version', properties\\.version, 'classifications', properties\\.classifications, "
            + "'lastModifiedDateTime', properties\\.lastModifiedDateTime\\), isPatch, (\\d+)\\) by machineId");
    private static final Pattern LA_HASH = Pattern.compile("\\| where hash\\(ResourceId, (\\d+)\\) == (\\d+)");
    private static final List<String> UPDATE_COLUMNS = List.of("TimeGenerated", "ResourceId", "Computer",
            "SourceComputerId", "Product", "ProductArch", "ProductVersion", "Classification", "UpdateState", "OSType");

    // the write being handled on this thread (an exchange is handled on one thread; HttpExchange attributes are
    // shared by the context, not per exchange): its event is recorded when its answer starts to be sent, so a
    // client that has its answer always finds the event
    private static final ThreadLocal<PendingWrite> PENDING = new ThreadLocal<>();

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
    // a queue, not a copy-on-write list: a throttled benchmark records tens of thousands of requests
    private final java.util.Queue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
    private final java.util.Queue<WriteEvent> writeEvents = new ConcurrentLinkedQueue<>();
    private final Object graphCacheLock = new Object();
    private String graphCacheKey = "";
    private List<ObjectNode> graphCacheRows = List.of();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<ObjectNode> installationRows = new CopyOnWriteArrayList<>();
    private final List<ObjectNode> applyUpdates = new CopyOnWriteArrayList<>();
    private final Map<String, List<ObjectNode>> automationRuns = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger faultsServed = new AtomicInteger();
    private volatile int armPageSize = 100;
    private volatile int graphPageSize = 1000;
    private volatile boolean graphTruncatesWithoutSkipToken;
    private final Object packedCacheLock = new Object();
    private String packedCacheKey = "";
    private List<PackedMachine> packedCache = List.of();
    private volatile GraphQuotaState graphQuota;
    private volatile Duration graphLatency = Duration.ZERO;
    private final AtomicInteger graphThrottled = new AtomicInteger();
    private final AtomicInteger graphAnswered = new AtomicInteger();
    private final Object laCacheLock = new Object();
    private String laCacheKey = "";
    private List<String[]> laCacheRows = List.of();
    private volatile int laMaxRows = 500_000;
    private volatile long laMaxBytes = 64L * 1024 * 1024;
    private final AtomicInteger laQueries = new AtomicInteger();
    private final AtomicInteger laPartialAnswers = new AtomicInteger();
    private final ArmWriteState writes;
    private volatile TokenBucket writeBucket;

    private AzureEmulator(AzureFleet fleet) throws IOException {
        this.fleet = fleet;
        this.writes = new ArmWriteState(fleet);
        this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(EmulatorTls.get().serverContext()));
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "azure-emulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
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
            throw new java.io.UncheckedIOException(e);
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
        String base = endpoint() + "/";
        Map<String, String> endpoints = new HashMap<>();
        endpoints.put("managementEndpointUrl", base);
        endpoints.put("resourceManagerEndpointUrl", base);
        endpoints.put("activeDirectoryEndpointUrl", base + "aad/");
        endpoints.put("activeDirectoryResourceId", base);
        endpoints.put("azureLogAnalyticsResourceId", base);
        // required by the Compute manager's constructor (never called)
        endpoints.put("microsoftGraphResourceId", base + "graph/");
        endpoints.put("activeDirectoryGraphResourceId", base + "graph/");
        AzureEnvironment env = new AzureEnvironment(endpoints);
        List<String> subs = fleet.subscriptions();
        return new AzureProfile(TENANT_ID, subs.isEmpty() ? null : subs.get(0), env);
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

    /**
     * Sets the page size of ARM list answers ({@code nextLink} paging).
     *
     * @param size rows per page, at least 1
     * @return this emulator
     */
    public AzureEmulator armPageSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size < 1");
        }
        this.armPageSize = size;
        return this;
    }

    /**
     * Sets the largest Resource Graph page (the request's {@code $top} may ask for fewer).
     *
     * @param size rows per page, 1 to 1000
     * @return this emulator
     */
    public AzureEmulator graphPageSize(int size) {
        if (size < 1 || size > 1000) {
            throw new IllegalArgumentException("size must be 1..1000");
        }
        this.graphPageSize = size;
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
        this.graphTruncatesWithoutSkipToken = truncate;
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
        this.graphQuota = new GraphQuotaState(requests, window, retryAfter);
        return this;
    }

    /**
     * Uses up the current quota window of a token, as another tool of the same user would.
     *
     * @param token the token of {@link #credential(String)}
     * @return this emulator
     */
    public AzureEmulator exhaustGraphQuota(String token) {
        GraphQuotaState q = Objects.requireNonNull(graphQuota, "no quota: call graphQuota first");
        q.exhaust("Bearer " + token);
        return this;
    }

    /** Switches Resource Graph's quota off (the default). */
    public void noGraphQuota() {
        this.graphQuota = null;
    }

    /**
     * Sets how long each Resource Graph answer takes (default none), e.g. 300 ms as the service's pages do.
     *
     * @param latency the time, not negative
     * @return this emulator
     */
    public AzureEmulator graphLatency(Duration latency) {
        this.graphLatency = Objects.requireNonNull(latency, "latency");
        return this;
    }

    /**
     * Returns how many Resource Graph queries were answered with data, and how many were refused 429 by the quota.
     *
     * @return {answered, throttled}
     */
    public int[] graphCounts() {
        return new int[] {graphAnswered.get(), graphThrottled.get()};
    }

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
        this.laMaxRows = maxRows;
        this.laMaxBytes = maxBytes;
        return this;
    }

    /**
     * Returns how many Log Analytics queries were answered, and how many of them were partial.
     *
     * @return {queries, partial answers}
     */
    public int[] logAnalyticsCounts() {
        return new int[] {laQueries.get(), laPartialAnswers.get()};
    }

    /**
     * Injects a fault on requests whose path matches a regular expression (searched, not matched whole).
     *
     * @param pathRegex e.g. {@code ResourceGraph}
     * @param fault the fault
     * @param times how many requests get it; negative for every request
     * @return this emulator
     */
    public AzureEmulator inject(String pathRegex, Fault fault, int times) {
        rules.add(new Rule(Pattern.compile(pathRegex, Pattern.CASE_INSENSITIVE), fault, times, 1.0, null, false));
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
        Rule rule = new Rule(Pattern.compile(pathRegex, Pattern.CASE_INSENSITIVE), fault, times, 1.0, null, false);
        rule.skip.set(skip);
        rules.add(rule);
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
        rules.add(new Rule(Pattern.compile(pathRegex, Pattern.CASE_INSENSITIVE), fault, -1, probability,
                new Random(seed), false));
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
        rules.add(new Rule(Pattern.compile(pathRegex, Pattern.CASE_INSENSITIVE), fault, -1, probability,
                new Random(seed), true));
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
        if (faults.isEmpty()) {
            throw new IllegalArgumentException("faults is empty");
        }
        Rule r = new Rule(Pattern.compile(pathRegex, Pattern.CASE_INSENSITIVE), faults.get(0), -1, probability,
                new Random(seed), false);
        r.choices = List.copyOf(faults);
        rules.add(r);
        return this;
    }

    /** @return how many injected error answers, resets and lost answers were served since the start */
    public int faultsServed() {
        return faultsServed.get();
    }

    /** Removes every injected fault. */
    public void clearFaults() {
        rules.clear();
    }

    /** @return every request received, in order */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * Counts the requests whose path matches a regular expression (searched).
     *
     * @param pathRegex e.g. {@code /providers/Microsoft.ResourceGraph/resources}
     * @return the count
     */
    public int requestCount(String pathRegex) {
        Pattern p = Pattern.compile(pathRegex, Pattern.CASE_INSENSITIVE);
        return (int) requests.stream().filter(r -> p.matcher(r.path()).find()).count();
    }

    /** @return request counts by path */
    public Map<String, Integer> requestCountsByPath() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        for (RecordedRequest r : requests) {
            out.merge(r.method() + " " + r.path(), 1, Integer::sum);
        }
        return out;
    }

    /** Forgets the recorded requests, the write events and the write counters. */
    public void resetCounters() {
        requests.clear();
        writeEvents.clear();
        writes.resetCounters();
        laQueries.set(0);
        laPartialAnswers.set(0);
        graphAnswered.set(0);
        graphThrottled.set(0);
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
        return List.copyOf(writeEvents);
    }

    // ------------------------------------------------------------------------------------------ write side

    /**
     * Sets the emulator's present, which decides {@code nextRun} of software update configurations (a
     * {@code OneTime} schedule has a next run while its enabled start is ahead). Default: the system clock
     * when the emulator started.
     *
     * @param now the instant
     * @return this emulator
     */
    public AzureEmulator now(Instant now) {
        writes.now(Objects.requireNonNull(now, "now"));
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
        writes.resourceGroupLocation(resourceGroupId, location);
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
        writes.seedSoftwareUpdateConfiguration(automationAccountId, name, body);
        return this;
    }

    /**
     * Adds installation results: rows of Resource Graph's {@code patchinstallationresources} (summaries and
     * software patches, as {@code id, type, properties}) or {@code maintenanceresources} {@code applyupdates} rows.
     *
     * @param rows the rows
     * @return this emulator
     */
    public AzureEmulator seedInstallationRows(List<ObjectNode> rows) {
        for (ObjectNode r : rows) {
            if (r.path("type").asText().equalsIgnoreCase("microsoft.maintenance/applyupdates")) {
                applyUpdates.add(r);
            } else {
                installationRows.add(r);
            }
        }
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
        automationRuns.computeIfAbsent((accountId + "/" + collection).toLowerCase(Locale.ROOT),
                k -> new CopyOnWriteArrayList<>()).addAll(items);
        return this;
    }

    /** @return the stored software update configurations as {@code GET} answers them, sorted by id */
    public List<ObjectNode> softwareUpdateConfigurations() {
        return writes.softwareUpdateConfigurations();
    }

    /** @return the stored maintenance configurations, sorted by id */
    public List<ObjectNode> maintenanceConfigurations() {
        return writes.maintenanceConfigurations();
    }

    /** @return the stored configuration assignments (on VMs and Arc machines), sorted by id */
    public List<ObjectNode> configurationAssignments() {
        return writes.configurationAssignments();
    }

    /**
     * Counts the write requests received (after authentication, including those answered with an injected
     * fault or a throttling 429), by {@code METHOD kind}, e.g. {@code PUT configurationAssignments},
     * {@code DELETE softwareUpdateConfigurations}, {@code PATCH virtualMachines}.
     *
     * @return the counts, sorted
     */
    public Map<String, Integer> writeRequestCounts() {
        return writes.received();
    }

    /** @return the total of {@link #writeRequestCounts()} */
    public int writeRequestCount() {
        return writes.received().values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Counts the writes that changed the state (PUT and PATCH answered 2xx, DELETE of an existing resource),
     * by {@code METHOD kind}.
     *
     * @return the counts, sorted
     */
    public Map<String, Integer> appliedWriteCounts() {
        return writes.applied();
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
        if (capacity < 1 || !(refillPerSecond > 0)) {
            throw new IllegalArgumentException("capacity >= 1 and refillPerSecond > 0 required");
        }
        this.writeBucket = new TokenBucket(capacity, refillPerSecond, millisecondRetryAfter);
        return this;
    }

    /** Turns the write throttling model off. */
    public void noArmWriteThrottling() {
        this.writeBucket = null;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ------------------------------------------------------------------------------------------ handling

    private void handle(HttpExchange ex) throws IOException {
        PendingWrite pending = ArmWriteState.isWrite(ex.getRequestMethod())
                ? new PendingWrite(writeEvents, System.nanoTime()) : null;
        PENDING.set(pending);
        try (ex) {
            dispatch(ex);
        } finally {
            PENDING.remove();
            if (pending != null && !pending.recorded) {
                // no answer sent (the exchange failed): still recorded, the write may have been applied
                pending.record(ex, ex.getResponseCode());
            }
        }
    }

    /** A write request being handled, recorded once as a {@link WriteEvent}. */
    private static final class PendingWrite {
        final java.util.Queue<WriteEvent> events;
        final long received;
        boolean recorded;

        PendingWrite(java.util.Queue<WriteEvent> events, long received) {
            this.events = events;
            this.received = received;
        }

        void record(HttpExchange ex, int status) {
            recorded = true;
            String ms = ex.getResponseHeaders().getFirst("x-ms-retry-after-ms");
            String s = ex.getResponseHeaders().getFirst("Retry-After");
            long retryAfter = ms != null ? Long.parseLong(ms) : s != null ? Long.parseLong(s) * 1000 : 0;
            events.add(new WriteEvent(ex.getRequestMethod(), ex.getRequestURI().getPath(), status, received,
                    System.nanoTime(), retryAfter));
        }
    }

    private void dispatch(HttpExchange ex) throws IOException {
        try {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            String rawQuery = ex.getRequestURI().getRawQuery();
            byte[] body = ex.getRequestBody().readAllBytes();
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            requests.add(new RecordedRequest(method, path, rawQuery == null ? "" : rawQuery,
                    new String(body, StandardCharsets.UTF_8), auth != null && auth.startsWith("Bearer "),
                    ex.getRequestURI().getRawPath()));
            writes.countReceived(method, path);
            boolean partial = false;
            boolean loseAnswer = false;
            for (Rule rule : rules) {
                Fault f = rule.take(method, path);
                if (f == null) {
                    continue;
                }
                if (f.delay != null) {
                    sleep(f.delay);
                }
                if (f.partialError) {
                    partial = true;
                }
                if (f.kind == Fault.Kind.RESET) {
                    faultsServed.incrementAndGet();
                    return; // closing the exchange without an answer closes the connection
                }
                if (f.kind == Fault.Kind.LOST_ANSWER) {
                    loseAnswer = true;
                    continue;
                }
                if (f.kind == Fault.Kind.CANNED) {
                    faultsServed.incrementAndGet();
                    byte[] bytes = f.cannedBody;
                    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                    ex.sendResponseHeaders(f.status, bytes.length == 0 ? -1 : bytes.length);
                    if (bytes.length > 0) {
                        try (OutputStream out = ex.getResponseBody()) {
                            out.write(bytes);
                        }
                    }
                    return;
                }
                if (f.kind == Fault.Kind.ECHO_AUTHORIZATION) {
                    faultsServed.incrementAndGet();
                    // a misbehaving proxy or service that echoes the request's credentials back
                    ObjectNode echo = JSON.createObjectNode();
                    echo.putObject("error").put("code", f.code).put("message", "Echo: " + auth)
                            .put("authorization", auth);
                    ex.getResponseHeaders().set("X-Echo-Authorization", auth == null ? "" : auth);
                    send(ex, f.status, echo);
                    return;
                }
                if (f.status > 0) {
                    faultsServed.incrementAndGet();
                    if (f.retryAfter != null) {
                        ex.getResponseHeaders().add("Retry-After", Long.toString(f.retryAfter.toSeconds()));
                        if (f.retryAfter.toMillisPart() != 0) {
                            ex.getResponseHeaders().add("x-ms-retry-after-ms", Long.toString(f.retryAfter.toMillis()));
                        }
                    }
                    sendError(ex, f.status, f.code, "Injected fault " + f.status + " " + f.code);
                    return;
                }
            }
            if (auth == null || !auth.startsWith("Bearer ")) {
                sendError(ex, 401, "AuthenticationFailed", "Authentication failed: no bearer token.");
                return;
            }
            TokenBucket bucket = writeBucket;
            if (bucket != null && ArmWriteState.isWrite(method)) {
                long waitMillis = bucket.take();
                if (waitMillis > 0) {
                    ex.getResponseHeaders().add("Retry-After", Long.toString((waitMillis + 999) / 1000));
                    ex.getResponseHeaders().add("x-ms-ratelimit-remaining-subscription-writes", "0");
                    if (bucket.millisecondRetryAfter) {
                        ex.getResponseHeaders().add("x-ms-retry-after-ms", Long.toString(waitMillis));
                    }
                    sendError(ex, 429, "TooManyRequests", "Number of write requests exceeded the limit; retry after "
                            + waitMillis + " ms.");
                    return;
                }
            }
            Map<String, String> query = parseQuery(rawQuery);
            ArmWriteState.Answer answer = writes.handle(method, path, query, body, endpoint(), armPageSize);
            if (loseAnswer) {
                faultsServed.incrementAndGet();
                return; // handled (state changed), but the answer is lost: the connection is closed
            }
            if (answer != null) {
                send(ex, answer.status(), answer.body());
                return;
            }
            route(ex, method, path, query, body, partial);
        } catch (RuntimeException e) {
            sendError(ex, 500, "InternalServerError", "Emulator failure: " + e);
        }
    }

    private void route(HttpExchange ex, String method, String path, Map<String, String> query, byte[] body,
                       boolean partial) throws IOException {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        String[] seg = p.substring(1).split("/");
        String lower = p.toLowerCase(Locale.ROOT);
        if (method.equals("GET") && lower.equals("/subscriptions")) {
            ArrayNode value = JSON.createArrayNode();
            for (String s : fleet.subscriptions()) {
                value.addObject().put("id", "/subscriptions/" + s).put("subscriptionId", s)
                        .put("displayName", "sub " + s.substring(0, 8)).put("state", "Enabled")
                        .put("tenantId", TENANT_ID);
            }
            ObjectNode out = JSON.createObjectNode();
            out.set("value", value);
            send(ex, 200, out);
        } else if (method.equals("GET") && seg.length == 5 && seg[0].equalsIgnoreCase("subscriptions")
                && seg[2].equalsIgnoreCase("providers")
                && (seg[3] + "/" + seg[4]).equalsIgnoreCase("Microsoft.Compute/virtualMachines")) {
            listMachines(ex, path, query, seg[1], "Microsoft.Compute/virtualMachines");
        } else if (method.equals("GET") && seg.length == 5 && seg[0].equalsIgnoreCase("subscriptions")
                && seg[2].equalsIgnoreCase("providers")
                && (seg[3] + "/" + seg[4]).equalsIgnoreCase("Microsoft.HybridCompute/machines")) {
            listMachines(ex, path, query, seg[1], "Microsoft.HybridCompute/machines");
        } else if (method.equals("GET") && (lower.endsWith("/softwareupdateconfigurationruns")
                || lower.endsWith("/softwareupdateconfigurationmachineruns"))) {
            if (!query.containsKey("api-version") || !query.containsKey("$filter")) {
                sendError(ex, 400, "BadRequest", "api-version and $filter are required by this emulator");
                return;
            }
            ArrayNode value = JSON.createArrayNode();
            automationRuns.getOrDefault(lower, List.of()).forEach(value::add);
            ObjectNode out = JSON.createObjectNode();
            out.set("value", value);
            send(ex, 200, out);
        } else if (method.equals("POST") && lower.equals("/providers/microsoft.resourcegraph/resources")) {
            resourceGraph(ex, body);
        } else if (method.equals("POST") && seg.length == 4 && seg[0].equals("v1") && seg[1].equals("workspaces")
                && seg[3].equals("query")) {
            logAnalytics(ex, seg[2], body, partial);
        } else if (method.equals("GET") && lower.endsWith("/linkedworkspace")) {
            String account = p.substring(0, p.length() - "/linkedWorkspace".length());
            String ws = fleet.linkedWorkspace(account);
            if (ws == null) {
                sendError(ex, 404, "ResourceNotFound", "The Resource '" + account + "' was not found.");
            } else {
                send(ex, 200, JSON.createObjectNode().put("id", ws));
            }
        } else if (method.equals("GET") && lower.contains("/providers/microsoft.operationalinsights/workspaces/")) {
            String customerId = fleet.workspaceCustomerId(p);
            if (customerId == null) {
                sendError(ex, 404, "ResourceNotFound", "The Resource '" + p + "' was not found.");
            } else {
                ObjectNode ws = JSON.createObjectNode().put("id", p).put("name", seg[seg.length - 1])
                        .put("type", "Microsoft.OperationalInsights/workspaces").put("location", "westeurope");
                ws.putObject("properties").put("customerId", customerId).put("provisioningState", "Succeeded");
                send(ex, 200, ws);
            }
        } else {
            sendError(ex, 404, "NotFound", "The emulator does not serve " + method + " " + path);
        }
    }

    private void listMachines(HttpExchange ex, String path, Map<String, String> query, String subscription,
                              String type) throws IOException {
        if (!query.containsKey("api-version")) {
            sendError(ex, 400, "MissingApiVersionParameter", "The api-version query parameter is required.");
            return;
        }
        if (fleet.subscriptions().stream().noneMatch(subscription::equalsIgnoreCase)) {
            sendError(ex, 404, "SubscriptionNotFound", "The subscription '" + subscription + "' could not be found.");
            return;
        }
        List<ObjectNode> all = fleet.machines().stream()
                .filter(m -> m.path("type").asText().equalsIgnoreCase(type))
                .filter(m -> m.path("id").asText().toLowerCase(Locale.ROOT)
                        .startsWith("/subscriptions/" + subscription.toLowerCase(Locale.ROOT) + "/"))
                .collect(Collectors.toList());
        int offset = Integer.parseInt(query.getOrDefault("$skiptoken", "0"));
        int end = Math.min(all.size(), offset + armPageSize);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode value = out.putArray("value");
        for (ObjectNode m : all.subList(Math.min(offset, all.size()), end)) {
            value.add(m);
        }
        if (end < all.size()) {
            out.put("nextLink", endpoint() + path + "?api-version=" + query.get("api-version") + "&$skiptoken=" + end);
        }
        send(ex, 200, out);
    }

    private void resourceGraph(HttpExchange ex, byte[] body) throws IOException {
        GraphQuotaState quota = graphQuota;
        if (quota != null) {
            String user = ex.getRequestHeaders().getFirst("Authorization");
            long[] state = quota.take(user == null ? "" : user);
            String resets = hms(state[1]);
            ex.getResponseHeaders().set("x-ms-user-quota-remaining", Long.toString(Math.max(0, state[0])));
            ex.getResponseHeaders().set("x-ms-user-quota-resets-after", resets);
            if (state[0] < 0) {
                graphThrottled.incrementAndGet();
                if (quota.retryAfter) {
                    ex.getResponseHeaders().set("Retry-After", Long.toString((state[1] + 999_999_999L) / 1_000_000_000L));
                }
                sendError(ex, 429, "RateLimiting", "Please provide below info when asking for support: timestamp = "
                        + Instant.now() + ". Client application has been throttled and should not attempt to "
                        + "repeat the request until an amount of time has elapsed (" + resets + ").");
                return;
            }
        }
        if (!graphLatency.isZero()) {
            sleep(graphLatency);
        }
        graphAnswered.incrementAndGet();
        JsonNode req = JSON.readTree(body);
        String kql = req.path("query").asText("");
        List<String> subs = new ArrayList<>();
        req.path("subscriptions").forEach(s -> subs.add(s.asText()));
        JsonNode options = req.path("options");
        int top = options.has("$top") ? options.get("$top").asInt() : 1000;
        if (top < 1 || top > 1000) {
            sendError(ex, 400, "BadRequest", "$top must be between 1 and 1000.");
            return;
        }
        String fingerprint = sha256(kql + "\n" + String.join(",", subs));
        int offset = 0;
        if (options.hasNonNull("$skipToken")) {
            String[] token = new String(Base64.getDecoder().decode(options.get("$skipToken").asText()),
                    StandardCharsets.UTF_8).split(":");
            if (token.length != 2 || !token[1].equals(fingerprint)) {
                sendError(ex, 400, "InvalidSkipToken", "The skip token does not belong to this query and scope.");
                return;
            }
            offset = Integer.parseInt(token[0]);
        }
        String table = kql.strip().split("[\\s|]", 2)[0].toLowerCase(Locale.ROOT);
        Set<String> scope = subs.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<ObjectNode> rows = new ArrayList<>();
        boolean machineTable = table.equals("resources");
        if (machineTable) {
            // The machines in scope, sorted, are kept for the next page of the same query and scope (a 100,000
            // machine inventory is 100 pages); only the page's rows are copied. Machines are only ever added
            // (the count is part of the key) and a PATCH changes an object in place, which the copy sees.
            List<ObjectNode> all = fleet.machines();
            String key = fingerprint + "/" + all.size();
            synchronized (graphCacheLock) {
                if (!key.equals(graphCacheKey)) {
                    List<ObjectNode> inScope = new ArrayList<>();
                    for (ObjectNode m : all) {
                        if (scope.contains(subscriptionOf(m.path("id").asText()))) {
                            inScope.add(m);
                        }
                    }
                    inScope.sort(Comparator.comparing(r -> r.path("id").asText().toLowerCase(Locale.ROOT)));
                    graphCacheRows = List.copyOf(inScope);
                    graphCacheKey = key;
                }
                rows = graphCacheRows;
            }
        } else if (table.equals("maintenanceresources") && kql.toLowerCase(Locale.ROOT).contains("applyupdates")) {
            for (ObjectNode a : applyUpdates) {
                if (scope.contains(subscriptionOf(a.path("id").asText()))) {
                    rows.add(a);
                }
            }
        } else if (table.equals("patchinstallationresources")) {
            for (ObjectNode a : installationRows) {
                if (scope.contains(subscriptionOf(a.path("id").asText()))) {
                    rows.add(a);
                }
            }
        } else if (table.equals("maintenanceresources")) {
            for (ObjectNode a : writes.maintenanceResources()) {
                if (scope.contains(subscriptionOf(a.path("id").asText()))) {
                    rows.add(a);
                }
            }
        } else if (table.equals("patchassessmentresources") && kql.contains("summarize")) {
            packedAssessments(ex, kql, scope, Math.min(top, graphPageSize));
            return;
        } else if (table.equals("patchassessmentresources")) {
            for (ObjectNode m : fleet.patchAssessments()) {
                if (scope.contains(subscriptionOf(m.path("id").asText()))) {
                    rows.add(m);
                }
            }
        } else {
            sendError(ex, 400, "InvalidQuery", "The emulator does not evaluate table '" + table + "'.");
            return;
        }
        if (!machineTable) {
            rows.sort(Comparator.comparing(r -> r.path("id").asText().toLowerCase(Locale.ROOT)));
        }
        int size = Math.min(top, graphPageSize);
        int end = Math.min(rows.size(), offset + size);
        ObjectNode out = JSON.createObjectNode();
        out.put("totalRecords", rows.size());
        out.put("count", end - Math.min(offset, end));
        boolean truncate = graphTruncatesWithoutSkipToken && end < rows.size();
        out.put("resultTruncated", truncate ? "true" : "false");
        out.putArray("facets");
        if (end < rows.size() && !truncate) {
            out.put("$skipToken", Base64.getEncoder().encodeToString((end + ":" + fingerprint)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        ArrayNode data = out.putArray("data");
        for (ObjectNode r : rows.subList(Math.min(offset, rows.size()), end)) {
            if (machineTable) {
                ObjectNode copy;
                synchronized (r) {
                    copy = r.deepCopy();
                }
                copy.put("type", r.path("type").asText().toLowerCase(Locale.ROOT));
                data.add(copy);
            } else {
                data.add(r);
            }
        }
        send(ex, 200, out);
    }

    /**
     * Evaluates the packed assessment query ({@code ResourceGraphAssessmentSource.packedQuery}): the four
     * assessment types; summaries of Linux machines and patches with a version; machine id = the lower-case id
     * before {@code /patchassessmentresults/}; the hash part; per machine the newest summary time, the patch
     * count and the first N patches packed; by id. As the service, a {@code summarize} is not paged: more
     * machines than a page are answered with the first page and {@code resultTruncated: true}, no skip token.
     */
    private void packedAssessments(HttpExchange ex, String kql, Set<String> scope, int pageSize) throws IOException {
        Matcher list = MAKE_LIST.matcher(kql);
        if (!list.find() || !kql.contains("| where (not(isPatch) and tostring(properties.osType) =~ 'Linux') "
                + "or (isPatch and isnotempty(tostring(properties.version)))")
                || !kql.contains("| project id = machineId, reported, patchCount, patches")) {
            sendError(ex, 400, "InvalidQuery", "The emulator evaluates the patchwindow packed assessment query only.");
            return;
        }
        int max = Integer.parseInt(list.group(1));
        int parts = 1;
        int part = 0;
        Matcher hm = GRAPH_HASH.matcher(kql);
        if (hm.find()) {
            parts = Integer.parseInt(hm.group(1));
            part = Integer.parseInt(hm.group(2));
        }
        List<PackedMachine> rows = new ArrayList<>();
        for (PackedMachine m : packedIndex()) {
            if (scope.contains(m.subscription) && (parts == 1 || Math.floorMod(m.hash, parts) == part)) {
                rows.add(m);
            }
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("totalRecords", rows.size());
        boolean truncated = rows.size() > pageSize;
        List<PackedMachine> page = truncated ? rows.subList(0, pageSize) : rows;
        out.put("count", page.size());
        out.put("resultTruncated", truncated ? "true" : "false");
        out.putArray("facets");
        ArrayNode data = out.putArray("data");
        for (PackedMachine m : page) {
            ObjectNode r = data.addObject();
            r.put("id", m.id);
            if (m.reported == null) {
                r.putNull("reported");
            } else {
                r.put("reported", m.reported.toString());
            }
            r.put("patchCount", m.patches.size());
            ArrayNode patches = r.putArray("patches");
            for (ObjectNode p : m.patches.subList(0, Math.min(max, m.patches.size()))) {
                ObjectNode packed = patches.addObject();
                for (String f : List.of("patchName", "version", "classifications", "lastModifiedDateTime")) {
                    JsonNode v = p.get(f);
                    packed.set(f, v == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : v);
                }
            }
        }
        send(ex, 200, out);
    }

    /** The assessment rows grouped per Linux machine, sorted by id; kept while the row count is the same. */
    private List<PackedMachine> packedIndex() {
        String key = Integer.toString(fleet.patchAssessmentCount());
        synchronized (packedCacheLock) {
            if (key.equals(packedCacheKey)) {
                return packedCache;
            }
            Map<String, PackedMachine> byId = new HashMap<>();
            Set<String> types = Set.of("microsoft.compute/virtualmachines/patchassessmentresults",
                    "microsoft.hybridcompute/machines/patchassessmentresults");
            for (ObjectNode r : fleet.patchAssessments()) {
                String type = r.path("type").asText().toLowerCase(Locale.ROOT);
                boolean isPatch = type.endsWith("/softwarepatches");
                String base = isPatch ? type.substring(0, type.length() - "/softwarepatches".length()) : type;
                if (!types.contains(base)) {
                    continue;
                }
                JsonNode p = r.path("properties");
                if (isPatch ? p.path("version").asText("").isEmpty() : !p.path("osType").asText().equalsIgnoreCase("Linux")) {
                    continue;
                }
                String lower = r.path("id").asText().toLowerCase(Locale.ROOT);
                int i = lower.indexOf("/patchassessmentresults/");
                if (i < 0) {
                    continue;
                }
                PackedMachine m = byId.computeIfAbsent(lower.substring(0, i), PackedMachine::new);
                if (isPatch) {
                    m.patches.add((ObjectNode) p);
                } else {
                    Instant t = Instant.parse(p.path("lastModifiedDateTime").asText());
                    if (m.reported == null || t.isAfter(m.reported)) {
                        m.reported = t;
                    }
                }
            }
            List<PackedMachine> sorted = new ArrayList<>(byId.values());
            sorted.sort(Comparator.comparing(m -> m.id));
            packedCache = List.copyOf(sorted);
            packedCacheKey = key;
            return packedCache;
        }
    }

    /** One machine of the packed assessment query. */
    private static final class PackedMachine {
        final String id;
        final String subscription;
        final long hash;
        Instant reported;
        final List<ObjectNode> patches = new ArrayList<>();

        PackedMachine(String id) {
            this.id = id;
            this.subscription = subscriptionOf(id);
            this.hash = kqlHash(id);
        }
    }

    /** Resource Graph's per-user quota: fixed windows per token. */
    private static final class GraphQuotaState {
        final int requests;
        final long windowNanos;
        final boolean retryAfter;
        private final Map<String, long[]> windows = new HashMap<>();

        GraphQuotaState(int requests, Duration window, boolean retryAfter) {
            this.requests = requests;
            this.windowNanos = window.toNanos();
            this.retryAfter = retryAfter;
        }

        synchronized void exhaust(String user) {
            windows.put(user, new long[] {System.nanoTime(), 0});
        }

        /** Takes one query: {remaining after it (negative: refused), nanoseconds until the window resets}. */
        synchronized long[] take(String user) {
            long now = System.nanoTime();
            long[] w = windows.get(user);
            if (w == null || now >= w[0] + windowNanos) {
                w = new long[] {now, requests};
                windows.put(user, w);
            }
            long resets = w[0] + windowNanos - now;
            if (w[1] <= 0) {
                return new long[] {-1, resets};
            }
            w[1]--;
            return new long[] {w[1], resets};
        }
    }

    /** {@code hh:mm:ss}, rounded up to the second. */
    private static String hms(long nanos) {
        long s = (nanos + 999_999_999L) / 1_000_000_000L;
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    private void logAnalytics(HttpExchange ex, String workspace, byte[] body, boolean partial) throws IOException {
        if (!fleet.knownWorkspace(workspace)) {
            sendError(ex, 404, "WorkspaceNotFoundError", "The workspace could not be found");
            return;
        }
        JsonNode req = JSON.readTree(body);
        String kql = req.path("query").asText("");
        if (req.hasNonNull("timespan") && !validTimespan(req.get("timespan").asText())) {
            sendError(ex, 400, "BadArgumentError", "Invalid timespan: " + req.get("timespan").asText());
            return;
        }
        if (!kql.strip().startsWith("Update") || !kql.contains("arg_max(TimeGenerated")) {
            sendError(ex, 400, "BadArgumentError", "The emulator only evaluates the patchwindow Update query.");
            return;
        }
        Matcher dm = DATETIME.matcher(kql);
        Instant notBefore = dm.find() ? Instant.parse(dm.group(1).strip()) : Instant.EPOCH;
        // | where hash(ResourceId, k) == i, before the summarize: every row of a machine is in the same part
        int parts = 1;
        int part = 0;
        Matcher hm = LA_HASH.matcher(kql);
        if (hm.find()) {
            parts = Integer.parseInt(hm.group(1));
            part = Integer.parseInt(hm.group(2));
            if (parts < 1 || part < 0 || part >= parts) {
                sendError(ex, 400, "BadArgumentError", "hash(ResourceId, " + parts + ") is never " + part);
                return;
            }
        } else if (kql.contains("hash(")) {
            sendError(ex, 400, "BadArgumentError", "The emulator evaluates hash(ResourceId, k) == i only.");
            return;
        }
        List<String[]> all = updateResult(notBefore);
        List<String[]> rows = new ArrayList<>();
        for (String[] r : all) {
            if (parts == 1 || Math.floorMod(kqlHash(r[1]), parts) == part) {
                rows.add(r);
            }
        }
        if (partial) {
            rows = rows.subList(0, rows.size() / 2);
        }
        laQueries.incrementAndGet();
        // The answer is written as it is produced, and cut like the service does: at laMaxRows rows or when the
        // rows' JSON would pass laMaxBytes; the rows before the cut are answered with a PartialError.
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream(1 << 16);
        String cut = null;
        try (JsonGenerator g = JSON.getFactory().createGenerator(buf)) {
            g.writeStartObject();
            g.writeArrayFieldStart("tables");
            g.writeStartObject();
            g.writeStringField("name", "PrimaryResult");
            g.writeArrayFieldStart("columns");
            for (String c : UPDATE_COLUMNS) {
                g.writeStartObject();
                g.writeStringField("name", c);
                g.writeStringField("type", c.equals("TimeGenerated") ? "datetime" : "string");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("rows");
            g.flush();
            long rowsStart = buf.size();
            int written = 0;
            for (String[] r : rows) {
                if (written >= laMaxRows) {
                    cut = "Query result set has exceeded the internal record count limit " + laMaxRows
                            + " (E_QUERY_RESULT_SET_TOO_LARGE; see https://aka.ms/kustoquerylimits)";
                    break;
                }
                long before = buf.size() + g.getOutputBuffered();
                if (before - rowsStart + rowBytes(r) > laMaxBytes) {
                    cut = "Query result set has exceeded the internal data size limit " + laMaxBytes
                            + " (E_QUERY_RESULT_SET_TOO_LARGE; see https://aka.ms/kustoquerylimits)";
                    break;
                }
                g.writeStartArray();
                for (String v : r) {
                    if (v == null) {
                        g.writeNull();
                    } else {
                        g.writeString(v);
                    }
                }
                g.writeEndArray();
                written++;
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            if (cut != null || partial) {
                laPartialAnswers.incrementAndGet();
                g.writeObjectFieldStart("error");
                g.writeStringField("message", "Response contained partial data");
                g.writeStringField("code", "PartialError");
                g.writeArrayFieldStart("details");
                g.writeStartObject();
                g.writeStringField("code", "EngineError");
                g.writeStringField("message", "Something went wrong processing your query on the server.");
                g.writeObjectFieldStart("innererror");
                g.writeStringField("code", "-2133196797");
                g.writeStringField("message", cut != null ? cut
                        : "Partial query failure: Low memory condition (E_LOW_MEMORY_CONDITION).");
                g.writeNumberField("severity", 2);
                g.writeStringField("severityName", "Error");
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        byte[] bytes = buf.toByteArray();
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The JSON size of a row's cells: a bound the service applies to the result, as bytes of the answer. */
    private static long rowBytes(String[] r) {
        long n = 2;
        for (String v : r) {
            n += v == null ? 5 : v.length() + 3;
        }
        return n;
    }

    /** A stand-in for KQL's hash(): any stable 64-bit hash; hash(x, k) == floorMod(hash(x), k). */
    static long kqlHash(String s) {
        long z = s.hashCode() * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The runbook query's result over the fleet's rows, as cells in {@link #UPDATE_COLUMNS} order: rows since
     * notBefore, Linux, newest per (ResourceId, Computer, SourceComputerId, Product, ProductArch), Needed,
     * Security or Critical, sorted. Kept for the next query of the same notBefore and row count.
     */
    private List<String[]> updateResult(Instant notBefore) {
        List<ObjectNode> source = fleet.updateRows();
        String key = notBefore + "/" + source.size();
        synchronized (laCacheLock) {
            if (key.equals(laCacheKey)) {
                return laCacheRows;
            }
        }
        Map<String, ObjectNode> newest = new HashMap<>();
        Map<ObjectNode, Instant> times = new java.util.IdentityHashMap<>();
        for (ObjectNode r : source) {
            Instant t = Instant.parse(r.path("TimeGenerated").asText());
            if (t.isBefore(notBefore) || !r.path("OSType").asText().equalsIgnoreCase("Linux")) {
                continue;
            }
            times.put(r, t);
            String k = String.join("\u0000", r.path("ResourceId").asText(), r.path("Computer").asText(),
                    r.path("SourceComputerId").asText(), r.path("Product").asText(), r.path("ProductArch").asText());
            ObjectNode prev = newest.get(k);
            if (prev == null || times.get(prev).isBefore(t)) {
                newest.put(k, r);
            }
        }
        List<String[]> rows = newest.values().stream()
                .filter(r -> r.path("UpdateState").asText().equalsIgnoreCase("Needed"))
                .filter(r -> {
                    String c = r.path("Classification").asText().toLowerCase(Locale.ROOT);
                    return c.contains("security") || c.contains("critical");
                })
                .sorted(Comparator.<ObjectNode, String>comparing(r -> r.path("ResourceId").asText())
                        .thenComparing(r -> r.path("Computer").asText())
                        .thenComparing(r -> r.path("Product").asText())
                        .thenComparing(r -> r.path("ProductArch").asText()))
                .map(r -> {
                    String[] cells = new String[UPDATE_COLUMNS.size()];
                    for (int i = 0; i < cells.length; i++) {
                        JsonNode v = r.get(UPDATE_COLUMNS.get(i));
                        cells[i] = v == null || v.isNull() ? null : v.asText();
                    }
                    return cells;
                })
                .collect(Collectors.toList());
        synchronized (laCacheLock) {
            laCacheKey = key;
            laCacheRows = rows;
        }
        return rows;
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** ISO 8601: a duration, or start/end, or start/duration, with years of four digits. */
    static boolean validTimespan(String text) {
        try {
            String[] parts = text.split("/");
            if (parts.length == 1) {
                Duration.parse(parts[0]);
                return true;
            }
            if (parts.length != 2 || !parts[0].matches("\\d{4}-.*")) {
                return false;
            }
            OffsetDateTime.parse(parts[0]);
            if (parts[1].startsWith("P")) {
                Duration.parse(parts[1]);
            } else if (parts[1].matches("\\d{4}-.*")) {
                OffsetDateTime.parse(parts[1]);
            } else {
                return false;
            }
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    private static String subscriptionOf(String id) {
        String[] seg = id.split("/");
        return seg.length > 2 ? seg[2].toLowerCase(Locale.ROOT) : "";
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        // before the first byte leaves: no client can have the answer earlier (see WriteEvent)
        PendingWrite pending = PENDING.get();
        if (pending != null && !pending.recorded) {
            pending.record(ex, status);
        }
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.getResponseHeaders().set("x-ms-request-id", java.util.UUID.randomUUID().toString());
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sendError(HttpExchange ex, int status, String code, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        send(ex, status, body);
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k.toLowerCase(Locale.ROOT), v);
        }
        return out;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One request as received.
     *
     * @param method the HTTP method
     * @param path the decoded path
     * @param query the raw query string (empty if none)
     * @param body the body text
     * @param bearer whether a bearer token was sent (the token itself is not kept)
     * @param rawPath the path as sent, before percent-decoding
     */
    public record RecordedRequest(String method, String path, String query, String body, boolean bearer,
                                  String rawPath) {
    }

    /**
     * One write request as answered.
     *
     * @param method {@code PUT}, {@code PATCH} or {@code DELETE}
     * @param path the decoded path
     * @param status the status answered, e.g. 201 or 429
     * @param receivedNanos {@link System#nanoTime()} when the emulator received it
     * @param answeredNanos {@link System#nanoTime()} when its answer started to be sent (no client can have
     *        received it earlier)
     * @param retryAfterMillis the wait the answer asked for ({@code x-ms-retry-after-ms}, else
     *        {@code Retry-After} in seconds × 1000), 0 when none
     */
    public record WriteEvent(String method, String path, int status, long receivedNanos, long answeredNanos,
                             long retryAfterMillis) {
        /** @return whether the status is 2xx */
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * A fault to inject: an error status (with an ARM error code and optional {@code Retry-After}), a delay
     * before the normal answer, or a Log Analytics partial error.
     */
    public static final class Fault {
        enum Kind { PLAIN, RESET, LOST_ANSWER, CANNED, ECHO_AUTHORIZATION }

        final int status;
        final String code;
        final Duration retryAfter;
        final Duration delay;
        final boolean partialError;
        final Kind kind;
        final byte[] cannedBody;

        private Fault(int status, String code, Duration retryAfter, Duration delay, boolean partialError) {
            this(status, code, retryAfter, delay, partialError, Kind.PLAIN, new byte[0]);
        }

        private Fault(int status, String code, Duration retryAfter, Duration delay, boolean partialError, Kind kind,
                      byte[] cannedBody) {
            this.status = status;
            this.code = code;
            this.retryAfter = retryAfter;
            this.delay = delay;
            this.partialError = partialError;
            this.kind = kind;
            this.cannedBody = cannedBody;
        }

        /**
         * A connection reset: the request is received, not handled, and the connection is closed without an
         * answer (the client sees a premature close).
         *
         * @return the fault
         */
        public static Fault reset() {
            return new Fault(0, null, null, null, false, Kind.RESET, new byte[0]);
        }

        /**
         * A lost answer: the request is handled (a write changes the state) but the connection is then closed
         * without an answer, so the client cannot know that it succeeded.
         *
         * @return the fault
         */
        public static Fault lostAnswer() {
            return new Fault(0, null, null, null, false, Kind.LOST_ANSWER, new byte[0]);
        }

        /**
         * A 503 {@code ServiceUnavailable} without {@code Retry-After}.
         *
         * @return the fault
         */
        public static Fault unavailable() {
            return status(503, "ServiceUnavailable");
        }

        /**
         * A canned answer instead of the emulated one: any status and body bytes (malformed JSON, wrong types,
         * non-UTF-8...).
         *
         * @param status the HTTP status
         * @param body the body bytes as sent
         * @return the fault
         */
        public static Fault answer(int status, byte[] body) {
            return new Fault(status, null, null, null, false, Kind.CANNED, body.clone());
        }

        /**
         * A canned JSON answer instead of the emulated one.
         *
         * @param status the HTTP status
         * @param json the body text
         * @return the fault
         */
        public static Fault answer(int status, String json) {
            return answer(status, json.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * An error whose body (message and an {@code authorization} member) and {@code X-Echo-Authorization}
         * header echo the request's {@code Authorization} header back, as a misbehaving proxy might.
         *
         * @param status e.g. 401
         * @param code e.g. {@code InvalidAuthenticationToken}
         * @return the fault
         */
        public static Fault echoAuthorization(int status, String code) {
            return new Fault(status, code, null, null, false, Kind.ECHO_AUTHORIZATION, new byte[0]);
        }

        /**
         * An error answer.
         *
         * @param status the HTTP status, e.g. 500
         * @param code the ARM error code, e.g. {@code InternalServerError}
         * @return the fault
         */
        public static Fault status(int status, String code) {
            return new Fault(status, code, null, null, false);
        }

        /**
         * A 429 {@code TooManyRequests} with a {@code Retry-After} header.
         *
         * @param retryAfter the delay to announce (whole seconds)
         * @return the fault
         */
        public static Fault throttle(Duration retryAfter) {
            return new Fault(429, "TooManyRequests", retryAfter, null, false);
        }

        /**
         * A slow answer: waits, then answers normally.
         *
         * @param delay the delay
         * @return the fault
         */
        public static Fault delay(Duration delay) {
            return new Fault(0, null, null, delay, false);
        }

        /**
         * A Log Analytics partial answer for another reason than the result limits: half of the rows and a
         * {@code PartialError} whose detail says {@code E_LOW_MEMORY_CONDITION}.
         *
         * @return the fault
         */
        public static Fault partialError() {
            return new Fault(0, null, null, null, true);
        }
    }

    private static final class Rule {
        private final Pattern path;
        private final Fault fault;
        private final AtomicInteger remaining;
        private final double probability;
        private final Random random;
        private final boolean writesOnly;
        private List<Fault> choices;
        /** Matching requests that pass before the fault applies. */
        private final AtomicInteger skip = new AtomicInteger();

        Rule(Pattern path, Fault fault, int times, double probability, Random random, boolean writesOnly) {
            this.writesOnly = writesOnly;
            this.path = path;
            this.fault = fault;
            this.remaining = new AtomicInteger(times);
            this.probability = probability;
            this.random = random;
        }

        Fault take(String method, String p) {
            if (writesOnly && !ArmWriteState.isWrite(method)) {
                return null;
            }
            if (!path.matcher(p).find()) {
                return null;
            }
            if (skip.get() > 0 && skip.getAndDecrement() > 0) {
                return null;
            }
            if (random != null) {
                synchronized (random) {
                    if (random.nextDouble() >= probability) {
                        return null;
                    }
                    return choices == null ? fault : choices.get(random.nextInt(choices.size()));
                }
            }
            if (remaining.get() < 0) {
                return fault;
            }
            return remaining.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0 ? fault : null;
        }
    }

    /** A token bucket: {@link #take()} answers 0 when a token was taken, else the milliseconds until one is. */
    private static final class TokenBucket {
        private final int capacity;
        private final double refillPerNano;
        private double tokens;
        private long last = System.nanoTime();

        private final boolean millisecondRetryAfter;

        TokenBucket(int capacity, double refillPerSecond, boolean millisecondRetryAfter) {
            this.millisecondRetryAfter = millisecondRetryAfter;
            this.capacity = capacity;
            this.refillPerNano = refillPerSecond / 1e9;
            this.tokens = capacity;
        }

        synchronized long take() {
            long t = System.nanoTime();
            tokens = Math.min(capacity, tokens + (t - last) * refillPerNano);
            last = t;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / refillPerNano / 1e6));
        }
    }
}
