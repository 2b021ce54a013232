package io.patchwindow.core.report;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One planned machine in one window: the outcome, the run's facts and each planned package.
 *
 * @serial exclude
 * @param machineId the machine's resource id, as planned
 * @param outcome the outcome
 * @param reason why it did not run, when {@code outcome} is {@link Outcome#DID_NOT_RUN}, else null
 * @param run the run the report matched, else null
 * @param packages the planned packages, sorted by name
 */
public record MachineReport(String machineId, Outcome outcome, @Nullable DidNotRun reason,
                            @Nullable InstallationRun run, List<PackageReport> packages) implements Serializable {

    /**
     * Validates and copies the components.
     *
     * @param machineId the machine's resource id
     * @param outcome the outcome
     * @param reason why it did not run, or null
     * @param run the matched run, or null
     * @param packages the planned packages
     * @throws NullPointerException if a required component is null
     * @throws IllegalArgumentException if a reason is given exactly when the outcome is not DID_NOT_RUN
     */
    public MachineReport {
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(outcome, "outcome");
        packages = List.copyOf(packages);
        if ((outcome == Outcome.DID_NOT_RUN) != (reason != null)) {
            throw new IllegalArgumentException("Invalid machine report of '" + machineId + "': outcome " + outcome
                    + " with reason " + reason + "; a reason is given exactly when the outcome is DID_NOT_RUN");
        }
    }

    /**
     * Counts the planned packages with a status.
     *
     * @param status the status, not null
     * @return the count
     */
    public int count(PackageStatus status) {
        int n = 0;
        for (PackageReport p : packages) {
            if (p.status() == status) {
                n++;
            }
        }
        return n;
    }

    /**
     * Returns the packages with a status, e.g. the failed ones.
     *
     * @param status the status, not null
     * @return the packages, sorted by name, not null
     */
    public List<PackageReport> packages(PackageStatus status) {
        Objects.requireNonNull(status, "status");
        List<PackageReport> out = new ArrayList<>();
        for (PackageReport p : packages) {
            if (p.status() == status) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Returns this machine as an ordered map of JSON-ready values.
     *
     * @return a new ordered map, not null
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("machineId", machineId);
        m.put("outcome", outcome.name());
        if (reason != null) {
            m.put("reason", reason.name());
        }
        InstallationRun r = run;
        m.put("runStatus", r == null ? null : r.status().apiName());
        m.put("runStart", r == null ? null : r.start().toString());
        m.put("runEnd", r == null || r.lastModified() == null ? null : timeText(r.lastModified()));
        m.put("rebootStatus", r == null ? null : r.rebootStatus());
        m.put("maintenanceWindowExceeded", r != null && r.windowExceeded());
        m.put("error", r == null ? null : r.error());
        List<Object> ps = new ArrayList<>(packages.size());
        for (PackageReport p : packages) {
            ps.add(p.toMap());
        }
        m.put("packages", ps);
        return m;
    }

    private static String timeText(Instant t) {
        return t.toString();
    }
}
