package io.patchwindow.azure.assessment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.patchwindow.azure.AzureAdapterException;

/**
 * One call of the Log Analytics query API ({@code POST {endpoint}/workspaces/{id}/query}, body
 * {@code {"query", "timespan"}}) sent through the {@link HttpPipeline} that the SDK's {@code LogsQueryClient}
 * would build (authentication with the Log Analytics scope, retry, logging: see
 * {@link io.patchwindow.azure.PatchwindowAzure}), with the answer read by a Jackson streaming parser: each row of each table is
 * handed over as it is parsed, so reading is linear in rows. (The SDK client, azure-monitor-query 1.5.2,
 * converts the rows with {@code List.get(i)} on a {@code LinkedList} in
 * {@code LogsQueryHelper.getLogsQueryResult}, quadratic in rows: 600,000 rows took minutes.)
 *
 * <p>A 200 answer may carry an {@code error} object beside its tables: the service's partial error
 * ({@code PartialError}, e.g. when the result passed 500,000 rows or 64 MB); it is returned in the
 * {@link Outcome}. An error status throws {@link AzureAdapterException} with the service's error code.
 */
public final class LogAnalyticsQuery {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();
    /** {@code (E_LOW_MEMORY_CONDITION)}-style engine codes in error messages. */
    private static final Pattern ENGINE_CODE = Pattern.compile("\\b(E_[A-Z0-9_]+)\\b");
    /** What the query engine says when a result passes its row or size limit (Kusto query limits). */
    static final String RESULT_LIMIT_CODE = "E_QUERY_RESULT_SET_TOO_LARGE";

    private final HttpPipeline pipeline;
    private final String endpoint;

