/**
 * Plumbing shared by the adapter's Azure clients, not for applications (an architecture test keeps the CLI,
 * the library facade and code outside the adapter from using it): ARM calls without a typed SDK client
 * ({@link io.patchwindow.azure.internal.ArmJson}, {@link io.patchwindow.azure.internal.Arm}), Resource Graph paging
 * ({@link io.patchwindow.azure.internal.GraphPager}), the linked-workspace lookup, the transport that redacts
 * echoed tokens ({@link io.patchwindow.azure.internal.RedactingHttpClient}) and the retry strategy that waits out
 * ARM throttling ({@link io.patchwindow.azure.internal.ThrottlingRetryStrategy}).
 */
@NullMarked
package io.patchwindow.azure.internal;

import org.jspecify.annotations.NullMarked;
