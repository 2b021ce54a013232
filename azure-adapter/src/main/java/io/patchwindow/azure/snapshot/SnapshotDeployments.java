package io.patchwindow.azure.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.patchwindow.core.deployment.ActionResult;
import io.patchwindow.core.deployment.DeploymentAction;
import io.patchwindow.core.deployment.ExistingDeployment;
import io.patchwindow.core.port.DeploymentTarget;

/**
 * The {@code deployments} section of a snapshot as a read-only {@link DeploymentTarget}, so that
 * {@code plan} reconciles against the deployments a snapshot records.
 *
 * <p>A snapshot cannot be written: {@link #apply} returns OK for KEEP and FAILED with the error code
 * {@value #READ_ONLY} for every write, without changing anything.
 */
public final class SnapshotDeployments implements DeploymentTarget {
    /** The error code of refused writes. */
    public static final String READ_ONLY = "SnapshotReadOnly";

    private final Snapshot snapshot;

    /**
     * Creates a target over a snapshot.
     *
     * @param snapshot the snapshot, not null
     */
    public SnapshotDeployments(Snapshot snapshot) {
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
    }

    /**
     * Lists the snapshot's deployments whose name starts with the prefix (see
     * {@link Snapshot#deployments(String)} for how they are read).
     *
     * @param namePrefix the prefix, e.g. {@code pw-}, not null
     * @return the deployments, not null
     * @throws SnapshotException if a deployment is malformed
     */
    @Override
    public List<ExistingDeployment> existing(String namePrefix) {
        List<ExistingDeployment> out = new ArrayList<>();
        for (ExistingDeployment e : snapshot.deployments(namePrefix)) {
            if (e.name().startsWith(namePrefix)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Refuses writes: a snapshot is read-only.
     *
     * @param action the action, not null
     * @return OK for KEEP, else FAILED with {@value #READ_ONLY}
     */
    @Override
    public ActionResult apply(DeploymentAction action) {
        Objects.requireNonNull(action, "action");
        if (!action.writes()) {
            return ActionResult.ok(action);
        }
        return ActionResult.failed(action, READ_ONLY, "a snapshot file is read-only; " + action.kind()
                + " of '" + action.name() + "' was not applied");
    }
}
