package io.patchwindow.azure.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.rest.PagedIterable;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.http.rest.PagedResponseBase;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.patchwindow.azure.AzureAdapterException;
import io.patchwindow.core.text.Quoting;

/**
 * ARM calls for which the available SDK libraries have no typed client (HybridCompute machines, the
 * Automation linked workspace, the workspace's customer id), sent through the manager's
 * {@link HttpPipeline} (its authentication, retry and logging policies) and paged with the SDK's
 * {@link PagedIterable} over {@code nextLink}.
 */
public final class ArmJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpPipeline pipeline;

    /**
     * Sends through a pipeline.
     *
     * @param pipeline the Resource Manager pipeline, not null
     */
    public ArmJson(HttpPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * GETs one JSON document.
     *
     * @param url absolute URL built from validated parts
     * @return the body, not null
     * @throws ManagementException on an error status (with the ARM error code)
     */
    public JsonNode get(String url) {
        HttpRequest request = new HttpRequest(HttpMethod.GET, url).setHeader(HttpHeaderName.ACCEPT, "application/json");
        try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
            byte[] body = response.getBodyAsBinaryData() == null ? new byte[0]
                    : response.getBodyAsBinaryData().toBytes();
            JsonNode json = body.length == 0 ? JSON.createObjectNode() : parse(body);
            int status = response.getStatusCode();
            if (status >= 400) {
                ManagementError me = new ManagementError(errorCode(json, status), errorMessage(json, status));
                throw new ManagementException("Status code " + status + ", " + me.getCode() + ": " + me.getMessage(),
                        response, me);
            }
            return json;
        }
    }

    /**
     * Sends one request with an optional JSON body and returns the status and body without throwing for an
     * error status (writes report ARM refusals as results, not exceptions). Retries (429 with
     * {@code Retry-After}, 5xx) are the pipeline's.
     *
     * @param method the method
     * @param url absolute URL built from validated parts
     * @param body the JSON body, or null
     * @return the answer, not null
     * @throws RuntimeException if no answer was received (connection failure after the pipeline's retries)
     */
    public Answer send(HttpMethod method, String url, @Nullable JsonNode body) {
        HttpRequest request = new HttpRequest(method, url).setHeader(HttpHeaderName.ACCEPT, "application/json");
        if (body != null) {
            try {
                request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
                request.setBody(JSON.writeValueAsBytes(body));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
            byte[] bytes = response.getBodyAsBinaryData() == null ? new byte[0]
                    : response.getBodyAsBinaryData().toBytes();
            JsonNode json = bytes.length == 0 ? JSON.createObjectNode() : parse(bytes);
            return new Answer(response.getStatusCode(), json);
        }
    }

    /**
     * An HTTP answer: status and JSON body (an empty object when there was none or it was not JSON).
     *
     * @param status the HTTP status
     * @param body the body
     */
    public record Answer(int status, JsonNode body) {
        /** @return whether the status is 2xx */
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** @return the ARM error code, e.g. {@code InvalidParameter}, or {@code HttpStatus<n>} when none was given */
        public String errorCode() {
            return ArmJson.errorCode(body, status);
        }

        /** @return the ARM error message, or {@code HTTP <n>} */
        public String errorMessage() {
            return ArmJson.errorMessage(body, status);
        }
    }

    /**
     * The error object of an answer: ARM nests it ({@code {"error":{"code","message"}}}), the Automation API's
     * spec declares it flat ({@code {"code","message"}}, its {@code ErrorResponse}); both are read.
     */
    private static JsonNode errorObject(JsonNode body) {
        JsonNode nested = body.path("error");
        if (nested.isObject() && nested.path("code").isTextual()) {
            return nested;
        }
        return body;
    }

    /** The ARM error code of an error answer, or {@code HttpStatus<n>} when it names none. */
    static String errorCode(JsonNode body, int status) {
        JsonNode c = errorObject(body).path("code");
        return c.isTextual() && !c.asText().isBlank() ? c.asText() : "HttpStatus" + status;
    }

    /** The ARM error message of an error answer, or {@code HTTP <n>}. */
    static String errorMessage(JsonNode body, int status) {
        JsonNode m = errorObject(body).path("message");
        return m.isTextual() ? m.asText() : "HTTP " + status;
    }

    /**
     * Lists an ARM collection lazily, following {@code nextLink}.
     *
     * @param firstUrl the first page URL
     * @return the items, each page fetched when iterated
     */
    public PagedIterable<JsonNode> list(String firstUrl) {
        return new PagedIterable<>(() -> page(firstUrl), this::page);
    }

    private PagedResponse<JsonNode> page(String url) {
        JsonNode json = get(url);
        JsonNode value = json.get("value");
        if (value == null || !value.isArray()) {
            // an answer without its list is not an empty list: machines or deployments would silently vanish
            throw new AzureAdapterException("Unexpected answer from GET " + path(url) + ": no 'value' array",
                    "UnexpectedResultFormat", 200, null);
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        JsonNode nextNode = json.get("nextLink");
        String next = null;
        if (nextNode != null && !nextNode.isNull() && !(nextNode.isTextual() && nextNode.asText().isEmpty())) {
            next = checkNextLink(url, nextNode);
        }
        return new PagedResponseBase<Void, JsonNode>(new HttpRequest(HttpMethod.GET, url), 200, null, items, next,
                null);
    }

    /**
     * Accepts a {@code nextLink} only on the origin (scheme, host, port) of the page that gave it, so that an
     * answer can never send the bearer token to another host, and only without {@code ..} segments.
     */
    static String checkNextLink(String pageUrl, JsonNode nextNode) {
        String next = nextNode.isTextual() ? nextNode.asText() : nextNode.toString();
        try {
            URI page = new URI(pageUrl);
            URI uri = new URI(next);
            boolean sameOrigin = uri.isAbsolute() && page.getScheme().equalsIgnoreCase(uri.getScheme())
                    && uri.getHost() != null && page.getHost().equalsIgnoreCase(uri.getHost())
                    && page.getPort() == uri.getPort() && uri.getRawUserInfo() == null;
            String p = uri.getPath() == null ? "" : uri.getPath() + "/";
            boolean cleanPath = p.startsWith("/") && !p.contains("/../") && !p.contains("/./");
            if (sameOrigin && cleanPath) {
                return next;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new AzureAdapterException("Unexpected answer from GET " + path(pageUrl) + ": refusing nextLink "
                + Quoting.quote(next) + " (not a URL on the same host)", "InvalidNextLink", 200, null);
    }

    private static String path(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
