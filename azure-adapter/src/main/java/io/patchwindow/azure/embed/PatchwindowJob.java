package io.patchwindow.azure.embed;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.azure.core.credential.TokenCredential;
import com.azure.core.management.profile.AzureProfile;

import io.patchwindow.azure.AzureLibraries;
import io.patchwindow.azure.PatchwindowAzure;
import io.patchwindow.azure.run.AzureOptions;
import io.patchwindow.azure.run.AzureSources;
import io.patchwindow.azure.run.BackendOptions;
import io.patchwindow.azure.run.Backends;
import io.patchwindow.azure.run.OptionValues;
import io.patchwindow.azure.run.PlanSources;
import io.patchwindow.azure.run.PolicyOptions;
import io.patchwindow.azure.run.AdvisoryOptions;
import io.patchwindow.azure.run.SourceOptions;
import io.patchwindow.azure.json.PlanJson;
import io.patchwindow.core.apply.Applier;
import io.patchwindow.core.deployment.ActionResult;
import io.patchwindow.core.deployment.ApplyReport;
import io.patchwindow.core.deployment.DeploymentAction;
import io.patchwindow.core.deployment.ExistingDeployment;
import io.patchwindow.core.plan.Plan;
import io.patchwindow.core.plan.Planner;
import io.patchwindow.core.plan.Policy;
import io.patchwindow.core.report.Report;
import io.patchwindow.core.port.AssessmentSource;
import io.patchwindow.core.port.DeploymentTarget;
import io.patchwindow.core.port.MachineInventory;
import io.patchwindow.core.tag.TagGrammar;
import io.patchwindow.core.text.Quoting;
import org.jspecify.annotations.Nullable;

/**
 * A planning (and applying) job, configured with texts as on the command line. Start one with
 * {@link Patchwindow#job()}.
 *
 * <pre>{@code
 * Plan plan = Patchwindow.job()
 *         .snapshot("examples/fleet/demo-snapshot.json")   // or .azure(credential, profile)
 *         .environments("Q,R")
 *         .now("2026-11-25T10:17:00Z")                     // or .clock(clock); default: the system clock
 *         .timeZone("Europe/Paris")
 *         .duration("PT2H")
 *         .reboot("Always")
 *         .plan();
 * }</pre>
 *
 * <p><b>Sources.</b> Exactly one of {@link #snapshot(String)} (offline) or {@link #azure(TokenCredential,
 * AzureProfile)} / {@link #azure(PatchwindowAzure)}; each port given with {@link #machineInventory},
 * {@link #assessmentSource} or {@link #deploymentTarget} replaces that part of the source (or is the source
 * when neither is given). With Azure, the inventory is Resource Graph ({@link #inventory(String)}:
 * {@code resource-graph} or {@code arm}) and the assessment is Log Analytics when {@link #workspaceId} or
 * {@link #automationAccount} is given, else Resource Graph ({@link #assessment(String)}).
 *
 * <p><b>Policy.</b> The policy setters take the command line's texts and defaults and give the same plan
 * as {@code patchwindow plan} with the same options. Each setter checks its value at once, by the command
 * line's rules, and refuses a bad one with an {@link IllegalArgumentException} that names the method, quotes
 * the value and says what is accepted (e.g.
 * {@code Invalid PatchwindowJob.duration('2h'): expected an ISO-8601 duration such as PT2H, PT10M or P2D}).
 * Alternatively {@link #policy(Policy)} gives a complete policy, which then replaces every policy setter.
 *
 * <p><b>Results.</b> {@link #plan()} returns the core {@link Plan}, {@link #planJson()} the exact text of
 * {@code plan --output json}, {@link #apply()} an {@link ApplyReport}; all are {@link java.io.Serializable}
 * and offer {@code toMap()}; their lists may be held and iterated across Jenkins pipeline steps. Nothing is
 * read before {@code plan()} or {@code apply()}; a job may run several times. Not thread-safe; no method
 * throws a checked exception.
 *
 * <p><b>Jenkins.</b> A job is {@link Serializable}, so a scripted pipeline may hold it across steps (CPS
 * saves every local variable at each step). What it holds must be serializable too: the texts always are;
 * a {@link Clock}, {@link Policy} or {@link TagGrammar} from this project or the JDK is; ports of your own
 * must be if you hold the job across a step. The Azure entry point ({@link #azure(PatchwindowAzure)},
 * {@link #azure(TokenCredential, AzureProfile)}) holds HTTP clients and a credential and is not kept: a job
 * that comes back from serialization refuses to run until {@code azure(...)} is given again.
 *
 * @serial exclude
 */
public final class PatchwindowJob implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The default number of concurrent writes of {@link #apply()}. */
    public static final int DEFAULT_CONCURRENCY = 8;


    /** The freshness limit used only to check a single setter's value (the real one depends on the source). */
    private static final Duration CHECK_AGE = Duration.ofHours(5);

    private @Nullable String snapshot;
    /** Not serializable (HTTP clients, credential): lost on serialization, see {@link #azureLost}. */
    private transient @Nullable PatchwindowAzure azure;
    /** True when {@code azure(...)} was given but the job came back from serialization without it. */
    private transient boolean azureLost;
    private @Nullable ArrayList<String> subscriptions;
    private @Nullable String inventoryKind;
    private @Nullable String assessmentKind;
    private @Nullable String workspaceId;
    private @Nullable String automationAccount;

    private @Nullable String backendKind;
    private @Nullable String scheduleResourceGroup;
    private @Nullable String scheduleLocation;
    private boolean fixPatchMode;
    private boolean pinVersions;

    private @Nullable MachineInventory machineInventory;
    private @Nullable AssessmentSource assessmentSource;
    private @Nullable DeploymentTarget deploymentTarget;

    private @Nullable String timeZone;
    private @Nullable String leadTime;
    private @Nullable String duration;
    private @Nullable String reboot;
    private @Nullable ArrayList<String> classifications;
    private @Nullable String maxAssessmentAge;
    private @Nullable String namePrefix;
    private @Nullable ArrayList<String> os;
    private @Nullable String grouping;
    private @Nullable String tagName;
    private @Nullable ArrayList<String> prefixes;
    private @Nullable ArrayList<String> hours;
    private boolean tolerant;

    private @Nullable ArrayList<String> advisories;
    private @Nullable String securitySource;
    private @Nullable String minSeverity;
    private @Nullable String maxAdvisoryAge;
    private @Nullable ArrayList<String> advisoryPlatforms;
    private @Nullable ArrayList<String> excludes;

