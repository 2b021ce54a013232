package io.patchwindow.azure.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Resource Graph's per-user quota: each token may send {@code requests} queries per window (fixed windows, the
 * first starting with the token's first query). Every answer carries {@code x-ms-user-quota-remaining} and
 * {@code x-ms-user-quota-resets-after} ({@code hh:mm:ss}, rounded up); a query beyond the quota is answered 429
 * {@code RateLimiting}, with {@code Retry-After} (seconds, rounded up) when asked for. Thread-safe.
 */
final class GraphQuota {
    private final int requests;
    private final long windowNanos;
    private final boolean retryAfter;
    private final Map<String, long[]> windows = new HashMap<>();

    /**
     * What the quota decided for one query.
     *
     * @param headers the quota headers every answer to the query carries
     * @param refusal the 429 when the query is beyond the quota, else null
     */
    record Admission(Map<String, String> headers, Answer refusal) {
    }

    GraphQuota(int requests, Duration window, boolean retryAfter) {
        this.requests = requests;
        this.windowNanos = window.toNanos();
        this.retryAfter = retryAfter;
    }

    /** Uses up the current window of a user ({@code Authorization} header), as another tool of the user would. */
    synchronized void exhaust(String user) {
        windows.put(user, new long[] {System.nanoTime(), 0});
    }

    /** Takes one query of a user ({@code Authorization} header, empty when none). */
    Admission take(String user) {
        long[] state = takeOne(user);
        String resets = hms(state[1]);
        Map<String, String> headers = Map.of("x-ms-user-quota-remaining", Long.toString(Math.max(0, state[0])),
                "x-ms-user-quota-resets-after", resets);
        if (state[0] >= 0) {
            return new Admission(headers, null);
        }
        Answer refusal = Answer.error(429, "RateLimiting", "Please provide below info when asking for support: "
                + "timestamp = " + Instant.now() + ". Client application has been throttled and should not attempt to "
                + "repeat the request until an amount of time has elapsed (" + resets + ").").withHeaders(headers);
        if (retryAfter) {
            refusal = refusal.withHeader("Retry-After", Long.toString((state[1] + 999_999_999L) / 1_000_000_000L));
        }
        return new Admission(headers, refusal);
    }

    /** @return {remaining after this query (negative: refused), nanoseconds until the window resets} */
    private synchronized long[] takeOne(String user) {
        long now = System.nanoTime();
        long[] w = windows.get(user);
        if (w == null || now >= w[0] + windowNanos) {
            w = new long[] {now, requests};
            windows.put(user, w);
        }
        long resets = w[0] + windowNanos - now;
        if (w[1] <= 0) {
            return new long[] {-1, resets};
        }
        w[1]--;
        return new long[] {w[1], resets};
    }

    /** {@code hh:mm:ss}, rounded up to the second. */
    private static String hms(long nanos) {
        long s = (nanos + 999_999_999L) / 1_000_000_000L;
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
