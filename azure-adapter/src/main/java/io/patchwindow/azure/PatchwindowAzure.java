package io.patchwindow.azure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.policy.AddDatePolicy;
import com.azure.core.http.policy.AddHeadersFromContextPolicy;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.HttpLoggingPolicy;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.util.ClientOptions;
import com.azure.core.util.Configuration;
import com.azure.core.util.CoreUtils;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.resources.fluentcore.utils.HttpPipelineProvider;
import com.azure.resourcemanager.resources.models.Subscription;

import io.patchwindow.azure.assessment.LogAnalyticsAssessmentSource;
import io.patchwindow.azure.assessment.ResourceGraphAssessmentSource;
import io.patchwindow.azure.history.AutomationRunHistory;
import io.patchwindow.azure.history.ResourceGraphRunHistory;
import io.patchwindow.azure.assessment.LogAnalyticsQuery;
import io.patchwindow.azure.internal.GraphPager;
import io.patchwindow.azure.internal.GraphQuota;
import io.patchwindow.azure.internal.LinkedWorkspace;
import io.patchwindow.azure.internal.RedactingHttpClient;
import io.patchwindow.azure.internal.ThrottlingRetryStrategy;
import io.patchwindow.azure.inventory.ArmInventory;
import io.patchwindow.azure.inventory.ResourceGraphInventory;
import io.patchwindow.core.inventory.ResourceId;
import io.patchwindow.core.text.Quoting;

/**
 * Entry point of the Azure read side, shaped like the SDK's managers.
 *
 * <pre>{@code
 * PatchwindowAzure azure = PatchwindowAzure.authenticate(new DefaultAzureCredentialBuilder().build(),
 *         new AzureProfile(AzureEnvironment.AZURE));
 * List<Machine> machines = azure.resourceGraphInventory(List.of()).machines();   // all visible subscriptions
 * AssessmentSource updates = azure.logAnalyticsAssessment("<workspace GUID>");
 *
 * PatchwindowAzure custom = PatchwindowAzure.configure()
 *         .withRetryOptions(new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(5)))
 *         .withLogOptions(new HttpLogOptions().setLogLevel(HttpLogDetailLevel.BASIC))
 *         .withLogAnalyticsEndpoint("https://api.loganalytics.us")
 *         .authenticate(credential, new AzureProfile(AzureEnvironment.AZURE_US_GOVERNMENT));
 * }</pre>
 *
 * <p>Endpoints come only from the profile's {@link com.azure.core.management.AzureEnvironment} (Resource
 * Manager: {@code resourceManagerEndpointUrl}; Log Analytics: {@code azureLogAnalyticsResourceId}) or from
 * {@link Configurable#withLogAnalyticsEndpoint(String)}, so sovereign clouds, Azure Stack Hub, private
 * endpoints and local emulators work without code changes. HTTP, authentication, retries (429 with
 * {@code Retry-After}, 5xx) and logging are the SDK pipeline's. Thread-safe.
 *
 * <p>Retries of Resource Manager calls, unless {@link Configurable#withRetryOptions(RetryOptions)} replaces
 * them: transient failures (408, 5xx, connection errors) as the SDK's default exponential back-off (3 retries);
 * throttled requests (429) up to {@link Configurable#withMaxThrottledRetries(int)} times (default
 * {@value #DEFAULT_MAX_THROTTLED_RETRIES}), each after exactly the {@code x-ms-retry-after-ms} or
 * {@code Retry-After} the answer gives, so that an apply of thousands of writes queues behind ARM's write
 * token bucket instead of failing.
 */
public final class PatchwindowAzure {
    /** How many times a throttled (429) Resource Manager request is retried by default. */
    public static final int DEFAULT_MAX_THROTTLED_RETRIES = 1000;

    private final AzureProfile profile;
    private final HttpPipeline pipeline;
    private final TokenCredential credential;
    private final Configurable config;
    private final ResourceGraphManager graph;
    private final ResourceManager.Authenticated resources;
    /** Resource Graph's per-user quota, shared by every query of this entry point. */
    private final GraphQuota graphQuota = new GraphQuota();

