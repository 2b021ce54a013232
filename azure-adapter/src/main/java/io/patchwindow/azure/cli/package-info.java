/**
 * The {@code patchwindow} command-line tool (picocli): {@code plan} and {@code check-tag}, with the
 * exit codes of DESIGN section 9. Option parsing into core types lives in reusable classes
 * ({@link io.patchwindow.azure.run.PolicyOptions}, {@link io.patchwindow.azure.run.GrammarOptions},
 * {@link io.patchwindow.azure.run.WindowOptions}) so that embedding APIs can share it.
 */
@NullMarked
package io.patchwindow.azure.cli;

import org.jspecify.annotations.NullMarked;
