/**
 * Collections that results hand out: unmodifiable, serializable, and with serializable iterators, so that a
 * Jenkins pipeline (whose CPS interpreter serializes every local variable, iterators of {@code for} loops
 * included, at each step) may hold and iterate them across steps.
 */
@NullMarked
package io.patchwindow.core.collect;

import org.jspecify.annotations.NullMarked;
