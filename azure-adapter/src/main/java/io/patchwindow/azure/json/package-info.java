/**
 * JSON documents patchwindow writes: the plan ({@code patchwindow.plan/v1}, docs/contracts.md#plan-json).
 */
@NullMarked
package io.patchwindow.azure.json;

import org.jspecify.annotations.NullMarked;
