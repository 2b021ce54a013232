package io.patchwindow.azure.automation;

import static io.patchwindow.azure.internal.Arm.isDeploymentName;
import static io.patchwindow.azure.internal.Arm.reboot;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

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
import io.patchwindow.azure.internal.LinkedWorkspace;
import io.patchwindow.core.apply.Applier;
import io.patchwindow.core.apply.BoundedWork;
import io.patchwindow.core.deployment.ActionKind;
import io.patchwindow.core.deployment.ActionResult;
import io.patchwindow.core.deployment.ApplyReport;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.deployment.DeploymentAction;
import io.patchwindow.core.deployment.ExistingDeployment;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.inventory.MachineKind;
import io.patchwindow.core.inventory.ResourceId;
import io.patchwindow.core.plan.DeploymentNames;
import io.patchwindow.core.plan.PlatformMasks;
import io.patchwindow.core.port.DeploymentTarget;
import io.patchwindow.core.text.AsciiCase;
import io.patchwindow.core.text.Quoting;

/**
 * The legacy backend: Azure Automation software update configurations (api-version
 * {@value #API_VERSION}) of one Automation account, written and read through the
 * {@link PatchwindowAzure} pipeline (its authentication, retry and logging policies).
 *
 * <pre>{@code
 * AutomationDeploymentTarget target = AutomationDeploymentTarget.builder(azure,
 *                 "/subscriptions/<guid>/resourceGroups/ops/providers/Microsoft.Automation/automationAccounts/aa")
 *         .machines(inventory.machines())     // Arc servers are targeted by their computer name
 *         .pinVersions(false)
 *         .build();
 * Plan plan = Planner.of(policy).plan(inventory, assessments, target, clock);
 * ApplyReport report = Applier.of(target, 8).apply(plan.actions());
 * ApplyReport cleaned = target.cleanup("pw-", clock.instant(), 8);
 * }</pre>
 *
 * <p>Each deployment is one configuration named as the deployment, with a {@code OneTime} schedule at the
 * window start in the deployment's IANA time zone ({@code scheduleInfo.startTime} with its offset,
 * {@code timeZone}, {@code isEnabled: true}), {@code operatingSystem: Linux},
 * {@code linux.includedPackageNameMasks} = the packages (or {@code name=version} with pinned versions),
 * {@code linux.excludedPackageNameMasks} = the policy's exclude masks (only when there are any),
 * never {@code includedPackageClassifications}, {@code linux.rebootSetting}, {@code duration}; Azure VMs
 * go to {@code azureVirtualMachines} by resource id, Arc servers to {@code nonAzureComputerNames} by their
 * Log Analytics computer name (the machine's {@code computerName}, else its resource name). At most
 * {@value #MAX_MACHINES} machines per configuration (the portal's limit; window groups are sharded by core
 * at {@code Policy.maxGroupSize}).
 *
 * <p>Configurations carry no tags: those whose name starts with the prefix are patchwindow's. Thread-safe.
 */
