package io.patchwindow.azure.report;

import java.io.Writer;
import java.util.Objects;

import io.patchwindow.azure.json.PlanJson;
import io.patchwindow.core.report.Report;

/**
 * Writes the report JSON document ({@code patchwindow.report/v1}) from {@link Report#toMap()}, in the plan
 * JSON's format (two-space indentation, LF, a newline at the end): the same report gives the same bytes.
 *
 * <pre>{@code
 * String json = ReportJson.toJson(report);
 * ReportJson.write(report, writer);   // the same text, streamed
 * }</pre>
 */
public final class ReportJson {
    private ReportJson() {
    }

    /**
     * Returns the report as JSON text, ending with a newline.
     *
     * @param report the report, not null
     * @return the document, not null
     */
    public static String toJson(Report report) {
        return PlanJson.toJson(Objects.requireNonNull(report, "report").toMap());
    }

    /**
     * Writes the report as JSON text, ending with a newline, one window at a time ({@link Report#toStreamingMap()}):
     * the same text as {@link #toJson}, without holding the document's tree or text. The writer is flushed, not
     * closed.
     *
     * @param report the report, not null
     * @param out the writer, not null
     * @throws java.io.UncheckedIOException if writing fails
     */
    public static void write(Report report, Writer out) {
        Objects.requireNonNull(out, "out");
        PlanJson.write(Objects.requireNonNull(report, "report").toStreamingMap(), out);
    }
}
