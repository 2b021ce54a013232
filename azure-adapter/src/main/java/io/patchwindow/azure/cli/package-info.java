/**
 * The {@code patchwindow} command-line tool (picocli): {@code plan} and {@code check-tag}, with the
 * exit codes of docs/contracts.md#exit-codes. Option parsing into core types lives in reusable classes
 * ({@link io.patchwindow.azure.cli.PolicyOptions}, {@link io.patchwindow.azure.cli.GrammarOptions},
 * {@link io.patchwindow.azure.cli.WindowOptions}) so that embedding APIs can share it.
 */
@NullMarked
package io.patchwindow.azure.cli;

import org.jspecify.annotations.NullMarked;
