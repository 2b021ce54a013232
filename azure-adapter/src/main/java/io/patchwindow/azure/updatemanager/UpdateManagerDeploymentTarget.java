package io.patchwindow.azure.updatemanager;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.patchwindow.azure.AzureAdapterException;
import io.patchwindow.azure.PatchwindowAzure;
import io.patchwindow.azure.internal.Arm;
import io.patchwindow.azure.internal.ArmJson;
import io.patchwindow.azure.internal.GraphPager;
import io.patchwindow.core.apply.Applier;
import io.patchwindow.core.apply.BoundedWork;
import io.patchwindow.core.deployment.ActionKind;
import io.patchwindow.core.deployment.ActionResult;
import io.patchwindow.core.deployment.ApplyReport;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.deployment.DeploymentAction;
import io.patchwindow.core.deployment.ExistingDeployment;
import io.patchwindow.core.deployment.NameForms;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.inventory.MachineKind;
import io.patchwindow.core.inventory.ResourceId;
import io.patchwindow.core.plan.DeploymentNames;
import io.patchwindow.core.plan.PlatformMasks;
import io.patchwindow.core.plan.Policy;
import io.patchwindow.core.port.DeploymentTarget;
import io.patchwindow.core.schedule.WeeklySlot;
import io.patchwindow.core.text.AsciiCase;
import io.patchwindow.core.text.Quoting;

/**
 * The current backend: Azure Update Manager, one maintenance configuration per window-group deployment
 * (core {@code Grouping.PER_WINDOW}, sharded by core above {@value #MAX_ASSIGNMENTS} machines) plus one
 * configuration assignment per planned Azure VM or Arc server (docs/backends.md), Maintenance api-version
 * {@value #API_VERSION}, through the {@link PatchwindowAzure} pipeline.
 *
 * <pre>{@code
 * Policy policy = Policy.builder().environments("Q", "R").grouping(Grouping.PER_WINDOW).maxGroupSize(3000)
 *         .requireUserSchedulePatchMode(true).build();
 * UpdateManagerDeploymentTarget target = UpdateManagerDeploymentTarget.builder(azure,
 *                 "/subscriptions/<guid>/resourceGroups/rg-patch-schedules", clock)
 *         .policy(policy)                     // checks the duration (01:30..03:55), takes the lead time
 *         .machines(inventory.machines())     // locations, patch settings, subscriptions to read
 *         .build();
 * Plan plan = Planner.of(policy).plan(inventory, assessments, target, clock);
 * ApplyReport report = Applier.of(target, 8).apply(target.releaseUnplannedGroups(plan.actions()));
 * ApplyReport cleaned = target.cleanup("pw-", 8);
 * }</pre>
 *
 * <h2>What is written</h2>
 * A configuration ({@code {group}/providers/Microsoft.Maintenance/maintenanceConfigurations/{name}}): location
 * of the schedule resource group unless {@link Builder#location(String)} says otherwise, tags
 * {@code managed-by: patchwindow}, {@code patchwindow-time-zone: <IANA id>} (the Windows name alone does not
 * say which IANA zone was planned) and {@code patchwindow-environment: <env>} (the environment its name carries), {@code maintenanceScope: InGuestPatch},
 * {@code extensionProperties.InGuestPatchMode: User}, {@code maintenanceWindow} ({@code startDateTime} =
 * the planned window start as local {@code yyyy-MM-dd HH:mm}, {@code duration} {@code HH:mm},
 * {@code timeZone} = the Windows name (ICU4J/CLDR), {@code recurEvery} {@code Week <Weekday>},
 * {@code expirationDateTime} {@code 9999-12-31 00:00} as in the API examples: the schedule recurs weekly and
 * patchwindow rewrites only what changes), {@code installPatches.rebootSetting} and
 * {@code installPatches.linuxParameters.packageNameMasksToExclude} = the policy's exclude masks (only when there
 * are any), {@code installPatches.linuxParameters.packageNameMasksToInclude} = the group's packages (or
 * {@code name=version} masks), never {@code classificationsToInclude}. An assignment
 * ({@code {machineId}/providers/Microsoft.Maintenance/configurationAssignments/{name}}) per machine,
 * with {@code maintenanceConfigurationId} and the machine's location.
 *
 * <h2>Start, DST</h2>
 * A configuration is recurring, so {@link #existing} reports as its start the next occurrence of its weekly
 * slot (weekday of {@code startDateTime}, its local time, its zone) at or after both
 * {@code now + leadTime} and {@code startDateTime}, exactly as the planner computes windows: an unchanged
 * group reconciles as KEEP every week (zero writes). A window in a spring-forward gap is written at its shifted
 * local time (e.g. {@code 2027-03-28 03:30} for 02:30 in Paris) and is rewritten to the slot's own time by the
 * following week's apply (one write). In an autumn overlap the local time is written; which of the two
 * instants the service picks is the service's (Windows time-zone rules) and cannot be expressed in this API.
 *
 * <h2>Regions</h2>
 * Machines of every region and subscription are assigned to the configurations of the one schedule resource
 * group; window groups are not split per region. Evidence: the Maintenance 2023-04-01 API's own example of a
 * subscription-level (dynamic scope) assignment
 * ({@code ConfigurationAssignmentsForSubscriptions_CreateOrUpdate.json}) targets machines in several regions
 * ({@code "locations": ["Japan East", "UK South"]}) with one configuration, and the documented limit of 250
 * configurations is "per subscription per region" of the configurations themselves. No official sentence
 * stating it for per-machine assignments was found; if Azure refused an assignment for this reason the
 * refusal would be reported per machine with its ARM code.
 *
 * <h2>Reading assignments</h2>
 * Assignments are read with one Resource Graph query on the {@code maintenanceresources} table
 * ({@link #ASSIGNMENT_QUERY}), paged by {@code $skipToken} over the subscriptions of the known machines (or
 * every visible subscription). The alternatives do not page or do not scale: the Maintenance API has no
 * "assignments of a configuration" list; {@code ConfigurationAssignmentsWithinSubscription_List} declares
 * no next link (one unpaged answer per subscription) and the per-machine list costs one request per machine.
 * Resource Graph can lag behind writes by seconds: a read right after a write may miss a new assignment (it is
 * then re-{@code PUT}, which is idempotent) or still show a removed one (its {@code DELETE} answers 204);
 * never a duplicate, since an assignment's name is its configuration's name.
 *
 * <p>Thread-safe.
 */
