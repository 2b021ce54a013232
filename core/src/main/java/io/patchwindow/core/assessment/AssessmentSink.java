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
     * Reports that the answer about one machine is incomplete: what was read about it must not be planned
     * (the planner skips it as {@code ASSESSMENT_INCOMPLETE}). A source calls this for every requested
     * machine the incomplete part of an answer may concern, whatever records it delivered for them.
     * Default: reported as a {@link #warning(String)}.
     *
     * @param machineId the machine resource id as requested, not null
     * @param code the platform's error code, e.g. {@code PartialError/E_LOW_MEMORY_CONDITION}, not null
     * @param detail a one-line description, not null
     */
    default void incomplete(String machineId, String code, String detail) {
        warning(machineId + ": assessment incomplete (" + code + "): " + detail);
    }

    /**
     * Reports that the answer is incomplete for every machine of the request (the source cannot tell which
     * machines the missing part concerns). Default: reported as a {@link #warning(String)}.
     *
     * @param code the platform's error code, not null
     * @param detail a one-line description, not null
     */
    default void incompleteForAll(String code, String detail) {
        warning("assessment incomplete for every machine (" + code + "): " + detail);
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
