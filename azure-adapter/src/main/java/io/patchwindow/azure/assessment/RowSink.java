package io.patchwindow.azure.assessment;

/**
 * Receives raw rows as a source reads them (for snapshot export), plus warnings about incomplete answers.
 *
 * @param <R> the row type, {@link UpdateRow} or {@link PatchAssessmentRow}
 */
@FunctionalInterface
public interface RowSink<R> {

    /**
     * Takes one row.
     *
     * @param row the row, not null
     */
    void accept(R row);

    /**
     * Reports that the answer is incomplete (for example a Log Analytics partial error). Default: ignored.
     *
     * @param message a one-line description, not null
     */
    default void warning(String message) {
    }
}
