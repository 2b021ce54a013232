package io.patchwindow.azure.cli;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.patchwindow.azure.json.PlanJson;
import io.patchwindow.core.deployment.ActionResult;
import io.patchwindow.core.deployment.ApplyReport;
import io.patchwindow.core.text.Quoting;

/**
 * Renders the results of {@code apply} and {@code cleanup}: one line per action (status, action, name,
 * error code and message when it failed) and a summary; or the JSON document
 * {@code patchwindow.apply/v1} ({@code schema}, {@code generatedAt}, {@code results}, {@code summary}).
 */
final class ApplyText {
    /** The schema identifier of the apply JSON. */
    static final String SCHEMA = "patchwindow.apply/v1";

    private ApplyText() {
    }

    static String render(String command, ApplyReport report) {
        Objects.requireNonNull(report, "report");
        StringBuilder sb = new StringBuilder();
        sb.append(command).append(": ").append(report.results().size()).append(" actions\n");
        for (ActionResult r : report.results()) {
            sb.append("  ").append(r.ok() ? "OK    " : "FAILED").append("  ")
                    .append(String.format("%-6s", r.action().kind().name())).append("  ")
                    .append(Quoting.escape(r.action().name()));
            if (!r.ok()) {
                sb.append("  ").append(Quoting.escape(String.valueOf(r.errorCode()))).append(": ")
                        .append(Quoting.escape(oneLine(String.valueOf(r.message()))));
            } else if (!r.action().writes()) {
                sb.append("  (").append(Quoting.escape(r.action().reason())).append(")");
            }
            sb.append('\n');
        }
        sb.append("Summary: ").append(report.results().size() - report.failedCount()).append(" ok, ")
                .append(report.failedCount()).append(" failed, ").append(report.writeCount()).append(" writes\n");
        return sb.toString();
    }

    static String json(Instant generatedAt, ApplyReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", SCHEMA);
        m.put("generatedAt", generatedAt.toString());
        m.putAll(report.toMap());
        return PlanJson.toJson(m);
    }

    private static String oneLine(String s) {
        return s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}
