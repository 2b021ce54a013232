package io.patchwindow.azure.history;

import io.patchwindow.core.report.DeploymentRun;
import io.patchwindow.core.report.InstallationRun;
import io.patchwindow.core.report.PatchResult;
import io.patchwindow.core.report.RunQuery;
import io.patchwindow.core.report.RunSink;

/** Passes on the runs that started in a query's range (and every package row: the join keeps those of kept runs). */
final class InRange implements RunSink {
    private final RunQuery query;
    private final RunSink sink;

    private InRange(RunQuery query, RunSink sink) {
        this.query = query;
        this.sink = sink;
    }

    static RunSink of(RunQuery query, RunSink sink) {
        return new InRange(query, sink);
    }

    @Override
    public void run(InstallationRun run) {
        if (!run.start().isBefore(query.since()) && run.start().isBefore(query.until())) {
            sink.run(run);
        }
    }

    @Override
    public void patch(PatchResult patch) {
        sink.patch(patch);
    }

    @Override
    public void deploymentRun(DeploymentRun run) {
        if (!run.start().isBefore(query.since()) && run.start().isBefore(query.until())) {
            sink.deploymentRun(run);
        }
    }

    @Override
    public void warning(String message) {
        sink.warning(message);
    }
}
