package io.patchwindow.azure.updatemanager;

import java.time.ZoneId;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.patchwindow.core.text.Quoting;

/**
 * Maps IANA time zones to the Windows time zone names that the Maintenance API takes
 * ({@code maintenanceWindow.timeZone}, e.g. {@code Europe/Paris} to {@code Romance Standard Time}), with
 * ICU4J's copy of the CLDR {@code windowsZones} table.
 */
public final class WindowsZones {

    private WindowsZones() {
    }

    /**
     * Returns the Windows name of an IANA zone, e.g. {@code Romance Standard Time} for {@code Europe/Paris},
     * {@code UTC} for {@code Etc/UTC}.
     *
     * @param zone an IANA zone, not null
     * @return the Windows name, not null
     * @throws IllegalArgumentException if CLDR has no Windows zone for it (for example a fixed offset such as
     *         {@code +01:00})
     */
    public static String windowsName(ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        String id = zone.getId();
        if (id.equals("Z") || id.equals("UTC") || id.equals("Etc/UTC") || id.equals("GMT")) {
            return "UTC";
        }
        String w = com.ibm.icu.util.TimeZone.getWindowsID(id);
        if (w == null) {
            throw new IllegalArgumentException("Invalid time zone " + Quoting.quote(id)
                    + ": no Windows time zone maps to it; use an IANA region id such as Europe/Paris");
        }
        return w;
    }

    /**
     * Returns whether Update Manager can write windows in a zone: CLDR maps it to a Windows name (e.g. not
     * {@code Antarctica/Troll}, the {@code SystemV/*} zones or a fixed offset).
     *
     * @param zone the zone, not null
     * @return true if {@link #windowsName} gives a name
     */
    public static boolean hasWindowsName(ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        try {
            windowsName(zone);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** What {@link #hasWindowsName} accepts, for messages. */
    public static final String ACCEPTED = "an IANA time zone id that has a Windows time zone (Update Manager "
            + "writes Windows names), such as Europe/Paris or UTC";

    /**
     * Returns the representative IANA zone of a Windows name (CLDR territory {@code 001}), e.g.
     * {@code Europe/Paris} for {@code Romance Standard Time}.
     *
     * @param windowsName a Windows zone name, not null
     * @return the zone, or null if the name is unknown
     */
    public static @Nullable ZoneId ianaZone(String windowsName) {
        Objects.requireNonNull(windowsName, "windowsName");
        if (windowsName.equals("UTC")) {
            return ZoneId.of("Etc/UTC");
        }
        String id = com.ibm.icu.util.TimeZone.getIDForWindowsID(windowsName, null);
        if (id == null) {
            return null;
        }
        try {
            return ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
