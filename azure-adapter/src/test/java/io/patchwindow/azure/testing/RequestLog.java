package io.patchwindow.azure.testing;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * What the emulator records: every request, every write as answered, and writes counted by {@code METHOD kind}
 * as received and as applied (a change of the state). Thread-safe.
 */
final class RequestLog {
    // queues, not copy-on-write lists: a throttled benchmark records tens of thousands of requests
    private final Queue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
    private final Queue<WriteEvent> writeEvents = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();

    /** Records a request as it arrives (after its body was read, before anything answers it). */
    void received(RecordedRequest recorded, Request request) {
        requests.add(recorded);
        if (request.isWrite()) {
            count(received, request.method(), request.path());
        }
    }

    /** Counts a write that changed the state. */
    void applied(Request request) {
        count(applied, request.method(), request.trimmedPath());
    }

    void answered(WriteEvent event) {
        writeEvents.add(event);
    }

    List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    int requestCount(String pathRegex) {
        Pattern p = Pattern.compile(pathRegex, Pattern.CASE_INSENSITIVE);
        return (int) requests.stream().filter(r -> p.matcher(r.path()).find()).count();
    }

    Map<String, Integer> requestCountsByPath() {
        Map<String, Integer> out = new TreeMap<>();
        for (RecordedRequest r : requests) {
            out.merge(r.method() + " " + r.path(), 1, Integer::sum);
        }
        return out;
    }

    List<WriteEvent> writeEvents() {
        return List.copyOf(writeEvents);
    }

    Map<String, Integer> received() {
        return snapshot(received);
    }

    Map<String, Integer> applied() {
        return snapshot(applied);
    }

    void reset() {
        requests.clear();
        writeEvents.clear();
        received.clear();
        applied.clear();
    }

    /** The kind of resource a write is for, from its path, e.g. {@code configurationAssignments}. */
    static String kind(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.contains("/softwareupdateconfigurations")) {
            return "softwareUpdateConfigurations";
        }
        if (p.contains("/configurationassignments")) {
            return "configurationAssignments";
        }
        if (p.contains("/maintenanceconfigurations")) {
            return "maintenanceConfigurations";
        }
        if (p.contains("/virtualmachines/")) {
            return "virtualMachines";
        }
        return "other";
    }

    private static void count(Map<String, AtomicInteger> counts, String method, String path) {
        counts.computeIfAbsent(method + " " + kind(path), k -> new AtomicInteger()).incrementAndGet();
    }

    private static Map<String, Integer> snapshot(Map<String, AtomicInteger> counts) {
        Map<String, Integer> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
