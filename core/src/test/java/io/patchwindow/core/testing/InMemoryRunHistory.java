package io.patchwindow.core.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import io.patchwindow.core.port.RunHistory;
import io.patchwindow.core.report.DeploymentRun;
import io.patchwindow.core.report.InstallationRun;
import io.patchwindow.core.report.PatchResult;
import io.patchwindow.core.report.RunQuery;
import io.patchwindow.core.report.RunSink;

/**
 * A {@link RunHistory} over fixed lists of results.
 *
 * <pre>{@code
 * RunHistory history = new InMemoryRunHistory(List.of(run), List.of(patch), List.of());
 * }</pre>
 *
 * <p>{@link #read} streams every package row first (a reader must not depend on the order), then every run,
 * then every deployment run, whatever the query asks. Thread-safe; it records the queries it received.
 */
public final class InMemoryRunHistory implements RunHistory {
    private final List<InstallationRun> runs;
    private final List<PatchResult> patches;
    private final List<DeploymentRun> deploymentRuns;
    private final List<RunQuery> queries = Collections.synchronizedList(new ArrayList<>());

    /**
     * Creates a history.
     *
     * @param runs the machine runs, not null
     * @param patches the package rows, not null
     * @param deploymentRuns the deployment runs, not null
     */
    public InMemoryRunHistory(List<InstallationRun> runs, List<PatchResult> patches, List<DeploymentRun> deploymentRuns) {
        this.runs = List.copyOf(runs);
        this.patches = List.copyOf(patches);
        this.deploymentRuns = List.copyOf(deploymentRuns);
    }

    /**
     * Streams the results.
     *
     * @param query recorded, not used to filter
     * @param sink receives the results
     */
    @Override
    public void read(RunQuery query, RunSink sink) {
        queries.add(Objects.requireNonNull(query, "query"));
        Objects.requireNonNull(sink, "sink");
        patches.forEach(sink::patch);
        runs.forEach(sink::run);
        deploymentRuns.forEach(sink::deploymentRun);
    }

    /**
     * Returns the queries received so far.
     *
     * @return a copy, not null
     */
    public List<RunQuery> queries() {
        return List.copyOf(queries);
    }
}