    private PatchwindowAzure(TokenCredential credential, AzureProfile profile, Configurable config) {
        this.credential = credential;
        this.profile = profile;
        this.config = config.copy();
        // every client of this entry point sends through a transport that keeps echoed tokens out of answers
        this.config.httpClient = new RedactingHttpClient(this.config.httpClient == null ? HttpClient.createDefault()
                : this.config.httpClient);
        RetryPolicy retry = this.config.retryOptions == null
                ? new RetryPolicy(new ThrottlingRetryStrategy(this.config.maxThrottledRetries))
                : new RetryPolicy(this.config.retryOptions);
        this.pipeline = HttpPipelineProvider.buildHttpPipeline(credential, profile, null, this.config.logOptions,
                null, retry, new ArrayList<>(this.config.policies), this.config.httpClient);
        this.graph = ResourceGraphManager.authenticate(pipeline, profile);
        this.resources = ResourceManager.authenticate(pipeline, profile);
    }

    /**
     * Connects with default HTTP client, retry and logging options.
     *
     * @param credential the credential, e.g. {@code DefaultAzureCredential}, not null
     * @param profile the cloud (environment), tenant and default subscription, not null
     * @return the entry point, not null
     */
    public static PatchwindowAzure authenticate(TokenCredential credential, AzureProfile profile) {
        return configure().authenticate(credential, profile);
    }

    /**
     * Starts a configuration: HTTP client, retry and log options, extra policies, Log Analytics endpoint.
     *
     * @return a new configurable, not null
     * @throws IllegalStateException if the optional Azure SDK libraries are not on the class path
     *         ({@link AzureLibraries})
     */
    public static Configurable configure() {
        AzureLibraries.require("PatchwindowAzure");
        return new Configurable();
    }

    /**
     * Returns the profile.
     *
     * @return the profile, not null
     */
    public AzureProfile profile() {
        return profile;
    }

    /**
     * Returns the Resource Manager pipeline (authentication, retry, logging), for other adapters that call
     * ARM through the SDK.
     *
     * @return the pipeline, not null
     */
    public HttpPipeline httpPipeline() {
        return pipeline;
    }

    /**
     * Returns how many subscriptions one Resource Graph request covers.
     *
     * @return the batch size, 1 to 1000 (default 100)
     */
    public int subscriptionBatchSize() {
        return config.subscriptionBatchSize;
    }

    /**
     * Lists the ids of the subscriptions the credential can see (every page), except disabled or deleted ones.
     *
     * @return lower-case subscription GUIDs in listing order, not null
     * @throws AzureAdapterException if Azure refuses or fails
     */
    public List<String> visibleSubscriptions() {
        List<String> out = new ArrayList<>();
        try {
            for (Subscription s : resources.subscriptions().list()) {
                String state = s.state() == null ? "" : s.state().toString().toLowerCase(Locale.ROOT);
                if (!state.equals("disabled") && !state.equals("deleted") && s.subscriptionId() != null) {
                    out.add(s.subscriptionId().toLowerCase(Locale.ROOT));
                }
            }
        } catch (RuntimeException e) {
            throw AzureAdapterException.wrap("Listing subscriptions", e);
        }
        return out;
    }

    /**
     * Returns the Resource Graph inventory (the default backend).
     *
     * @param subscriptionIds subscription GUIDs, or empty for every visible subscription
     * @return the inventory, not null
     * @throws IllegalArgumentException if an id is not a GUID
     */
    public ResourceGraphInventory resourceGraphInventory(List<String> subscriptionIds) {
        return new ResourceGraphInventory(pager(), subscriptions(subscriptionIds));
    }

    /**
     * Returns the ARM inventory (the original runbooks' way): per subscription, Compute VMs and
     * HybridCompute machines, every {@code nextLink} page.
     *
     * @param subscriptionIds subscription GUIDs, or empty for every visible subscription
     * @return the inventory, not null
     * @throws IllegalArgumentException if an id is not a GUID
     */
    public ArmInventory armInventory(List<String> subscriptionIds) {
        return new ArmInventory(pipeline, profile, subscriptions(subscriptionIds));
    }

