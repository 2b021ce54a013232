/**
 * Writes what the Azure adapter read as a snapshot file (docs/contracts.md#snapshot-file), streaming with Jackson:
 * {@link io.patchwindow.azure.export.SnapshotWriter}.
 */
@NullMarked
package io.patchwindow.azure.export;

import org.jspecify.annotations.NullMarked;
