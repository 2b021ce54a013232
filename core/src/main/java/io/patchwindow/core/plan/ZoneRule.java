package io.patchwindow.core.plan;

import java.io.Serializable;
import java.time.ZoneId;

/**
 * Which IANA time zones a deployment backend can write, e.g. Update Manager only zones that have a Windows
 * name. The policy's zone must satisfy it ({@link Policy.Builder#zoneRule}), and a machine whose {@code patch-tz}
 * tag names a zone outside it is skipped as {@link SkipReason#INVALID_PATCH_TAG}: {@code --time-zone} and
 * {@code patch-tz} accept the same set. Serializable, as a {@link Policy} is.
 *
 * <pre>{@code
 * Policy.builder().zoneRule(zone -> WindowsZones.hasWindowsName(zone), "an IANA zone that has a Windows name")
 * }</pre>
 */
@FunctionalInterface
public interface ZoneRule extends Serializable {

    /**
     * Returns whether the backend can write windows in a zone.
     *
     * @param zone an IANA region zone (never a fixed offset: the policy refuses those first), not null
     * @return true if accepted
     */
    boolean accepts(ZoneId zone);
}
