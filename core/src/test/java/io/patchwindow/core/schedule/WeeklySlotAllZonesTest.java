package io.patchwindow.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * {@link WeeklySlot#nextWindow(ZoneId, Instant)} equals the brute-force oracle in every zone of
 * {@link ZoneId#getAvailableZoneIds()}, around every offset transition from 2024 to 2035: slots whose wall-clock time
 * is in the gap or the overlap, at its edges, an hour away and a day away, read from instants from a week before the
 * transition to two days after it, and exactly at, just before and just after each window.
 *
 * <p>The default build checks a fixed-seed sample: every zone, two transitions of each zone that has any, a dozen
 * cases of each. {@code -Dpatchwindow.time.exhaustive=true} (Maven profile {@code exhaustive-time}) checks every case
 * of every transition. Either way the counts are printed, and a failure lists the seed and the cases that failed.
 */
class WeeklySlotAllZonesTest {
    static final String EXHAUSTIVE_PROPERTY = "patchwindow.time.exhaustive";
    private static final long SEED = 20261127L;
    private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2036-01-01T00:00:00Z");
    private static final int SAMPLED_TRANSITIONS_PER_ZONE = 2;
    private static final int SAMPLED_CASES_PER_TRANSITION = 12;
    private static final int MAX_REPORTED_FAILURES = 20;

    /** Read-from instants relative to a transition. */
    private static final Duration[] AROUND_TRANSITION = {
        Duration.ofDays(-8), Duration.ofDays(-2), Duration.ofDays(-1), Duration.ofHours(-3), Duration.ofHours(-1),
        Duration.ofMinutes(-1), Duration.ofSeconds(-1), Duration.ZERO, Duration.ofNanos(1), Duration.ofSeconds(1),
        Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(3), Duration.ofDays(1), Duration.ofDays(2),
    };
    /** Read-from instants relative to the window itself. */
    private static final Duration[] AROUND_WINDOW = {
        Duration.ofSeconds(-1), Duration.ZERO, Duration.ofNanos(1), Duration.ofSeconds(1),
    };

    /** Counts and the first failures of one run. */
    static final class Tally {
        int zones;
        int zonesWithTransitions;
        int transitions;
        long cases;
        long failures;
        final List<String> reported = new ArrayList<>();

        void check(String what, ZoneId zone, WeeklySlot slot, Instant notBefore, Instant expected) {
            cases++;
            ZonedDateTime actual = slot.nextWindow(zone, notBefore);
            ZonedDateTime byClock = slot.nextWindow(zone, Clock.fixed(notBefore, ZoneOffset.UTC), Duration.ZERO);
            boolean ok = actual.toInstant().equals(expected)
                    && actual.getZone().equals(zone)
                    && actual.getOffset().equals(zone.getRules().getOffset(expected))
                    && byClock.equals(actual);
            if (!ok) {
                failures++;
                if (reported.size() < MAX_REPORTED_FAILURES) {
                    reported.add(what + ", " + slot + ", not before " + notBefore + ": oracle " + expected + " ("
                            + expected.atZone(zone) + "), nextWindow " + actual + ", with clock " + byClock);
                }
            }
        }
    }

    @Test
    void nextWindow_equalsTheOracle_inEveryZone_aroundEveryTransition_2024to2035() {
        boolean exhaustive = Boolean.getBoolean(EXHAUSTIVE_PROPERTY);
        long started = System.nanoTime();
        Tally tally = new Tally();
        for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
            ZoneId zone = ZoneId.of(id);
            SplittableRandom random = new SplittableRandom(SEED ^ id.hashCode());
            List<ZoneOffsetTransition> transitions = transitions(zone.getRules());
            tally.zones++;
            if (transitions.isEmpty()) {
                checkWithoutTransitions(zone, random, tally);
                continue;
            }
            tally.zonesWithTransitions++;
            if (exhaustive) {
                for (ZoneOffsetTransition t : transitions) {
                    checkTransition(zone, t, null, tally);
                }
            } else {
                for (int i = 0; i < SAMPLED_TRANSITIONS_PER_ZONE; i++) {
                    checkTransition(zone, transitions.get(random.nextInt(transitions.size())), random, tally);
                }
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        String summary = String.format("nextWindow vs oracle (%s, seed %d): %d zones (%d with transitions in 2024-2035),"
                + " %d transitions, %d cases, %d failures in %.1f s", exhaustive ? "exhaustive" : "sampled", SEED,
                tally.zones, tally.zonesWithTransitions, tally.transitions, tally.cases, tally.failures, millis / 1000.0);
        System.out.println(summary);

        assertThat(tally.reported).as(summary).isEmpty();
        assertThat(tally.zones).isEqualTo(ZoneId.getAvailableZoneIds().size());
        assertThat(tally.zonesWithTransitions).as("zones with DST in 2024-2035 (Paris, New York, Sydney, ...)")
                .isGreaterThan(100);
    }

    /**
     * The fast oracle is the minute-by-minute oracle made quicker: on a seeded sample around transitions, in zones
     * with 1-hour, 30-minute and 2-hour changes, both give the same window.
     */
    @Test
    void fastOracle_agreesWithTheMinuteByMinuteOracle() {
        SplittableRandom random = new SplittableRandom(SEED);
        List<String> zones = List.of("Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Antarctica/Troll",
                "America/Santiago", "Africa/Casablanca", "Asia/Gaza", "Pacific/Chatham", "America/St_Johns",
                "Europe/Dublin", "America/Havana", "Australia/Adelaide");
        int checked = 0;
        for (int i = 0; i < 120; i++) {
            ZoneId zone = ZoneId.of(zones.get(i % zones.size()));
            List<ZoneOffsetTransition> transitions = transitions(zone.getRules());
            ZoneOffsetTransition t = transitions.get(random.nextInt(transitions.size()));
            List<LocalDateTime> slots = slotTimes(t);
            LocalDateTime local = slots.get(random.nextInt(slots.size()));
            WeeklySlot slot = WeeklySlot.of(local.getDayOfWeek(), local.toLocalTime());
            Instant notBefore = t.getInstant().plusSeconds(random.nextLong(-8 * 86_400, 2 * 86_400));

            Instant minuteWalk = BruteForceWindowOracle.nextWindow(slot.day(), slot.time(), zone, notBefore);
            Instant fast = BruteForceWindowOracle.occurrencesBySegments(slot.day(), slot.time(), zone,
                    notBefore, notBefore.plus(Duration.ofDays(9))).ceiling(notBefore);

            assertThat(fast).as("seed %d case %d: %s in %s, not before %s (transition %s)", SEED, i, slot, zone,
                    notBefore, t).isEqualTo(minuteWalk);
            checked++;
        }
        assertThat(checked).isEqualTo(120);
    }

    @Test
    void fastOracle_agreesWithTheHandWorkedDstExamples() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        // Paris 2026-03-29: 02:00 -> 03:00; 02:30 is in the gap and moves forward by it.
        assertThat(BruteForceWindowOracle.occurrenceOn(LocalDateTime.parse("2026-03-29T02:30"), paris))
                .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(BruteForceWindowOracle.occurrenceOn(LocalDateTime.parse("2026-03-29T02:00"), paris))
                .isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
        assertThat(BruteForceWindowOracle.occurrenceOn(LocalDateTime.parse("2026-03-29T03:00"), paris))
                .isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
        // Paris 2026-10-25: 03:00 -> 02:00; 02:30 happens twice, the earlier (+02:00) counts.
        assertThat(BruteForceWindowOracle.occurrenceOn(LocalDateTime.parse("2026-10-25T02:30"), paris))
                .isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        assertThat(BruteForceWindowOracle.occurrenceOn(LocalDateTime.parse("2026-10-25T03:00"), paris))
                .isEqualTo(Instant.parse("2026-10-25T02:00:00Z"));
        // Lord Howe 2026-10-04: 02:00 +10:30 -> 02:30 +11:00, a 30-minute gap.
        assertThat(BruteForceWindowOracle.occurrenceOn(LocalDateTime.parse("2026-10-04T02:15"),
                ZoneId.of("Australia/Lord_Howe"))).isEqualTo(Instant.parse("2026-10-03T15:45:00Z"));
    }

    /** Every offset transition in [FROM, TO). */
    private static List<ZoneOffsetTransition> transitions(ZoneRules rules) {
        List<ZoneOffsetTransition> out = new ArrayList<>();
        for (ZoneOffsetTransition t = rules.nextTransition(FROM.minusSeconds(1)); t != null && t.getInstant().isBefore(TO);
                t = rules.nextTransition(t.getInstant())) {
            out.add(t);
        }
        return out;
    }

    /**
     * Slot date-times for a transition: inside its gap or overlap (start, middle, end), one minute either side of
     * its edges, an hour either side, and the same time a day before and after.
     */
    private static List<LocalDateTime> slotTimes(ZoneOffsetTransition t) {
        LocalDateTime lo = min(t.getDateTimeBefore(), t.getDateTimeAfter()).truncatedTo(ChronoUnit.MINUTES);
        LocalDateTime hi = max(t.getDateTimeBefore(), t.getDateTimeAfter()).truncatedTo(ChronoUnit.MINUTES);
        long minutes = Duration.between(lo, hi).toMinutes();
        return List.of(lo.minusHours(1), lo.minusMinutes(1), lo, lo.plusMinutes(1), lo.plusMinutes(minutes / 2),
                hi.minusMinutes(1), hi, hi.plusMinutes(1), hi.plusHours(1), lo.minusDays(1), lo.plusDays(1));
    }

    private static void checkTransition(ZoneId zone, ZoneOffsetTransition t, SplittableRandom sample, Tally tally) {
        tally.transitions++;
        Instant at = t.getInstant();
        String what = zone + " transition " + at + " (" + (t.isGap() ? "gap " : "overlap ") + t.getDateTimeBefore()
                + " -> " + t.getDateTimeAfter() + "), seed " + SEED;
        List<LocalDateTime> slots = slotTimes(t);
        List<Object[]> cases = new ArrayList<>();
        for (LocalDateTime local : slots) {
            WeeklySlot slot = WeeklySlot.of(local.getDayOfWeek(), local.toLocalTime());
            TreeSet<Instant> windows = BruteForceWindowOracle.occurrencesBySegments(slot.day(), slot.time(), zone,
                    at.minus(Duration.ofDays(10)), at.plus(Duration.ofDays(20)));
            List<Instant> from = new ArrayList<>();
            for (Duration d : AROUND_TRANSITION) {
                from.add(at.plus(d));
            }
            Instant nearest = windows.ceiling(at.minus(Duration.ofDays(1)));
            for (Duration d : AROUND_WINDOW) {
                from.add(nearest.plus(d));
            }
            for (Instant notBefore : from) {
                cases.add(new Object[] {slot, notBefore, windows.ceiling(notBefore)});
            }
        }
        int n = sample == null ? cases.size() : SAMPLED_CASES_PER_TRANSITION;
        for (int i = 0; i < n; i++) {
            Object[] c = cases.get(sample == null ? i : sample.nextInt(cases.size()));
            tally.check(what, zone, (WeeklySlot) c[0], (Instant) c[1], (Instant) c[2]);
        }
    }

    /** Zones without transitions in the range: a few random slots and instants, against the same oracle. */
    private static void checkWithoutTransitions(ZoneId zone, SplittableRandom random, Tally tally) {
        for (int i = 0; i < 6; i++) {
            Instant notBefore = FROM.plusSeconds(random.nextLong(TO.getEpochSecond() - FROM.getEpochSecond()));
            WeeklySlot slot = WeeklySlot.of(DayOfWeek.of(1 + random.nextInt(7)),
                    LocalTime.of(random.nextInt(24), random.nextInt(60)));
            Instant expected = BruteForceWindowOracle.occurrencesBySegments(slot.day(), slot.time(), zone, notBefore,
                    notBefore.plus(Duration.ofDays(8))).first();
            tally.check(zone + " (no transition), seed " + SEED + " case " + i, zone, slot, notBefore, expected);
        }
    }

    private static LocalDateTime min(LocalDateTime a, LocalDateTime b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDateTime max(LocalDateTime a, LocalDateTime b) {
        return a.isAfter(b) ? a : b;
    }
}
