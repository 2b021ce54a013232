package io.patchwindow.core.deployment;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A deployment found on the platform, as the {@link io.patchwindow.core.port.DeploymentTarget} reads it.
 *
 * @serial exclude
 * @param deployment what it asks for
 * @param resourceId its platform id, if known
 * @param managed whether patchwindow made it: true when it carries the {@code managed-by: patchwindow} tag
 *                or, on platforms without tags, its name has the prefix
 * @param nextRun the next run the platform has scheduled; null when it has run or will not run again
 */
public record ExistingDeployment(Deployment deployment, @Nullable String resourceId, boolean managed,
                                 @Nullable Instant nextRun) implements Serializable {

    /**
     * Validates the components.
     *
     * @param deployment what it asks for
     * @param resourceId its platform id, if known
     * @param managed whether patchwindow made it: true when it carries the {@code managed-by: patchwindow} tag or, on platforms without tags, its name has the prefix
     * @param nextRun the next run the platform has scheduled; null when it has run or will not run again
     * @throws NullPointerException if the deployment is null
     */
    public ExistingDeployment {
        Objects.requireNonNull(deployment, "deployment");
    }

    /**
     * Returns the deployment name.
     *
     * @return the name, not null
     */
    public String name() {
        return deployment.name();
    }

    /**
     * Returns whether the deployment is over at {@code now}: its window has closed, or the platform says
     * it has no next run although its start has passed.
     *
     * @param now the current instant, not null
     * @return true if expired
     */
    public boolean expiredAt(Instant now) {
        Instant start = deployment.start().toInstant();
        if (!deployment.end().toInstant().isAfter(now)) {
            return true;
        }
        return nextRun == null && !start.isAfter(now);
    }
}
