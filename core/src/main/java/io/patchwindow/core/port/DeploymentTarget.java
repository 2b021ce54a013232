package io.patchwindow.core.port;

import java.util.List;

import io.patchwindow.core.deployment.ActionResult;
import io.patchwindow.core.deployment.DeploymentAction;
import io.patchwindow.core.deployment.ExistingDeployment;

/**
 * Reads and writes deployments on a platform: Automation software update configurations or Update
 * Manager maintenance configurations and assignments.
 *
 * <p>Implementations must be thread-safe for {@link #apply}: the {@link io.patchwindow.core.apply.Applier}
 * calls it from up to its concurrency of threads at once, one action per call. The other methods are called
 * from one thread, before or after the applies.
 */
public interface DeploymentTarget {

    /**
     * Lists the deployments whose name starts with the prefix (every page).
     *
     * @param namePrefix the prefix, e.g. {@code pw-}
     * @return the deployments, not null
     */
    List<ExistingDeployment> existing(String namePrefix);

    /**
     * Executes one action. Must not throw for a platform refusal: the failure is returned with the
     * platform's error code. KEEP actions return OK without writing.
     *
     * @param action the action, not null
     * @return the result, not null
     */
    ActionResult apply(DeploymentAction action);
}
