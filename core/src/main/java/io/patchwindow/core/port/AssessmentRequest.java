package io.patchwindow.core.port;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the planner asks an {@link AssessmentSource} for: records of these machines, not older than
 * {@code notBefore}. Sources may return more (other machines, older rows); the planner filters.
 *
 * @serial exclude
 * @param machineIds the resource ids of the machines that passed tag, environment and OS selection
 * @param notBefore the freshness limit
 */
public record AssessmentRequest(List<String> machineIds, Instant notBefore) implements Serializable {

    /**
     * Validates and copies the components.
     *
     * @param machineIds the resource ids of the machines that passed tag, environment and OS selection
     * @param notBefore the freshness limit
     * @throws NullPointerException if a component is null
     */
    public AssessmentRequest {
        machineIds = List.copyOf(Objects.requireNonNull(machineIds, "machineIds"));
        Objects.requireNonNull(notBefore, "notBefore");
    }
}
