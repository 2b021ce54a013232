package io.patchwindow.core.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.patchwindow.core.deployment.ActionResult;
import io.patchwindow.core.deployment.ApplyReport;
import io.patchwindow.core.deployment.DeploymentAction;
import io.patchwindow.core.port.DeploymentTarget;

/**
 * Executes reconcile actions against a {@link DeploymentTarget} with bounded concurrency. One failure
 * never stops the others: every action ends in an {@link ActionResult}, OK or FAILED with the platform's
 * error code. KEEP actions are reported OK without calling the target.
 *
 * <pre>{@code
 * ApplyReport report = Applier.of(target, 8).apply(plan.actions());
 * }</pre>
 */
public final class Applier {
    /** The most concurrent writes allowed. */
    public static final int MAX_CONCURRENCY = 64;

    private final DeploymentTarget target;
    private final int concurrency;

    private Applier(DeploymentTarget target, int concurrency) {
        this.target = target;
        this.concurrency = concurrency;
    }

    /**
     * Creates an applier.
     *
     * @param target the platform, not null
     * @param concurrency the number of concurrent writes, from 1 to {@value #MAX_CONCURRENCY}
     * @return the applier, not null
     * @throws IllegalArgumentException if the concurrency is out of range
     */
    public static Applier of(DeploymentTarget target, int concurrency) {
        Objects.requireNonNull(target, "target");
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("Invalid concurrency " + concurrency + ": expected from 1 to "
                    + MAX_CONCURRENCY + ", e.g. 8");
        }
        return new Applier(target, concurrency);
    }

    /**
     * Applies the actions and waits for all of them.
     *
     * @param actions the actions, not null
     * @return one result per action, not null
     */
    public ApplyReport apply(List<DeploymentAction> actions) {
        Objects.requireNonNull(actions, "actions");
        List<ActionResult> results = new ArrayList<>(actions.size());
        List<DeploymentAction> writes = new ArrayList<>();
        for (DeploymentAction a : actions) {
            if (a.writes()) {
                writes.add(a);
            } else {
                results.add(ActionResult.ok(a));
            }
        }
        if (writes.isEmpty()) {
            return new ApplyReport(results);
        }
        results.addAll(BoundedWork.map(writes, concurrency, "patchwindow-apply", this::applyOne, (a, e) ->
                e instanceof InterruptedException ? ActionResult.failed(a, "Interrupted", "the apply was interrupted")
                        : ActionResult.failed(a, "Error", String.valueOf(e))));
        return new ApplyReport(results);
    }

    private ActionResult applyOne(DeploymentAction a) {
        try {
            ActionResult r = target.apply(a);
            return r == null ? ActionResult.failed(a, "NoResult", "the target returned no result") : r;
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return ActionResult.failed(a, e.getClass().getSimpleName(), message);
        }
    }
}
