package io.patchwindow.azure.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The emulated Log Analytics workspace, as the adapter's runbook assessment uses it: the workspace's ARM
 * {@code GET} (its {@code customerId}) and {@code POST /v1/workspaces/{id}/query}, which evaluates the runbook's
 * {@code Update} query (time filter from its {@code datetime(...)} literal, the hash part, Linux, newest row per
 * machine and package, Needed, Security or Critical) and answers in the tables/columns/rows format. Answers are
 * cut as the service cuts them ({@link #limits(int, long)}): the rows before a limit and a {@code PartialError}.
 * Thread-safe.
 */
final class EmulatedLogAnalytics {
    private static final Pattern DATETIME = Pattern.compile("datetime\\(([^)]+)\\)");
    private static final List<String> UPDATE_COLUMNS = List.of("TimeGenerated", "ResourceId", "Computer",
            "SourceComputerId", "Product", "ProductArch", "ProductVersion", "Classification", "UpdateState", "OSType");

    private final AzureFleet fleet;
    private final Object cacheLock = new Object();
    private String cacheKey = "";
    private List<String[]> cacheRows = List.of();
    private volatile int maxRows = 500_000;
    private volatile long maxBytes = 64L * 1024 * 1024;
    private final AtomicInteger queries = new AtomicInteger();
    private final AtomicInteger partialAnswers = new AtomicInteger();

    EmulatedLogAnalytics(AzureFleet fleet) {
        this.fleet = fleet;
    }

    void limits(int maxRows, long maxBytes) {
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
    }

    /** @return {queries answered, partial answers} */
    int[] counts() {
        return new int[] {queries.get(), partialAnswers.get()};
    }

    void resetCounts() {
        queries.set(0);
        partialAnswers.set(0);
    }

    /**
     * Answers a query or a workspace's {@code GET}; null for other requests.
     *
     * @param r the request
     * @param partial whether an injected fault makes the answer partial (half of the rows)
     * @return the answer, or null
     */
    Answer answer(Request r, boolean partial) throws IOException {
        String p = r.trimmedPath();
        String[] seg = p.substring(1).split("/");
        if (r.method().equals("POST") && seg.length == 4 && seg[0].equals("v1") && seg[1].equals("workspaces")
                && seg[3].equals("query")) {
            return query(seg[2], r.body(), partial);
        }
        if (r.method().equals("GET") && r.lowerPath().contains("/providers/microsoft.operationalinsights/workspaces/")) {
            String customerId = fleet.workspaceCustomerId(p);
            if (customerId == null) {
                return Arm.notFound(p);
            }
            ObjectNode ws = Arm.JSON.createObjectNode().put("id", p).put("name", seg[seg.length - 1])
                    .put("type", "Microsoft.OperationalInsights/workspaces").put("location", "westeurope");
            ws.putObject("properties").put("customerId", customerId).put("provisioningState", "Succeeded");
            return Answer.json(200, ws);
        }
        return null;
    }

    private Answer query(String workspace, byte[] body, boolean partial) throws IOException {
        if (!fleet.knownWorkspace(workspace)) {
            return Answer.error(404, "WorkspaceNotFoundError", "The workspace could not be found");
        }
        JsonNode req = Arm.JSON.readTree(body);
        String kql = req.path("query").asText("");
        if (req.hasNonNull("timespan") && !validTimespan(req.get("timespan").asText())) {
            return Answer.error(400, "BadArgumentError", "Invalid timespan: " + req.get("timespan").asText());
        }
        if (!kql.strip().startsWith("Update") || !kql.contains("arg_max(TimeGenerated")) {
            return Answer.error(400, "BadArgumentError", "The emulator only evaluates the patchwindow Update query.");
        }
        Matcher dm = DATETIME.matcher(kql);
        Instant notBefore = dm.find() ? Instant.parse(dm.group(1).strip()) : Instant.EPOCH;
        // | where hash(ResourceId, k) == i, before the summarize: every row of a machine is in the same part
        int[] part = Kql.hashPart(kql, "ResourceId");
        if (part != null && (part[0] < 1 || part[1] < 0 || part[1] >= part[0])) {
            return Answer.error(400, "BadArgumentError", "hash(ResourceId, " + part[0] + ") is never " + part[1]);
        } else if (part == null && kql.contains("hash(")) {
            return Answer.error(400, "BadArgumentError", "The emulator evaluates hash(ResourceId, k) == i only.");
        }
        List<String[]> rows = new ArrayList<>();
        for (String[] row : updateResult(notBefore)) {
            if (Kql.inPart(Kql.hash(row[1]), part)) {
                rows.add(row);
            }
        }
        if (partial) {
            rows = rows.subList(0, rows.size() / 2);
        }
        queries.incrementAndGet();
        return Answer.raw(200, write(rows, partial));
    }

    /**
     * Writes the answer as it is produced, and cuts it as the service does: at {@code maxRows} rows or when the
     * rows' JSON would pass {@code maxBytes}; the rows before the cut are answered with a {@code PartialError}.
     */
    private byte[] write(List<String[]> rows, boolean partial) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 16);
        String cut = null;
        try (JsonGenerator g = Arm.JSON.getFactory().createGenerator(buf)) {
            g.writeStartObject();
            g.writeArrayFieldStart("tables");
            g.writeStartObject();
            g.writeStringField("name", "PrimaryResult");
            g.writeArrayFieldStart("columns");
            for (String c : UPDATE_COLUMNS) {
                g.writeStartObject();
                g.writeStringField("name", c);
                g.writeStringField("type", c.equals("TimeGenerated") ? "datetime" : "string");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("rows");
            g.flush();
            long rowsStart = buf.size();
            int written = 0;
            for (String[] r : rows) {
                if (written >= maxRows) {
                    cut = "Query result set has exceeded the internal record count limit " + maxRows
                            + " (E_QUERY_RESULT_SET_TOO_LARGE; see https://aka.ms/kustoquerylimits)";
                    break;
                }
                long before = buf.size() + g.getOutputBuffered();
                if (before - rowsStart + rowBytes(r) > maxBytes) {
                    cut = "Query result set has exceeded the internal data size limit " + maxBytes
                            + " (E_QUERY_RESULT_SET_TOO_LARGE; see https://aka.ms/kustoquerylimits)";
                    break;
                }
                g.writeStartArray();
                for (String v : r) {
                    if (v == null) {
                        g.writeNull();
                    } else {
                        g.writeString(v);
                    }
                }
                g.writeEndArray();
                written++;
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            if (cut != null || partial) {
                partialAnswers.incrementAndGet();
                writePartialError(g, cut != null ? cut
                        : "Partial query failure: Low memory condition (E_LOW_MEMORY_CONDITION).");
            }
            g.writeEndObject();
        }
        return buf.toByteArray();
    }

    private static void writePartialError(JsonGenerator g, String reason) throws IOException {
        g.writeObjectFieldStart("error");
        g.writeStringField("message", "Response contained partial data");
        g.writeStringField("code", "PartialError");
        g.writeArrayFieldStart("details");
        g.writeStartObject();
        g.writeStringField("code", "EngineError");
        g.writeStringField("message", "Something went wrong processing your query on the server.");
        g.writeObjectFieldStart("innererror");
        g.writeStringField("code", "-2133196797");
        g.writeStringField("message", reason);
        g.writeNumberField("severity", 2);
        g.writeStringField("severityName", "Error");
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    /** The JSON size of a row's cells: a bound the service applies to the result, as bytes of the answer. */
    private static long rowBytes(String[] r) {
        long n = 2;
        for (String v : r) {
            n += v == null ? 5 : v.length() + 3;
        }
        return n;
    }

    /**
     * The runbook query's result over the fleet's rows, as cells in {@link #UPDATE_COLUMNS} order: rows since
     * notBefore, Linux, newest per (ResourceId, Computer, SourceComputerId, Product, ProductArch), Needed,
     * Security or Critical, sorted. Kept for the next query of the same notBefore and row count.
     */
    private List<String[]> updateResult(Instant notBefore) {
        List<ObjectNode> source = fleet.updateRows();
        String key = notBefore + "/" + source.size();
        synchronized (cacheLock) {
            if (key.equals(cacheKey)) {
                return cacheRows;
            }
        }
        Map<String, ObjectNode> newest = new HashMap<>();
        Map<ObjectNode, Instant> times = new IdentityHashMap<>();
        for (ObjectNode r : source) {
            Instant t = Instant.parse(r.path("TimeGenerated").asText());
            if (t.isBefore(notBefore) || !r.path("OSType").asText().equalsIgnoreCase("Linux")) {
                continue;
            }
            times.put(r, t);
            String k = String.join("\u0000", r.path("ResourceId").asText(), r.path("Computer").asText(),
                    r.path("SourceComputerId").asText(), r.path("Product").asText(), r.path("ProductArch").asText());
            ObjectNode prev = newest.get(k);
            if (prev == null || times.get(prev).isBefore(t)) {
                newest.put(k, r);
            }
        }
        List<String[]> rows = newest.values().stream()
                .filter(r -> r.path("UpdateState").asText().equalsIgnoreCase("Needed"))
                .filter(r -> {
                    String c = Arm.lower(r.path("Classification").asText());
                    return c.contains("security") || c.contains("critical");
                })
                .sorted(Comparator.<ObjectNode, String>comparing(r -> r.path("ResourceId").asText())
                        .thenComparing(r -> r.path("Computer").asText())
                        .thenComparing(r -> r.path("Product").asText())
                        .thenComparing(r -> r.path("ProductArch").asText()))
                .map(r -> {
                    String[] cells = new String[UPDATE_COLUMNS.size()];
                    for (int i = 0; i < cells.length; i++) {
                        JsonNode v = r.get(UPDATE_COLUMNS.get(i));
                        cells[i] = v == null || v.isNull() ? null : v.asText();
                    }
                    return cells;
                })
                .collect(Collectors.toList());
        synchronized (cacheLock) {
            cacheKey = key;
            cacheRows = rows;
        }
        return rows;
    }

    /** ISO 8601: a duration, or start/end, or start/duration, with years of four digits. */
    static boolean validTimespan(String text) {
        try {
            String[] parts = text.split("/");
            if (parts.length == 1) {
                Duration.parse(parts[0]);
                return true;
            }
            if (parts.length != 2 || !parts[0].matches("\\d{4}-.*")) {
                return false;
            }
            OffsetDateTime.parse(parts[0]);
            if (parts[1].startsWith("P")) {
                Duration.parse(parts[1]);
            } else if (parts[1].matches("\\d{4}-.*")) {
                OffsetDateTime.parse(parts[1]);
            } else {
                return false;
            }
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
