package io.patchwindow.core.report;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One planned package's result on one machine in one window, flat: the unit that promotion between rings
 * counts (which name and version installed where, when, in which environment).
 *
 * @serial exclude
 * @param machineId the machine's resource id
 * @param environment the environment (ring), e.g. {@code Q}, or {@code ""} when unknown
 * @param deploymentName the deployment
 * @param windowStart the window start
 * @param name the package name
 * @param version the version the run reported, else the planned version, else null
 * @param status what happened
 * @param at when the run reported it (its last modification, else its start), else null when it did not run
 */
public record InstalledPackage(String machineId, String environment, String deploymentName, Instant windowStart,
                               String name, @Nullable String version, PackageStatus status, @Nullable Instant at)
        implements Serializable {

    /**
     * Validates the components.
     *
     * @param machineId the machine's resource id
     * @param environment the environment
     * @param deploymentName the deployment
     * @param windowStart the window start
     * @param name the package name
     * @param version the version, or null
     * @param status what happened
     * @param at when, or null
     * @throws NullPointerException if a required component is null
     */
    public InstalledPackage {
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(deploymentName, "deploymentName");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
    }
}