    /**
     * Creates the query API client. Used by {@link io.patchwindow.azure.PatchwindowAzure}.
     *
     * @param pipeline the Log Analytics pipeline (its authentication policy has the Log Analytics scope), not null
     * @param endpoint e.g. {@code https://api.loganalytics.io/v1}, without a trailing slash, not null
     */
    public LogAnalyticsQuery(HttpPipeline pipeline, String endpoint) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    /**
     * Runs a query and hands every row over as its cells (text, or null), in the order of the table's columns.
     *
     * @param workspace the workspace GUID (validated)
     * @param kql the query, built by the adapter
     * @param timespan ISO 8601 {@code start/end}
     * @param rows receives the column names of a table, then its rows
     * @return the answer's partial error, if any, and counts
     * @throws AzureAdapterException on an error status, a connection failure or an unreadable answer
     */
    Outcome run(String workspace, String kql, String timespan, RowHandler rows) {
        String what = "Log Analytics query of workspace " + workspace;
        ObjectNode body = JSON.createObjectNode().put("query", kql).put("timespan", timespan);
        HttpRequest request = new HttpRequest(HttpMethod.POST, endpoint + "/workspaces/" + workspace + "/query")
                .setHeader(HttpHeaderName.ACCEPT, "application/json")
                .setHeader(HttpHeaderName.CONTENT_TYPE, "application/json")
                .setBody(BinaryData.fromObject(body).toBytes());
        try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
            int status = response.getStatusCode();
            BinaryData data = response.getBodyAsBinaryData();
            if (status >= 400) {
                JsonNode error = parseOrEmpty(data == null ? new byte[0] : data.toBytes());
                JsonNode e = error.path("error");
                String code = e.path("code").isTextual() ? e.path("code").asText() : "HttpStatus" + status;
                String message = e.path("message").isTextual() ? e.path("message").asText() : "HTTP " + status;
                throw new AzureAdapterException(what + " failed: HTTP " + status + " " + code + ": " + message, code,
                        status, null);
            }
            if (data == null) {
                throw unexpected(what, "no body");
            }
            try (InputStream in = data.toStream(); JsonParser p = FACTORY.createParser(in)) {
                return read(p, rows, what);
            }
        } catch (IOException e) {
            throw new AzureAdapterException(what + " failed: unreadable answer: " + e.getMessage(),
                    "UnexpectedResultFormat", 200, e);
        } catch (UncheckedIOException e) {
            throw new AzureAdapterException(what + " failed: " + e.getMessage(), null, 0, e);
        } catch (RuntimeException e) {
            throw AzureAdapterException.wrap(what, e);
        }
    }

    private static Outcome read(JsonParser p, RowHandler rows, String what) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw unexpected(what, "not a JSON object");
        }
        JsonNode error = null;
        long count = 0;
        boolean tables = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (field.equals("tables") && t == JsonToken.START_ARRAY) {
                tables = true;
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    count += readTable(p, rows, what);
                }
            } else if (field.equals("error") && t == JsonToken.START_OBJECT) {
                error = p.readValueAsTree();
            } else {
                p.skipChildren();
            }
        }
        if (!tables) {
            throw unexpected(what, "no tables");
        }
        return new Outcome(count, error);
    }

    /** Reads one table object (the parser is on its START_OBJECT); rows before columns are kept until known. */
    private static long readTable(JsonParser p, RowHandler rows, String what) throws IOException {
        List<String> columns = null;
        List<@Nullable String[]> early = null;
        long count = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (field.equals("columns") && t == JsonToken.START_ARRAY) {
                columns = new ArrayList<>();
                JsonNode cols = p.readValueAsTree();
                for (JsonNode c : cols) {
                    columns.add(c.path("name").asText(""));
                }
                rows.columns(columns);
                if (early != null) {
                    for (String[] r : early) {
                        rows.row(r);
                    }
                    early = null;
                }
            } else if (field.equals("rows") && t == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_ARRAY) {
                    String[] cells = readRow(p, columns == null ? 16 : columns.size());
                    count++;
                    if (columns == null) {
                        if (early == null) {
                            early = new ArrayList<>();
                        }
                        early.add(cells);
                    } else {
                        rows.row(cells);
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        if (early != null) {
            throw unexpected(what, "a table has rows and no columns");
        }
        return count;
    }

    private static String[] readRow(JsonParser p, int width) throws IOException {
        List<String> cells = new ArrayList<>(width);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.VALUE_NULL) {
                cells.add(null);
            } else if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                cells.add(p.readValueAsTree().toString()); // a dynamic cell, as its JSON text
            } else {
                cells.add(p.getText());
            }
        }
        return cells.toArray(new String[0]);
    }

    private static JsonNode parseOrEmpty(byte[] body) {
        try {
            return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static AzureAdapterException unexpected(String what, String detail) {
        return new AzureAdapterException(what + " failed: unexpected answer (" + detail + ")", "UnexpectedResultFormat",
                200, null);
    }

    /**
     * Whether a partial error says the result passed the service's row or size limit (500,000 rows, 64 MB):
     * then the same query over a smaller part of the data is complete. The engine names it
     * {@code E_QUERY_RESULT_SET_TOO_LARGE} in the detail's message ("Query result set has exceeded the internal
     * record count limit 500000" / "... data size limit 67108864").
     *
     * @param error the answer's {@code error} object
     * @return whether it is the result limit
     */
    static boolean isResultLimit(JsonNode error) {
        String text = error.toString();
        return text.contains(RESULT_LIMIT_CODE)
                || text.toLowerCase(Locale.ROOT).contains("result set has exceeded the internal");
    }

    /**
     * The most specific code of a partial error: {@code PartialError/E_LOW_MEMORY_CONDITION} when an engine code
     * appears in a detail, else {@code PartialError/<first detail code>}, else the top code.
     *
     * @param error the answer's {@code error} object
     * @return the code, not blank
     */
    static String code(JsonNode error) {
        String top = error.path("code").asText("PartialError");
        if (top.isBlank()) {
            top = "PartialError";
        }
        Matcher m = ENGINE_CODE.matcher(error.path("details").toString());
        if (m.find()) {
            return top + "/" + m.group(1);
        }
        JsonNode first = error.path("details").path(0).path("code");
        return first.isTextual() && !first.asText().isBlank() ? top + "/" + first.asText() : top;
    }

    /**
     * The messages of a partial error, one line: the top message and each detail's (inner) message.
     *
     * @param error the answer's {@code error} object
     * @return the text, not null
     */
    static String message(JsonNode error) {
        StringBuilder b = new StringBuilder(error.path("message").asText(""));
        for (JsonNode d : error.path("details")) {
            String inner = d.path("innererror").path("message").asText(d.path("message").asText(""));
            if (!inner.isBlank()) {
                b.append(b.length() == 0 ? "" : "; ").append(inner);
            }
        }
        String s = b.toString().replaceAll("\\s+", " ").strip();
        return s.length() > 500 ? s.substring(0, 500) + "..." : s;
    }

    /** Receives a table's columns, then each of its rows. */
    interface RowHandler {
        /**
         * @param names the column names, in order
         */
        void columns(List<String> names);

        /**
         * @param cells the cells in column order, text or null
         */
        void row(@Nullable String[] cells);
    }

    /**
     * What a query answered besides its rows.
     *
     * @param rows how many rows were read
     * @param partialError the {@code error} object of a 200 answer (a partial result), or null
     */
    record Outcome(long rows, @Nullable JsonNode partialError) {
    }

    /** Maps column names to indexes. */
    static Map<String, Integer> index(List<String> names) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.putIfAbsent(names.get(i), i);
        }
        return m;
    }
}
