/**
 * RPM versions as rpm itself reads and orders them: {@link io.patchwindow.core.rpm.Evr}
 * ({@code [epoch:]version-release}), {@link io.patchwindow.core.rpm.Nevra}
 * ({@code name-[epoch:]version-release[.arch]}) and {@link io.patchwindow.core.rpm.RpmVersions#compare}
 * (rpm's {@code rpmvercmp}).
 */
@NullMarked
package io.patchwindow.core.rpm;

import org.jspecify.annotations.NullMarked;
