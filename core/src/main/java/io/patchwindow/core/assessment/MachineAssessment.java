package io.patchwindow.core.assessment;

import java.io.Serializable;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * What the assessment says about one machine, after reduction.
 *
 * @serial exclude
 * @param status whether the machine reported, and recently enough
 * @param lastReport the newest record time seen for the machine (fresh or not), if any
 * @param packages the pending packages that pass the classification filter: name to newest assessed
 *                 version (empty string when the version is unknown), sorted by name
 * @param pending every pending ({@code Needed}) update, whatever its classification, sorted by name then
 *                architecture: what the planner classifies with advisories
 */
public record MachineAssessment(Status status, @Nullable Instant lastReport, Map<String, String> packages,
                                List<PendingUpdate> pending) implements Serializable {

    /**
     * Creates an assessment without the list of all pending updates (advisories then cannot decide).
     *
     * @param status whether the machine reported, and recently enough
     * @param lastReport the newest record time seen for the machine, if any
     * @param packages the pending packages that pass the classification filter
     * @throws NullPointerException if a required component is null
     */
    public MachineAssessment(Status status, @Nullable Instant lastReport, Map<String, String> packages) {
        this(status, lastReport, packages, List.of());
    }

    /** The reporting status of a machine. */
    public enum Status {
        /** No record at all. */
        NOT_REPORTING,
        /** Records exist, all older than the freshness limit. */
        STALE,
        /** Fresh records exist. */
        CURRENT,
        /**
         * The source said its answer may be incomplete for this machine ({@link AssessmentSink#incomplete}):
         * nothing is listed, whatever records were read.
         */
        INCOMPLETE
    }

    /**
     * Validates and copies the components.
     *
     * @param status whether the machine reported, and recently enough
     * @param lastReport the newest record time seen for the machine (fresh or not), if any
     * @param packages the pending packages that pass the classification filter: name to newest assessed version (empty string when the version is unknown), sorted by name
     * @param pending every pending update, whatever its classification
     * @throws NullPointerException if a required component is null
     */
    public MachineAssessment {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(packages, "packages");
        Objects.requireNonNull(pending, "pending");
        packages = Collections.unmodifiableSortedMap(new TreeMap<>(packages));
        java.util.List<PendingUpdate> sorted = new java.util.ArrayList<>(pending);
        sorted.sort(java.util.Comparator.comparing(PendingUpdate::name).thenComparing(PendingUpdate::arch));
        pending = List.copyOf(sorted);
    }

    /**
     * Returns the package names, sorted, each once.
     *
     * @return an immutable list, not null
     */
    public List<String> packageNames() {
        return List.copyOf(packages.keySet());
    }
}