public final class UpdateManagerDeploymentTarget implements DeploymentTarget {
    private static final Logger LOG = LoggerFactory.getLogger(UpdateManagerDeploymentTarget.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT);
    private static final Pattern RESOURCE_GROUP = Pattern.compile(
            "/subscriptions/([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})"
                    + "/resource[Gg]roups/([-\\w._()]{0,89}[-\\w_()])", Pattern.CASE_INSENSITIVE);
    private static final Pattern LOCATION = Pattern.compile("[a-z0-9]{2,40}");
    private static final Pattern HHMM = Pattern.compile("(\\d{1,2}):(\\d{2})");
    private static final Pattern WEEKLY = Pattern.compile("(?:1)?Weeks? ([A-Za-z]+)");

    /** The Maintenance API version. */
    public static final String API_VERSION = "2023-04-01";
    /** The Compute API version of the patch-mode fix. */
    public static final String COMPUTE_API_VERSION = "2024-03-01";
    /** The Resources API version used to read the schedule resource group's location. */
    public static final String RESOURCES_API_VERSION = "2021-04-01";
    /** The most assignments one configuration takes. */
    public static final int MAX_ASSIGNMENTS = 3000;
    /** The shortest InGuestPatch window. */
    public static final Duration MIN_DURATION = Duration.ofMinutes(90);
    /** The longest InGuestPatch window. */
    public static final Duration MAX_DURATION = Duration.ofMinutes(235);
    /** The tag that marks patchwindow's configurations. */
    public static final String MANAGED_TAG = "managed-by";
    /** The value of {@link #MANAGED_TAG}. */
    public static final String MANAGED_VALUE = "patchwindow";
    /** The tag holding the planned IANA time zone. */
    public static final String ZONE_TAG = "patchwindow-time-zone";
    /** The tag holding the environment a configuration was made for (its name carries it too). */
    public static final String ENVIRONMENT_TAG = "patchwindow-environment";
    /** The expiration written, as in the API examples. */
    public static final String EXPIRATION = "9999-12-31 00:00";
    /** The Resource Graph query that lists configuration assignments (a constant: no user text). */
    public static final String ASSIGNMENT_QUERY = "maintenanceresources\n"
            + "| where type =~ 'microsoft.maintenance/configurationassignments'\n"
            + "| project id, name, type, properties\n"
            + "| order by id asc";

    private final PatchwindowAzure azure;
    private final ArmJson arm;
    private final String endpoint;
    private final String groupId;
    private final String subscriptionId;
    private final @Nullable String givenLocation;
    private final Clock clock;
    private final Duration leadTime;
    private final boolean pinVersions;
    private final boolean fixPatchMode;
    private final int assignmentConcurrency;
    private final String namePrefix;
    private final Map<String, Machine> machinesById = new HashMap<>();
    private final Set<String> patchModeFixed = ConcurrentHashMap.newKeySet();
    private volatile @Nullable String resolvedLocation;

    private UpdateManagerDeploymentTarget(Builder b) {
        this.azure = b.azure;
        this.arm = new ArmJson(b.azure.httpPipeline());
        this.endpoint = Arm.endpoint(b.azure.profile());
        this.groupId = b.groupId;
        this.subscriptionId = b.subscriptionId;
        this.givenLocation = b.location;
        this.clock = b.clock;
        this.leadTime = b.leadTime;
        this.pinVersions = b.pinVersions;
        this.fixPatchMode = b.fixPatchMode;
        this.assignmentConcurrency = b.assignmentConcurrency;
        this.namePrefix = b.namePrefix;
        for (Machine m : b.machines) {
            machinesById.put(m.key(), m);
        }
    }

