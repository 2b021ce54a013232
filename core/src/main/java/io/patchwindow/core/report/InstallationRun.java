package io.patchwindow.core.report;

import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One machine's installation run: an Update Manager {@code patchinstallationresults} summary (with
 * {@code softwarepatches} rows, see {@link PatchResult}) or an Automation software update configuration
 * machine run (no per-package rows).
 *
 * @serial exclude
 * @param id the result's id, e.g. {@code <machineId>/patchInstallationResults/<guid>} or the machine run id
 * @param machineId the machine's resource id, or (Automation, non-Azure machines) its computer name
 * @param deploymentName the deployment (configuration) that ran it, when the result names it, else null
 * @param runId the run id linking machine results to a deployment run ({@code maintenanceRunId},
 *              Automation {@code correlationId}), else null
 * @param status the run status
 * @param start when the run started ({@code startDateTime}, {@code startTime})
 * @param lastModified when the result was last written or the run ended ({@code lastModifiedDateTime},
 *                     {@code endTime}), else null
 * @param counts the package counts of the summary, {@link PatchCounts#UNKNOWN} for Automation
 * @param windowExceeded {@code maintenanceWindowExceeded}
 * @param rebootStatus {@code rebootStatus} ({@code NotNeeded}, {@code Required}, {@code Started}, {@code Failed},
 *                     {@code Completed}), else null
 * @param error the error the platform reported (code and message in one line), else null
 * @param patchDetails whether per-package rows belong to this run (Update Manager: true; Automation: false)
 */
public record InstallationRun(String id, String machineId, @Nullable String deploymentName, @Nullable String runId,
                              RunStatus status, Instant start, @Nullable Instant lastModified, PatchCounts counts,
                              boolean windowExceeded, @Nullable String rebootStatus, @Nullable String error,
                              boolean patchDetails) implements Serializable {

    /**
     * Validates the components.
     *
     * @param id the result's id
     * @param machineId the machine's resource id or computer name
     * @param deploymentName the deployment that ran it, or null
     * @param runId the run id, or null
     * @param status the run status
     * @param start when the run started
     * @param lastModified when the result was last written, or null
     * @param counts the package counts
     * @param windowExceeded whether the maintenance window was exceeded
     * @param rebootStatus the reboot status, or null
     * @param error the error, or null
     * @param patchDetails whether per-package rows belong to this run
     * @throws NullPointerException if a required component is null
     * @throws IllegalArgumentException if the id or machine id is blank
     */
    public InstallationRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(counts, "counts");
        if (id.isBlank() || machineId.isBlank()) {
            throw new IllegalArgumentException("Invalid installation run '" + id + "' of machine '" + machineId
                    + "': id and machine must not be blank");
        }
    }

    /**
     * Returns this run as an ordered map of JSON-ready values.
     *
     * @return a new ordered map, not null
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("machineId", machineId);
        m.put("deploymentName", deploymentName);
        m.put("runId", runId);
        m.put("status", status.apiName());
        m.put("start", start.toString());
        m.put("lastModified", lastModified == null ? null : lastModified.toString());
        m.put("counts", counts.toMap());
        m.put("maintenanceWindowExceeded", windowExceeded);
        m.put("rebootStatus", rebootStatus);
        m.put("error", error);
        return m;
    }
}
