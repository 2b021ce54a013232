package io.patchwindow.core.report;

import java.io.Serializable;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.patchwindow.core.deployment.Deployment;

/**
 * One deployment's window that has passed, with every planned machine once.
 *
 * @serial exclude
 * @param deploymentName the deployment's name
 * @param environment the environment, e.g. {@code Q}, or {@code ""} when the plan does not say
 * @param start the window start, in the deployment's time zone
 * @param duration the window length
 * @param machines the planned machines, sorted by id (case-insensitive), each once
 */
public record WindowReport(String deploymentName, String environment, ZonedDateTime start, Duration duration,
                           List<MachineReport> machines) implements Serializable {

    /**
     * Validates and copies the components.
     *
     * @param deploymentName the deployment's name
     * @param environment the environment, or {@code ""}
     * @param start the window start
     * @param duration the window length
     * @param machines the planned machines
     * @throws NullPointerException if a component is null
     */
    public WindowReport {
        Objects.requireNonNull(deploymentName, "deploymentName");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        machines = List.copyOf(machines);
    }

    /**
     * Returns when the window closed.
     *
     * @return start plus duration, not null
     */
    public ZonedDateTime end() {
        return start.plus(duration);
    }

    /**
     * Returns the counts of this window.
     *
     * @return the counts, not null
     */
    public Tally tally() {
        return Tally.of(machines);
    }

    /**
     * Returns this window as an ordered map of JSON-ready values.
     *
     * @return a new ordered map, not null
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", deploymentName);
        m.put("environment", environment);
        m.put("start", Deployment.formatStart(start));
        m.put("end", Deployment.formatStart(end()));
        m.put("timeZone", start.getZone().getId());
        m.put("summary", tally().toMap());
        List<Object> ms = new ArrayList<>(machines.size());
        for (MachineReport r : machines) {
            ms.add(r.toMap());
        }
        m.put("machines", ms);
        return m;
    }
}