    private final ArrayList<String> policySetters = new ArrayList<>();
    private final ArrayList<String> grammarSetters = new ArrayList<>();
    private @Nullable String environments;
    private @Nullable Policy policy;
    private @Nullable TagGrammar grammar;

    private @Nullable Clock clock;
    private @Nullable String reportSince;
    private @Nullable String reportUntil;
    private boolean prune;
    private int concurrency = DEFAULT_CONCURRENCY;
    private final io.patchwindow.azure.run.PromotionOptions promotion = new io.patchwindow.azure.run.PromotionOptions();
    private @Nullable List<io.patchwindow.core.report.InstalledPackage> promotionHistory;

    PatchwindowJob() {
    }

    // ------------------------------------------------------------------------------------------ sources

    /**
     * Reads machines, assessments and existing deployments from a snapshot file (offline), like
     * {@code --snapshot FILE}.
     *
     * @param file the file, e.g. {@code examples/fleet/demo-snapshot.json}, not null
     * @return this job
     * @throws IllegalArgumentException if {@code azure(...)} or an Azure source setting was given
     */
    public PatchwindowJob snapshot(String file) {
        Objects.requireNonNull(file, "file");
        if (azure != null || azureLost) {
            throw refused("snapshot", file, "give one source; azure(...) was given already");
        }
        List<String> azureSettings = azureSourceSettings();
        if (!azureSettings.isEmpty()) {
            throw refused("snapshot", file, "a snapshot is read offline and cannot be combined with the Azure source "
                    + "settings " + azureSettings + " given already");
        }
        this.snapshot = file;
        return this;
    }

    /**
     * Reads from Azure with a credential and a cloud profile. No call is made before {@link #plan()}.
     *
     * @param credential the credential, e.g. {@code new AzureCliCredentialBuilder().build()}, not null
     * @param profile the cloud, tenant and default subscription, e.g.
     *                {@code new AzureProfile(AzureEnvironment.AZURE)}, not null
     * @return this job
     * @throws IllegalArgumentException if {@link #snapshot(String)} was given
     * @throws IllegalStateException if the optional Azure SDK libraries are missing
     *         ({@link io.patchwindow.azure.AzureLibraries})
     */
    public PatchwindowJob azure(TokenCredential credential, AzureProfile profile) {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(profile, "profile");
        AzureLibraries.require("PatchwindowJob.azure(credential, profile)");
        return azure(PatchwindowAzure.authenticate(credential, profile));
    }

    /**
     * Reads from Azure through a configured entry point (HTTP client, retries, logging, endpoints).
     *
     * @param azure the entry point, e.g. {@code PatchwindowAzure.configure()...authenticate(credential, profile)},
     *              not null
     * @return this job
     * @throws IllegalArgumentException if {@link #snapshot(String)} was given
     */
    public PatchwindowJob azure(PatchwindowAzure azure) {
        Objects.requireNonNull(azure, "azure");
        requireNoSnapshot("azure", "...");
        this.azure = azure;
        this.azureLost = false;
        return this;
    }

    /**
     * Limits the Azure subscriptions read (default: every subscription the credential can see).
     *
     * @param subscriptionIds comma-separated subscription GUIDs, e.g.
     *                        {@code 0b1f6471-1bf0-4dda-aec3-cb9272f09590,7c4e2a18-5d3b-4f0e-9a61-2b8d7e3c1f45},
     *                        not null
     * @return this job
     * @throws IllegalArgumentException if an id is not a GUID, none is given, or the source is a snapshot
     */
    public PatchwindowJob subscriptions(String subscriptionIds) {
        Objects.requireNonNull(subscriptionIds, "subscriptionIds");
        return subscriptions("subscriptions", subscriptionIds, csv(subscriptionIds));
    }

    /**
     * Limits the Azure subscriptions read, as a list (see {@link #subscriptions(String)}).
     *
     * @param subscriptionIds subscription GUIDs, not null
     * @return this job
     * @throws IllegalArgumentException if an id is not a GUID, none is given, or the source is a snapshot
     */
    public PatchwindowJob subscriptionList(List<String> subscriptionIds) {
        Objects.requireNonNull(subscriptionIds, "subscriptionIds");
        return subscriptions("subscriptionList", String.join(",", subscriptionIds), subscriptionIds);
    }

    private PatchwindowJob subscriptions(String method, String text, List<String> ids) {
        requireNoSnapshot(method, text);
        check(method, text, () -> new AzureOptions().subscriptions(ids).subscriptionIds());
        this.subscriptions = new ArrayList<>(ids);
        return this;
    }

    /**
     * Chooses the Azure inventory, like {@code --inventory}: {@code resource-graph} (default, one paged query
     * over all subscriptions) or {@code arm} (per subscription, as the original runbooks).
     *
     * @param kind {@code resource-graph} or {@code arm}, not null
     * @return this job
     * @throws IllegalArgumentException if the kind is unknown or the source is a snapshot
     */
    public PatchwindowJob inventory(String kind) {
        Objects.requireNonNull(kind, "kind");
        requireNoSnapshot("inventory", kind);
        requireOneOf("inventory", kind, "resource-graph", "arm");
        this.inventoryKind = kind;
        return this;
    }

    /**
     * Chooses the Azure assessment, like {@code --assessment}: {@code log-analytics} (the {@code Update}
     * table; needs {@link #workspaceId} or {@link #automationAccount}) or {@code resource-graph}
     * ({@code patchassessmentresources}). Default: {@code log-analytics} when a workspace or an Automation
     * account is given, else {@code resource-graph}.
     *
     * <p>With a {@link #snapshot(String)}, it names the section read: {@code log-analytics} its {@code updates}
     * rows (the legacy Automation Update Management), {@code resource-graph} its {@code patchAssessments}
     * (default when the snapshot has them).
     *
     * @param kind {@code log-analytics} or {@code resource-graph}, not null
     * @return this job
     * @throws IllegalArgumentException if the kind is unknown
     */
    public PatchwindowJob assessment(String kind) {
        Objects.requireNonNull(kind, "kind");
        requireOneOf("assessment", kind, "log-analytics", "resource-graph");
        this.assessmentKind = kind;
        return this;
    }

