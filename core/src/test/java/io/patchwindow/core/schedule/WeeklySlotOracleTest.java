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
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Property tests of {@link WeeklySlot#nextWindow} against {@link BruteForceWindowOracle}.
 *
 * <p>A small seeded harness instead of jqwik: jqwik 1.10 ships an "Anti-AI Usage Clause" asking that AI coding
 * agents not use it, and this suite was written by one. Cases are reproducible from the seed and case number
 * printed in any failure.
 */
class WeeklySlotOracleTest {
    private static final long SEED = 20261125L;
    private static final int CASES_PER_ZONE = 150;
    private static final List<String> ZONES = List.of(
            "Europe/Paris", "America/New_York", "Australia/Sydney", "Asia/Kathmandu", "America/Santiago",
            "Australia/Lord_Howe", "Europe/London");
    private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2035-12-31T00:00:00Z");

    /** One generated case. */
    record Case(int index, ZoneId zone, WeeklySlot slot, Instant now, Duration lead) {
        @Override
        public String toString() {
            return "seed " + SEED + " case " + index + ": " + slot + " in " + zone + ", now " + now + ", lead " + lead;
        }
    }

    @TestFactory
    Stream<DynamicTest> nextWindow_equalsTheBruteForceOracle_aroundDstTransitions() {
        return ZONES.stream().map(id -> DynamicTest.dynamicTest(id, () -> {
            Random random = new Random(SEED ^ id.hashCode());
            ZoneId zone = ZoneId.of(id);
            for (int i = 0; i < CASES_PER_ZONE; i++) {
                Case c = generate(i, zone, random);
                Instant notBefore = c.now().plus(c.lead());
                Instant expected = BruteForceWindowOracle.nextWindow(c.slot().day(), c.slot().time(), zone, notBefore);

                ZonedDateTime byInstant = c.slot().nextWindow(zone, notBefore);
                ZonedDateTime byClock = c.slot().nextWindow(zone, Clock.fixed(c.now(), ZoneOffset.UTC), c.lead());

                assertThat(byInstant.toInstant()).as(c.toString()).isEqualTo(expected);
                assertThat(byClock).as(c.toString()).isEqualTo(byInstant);
                assertThat(byInstant.getZone()).as(c.toString()).isEqualTo(zone);
                assertThat(byInstant.getOffset()).as(c.toString())
                        .isEqualTo(zone.getRules().getOffset(byInstant.toInstant()));
                assertThat(byInstant.getDayOfWeek()).as(c.toString()).isEqualTo(c.slot().day());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> nextWindow_successiveWindows_areOneCalendarWeekApart_andNeverRepeat() {
        return ZONES.stream().map(id -> DynamicTest.dynamicTest(id, () -> {
            Random random = new Random(~SEED ^ id.hashCode());
            ZoneId zone = ZoneId.of(id);
            for (int i = 0; i < CASES_PER_ZONE; i++) {
                Case c = generate(i, zone, random);
                ZonedDateTime w = c.slot().nextWindow(zone, c.now());
                ZonedDateTime next = c.slot().nextWindow(zone, w.toInstant().plusSeconds(1));

                assertThat(next.toLocalDate()).as(c.toString()).isEqualTo(w.toLocalDate().plusWeeks(1));
                assertThat(next.toInstant()).as(c.toString()).isAfter(w.toInstant().plus(Duration.ofDays(6)));
                assertThat(Duration.between(c.now(), w.toInstant())).as(c.toString())
                        .isLessThanOrEqualTo(Duration.ofDays(7).plusHours(3));
            }
        }));
    }

    /**
     * Instants concentrated around the zone's DST transitions (picked with {@code nextTransition}), slots often
     * at local times inside or next to the transition (such as 02:30 in a gap), and lead times from zero to days.
     */
    private static Case generate(int index, ZoneId zone, Random random) {
        Instant base = FROM.plusSeconds((long) (random.nextDouble() * (TO.getEpochSecond() - FROM.getEpochSecond())));
        ZoneOffsetTransition transition = zone.getRules().nextTransition(base);
        Instant anchor = transition == null ? base : transition.getInstant();

        long spreadMinutes;
        switch (random.nextInt(3)) {
            case 0: spreadMinutes = 3 * 60; break;          // right around the transition
            case 1: spreadMinutes = 36 * 60; break;         // the day before or after
            default: spreadMinutes = 8 * 24 * 60;           // a week either side
        }
        long offsetSeconds = (long) ((random.nextDouble() * 2 - 1) * spreadMinutes * 60);
        Instant now = anchor.plusSeconds(offsetSeconds).plusNanos(random.nextInt(3) == 0 ? random.nextInt(1_000_000_000) : 0);

        LocalDateTime localAnchor = transition == null ? LocalDateTime.ofInstant(anchor, zone)
                : transition.getDateTimeBefore();
        DayOfWeek day;
        LocalTime time;
        if (random.nextInt(3) > 0) {
            // On the transition's day, at or near its local time: inside gaps and overlaps, and at their edges.
            LocalDateTime near = localAnchor.plusMinutes(random.nextInt(181) - 60);
            day = near.getDayOfWeek();
            time = near.toLocalTime().withSecond(0).withNano(0);
            if (random.nextInt(4) == 0) {
                time = time.withMinute(random.nextBoolean() ? 0 : 30);
            }
        } else {
            day = DayOfWeek.of(1 + random.nextInt(7));
            time = LocalTime.of(random.nextInt(24), random.nextInt(60));
        }

        Duration lead;
        switch (random.nextInt(4)) {
            case 0: lead = Duration.ZERO; break;
            case 1: lead = Duration.ofMinutes(10); break;
            case 2: lead = Duration.ofMinutes(random.nextInt(24 * 60)); break;
            default: lead = Duration.ofMinutes(random.nextInt(3 * 24 * 60));
        }
        return new Case(index, zone, WeeklySlot.of(day, time), now, lead);
    }
}
