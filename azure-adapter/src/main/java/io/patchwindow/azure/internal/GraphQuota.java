package io.patchwindow.azure.internal;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.azure.core.http.HttpHeaders;

import io.patchwindow.azure.AzureAdapterException;

/**
 * Resource Graph's per-user quota as its answers state it: every answer carries
 * {@code x-ms-user-quota-remaining} (queries left in the window, e.g. 15 per 5 seconds by default) and
 * {@code x-ms-user-quota-resets-after} ({@code hh:mm:ss} until the window resets). When an answer says none
 * remain, the next query waits until the window resets instead of provoking a 429 (and, with many pages, a
 * storm of them). Shared by every query of one {@link io.patchwindow.azure.PatchwindowAzure} (the quota is the caller's, not a
 * query's). Thread-safe.
 */
public final class GraphQuota {
    private static final Logger LOG = LoggerFactory.getLogger(GraphQuota.class);
    static final String REMAINING = "x-ms-user-quota-remaining";
    static final String RESETS_AFTER = "x-ms-user-quota-resets-after";
    private static final Pattern HMS = Pattern.compile("(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,7}))?");
    /** The longest wait an answer may ask for: a window is seconds long; more is a malformed header. */
    private static final Duration MAX_WAIT = Duration.ofMinutes(5);

    /** Creates a quota that knows nothing yet: no query waits until an answer says the window is used up. */
    public GraphQuota() {
    }

    /** System.nanoTime() before which no query is sent, or 0. */
    private long notBefore;
    /** Queries left in the window: the last answer's count less the queries sent since; -1 when unknown. */
    private int remaining = -1;
    /** Queries sent and not answered yet (queries may be in flight together). */
    private int inFlight;
    /** System.nanoTime() when the window of the last answer resets. */
    private long resetsAt;
    private long waits;
    private long waitedNanos;

    /**
     * Waits, when the quota is used up (by the last answer's count and the queries sent since), until the
     * window resets; then counts one more query in flight. Every call is followed by one {@link #answered}.
     */
    void awaitTurn() {
        while (true) {
            long wait;
            synchronized (this) {
                long now = System.nanoTime();
                if (remaining == 0 && resetsAt > now) {
                    notBefore = Math.max(notBefore, resetsAt);
                }
                wait = notBefore - now;
                if (wait <= 0) {
                    if (remaining == 0) {
                        remaining = -1; // a new window: the next answer says how much is left
                    } else if (remaining > 0) {
                        remaining--;
                    }
                    inFlight++;
                    return;
                }
                waits++;
                waitedNanos += wait;
            }
            LOG.debug("Resource Graph quota used up: waiting {} ms for the window to reset", wait / 1_000_000);
            sleep(wait);
        }
    }

    /**
     * Reads the quota headers of an answer (a 429 too), or notes a query that got none.
     *
     * @param headers the answer's headers, or null when no answer came
     * @return the wait until the window resets when no query remains, else null
     */
    @Nullable Duration answered(@Nullable HttpHeaders headers) {
        Integer left = headers == null ? null : parseInt(headers.getValue(REMAINING));
        Duration resetsAfter = headers == null ? null : parseResetsAfter(headers.getValue(RESETS_AFTER));
        synchronized (this) {
            inFlight = Math.max(0, inFlight - 1);
            if (left == null || resetsAfter == null) {
                return null;
            }
            // the queries still in flight were sent after this one was counted: they use the window too
            remaining = Math.max(0, left - inFlight);
            resetsAt = System.nanoTime() + resetsAfter.toNanos();
            if (remaining > 0) {
                return null;
            }
            notBefore = Math.max(notBefore, resetsAt);
        }
        return resetsAfter;
    }

    /** Returns how often, and how long in total, queries waited for the window. */
    synchronized String describe() {
        return waits + " waits, " + waitedNanos / 1_000_000 + " ms";
    }

    /** Returns how many times a query waited for the window to reset. */
    synchronized long waits() {
        return waits;
    }

    /**
     * Parses {@code hh:mm:ss} (with optional fractions of a second).
     *
     * @param text the header value, or null
     * @return the duration, or null when absent or malformed (then no pacing: the 429 handling remains)
     */
    static @Nullable Duration parseResetsAfter(@Nullable String text) {
        if (text == null) {
            return null;
        }
        Matcher m = HMS.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        Duration d = Duration.ofHours(Integer.parseInt(m.group(1))).plusMinutes(Integer.parseInt(m.group(2)))
                .plusSeconds(Integer.parseInt(m.group(3)));
        if (m.group(4) != null) {
            String f = (m.group(4) + "000000000").substring(0, 9);
            d = d.plusNanos(Long.parseLong(f));
        }
        return d.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : d;
    }

    private static @Nullable Integer parseInt(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AzureAdapterException("Resource Graph query interrupted while waiting for the quota", null, 0, e);
        }
    }
}
