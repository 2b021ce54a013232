package io.patchwindow.core.port;

import io.patchwindow.core.report.RunQuery;
import io.patchwindow.core.report.RunSink;

/**
 * Streams installation results into a sink: Update Manager ({@code patchinstallationresources},
 * {@code maintenanceresources} {@code applyupdates}), Automation runs and machine runs, a snapshot file's
 * {@code installations}, or an in-memory list in tests.
 *
 * <p>A source reports unreadable rows and incomplete answers through {@link RunSink#warning(String)}, never
 * silently; one bad row never stops the others. A platform failure is an unchecked exception.
 * Implementations need not be thread-safe: a report reads its history from one thread.
 */
@FunctionalInterface
public interface RunHistory {

    /**
     * Reads the results of runs that started in the query's range into a sink.
     *
     * @param query the range and machines, not null
     * @param sink receives the results as they are read, not null
     */
    void read(RunQuery query, RunSink sink);
}
