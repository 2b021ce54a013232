package io.patchwindow.azure.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonGenerator;

import io.patchwindow.azure.json.PlanJson;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.report.InstallationRun;
import io.patchwindow.core.report.MachineReport;
import io.patchwindow.core.report.PackageReport;
import io.patchwindow.core.report.Report;
import io.patchwindow.core.report.WindowReport;

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
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(out, "out");
        Map<String, Object> document = report.toStreamingMap();
        // the windows written from the report's records, in the keys and order of their toMap(): no map per
        // machine and package (a 100,000-machine report has 1,000,000 packages); the test compares the two texts
        document.put("windows", (PlanJson.Fragment) g -> {
            g.writeStartArray();
            for (WindowReport w : report.windows()) {
                window(g, w);
            }
            g.writeEndArray();
        });
        PlanJson.write(document, out);
    }

    /** {@link WindowReport#toMap()}, written. */
    private static void window(JsonGenerator g, WindowReport w) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", w.deploymentName());
        g.writeStringField("environment", w.environment());
        g.writeStringField("start", Deployment.formatStart(w.start()));
        g.writeStringField("end", Deployment.formatStart(w.end()));
        g.writeStringField("timeZone", w.start().getZone().getId());
        g.writeFieldName("summary");
        PlanJson.value(g, w.tally().toMap());
        g.writeArrayFieldStart("machines");
        for (MachineReport m : w.machines()) {
            machine(g, m);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** {@link MachineReport#toMap()}, written. */
    private static void machine(JsonGenerator g, MachineReport m) throws IOException {
        g.writeStartObject();
        g.writeStringField("machineId", m.machineId());
        g.writeStringField("outcome", m.outcome().name());
        if (m.reason() != null) {
            g.writeStringField("reason", m.reason().name());
        }
        InstallationRun r = m.run();
        g.writeStringField("runStatus", r == null ? null : r.status().apiName());
        g.writeStringField("runStart", r == null ? null : r.start().toString());
        g.writeStringField("runEnd", r == null || r.lastModified() == null ? null : r.lastModified().toString());
        g.writeStringField("rebootStatus", r == null ? null : r.rebootStatus());
        g.writeBooleanField("maintenanceWindowExceeded", r != null && r.windowExceeded());
        g.writeStringField("error", r == null ? null : r.error());
        g.writeArrayFieldStart("packages");
        for (PackageReport p : m.packages()) {
            g.writeStartObject();
            g.writeStringField("name", p.name());
            g.writeStringField("status", p.status().name());
            g.writeStringField("version", p.version());
            g.writeStringField("plannedVersion", p.plannedVersion());
            if (!p.reasons().isEmpty()) {
                g.writeFieldName("reasons");
                PlanJson.value(g, p.reasons());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
