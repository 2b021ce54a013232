/**
 * One run's settings and wiring, shared by the command line ({@link io.patchwindow.azure.cli}) and the library
 * facade ({@link io.patchwindow.azure.embed}). The settings are the option classes
 * ({@link io.patchwindow.azure.run.AzureOptions}, {@link io.patchwindow.azure.run.SourceOptions},
 * {@link io.patchwindow.azure.run.PolicyOptions} with {@link io.patchwindow.azure.run.WindowOptions} and
 * {@link io.patchwindow.azure.run.GrammarOptions}, {@link io.patchwindow.azure.run.AdvisoryOptions},
 * {@link io.patchwindow.azure.run.BackendOptions}): each value is checked and turned into core types in one
 * place, whether picocli or a builder sets it. The wiring opens what a run reads and writes: a snapshot's
 * sources ({@link io.patchwindow.azure.run.PlanSources}), Azure's ({@link io.patchwindow.azure.run.AzureSources},
 * through an {@link io.patchwindow.azure.run.AzureConnector}), the backend
 * ({@link io.patchwindow.azure.run.Backends}), the guards of the writing commands
 * ({@link io.patchwindow.azure.run.WriteRun}) and the report's inputs ({@link io.patchwindow.azure.run.ReportRun}).
 */
@NullMarked
package io.patchwindow.azure.run;

import org.jspecify.annotations.NullMarked;
