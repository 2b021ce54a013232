package io.patchwindow.core.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import io.patchwindow.core.assessment.AssessmentSink;
import io.patchwindow.core.assessment.UpdateRecord;
import io.patchwindow.core.port.AssessmentRequest;
import io.patchwindow.core.port.AssessmentSource;

/**
 * An {@link AssessmentSource} over a fixed list of {@link UpdateRecord}s, with optional heartbeats
 * ("machine reported at", as a Resource Graph assessment summary gives them) and source warnings.
 *
 * <pre>{@code
 * AssessmentSource source = InMemoryAssessmentSource.of(Fleet.update(vmId, "openssl").at(t).build())
 *         .withHeartbeat(otherVmId, t)
 *         .withWarning("partial answer: 1 of 2 workspaces failed");
 * }</pre>
 *
 * <p>{@link #read} streams every record (whatever the request asks: the planner filters), then every
 * heartbeat, then every warning, each in the order given. Instances are immutable apart from the log of
 * requests they received; thread-safe.
 */
public final class InMemoryAssessmentSource implements AssessmentSource {
    private final List<UpdateRecord> records;
    private final List<Heartbeat> heartbeats;
    private final List<String> warnings;
    private final List<AssessmentRequest> requests = Collections.synchronizedList(new ArrayList<>());

    /**
     * A machine's report time without any pending package.
     *
     * @param machineId the machine resource id
     * @param at when it reported
     */
    public record Heartbeat(String machineId, Instant at) {
        /**
         * Validates the components.
         *
         * @param machineId the machine resource id, not null
         * @param at when it reported, not null
         * @throws NullPointerException if a component is null
         */
        public Heartbeat {
            Objects.requireNonNull(machineId, "machineId");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * Creates a source over records only.
     *
     * @param records the records, in streaming order, not null
     */
    public InMemoryAssessmentSource(List<UpdateRecord> records) {
        this(records, List.of(), List.of());
    }

    /**
     * Creates a source over records, heartbeats and warnings.
     *
     * @param records the records, in streaming order, not null
     * @param heartbeats the heartbeats, not null
     * @param warnings the warnings to report, not null
     */
    public InMemoryAssessmentSource(List<UpdateRecord> records, List<Heartbeat> heartbeats, List<String> warnings) {
        this.records = List.copyOf(Objects.requireNonNull(records, "records"));
        this.heartbeats = List.copyOf(Objects.requireNonNull(heartbeats, "heartbeats"));
        this.warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
    }

    /**
     * Creates a source of the given records.
     *
     * @param records the records, not null
     * @return the source, not null
     */
    public static InMemoryAssessmentSource of(UpdateRecord... records) {
        return new InMemoryAssessmentSource(Arrays.asList(records));
    }

    /**
     * Returns a copy that also reports that a machine was assessed at a time (even with nothing pending).
     *
     * @param machineId the machine resource id, not null
     * @param at the assessment time, not null
     * @return a new source, not null
     */
    public InMemoryAssessmentSource withHeartbeat(String machineId, Instant at) {
        List<Heartbeat> h = new ArrayList<>(heartbeats);
        h.add(new Heartbeat(machineId, at));
        return new InMemoryAssessmentSource(records, h, warnings);
    }

    /**
     * Returns a copy that also reports a warning (for example a partial answer).
     *
     * @param message the warning, not null
     * @return a new source, not null
     */
    public InMemoryAssessmentSource withWarning(String message) {
        List<String> w = new ArrayList<>(warnings);
        w.add(Objects.requireNonNull(message, "message"));
        return new InMemoryAssessmentSource(records, heartbeats, w);
    }

    /**
     * Streams the records, heartbeats and warnings into the sink and remembers the request.
     *
     * @param request the request, not null
     * @param sink the sink, not null
     */
    @Override
    public void read(AssessmentRequest request, AssessmentSink sink) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(sink, "sink");
        requests.add(request);
        for (UpdateRecord r : records) {
            sink.accept(r);
        }
        for (Heartbeat h : heartbeats) {
            sink.machineReported(h.machineId(), h.at());
        }
        for (String w : warnings) {
            sink.warning(w);
        }
    }

    /**
     * Returns the records, in streaming order.
     *
     * @return an immutable list, not null
     */
    public List<UpdateRecord> records() {
        return records;
    }

    /**
     * Returns the requests received so far, in order.
     *
     * @return an immutable copy, not null
     */
    public List<AssessmentRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }
}
