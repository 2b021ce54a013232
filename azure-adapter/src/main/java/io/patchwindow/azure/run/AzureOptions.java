package io.patchwindow.azure.run;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.azure.core.credential.TokenCredential;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.AzureCliCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.EnvironmentCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import io.patchwindow.core.inventory.ResourceId;
import io.patchwindow.core.text.Quoting;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The Azure options: which subscriptions, where the assessment comes from, which cloud and endpoints,
 * and which credential. Values are validated before anything is sent: subscription, workspace and tenant
 * ids must be GUIDs, the Automation account an ARM resource id, endpoints absolute HTTPS URLs.
 */
public final class AzureOptions {
    @Option(names = "--subscription", split = ",", paramLabel = "GUID",
            description = "Subscription(s) to read, comma-separated or repeated (default: every subscription "
                    + "the credential can see).")
    private @Nullable List<String> subscriptions;

    @Option(names = "--automation-account", paramLabel = "ID",
            description = "ARM id of the Automation account: the Automation backend writes its software update "
                    + "configurations there, and its linked Log Analytics workspace is the default assessment.")
    private @Nullable String automationAccount;

    @Option(names = "--workspace-id", paramLabel = "GUID",
            description = "Log Analytics workspace (customer) id to read the Update table from.")
    private @Nullable String workspaceId;

    @Option(names = "--inventory", paramLabel = "SOURCE",
            description = "resource-graph (one paged query, default) or arm (subscriptions, then VMs and Arc "
                    + "machines per subscription, like the original runbooks).")
    private String inventory = "resource-graph";

    @Option(names = "--assessment", paramLabel = "SOURCE",
            description = "log-analytics (the Update table) or resource-graph (patchassessmentresources). "
                    + "Default: log-analytics when --workspace-id or --automation-account is given, else resource-graph.")
    private @Nullable String assessment;

    @Option(names = "--cloud", paramLabel = "CLOUD",
            description = "AzureCloud, AzureUSGovernment or AzureChinaCloud (default: AzureCloud).")
    private String cloud = "AzureCloud";

    @Option(names = "--arm-endpoint", paramLabel = "URL",
            description = "Resource Manager endpoint, for Azure Stack Hub, private endpoints and local emulators "
                    + "(default: the cloud's).")
    private @Nullable String armEndpoint;

    @Option(names = "--log-analytics-endpoint", paramLabel = "URL",
            description = "Log Analytics query endpoint (default: the cloud's).")
    private @Nullable String logAnalyticsEndpoint;

    @Option(names = "--credential", paramLabel = "KIND",
            description = "default (DefaultAzureCredential), cli (az login), environment (AZURE_CLIENT_ID, "
                    + "AZURE_TENANT_ID, AZURE_CLIENT_SECRET...), managed-identity or workload-identity "
                    + "(default: default). Jenkins agents usually want cli or environment.")
    private String credential = "default";

    @Option(names = "--tenant", paramLabel = "GUID",
            description = "Tenant id (default: from the credential, or AZURE_TENANT_ID).")
    private @Nullable String tenant;

    /** Where machines come from. */
    public enum Inventory {
        /** Azure Resource Graph. */
        RESOURCE_GRAPH,
        /** Azure Resource Manager lists. */
        ARM
    }

    /** Where pending updates come from. */
    public enum Assessment {
        /** The Log Analytics {@code Update} table. */
        LOG_ANALYTICS,
        /** Resource Graph {@code patchassessmentresources}. */
        RESOURCE_GRAPH
    }

    /**
     * Sets the subscriptions.
     *
     * @param subscriptions GUIDs, not null
     * @return this
     */
    public AzureOptions subscriptions(List<String> subscriptions) {
        this.subscriptions = new ArrayList<>(subscriptions);
        return this;
    }

    /**
     * Sets the Automation account id.
     *
     * @param id an ARM id, not null
     * @return this
     */
    public AzureOptions automationAccount(String id) {
        this.automationAccount = Objects.requireNonNull(id, "id");
        return this;
    }

    /**
     * Sets the workspace id.
     *
     * @param id a GUID, not null
     * @return this
     */
    public AzureOptions workspaceId(String id) {
        this.workspaceId = Objects.requireNonNull(id, "id");
        return this;
    }

    /**
     * Sets the inventory source text ({@code resource-graph} or {@code arm}).
     *
     * @param inventory the text, not null
     * @return this
     */
    public AzureOptions inventory(String inventory) {
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        return this;
    }

    /**
     * Sets the assessment source text ({@code log-analytics} or {@code resource-graph}).
     *
     * @param assessment the text, not null
     * @return this
     */
    public AzureOptions assessment(String assessment) {
        this.assessment = Objects.requireNonNull(assessment, "assessment");
        return this;
    }

    /**
     * Sets the credential kind text.
     *
     * @param credential {@code default}, {@code cli}, {@code environment}, {@code managed-identity} or
     *                   {@code workload-identity}
     * @return this
     */
    public AzureOptions credential(String credential) {
        this.credential = Objects.requireNonNull(credential, "credential");
        return this;
    }

