package io.patchwindow.core.assessment;

import java.time.Instant;

/**
 * Receives assessment data as it is read, so that sources can stream millions of rows without holding
 * them. A lambda is enough for the common case: {@code records::add}.
 */
@FunctionalInterface
public interface AssessmentSink {

    /**
     * Takes one record.
     *
     * @param record the record, not null
     */
    void accept(UpdateRecord record);

    /**
     * Tells whether records of a machine are wanted, so that a source reading millions of rows may skip
     * building records that {@link #accept(UpdateRecord)} would drop. A source may ask once per machine
     * and read; it still validates the rows it skips. Default: every machine is wanted.
     *
     * @param machineId the machine resource id as the record would carry it, not blank, not null
     * @return false if every record with this machine id would be dropped
     */
    default boolean accepts(String machineId) {
        return true;
    }

    /**
     * Records that a machine reported an assessment, even with nothing pending. Default: ignored.
     *
     * @param machineId the machine resource id, not null
     * @param at when it reported, not null
     */
    default void machineReported(String machineId, Instant at) {
    }

    /**
     * Reports a problem that made the data incomplete (for example a partial Log Analytics answer).
     * Default: ignored.
     *
     * @param message a one-line description, not null
     */
    default void warning(String message) {
    }
}
