/**
 * The snapshot file (offline mode and the embedded demo): a JSON document holding what Azure returns,
 * read with a streaming parser, and the core ports implemented over it.
 *
 * <pre>{@code
 * Snapshot snapshot = Snapshot.of(Path.of("fleet.json"));
 * Plan plan = Planner.of(policy).plan(new SnapshotInventory(snapshot), new SnapshotAssessmentSource(snapshot),
 *         new SnapshotDeployments(snapshot), clock);
 * }</pre>
 *
 * <p>Any problem in the file is a {@link io.patchwindow.azure.snapshot.SnapshotException} whose one-line
 * message names the file, the JSON path and what was expected.
 */
@NullMarked
package io.patchwindow.azure.snapshot;

import org.jspecify.annotations.NullMarked;