    /**
     * Starts a builder.
     *
     * @param azure the entry point whose pipeline is used, not null
     * @param scheduleResourceGroupId the resource group of the configurations,
     *        {@code /subscriptions/<guid>/resourceGroups/<name>}
     * @param clock gives now (the start of recurring configurations is their next occurrence), not null
     * @return a builder, not null
     * @throws IllegalArgumentException if the id is not a resource group id
     */
    public static Builder builder(PatchwindowAzure azure, String scheduleResourceGroupId, Clock clock) {
        Objects.requireNonNull(azure, "azure");
        Objects.requireNonNull(scheduleResourceGroupId, "scheduleResourceGroupId");
        Objects.requireNonNull(clock, "clock");
        String group = checkScheduleResourceGroup(scheduleResourceGroupId);
        return new Builder(azure, group, group.split("/")[2], clock);
    }

    /**
     * Validates a schedule resource group id (before anything is sent), e.g.
     * {@code /subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-patch-schedules}.
     *
     * @param scheduleResourceGroupId the id, not null
     * @return the id with a lower-case subscription and no trailing slash, not null
     * @throws IllegalArgumentException if it is not a resource group id (GUID subscription; a name of letters,
     *         digits, {@code -_.()} that does not end with a period)
     */
    public static String checkScheduleResourceGroup(String scheduleResourceGroupId) {
        Objects.requireNonNull(scheduleResourceGroupId, "scheduleResourceGroupId");
        String id = scheduleResourceGroupId.endsWith("/")
                ? scheduleResourceGroupId.substring(0, scheduleResourceGroupId.length() - 1) : scheduleResourceGroupId;
        Matcher m = RESOURCE_GROUP.matcher(id);
        if (!m.matches()) {
            throw new IllegalArgumentException("Invalid schedule resource group " + Quoting.quote(scheduleResourceGroupId)
                    + ": expected /subscriptions/<GUID>/resourceGroups/<name>");
        }
        return "/subscriptions/" + m.group(1).toLowerCase(Locale.ROOT) + "/resourceGroups/" + m.group(2);
    }

    /**
     * Validates an Azure region name (before anything is sent), e.g. {@code westeurope} or {@code West Europe}.
     *
     * @param location the name, not null
     * @return the normalised name (lower case, no spaces), not null
     * @throws IllegalArgumentException if it is not a region name
     */
    public static String checkLocation(String location) {
        Objects.requireNonNull(location, "location");
        String l = location.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        if (!LOCATION.matcher(l).matches()) {
            throw new IllegalArgumentException("Invalid location " + Quoting.quote(location)
                    + ": expected an Azure region name such as westeurope");
        }
        return l;
    }

