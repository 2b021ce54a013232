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
 *
 * <p>{@link #occurrenceOn} is the same definition, made fast enough for every zone and every transition: instead of
 * reading the offset of each minute of ten days, it finds the stretches of constant offset around the slot's date by
 * reading the offset every {@value #PROBE_MINUTES} minutes and bisecting each change to the second; then the slot's
 * local date-time is read with each stretch's offset. It still uses nothing but {@code getOffset(instant)}: no
 * transition list, no {@code ZonedDateTime.ofLocal}, none of the code under test.
 */
final class BruteForceWindowOracle {
    /** Offsets change at most once in this many minutes (true of every tz rule; the smallest gap is months). */
    static final int PROBE_MINUTES = 15;
    /** Offsets are within ±18 hours ({@link ZoneOffset#MAX}): the slot's instants are within this of its local time. */
    private static final long REACH_SECONDS = 18 * 3600 + PROBE_MINUTES * 60;

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

    /**
     * Returns every occurrence in [from, to), from {@link #occurrenceOn} for each date of the slot's weekday whose
     * local date-time can fall in that range.
     */
    static TreeSet<Instant> occurrencesBySegments(DayOfWeek day, LocalTime time, ZoneId zone, Instant from, Instant to) {
        TreeSet<Instant> out = new TreeSet<>();
        LocalDate last = LocalDateTime.ofEpochSecond(to.getEpochSecond(), 0, ZoneOffset.UTC).toLocalDate().plusDays(1);
        for (LocalDate d = LocalDateTime.ofEpochSecond(from.getEpochSecond(), 0, ZoneOffset.UTC).toLocalDate()
                .minusDays(1); !d.isAfter(last); d = d.plusDays(1)) {
            if (d.getDayOfWeek() == day) {
                Instant t = occurrenceOn(LocalDateTime.of(d, time), zone);
                if (!t.isBefore(from) && t.isBefore(to)) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /**
     * Returns the window of a local date-time: the first instant whose local date-time it is or, when the clock
     * jumps over it, that local date-time read with the offset in force before the jump.
     */
    static Instant occurrenceOn(LocalDateTime local, ZoneId zone) {
        long wall = local.toEpochSecond(ZoneOffset.UTC);
        // Stretches of constant offset: starts[i] is the first second of stretch i, offsets[i] its offset.
        long[] starts = new long[2 * (int) (REACH_SECONDS / (PROBE_MINUTES * 60)) + 4];
        int[] offsets = new int[starts.length];
        int n = 0;
        long t = wall - REACH_SECONDS;
        int offset = offsetAt(zone, t);
        starts[n] = t;
        offsets[n++] = offset;
        for (long next = t + PROBE_MINUTES * 60; t < wall + REACH_SECONDS; t = next, next += PROBE_MINUTES * 60) {
            int o = offsetAt(zone, next);
            if (o != offset) {
                long lo = t;      // offsetAt(lo) == offset
                long hi = next;   // offsetAt(hi) != offset
                while (hi - lo > 1) {
                    long mid = lo + (hi - lo) / 2;
                    if (offsetAt(zone, mid) == offset) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                offset = offsetAt(zone, hi);
                if (offset != o) {
                    throw new AssertionError("two offset changes within " + PROBE_MINUTES + " minutes in " + zone
                            + " at " + Instant.ofEpochSecond(hi));
                }
                starts[n] = hi;
                offsets[n++] = offset;
            }
        }
        long end = t;
        // The first instant with this local date-time: a stretch [starts[i], end of i) holds wall - offsets[i].
        for (int i = 0; i < n; i++) {
            long candidate = wall - offsets[i];
            long stretchEnd = i + 1 < n ? starts[i + 1] : end;
            if (candidate >= starts[i] && candidate < stretchEnd) {
                return Instant.ofEpochSecond(candidate);
            }
        }
        // Not a local date-time of this zone: the clock jumped over it at starts[i], from local starts[i] +
        // offsets[i - 1] (not reached) to starts[i] + offsets[i].
        for (int i = 1; i < n; i++) {
            if (starts[i] + offsets[i - 1] <= wall && wall < starts[i] + offsets[i]) {
                return Instant.ofEpochSecond(wall - offsets[i - 1]);
            }
        }
        throw new AssertionError("oracle found no instant for " + local + " in " + zone);
    }

    private static int offsetAt(ZoneId zone, long epochSecond) {
        return zone.getRules().getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
    }
}
