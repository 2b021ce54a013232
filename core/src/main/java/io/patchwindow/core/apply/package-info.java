/**
 * Applying reconcile actions to a {@link io.patchwindow.core.port.DeploymentTarget} with bounded
 * concurrency and per-action results.
 */
@NullMarked
package io.patchwindow.core.apply;

import org.jspecify.annotations.NullMarked;