    /**
     * Returns the Log Analytics assessment source for a workspace.
     *
     * @param workspaceId the workspace (customer) id, a GUID
     * @return the source, not null
     * @throws IllegalArgumentException if the id is not a GUID
     */
    public LogAnalyticsAssessmentSource logAnalyticsAssessment(String workspaceId) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        if (!ResourceId.isGuid(workspaceId)) {
            throw new IllegalArgumentException("Invalid workspace id " + Quoting.quote(workspaceId)
                    + ": expected a GUID such as 63613592-b6f7-4c3d-a390-22ba13102111");
        }
        return new LogAnalyticsAssessmentSource(logsQuery(), () -> workspaceId);
    }

    /**
     * Returns the Log Analytics assessment source for the workspace linked to an Automation account (as the
     * original runbooks did). The workspace is looked up on the first read.
     *
     * @param automationAccountId the account's ARM id,
     *        {@code /subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.Automation/automationAccounts/<name>}
     * @return the source, not null
     * @throws IllegalArgumentException if the id is not an Automation account id
     */
    public LogAnalyticsAssessmentSource logAnalyticsAssessmentForAutomationAccount(String automationAccountId) {
        ResourceId account = LinkedWorkspace.parseAccount(automationAccountId);
        LinkedWorkspace lookup = new LinkedWorkspace(pipeline, profile);
        return new LogAnalyticsAssessmentSource(logsQuery(), new Memo(() -> lookup.workspaceId(account)));
    }

    /**
     * Looks up the workspace (customer) id linked to an Automation account.
     *
     * @param automationAccountId the account's ARM id
     * @return the workspace GUID, not null
     * @throws IllegalArgumentException if the id is not an Automation account id
     * @throws AzureAdapterException if Azure refuses or fails, or no workspace is linked
     */
    public String linkedWorkspaceId(String automationAccountId) {
        return new LinkedWorkspace(pipeline, profile).workspaceId(LinkedWorkspace.parseAccount(automationAccountId));
    }

    /**
     * Returns the Resource Graph assessment source ({@code patchassessmentresources}).
     *
     * @param subscriptionIds the subscriptions to read, or empty for those of the requested machines
     * @return the source, not null
     * @throws IllegalArgumentException if an id is not a GUID
     */
    public ResourceGraphAssessmentSource resourceGraphAssessment(List<String> subscriptionIds) {
        List<String> subs = GraphPager.lowerDistinct(validated(subscriptionIds));
        return new ResourceGraphAssessmentSource(pager(), subs);
    }

    /**
     * Returns the Update Manager installation results from Resource Graph ({@code patchinstallationresources},
     * {@code maintenanceresources} {@code applyupdates}), for the run report.
     *
     * @param subscriptionIds the subscriptions to read, or empty for those of the planned machines
     * @return the history, not null
     * @throws IllegalArgumentException if an id is not a GUID
     */
    public ResourceGraphRunHistory resourceGraphRunHistory(List<String> subscriptionIds) {
        return new ResourceGraphRunHistory(pager(), GraphPager.lowerDistinct(validated(subscriptionIds)));
    }

    /**
     * Returns the Automation account's run history ({@code softwareUpdateConfigurationRuns} and
     * {@code softwareUpdateConfigurationMachineRuns}), for the run report of the legacy backend.
     *
     * @param automationAccountId the account's ARM id
     * @return the history, not null
     * @throws IllegalArgumentException if the id is not an Automation account id
     */
    public AutomationRunHistory automationRunHistory(String automationAccountId) {
        return new AutomationRunHistory(this, LinkedWorkspace.parseAccount(automationAccountId));
    }

    GraphPager pager() {
        return new GraphPager(graph, config.subscriptionBatchSize, GraphPager.MAX_PAGE, graphQuota);
    }

    private Supplier<List<String>> subscriptions(List<String> ids) {
        List<String> given = GraphPager.lowerDistinct(validated(ids));
        if (!given.isEmpty()) {
            return () -> given;
        }
        return this::visibleSubscriptions;
    }

    private static List<String> validated(List<String> ids) {
        Objects.requireNonNull(ids, "subscriptionIds");
        for (String id : ids) {
            if (id == null || !ResourceId.isGuid(id)) {
                throw new IllegalArgumentException("Invalid subscription id " + Quoting.quote(String.valueOf(id))
                        + ": expected a GUID such as 0b1f6471-1bf0-4dda-aec3-cb9272f09590");
            }
        }
        return ids;
    }

    /**
     * The Log Analytics query API through the pipeline that {@code LogsQueryClientBuilder} (azure-monitor-query
     * 1.5.2, {@code AzureLogAnalyticsImplBuilder.createHttpPipeline}) builds from the same options: user agent,
     * request id, headers from context, the per-call policies, retry (the configured options, else the SDK's
     * default {@link RetryPolicy}), the per-retry policies, date, bearer token for {@code https://<host>/.default}
     * of the endpoint, logging; over this entry point's HTTP client. The query itself is sent and read by
     * {@link LogAnalyticsQuery} (the SDK client's row conversion is quadratic in rows).
     */
    private LogAnalyticsQuery logsQuery() {
        String endpoint = config.logAnalyticsEndpoint;
        if (endpoint == null) {
            endpoint = profile.getEnvironment().getLogAnalyticsEndpoint();
        }
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("No Log Analytics endpoint: the Azure environment has no "
                    + "azureLogAnalyticsResourceId; set one with withLogAnalyticsEndpoint(url)");
        }
        String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        if (!base.endsWith("/v1")) {
            base = base + "/v1";
        }
        String host;
        try {
            host = new java.net.URL(base).getHost();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException("Invalid Log Analytics endpoint " + Quoting.quote(endpoint)
                    + ": expected an https URL such as https://api.loganalytics.io/v1", e);
        }
        HttpLogOptions logOptions = config.logOptions == null ? new HttpLogOptions() : config.logOptions;
        List<HttpPipelinePolicy> policies = new ArrayList<>();
        policies.add(new UserAgentPolicy(CoreUtils.getApplicationId(new ClientOptions(), logOptions),
                "azure-monitor-query", "1.5.2", Configuration.getGlobalConfiguration()));
        policies.add(new RequestIdPolicy());
        policies.add(new AddHeadersFromContextPolicy());
        for (HttpPipelinePolicy p : config.policies) {
            if (p.getPipelinePosition() == HttpPipelinePosition.PER_CALL) {
                policies.add(p);
            }
        }
        policies.add(config.retryOptions == null ? new RetryPolicy() : new RetryPolicy(config.retryOptions));
        policies.add(new AddDatePolicy());
        policies.add(new BearerTokenAuthenticationPolicy(credential, "https://" + host + "/.default"));
        for (HttpPipelinePolicy p : config.policies) {
            if (p.getPipelinePosition() != HttpPipelinePosition.PER_CALL) {
                policies.add(p);
            }
        }
        policies.add(new HttpLoggingPolicy(logOptions));
        HttpPipeline logs = new HttpPipelineBuilder().policies(policies.toArray(new HttpPipelinePolicy[0]))
                .httpClient(config.httpClient).build();
        return new LogAnalyticsQuery(logs, base);
    }

    /** Memoizes a lookup (thread-safe, retried after a failure). */
    private static final class Memo implements Supplier<String> {
        private final Supplier<String> lookup;
        private volatile @Nullable String value;

        Memo(Supplier<String> lookup) {
            this.lookup = lookup;
        }

        @Override
        public String get() {
            String v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = lookup.get();
                        value = v;
                    }
                }
            }
            return v;
        }
    }

    /**
     * Configures a {@link PatchwindowAzure}: HTTP client, retry and log options, extra pipeline policies,
     * the Log Analytics endpoint and the Resource Graph subscription batch size. Not thread-safe.
     */
    public static final class Configurable {
        private @Nullable HttpClient httpClient;
        private @Nullable RetryOptions retryOptions;
        private @Nullable HttpLogOptions logOptions;
        private final List<HttpPipelinePolicy> policies = new ArrayList<>();
        private @Nullable String logAnalyticsEndpoint;
        private int subscriptionBatchSize = 100;
        private int maxThrottledRetries = DEFAULT_MAX_THROTTLED_RETRIES;

        private Configurable() {
        }

        private Configurable copy() {
            Configurable c = new Configurable();
            c.httpClient = httpClient;
            c.retryOptions = retryOptions;
            c.logOptions = logOptions;
            c.policies.addAll(policies);
            c.logAnalyticsEndpoint = logAnalyticsEndpoint;
            c.subscriptionBatchSize = subscriptionBatchSize;
            c.maxThrottledRetries = maxThrottledRetries;
            return c;
        }

        /**
         * Sets the HTTP client (default: the SDK's default, Netty).
         *
         * @param httpClient the client, not null
         * @return this configurable
         */
        public Configurable withHttpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /**
         * Replaces the retry options of every client (default for Resource Manager calls: the SDK's exponential
         * back-off, 3 retries, for transient failures, and up to {@link #withMaxThrottledRetries(int)} retries of
         * a 429, each after its {@code Retry-After}; Log Analytics: the SDK's default). Options given here apply
         * as they are: with the SDK's {@code ExponentialBackoffOptions} a 429 also counts against its
         * {@code maxRetries}, so a throttled apply of many writes needs a larger count.
         *
         * @param retryOptions the options, not null
         * @return this configurable
         */
        public Configurable withRetryOptions(RetryOptions retryOptions) {
            this.retryOptions = Objects.requireNonNull(retryOptions, "retryOptions");
            return this;
        }

        /**
         * Sets the HTTP log options (default: none logged). The SDK redacts the {@code Authorization}
         * header at every level.
         *
         * @param logOptions the options, not null
         * @return this configurable
         */
        public Configurable withLogOptions(HttpLogOptions logOptions) {
            this.logOptions = Objects.requireNonNull(logOptions, "logOptions");
            return this;
        }

        /**
         * Adds a pipeline policy to every client.
         *
         * @param policy the policy, not null
         * @return this configurable
         */
        public Configurable withPolicy(HttpPipelinePolicy policy) {
            policies.add(Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /**
         * Sets the Log Analytics query endpoint, e.g. {@code https://api.loganalytics.us} (the {@code /v1}
         * suffix is added when missing). Default: the environment's {@code azureLogAnalyticsResourceId}.
         *
         * @param endpoint an absolute HTTPS URL, not null
         * @return this configurable
         * @throws IllegalArgumentException if the URL is not absolute HTTPS
         */
        public Configurable withLogAnalyticsEndpoint(String endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            if (!endpoint.toLowerCase(Locale.ROOT).startsWith("https://")) {
                throw new IllegalArgumentException("Invalid Log Analytics endpoint " + Quoting.quote(endpoint)
                        + ": expected an https:// URL such as https://api.loganalytics.io");
            }
            this.logAnalyticsEndpoint = endpoint;
            return this;
        }

        /**
         * Sets how many times a throttled (429) Resource Manager request is retried, each after the wait its
         * answer's {@code x-ms-retry-after-ms} or {@code Retry-After} header gives (default
         * {@value PatchwindowAzure#DEFAULT_MAX_THROTTLED_RETRIES}). Ignored when
         * {@link #withRetryOptions(RetryOptions)} is set.
         *
         * With ARM's whole-second {@code Retry-After} the default lets one write wait up to about 17 minutes
         * for its token, which a large apply behind a 10-per-second bucket may need.
         *
         * @param retries 0 to 100000
         * @return this configurable
         * @throws IllegalArgumentException if out of range
         */
        public Configurable withMaxThrottledRetries(int retries) {
            if (retries < 0 || retries > 100_000) {
                throw new IllegalArgumentException("Invalid throttled retry count " + retries
                        + ": expected 0 to 100000, e.g. " + DEFAULT_MAX_THROTTLED_RETRIES);
            }
            this.maxThrottledRetries = retries;
            return this;
        }

        /**
         * Sets how many subscriptions one Resource Graph request covers (default 100; Azure advises fewer
         * than 300).
         *
         * @param size 1 to 1000
         * @return this configurable
         * @throws IllegalArgumentException if out of range
         */
        public Configurable withSubscriptionBatchSize(int size) {
            if (size < 1 || size > 1000) {
                throw new IllegalArgumentException("Invalid subscription batch size " + size + ": expected 1 to 1000");
            }
            this.subscriptionBatchSize = size;
            return this;
        }

        /**
         * Builds the entry point.
         *
         * @param credential the credential, not null
         * @param profile the cloud, tenant and default subscription, not null
         * @return the entry point, not null
         */
        public PatchwindowAzure authenticate(TokenCredential credential, AzureProfile profile) {
            return new PatchwindowAzure(Objects.requireNonNull(credential, "credential"),
                    Objects.requireNonNull(profile, "profile"), this);
        }
    }
}
