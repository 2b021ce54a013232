package io.patchwindow.core.deployment;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.patchwindow.core.text.Quoting;

/**
 * A deployment found on the platform, as the {@link io.patchwindow.core.port.DeploymentTarget} reads it.
 *
 * <p>What the platform gives back is untrusted: a target that finds the deployment damaged (e.g. an include mask
 * that breaks the package-name rule, a version pin that is no version, a mask that is no text) keeps what it
 * read verbatim, so that the comparison sees the difference, and says why in {@link #damage()}. The
 * {@link Reconciler} never keeps a damaged deployment as it is: it rewrites it when it is planned and deletes it
 * otherwise (within the run's scope).
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
 * @param damage why the platform's copy cannot be trusted as it is, one line that quotes the offending value and
 *               names the rule, e.g. {@code package mask '--exclude=x' breaks the package-name rule (...)}; null
 *               when it is intact
 */
public record ExistingDeployment(Deployment deployment, @Nullable String resourceId, boolean managed,
                                 @Nullable Instant nextRun, @Nullable String environment,
                                 @Nullable String damage) implements Serializable {

    /**
     * Validates the components.
     *
     * @param deployment what it asks for
     * @param resourceId its platform id, if known
     * @param managed whether patchwindow made it: true when it carries the {@code managed-by: patchwindow} tag or, on platforms without tags, its name has the prefix
     * @param nextRun the next run the platform has scheduled; null when it has run or will not run again
     * @param environment the environment the platform recorded for it; null when it holds none
     * @param damage why the platform's copy cannot be trusted as it is, one line; null when it is intact
     * @throws NullPointerException if the deployment is null
     * @throws IllegalArgumentException if the damage is blank or holds a line break or another character that
     *         {@link Quoting#isSafe} refuses (quote the values it names with {@link Quoting#quote})
     */
    public ExistingDeployment {
        Objects.requireNonNull(deployment, "deployment");
        if (damage != null && (damage.isBlank() || !Quoting.isSafe(damage))) {
            throw new IllegalArgumentException("Invalid damage " + Quoting.quote(damage) + " of deployment "
                    + Quoting.quote(deployment.name()) + ": expected one non-blank line without control characters");
        }
    }

    /**
     * Creates an intact existing deployment.
     *
     * @param deployment what it asks for
     * @param resourceId its platform id, if known
     * @param managed whether patchwindow made it
     * @param nextRun the next run the platform has scheduled; null when it has run or will not run again
     * @param environment the environment the platform recorded for it; null when it holds none
     * @throws NullPointerException if the deployment is null
     */
    public ExistingDeployment(Deployment deployment, @Nullable String resourceId, boolean managed,
                              @Nullable Instant nextRun, @Nullable String environment) {
        this(deployment, resourceId, managed, nextRun, environment, null);
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
        this(deployment, resourceId, managed, nextRun, null, null);
    }

    /**
     * Returns a copy with another environment.
     *
     * @param environment the environment code, or null for unknown
     * @return a copy, not null
     */
    public ExistingDeployment withEnvironment(@Nullable String environment) {
        return Objects.equals(environment, this.environment) ? this
                : new ExistingDeployment(deployment, resourceId, managed, nextRun, environment, damage);
    }

    /**
     * Returns a copy marked damaged, or intact with null.
     *
     * @param damage why the platform's copy cannot be trusted as it is, one line; null for intact
     * @return a copy, not null
     * @throws IllegalArgumentException if the damage is blank or not one safe line
     */
    public ExistingDeployment withDamage(@Nullable String damage) {
        return Objects.equals(damage, this.damage) ? this
                : new ExistingDeployment(deployment, resourceId, managed, nextRun, environment, damage);
    }

    /**
     * Returns whether the platform's copy was found damaged ({@link #damage()} is set).
     *
     * @return true if damaged
     */
    public boolean damaged() {
        return damage != null;
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