public final class AutomationDeploymentTarget implements DeploymentTarget {
    private static final Logger LOG = LoggerFactory.getLogger(AutomationDeploymentTarget.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The Automation API version. */
    public static final String API_VERSION = "2019-06-01";
    /** The most machines one configuration targets. */
    public static final int MAX_MACHINES = 1000;

    private final ArmJson arm;
    private final String endpoint;
    private final ResourceId account;
    private final boolean pinVersions;
    private final int readConcurrency;
    private final Map<String, Machine> machinesById;
    private final Map<String, List<String>> idsByComputerName;

    private AutomationDeploymentTarget(Builder b) {
        this.arm = new ArmJson(b.azure.httpPipeline());
        this.endpoint = Arm.endpoint(b.azure.profile());
        this.account = b.account;
        this.pinVersions = b.pinVersions;
        this.readConcurrency = b.readConcurrency;
        this.machinesById = new HashMap<>();
        this.idsByComputerName = new HashMap<>();
        for (Machine m : b.machines) {
            machinesById.put(m.key(), m);
            idsByComputerName.computeIfAbsent(computerName(m).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(m.id());
        }
    }

    /**
     * Starts a builder.
     *
     * @param azure the entry point whose pipeline is used, not null
     * @param automationAccountId the account's ARM id,
     *        {@code /subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.Automation/automationAccounts/<name>}
     * @return a builder, not null
     * @throws IllegalArgumentException if the id is not an Automation account id
     */
    public static Builder builder(PatchwindowAzure azure, String automationAccountId) {
        return new Builder(Objects.requireNonNull(azure, "azure"), LinkedWorkspace.parseAccount(automationAccountId));
    }

    /**
     * Returns the Automation account id.
     *
     * @return the id, not null
     */
    public String automationAccountId() {
        return account.id();
    }

    /**
     * Lists the configurations whose name starts with the prefix: every {@code nextLink} page of the list,
     * then a {@code GET} of each (the list items lack the package masks and targets), with bounded
     * concurrency.
     *
     * @param namePrefix the prefix, e.g. {@code pw-}
     * @return the deployments, sorted by name, not null
     * @throws AzureAdapterException if Azure refuses or fails
     */
    @Override
    public List<ExistingDeployment> existing(String namePrefix) {
        Objects.requireNonNull(namePrefix, "namePrefix");
        List<String> names = new ArrayList<>();
        for (JsonNode item : listItems()) {
            String name = item.path("name").asText("");
            // only names patchwindow can have made: a listed name is then safe to put in a request URL
            if (name.startsWith(namePrefix) && isDeploymentName(name)) {
                names.add(name);
            }
        }
        List<ExistingDeployment> out = parallel(names, name -> {
            JsonNode suc;
            try {
                suc = arm.get(url(name));
            } catch (RuntimeException e) {
                throw AzureAdapterException.wrap("Reading software update configuration " + name, e);
            }
            JsonNode answered = suc.path("name");
            if (!answered.isTextual() || !AsciiCase.equalsIgnoreCase(answered.textValue(), name)) {
                // the answer is about another configuration (or none): nothing of it is this one's
                LOG.warn("Ignoring software update configuration {}: the answer names {} instead", name,
                        Quoting.quote(answered.isTextual() ? answered.textValue() : answered.toString(), 64));
                return null;
            }
            try {
                return fromJson(suc);
            } catch (DateTimeException | IllegalArgumentException e) {
                // unreadable content: left out, so a planned deployment of that name is rewritten (PUT) and an
                // unplanned one is never deleted on the strength of a guess
                LOG.warn("Ignoring software update configuration {}: unreadable answer: {}", name,
                        Quoting.escape(String.valueOf(e.getMessage())));
                return null;
            }
        });
        out.removeIf(Objects::isNull);
        out.sort(java.util.Comparator.comparing(ExistingDeployment::name));
        return out;
    }

    /**
     * Writes one action: CREATE and UPDATE {@code PUT} the configuration, DELETE deletes it (a 404 or 204
     * answer counts as done), KEEP writes nothing. ARM refusals are returned as FAILED with the ARM error code.
     *
     * @param action the action, not null
     * @return the result, not null
     */
    @Override
    public ActionResult apply(DeploymentAction action) {
        Objects.requireNonNull(action, "action");
        if (action.kind() == ActionKind.KEEP) {
            return ActionResult.ok(action);
        }
        String name = action.name();
        try {
            checkName(name);
            if (action.kind() == ActionKind.DELETE) {
                ArmJson.Answer a = arm.send(HttpMethod.DELETE, url(name), null);
                return a.ok() || a.status() == 404 ? ActionResult.ok(action)
                        : ActionResult.failed(action, a.errorCode(), a.errorMessage());
            }
            Deployment d = action.deployment();
            java.util.Optional<String> unsafe = PlatformMasks.writeProblem(d, pinVersions);
            if (unsafe.isPresent()) {
                return ActionResult.failed(action, "InvalidPackageMask", unsafe.get());
            }
            if (d.machineIds().size() > MAX_MACHINES) {
                return ActionResult.failed(action, "TooManyMachines", "deployment " + Quoting.quote(name) + " targets "
                        + d.machineIds().size() + " machines; a software update configuration takes at most "
                        + MAX_MACHINES + " (use Policy.maxGroupSize)");
            }
            ArmJson.Answer a = arm.send(HttpMethod.PUT, url(name), body(d));
            return a.ok() ? ActionResult.ok(action) : ActionResult.failed(action, a.errorCode(), a.errorMessage());
        } catch (IllegalArgumentException e) {
            return ActionResult.failed(action, "InvalidDeployment", e.getMessage());
        } catch (RuntimeException e) {
            AzureAdapterException w = AzureAdapterException.wrap("Writing software update configuration " + name, e);
            return ActionResult.failed(action, w.errorCode() == null ? "ConnectionFailed" : w.errorCode(),
                    w.getMessage());
        }
    }

    /**
     * Lists the expired managed configurations as DELETE actions: name with the prefix, frequency
     * {@code OneTime} and no next run (it has run, or will not run), across every page. Nothing else is
     * ever selected. Reads only the list (no per-item {@code GET}).
     *
     * @param namePrefix the prefix, e.g. {@code pw-}; must not be empty
     * @param now the current instant (configurations with no next run whose start is still ahead are kept)
     * @return the DELETE actions, sorted by name, not null
     * @throws IllegalArgumentException if the prefix is empty or invalid
     * @throws AzureAdapterException if Azure refuses or fails
     */
    public List<DeploymentAction> cleanupActions(String namePrefix, Instant now) {
        DeploymentNames.checkPrefix(namePrefix);
        Objects.requireNonNull(now, "now");
        if (namePrefix.isEmpty()) {
            throw new IllegalArgumentException("Invalid name prefix '': cleanup needs a prefix, e.g. 'pw-'");
        }
        List<DeploymentAction> out = new ArrayList<>();
        for (JsonNode item : listItems()) {
            String name = item.path("name").asText("");
            JsonNode p = item.path("properties");
            JsonNode nextRun = p.get("nextRun");
            boolean noNextRun = nextRun == null || nextRun.isNull() || nextRun.asText().isEmpty();
            if (!name.startsWith(namePrefix) || !isDeploymentName(name)
                    || !"OneTime".equalsIgnoreCase(p.path("frequency").asText()) || !noNextRun) {
                continue;
            }
            ExistingDeployment e;
            try {
                e = fromListItem(item);
            } catch (DateTimeException | IllegalArgumentException ex) {
                // never delete what cannot be read
                LOG.warn("Cleanup: ignoring software update configuration {}: unreadable list item: {}", name,
                        ex.getMessage());
                continue;
            }
            if (e.deployment().start().toInstant().isAfter(now)) {
                continue;
            }
            out.add(new DeploymentAction(ActionKind.DELETE, e.deployment(), e, "expired (OneTime, no next run)"));
        }
        out.sort(java.util.Comparator.comparing(DeploymentAction::name));
        return out;
    }

    /**
     * Deletes the expired managed configurations ({@link #cleanupActions}) with bounded concurrency.
     *
     * @param namePrefix the prefix, e.g. {@code pw-}
     * @param now the current instant
     * @param concurrency concurrent deletes, 1 to {@value Applier#MAX_CONCURRENCY}
     * @return one result per deleted configuration, not null
     * @throws IllegalArgumentException if the prefix is empty or the concurrency out of range
     * @throws AzureAdapterException if listing fails
     */
    public ApplyReport cleanup(String namePrefix, Instant now, int concurrency) {
        Applier applier = Applier.of(this, concurrency);
        return applier.apply(cleanupActions(namePrefix, now));
    }

    /**
     * Builds the {@code PUT} body of a deployment (visible for contract tests).
     *
     * @param d the deployment
     * @return the body
     */
    ObjectNode body(Deployment d) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode props = root.putObject("properties");
        ObjectNode uc = props.putObject("updateConfiguration");
        uc.put("operatingSystem", "Linux");
        ObjectNode linux = uc.putObject("linux");
        ArrayNode masks = linux.putArray("includedPackageNameMasks");
        d.packageMasks(pinVersions).forEach(masks::add);
        if (!d.excludes().isEmpty()) {
            // So that no dependency pulls an excluded package in (absent when nothing is excluded, as before).
            ArrayNode excluded = linux.putArray("excludedPackageNameMasks");
            d.excludes().forEach(excluded::add);
        }
        linux.put("rebootSetting", d.reboot().apiName());
        uc.put("duration", d.duration().toString());
        List<String> vms = new ArrayList<>();
        List<String> computers = new ArrayList<>();
        for (String id : d.machineIds()) {
            ResourceId rid = ResourceId.parse(id);
            if (MachineKind.ofResourceType(rid.fullType()).orElse(null) == MachineKind.ARC_SERVER) {
                Machine m = machinesById.get(rid.key());
                computers.add(m == null ? rid.name() : computerName(m));
            } else {
                vms.add(rid.id());
            }
        }
        if (!vms.isEmpty()) {
            ArrayNode a = uc.putArray("azureVirtualMachines");
            vms.forEach(a::add);
        }
        if (!computers.isEmpty()) {
            ArrayNode a = uc.putArray("nonAzureComputerNames");
            computers.stream().sorted().forEach(a::add);
        }
        ObjectNode schedule = props.putObject("scheduleInfo");
        schedule.put("frequency", "OneTime");
        schedule.put("startTime", Deployment.formatStart(d.start().withZoneSameInstant(d.timeZone())));
        schedule.put("timeZone", d.timeZone().getId());
        schedule.put("isEnabled", true);
        return root;
    }

    /**
     * Reads a configuration as Azure returns it from {@code GET}, as {@link #existing(String)} does. The package
     * masks are checked ({@link PlatformMasks}): a list that is no list of texts, or a mask that breaks its rule, is
     * kept verbatim and makes the deployment {@link ExistingDeployment#damaged() damaged}.
     *
     * @param suc the configuration JSON
     * @return the deployment found
     * @throws IllegalArgumentException if the answer's {@code name} is not a deployment name, or a value cannot be
     *         read at all
     * @throws DateTimeException if the start cannot be read
     */
    public ExistingDeployment fromJson(JsonNode suc) {
        String name = answerName(suc);
        JsonNode p = suc.path("properties");
        JsonNode si = p.path("scheduleInfo");
        return read(name, suc, start(si.path("startTime").asText(null), si.path("timeZone").asText(null)),
                si.get("nextRun"));
    }

    private ExistingDeployment fromListItem(JsonNode item) {
        JsonNode p = item.path("properties");
        return read(answerName(item), item, start(p.path("startTime").asText(null), null), p.get("nextRun"));
    }

    private ExistingDeployment read(String name, JsonNode suc, ZonedDateTime start, @Nullable JsonNode nextRun) {
        JsonNode uc = suc.path("properties").path("updateConfiguration");
        JsonNode linux = uc.path("linux");
        Arm.Masks masks = Arm.masks(linux, "updateConfiguration.linux", "includedPackageNameMasks",
                "excludedPackageNameMasks");
        Deployment d = new Deployment(name, machineIds(uc), start, start.getZone(), duration(uc.path("duration")),
                reboot(linux.path("rebootSetting")), masks.packages(), masks.versions())
                .withExcludes(masks.excludes());
        return new ExistingDeployment(d, suc.path("id").asText(null), true, instantOrNull(nextRun), null,
                masks.damage());
    }

    /** The {@code name} of an answer, which must be a deployment name (it is compared and put in URLs). */
    private static String answerName(JsonNode suc) {
        JsonNode n = suc.path("name");
        if (!n.isTextual() || !isDeploymentName(n.textValue())) {
            throw new IllegalArgumentException("Invalid software update configuration name "
                    + Quoting.quote(n.isTextual() ? n.textValue() : n.toString(), 64)
                    + ": expected 1 to 64 characters of [A-Za-z0-9-_]");
        }
        return n.textValue();
    }

    private List<String> machineIds(JsonNode uc) {
        List<String> ids = new ArrayList<>();
        uc.path("azureVirtualMachines").forEach(v -> ids.add(v.asText()));
        for (JsonNode c : uc.path("nonAzureComputerNames")) {
            List<String> known = idsByComputerName.get(c.asText().toLowerCase(Locale.ROOT));
            // an unknown or ambiguous computer name stays as it is: the deployment then differs and is rewritten
            ids.add(known != null && known.size() == 1 ? known.get(0) : c.asText());
        }
        return ids;
    }


    static ZonedDateTime start(@Nullable String startTime, @Nullable String timeZone) {
        if (startTime == null) {
            // No start, no expiry: a guessed start would make the configuration look expired and delete it.
            // Unreadable instead: left out of the existing deployments (a planned one of that name is rewritten,
            // cleanup leaves it alone).
            throw new DateTimeException("the schedule has no startTime");
        }
        OffsetDateTime t = OffsetDateTime.parse(startTime);
        ZoneId zone = t.getOffset();
        if (timeZone != null) {
            try {
                zone = ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                // not an IANA id (for example a Windows name set in the portal): keep the offset
            }
        }
        return t.atZoneSameInstant(zone);
    }

    static Duration duration(JsonNode n) {
        try {
            Duration d = n.isTextual() ? Duration.parse(n.asText()) : Duration.ofHours(2);
            return d.isZero() || d.isNegative() ? Duration.ofHours(2) : d;
        } catch (DateTimeException e) {
            return Duration.ofHours(2);
        }
    }


    static @Nullable Instant instantOrNull(@Nullable JsonNode n) {
        if (n == null || n.isNull() || !n.isTextual() || n.asText().isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(n.asText()).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private Iterable<JsonNode> listItems() {
        List<JsonNode> items = new ArrayList<>();
        try {
            for (JsonNode item : arm.list(collectionUrl())) {
                items.add(item);
            }
        } catch (RuntimeException e) {
            throw AzureAdapterException.wrap("Listing software update configurations of " + account.id(), e);
        }
        return items;
    }

    private <T> List<T> parallel(List<String> names, java.util.function.Function<String, T> read) {
        return BoundedWork.map(names, readConcurrency, "patchwindow-read", read, (n, c) -> {
            if (c instanceof InterruptedException) {
                throw new AzureAdapterException("Reading software update configurations interrupted", null, 0, c);
            }
            throw c instanceof RuntimeException ? AzureAdapterException.wrap("Reading software update configurations",
                    (RuntimeException) c) : new AzureAdapterException(String.valueOf(c), null, 0, c);
        });
    }

    private String collectionUrl() {
        return endpoint + account.id() + "/softwareUpdateConfigurations?api-version=" + API_VERSION;
    }

    private String url(String name) {
        return endpoint + account.id() + "/softwareUpdateConfigurations/" + name + "?api-version=" + API_VERSION;
    }


    private static void checkName(String name) {
        if (!isDeploymentName(name)) {
            throw new IllegalArgumentException("Invalid deployment name " + Quoting.quote(name)
                    + ": expected 1 to 64 characters of [A-Za-z0-9-_]");
        }
    }

    static String computerName(Machine m) {
        String c = m.computerName();
        return c == null || c.isBlank() ? m.name() : c;
    }

    /**
     * Builds an {@link AutomationDeploymentTarget}. Not thread-safe.
     */
    public static final class Builder {
        private final PatchwindowAzure azure;
        private final ResourceId account;
        private final List<Machine> machines = new ArrayList<>();
        private boolean pinVersions;
        private int readConcurrency = 8;

        private Builder(PatchwindowAzure azure, ResourceId account) {
            this.azure = azure;
            this.account = account;
        }

        /**
         * Gives the machines (the inventory), so that Arc servers are targeted by their Log Analytics computer
         * name and read back to their resource ids. Without them, an Arc server is targeted by its resource name.
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
         * Sets how many configurations {@link #existing} reads at once (default 8).
         *
         * @param readConcurrency 1 to 64
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder readConcurrency(int readConcurrency) {
            if (readConcurrency < 1 || readConcurrency > 64) {
                throw new IllegalArgumentException("Invalid read concurrency " + readConcurrency
                        + ": expected from 1 to 64, e.g. 8");
            }
            this.readConcurrency = readConcurrency;
            return this;
        }

        /**
         * Builds the target.
         *
         * @return the target, not null
         */
        public AutomationDeploymentTarget build() {
            LOG.debug("Automation target for {} ({} machines known)", account.id(), machines.size());
            return new AutomationDeploymentTarget(this);
        }
    }
}
