/**
 * The planner: from machines and assessment to a deterministic {@link io.patchwindow.core.plan.Plan} of
 * one-time deployments with explicit packages, every other machine skipped with a stable
 * {@link io.patchwindow.core.plan.SkipReason}.
 */
@NullMarked
package io.patchwindow.core.plan;

import org.jspecify.annotations.NullMarked;
