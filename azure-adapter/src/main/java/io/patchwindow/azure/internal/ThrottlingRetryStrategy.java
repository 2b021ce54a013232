package io.patchwindow.azure.internal;

import java.time.Duration;
import java.util.List;

import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryStrategy;

import io.patchwindow.azure.PatchwindowAzure;

/**
 * The default retry strategy of {@link PatchwindowAzure}: the SDK's {@link ExponentialBackoff} (3 retries,
 * 0.8 s base, 8 s cap) for transient failures (408, 5xx except 501/505, connection errors), plus a separate,
 * larger budget for ARM throttling: a 429 is retried up to {@code maxThrottledRetries} times.
 *
 * <p>The wait after a 429 is not computed here: the SDK's {@code RetryPolicy} (built without a custom
 * retry-after header) waits exactly what the answer's {@code x-ms-retry-after-ms}, {@code retry-after-ms} or
 * {@code Retry-After} header says, and falls back to {@link #calculateRetryDelay(int)} only when none is given.
 * A throttled apply of thousands of writes queues behind ARM's write token bucket (200 tokens, 10 per
 * second), so a write may be throttled many times before it gets a token; the SDK default of 3 retries would
 * report such writes as FAILED. The budget is large on purpose: a 429 means "not yet", each retry waits what
 * the server asked, and the run as a whole cannot end before the bucket lets its writes through. Measured
 * (docs/benchmarks.md): 64 concurrent writers woken together by exact {@code x-ms-retry-after-ms} waits
 * compete for each token, and 60 retries left a fifth of 5,000 assignment writes FAILED; 1,000 left none.
 *
 * <p>A connection error is retried while the request has had fewer than {@value #MAX_TRANSIENT_RETRIES} earlier
 * connection errors, however often it was throttled (found in the benchmark: after long throttled waits a
 * pooled connection may have been closed by the server). A transient error status (408, 5xx) is retried only
 * while fewer than {@value #MAX_TRANSIENT_RETRIES} attempts of that request have been retried, throttled ones
 * included: the SDK does not tell a strategy which statuses the earlier attempts got.
 */
public final class ThrottlingRetryStrategy implements RetryStrategy {
    /** Retries of transient failures, as the SDK default. */
    static final int MAX_TRANSIENT_RETRIES = 3;
    /** Default retries of a throttled (429) request. */
    static final int DEFAULT_MAX_THROTTLED_RETRIES = PatchwindowAzure.DEFAULT_MAX_THROTTLED_RETRIES;
    /** The exponent above which the back-off stays at its cap (avoids overflow in the SDK's computation). */
    private static final int MAX_EXPONENT = 10;

    private final ExponentialBackoff transientBackoff;
    private final int maxThrottledRetries;

    /**
     * Retries transient failures as the SDK's default back-off and throttled requests up to a count.
     *
     * @param maxThrottledRetries how many times a 429 is retried, at least 0
     */
    public ThrottlingRetryStrategy(int maxThrottledRetries) {
        this(maxThrottledRetries, new ExponentialBackoff());
    }

    ThrottlingRetryStrategy(int maxThrottledRetries, ExponentialBackoff transientBackoff) {
        this.transientBackoff = transientBackoff;
        if (maxThrottledRetries < 0 || maxThrottledRetries > 100_000) {
            throw new IllegalArgumentException("Invalid throttled retry count " + maxThrottledRetries
                    + ": expected 0 to 100000, e.g. " + DEFAULT_MAX_THROTTLED_RETRIES);
        }
        this.maxThrottledRetries = maxThrottledRetries;
    }

    @Override
    public int getMaxRetries() {
        return Math.max(maxThrottledRetries, MAX_TRANSIENT_RETRIES);
    }

    /** Used only when the answer names no delay (no {@code Retry-After}) and for connection errors. */
    @Override
    public Duration calculateRetryDelay(int retryAttempts) {
        return transientBackoff.calculateRetryDelay(Math.min(Math.max(retryAttempts, 0), MAX_EXPONENT));
    }

    /** A connection error backs off by its own count, not by the throttled attempts before it. */
    @Override
    public Duration calculateRetryDelay(RequestRetryCondition condition) {
        if (condition.getResponse() == null && condition.getThrowable() != null) {
            List<Throwable> earlier = condition.getRetriedThrowables();
            return calculateRetryDelay(earlier == null ? 0 : earlier.size());
        }
        return calculateRetryDelay(condition.getTryCount());
    }

    @Override
    public boolean shouldRetryCondition(RequestRetryCondition condition) {
        HttpResponse response = condition.getResponse();
        if (response != null && response.getStatusCode() == HTTP_STATUS_TOO_MANY_REQUESTS) {
            return condition.getTryCount() < maxThrottledRetries;
        }
        if (response == null) {
            // a connection error: the SDK passes the earlier errors of this request, so throttled attempts do not
            // use up its retries (a pooled connection closed by the server after a long throttled wait)
            List<Throwable> earlier = condition.getRetriedThrowables();
            int errors = earlier == null ? 0 : earlier.size();
            return errors < MAX_TRANSIENT_RETRIES && transientBackoff.shouldRetryCondition(condition);
        }
        return condition.getTryCount() < MAX_TRANSIENT_RETRIES && transientBackoff.shouldRetryCondition(condition);
    }
}
