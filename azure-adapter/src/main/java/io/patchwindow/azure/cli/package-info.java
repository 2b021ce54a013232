/**
 * The {@code patchwindow} command-line tool (picocli): the commands ({@code plan}, {@code apply},
 * {@code cleanup}, {@code report}, {@code export-snapshot}, {@code check-tag}), their text output and the exit
 * codes (docs/contracts.md#exit-codes). The options the commands share, and the wiring of sources and backends, are the run's
 * ({@link io.patchwindow.azure.run}), which the library facade ({@link io.patchwindow.azure.embed}) fills too.
 */
@NullMarked
package io.patchwindow.azure.cli;

import org.jspecify.annotations.NullMarked;
