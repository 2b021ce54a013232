package io.patchwindow.azure.export;

import io.patchwindow.azure.assessment.RowSink;
import io.patchwindow.core.port.AssessmentRequest;

/**
 * Something that streams raw assessment rows, e.g. {@code logAnalyticsSource::readRows} or
 * {@code resourceGraphSource::readRows}.
 *
 * @param <R> the row type
 */
@FunctionalInterface
public interface RowSource<R> {

    /**
     * Reads the rows of a request into a sink.
     *
     * @param request the request, not null
     * @param sink receives rows and warnings, not null
     */
    void readRows(AssessmentRequest request, RowSink<R> sink);
}
