package io.patchwindow.core.report;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link io.patchwindow.core.port.RunHistory} is asked for: runs that started from {@code since} (inclusive) to {@code until}
 * (exclusive), for these machines (their subscriptions scope a query; a source may return more).
 *
 * @serial exclude
 * @param since the earliest run start
 * @param until the end of the range
 * @param machineIds the planned machines' resource ids
 */
public record RunQuery(Instant since, Instant until, List<String> machineIds) implements Serializable {

    /**
     * Validates and copies the components.
     *
     * @param since the earliest run start
     * @param until the end of the range
     * @param machineIds the planned machines' resource ids
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code until} is not after {@code since}
     */
    public RunQuery {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        machineIds = List.copyOf(machineIds);
        if (!until.isAfter(since)) {
            throw new IllegalArgumentException("Invalid report range " + since + " .. " + until
                    + ": --until must be after --since");
        }
    }
}
