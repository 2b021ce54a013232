package io.patchwindow.core.report;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A run of a deployment: an Automation software update configuration run, or an Update Manager
 * {@code maintenanceresources} {@code applyupdates} row (one per machine and maintenance run). It links
 * machine results (by {@link #runId}) to the deployment that ran them.
 *
 * @serial exclude
 * @param deploymentName the configuration's name (last segment of {@code maintenanceConfigurationId})
 * @param runId the run id ({@code correlationId}, Automation run name)
 * @param machineId the machine the row is about ({@code applyupdates}), or null for a whole run
 * @param status the status
 * @param start when it started
 * @param end when it ended, else null
 * @param computerCount machines in the run (Automation), -1 when not said
 * @param failedCount machines that failed (Automation), -1 when not said
 */
public record DeploymentRun(String deploymentName, String runId, @Nullable String machineId, RunStatus status,
                            Instant start, @Nullable Instant end, int computerCount, int failedCount)
        implements Serializable {

    /**
     * Validates the components.
     *
     * @param deploymentName the configuration's name
     * @param runId the run id
     * @param machineId the machine, or null
     * @param status the status
     * @param start when it started
     * @param end when it ended, or null
     * @param computerCount machines in the run, -1 when not said
     * @param failedCount machines that failed, -1 when not said
     * @throws NullPointerException if a required component is null
     */
    public DeploymentRun {
        Objects.requireNonNull(deploymentName, "deploymentName");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(start, "start");
    }
}
