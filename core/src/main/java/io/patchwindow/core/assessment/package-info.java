/**
 * Cloud assessment: update records, classification parsing and the streaming reduction to the pending
 * security packages of each machine.
 */
@NullMarked
package io.patchwindow.core.assessment;

import org.jspecify.annotations.NullMarked;
