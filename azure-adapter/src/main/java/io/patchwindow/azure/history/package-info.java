/**
 * What ran: the {@link io.patchwindow.core.port.RunHistory} implementations behind the report.
 * {@link io.patchwindow.azure.history.ResourceGraphRunHistory} reads Update Manager's installation results from
 * Resource Graph; {@link io.patchwindow.azure.history.AutomationRunHistory} reads an Automation account's
 * software update configuration runs. {@link io.patchwindow.azure.history.InstallationRows} maps the rows of
 * either (and of a snapshot) to core runs.
 */
@NullMarked
package io.patchwindow.azure.history;

import org.jspecify.annotations.NullMarked;
