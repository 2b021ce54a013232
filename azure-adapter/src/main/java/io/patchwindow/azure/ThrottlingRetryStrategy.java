package io.patchwindow.azure;

import java.time.Duration;

import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryStrategy;

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
 * report such writes as FAILED.
 *
 * <p>Attempts are counted per request, throttled or not: a transient failure is retried only while fewer than
 * {@value #MAX_TRANSIENT_RETRIES} attempts of that request have been retried, throttled attempts included.
 */
final class ThrottlingRetryStrategy implements RetryStrategy {
    /** Retries of transient failures, as the SDK default. */
    static final int MAX_TRANSIENT_RETRIES = 3;
    /** Default retries of a throttled (429) request. */
    static final int DEFAULT_MAX_THROTTLED_RETRIES = PatchwindowAzure.DEFAULT_MAX_THROTTLED_RETRIES;
    /** The exponent above which the back-off stays at its cap (avoids overflow in the SDK's computation). */
    private static final int MAX_EXPONENT = 10;

    private final ExponentialBackoff transientBackoff = new ExponentialBackoff();
    private final int maxThrottledRetries;

    ThrottlingRetryStrategy(int maxThrottledRetries) {
        if (maxThrottledRetries < 0 || maxThrottledRetries > 1000) {
            throw new IllegalArgumentException("Invalid throttled retry count " + maxThrottledRetries
                    + ": expected 0 to 1000, e.g. " + DEFAULT_MAX_THROTTLED_RETRIES);
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

    @Override
    public boolean shouldRetryCondition(RequestRetryCondition condition) {
        HttpResponse response = condition.getResponse();
        if (response != null && response.getStatusCode() == HTTP_STATUS_TOO_MANY_REQUESTS) {
            return condition.getTryCount() < maxThrottledRetries;
        }
        return condition.getTryCount() < MAX_TRANSIENT_RETRIES && transientBackoff.shouldRetryCondition(condition);
    }
}
