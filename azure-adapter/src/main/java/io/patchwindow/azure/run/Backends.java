package io.patchwindow.azure.run;

import java.time.Clock;
import java.util.List;

import io.patchwindow.azure.automation.AutomationDeploymentTarget;
import io.patchwindow.azure.PatchwindowAzure;
import io.patchwindow.azure.updatemanager.UpdateManagerDeploymentTarget;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.plan.Policy;
import io.patchwindow.core.port.DeploymentTarget;

/**
 * Builds the deployment target of the chosen backend.
 */
public final class Backends {
    private Backends() {
    }

    /**
     * Checks that the backend's location is given, for the commands that write.
     *
     * @param options the Azure options, not null
     * @param backend the backend options, not null
     * @param command the command name, for the message
     * @throws IllegalArgumentException if the Automation account or schedule resource group is missing
     */
    public static void requireLocation(AzureOptions options, BackendOptions backend, String command) {
        if (backend.backend() == BackendOptions.Backend.AUTOMATION) {
            if (options.automationAccountId() == null) {
                throw new IllegalArgumentException("Invalid options: " + command + " with --backend automation needs "
                        + "--automation-account ID (where the software update configurations live)");
            }
        } else if (backend.scheduleResourceGroup() == null) {
            throw new IllegalArgumentException("Invalid options: " + command + " with --backend update-manager needs "
                    + "--schedule-resource-group ID (where the maintenance configurations live)");
        } else {
            // validated before anything is sent (they were only checked when the target was built, after the
            // inventory had been read)
            UpdateManagerDeploymentTarget.checkScheduleResourceGroup(backend.scheduleResourceGroup());
            if (backend.scheduleLocation() != null) {
                UpdateManagerDeploymentTarget.checkLocation(backend.scheduleLocation());
            }
        }
    }

    /**
     * Returns the target of the backend options: the Automation account's software update configurations,
     * or the Update Manager schedule resource group; a target that knows nothing when neither is given
     * (plan then shows every deployment as CREATE).
     *
     * @param azure the connected entry point, not null
     * @param options the Azure options, not null
     * @param backend the backend options, not null
     * @param machines the inventory (Arc computer names, VM locations and patch settings), not null
     * @param policy the policy (Update Manager: duration limits, lead time), not null
     * @param clock the clock, not null
     * @return the target, not null
     */
    public static DeploymentTarget target(PatchwindowAzure azure, AzureOptions options, BackendOptions backend,
                                   List<Machine> machines, Policy policy, Clock clock) {
        if (backend.backend() == BackendOptions.Backend.AUTOMATION) {
            String account = options.automationAccountId();
            if (account == null) {
                return new AzureSources.NoDeployments("no --automation-account: the Automation backend writes "
                        + "software update configurations into an Automation account");
            }
            return AutomationDeploymentTarget.builder(azure, account).machines(machines)
                    .pinVersions(backend.pinVersions()).build();
        }
        String group = backend.scheduleResourceGroup();
        if (group == null) {
            return new AzureSources.NoDeployments("no --schedule-resource-group: the Update Manager backend writes "
                    + "maintenance configurations into a resource group");
        }
        UpdateManagerDeploymentTarget.Builder b = UpdateManagerDeploymentTarget.builder(azure, group, clock)
                .policy(policy).machines(machines).pinVersions(backend.pinVersions())
                .fixPatchMode(backend.fixPatchMode());
        String location = backend.scheduleLocation();
        if (location != null) {
            b.location(location);
        }
        return b.build();
    }
}
