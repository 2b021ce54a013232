/**
 * Deployments (one-time patch windows with explicit packages), existing deployments read from the
 * platform, and the pure reconcile step that turns plan versus existing into CREATE, UPDATE, KEEP and
 * DELETE actions.
 */
@NullMarked
package io.patchwindow.core.deployment;

import org.jspecify.annotations.NullMarked;
