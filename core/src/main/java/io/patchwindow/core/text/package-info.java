/**
 * Text helpers for stable, one-line error messages.
 */
@NullMarked
package io.patchwindow.core.text;

import org.jspecify.annotations.NullMarked;
