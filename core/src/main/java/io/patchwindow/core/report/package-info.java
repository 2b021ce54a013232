/**
 * The run report: what past windows installed, joined with what was planned.
 *
 * <p>The installation-results model ({@link io.patchwindow.core.report.InstallationRun},
 * {@link io.patchwindow.core.report.PatchResult}, {@link io.patchwindow.core.report.DeploymentRun}) is what the
 * platforms report: Update Manager's Resource Graph {@code patchinstallationresources} summaries and their
 * {@code softwarepatches} rows, {@code maintenanceresources} {@code applyupdates}, and Automation's
 * software update configuration runs and machine runs. They reach the {@link io.patchwindow.core.report.Reporter}
 * through the {@link io.patchwindow.core.port.RunHistory} port and a {@link io.patchwindow.core.report.RunSink}.
 * The {@link io.patchwindow.core.report.Report} says, per window and machine, which planned packages were
 * installed (with the version), failed, are still pending or were not selected, or that the machine did not
 * run, and counts per window and per environment. Every list is in a fixed order: the same inputs give the
 * same report.
 */
@NullMarked
package io.patchwindow.core.report;

import org.jspecify.annotations.NullMarked;
