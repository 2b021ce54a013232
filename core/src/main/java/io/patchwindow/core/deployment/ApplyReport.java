package io.patchwindow.core.deployment;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.patchwindow.core.collect.CpsSafeList;

/**
 * The results of applying a list of actions, one per action, sorted by deployment name.
 *
 * @serial exclude
 * @param results the results, sorted by name
 */
public record ApplyReport(List<ActionResult> results) implements Serializable {

    /**
     * Copies and sorts the results.
     *
     * @param results the results, sorted by name
     * @throws NullPointerException if the list is null
     */
    public ApplyReport {
        List<ActionResult> r = new ArrayList<>(Objects.requireNonNull(results, "results"));
        r.sort(Comparator.comparing((ActionResult a) -> a.action().name()).thenComparing(a -> a.action().kind()));
        results = CpsSafeList.copyOf(r);
    }

    /**
     * Returns whether any action failed.
     *
     * @return true if at least one result is FAILED
     */
    public boolean anyFailed() {
        return failedCount() > 0;
    }

    /**
     * Counts the failed results.
     *
     * @return the count
     */
    public long failedCount() {
        return results.stream().filter(r -> !r.ok()).count();
    }

    /**
     * Counts the successful writes (CREATE, UPDATE, DELETE that ended OK).
     *
     * @return the count
     */
    public long writeCount() {
        return results.stream().filter(r -> r.ok() && r.action().writes()).count();
    }

    /**
     * Returns the report as an ordered JSON-ready map: {@code results} and {@code summary}
     * ({@code actions}, {@code ok}, {@code failed}, {@code writes}).
     *
     * @return a new ordered map, not null
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> rs = new ArrayList<>(results.size());
        for (ActionResult r : results) {
            rs.add(r.toMap());
        }
        m.put("results", rs);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("actions", results.size());
        summary.put("ok", results.size() - failedCount());
        summary.put("failed", failedCount());
        summary.put("writes", writeCount());
        m.put("summary", summary);
        return m;
    }
}