    /**
     * Checks that a window length is accepted by Update Manager: from 01:30 to 03:55.
     *
     * @param duration the policy duration, e.g. {@code PT2H}
     * @return the duration, not null
     * @throws IllegalArgumentException if it is outside 01:30..03:55
     */
    public static Duration checkDuration(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0
                || duration.toSecondsPart() != 0) {
            throw new IllegalArgumentException("Invalid duration '" + duration + "' for Update Manager: a maintenance "
                    + "window (InGuestPatch) lasts from 01:30 to 03:55 in whole minutes (PT1H30M to PT3H55M), e.g. PT2H");
        }
        return duration;
    }

    /**
     * Returns the schedule resource group id.
     *
     * @return {@code /subscriptions/<guid>/resourceGroups/<name>}, not null
     */
    public String scheduleResourceGroupId() {
        return groupId;
    }

    /**
     * Returns the location of the configurations: the one given, else the resource group's (read once).
     *
     * @return e.g. {@code westeurope}, not null
     * @throws AzureAdapterException if the resource group cannot be read
     */
    public String location() {
        String l = givenLocation != null ? givenLocation : resolvedLocation;
        if (l == null) {
            synchronized (this) {
                if (resolvedLocation == null) {
                    JsonNode rg;
                    try {
                        rg = arm.get(endpoint + groupId + "?api-version=" + RESOURCES_API_VERSION);
                    } catch (RuntimeException e) {
                        throw AzureAdapterException.wrap("Reading resource group " + groupId, e);
                    }
                    String loc = rg.path("location").asText("");
                    if (loc.isEmpty()) {
                        throw new AzureAdapterException("Resource group " + groupId + " has no location",
                                "NoLocation", 200, null);
                    }
                    resolvedLocation = loc;
                }
                l = resolvedLocation;
            }
        }
        return l;
    }

    /**
     * Lists patchwindow's configurations in the schedule resource group (name with the prefix and tag
     * {@code managed-by: patchwindow}; every page) with their assigned machines (Resource Graph).
     *
     * @param namePrefix the prefix, e.g. {@code pw-}
     * @return the deployments, sorted by name, not null
     * @throws AzureAdapterException if Azure refuses or fails
     */
    @Override
    public List<ExistingDeployment> existing(String namePrefix) {
        Objects.requireNonNull(namePrefix, "namePrefix");
        Map<String, JsonNode> configs = new TreeMap<>();
        try {
            for (JsonNode c : arm.list(collectionUrl())) {
                String name = c.path("name").asText("");
                if (name.startsWith(namePrefix) && Arm.isDeploymentName(name) && managed(c)) {
                    configs.put(AsciiCase.lower(configId(name)), c);
                }
            }
        } catch (RuntimeException e) {
            throw AzureAdapterException.wrap("Listing maintenance configurations of " + groupId, e);
        }
        if (configs.isEmpty()) {
            return new ArrayList<>();
        }
        Map<String, List<String>> assigned = assignments(configs.keySet());
        Instant notBefore = clock.instant().plus(leadTime);
        List<ExistingDeployment> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : configs.entrySet()) {
            try {
                out.add(fromJson(e.getValue(), assigned.getOrDefault(e.getKey(), List.of()), notBefore));
            } catch (DateTimeException | IllegalArgumentException ex) {
                // unreadable content (e.g. a duration of 00:00): left out, so that a planned deployment of that name
                // is rewritten and an unplanned one is never deleted on the strength of a guess; the others are read
                LOG.warn("Ignoring maintenance configuration {}: unreadable answer: {}",
                        e.getValue().path("name").asText(), Quoting.escape(String.valueOf(ex.getMessage())));
            }
        }
        out.sort(Comparator.comparing(ExistingDeployment::name));
        return out;
    }

    /**
     * Writes one action. CREATE: {@code PUT} the configuration, then an assignment per machine. UPDATE:
     * {@code PUT} the configuration only if its fields differ from {@code action.existing()}, then add and
     * remove only the assignments that differ. DELETE: delete the assignments, then the configuration (kept
     * when an assignment could not be deleted). Assignment writes run with bounded concurrency; one failing
     * machine never stops the others, and the result is FAILED with every failing machine's id and ARM code.
     * With {@link Builder#fixPatchMode(boolean)}, Azure VMs not ready for user schedules are first
     * {@code PATCH}ed.
     *
     * @param action the action, not null
     * @return the result, not null
     * @throws IllegalArgumentException if the deployment's duration is outside 01:30..03:55 or its zone has no
     *         Windows name (a caller error; {@link Applier} reports it as FAILED)
     */
    @Override
    public ActionResult apply(DeploymentAction action) {
        Objects.requireNonNull(action, "action");
        if (action.kind() == ActionKind.KEEP) {
            return ActionResult.ok(action);
        }
        String name = action.name();
        if (!Arm.isDeploymentName(name)) {
            return ActionResult.failed(action, "InvalidDeployment", "Invalid deployment name " + Quoting.quote(name)
                    + ": expected 1 to 64 characters of [A-Za-z0-9-_]");
        }
        List<String> failures = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        try {
            Deployment d = action.deployment();
            ExistingDeployment existing = action.existing();
            if (action.kind() == ActionKind.DELETE) {
                List<String> assignedNow = existing != null ? existing.deployment().machineIds() : d.machineIds();
                assignmentWrites(name, List.of(), assignedNow, failures, codes);
                if (failures.isEmpty()) {
                    ArmJson.Answer a = arm.send(HttpMethod.DELETE, configUrl(name), null);
                    if (!a.ok() && a.status() != 404) {
                        return ActionResult.failed(action, a.errorCode(), "deleting configuration " + name + ": "
                                + a.errorMessage());
                    }
                }
                return result(action, failures, codes, assignedNow.size());
            }
            checkDuration(d.duration());
            if (d.machineIds().size() > MAX_ASSIGNMENTS) {
                return ActionResult.failed(action, "TooManyMachines", "deployment " + Quoting.quote(name) + " has "
                        + d.machineIds().size() + " machines; a maintenance configuration takes at most "
                        + MAX_ASSIGNMENTS + " assignments (use Policy.maxGroupSize)");
            }
            boolean create = action.kind() == ActionKind.CREATE || existing == null;
            java.util.Optional<String> unsafe = PlatformMasks.writeProblem(d, pinVersions);
            if (unsafe.isPresent()) {
                return ActionResult.failed(action, "InvalidPackageMask", unsafe.get());
            }
            if (create || configDiffers(d, existing)) {
                ArmJson.Answer a = arm.send(HttpMethod.PUT, configUrl(name), configurationBody(d));
                if (!a.ok()) {
                    return ActionResult.failed(action, a.errorCode(), "writing configuration " + name + ": "
                            + a.errorMessage());
                }
            }
            List<String> add = new ArrayList<>(d.machineIds());
            List<String> remove = new ArrayList<>();
            if (!create) {
                Set<String> have = lowerSet(existing.deployment().machineIds());
                Set<String> want = lowerSet(d.machineIds());
                add.removeIf(id -> have.contains(ResourceId.key(id)));
                for (String id : existing.deployment().machineIds()) {
                    if (!want.contains(ResourceId.key(id))) {
                        remove.add(id);
                    }
                }
            }
            assignmentWrites(name, add, remove, failures, codes);
            return result(action, failures, codes, add.size() + remove.size());
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            AzureAdapterException w = AzureAdapterException.wrap("Writing maintenance configuration " + name, e);
            return ActionResult.failed(action, w.errorCode() == null ? "ConnectionFailed" : w.errorCode(),
                    w.getMessage());
        }
    }

    /**
     * Turns the KEEP actions of window groups that are no longer planned (pending, kept because pruning is off)
     * into UPDATEs with no machines, so that their assignments are removed while the configuration stays
     * (docs/backends.md: "a group with no planned machine keeps no assignment"; the configuration goes with
     * {@code --prune} or {@link #cleanup}). Every other action is returned as it is, and so is a KEEP of a
     * configuration whose environment the reconcile could not tell: only the environments of a run are written,
     * and a scoped reconcile ({@code Planner}) gives no action at all for the configurations of other environments.
     *
     * @param actions the reconciled actions, not null
     * @return the actions to apply, same order, not null
     */
    public List<DeploymentAction> releaseUnplannedGroups(List<DeploymentAction> actions) {
        Objects.requireNonNull(actions, "actions");
        List<DeploymentAction> out = new ArrayList<>(actions.size());
        for (DeploymentAction a : actions) {
            ExistingDeployment e = a.existing();
            // the Reconciler keeps an unplanned pending deployment as KEEP of the existing deployment itself
            if (a.kind() == ActionKind.KEEP && e != null && a.deployment() == e.deployment() && e.environment() != null
                    && !e.deployment().machineIds().isEmpty()) {
                Deployment x = e.deployment();
                Deployment empty = new Deployment(x.name(), List.of(), x.start(), x.timeZone(), x.duration(),
                        x.reboot(), x.packages(), x.versions()).withExcludes(x.excludes());
                out.add(new DeploymentAction(ActionKind.UPDATE, empty, e,
                        "no longer planned: assignments removed (configuration kept; delete with --prune or cleanup)"));
            } else {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * Lists patchwindow's configurations that have no assignment as DELETE actions (name with the prefix and
     * tag {@code managed-by: patchwindow}; nothing else is ever selected).
     *
     * @param namePrefix the prefix, e.g. {@code pw-}; must not be empty
     * @return the DELETE actions, sorted by name, not null
     * @throws IllegalArgumentException if the prefix is empty or invalid
     * @throws AzureAdapterException if Azure refuses or fails
     */
    public List<DeploymentAction> cleanupActions(String namePrefix) {
        DeploymentNames.checkPrefix(namePrefix);
        if (namePrefix.isEmpty()) {
            throw new IllegalArgumentException("Invalid name prefix '': cleanup needs a prefix, e.g. 'pw-'");
        }
        List<DeploymentAction> out = new ArrayList<>();
        for (ExistingDeployment e : existing(namePrefix)) {
            if (e.managed() && e.deployment().machineIds().isEmpty()) {
                out.add(new DeploymentAction(ActionKind.DELETE, e.deployment(), e, "no assignment"));
            }
        }
        return out;
    }

    /**
     * Deletes patchwindow's configurations that have no assignment ({@link #cleanupActions}).
     *
     * @param namePrefix the prefix, e.g. {@code pw-}
     * @param concurrency concurrent deletes, 1 to {@value Applier#MAX_CONCURRENCY}
     * @return one result per deleted configuration, not null
     * @throws IllegalArgumentException if the prefix is empty or the concurrency out of range
     * @throws AzureAdapterException if listing fails
     */
    public ApplyReport cleanup(String namePrefix, int concurrency) {
        Applier applier = Applier.of(this, concurrency);
        return applier.apply(cleanupActions(namePrefix));
    }

    /**
     * Builds the configuration body of a deployment (visible for contract tests).
     *
     * @param d the deployment
     * @return the body
     * @throws IllegalArgumentException if the duration or zone cannot be expressed
     */
    ObjectNode configurationBody(Deployment d) {
        checkDuration(d.duration());
        ObjectNode root = JSON.createObjectNode();
        root.put("location", location());
        ObjectNode tags = root.putObject("tags");
        tags.put(MANAGED_TAG, MANAGED_VALUE);
        tags.put(ZONE_TAG, d.timeZone().getId());
        NameForms.environmentOf(namePrefix, d.name()).ifPresent(env -> tags.put(ENVIRONMENT_TAG, env));
        ObjectNode p = root.putObject("properties");
        p.put("namespace", "Microsoft.Maintenance");
        p.putObject("extensionProperties").put("InGuestPatchMode", "User");
        p.put("maintenanceScope", "InGuestPatch");
        p.put("visibility", "Custom");
        ObjectNode w = p.putObject("maintenanceWindow");
        ZonedDateTime start = d.start().withZoneSameInstant(d.timeZone());
        w.put("startDateTime", LOCAL.format(start.toLocalDateTime()));
        w.put("expirationDateTime", EXPIRATION);
        w.put("duration", String.format(Locale.ROOT, "%02d:%02d", d.duration().toHours(), d.duration().toMinutesPart()));
        w.put("timeZone", WindowsZones.windowsName(d.timeZone()));
        w.put("recurEvery", "Week " + start.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        ObjectNode ip = p.putObject("installPatches");
        ip.put("rebootSetting", d.reboot().apiName());
        ObjectNode linuxParameters = ip.putObject("linuxParameters");
        ArrayNode masks = linuxParameters.putArray("packageNameMasksToInclude");
        d.packageMasks(pinVersions).forEach(masks::add);
        if (!d.excludes().isEmpty()) {
            // So that no dependency pulls an excluded package in (absent when nothing is excluded, as before).
            ArrayNode excluded = linuxParameters.putArray("packageNameMasksToExclude");
            d.excludes().forEach(excluded::add);
        }
        return root;
    }

    /**
     * Reads a configuration and its assigned machines, as {@link #existing(String)} does. The package masks are
     * checked ({@link PlatformMasks}): a list that is no list of texts, or a mask that breaks
     * its rule, is kept verbatim and makes the deployment {@link ExistingDeployment#damaged() damaged}.
     *
     * @param c the configuration JSON
     * @param machineIds the assigned machines
     * @param notBefore the earliest window start (now plus the lead time)
     * @return the deployment found
     */
    public ExistingDeployment fromJson(JsonNode c, List<String> machineIds, Instant notBefore) {
        String name = c.path("name").asText();
        JsonNode p = c.path("properties");
        JsonNode w = p.path("maintenanceWindow");
        ZoneId zone = zone(tag(c, ZONE_TAG), w.path("timeZone").asText(""));
        LocalDateTime localStart;
        try {
            localStart = LocalDateTime.parse(w.path("startDateTime").asText(), LOCAL);
        } catch (DateTimeException e) {
            localStart = LocalDateTime.of(2000, 1, 3, 0, 0);
        }
        DayOfWeek day = weekday(w.path("recurEvery").asText(""), localStart.getDayOfWeek());
        ZonedDateTime first = localStart.atZone(zone);
        Instant from = first.toInstant().isAfter(notBefore) ? first.toInstant() : notBefore;
        ZonedDateTime start = WeeklySlot.of(day, localStart.toLocalTime()).nextWindow(zone, from);
        Arm.Masks masks = Arm.masks(p.path("installPatches").path("linuxParameters"), "installPatches.linuxParameters",
                "packageNameMasksToInclude", "packageNameMasksToExclude");
        Deployment d = new Deployment(name, machineIds, start, zone, duration(w.path("duration").asText("")),
                Arm.reboot(p.path("installPatches").path("rebootSetting")), masks.packages(), masks.versions())
                .withExcludes(masks.excludes());
        return new ExistingDeployment(d, c.path("id").asText(configId(name)), managed(c), start.toInstant(),
                tag(c, ENVIRONMENT_TAG), masks.damage());
    }

    private boolean configDiffers(Deployment want, ExistingDeployment existing) {
        Deployment have = existing.deployment();
        // a configuration read back damaged is rewritten whatever the comparison says
        return existing.damaged()
                || !want.start().toInstant().equals(have.start().toInstant())
                || !want.timeZone().equals(have.timeZone())
                || !want.duration().equals(have.duration())
                || want.reboot() != have.reboot()
                || !want.packageMasks(pinVersions).equals(have.packageMasks(pinVersions))
                || !want.excludes().equals(have.excludes());
    }

    private Map<String, List<String>> assignments(Set<String> configKeys) {
        Set<String> subs = new LinkedHashSet<>();
        subs.add(subscriptionId);
        if (machinesById.isEmpty()) {
            subs.addAll(azure.visibleSubscriptions());
        } else {
            machinesById.values().forEach(m -> subs.add(m.subscriptionId()));
        }
        Map<String, List<String>> out = new HashMap<>();
        GraphPager.of(azure).forEachRow(ASSIGNMENT_QUERY, new ArrayList<>(subs), "Resource Graph configuration assignment query",
                row -> {
                    String config = AsciiCase.lower(row.path("properties").path("maintenanceConfigurationId").asText(""));
                    if (!configKeys.contains(config)) {
                        return;
                    }
                    String machine = row.path("properties").path("resourceId").asText("");
                    if (machine.isEmpty()) {
                        String id = row.path("id").asText("");
                        int cut = AsciiCase.lower(id).indexOf("/providers/microsoft.maintenance/");
                        machine = cut < 0 ? "" : id.substring(0, cut);
                    }
                    if (!machine.isEmpty()) {
                        Machine known = machinesById.get(ResourceId.key(machine));
                        out.computeIfAbsent(config, k -> new ArrayList<>()).add(known == null ? machine : known.id());
                    }
                });
        return out;
    }

    private void assignmentWrites(String name, List<String> add, List<String> remove, List<String> failures,
                                  List<String> codes) {
        List<Supplier<String>> tasks = new ArrayList<>();
        for (String id : add) {
            tasks.add(() -> addAssignment(name, id));
        }
        for (String id : remove) {
            tasks.add(() -> removeAssignment(name, id));
        }
        if (tasks.isEmpty()) {
            return;
        }
        List<@Nullable String> done = BoundedWork.map(tasks, assignmentConcurrency, "patchwindow-assign", Supplier::get,
                (t, e) -> e instanceof InterruptedException ? "?: Interrupted"
                        : "?: " + e.getClass().getSimpleName() + " " + e.getMessage());
        for (String failure : done) {
            if (failure != null) {
                failures.add(failure);
                int colon = failure.indexOf(": ");
                int space = failure.indexOf(' ', colon + 2);
                codes.add(colon < 0 ? "Error" : failure.substring(colon + 2, space < 0 ? failure.length() : space));
            }
        }
    }

    /** @return null when done, else {@code <machineId>: <code> <message>} */
    private @Nullable String addAssignment(String name, String machineId) {
        try {
            ResourceId rid = ResourceId.parse(machineId);
            Machine m = machinesById.get(rid.key());
            if (fixPatchMode && MachineKind.ofResourceType(rid.fullType()).orElse(null) == MachineKind.AZURE_VM
                    && (m == null || m.patchSettings() == null || !m.patchSettings().readyForUserSchedule())
                    && !patchModeFixed.contains(rid.key())) {
                ArmJson.Answer a = arm.send(HttpMethod.PATCH, endpoint + rid.id() + "?api-version=" + COMPUTE_API_VERSION,
                        patchModeBody());
                if (!a.ok()) {
                    return rid.id() + ": " + a.errorCode() + " (setting patch mode) " + a.errorMessage();
                }
                patchModeFixed.add(rid.key());
            }
            ObjectNode body = JSON.createObjectNode();
            if (m != null && !m.location().isEmpty()) {
                body.put("location", m.location());
            }
            body.putObject("properties").put("maintenanceConfigurationId", configId(name));
            ArmJson.Answer a = arm.send(HttpMethod.PUT, assignmentUrl(rid.id(), name), body);
            return a.ok() ? null : rid.id() + ": " + a.errorCode() + " " + a.errorMessage();
        } catch (IllegalArgumentException e) {
            return machineId + ": InvalidResourceId " + e.getMessage();
        } catch (RuntimeException e) {
            AzureAdapterException w = AzureAdapterException.wrap("Assigning " + machineId, e);
            return machineId + ": " + (w.errorCode() == null ? "ConnectionFailed" : w.errorCode()) + " " + w.getMessage();
        }
    }

    private @Nullable String removeAssignment(String name, String machineId) {
        try {
            ResourceId rid = ResourceId.parse(machineId);
            ArmJson.Answer a = arm.send(HttpMethod.DELETE, assignmentUrl(rid.id(), name), null);
            return a.ok() || a.status() == 404 ? null : rid.id() + ": " + a.errorCode() + " " + a.errorMessage();
        } catch (IllegalArgumentException e) {
            return machineId + ": InvalidResourceId " + e.getMessage();
        } catch (RuntimeException e) {
            AzureAdapterException w = AzureAdapterException.wrap("Unassigning " + machineId, e);
            return machineId + ": " + (w.errorCode() == null ? "ConnectionFailed" : w.errorCode()) + " " + w.getMessage();
        }
    }

    static ObjectNode patchModeBody() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode ps = root.putObject("properties").putObject("osProfile").putObject("linuxConfiguration")
                .putObject("patchSettings");
        ps.put("patchMode", "AutomaticByPlatform");
        ps.putObject("automaticByPlatformSettings").put("bypassPlatformSafetyChecksOnUserSchedule", true);
        return root;
    }

    private static ActionResult result(DeploymentAction action, List<String> failures, List<String> codes, int writes) {
        if (failures.isEmpty()) {
            return ActionResult.ok(action);
        }
        Set<String> distinct = new LinkedHashSet<>(codes);
        String code = distinct.size() == 1 ? distinct.iterator().next() : "MultipleErrors";
        failures.sort(null);
        return ActionResult.failed(action, code, failures.size() + " of " + writes + " assignment writes failed: "
                + String.join("; ", failures));
    }

    private static boolean managed(JsonNode c) {
        String v = tag(c, MANAGED_TAG);
        return v != null && AsciiCase.equalsIgnoreCase(v, MANAGED_VALUE);
    }

    private static @Nullable String tag(JsonNode c, String name) {
        JsonNode tags = c.path("tags");
        for (Map.Entry<String, JsonNode> e : iterable(tags)) {
            if (AsciiCase.equalsIgnoreCase(e.getKey(), name) && e.getValue().isTextual()) {
                return e.getValue().asText();
            }
        }
        return null;
    }

    private static List<Map.Entry<String, JsonNode>> iterable(JsonNode n) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        if (n.isObject()) {
            n.fields().forEachRemaining(out::add);
        }
        return out;
    }

    private static ZoneId zone(@Nullable String iana, String windows) {
        if (iana != null) {
            try {
                ZoneId z = ZoneId.of(iana);
                if (windows.isEmpty() || windows.equals(WindowsZones.windowsName(z))) {
                    return z;
                }
            } catch (DateTimeException | IllegalArgumentException e) {
                // fall back to the Windows name
            }
        }
        ZoneId z = windows.isEmpty() ? null : WindowsZones.ianaZone(windows);
        return z == null ? ZoneOffset.UTC : z;
    }

    private static DayOfWeek weekday(String recurEvery, DayOfWeek fallback) {
        Matcher m = WEEKLY.matcher(recurEvery.strip());
        if (m.matches()) {
            try {
                return DayOfWeek.valueOf(m.group(1).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return fallback;
            }
        }
        return fallback;
    }

    private static Duration duration(String hhmm) {
        Matcher m = HHMM.matcher(hhmm);
        return m.matches() ? Duration.ofHours(Integer.parseInt(m.group(1))).plusMinutes(Integer.parseInt(m.group(2)))
                : Duration.ofHours(2);
    }

    private static Set<String> lowerSet(List<String> ids) {
        Set<String> out = new LinkedHashSet<>();
        ids.forEach(id -> out.add(ResourceId.key(id)));
        return out;
    }

    private String configId(String name) {
        return groupId + "/providers/Microsoft.Maintenance/maintenanceConfigurations/" + name;
    }

    private String collectionUrl() {
        return endpoint + groupId + "/providers/Microsoft.Maintenance/maintenanceConfigurations?api-version="
                + API_VERSION;
    }

    private String configUrl(String name) {
        return endpoint + configId(name) + "?api-version=" + API_VERSION;
    }

    private String assignmentUrl(String machineId, String name) {
        return endpoint + machineId + "/providers/Microsoft.Maintenance/configurationAssignments/" + name
                + "?api-version=" + API_VERSION;
    }

    /**
     * Builds an {@link UpdateManagerDeploymentTarget}. Not thread-safe.
     */
    public static final class Builder {
        private final PatchwindowAzure azure;
        private final String groupId;
        private final String subscriptionId;
        private final Clock clock;
        private final List<Machine> machines = new ArrayList<>();
        private @Nullable String location;
        private Duration leadTime = Duration.ofMinutes(10);
        private boolean pinVersions;
        private boolean fixPatchMode;
        private int assignmentConcurrency = 8;
        private String namePrefix = "pw-";

        private Builder(PatchwindowAzure azure, String groupId, String subscriptionId, Clock clock) {
            this.azure = azure;
            this.groupId = groupId;
            this.subscriptionId = subscriptionId;
            this.clock = clock;
        }

        /**
         * Takes what the target needs from the policy: checks its duration (01:30 to 03:55) and uses its lead time
         * and name prefix (to read the environment of a name for the {@value #ENVIRONMENT_TAG} tag).
         *
         * @param policy the policy of the plan, not null
         * @return this builder
         * @throws IllegalArgumentException if the policy's duration is outside 01:30..03:55
         */
        public Builder policy(Policy policy) {
            Objects.requireNonNull(policy, "policy");
            checkDuration(policy.duration());
            this.leadTime = policy.leadTime();
            this.namePrefix = policy.namePrefix();
            return this;
        }

        /**
         * Sets the lead time of the plan (default {@code PT10M}, the policy default); it must equal the
         * policy's for unchanged groups to reconcile as KEEP.
         *
         * @param leadTime not negative
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder leadTime(Duration leadTime) {
            Objects.requireNonNull(leadTime, "leadTime");
            if (leadTime.isNegative()) {
                throw new IllegalArgumentException("Invalid lead time '" + leadTime + "': must not be negative");
            }
            this.leadTime = leadTime;
            return this;
        }

        /**
         * Sets the location of the configurations (default: the schedule resource group's).
         *
         * @param location an Azure region name, e.g. {@code westeurope}
         * @return this builder
         * @throws IllegalArgumentException if not a region name
         */
        public Builder location(String location) {
            this.location = checkLocation(location);
            return this;
        }

        /**
         * Gives the machines (the inventory): their locations go into the assignments, their patch settings
         * decide {@link #fixPatchMode}, their subscriptions are where assignments are read. Without them,
         * every visible subscription is read.
         *
         * @param machines the machines, not null
         * @return this builder
         */
        public Builder machines(Collection<Machine> machines) {
            Objects.requireNonNull(machines, "machines");
            this.machines.addAll(machines);
            return this;
        }

        /**
         * Writes {@code name=version} masks (the assessed versions) instead of package names.
         *
         * @param pinVersions whether to pin versions
         * @return this builder
         */
        public Builder pinVersions(boolean pinVersions) {
            this.pinVersions = pinVersions;
            return this;
        }

        /**
         * Opt-in: before assigning an Azure VM whose patch mode is not AutomaticByPlatform with
         * {@code bypassPlatformSafetyChecksOnUserSchedule}, {@code PATCH} it (Compute
         * {@value #COMPUTE_API_VERSION}, {@code properties.osProfile.linuxConfiguration.patchSettings}). Plan with
         * {@code requireUserSchedulePatchMode(false)} then. A VM not among {@link #machines} is patched too
         * (its settings are unknown).
         *
         * @param fixPatchMode whether to fix
         * @return this builder
         */
        public Builder fixPatchMode(boolean fixPatchMode) {
            this.fixPatchMode = fixPatchMode;
            return this;
        }

        /**
         * Sets how many assignment writes of one action run at once (default 8).
         *
         * @param concurrency 1 to 64
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder assignmentConcurrency(int concurrency) {
            if (concurrency < 1 || concurrency > 64) {
                throw new IllegalArgumentException("Invalid assignment concurrency " + concurrency
                        + ": expected from 1 to 64, e.g. 8");
            }
            this.assignmentConcurrency = concurrency;
            return this;
        }

        /**
         * Builds the target.
         *
         * @return the target, not null
         */
        public UpdateManagerDeploymentTarget build() {
            LOG.debug("Update Manager target for {} ({} machines known)", groupId, machines.size());
            return new UpdateManagerDeploymentTarget(this);
        }
    }
}
