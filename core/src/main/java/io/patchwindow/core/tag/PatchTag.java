package io.patchwindow.core.tag;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Objects;

import io.patchwindow.core.schedule.WeeklySlot;

/**
 * A parsed {@code patch} tag value: distribution prefix, environment, weekday and time of day.
 *
 * <p>Instances come from {@link TagGrammar#parse(String)}, for example
 * {@code TagGrammar.standard().parse("CENTOS-P-MON-03:00")} gives prefix {@code CENTOS},
 * environment {@code P}, {@link DayOfWeek#MONDAY} and {@code 03:00}.
 *
 * @serial exclude
 * @param prefix the distribution prefix as written in the grammar, e.g. {@code CENTOS}
 * @param environment the environment code, e.g. {@code P}
 * @param slot the weekly slot (weekday and time of day)
 * @param raw the tag value exactly as read
 * @param tolerated true when the value only parsed because the grammar tolerates white space or case
 */
public record PatchTag(String prefix, String environment, WeeklySlot slot, String raw, boolean tolerated)
        implements Serializable {

    /**
     * Validates the components.
     *
     * @param prefix the distribution prefix as written in the grammar, e.g. {@code CENTOS}
     * @param environment the environment code, e.g. {@code P}
     * @param slot the weekly slot (weekday and time of day)
     * @param raw the tag value exactly as read
     * @param tolerated true when the value only parsed because the grammar tolerates white space or case
     * @throws NullPointerException if any component is null
     */
    public PatchTag {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(raw, "raw");
    }

    /**
     * Returns the weekday of the slot.
     *
     * @return the weekday, not null
     */
    public DayOfWeek day() {
        return slot.day();
    }

    /**
     * Returns the time of day of the slot.
     *
     * @return the time of day, not null
     */
    public LocalTime time() {
        return slot.time();
    }
}
