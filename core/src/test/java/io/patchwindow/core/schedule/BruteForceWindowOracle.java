package io.patchwindow.core.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The slow, obviously right definition of a window, for property tests of {@link WeeklySlot#nextWindow}.
 *
 * <p>Walks minute by minute from two days before {@code notBefore} over ten days, using nothing but
 * {@code zone.getRules().getOffset(instant)} and {@code LocalDateTime.ofInstant}. An occurrence is
 * <ul>
 *   <li>an instant whose local date-time is the slot's (weekday, time) and which is the first instant with that
 *       local date-time (in an autumn overlap the earlier offset, never the repeat); or</li>
 *   <li>when the local clock jumps over the slot's local date-time (spring-forward gap), that local date-time
 *       read with the offset in force before the jump (so it moves forward by the gap).</li>
 * </ul>
 */
final class BruteForceWindowOracle {
    private static final Duration BEFORE = Duration.ofDays(2);
    private static final Duration SPAN = Duration.ofDays(10);

    private BruteForceWindowOracle() {
    }

    /** Returns the first occurrence at or after {@code notBefore}. */
    static Instant nextWindow(DayOfWeek day, LocalTime time, ZoneId zone, Instant notBefore) {
        TreeSet<Instant> occurrences = occurrences(day, time, zone, notBefore.minus(BEFORE), SPAN);
        Instant next = occurrences.ceiling(notBefore);
        if (next == null) {
            throw new AssertionError("oracle found no occurrence of " + day + " " + time + " in " + zone + " after "
                    + notBefore);
        }
        return next;
    }

    /** Returns every occurrence in [from, from + span), walking minute by minute. */
    static TreeSet<Instant> occurrences(DayOfWeek day, LocalTime time, ZoneId zone, Instant from, Duration span) {
        TreeSet<Instant> out = new TreeSet<>();
        Set<LocalDateTime> seen = new HashSet<>();
        Instant start = from.truncatedTo(ChronoUnit.MINUTES);
        Instant end = start.plus(span);
        LocalDateTime prevLocal = null;
        ZoneOffset prevOffset = null;
        for (Instant t = start; t.isBefore(end); t = t.plusSeconds(60)) {
            ZoneOffset offset = zone.getRules().getOffset(t);
            LocalDateTime local = LocalDateTime.ofInstant(t, zone);
            if (prevLocal != null && local.isAfter(prevLocal.plusMinutes(1))) {
                // The clock jumped from prevLocal to local: slot date-times strictly in between are in the gap.
                for (LocalDate d = prevLocal.toLocalDate(); !d.isAfter(local.toLocalDate()); d = d.plusDays(1)) {
                    LocalDateTime candidate = LocalDateTime.of(d, time);
                    if (d.getDayOfWeek() == day && candidate.isAfter(prevLocal) && candidate.isBefore(local)) {
                        out.add(candidate.toInstant(prevOffset));
                    }
                }
            }
            if (seen.add(local) && local.getDayOfWeek() == day && local.toLocalTime().equals(time)) {
                out.add(t);
            }
            prevLocal = local;
            prevOffset = offset;
        }
        return out;
    }
}
