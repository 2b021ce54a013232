package io.patchwindow.azure.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.patchwindow.azure.AzureAdapterException;
import io.patchwindow.azure.PatchwindowAzure;

/**
 * Runs one fixed KQL query over subscriptions in batches, page by page with {@code $skipToken}, resending
 * the same query and scopes for every page. A truncated answer without a skip token is an error (or, for a
 * query that can be split, {@link Result#truncated() reported} so that the caller splits it). Requests are
 * paced by Resource Graph's per-user quota ({@link GraphQuota}); a 429 that the pipeline's retries did not
 * get through waits for the window the answer names and is sent again.
 *
 * <p>The request is the REST API's {@code POST /providers/Microsoft.ResourceGraph/resources} (the
 * {@code QueryRequest} body the SDK's {@code resourcesWithResponse} sends), through the manager's pipeline
 * (authentication, retries, logging). Its answer is read with a Jackson streaming parser, one row at a time:
 * the SDK's client would first turn a page's {@code data} into maps and lists, which then have to be turned
 * into trees again, three copies of every page (a 1,000-row page is megabytes).
 */
public final class GraphPager {
    private static final Logger LOG = LoggerFactory.getLogger(GraphPager.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();
    /** Resource Graph's largest page. */
    public static final int MAX_PAGE = 1000;
    private static final int MAX_PAGES = 1_000_000;
    /** How many times one page is sent again after a 429 that outlasted the pipeline's retries. */
    static final int MAX_THROTTLED_PAGE_RETRIES = 20;

    private final HttpPipeline pipeline;
    private final String url;
    private final int subscriptionBatchSize;
    private final int pageSize;
    private final GraphQuota quota;

    /**
     * Pages queries through a manager, with a quota of its own.
     *
     * @param manager the Resource Graph manager, not null
     * @param subscriptionBatchSize how many subscriptions one request covers, at least 1
     * @param pageSize rows per page, 1 to {@value #MAX_PAGE}
     */
    public GraphPager(ResourceGraphManager manager, int subscriptionBatchSize, int pageSize) {
        this(manager, subscriptionBatchSize, pageSize, new GraphQuota());
    }

    /**
     * Pages queries through a manager within a shared per-user quota.
     *
     * @param manager the Resource Graph manager (its pipeline, endpoint and API version are used), not null
     * @param subscriptionBatchSize how many subscriptions one request covers, at least 1
     * @param pageSize rows per page, 1 to {@value #MAX_PAGE}
     * @param quota the quota of the caller, shared by its pagers, not null
     */
    public GraphPager(ResourceGraphManager manager, int subscriptionBatchSize, int pageSize, GraphQuota quota) {
        Objects.requireNonNull(manager, "manager");
        this.pipeline = manager.serviceClient().getHttpPipeline();
        String endpoint = manager.serviceClient().getEndpoint();
        this.url = (endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint)
                + "/providers/Microsoft.ResourceGraph/resources?api-version=" + manager.serviceClient().getApiVersion();
        this.subscriptionBatchSize = subscriptionBatchSize;
        this.pageSize = pageSize;
        this.quota = Objects.requireNonNull(quota, "quota");
    }

    /**
     * Returns a pager over an entry point's pipeline with its subscription batch size and the largest page.
     *
     * @param azure the entry point, not null
     * @return a new pager, not null
     */
    public static GraphPager of(PatchwindowAzure azure) {
        return new GraphPager(ResourceGraphManager.authenticate(azure.httpPipeline(), azure.profile()),
                azure.subscriptionBatchSize(), MAX_PAGE);
    }

    /**
     * Runs a query over the subscriptions and hands every row (an object) to the consumer.
     *
     * @param query the KQL, a constant of the adapter (never user text)
     * @param subscriptions validated subscription GUIDs
     * @param what the operation name for messages
     * @param rows receives each row
     * @return the number of requests sent
     * @throws AzureAdapterException if a page fails after the retries, or an answer is truncated
     */
    public int forEachRow(String query, List<String> subscriptions, String what, Consumer<JsonNode> rows) {
        return run(query, subscriptions, what, rows, false).requests();
    }

    /**
     * Runs a query; a truncated answer (no skip token) stops it and is reported instead of thrown, before any
     * row of that answer is handed over (rows of earlier pages were).
     *
     * @param query the KQL, a constant of the adapter
     * @param subscriptions validated subscription GUIDs
     * @param what the operation name for messages
     * @param rows receives each row
     * @param allowTruncated whether a truncated answer is reported rather than thrown
     * @return the requests sent and whether the answer was truncated
     */
    public Result run(String query, List<String> subscriptions, String what, Consumer<JsonNode> rows,
               boolean allowTruncated) {
        return run(query, subscriptions, what, Function.identity(), rows, allowTruncated);
    }

    /**
     * Runs a query whose rows are mapped as they are read (a row's tree is dropped once mapped, so that only
     * the mapped values of a page are held until the page is known complete); a truncated answer (no skip
     * token) stops it and is reported instead of thrown, before any row of that answer is handed over (rows of
     * earlier pages were).
     *
     * @param <T> what a row is mapped to
     * @param query the KQL, a constant of the adapter
     * @param subscriptions validated subscription GUIDs
     * @param what the operation name for messages
     * @param map maps one row (the element of {@code data}, an object unless the answer is damaged); it may
     *            throw, which ends the run
     * @param rows receives each mapped row
     * @param allowTruncated whether a truncated answer is reported rather than thrown
     * @return the requests sent and whether the answer was truncated
     */
    public <T> Result run(String query, List<String> subscriptions, String what, Function<JsonNode, ? extends T> map,
                          Consumer<? super T> rows, boolean allowTruncated) {
        int requests = 0;
        for (int from = 0; from < subscriptions.size(); from += subscriptionBatchSize) {
            List<String> batch = List.copyOf(subscriptions.subList(from,
                    Math.min(subscriptions.size(), from + subscriptionBatchSize)));
            String skipToken = null;
            int pages = 0;
            do {
                Page<T> page = send(body(query, batch, skipToken), what, map);
                requests++;
                pages++;
                String next = page.skipToken();
                boolean noNext = next == null || next.isEmpty();
                // a first page without a skip token that holds fewer rows than the total is a cut answer too
                boolean cut = pages == 1 && page.count() < page.totalRecords();
                if (noNext && (page.truncated() || cut)) {
                    if (allowTruncated) {
                        return new Result(requests, true);
                    }
                    throw new AzureAdapterException(what + " failed: Resource Graph truncated the result ("
                            + page.count() + " of " + page.totalRecords()
                            + " rows) and gave no skip token; refusing a partial answer", "ResultTruncated", 200,
                            null);
                }
                page.rows().forEach(rows);
                LOG.debug("{}: page {} of subscription batch {} gave {} rows (total {})", what, pages,
                        from / subscriptionBatchSize + 1, page.count(), page.totalRecords());
                if (next != null && next.equals(skipToken)) {
                    throw new AzureAdapterException(what + " failed: Resource Graph repeated a skip token",
                            "RepeatedSkipToken", 200, null);
                }
                skipToken = noNext ? null : next;
                if (pages > MAX_PAGES) {
                    throw new AzureAdapterException(what + " failed: more than " + MAX_PAGES + " pages", null, 200, null);
                }
            } while (skipToken != null);
        }
        return new Result(requests, false);
    }

    /** The {@code QueryRequest} body: subscriptions, query, options {@code $top}, {@code $skipToken}, object arrays. */
    private byte[] body(String query, List<String> subscriptions, @Nullable String skipToken) {
        ObjectNode body = JSON.createObjectNode();
        subscriptions.forEach(body.putArray("subscriptions")::add);
        body.put("query", query);
        ObjectNode options = body.putObject("options").put("$top", pageSize);
        if (skipToken != null) {
            options.put("$skipToken", skipToken);
        }
        options.put("resultFormat", "objectArray");
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one page within the quota; a 429 left after the pipeline's retries waits for its window and is resent. */
    private <T> Page<T> send(byte[] body, String what, Function<JsonNode, ? extends T> map) {
        for (int attempt = 0;; attempt++) {
            long sentAt = quota.awaitTurn();
            boolean counted = false;
            Duration wait = null;
            try {
                HttpRequest request = new HttpRequest(HttpMethod.POST, url)
                        .setHeader(HttpHeaderName.ACCEPT, "application/json")
                        .setHeader(HttpHeaderName.CONTENT_TYPE, "application/json").setBody(body);
                try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
                    counted = true;
                    wait = quota.answered(sentAt, response.getHeaders());
                    int status = response.getStatusCode();
                    BinaryData data = response.getBodyAsBinaryData();
                    if (status != 200) {
                        // as the SDK's client: the ARM error of any other status, with the answer
                        byte[] bytes = data == null ? new byte[0] : data.toBytes();
                        JsonNode error = errorBody(bytes);
                        ManagementError e = new ManagementError(ArmJson.errorCode(error, status),
                                ArmJson.errorMessage(error, status));
                        throw new ManagementException("Status code " + status + ", " + e.getCode() + ": "
                                + e.getMessage(), response, e);
                    }
                    try (InputStream in = data == null ? InputStream.nullInputStream() : data.toStream()) {
                        return read(in, what, map);
                    }
                }
            } catch (HttpResponseException e) {
                HttpResponse answer = e.getResponse();
                if (!counted) {
                    counted = true;
                    wait = quota.answered(sentAt, answer == null ? null : answer.getHeaders());
                }
                if (answer != null && answer.getStatusCode() == 429 && attempt < MAX_THROTTLED_PAGE_RETRIES) {
                    if (wait == null) {
                        // no quota header: wait as a client without Retry-After should, growing, at most 10 s
                        GraphQuota.sleep(Duration.ofMillis(Math.min(10_000, 500L << Math.min(attempt, 5))).toNanos());
                    }
                    LOG.debug("{}: throttled (429) after the pipeline's retries; attempt {}", what, attempt + 1);
                    continue;
                }
                throw AzureAdapterException.wrap(what, e);
            } catch (IOException e) {
                throw new AzureAdapterException(what + " failed: unreadable answer: " + e.getMessage(),
                        "UnexpectedResultFormat", 200, e);
            } catch (UncheckedIOException e) {
                throw new AzureAdapterException(what + " failed: " + e.getMessage(), null, 0, e);
            } catch (RuntimeException e) {
                throw AzureAdapterException.wrap(what, e);
            } finally {
                if (!counted) {
                    quota.answered(sentAt, null);
                }
            }
        }
    }

    private static JsonNode errorBody(byte[] bytes) {
        try {
            JsonNode json = bytes.length == 0 ? null : JSON.readTree(bytes);
            return json == null ? JSON.createObjectNode() : json;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /**
     * Reads one answer: {@code totalRecords}, {@code count}, {@code resultTruncated}, {@code $skipToken} and the
     * {@code data} rows, each mapped as it is read; other fields are skipped.
     */
    private static <T> Page<T> read(InputStream in, String what, Function<JsonNode, ? extends T> map) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            JsonToken first = p.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) {
                // a 200 answer whose body is empty or JSON null
                throw new AzureAdapterException(what + " failed: unexpected result format (an empty answer; "
                        + "expected an object with data)", "UnexpectedResultFormat", 200, null);
            }
            if (first != JsonToken.START_OBJECT) {
                throw unexpected(what, "not a JSON object");
            }
            List<T> rows = new ArrayList<>();
            Long count = null;
            Long total = null;
            boolean truncated = false;
            String skipToken = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "data" -> {
                        if (t == JsonToken.START_ARRAY) {
                            while (p.nextToken() != JsonToken.END_ARRAY) {
                                JsonNode row = p.readValueAsTree();
                                rows.add(map.apply(row));
                            }
                        } else if (t != JsonToken.VALUE_NULL) {
                            throw unexpected(what, "expected an object array");
                        }
                    }
                    case "count" -> count = number(p, t);
                    case "totalRecords" -> total = number(p, t);
                    case "resultTruncated" -> truncated = t == JsonToken.VALUE_TRUE
                            || t == JsonToken.VALUE_STRING && p.getText().equalsIgnoreCase("true");
                    case "$skipToken" -> skipToken = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    default -> p.skipChildren();
                }
            }
            long c = count == null ? rows.size() : count;
            return new Page<>(rows, c, total == null ? c : total, truncated, skipToken);
        }
    }

    private static @Nullable Long number(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
    }

    private static AzureAdapterException unexpected(String what, String detail) {
        return new AzureAdapterException(what + " failed: unexpected result format (" + detail + ")",
                "UnexpectedResultFormat", 200, null);
    }

    /** One answer as read: its mapped rows, counts, truncation and skip token. */
    private record Page<T>(List<T> rows, long count, long totalRecords, boolean truncated, @Nullable String skipToken) {
    }

    /**
     * What a run did.
     *
     * @param requests the requests answered
     * @param truncated whether an answer was truncated (only with {@code allowTruncated})
     */
    public record Result(int requests, boolean truncated) {
    }

    /**
     * Returns the ids in lower case, each once, in first-seen order.
     *
     * @param ids subscription ids, not null
     * @return the distinct lower-case ids, not null
     */
    public static List<String> lowerDistinct(List<String> ids) {
        List<String> out = new ArrayList<>();
        for (String s : ids) {
            String l = s.toLowerCase(java.util.Locale.ROOT);
            if (!out.contains(l)) {
                out.add(l);
            }
        }
        return out;
    }
}
