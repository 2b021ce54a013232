/**
 * Azure implementations of the core read ports. Start at {@link io.patchwindow.azure.PatchwindowAzure}:
 * {@code PatchwindowAzure.authenticate(credential, profile)} gives factories for the Resource Graph and ARM
 * inventories ({@link io.patchwindow.azure.inventory.ResourceGraphInventory}, {@link io.patchwindow.azure.inventory.ArmInventory})
 * and the Log Analytics and Resource Graph assessment sources
 * ({@link io.patchwindow.azure.assessment.LogAnalyticsAssessmentSource},
 * {@link io.patchwindow.azure.assessment.ResourceGraphAssessmentSource}). HTTP, authentication, retries and logging are
 * the Azure SDK's pipeline; failures are {@link io.patchwindow.azure.AzureAdapterException}.
 *
 * <p>The write port ({@link io.patchwindow.core.port.DeploymentTarget}) has two implementations, built from the
 * same entry point: {@link io.patchwindow.azure.automation.AutomationDeploymentTarget} (Automation software update
 * configurations, one per machine by default) and {@link io.patchwindow.azure.updatemanager.UpdateManagerDeploymentTarget}
 * (Update Manager maintenance configurations per window group plus one assignment per machine). Both report
 * platform refusals as FAILED results with the ARM error code and offer a {@code cleanup} of expired managed
 * deployments. {@link io.patchwindow.azure.updatemanager.WindowsZones} maps IANA zones to Windows names.
 */
@NullMarked
package io.patchwindow.azure;

import org.jspecify.annotations.NullMarked;
