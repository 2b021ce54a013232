/**
 * Renders the run report ({@link io.patchwindow.core.report.Report}): {@link io.patchwindow.azure.report.ReportText}
 * for people at a terminal, {@link io.patchwindow.azure.report.ReportJson} ({@code patchwindow.report/v1}),
 * {@link io.patchwindow.azure.report.ReportJunit} (JUnit XML, one test case per machine and window, so CI
 * servers show the result natively) and {@link io.patchwindow.azure.report.ReportHtml} (one self-contained
 * page without scripts or network fetches). Every renderer gives the same bytes for the same report and
 * escapes or neutralises the data it prints.
 */
@NullMarked
package io.patchwindow.azure.report;

import org.jspecify.annotations.NullMarked;
