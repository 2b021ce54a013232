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

    /** The header's granularity: {@code hh:mm:ss}, whole seconds. */
    private static final long GRANULARITY = Duration.ofSeconds(1).toNanos();

    /** Queries left in the window: the last answer's count less the queries sent since; -1 when unknown. */
    private int remaining = -1;
    /** Queries sent and not answered yet (queries may be in flight together). */
    private int inFlight;
    /** System.nanoTime() by which the current window has reset (the earliest bound its answers gave), or 0. */
    private long resetsAt;
    private long waits;
    private long waitedNanos;

    /**
     * Waits, when the quota is used up (by the last answer's count and the queries sent since), until the
     * window resets; then counts one more query in flight. Every call is followed by one {@link #answered}.
     *
     * @return the time the query may be sent ({@link System#nanoTime()}), to give to {@link #answered(long, HttpHeaders)}
     */
    synchronized long awaitTurn() {
        boolean waited = false;
        while (true) {
            long now = System.nanoTime();
            long wait = remaining == 0 ? resetsAt - now : 0;
            if (wait <= 0) {
                if (remaining == 0) {
                    remaining = -1; // a new window: the next answer says how much is left
                } else if (remaining > 0) {
                    remaining--;
                }
                inFlight++;
                return now;
            }
            if (!waited) {
                waited = true;
                waits++;
                LOG.debug("Resource Graph quota used up: waiting {} ms for the window to reset", wait / 1_000_000);
            }
            try {
                // woken early when an answer narrows the window's end
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AzureAdapterException("Resource Graph query interrupted while waiting for the quota", null, 0, e);
            }
            waitedNanos += Math.min(wait, System.nanoTime() - now);
        }
    }

    /**
     * Reads the quota headers of an answer to a query sent now (a 429 too), or notes a query that got none.
     *
     * @param headers the answer's headers, or null when no answer came
     * @return the wait the answer names when no query remains, else null
     */
    @Nullable Duration answered(@Nullable HttpHeaders headers) {
        return answered(System.nanoTime(), headers);
    }

    /**
     * Reads the quota headers of an answer (a 429 too), or notes a query that got none.
     *
     * <p>{@code x-ms-user-quota-resets-after} is whole seconds ({@code hh:mm:ss}), so one answer only says that
     * the window resets within that time from when it was written, before the answer arrived: up to a second
     * earlier. Each answer of a window bounds its end so, and the earliest bound is kept: the more answers, the
     * closer the wait comes to the window's real end, never before it (as long as the service does not round the
     * time down). An answer whose bound lies beyond the kept one by more than the header's second and the
     * query's round trip was written in the next window.
     *
     * @param sentAt when the query was sent, as {@link #awaitTurn()} returned it
     * @param headers the answer's headers, or null when no answer came
     * @return the wait the answer names when no query remains, else null
     */
    @Nullable Duration answered(long sentAt, @Nullable HttpHeaders headers) {
        Integer left = headers == null ? null : parseInt(headers.getValue(REMAINING));
        Duration resetsAfter = headers == null ? null : parseResetsAfter(headers.getValue(RESETS_AFTER));
        synchronized (this) {
            inFlight = Math.max(0, inFlight - 1);
            if (left == null || resetsAfter == null) {
                return null;
            }
            long now = System.nanoTime();
            long bound = now + resetsAfter.toNanos();
            boolean sameWindow = resetsAt != 0 && now < resetsAt && bound - GRANULARITY - (now - sentAt) < resetsAt;
            long before = resetsAt;
            resetsAt = sameWindow ? Math.min(resetsAt, bound) : bound;
            if (resetsAt < before) {
                notifyAll();
            }
            // the queries still in flight may have been sent after this one was counted: they use the window too
            int left2 = Math.max(0, left - inFlight);
            // answers of one window may come out of order: what an earlier answer (and the queries sent since) left
            // stays the limit
            remaining = sameWindow && remaining >= 0 ? Math.min(remaining, left2) : left2;
            return remaining > 0 ? null : resetsAfter;
        }
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
