package io.patchwindow.azure.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the emulator saw of a run's writes ({@link AzureEmulator#writeEvents()}): how many were received,
 * throttled (429), refused otherwise (4xx other than 429, 5xx), how many resources were written more than once
 * with success (duplicates), and whether every retry of a throttled write waited at least the
 * {@code Retry-After} of its 429 (measured at the emulator: from the moment the 429 started to be sent, before
 * which no client can have read it, to the moment the next request for the same method and path arrived).
 *
 * @param received write requests received
 * @param throttled answered 429
 * @param refused answered another error status
 * @param applied answered 2xx
 * @param distinctApplied distinct {@code METHOD path} answered 2xx
 * @param duplicates 2xx answers beyond the first per {@code METHOD path}
 * @param retryAfterViolations retries that arrived before the wait of their 429 had elapsed
 * @param minRetrySlackMillis the smallest (arrival of the retry − end of the wait) over all retries, in
 *        milliseconds; {@link Long#MAX_VALUE} when nothing was throttled
 * @param spanNanos from the first write received to the last answer written
 */
public record WriteAudit(int received, int throttled, int refused, int applied, int distinctApplied, int duplicates,
                         int retryAfterViolations, long minRetrySlackMillis, long spanNanos) {

    /**
     * Audits the write events of a run.
     *
     * @param events the events, not null
     * @return the audit, not null
     */
    public static WriteAudit of(List<WriteEvent> events) {
        int throttled = 0;
        int refused = 0;
        int applied = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        Map<String, Integer> okByResource = new TreeMap<>();
        Map<String, List<WriteEvent>> byResource = new TreeMap<>();
        for (WriteEvent e : events) {
            String key = e.method() + " " + e.path().toLowerCase(Locale.ROOT);
            byResource.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
            first = Math.min(first, e.receivedNanos());
            last = Math.max(last, e.answeredNanos());
            if (e.ok()) {
                applied++;
                okByResource.merge(key, 1, Integer::sum);
            } else if (e.status() == 429) {
                throttled++;
            } else {
                refused++;
            }
        }
        int duplicates = okByResource.values().stream().mapToInt(n -> n - 1).sum();
        int violations = 0;
        long minSlack = Long.MAX_VALUE;
        for (List<WriteEvent> list : byResource.values()) {
            list.sort(Comparator.comparingLong(WriteEvent::receivedNanos));
            for (int i = 0; i + 1 < list.size(); i++) {
                WriteEvent e = list.get(i);
                if (e.status() != 429) {
                    continue;
                }
                long earliest = e.answeredNanos() + e.retryAfterMillis() * 1_000_000L;
                long slack = list.get(i + 1).receivedNanos() - earliest;
                minSlack = Math.min(minSlack, Math.floorDiv(slack, 1_000_000L));
                if (slack < 0) {
                    violations++;
                }
            }
        }
        return new WriteAudit(events.size(), throttled, refused, applied, okByResource.size(), duplicates, violations,
                minSlack, events.isEmpty() ? 0 : last - first);
    }
}
