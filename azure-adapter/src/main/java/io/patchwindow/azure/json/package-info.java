/**
 * JSON documents patchwindow writes: the plan ({@code patchwindow.plan/v1}, DESIGN section 8).
 */
@NullMarked
package io.patchwindow.azure.json;

import org.jspecify.annotations.NullMarked;