    /**
     * Returns whether any Azure option was given (used to reject mixing them with {@code --snapshot}).
     *
     * @return true if one is set
     */
    public boolean anyGiven() {
        return anyGivenButAssessment() || assessment != null;
    }

    /**
     * Returns whether an Azure option other than {@code --assessment} was given: a snapshot accepts
     * {@code --assessment}, which names the section it is read from.
     *
     * @return true if one of them was given
     */
    public boolean anyGivenButAssessment() {
        return subscriptions != null || automationAccount != null || workspaceId != null
                || armEndpoint != null || logAnalyticsEndpoint != null || tenant != null
                || !"resource-graph".equals(inventory) || !"AzureCloud".equals(cloud) || !"default".equals(credential);
    }

    /**
     * Returns the validated subscription ids, lower case; empty means every visible subscription.
     *
     * @return the ids, not null
     * @throws IllegalArgumentException if one is not a GUID
     */
    public List<String> subscriptionIds() {
        List<String> out = new ArrayList<>();
        if (subscriptions != null) {
            for (String s : subscriptions) {
                String t = s.strip();
                if (t.isEmpty()) {
                    continue;
                }
                out.add(guid("--subscription", t));
            }
            if (out.isEmpty()) {
                // An empty value (e.g. an unset variable in a pipeline) must not widen the run to every subscription.
                throw new IllegalArgumentException("Invalid --subscription " + Quoting.quote(String.join(",", subscriptions))
                        + ": expected at least one GUID; omit the option to read every subscription the credential can see");
            }
        }
        return out;
    }

    /**
     * Returns the validated Automation account id, if given.
     *
     * @return the id, or null
     * @throws IllegalArgumentException if it is not an ARM id of an Automation account
     */
    public @Nullable String automationAccountId() {
        if (automationAccount == null) {
            return null;
        }
        ResourceId id;
        try {
            id = ResourceId.parse(automationAccount.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid --automation-account " + Quoting.quote(automationAccount)
                    + ": expected /subscriptions/<GUID>/resourceGroups/<group>/providers/Microsoft.Automation/"
                    + "automationAccounts/<name>");
        }
        if (!id.fullType().equalsIgnoreCase("Microsoft.Automation/automationAccounts")) {
            throw new IllegalArgumentException("Invalid --automation-account " + Quoting.quote(automationAccount)
                    + ": the resource type is " + id.fullType() + "; expected Microsoft.Automation/automationAccounts");
        }
        return id.id();
    }

    /**
     * Returns the validated workspace id, if given.
     *
     * @return the GUID, or null
     * @throws IllegalArgumentException if it is not a GUID
     */
    public @Nullable String workspace() {
        return workspaceId == null ? null : guid("--workspace-id", workspaceId.strip());
    }

    /**
     * Returns the inventory source.
     *
     * @return the source, not null
     * @throws IllegalArgumentException if the text is unknown
     */
    public Inventory inventorySource() {
        switch (inventory.strip().toLowerCase(Locale.ROOT)) {
            case "resource-graph":
                return Inventory.RESOURCE_GRAPH;
            case "arm":
                return Inventory.ARM;
            default:
                throw new IllegalArgumentException("Invalid --inventory " + Quoting.quote(inventory)
                        + ": expected resource-graph or arm");
        }
    }

    /**
     * Returns the section a snapshot's assessment is read from, as {@code --assessment} names it:
     * {@code log-analytics} for its {@code updates} rows, {@code resource-graph} for its {@code patchAssessments}.
     *
     * @return the source, or null when {@code --assessment} was not given
     * @throws IllegalArgumentException if the text is unknown
     */
    public @Nullable Assessment snapshotAssessment() {
        if (assessment == null) {
            return null;
        }
        switch (assessment.strip().toLowerCase(Locale.ROOT)) {
            case "log-analytics":
                return Assessment.LOG_ANALYTICS;
            case "resource-graph":
                return Assessment.RESOURCE_GRAPH;
            default:
                throw new IllegalArgumentException("Invalid --assessment " + Quoting.quote(assessment)
                        + ": expected log-analytics (the snapshot's 'updates' rows) or resource-graph "
                        + "(its 'patchAssessments' rows)");
        }
    }

    /**
     * Returns the assessment source: as given, else Log Analytics when a workspace or Automation account is
     * given, else Resource Graph.
     *
     * @return the source, not null
     * @throws IllegalArgumentException if the text is unknown, or Log Analytics is asked without a workspace
     *                                  or account
     */
    public Assessment assessmentSource() {
        if (assessment == null) {
            return workspaceId != null || automationAccount != null ? Assessment.LOG_ANALYTICS
                    : Assessment.RESOURCE_GRAPH;
        }
        switch (assessment.strip().toLowerCase(Locale.ROOT)) {
            case "log-analytics":
                if (workspaceId == null && automationAccount == null) {
                    throw new IllegalArgumentException("Invalid --assessment log-analytics: it needs --workspace-id "
                            + "GUID or --automation-account ID (whose linked workspace is read)");
                }
                return Assessment.LOG_ANALYTICS;
            case "resource-graph":
                return Assessment.RESOURCE_GRAPH;
            default:
                throw new IllegalArgumentException("Invalid --assessment " + Quoting.quote(assessment)
                        + ": expected log-analytics or resource-graph");
        }
    }

