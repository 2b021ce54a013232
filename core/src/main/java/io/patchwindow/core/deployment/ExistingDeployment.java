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
 * @param environment the environment the platform recorded for it (e.g. the Update Manager tag
 *                    {@code patchwindow-environment}); null when the platform holds none (the {@link Reconciler}
 *                    then reads the name)
 */
public record ExistingDeployment(Deployment deployment, @Nullable String resourceId, boolean managed,
                                 @Nullable Instant nextRun, @Nullable String environment) implements Serializable {

    /**
     * Validates the components.
     *
     * @param deployment what it asks for
     * @param resourceId its platform id, if known
     * @param managed whether patchwindow made it: true when it carries the {@code managed-by: patchwindow} tag or, on platforms without tags, its name has the prefix
     * @param nextRun the next run the platform has scheduled; null when it has run or will not run again
     * @param environment the environment the platform recorded for it; null when it holds none
     * @throws NullPointerException if the deployment is null
     */
    public ExistingDeployment {
        Objects.requireNonNull(deployment, "deployment");
    }

    /**
     * Creates an existing deployment for which the platform records no environment.
     *
     * @param deployment what it asks for
     * @param resourceId its platform id, if known
     * @param managed whether patchwindow made it
     * @param nextRun the next run the platform has scheduled; null when it has run or will not run again
     * @throws NullPointerException if the deployment is null
     */
    public ExistingDeployment(Deployment deployment, @Nullable String resourceId, boolean managed,
                              @Nullable Instant nextRun) {
        this(deployment, resourceId, managed, nextRun, null);
    }

    /**
     * Returns a copy with another environment.
     *
     * @param environment the environment code, or null for unknown
     * @return a copy, not null
     */
    public ExistingDeployment withEnvironment(@Nullable String environment) {
        return Objects.equals(environment, this.environment) ? this
                : new ExistingDeployment(deployment, resourceId, managed, nextRun, environment);
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
