/**
 * Writes what the Azure adapter read as a snapshot file (DESIGN section 7), streaming with Jackson:
 * {@link io.patchwindow.azure.export.SnapshotWriter}.
 */
@NullMarked
package io.patchwindow.azure.export;

import org.jspecify.annotations.NullMarked;
