package io.patchwindow.azure.cli;

import io.patchwindow.azure.PatchwindowAzure;
import io.patchwindow.core.port.DeploymentTarget;

/**
 * Builds the deployment target of the chosen backend.
 */
final class Backends {
    private Backends() {
    }

    /**
     * Returns the target of the backend options: the Automation account's software update configurations,
     * or the Update Manager schedule resource group.
     *
     * @param azure the connected entry point, not null
     * @param options the Azure options, not null
     * @param backend the backend options, not null
     * @return the target, not null
     */
    static DeploymentTarget target(PatchwindowAzure azure, AzureOptions options, BackendOptions backend) {
        if (backend.backend() == BackendOptions.Backend.AUTOMATION) {
            String account = options.automationAccountId();
            if (account == null) {
                return new AzureSources.NoDeployments("no --automation-account: the Automation backend writes "
                        + "software update configurations into an Automation account");
            }
            return new AzureSources.NoDeployments("the Automation backend is not available in this version");
        }
        if (backend.scheduleResourceGroup() == null) {
            return new AzureSources.NoDeployments("no --schedule-resource-group: the Update Manager backend writes "
                    + "maintenance configurations into a resource group");
        }
        return new AzureSources.NoDeployments("the Update Manager backend is not available in this version");
    }
}
