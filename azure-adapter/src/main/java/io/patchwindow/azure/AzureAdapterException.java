package io.patchwindow.azure;

import java.io.IOException;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.models.ResponseError;
import com.azure.json.JsonSerializable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * An Azure call failed: the platform refused it, answered an error after the SDK's retries, could not be
 * reached, or gave an answer that cannot be used (for example a truncated Resource Graph result).
 *
 * <p>The message names the operation, the HTTP status and the platform error code, e.g.
 * {@code Resource Graph query failed: HTTP 403 AuthorizationFailed: The client does not have authorization};
 * the SDK exception is the cause. Messages never contain tokens or request headers. The command-line tool
 * maps this exception to exit code 3.
 */
public final class AzureAdapterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The platform error code, or null if none. */
    private final @Nullable String errorCode;
    /** The HTTP status, or 0 if no answer was received. */
    private final int httpStatus;

    /**
     * Creates an exception.
     *
     * @param message the message, not null
     * @param errorCode the platform error code, or null if none
     * @param httpStatus the HTTP status, or 0 if no answer was received
     * @param cause the SDK exception, or null
     */
    public AzureAdapterException(String message, @Nullable String errorCode, int httpStatus,
                                 @Nullable Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.httpStatus = httpStatus;
    }

    /**
     * Returns the platform error code, e.g. {@code AuthorizationFailed}, {@code TooManyRequests}.
     *
     * @return the code, or null when the platform gave none (connection failure, truncated answer)
     */
    public @Nullable String errorCode() {
        return errorCode;
    }

    /**
     * Returns the HTTP status of the failed answer.
     *
     * @return the status, or 0 when no answer was received
     */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * Wraps a failure of an SDK call, keeping the ARM (or Log Analytics) error code and HTTP status.
     *
     * @param operation what was attempted, e.g. {@code Resource Graph query}
     * @param failure the SDK exception, not null
     * @return the exception to throw, not null
     */
    public static AzureAdapterException wrap(String operation, RuntimeException failure) {
        if (failure instanceof AzureAdapterException) {
            return (AzureAdapterException) failure;
        }
        int status = 0;
        String code = null;
        String detail = null;
        if (failure instanceof HttpResponseException) {
            HttpResponseException h = (HttpResponseException) failure;
            status = h.getResponse() == null ? 0 : h.getResponse().getStatusCode();
            Object value = h.getValue();
            if (failure instanceof ManagementException && ((ManagementException) failure).getValue() != null) {
                ManagementError e = ((ManagementException) failure).getValue();
                code = e.getCode();
                detail = e.getMessage();
            } else if (value instanceof ResponseError) {
                code = ((ResponseError) value).getCode();
                detail = ((ResponseError) value).getMessage();
            } else if (value instanceof Map) {
                Object error = ((Map<?, ?>) value).get("error");
                if (error instanceof Map) {
                    code = stringOrNull(((Map<?, ?>) error).get("code"));
                    detail = stringOrNull(((Map<?, ?>) error).get("message"));
                }
            } else if (value instanceof JsonSerializable) {
                // e.g. the Log Analytics client's error model: read {"error":{"code","message"}} from its JSON
                JsonNode json = toJson((JsonSerializable<?>) value);
                JsonNode error = json.has("error") ? json.get("error") : json;
                code = textOrNull(error.get("code"));
                detail = textOrNull(error.get("message"));
            }
            if (detail == null) {
                detail = firstLine(h.getMessage());
            }
        } else {
            detail = firstLine(failure.getMessage());
            if (detail == null) {
                detail = failure.getClass().getSimpleName();
            }
        }
        StringBuilder m = new StringBuilder(operation).append(" failed: ");
        if (status > 0) {
            m.append("HTTP ").append(status).append(' ');
        }
        if (code != null) {
            m.append(code).append(": ");
        }
        m.append(detail == null ? "no detail" : detail);
        return new AzureAdapterException(m.toString(), code, status, failure);
    }

    private static JsonNode toJson(JsonSerializable<?> value) {
        try {
            return new ObjectMapper().readTree(value.toJsonString());
        } catch (IOException | RuntimeException e) {
            return MissingNode.getInstance();
        }
    }

    private static @Nullable String textOrNull(@Nullable JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asText();
    }

    private static @Nullable String stringOrNull(@Nullable Object o) {
        return o == null ? null : o.toString();
    }

    private static @Nullable String firstLine(@Nullable String s) {
        if (s == null) {
            return null;
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 500 ? line.substring(0, 500) + "..." : line;
    }
}
