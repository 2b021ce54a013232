package io.patchwindow.azure.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.azure.resourcemanager.resourcegraph.models.QueryRequest;
import com.azure.resourcemanager.resourcegraph.models.QueryRequestOptions;
import com.azure.resourcemanager.resourcegraph.models.QueryResponse;
import com.azure.resourcemanager.resourcegraph.models.ResultFormat;
import com.azure.resourcemanager.resourcegraph.models.ResultTruncated;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.patchwindow.azure.AzureAdapterException;
import io.patchwindow.azure.PatchwindowAzure;

/**
 * Runs one fixed KQL query over subscriptions in batches, page by page with {@code $skipToken}, resending
 * the same query and scopes for every page. A truncated answer without a skip token is an error (or, for a
 * query that can be split, {@link Result#truncated() reported} so that the caller splits it). Requests are
 * paced by Resource Graph's per-user quota ({@link GraphQuota}); a 429 that the pipeline's retries did not
 * get through waits for the window the answer names and is sent again.
 */
public final class GraphPager {
    private static final Logger LOG = LoggerFactory.getLogger(GraphPager.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Resource Graph's largest page. */
    public static final int MAX_PAGE = 1000;
    private static final int MAX_PAGES = 1_000_000;
    /** How many times one page is sent again after a 429 that outlasted the pipeline's retries. */
    static final int MAX_THROTTLED_PAGE_RETRIES = 20;

    private final ResourceGraphManager manager;
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
     * @param manager the Resource Graph manager, not null
     * @param subscriptionBatchSize how many subscriptions one request covers, at least 1
     * @param pageSize rows per page, 1 to {@value #MAX_PAGE}
     * @param quota the quota of the caller, shared by its pagers, not null
     */
    public GraphPager(ResourceGraphManager manager, int subscriptionBatchSize, int pageSize, GraphQuota quota) {
        this.manager = Objects.requireNonNull(manager, "manager");
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
        int requests = 0;
        for (int from = 0; from < subscriptions.size(); from += subscriptionBatchSize) {
            List<String> batch = List.copyOf(subscriptions.subList(from,
                    Math.min(subscriptions.size(), from + subscriptionBatchSize)));
            String skipToken = null;
            int pages = 0;
            do {
                QueryRequestOptions options = new QueryRequestOptions().withTop(pageSize)
                        .withResultFormat(ResultFormat.OBJECT_ARRAY);
                if (skipToken != null) {
                    options.withSkipToken(skipToken);
                }
                QueryRequest request = new QueryRequest().withSubscriptions(batch).withQuery(query)
                        .withOptions(options);
                QueryResponse response = send(request, what);
                requests++;
                pages++;
                if (response == null || response.innerModel() == null) {
                    // a 2xx answer whose body is empty or JSON null
                    throw new AzureAdapterException(what + " failed: unexpected result format (an empty answer; "
                            + "expected an object with data)", "UnexpectedResultFormat", 200, null);
                }
                String next = response.skipToken();
                boolean noNext = next == null || next.isEmpty();
                // a first page without a skip token that holds fewer rows than the total is a cut answer too
                boolean cut = pages == 1 && response.count() < response.totalRecords();
                if (noNext && (ResultTruncated.TRUE.equals(response.resultTruncated()) || cut)) {
                    if (allowTruncated) {
                        return new Result(requests, true);
                    }
                    throw new AzureAdapterException(what + " failed: Resource Graph truncated the result ("
                            + response.count() + " of " + response.totalRecords()
                            + " rows) and gave no skip token; refusing a partial answer", "ResultTruncated", 200,
                            null);
                }
                JsonNode data = JSON.valueToTree(response.data());
                if (data != null && data.isArray()) {
                    for (JsonNode row : data) {
                        rows.accept(row);
                    }
                } else if (data != null && !data.isNull()) {
                    throw new AzureAdapterException(what + " failed: unexpected result format (expected an object array)",
                            "UnexpectedResultFormat", 200, null);
                }
                LOG.debug("{}: page {} of subscription batch {} gave {} rows (total {})", what, pages,
                        from / subscriptionBatchSize + 1, response.count(), response.totalRecords());
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

    /** Sends one page within the quota; a 429 left after the pipeline's retries waits for its window and is resent. */
    private QueryResponse send(QueryRequest request, String what) {
        for (int attempt = 0;; attempt++) {
            quota.awaitTurn();
            boolean counted = false;
            try {
                Response<QueryResponse> response = manager.resourceProviders().resourcesWithResponse(request,
                        Context.NONE);
                counted = true;
                quota.answered(response.getHeaders());
                return response.getValue();
            } catch (HttpResponseException e) {
                HttpResponse answer = e.getResponse();
                counted = true;
                Duration wait = quota.answered(answer == null ? null : answer.getHeaders());
                if (answer != null && answer.getStatusCode() == 429 && attempt < MAX_THROTTLED_PAGE_RETRIES) {
                    if (wait == null) {
                        // no quota header: wait as a client without Retry-After should, growing, at most 10 s
                        GraphQuota.sleep(Duration.ofMillis(Math.min(10_000, 500L << Math.min(attempt, 5))).toNanos());
                    }
                    LOG.debug("{}: throttled (429) after the pipeline's retries; attempt {}", what, attempt + 1);
                    continue;
                }
                throw AzureAdapterException.wrap(what, e);
            } catch (RuntimeException e) {
                throw AzureAdapterException.wrap(what, e);
            } finally {
                if (!counted) {
                    quota.answered(null);
                }
            }
        }
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
