/**
 * The Azure Automation backend: {@link io.patchwindow.azure.automation.AutomationDeploymentTarget} writes,
 * reads back and cleans up Automation software update configurations (one per machine by default). Its run
 * history is read by {@link io.patchwindow.azure.history.AutomationRunHistory}.
 */
@NullMarked
package io.patchwindow.azure.automation;

import org.jspecify.annotations.NullMarked;
