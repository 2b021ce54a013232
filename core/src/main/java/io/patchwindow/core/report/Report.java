package io.patchwindow.core.report;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The run report: every window of the range that has passed, each planned machine once per window, with
 * counts per window, per environment and in total. {@link #toMap()} gives the {@code patchwindow.report/v1}
 * document; the same inputs give the same document.
 *
 * @serial exclude
 * @param generatedAt when the report was made (the injected clock's now)
 * @param since the start of the range (inclusive)
 * @param until the end of the range: windows that closed by then are reported
 * @param windows the windows, sorted by start instant, then deployment name
 * @param warnings unreadable results and incomplete answers, in the order they were reported
 */
public record Report(Instant generatedAt, Instant since, Instant until, List<WindowReport> windows,
                     List<String> warnings) implements Serializable {

    /** The schema identifier of the report JSON. */
    public static final String SCHEMA = "patchwindow.report/v1";

    /**
     * Validates and copies the components.
     *
     * @param generatedAt when the report was made
     * @param since the start of the range
     * @param until the end of the range
     * @param windows the windows
     * @param warnings the warnings
     * @throws NullPointerException if a component is null
     */
    public Report {
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        List<WindowReport> w = new ArrayList<>(windows);
        w.sort((a, b) -> {
            int c = a.start().toInstant().compareTo(b.start().toInstant());
            return c != 0 ? c : a.deploymentName().compareTo(b.deploymentName());
        });
        windows = List.copyOf(w);
        warnings = List.copyOf(warnings);
    }

    /**
     * Returns the counts over every window.
     *
     * @return the counts, not null
     */
    public Tally total() {
        Tally t = Tally.ZERO;
        for (WindowReport w : windows) {
            t = t.plus(w.tally());
        }
        return t;
    }

    /**
     * Returns the counts per environment, sorted by environment ({@code ""}, unknown, first).
     *
     * @return environment to counts, a new ordered map, not null
     */
    public Map<String, Tally> environments() {
        Map<String, Tally> sorted = new TreeMap<>();
        for (WindowReport w : windows) {
            sorted.merge(w.environment(), w.tally(), Tally::plus);
        }
        return new LinkedHashMap<>(sorted);
    }

    /**
     * Returns whether every planned package of every window was installed (the exit code 0 case); true for
     * a report without windows.
     *
     * @return true when every machine succeeded
     */
    public boolean allInstalled() {
        return total().allSucceeded();
    }

    /**
     * Returns every planned package of every machine and window as one flat list, in window order, then
     * machine, then package: what installed where and when.
     *
     * @return the results, not null
     */
    public List<InstalledPackage> installations() {
        List<InstalledPackage> out = new ArrayList<>();
        for (WindowReport w : windows) {
            for (MachineReport m : w.machines()) {
                InstallationRun run = m.run();
                Instant at = run == null ? null : run.lastModified() != null ? run.lastModified() : run.start();
                for (PackageReport p : m.packages()) {
                    String version = p.version() != null ? p.version() : p.plannedVersion();
                    out.add(new InstalledPackage(m.machineId(), w.environment(), w.deploymentName(),
                            w.start().toInstant(), p.name(), version, p.status(), at));
                }
            }
        }
        return out;
    }

    /**
     * Returns the report JSON document as ordered maps and lists: {@code schema}, {@code generatedAt},
     * {@code since}, {@code until}, {@code summary}, {@code environments}, {@code windows}, and
     * {@code warnings} when there are any.
     *
     * @return a new ordered map, not null
     */
    public Map<String, Object> toMap() {
        return document(false);
    }

    /**
     * Returns the document of {@link #toMap()} for a writer that streams it: the same keys and values, except
     * that {@code windows} is an {@link Iterable} that makes each window's map as it is iterated (anew on each
     * iteration), so that writing a report of 100,000 machines holds one window's maps at a time, not the
     * millions of the whole report.
     *
     * @return a new ordered map, not null
     */
    public Map<String, Object> toStreamingMap() {
        return document(true);
    }

    private Map<String, Object> document(boolean windowsAsRead) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", SCHEMA);
        m.put("generatedAt", generatedAt.toString());
        m.put("since", since.toString());
        m.put("until", until.toString());
        m.put("summary", total().toMap());
        List<Object> envs = new ArrayList<>();
        for (Map.Entry<String, Tally> e : environments().entrySet()) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("environment", e.getKey());
            em.putAll(e.getValue().toMap());
            envs.add(em);
        }
        m.put("environments", envs);
        if (windowsAsRead) {
            Iterable<Object> ws = () -> windows.stream().map(w -> (Object) w.toMap()).iterator();
            m.put("windows", ws);
        } else {
            List<Object> ws = new ArrayList<>(windows.size());
            for (WindowReport w : windows) {
                ws.add(w.toMap());
            }
            m.put("windows", ws);
        }
        if (!warnings.isEmpty()) {
            m.put("warnings", warnings);
        }
        return m;
    }
}