    /**
     * Reads the assessment from a Log Analytics workspace, like {@code --workspace-id}.
     *
     * @param workspaceId the workspace (customer) id, a GUID, not null
     * @return this job
     * @throws IllegalArgumentException if it is not a GUID or the source is a snapshot
     */
    public PatchwindowJob workspaceId(String workspaceId) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        requireNoSnapshot("workspaceId", workspaceId);
        check("workspaceId", workspaceId, () -> new AzureOptions().workspaceId(workspaceId).workspace());
        this.workspaceId = workspaceId;
        return this;
    }

    /**
     * Reads the assessment from the workspace linked to an Automation account, like
     * {@code --automation-account}.
     *
     * @param automationAccountId the account's ARM id,
     *        {@code /subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.Automation/automationAccounts/<name>},
     *        not null
     * @return this job
     * @throws IllegalArgumentException if it is not the ARM id of an Automation account
     */
    public PatchwindowJob automationAccount(String automationAccountId) {
        Objects.requireNonNull(automationAccountId, "automationAccountId");
        check("automationAccount", automationAccountId,
                () -> new AzureOptions().automationAccount(automationAccountId).automationAccountId());
        this.automationAccount = automationAccountId;
        return this;
    }

    /**
     * Chooses the deployment backend, like {@code --backend}: {@code automation} (software update
     * configurations in {@link #automationAccount}; one per machine by default) or {@code update-manager}
     * (maintenance configurations per window group in {@link #scheduleResourceGroup}, one assignment per
     * machine; Azure VMs need patch mode AutomaticByPlatform with user schedules). Default: automation.
     *
     * @param kind {@code automation} or {@code update-manager}, not null
     * @return this job
     * @throws IllegalArgumentException if the kind is unknown
     */
    public PatchwindowJob backend(String kind) {
        Objects.requireNonNull(kind, "kind");
        check("backend", kind, () -> new BackendOptions().backend(kind).backend());
        this.backendKind = kind;
        return this;
    }

    /**
     * Sets the resource group of the Update Manager maintenance configurations, like
     * {@code --schedule-resource-group}.
     *
     * @param resourceGroupId {@code /subscriptions/<guid>/resourceGroups/<name>}, not null
     * @return this job
     */
    public PatchwindowJob scheduleResourceGroup(String resourceGroupId) {
        this.scheduleResourceGroup = Objects.requireNonNull(resourceGroupId, "resourceGroupId");
        return this;
    }

    /**
     * Sets the region of the Update Manager maintenance configurations, like {@code --schedule-location}
     * (default: the resource group's).
     *
     * @param location a region, e.g. {@code westeurope}, not null
     * @return this job
     */
    public PatchwindowJob scheduleLocation(String location) {
        this.scheduleLocation = Objects.requireNonNull(location, "location");
        return this;
    }

    /**
     * Sets Azure VMs to patch mode AutomaticByPlatform with user schedules instead of skipping them as
     * {@code NOT_READY}, like {@code --fix-patch-mode} (Update Manager; writes the VM when applying).
     *
     * @param fix true to fix
     * @return this job
     */
    public PatchwindowJob fixPatchMode(boolean fix) {
        this.fixPatchMode = fix;
        return this;
    }

    /**
     * Installs exactly the assessed versions ({@code name=version} masks), like {@code --pin-versions}.
     *
     * @param pin true to pin
     * @return this job
     */
    public PatchwindowJob pinVersions(boolean pin) {
        this.pinVersions = pin;
        return this;
    }

    /**
     * Uses an inventory of your own (replaces the snapshot's or Azure's).
     *
     * @param inventory the inventory, not null
     * @return this job
     */
    public PatchwindowJob machineInventory(MachineInventory inventory) {
        this.machineInventory = Objects.requireNonNull(inventory, "inventory");
        return this;
    }

    /**
     * Uses an assessment source of your own (replaces the snapshot's or Azure's).
     *
     * @param source the source, not null
     * @return this job
     */
    public PatchwindowJob assessmentSource(AssessmentSource source) {
        this.assessmentSource = Objects.requireNonNull(source, "source");
        return this;
    }

    /**
     * Uses a deployment target of your own: its existing deployments are reconciled by {@link #plan()} and
     * {@link #apply()} writes to it (replaces the snapshot's read-only deployments).
     *
     * @param target the target, not null
     * @return this job
     */
    public PatchwindowJob deploymentTarget(DeploymentTarget target) {
        this.deploymentTarget = Objects.requireNonNull(target, "target");
        return this;
    }

    // ------------------------------------------------------------------------------------------- policy

    /**
     * Selects the environments, like {@code --environments} (default: all of the grammar; {@link #apply()}
     * requires it).
     *
     * @param environments comma-separated codes, e.g. {@code Q,R}, not null
     * @return this job
     * @throws IllegalArgumentException if no code is given (the codes are checked against the grammar when
     *         planning, since the grammar may be set later)
     */
    public PatchwindowJob environments(String environments) {
        return environments("environments", environments);
    }

    private PatchwindowJob environments(String method, String environments) {
        Objects.requireNonNull(environments, "environments");
        if (csv(environments).isEmpty()) {
            throw refused(method, environments, "select at least one environment, e.g. Q,R");
        }
        this.environments = environments;
        return this;
    }

    /**
     * Selects the environments as a list, e.g. {@code ["Q", "R"]}.
     *
     * @param environments the codes, not null
     * @return this job
     */
    public PatchwindowJob environmentList(List<String> environments) {
        return environments("environmentList", String.join(",", Objects.requireNonNull(environments, "environments")));
    }

    /**
     * Sets the time zone of the windows, like {@code --time-zone} (default {@code Europe/Paris}).
     *
     * @param timeZone an IANA id, e.g. {@code Europe/Paris}, not null
     * @return this job
     * @throws IllegalArgumentException if the value is refused (the message names this method)
     */
    public PatchwindowJob timeZone(String timeZone) {
        Objects.requireNonNull(timeZone, "timeZone");
        check("timeZone", timeZone, () -> trial(o -> o.window().timeZone(timeZone)));
        this.timeZone = timeZone;
        return policySet("timeZone");
    }

    /**
     * Sets the lead time, like {@code --lead-time} (default {@code PT10M}).
     *
     * @param leadTime an ISO-8601 duration, e.g. {@code PT30M}, not null
     * @return this job
     * @throws IllegalArgumentException if the value is refused (the message names this method)
     */
    public PatchwindowJob leadTime(String leadTime) {
        Objects.requireNonNull(leadTime, "leadTime");
        check("leadTime", leadTime, () -> trial(o -> o.window().leadTime(leadTime)));
        this.leadTime = leadTime;
        return policySet("leadTime");
    }

    /**
     * Sets the window length, like {@code --duration} (default {@code PT2H}; from {@code PT30M} to
     * {@code PT6H}).
     *
     * @param duration an ISO-8601 duration, e.g. {@code PT3H}, not null
     * @return this job
     * @throws IllegalArgumentException if the value is refused (the message names this method)
     */
    public PatchwindowJob duration(String duration) {
        Objects.requireNonNull(duration, "duration");
        check("duration", duration, () -> trial(o -> o.duration(duration)));
        this.duration = duration;
        return policySet("duration");
    }

    /**
     * Sets the reboot setting, like {@code --reboot} (default {@code Always}).
     *
     * @param reboot {@code Always}, {@code IfRequired} or {@code Never}, not null
     * @return this job
     * @throws IllegalArgumentException if the value is refused (the message names this method)
     */
    public PatchwindowJob reboot(String reboot) {
        Objects.requireNonNull(reboot, "reboot");
        check("reboot", reboot, () -> trial(o -> o.reboot(reboot)));
        this.reboot = reboot;
        return policySet("reboot");
    }

    /**
     * Sets the classifications that make a package pending, like {@code --classifications} (default
     * {@code Critical,Security}).
     *
     * @param classifications comma-separated, from {@code Critical}, {@code Security}, {@code Other}, not null
     * @return this job
     * @throws IllegalArgumentException if the value is refused (the message names this method)
     */
    public PatchwindowJob classifications(String classifications) {
        Objects.requireNonNull(classifications, "classifications");
        check("classifications", classifications, () -> trial(o -> o.classifications(csv(classifications))));
        this.classifications = new ArrayList<>(csv(classifications));
        return policySet("classifications");
    }

    /**
     * Sets the freshness limit of assessment records, like {@code --max-assessment-age} (default
     * {@code PT5H} for Log Analytics rows, {@code P2D} for Resource Graph assessments).
     *
     * @param maxAssessmentAge an ISO-8601 duration, e.g. {@code PT12H}, not null
     * @return this job
     * @throws IllegalArgumentException if the value is refused (the message names this method)
     */
    public PatchwindowJob maxAssessmentAge(String maxAssessmentAge) {
        Objects.requireNonNull(maxAssessmentAge, "maxAssessmentAge");
        check("maxAssessmentAge", maxAssessmentAge, () -> trial(o -> o.maxAssessmentAge(maxAssessmentAge)));
        this.maxAssessmentAge = maxAssessmentAge;
        return policySet("maxAssessmentAge");
    }

    /**
     * Sets the deployment name prefix, like {@code --name-prefix} (default {@code pw-}).
     *
     * @param namePrefix up to 20 of {@code [A-Za-z0-9-_]}, not null
     * @return this job
     * @throws IllegalArgumentException if the value is refused (the message names this method)
     */
    public PatchwindowJob namePrefix(String namePrefix) {
        Objects.requireNonNull(namePrefix, "namePrefix");
        check("namePrefix", namePrefix, () -> trial(o -> o.namePrefix(namePrefix)));
        this.namePrefix = namePrefix;
        return policySet("namePrefix");
    }

    /**
     * Sets the OS keywords, like {@code --os} (default {@code centos}).
     *
     * @param os comma-separated keywords, e.g. {@code centos,almalinux,rocky}, not null
     * @return this job
     * @throws IllegalArgumentException if the value is refused (the message names this method)
     */
    public PatchwindowJob os(String os) {
        Objects.requireNonNull(os, "os");
        check("os", os, () -> trial(o -> o.os(csv(os))));
        this.os = new ArrayList<>(csv(os));
        return policySet("os");
    }

    /**
     * Sets the grouping, like {@code --grouping} (default {@code per-machine}).
     *
     * @param grouping {@code per-machine} or {@code per-window}, not null
     * @return this job
     * @throws IllegalArgumentException if the value is refused (the message names this method)
     */
    public PatchwindowJob grouping(String grouping) {
        Objects.requireNonNull(grouping, "grouping");
        check("grouping", grouping, () -> trial(o -> o.grouping(grouping)));
        this.grouping = grouping;
        return policySet("grouping");
    }

    /**
     * Sets the name of the tag holding the window, like {@code --tag-name} (default {@code patch}).
     *
     * @param tagName the tag name, matched case-insensitively, not null
     * @return this job
     * @throws IllegalArgumentException if the value is refused (the message names this method)
     */
    public PatchwindowJob tagName(String tagName) {
        Objects.requireNonNull(tagName, "tagName");
        check("tagName", tagName, () -> trial(o -> o.grammar().tagName(tagName)));
        this.tagName = tagName;
        return grammarSet("tagName");
    }

    /**
     * Sets the accepted distribution prefixes, like {@code --prefixes} (default {@code CENTOS}).
     *
     * @param prefixes comma-separated, e.g. {@code CENTOS,ALMA}, not null
     * @return this job
     * @throws IllegalArgumentException if the value is refused (the message names this method)
     */
    public PatchwindowJob prefixes(String prefixes) {
        Objects.requireNonNull(prefixes, "prefixes");
        check("prefixes", prefixes, () -> trial(o -> o.grammar().prefixes(csv(prefixes))));
        this.prefixes = new ArrayList<>(csv(prefixes));
        return grammarSet("prefixes");
    }

    /**
     * Sets the accepted window times, like {@code --hours} (default {@code 03:00,12:00,22:00}).
     *
     * @param hours comma-separated {@code HH:MM}, e.g. {@code 03:00,23:30}, not null
     * @return this job
     * @throws IllegalArgumentException if the value is refused (the message names this method)
     */
    public PatchwindowJob hours(String hours) {
        Objects.requireNonNull(hours, "hours");
        check("hours", hours, () -> trial(o -> o.grammar().hours(csv(hours))));
        this.hours = new ArrayList<>(csv(hours));
        return grammarSet("hours");
    }

    /**
     * Tolerates surrounding white space and lower case in tag values, like {@code --tolerant} (reported as
     * warnings in the plan).
     *
     * @param tolerant true to tolerate
     * @return this job
     */
    public PatchwindowJob tolerant(boolean tolerant) {
        this.tolerant = tolerant;
        return grammarSet("tolerant");
    }

    /**
     * Uses a tag grammar built with {@link TagGrammar#builder()}, e.g. with other environments; replaces
     * {@link #tagName}, {@link #prefixes}, {@link #hours} and {@link #tolerant}.
     *
     * @param grammar the grammar, not null
     * @return this job
     */
    public PatchwindowJob grammar(TagGrammar grammar) {
        this.grammar = Objects.requireNonNull(grammar, "grammar");
        return this;
    }

    /**
     * Uses a complete policy, which replaces every other policy setting of this job (environments, time
     * zone, duration, ..., grammar).
     *
     * @param policy the policy, not null
     * @return this job
     */
    public PatchwindowJob policy(Policy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    // ---------------------------------------------------------------------------------------- advisories

    /**
     * Adds published security advisories, like {@code --advisories PATH}: a file or a directory of yum
     * {@code updateinfo.xml}, Red Hat OVAL, OSV or CSAF files, plain or gzip/bzip2/xz/zstd. Call it once per
     * path. Needed for CentOS under Azure Update Manager, which classifies every CentOS update {@code Other}.
     *
     * @param path the file or directory, e.g. {@code rhel-7.oval.xml.bz2}, not null
     * @return this job
     * @throws IllegalArgumentException if the path is blank or does not exist
     */
    public PatchwindowJob advisories(String path) {
        Objects.requireNonNull(path, "path");
        check("advisories", path, () -> new AdvisoryOptions().advisories(List.of(path)).source());
        if (advisories == null) {
            advisories = new ArrayList<>();
        }
        advisories.add(path);
        return this; // data, not a policy setting: it combines with policy(Policy)
    }

    /**
     * Chooses who decides that a pending update is a security fix, like {@code --security-source}:
     * {@code azure} (its classification), {@code advisories} or {@code both} (default: both with
     * {@link #advisories(String)}, else azure).
     *
     * @param source {@code azure}, {@code advisories} or {@code both}, not null
     * @return this job
     * @throws IllegalArgumentException if the source is unknown
     */
    public PatchwindowJob securitySource(String source) {
        Objects.requireNonNull(source, "source");
        requireOneOf("securitySource", source, "azure", "advisories", "both");
        this.securitySource = source;
        return policySet("securitySource");
    }

    /**
     * Sets the lowest advisory severity that counts, like {@code --min-severity}: {@code None} (default),
     * {@code Low}, {@code Moderate}, {@code Important} or {@code Critical}.
     *
     * @param severity the severity, not null
     * @return this job
     * @throws IllegalArgumentException if the severity is unknown
     */
    public PatchwindowJob minSeverity(String severity) {
        Objects.requireNonNull(severity, "severity");
        check("minSeverity", severity, () -> io.patchwindow.core.advisory.Severity.parse(severity));
        this.minSeverity = severity;
        return policySet("minSeverity");
    }

    /**
     * Sets the age of the newest advisory above which the plan warns, like {@code --max-advisory-age}
     * (default {@code P14D}).
     *
     * @param age an ISO-8601 duration, e.g. {@code P7D}, not null
     * @return this job
     * @throws IllegalArgumentException if the text is not a duration in range
     */
    public PatchwindowJob maxAdvisoryAge(String age) {
        Objects.requireNonNull(age, "age");
        check("maxAdvisoryAge", age, () -> new AdvisoryOptions().maxAdvisoryAge(age).apply(Policy.defaults()));
        this.maxAdvisoryAge = age;
        return policySet("maxAdvisoryAge");
    }

    /**
     * Uses only the advisories of these platforms, like {@code --advisory-platform}, e.g. {@code EL7}.
     *
     * @param platforms comma-separated, e.g. {@code EL7}, not null
     * @return this job
     * @throws IllegalArgumentException if a platform is not letters and digits
     */
    public PatchwindowJob advisoryPlatforms(String platforms) {
        Objects.requireNonNull(platforms, "platforms");
        List<String> list = csv(platforms);
        check("advisoryPlatforms", platforms, () -> Policy.builder().advisoryPlatforms(list));
        this.advisoryPlatforms = new ArrayList<>(list);
        return policySet("advisoryPlatforms");
    }

    /**
     * Never plans these packages, like {@code --exclude}: shell-style masks, also written as the deployment's
     * exclude masks so that no dependency pulls them in.
     *
     * @param masks comma-separated, e.g. {@code kernel*,glibc*}, not null
     * @return this job
     * @throws IllegalArgumentException if a mask is invalid
     */
    public PatchwindowJob exclude(String masks) {
        Objects.requireNonNull(masks, "masks");
        List<String> list = csv(masks);
        check("exclude", masks, () -> Policy.builder().excludeList(list));
        this.excludes = new ArrayList<>(list);
        return policySet("exclude");
    }

    /** The advisory options of this job, as the command line reads them. */
    private AdvisoryOptions advisoryOptions() {
        AdvisoryOptions o = new AdvisoryOptions();
        if (advisories != null) {
            o.advisories(advisories);
        }
        if (securitySource != null) {
            o.securitySource(securitySource);
        }
        if (minSeverity != null) {
            o.minSeverity(minSeverity);
        }
        if (maxAdvisoryAge != null) {
            o.maxAdvisoryAge(maxAdvisoryAge);
        }
        if (advisoryPlatforms != null) {
            o.platforms(advisoryPlatforms);
        }
        if (excludes != null) {
            o.excludes(excludes);
        }
        return o;
    }

    // -------------------------------------------------------------------------------------- run settings

    /**
     * Plans as if now were this instant, like {@code --now} (default: the system clock).
     *
     * @param now an ISO-8601 instant, e.g. {@code 2026-11-25T10:17:00Z}, not null
     * @return this job
     * @throws IllegalArgumentException if the text is not an ISO-8601 instant
     */
    public PatchwindowJob now(String now) {
        Objects.requireNonNull(now, "now");
        this.clock = Clock.fixed(check("now", now, () -> OptionValues.instant("--now", now)), ZoneOffset.UTC);
        return this;
    }

    /**
     * Plans with a clock (default: the system clock).
     *
     * @param clock the clock, e.g. {@code Clock.fixed(instant, ZoneOffset.UTC)}, not null
     * @return this job
     */
    public PatchwindowJob clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Deletes pending deployments that are no longer planned, like {@code --prune} (default: kept).
     *
     * @param prune true to prune
     * @return this job
     */
    public PatchwindowJob prune(boolean prune) {
        this.prune = prune;
        return this;
    }

    /**
     * Sets how many writes {@link #apply()} runs at once, like {@code --concurrency} (default
     * {@value #DEFAULT_CONCURRENCY}).
     *
     * @param concurrency from 1 to {@value io.patchwindow.core.apply.Applier#MAX_CONCURRENCY}
     * @return this job
     * @throws IllegalArgumentException if out of range
     */
    public PatchwindowJob concurrency(int concurrency) {
        if (concurrency < 1 || concurrency > Applier.MAX_CONCURRENCY) {
            throw new IllegalArgumentException("Invalid PatchwindowJob.concurrency(" + concurrency + "): expected from 1 to "
                    + Applier.MAX_CONCURRENCY + ", e.g. " + DEFAULT_CONCURRENCY);
        }
        this.concurrency = concurrency;
        return this;
    }

    /**
     * Promotes between rings, like {@code --promote-from}: only package versions installed successfully in these
     * rings, at least {@link #soak} before the window, are installed, pinned as {@code name=version}; the others are
     * held back ({@code Plan.heldBack()}).
     *
     * @param environments the source rings, comma-separated, e.g. {@code Q,R}
     * @return this job
     */
    public PatchwindowJob promoteFrom(String environments) {
        promotion.promoteFrom(csv(Objects.requireNonNull(environments, "environments")));
        return this;
    }

    /**
     * Sets the soak time of {@link #promoteFrom}, like {@code --soak}.
     *
     * @param soak an ISO-8601 duration, e.g. {@code P3D}
     * @return this job
     */
    public PatchwindowJob soak(String soak) {
        promotion.soak(soak);
        return this;
    }

    /**
     * Sets the machines of the source rings a version needs, like {@code --min-successes} (default 1).
     *
     * @param n the number of machines, at least 1
     * @return this job
     */
    public PatchwindowJob minSuccesses(int n) {
        promotion.minSuccesses(n);
        return this;
    }

    /**
     * Sets the failure rate allowed in the source rings, like {@code --max-failure-rate} (default 0).
     *
     * @param rate a number from 0 to 1 as text, e.g. {@code 0.1}
     * @return this job
     */
    public PatchwindowJob maxFailureRate(String rate) {
        promotion.maxFailureRate(rate);
        return this;
    }

    /**
     * Sets the installation results promotion counts, instead of reading them from the source (e.g. from a
     * {@code Report.installations()} archived earlier, or a job with its own ports).
     *
     * @param history the results, not null
     * @return this job
     */
    public PatchwindowJob promotionHistory(List<io.patchwindow.core.report.InstalledPackage> history) {
        this.promotionHistory = List.copyOf(Objects.requireNonNull(history, "history"));
        return this;
    }

    // ------------------------------------------------------------------------------------------- results

    /**
     * Reads the sources and computes the plan. Writes nothing.
     *
     * @return the plan, not null
     * @throws IllegalArgumentException if the job is incomplete or a setting is invalid
     * @throws io.patchwindow.azure.snapshot.SnapshotException if the snapshot is missing, unreadable or malformed
     * @throws io.patchwindow.azure.AzureAdapterException if Azure refuses or fails
     */
    public Plan plan() {
        pinForPromotion();
        return plan(resolve());
    }

    /** Promotion installs exactly the proven versions: the target writes pinned masks. */
    private void pinForPromotion() {
        if (promotion.enabled()) {
            pinVersions = true;
        }
    }

    /**
     * Sets the range of {@link #report()}, like {@code --since} and {@code --until} (ISO-8601 instants; either
     * may be null: the default end is now, the default start the end minus 7 days).
     *
     * @param since the start, e.g. {@code 2026-11-16T00:00:00Z}, or null
     * @param until the end, or null
     * @return this job
     * @throws IllegalArgumentException if a value is not an ISO-8601 instant
     */
    public PatchwindowJob reportRange(@Nullable String since, @Nullable String until) {
        if (since != null) {
            check("reportRange", since, () -> OptionValues.instant("--since", since));
        }
        if (until != null) {
            check("reportRange", until, () -> OptionValues.instant("--until", until));
        }
        this.reportSince = since;
        this.reportUntil = until;
        return this;
    }

    /**
     * Reads the installation results of the managed deployments' windows that closed in the range
     * ({@link #reportRange}) and joins them with what was planned, like {@code patchwindow report}: from the
     * snapshot's {@code installations}, or from Azure (Update Manager: Resource Graph; Automation: the account's
     * runs, {@link #automationAccount} required). {@link Report#allInstalled()} is the exit code 0 case;
     * {@link io.patchwindow.azure.run.ReportRun#render} gives the text, JSON, JUnit or HTML form.
     *
     * @return the report, not null
     * @throws IllegalArgumentException if the job is incomplete or a setting is invalid
     * @throws io.patchwindow.azure.snapshot.SnapshotException if the snapshot is missing, unreadable or malformed
     * @throws io.patchwindow.azure.AzureAdapterException if Azure refuses or fails
     */
    public Report report() {
        requireAzureKept("report");
        if (snapshot != null && azure != null) {
            throw new IllegalArgumentException("Give one source: snapshot('" + snapshot + "') and azure(...) "
                    + "were both given");
        }
        SourceOptions source;
        io.patchwindow.azure.run.AzureConnector connector;
        if (snapshot != null) {
            source = new SourceOptions().snapshot(Path.of(snapshot));
            connector = options -> {
                throw new IllegalStateException("a snapshot job does not connect to Azure");
            };
        } else if (azure != null) {
            PatchwindowAzure connected = azure;
            source = new SourceOptions().azure(azureOptions());
            connector = options -> connected;
        } else {
            throw new IllegalArgumentException("No source for the report: give snapshot(file) or azure(credential, profile)");
        }
        java.time.Instant now = (clock == null ? Clock.systemUTC() : clock).instant();
        java.time.Instant to = reportUntil == null ? now : OptionValues.instant("--until", reportUntil);
        java.time.Instant from = reportSince == null ? to.minus(Duration.ofDays(7))
                : OptionValues.instant("--since", reportSince);
        String prefix = policy != null ? policy.namePrefix() : Policy.defaults().namePrefix();
        return io.patchwindow.azure.run.ReportRun.run(source, backendOptions(), connector, prefix, from, to, now).report();
    }

    /**
     * Computes the plan and returns the plan JSON document, byte for byte what
     * {@code patchwindow plan --output json} prints for the same inputs and options.
     *
     * @return the JSON text, ending with a newline, not null
     * @throws IllegalArgumentException if the job is incomplete or a setting is invalid
     * @throws io.patchwindow.azure.snapshot.SnapshotException if the snapshot is missing, unreadable or malformed
     * @throws io.patchwindow.azure.AzureAdapterException if Azure refuses or fails
     */
    public String planJson() {
        return PlanJson.toJson(plan());
    }

    /**
     * Computes the plan and applies its actions to the deployment target with bounded concurrency; one
     * failure never stops the others. Requires {@link #environments(String)} (or {@link #policy(Policy)}),
     * so that production is never written by accident.
     *
     * <p>The target is the one given with {@link #deploymentTarget}, else Azure's backend. A snapshot's
     * deployments are read-only: {@code snapshot(..).apply()} without {@link #deploymentTarget} is refused
     * before anything is read, as {@link #applyPlan(Plan)} and {@code patchwindow apply --snapshot} are.
     *
     * @return one result per action, not null
     * @throws IllegalArgumentException if the job is incomplete, a setting is invalid, no environment is
     *         selected, or there is no deployment target (checked before anything is read)
     * @throws io.patchwindow.azure.snapshot.SnapshotException if the snapshot is missing, unreadable or malformed
     * @throws io.patchwindow.azure.AzureAdapterException if Azure refuses or fails
     */
    public ApplyReport apply() {
        if (environments == null && policy == null) {
            throw new IllegalArgumentException("apply needs environments, e.g. environments('Q,R'): "
                    + "production is never written by accident");
        }
        requireAzureKept("apply");
        if (deploymentTarget == null && azure == null) {
            throw new IllegalArgumentException(snapshot != null
                    ? "apply needs a deployment target: snapshot(" + Quoting.quote(snapshot) + ") is read-only; give "
                            + "deploymentTarget(...) to write to a target of your own, or plan() to preview"
                    : "apply needs a deployment target: give deploymentTarget(...), or azure(...) with "
                            + "automationAccount(...) or backend('update-manager') and scheduleResourceGroup(...)");
        }
        if (azure != null && deploymentTarget == null) {
            Backends.requireLocation(azureOptions(), backendOptions(), "apply");
        }
        pinForPromotion();
        Sources s = resolve();
        if (s.target == NO_TARGET) {
            throw new IllegalArgumentException("apply needs a deployment target: give deploymentTarget(...), or "
                    + "azure(...) with automationAccount(...) or backend('update-manager') and scheduleResourceGroup(...)");
        }
        Plan plan = plan(s);
        DeploymentTarget target = s.target;
        List<DeploymentAction> actions = plan.actions();
        if (s.azure != null && deploymentTarget == null) {
            target = s.azure.target();
            actions = s.azure.actionsToApply(actions);
        }
        return Applier.of(target, concurrency).apply(actions);
    }

    /**
     * Applies the actions of a plan computed earlier (e.g. reviewed and archived) to the deployment target
     * given with {@link #deploymentTarget}, without planning again.
     *
     * @param plan the plan, not null
     * @return one result per action, not null
     * @throws IllegalArgumentException if no deployment target was given
     */
    public ApplyReport applyPlan(Plan plan) {
        Objects.requireNonNull(plan, "plan");
        if (deploymentTarget == null) {
            throw new IllegalArgumentException("applyPlan needs a deployment target: give deploymentTarget(...)");
        }
        return Applier.of(deploymentTarget, concurrency).apply(plan.actions());
    }

    // ------------------------------------------------------------------------------------------ internal

    private Plan plan(Sources s) {
        Policy p = toPolicy(s.defaultMaxAssessmentAge);
        if (policy == null) {
            p = advisoryOptions().apply(backendOptions().shape(p, grouping != null));
        }
        Clock c = clock == null ? Clock.systemUTC() : clock;
        if (s.azure != null) {
            s.azure.prepare(p, c);
        }
        // With policy(Policy), advisories(...) still gives the data; the policy decides how they count.
        Planner planner = advisoryOptions().planner(Planner.of(p).withPrune(prune));
        io.patchwindow.core.promotion.PromotionPolicy promote = promotion.toPolicy();
        if (promote != null) {
            planner = planner.withPromotion(promote, List.of()); // checks the rings before reading
            planner = planner.withPromotion(promote, promotionHistory != null ? promotionHistory : history(s, p, promote, c));
        }
        return planner.plan(s.inventory, s.assessments, s.target, c);
    }

    /** The promotion history from the job's source: the snapshot's installations, or Azure's. */
    private List<io.patchwindow.core.report.InstalledPackage> history(Sources s, Policy p,
                                                                      io.patchwindow.core.promotion.PromotionPolicy promote,
                                                                      Clock c) {
        SourceOptions source;
        PlanSources sources;
        if (snapshot != null) {
            source = new SourceOptions().snapshot(Path.of(snapshot));
            sources = source.open();
        } else if (s.azure != null) {
            source = new SourceOptions().azure(azureOptions());
            sources = s.azure;
        } else {
            throw new IllegalArgumentException("promoteFrom needs a history: give snapshot(file), azure(...) or "
                    + "promotionHistory(results)");
        }
        return io.patchwindow.azure.run.PromotionOptions.history(sources, source, backendOptions(), p, promote, c.instant());
    }

    private AzureOptions azureOptions() {
        AzureOptions ao = new AzureOptions();
        if (subscriptions != null) {
            ao.subscriptions(subscriptions);
        }
        if (inventoryKind != null) {
            ao.inventory(inventoryKind);
        }
        if (assessmentKind != null) {
            ao.assessment(assessmentKind);
        }
        if (workspaceId != null) {
            ao.workspaceId(workspaceId);
        }
        if (automationAccount != null) {
            ao.automationAccount(automationAccount);
        }
        return ao;
    }

    private Policy toPolicy(Duration defaultMaxAssessmentAge) {
        if (policy != null) {
            List<String> conflicts = new ArrayList<>(policySetters);
            conflicts.addAll(grammarSetters);
            if (environments != null) {
                conflicts.add("environments");
            }
            if (grammar != null) {
                conflicts.add("grammar");
            }
            if (!conflicts.isEmpty()) {
                throw new IllegalArgumentException("policy(Policy) replaces every policy setting; do not combine "
                        + "it with " + conflicts + " (set them on the Policy.builder() instead)");
            }
            return policy;
        }
        if (grammar != null && !grammarSetters.isEmpty()) {
            throw new IllegalArgumentException("grammar(TagGrammar) replaces the grammar settings; do not combine "
                    + "it with " + grammarSetters + " (set them on the TagGrammar.builder() instead)");
        }
        Policy p = policyOptions().toPolicy(defaultMaxAssessmentAge);
        if (grammar == null && environments == null) {
            return p;
        }
        Policy.Builder b = p.toBuilder();
        if (grammar != null) {
            b.grammar(grammar);
            if (environments == null) {
                b.environmentList(grammar.environments());
            }
        }
        if (environments != null) {
            List<String> envs = csv(environments);
            if (envs.isEmpty()) {
                throw new IllegalArgumentException("Invalid environments " + Quoting.quote(environments)
                        + ": select at least one, e.g. Q,R");
            }
            b.environmentList(envs);
        }
        return b.build();
    }

    private Sources resolve() {
        requireAzureKept("plan");
        MachineInventory inventory = null;
        AssessmentSource assessments = null;
        DeploymentTarget target = NO_TARGET;
        AzureSources azureSources = null;
        Duration defaultAge = Policy.defaults().maxAssessmentAge();
        if (snapshot != null) {
            SourceOptions so = new SourceOptions().snapshot(Path.of(snapshot));
            if (assessmentKind != null) {
                so.azure(new AzureOptions().assessment(assessmentKind));
            }
            PlanSources s = so.open();
            inventory = s.inventory();
            assessments = s.assessments();
            target = s.deployments();
            defaultAge = s.defaultMaxAssessmentAge();
        } else if (azure != null) {
            PatchwindowAzure connected = azure;
            azureSources = AzureSources.open(azureOptions(), options -> connected, backendOptions());
            inventory = azureSources.inventory();
            assessments = azureSources.assessments();
            target = azureSources.deployments();
            defaultAge = azureSources.defaultMaxAssessmentAge();
        }
        if (machineInventory != null) {
            inventory = machineInventory;
        }
        if (assessmentSource != null) {
            assessments = assessmentSource;
        }
        if (deploymentTarget != null) {
            target = deploymentTarget;
        }
        if (inventory == null || assessments == null) {
            throw new IllegalArgumentException("No source: give snapshot(file), azure(credential, profile), "
                    + "or both machineInventory(...) and assessmentSource(...)");
        }
        return new Sources(inventory, assessments, target, defaultAge, azureSources);
    }

    private PatchwindowJob policySet(String name) {
        if (!policySetters.contains(name)) {
            policySetters.add(name);
        }
        return this;
    }

    private PatchwindowJob grammarSet(String name) {
        if (!grammarSetters.contains(name)) {
            grammarSetters.add(name);
        }
        return this;
    }

    private PolicyOptions policyOptions() {
        PolicyOptions o = new PolicyOptions();
        if (timeZone != null) {
            o.window().timeZone(timeZone);
        }
        if (leadTime != null) {
            o.window().leadTime(leadTime);
        }
        if (duration != null) {
            o.duration(duration);
        }
        if (reboot != null) {
            o.reboot(reboot);
        }
        if (classifications != null) {
            o.classifications(classifications);
        }
        if (maxAssessmentAge != null) {
            o.maxAssessmentAge(maxAssessmentAge);
        }
        if (namePrefix != null) {
            o.namePrefix(namePrefix);
        }
        if (os != null) {
            o.os(os);
        }
        if (grouping != null) {
            o.grouping(grouping);
        }
        if (tagName != null) {
            o.grammar().tagName(tagName);
        }
        if (prefixes != null) {
            o.grammar().prefixes(prefixes);
        }
        if (hours != null) {
            o.grammar().hours(hours);
        }
        o.grammar().tolerant(tolerant);
        return o;
    }

    /** Builds a policy with one setting, to check that setting by the command line's rules. */
    private static void trial(Consumer<PolicyOptions> setting) {
        PolicyOptions o = new PolicyOptions();
        setting.accept(o);
        o.toPolicy(CHECK_AGE);
    }

    private BackendOptions backendOptions() {
        BackendOptions b = new BackendOptions();
        if (backendKind != null) {
            b.backend(backendKind);
        }
        if (scheduleResourceGroup != null) {
            b.scheduleResourceGroup(scheduleResourceGroup);
        }
        if (scheduleLocation != null) {
            b.scheduleLocation(scheduleLocation);
        }
        return b.fixPatchMode(fixPatchMode).pinVersions(pinVersions);
    }

    /** The Azure source settings given, by method name (refused with a snapshot). */
    private List<String> azureSourceSettings() {
        List<String> given = new ArrayList<>();
        if (subscriptions != null) {
            given.add("subscriptions");
        }
        if (inventoryKind != null) {
            given.add("inventory");
        }
        if (workspaceId != null) {
            given.add("workspaceId");
        }
        return given;
    }

    private void requireNoSnapshot(String method, String value) {
        if (snapshot != null) {
            throw refused(method, value, "applies to azure(...) sources only; this job reads snapshot("
                    + Quoting.quote(snapshot) + ") offline");
        }
    }

    private void requireAzureKept(String what) {
        if (azureLost) {
            throw new IllegalStateException(what + " needs azure(...) again: this job was serialized (e.g. held "
                    + "across a Jenkins pipeline step), and the Azure entry point (HTTP clients, credential) is not kept");
        }
    }

    private static void requireOneOf(String method, String value, String... accepted) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        for (String a : accepted) {
            if (a.equals(v)) {
                return;
            }
        }
        throw refused(method, value, "expected " + String.join(" or ", accepted));
    }

    /**
     * Runs the check of one setter's value (the command line's own rule); a refusal names the Java method,
     * quotes the value and keeps the rule and the accepted values of the check's message.
     */
    private static <T> T check(String method, String value, Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            IllegalArgumentException refused = refused(method, value, reason(e.getMessage(), value));
            refused.initCause(e);
            throw refused;
        }
    }

    private static void check(String method, String value, Runnable check) {
        check(method, value, () -> {
            check.run();
            return value;
        });
    }

    /**
     * The rule of a check's message: {@code Invalid --duration '2h': expected ...} and
     * {@code Invalid reboot setting 'sometimes': expected ...} give what follows the quoted value (the
     * option's or field's name is replaced by the method's); any other message is kept whole.
     */
    static String reason(@Nullable String message, String value) {
        if (message == null) {
            return "refused";
        }
        String quoted = " " + Quoting.quote(value) + ": ";
        int at = message.indexOf(quoted);
        return message.startsWith("Invalid ") && at >= 0 ? message.substring(at + quoted.length()) : message;
    }

    private static IllegalArgumentException refused(String method, String value, String reason) {
        return new IllegalArgumentException("Invalid PatchwindowJob." + method + "(" + Quoting.quote(value) + "): "
                + reason);
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeBoolean(azure != null || azureLost);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        // the Azure entry point is transient: refuse to run (rather than run without a source) until it is given again
        azureLost = in.readBoolean();
    }

    static List<String> csv(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    /** No existing deployments, and no writes: a job without any deployment target. */
    private static final DeploymentTarget NO_TARGET = new DeploymentTarget() {
        @Override
        public List<ExistingDeployment> existing(String namePrefix) {
            return List.of();
        }

        @Override
        public ActionResult apply(DeploymentAction action) {
            return ActionResult.failed(action, "NoDeploymentTarget", "no deployment target is configured");
        }
    };

    private static final class Sources {
        final MachineInventory inventory;
        final AssessmentSource assessments;
        final DeploymentTarget target;
        final Duration defaultMaxAssessmentAge;
        final @Nullable AzureSources azure;

        Sources(MachineInventory inventory, AssessmentSource assessments, DeploymentTarget target,
                Duration defaultMaxAssessmentAge, @Nullable AzureSources azure) {
            this.inventory = inventory;
            this.assessments = assessments;
            this.target = target;
            this.defaultMaxAssessmentAge = defaultMaxAssessmentAge;
            this.azure = azure;
        }
    }
}
