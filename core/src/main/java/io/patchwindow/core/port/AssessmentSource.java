package io.patchwindow.core.port;

import io.patchwindow.core.assessment.AssessmentSink;

/**
 * Streams pending-update assessment records into a sink: Log Analytics {@code Update} rows, Resource
 * Graph {@code softwarepatches}, a snapshot file, or an in-memory list in tests.
 *
 * <p>A source reports an incomplete answer (for example a partial Log Analytics result) through
 * {@link AssessmentSink#warning(String)}, never silently. A platform failure is an unchecked exception.
 * Implementations need not be thread-safe: the planner reads a source from one thread, once per plan.
 */
@FunctionalInterface
public interface AssessmentSource {

    /**
     * Reads the records for a request into a sink.
     *
     * @param request which machines and how fresh, not null
     * @param sink receives the records as they are read, not null
     */
    void read(AssessmentRequest request, AssessmentSink sink);
}
