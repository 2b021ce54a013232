package io.patchwindow.core.inventory;

import java.io.Serializable;

import org.jspecify.annotations.Nullable;

/**
 * An Azure VM's guest patch settings ({@code osProfile.linuxConfiguration.patchSettings}), needed to
 * decide whether Update Manager may patch it on a user schedule.
 *
 * @serial exclude
 * @param patchMode e.g. {@code AutomaticByPlatform} or {@code ImageDefault}; null when not reported
 * @param bypassPlatformSafetyChecksOnUserSchedule the "customer managed schedules" flag
 */
public record PatchSettings(@Nullable String patchMode, boolean bypassPlatformSafetyChecksOnUserSchedule)
        implements Serializable {

    /** The mode Update Manager needs for user schedules. */
    public static final String AUTOMATIC_BY_PLATFORM = "AutomaticByPlatform";

    /**
     * Returns whether these settings allow patching on a user schedule: patch mode
     * {@code AutomaticByPlatform} with the bypass flag set.
     *
     * @return true if ready for Update Manager schedules
     */
    public boolean readyForUserSchedule() {
        return AUTOMATIC_BY_PLATFORM.equalsIgnoreCase(patchMode) && bypassPlatformSafetyChecksOnUserSchedule;
    }
}
