package io.patchwindow.core.assessment;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

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

    /**
     * Returns a new, empty sink of the same request that can take records on another thread while this
     * one takes others, to be merged back with {@link #merge(AssessmentSink)}: a source may then read its
     * rows in parts, in parallel. Only a sink whose result does not depend on the order in which records
     * arrive may support it. Default: {@code null}, not supported.
     *
     * @return the fork, or null when this sink cannot be split
     */
    default @Nullable AssessmentSink fork() {
        return null;
    }

    /**
     * Adds what a fork of this sink received, as if its records had been given to this sink. Call it on
     * the thread that uses this sink, after the fork's last record.
     *
     * @param fork a sink returned by this sink's {@link #fork()}, not null
     * @throws UnsupportedOperationException if this sink does not support forks (the default)
     * @throws IllegalArgumentException if {@code fork} does not come from this sink
     */
    default void merge(AssessmentSink fork) {
        throw new UnsupportedOperationException("this sink cannot be split");
    }
}
