package io.patchwindow.azure.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * the same query and scopes for every page. A truncated answer without a skip token is an error.
 */
public final class GraphPager {
    private static final Logger LOG = LoggerFactory.getLogger(GraphPager.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Resource Graph's largest page. */
    public static final int MAX_PAGE = 1000;
    private static final int MAX_PAGES = 1_000_000;

    private final ResourceGraphManager manager;
    private final int subscriptionBatchSize;
    private final int pageSize;

    /**
     * Pages queries through a manager.
     *
     * @param manager the Resource Graph manager, not null
     * @param subscriptionBatchSize how many subscriptions one request covers, at least 1
     * @param pageSize rows per page, 1 to {@value #MAX_PAGE}
     */
    public GraphPager(ResourceGraphManager manager, int subscriptionBatchSize, int pageSize) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.subscriptionBatchSize = subscriptionBatchSize;
        this.pageSize = pageSize;
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
     */
    public int forEachRow(String query, List<String> subscriptions, String what, Consumer<JsonNode> rows) {
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
                QueryResponse response;
                try {
                    response = manager.resourceProviders().resources(request);
                } catch (RuntimeException e) {
                    throw AzureAdapterException.wrap(what, e);
                }
                requests++;
                pages++;
                String next = response.skipToken();
                if (ResultTruncated.TRUE.equals(response.resultTruncated()) && (next == null || next.isEmpty())) {
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
                skipToken = next == null || next.isEmpty() ? null : next;
                if (pages > MAX_PAGES) {
                    throw new AzureAdapterException(what + " failed: more than " + MAX_PAGES + " pages", null, 200, null);
                }
            } while (skipToken != null);
        }
        return requests;
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
