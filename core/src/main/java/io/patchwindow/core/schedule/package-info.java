/**
 * Schedule math: weekly slots and the next patch window in a time zone, with lead time and DST rules.
 *
 * <p>Nothing here reads the system clock: callers pass an {@code Instant} or a {@code Clock}.
 */
@NullMarked
package io.patchwindow.core.schedule;

import org.jspecify.annotations.NullMarked;
