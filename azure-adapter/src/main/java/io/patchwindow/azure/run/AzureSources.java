package io.patchwindow.azure.run;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.patchwindow.azure.PatchwindowAzure;
import io.patchwindow.azure.updatemanager.UpdateManagerDeploymentTarget;
import io.patchwindow.core.deployment.ActionResult;
import io.patchwindow.core.deployment.DeploymentAction;
import io.patchwindow.core.deployment.ExistingDeployment;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.plan.Policy;
import io.patchwindow.core.port.AssessmentSource;
import io.patchwindow.core.port.DeploymentTarget;
import io.patchwindow.core.port.MachineInventory;
import org.jspecify.annotations.Nullable;

/**
 * The ports over Azure, chosen by the {@link AzureOptions}: Resource Graph or ARM inventory, Log Analytics
 * or Resource Graph assessment, and the backend's deployments (built on first use from the inventory, after
 * {@link #prepare}). Shared by the command line and the embedding API.
 */
public final class AzureSources implements PlanSources {
    private final PatchwindowAzure azure;
    private final AzureOptions options;
    private final MachineInventory inventory;
    private final AssessmentSource assessments;
    private final AzureOptions.Assessment assessmentKind;
    private final BackendOptions backend;
    private @Nullable List<Machine> machines;
    private @Nullable Policy policy;
    private @Nullable Clock clock;
    private @Nullable DeploymentTarget target;

    private AzureSources(PatchwindowAzure azure, AzureOptions options, BackendOptions backend) {
        this.azure = azure;
        this.options = options;
        List<String> subs = options.subscriptionIds();
        MachineInventory inv = options.inventorySource() == AzureOptions.Inventory.ARM
                ? azure.armInventory(subs) : azure.resourceGraphInventory(subs);
        this.inventory = () -> {
            List<Machine> read = inv.machines();
            machines = read;
            return read;
        };
        this.assessmentKind = options.assessmentSource();
        if (assessmentKind == AzureOptions.Assessment.LOG_ANALYTICS) {
            String workspace = options.workspace();
            String account = options.automationAccountId();
            this.assessments = workspace != null ? azure.logAnalyticsAssessment(workspace)
                    : azure.logAnalyticsAssessmentForAutomationAccount(account);
        } else {
            this.assessments = azure.resourceGraphAssessment(subs);
        }
        this.backend = backend;
    }

    /**
     * Validates the options (before anything is sent), connects and builds the ports.
     *
     * @param options the Azure options, not null
     * @param connector the connector, not null
     * @param backend the backend options, not null
     * @return the sources, not null
     */
    public static AzureSources open(AzureOptions options, AzureConnector connector, BackendOptions backend) {
        options.subscriptionIds();
        options.automationAccountId();
        options.workspace();
        options.inventorySource();
        options.assessmentSource();
        options.credentialKind();
        options.logAnalyticsEndpoint();
        options.profile();
        backend.backend();
        if (backend.scheduleResourceGroup() != null) {
            io.patchwindow.azure.updatemanager.UpdateManagerDeploymentTarget.checkScheduleResourceGroup(backend.scheduleResourceGroup());
        }
        if (backend.scheduleLocation() != null) {
            io.patchwindow.azure.updatemanager.UpdateManagerDeploymentTarget.checkLocation(backend.scheduleLocation());
        }
        return new AzureSources(connector.connect(options), options, backend);
    }

    /**
     * Returns the connected entry point.
     *
     * @return the entry point, not null
     */
    public PatchwindowAzure azure() {
        return azure;
    }

    @Override
    public MachineInventory inventory() {
        return inventory;
    }

    @Override
    public AssessmentSource assessments() {
        return assessments;
    }

    @Override
    public void prepare(Policy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Returns the backend's target, built on first use from the inventory (read now if not yet read).
     *
     * @return the target, not null
     * @throws IllegalStateException if {@link #prepare} was not called
     */
    public synchronized DeploymentTarget target() {
        if (target == null) {
            if (policy == null || clock == null) {
                throw new IllegalStateException("prepare(policy, clock) must be called before the deployments are read");
            }
            List<Machine> ms = machines != null ? machines : inventory.machines();
            target = Backends.target(azure, options, backend, ms, policy, clock);
        }
        return target;
    }

    /**
     * Returns the actions to give the {@link #target()}: the plan's actions, except that on Update Manager
     * window groups that are no longer planned lose their assignments (docs/backends.md; the core reconcile keeps
     * them as pending deployments).
     *
     * @param actions the plan's actions, not null
     * @return the actions to apply, not null
     */
    public List<DeploymentAction> actionsToApply(List<DeploymentAction> actions) {
        DeploymentTarget t = target();
        return t instanceof UpdateManagerDeploymentTarget
                ? ((UpdateManagerDeploymentTarget) t).releaseUnplannedGroups(actions) : actions;
    }

    @Override
    public DeploymentTarget deployments() {
        return new DeploymentTarget() {
            @Override
            public List<ExistingDeployment> existing(String namePrefix) {
                return target().existing(namePrefix);
            }

            @Override
            public ActionResult apply(DeploymentAction action) {
                return target().apply(action);
            }
        };
    }

    @Override
    public boolean classifiesLinuxAsOther() {
        return assessmentKind == AzureOptions.Assessment.RESOURCE_GRAPH;
    }

    @Override
    public Duration defaultMaxAssessmentAge() {
        return assessmentKind == AzureOptions.Assessment.LOG_ANALYTICS ? Duration.ofHours(5) : Duration.ofDays(2);
    }

    @Override
    public String describe() {
        String inv = options.inventorySource() == AzureOptions.Inventory.ARM ? "ARM" : "Resource Graph";
        String ass = assessmentKind == AzureOptions.Assessment.LOG_ANALYTICS ? "Log Analytics" : "Resource Graph";
        return "Azure (" + inv + " inventory, " + ass + " assessment): "
                + (machines == null ? "?" : Integer.toString(machines.size())) + " machines";
    }

    /** A target that knows no deployment and refuses writes (no backend location given). */
    static final class NoDeployments implements DeploymentTarget {
        private final String why;

        NoDeployments(String why) {
            this.why = why;
        }

        @Override
        public List<ExistingDeployment> existing(String namePrefix) {
            return List.of();
        }

        @Override
        public ActionResult apply(DeploymentAction action) {
            return action.writes() ? ActionResult.failed(action, "NoBackend", why) : ActionResult.ok(action);
        }

        @Nullable String why() {
            return why;
        }
    }
}