    /**
     * Returns the explicit Log Analytics endpoint, if given.
     *
     * @return the URL, or null
     * @throws IllegalArgumentException if it is not an absolute HTTPS URL
     */
    public @Nullable String logAnalyticsEndpoint() {
        return logAnalyticsEndpoint == null ? null : https("--log-analytics-endpoint", logAnalyticsEndpoint);
    }

    /**
     * Returns the profile: the cloud's environment, with the Resource Manager endpoint replaced by
     * {@code --arm-endpoint} when given, and the tenant.
     *
     * @return the profile, not null
     * @throws IllegalArgumentException if the cloud, endpoint or tenant is invalid
     */
    public AzureProfile profile() {
        AzureEnvironment env = environment();
        if (armEndpoint != null) {
            String url = https("--arm-endpoint", armEndpoint);
            Map<String, String> endpoints = new HashMap<>(env.getEndpoints());
            String base = url.endsWith("/") ? url : url + "/";
            endpoints.put("resourceManagerEndpointUrl", base);
            env = new AzureEnvironment(endpoints);
        }
        String t = tenant == null ? null : guid("--tenant", tenant.strip());
        String firstSub = subscriptionIds().isEmpty() ? null : subscriptionIds().get(0);
        return new AzureProfile(t, firstSub, env);
    }

    private AzureEnvironment environment() {
        switch (cloud.strip().toLowerCase(Locale.ROOT)) {
            case "azurecloud":
                return AzureEnvironment.AZURE;
            case "azureusgovernment":
                return AzureEnvironment.AZURE_US_GOVERNMENT;
            case "azurechinacloud":
                return AzureEnvironment.AZURE_CHINA;
            default:
                throw new IllegalArgumentException("Invalid --cloud " + Quoting.quote(cloud)
                        + ": expected AzureCloud, AzureUSGovernment or AzureChinaCloud");
        }
    }

    /**
     * Checks the credential kind without building it.
     *
     * @return the normalised kind, not null
     * @throws IllegalArgumentException if unknown
     */
    public String credentialKind() {
        String k = credential.strip().toLowerCase(Locale.ROOT);
        switch (k) {
            case "default":
            case "cli":
            case "environment":
            case "managed-identity":
            case "workload-identity":
                return k;
            default:
                throw new IllegalArgumentException("Invalid --credential " + Quoting.quote(credential)
                        + ": expected default, cli, environment, managed-identity or workload-identity");
        }
    }

    /**
     * Builds the credential of {@code --credential}, for the profile's authority host. Only the CLI calls
     * this; nothing is sent until a token is needed.
     *
     * @param profile the profile, not null
     * @return the credential, not null
     * @throws io.patchwindow.azure.AzureAdapterException (exit code 3 on the command line) with the error code
     *         {@code CredentialUnavailable} when the credential cannot work on this machine (no {@code az} on the
     *         PATH for {@code cli}, missing environment variables for {@code environment} or {@code workload-identity})
     */
    public TokenCredential buildCredential(AzureProfile profile) {
        String unavailable = LocalCredentials.unavailable(credentialKind(), System.getenv());
        if (unavailable != null) {
            throw new io.patchwindow.azure.AzureAdapterException(unavailable, "CredentialUnavailable", 0, null);
        }
        String authority = profile.getEnvironment().getActiveDirectoryEndpoint();
        String t = profile.getTenantId();
        switch (credentialKind()) {
            case "cli": {
                AzureCliCredentialBuilder b = new AzureCliCredentialBuilder();
                if (t != null) {
                    b.tenantId(t);
                }
                return b.build();
            }
            case "environment":
                return new EnvironmentCredentialBuilder().authorityHost(authority).build();
            case "managed-identity":
                return new ManagedIdentityCredentialBuilder().build();
            case "workload-identity":
                return new WorkloadIdentityCredentialBuilder().authorityHost(authority).build();
            default: {
                DefaultAzureCredentialBuilder b = new DefaultAzureCredentialBuilder().authorityHost(authority);
                if (t != null) {
                    b.tenantId(t);
                }
                return b.build();
            }
        }
    }

    private static String guid(String option, String value) {
        if (!ResourceId.isGuid(value)) {
            throw new IllegalArgumentException("Invalid " + option + " " + Quoting.quote(value)
                    + ": expected a GUID such as 0b1f6471-1bf0-4dda-aec3-cb9272f09590");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static String https(String option, String value) {
        try {
            URI uri = new URI(value.strip());
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getQuery() != null
                    || uri.getFragment() != null || uri.getUserInfo() != null) {
                throw new URISyntaxException(value, "not an absolute https URL");
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Invalid " + option + " " + Quoting.quote(value)
                    + ": expected an absolute https URL such as https://management.azure.com/");
        }
    }
}
