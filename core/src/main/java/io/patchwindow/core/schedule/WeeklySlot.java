package io.patchwindow.core.schedule;

import java.io.Serializable;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Objects;

/**
 * A weekly recurring moment: a weekday and a wall-clock time, e.g. {@code WeeklySlot.of(DayOfWeek.MONDAY,
 * LocalTime.of(3, 0))} for "every Monday at 03:00".
 *
 * <p>The slot has no time zone; {@link #nextWindow(ZoneId, Instant)} places it in one. DST rules:
 * <ul>
 *   <li>a wall-clock time that falls in a spring-forward gap moves forward by the length of the gap
 *       (02:30 on the last Sunday of March in Europe/Paris becomes 03:30 CEST);</li>
 *   <li>a wall-clock time that occurs twice in an autumn overlap takes the earlier offset (02:30 on
 *       the last Sunday of October in Europe/Paris is 02:30+02:00) and the window never occurs twice.</li>
 * </ul>
 *
 * @serial exclude
 * @param day the weekday
 * @param time the wall-clock time, truncated to minutes
 */
public record WeeklySlot(DayOfWeek day, LocalTime time) implements Serializable {

    /** A week and a bit: enough days to find any weekday after any instant, whatever the DST shifts. */
    private static final int SEARCH_DAYS = 9;

    /**
     * Validates the components.
     *
     * @param day the weekday
     * @param time the wall-clock time, truncated to minutes
     * @throws NullPointerException if any component is null
     * @throws IllegalArgumentException if the time has seconds or nanoseconds
     */
    public WeeklySlot {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(time, "time");
        if (time.getSecond() != 0 || time.getNano() != 0) {
            throw new IllegalArgumentException(
                    "Invalid slot time '" + time + "': seconds are not allowed; expected HH:MM, e.g. 03:00");
        }
    }

    /**
     * Obtains a slot from a weekday and a time, e.g. {@code WeeklySlot.of(DayOfWeek.MONDAY, LocalTime.of(3, 0))}.
     *
     * @param day the weekday, not null
     * @param time the time of day in whole minutes, not null
     * @return the slot, not null
     * @throws IllegalArgumentException if the time has seconds
     */
    public static WeeklySlot of(DayOfWeek day, LocalTime time) {
        return new WeeklySlot(day, time);
    }

    /**
     * Returns the first occurrence of this slot in {@code zone} that starts at or after {@code notBefore}.
     *
     * @param zone the time zone in which the wall-clock time is read, not null
     * @param notBefore the earliest acceptable start, not null
     * @return the window start with the offset in force at that instant, not null
     */
    public ZonedDateTime nextWindow(ZoneId zone, Instant notBefore) {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(notBefore, "notBefore");
        LocalDate date = LocalDate.ofInstant(notBefore, zone).minusDays(1);
        for (int i = 0; i < SEARCH_DAYS; i++, date = date.plusDays(1)) {
            if (date.getDayOfWeek() != day) {
                continue;
            }
            ZonedDateTime candidate = at(date, zone);
            if (!candidate.toInstant().isBefore(notBefore)) {
                return candidate;
            }
        }
        // Unreachable: two consecutive occurrences are at most a week and a few hours apart.
        throw new IllegalStateException("No occurrence of " + this + " in " + zone + " after " + notBefore);
    }

    /**
     * Returns the first occurrence of this slot in {@code zone} that starts at least {@code leadTime} after
     * the clock's current instant.
     *
     * @param zone the time zone, not null
     * @param clock the clock giving "now", not null
     * @param leadTime the minimum time between now and the window start, not negative
     * @return the window start, not null
     * @throws IllegalArgumentException if the lead time is negative
     */
    public ZonedDateTime nextWindow(ZoneId zone, Clock clock, Duration leadTime) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(leadTime, "leadTime");
        if (leadTime.isNegative()) {
            throw new IllegalArgumentException("Invalid lead time '" + leadTime + "': must not be negative");
        }
        return nextWindow(zone, clock.instant().plus(leadTime));
    }

    /**
     * Places this slot on a date in a zone, applying the DST rules of this class.
     *
     * @param date a date whose weekday is this slot's weekday, not null
     * @param zone the zone, not null
     * @return the zoned start, not null
     * @throws IllegalArgumentException if the date is not on this slot's weekday
     */
    public ZonedDateTime at(LocalDate date, ZoneId zone) {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(zone, "zone");
        if (date.getDayOfWeek() != day) {
            throw new IllegalArgumentException(
                    "Invalid date '" + date + "': it is a " + date.getDayOfWeek() + ", the slot is on " + day);
        }
        // ofLocal: a gap shifts forward by its length; an overlap without a preferred offset takes the earlier.
        return ZonedDateTime.ofLocal(LocalDateTime.of(date, time), zone, null);
    }

    /**
     * Returns the three-letter upper-case English weekday, e.g. {@code MON}.
     *
     * @return the weekday abbreviation, not null
     */
    public String dayCode() {
        return day.getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT);
    }

    /**
     * Returns the slot as {@code MON 03:00}.
     *
     * @return the text form, not null
     */
    @Override
    public String toString() {
        return dayCode() + " " + time;
    }
}
