/**
 * Azure implementations of the core read ports. Start at {@link io.patchwindow.azure.PatchwindowAzure}:
 * {@code PatchwindowAzure.authenticate(credential, profile)} gives factories for the Resource Graph and ARM
 * inventories ({@link io.patchwindow.azure.ResourceGraphInventory}, {@link io.patchwindow.azure.ArmInventory})
 * and the Log Analytics and Resource Graph assessment sources
 * ({@link io.patchwindow.azure.LogAnalyticsAssessmentSource},
 * {@link io.patchwindow.azure.ResourceGraphAssessmentSource}). HTTP, authentication, retries and logging are
 * the Azure SDK's pipeline; failures are {@link io.patchwindow.azure.AzureAdapterException}.
 */
@NullMarked
package io.patchwindow.azure;

import org.jspecify.annotations.NullMarked;
