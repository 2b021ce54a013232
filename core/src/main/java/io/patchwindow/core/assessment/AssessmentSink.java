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
