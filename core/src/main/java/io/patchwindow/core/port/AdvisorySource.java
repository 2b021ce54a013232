package io.patchwindow.core.port;

import io.patchwindow.core.advisory.AdvisorySink;

/**
 * Streams published security advisories into a sink: yum {@code updateinfo.xml}, Red Hat OVAL, OSV or
 * CSAF files in azure-adapter, or an in-memory list in tests. The planner reads it once per plan.
 *
 * <p>A source that cannot read its data throws an unchecked exception whose message names the input, the
 * position and what was expected. Implementations need not be thread-safe: the planner calls
 * {@link #read} from one thread.
 */
@FunctionalInterface
public interface AdvisorySource {

    /**
     * Reads every advisory into a sink, and the summary of each feed after its advisories.
     *
     * @param sink receives the advisories, not null
     */
    void read(AdvisorySink sink);
}
