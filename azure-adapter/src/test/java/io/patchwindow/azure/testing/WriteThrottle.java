package io.patchwindow.azure.testing;

/**
 * ARM's write throttling model: a token bucket per emulator ({@code capacity} tokens, refilled at
 * {@code refillPerSecond}); a write that finds it empty is answered 429 {@code TooManyRequests} with
 * {@code Retry-After} (whole seconds, rounded up) and, when asked for, {@code x-ms-retry-after-ms}.
 */
final class WriteThrottle {
    private final int capacity;
    private final double refillPerNano;
    private final boolean millisecondRetryAfter;
    private double tokens;
    private long last = System.nanoTime();

    WriteThrottle(int capacity, double refillPerSecond, boolean millisecondRetryAfter) {
        if (capacity < 1 || !(refillPerSecond > 0)) {
            throw new IllegalArgumentException("capacity >= 1 and refillPerSecond > 0 required");
        }
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / 1e9;
        this.millisecondRetryAfter = millisecondRetryAfter;
        this.tokens = capacity;
    }

    /** @return null when the write may pass (a token was taken), else its 429 */
    Answer take() {
        long waitMillis = waitMillis();
        if (waitMillis == 0) {
            return null;
        }
        Answer a = Answer.error(429, "TooManyRequests", "Number of write requests exceeded the limit; retry after "
                + waitMillis + " ms.")
                .withHeader("Retry-After", Long.toString((waitMillis + 999) / 1000))
                .withHeader("x-ms-ratelimit-remaining-subscription-writes", "0");
        return millisecondRetryAfter ? a.withHeader("x-ms-retry-after-ms", Long.toString(waitMillis)) : a;
    }

    /** @return 0 when a token was taken, else the milliseconds until one is */
    private synchronized long waitMillis() {
        long t = System.nanoTime();
        tokens = Math.min(capacity, tokens + (t - last) * refillPerNano);
        last = t;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / refillPerNano / 1e6));
    }
}
