package io.patchwindow.azure.snapshot;

import java.util.Objects;

import io.patchwindow.core.assessment.AssessmentSink;
import io.patchwindow.core.port.AssessmentRequest;
import io.patchwindow.core.port.AssessmentSource;

/**
 * The assessment rows of a snapshot as an {@link AssessmentSource}: by default the {@code patchAssessments}
 * section (today's Update Manager) when it has rows, else {@code updates} (see {@link Snapshot#assessmentSection()}),
 * or the section named at construction. Each
 * {@link #read} streams the section from the file into the sink, so rows are reduced while they are read
 * and never held in a list; reading twice gives the same records.
 *
 * <p>The request is not used to filter: the sink (the planner's reducer) drops records of other machines
 * and counts older rows as a sign of life only.
 */
public final class SnapshotAssessmentSource implements AssessmentSource {
    private final Snapshot snapshot;
    private final @org.jspecify.annotations.Nullable AssessmentSection section;
    private long lastRead;

    /**
     * Creates a source over a snapshot.
     *
     * @param snapshot the snapshot, not null
     */
    public SnapshotAssessmentSource(Snapshot snapshot) {
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
        this.section = null;
    }

    /**
     * Creates a source over one section of a snapshot, e.g. the legacy Log Analytics rows of a snapshot that
     * holds both.
     *
     * @param snapshot the snapshot, not null
     * @param section {@link AssessmentSection#UPDATES} or {@link AssessmentSection#PATCH_ASSESSMENTS}, not null
     */
    public SnapshotAssessmentSource(Snapshot snapshot, AssessmentSection section) {
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
        this.section = Objects.requireNonNull(section, "section");
    }

    /**
     * Streams the snapshot's assessment rows into the sink.
     *
     * @param request which machines and how fresh (not used to filter), not null
     * @param sink receives the records as they are read, not null
     * @throws SnapshotException if the file is unreadable or a row is malformed
     */
    @Override
    public void read(AssessmentRequest request, AssessmentSink sink) {
        Objects.requireNonNull(request, "request");
        long n = snapshot.readAssessments(section(), sink);
        synchronized (this) {
            lastRead = n;
        }
    }

    /**
     * Returns the section this source reads.
     *
     * @return the section, not null
     */
    public AssessmentSection section() {
        return section != null ? section : snapshot.assessmentSection();
    }

    /**
     * Returns how many records and summaries the last {@link #read} delivered.
     *
     * @return the count, 0 before the first read
     */
    public synchronized long lastReadCount() {
        return lastRead;
    }
}
