package io.patchwindow.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WeeklySlotTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static WeeklySlot slot(DayOfWeek day, String time) {
        return WeeklySlot.of(day, LocalTime.parse(time));
    }

    @Test
    void nextWindow_inSpringForwardGap_shiftsForward() {
        // 2026-03-29 is the last Sunday of March: Paris clocks jump from 02:00 to 03:00.
        ZonedDateTime w = slot(DayOfWeek.SUNDAY, "02:30").nextWindow(PARIS, Instant.parse("2026-03-28T12:00:00Z"));

        assertThat(w).isEqualTo(ZonedDateTime.of(2026, 3, 29, 3, 30, 0, 0, PARIS));
        assertThat(w.getOffset()).isEqualTo(ZoneOffset.ofHours(2));
        assertThat(w.toInstant()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @Test
    void nextWindow_inAutumnOverlap_takesEarlierOffset() {
        // 2026-10-25 is the last Sunday of October: 02:00-03:00 happens twice in Paris (+02:00, then +01:00).
        WeeklySlot sunday0230 = slot(DayOfWeek.SUNDAY, "02:30");
        ZonedDateTime w = sunday0230.nextWindow(PARIS, Instant.parse("2026-10-24T12:00:00Z"));

        assertThat(w.toLocalDateTime()).isEqualTo(LocalDate.of(2026, 10, 25).atTime(2, 30));
        assertThat(w.getOffset()).isEqualTo(ZoneOffset.ofHours(2));
        assertThat(w.toInstant()).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void nextWindow_justAfterTheAutumnWindow_isNextWeek_neverTheRepeatedHour() {
        WeeklySlot sunday0230 = slot(DayOfWeek.SUNDAY, "02:30");
        ZonedDateTime first = sunday0230.nextWindow(PARIS, Instant.parse("2026-10-24T12:00:00Z"));

        ZonedDateTime again = sunday0230.nextWindow(PARIS, first.toInstant().plusSeconds(1));
        ZonedDateTime duringRepeat = sunday0230.nextWindow(PARIS, Instant.parse("2026-10-25T01:29:00Z"));

        // 01:30Z is 02:30+01:00, the second 02:30 of that night: it must not be a window.
        assertThat(again).isEqualTo(ZonedDateTime.of(2026, 11, 1, 2, 30, 0, 0, PARIS));
        assertThat(again.getOffset()).isEqualTo(ZoneOffset.ofHours(1));
        assertThat(duringRepeat).isEqualTo(again);
    }

    @Test
    void nextWindow_exactlyAtNotBefore_isThatWindow() {
        Instant monday0300Paris = Instant.parse("2026-11-30T02:00:00Z");

        assertThat(slot(DayOfWeek.MONDAY, "03:00").nextWindow(PARIS, monday0300Paris).toInstant())
                .isEqualTo(monday0300Paris);
        assertThat(slot(DayOfWeek.MONDAY, "03:00").nextWindow(PARIS, monday0300Paris.plusNanos(1)))
                .isEqualTo(ZonedDateTime.of(2026, 12, 7, 3, 0, 0, 0, PARIS));
    }

    @Test
    void nextWindow_readsTheWallClockOfTheZone_notUtc() {
        // Monday 2026-11-30 01:30 UTC is 02:30 in Paris; 03:00 Paris (02:00 UTC) is the same day.
        ZonedDateTime w = slot(DayOfWeek.MONDAY, "03:00").nextWindow(PARIS, Instant.parse("2026-11-30T01:30:00Z"));
        assertThat(w).isEqualTo(ZonedDateTime.of(2026, 11, 30, 3, 0, 0, 0, PARIS));

        // Sunday 23:30 UTC is already Monday 00:30 in Paris.
        ZonedDateTime sunday = slot(DayOfWeek.SUNDAY, "22:00").nextWindow(PARIS, Instant.parse("2026-11-29T23:30:00Z"));
        assertThat(sunday).isEqualTo(ZonedDateTime.of(2026, 12, 6, 22, 0, 0, 0, PARIS));
    }

    @ParameterizedTest(name = "now {0}, lead {1} -> {2}")
    @CsvSource({
        // Monday 2026-11-30 03:00 Paris = 02:00 UTC.
        "2026-11-30T01:55:00Z, PT10M, 2026-12-07T03:00+01:00[Europe/Paris]",
        "2026-11-30T01:55:00Z, PT5M,  2026-11-30T03:00+01:00[Europe/Paris]",
        "2026-11-30T01:55:00Z, PT0S,  2026-11-30T03:00+01:00[Europe/Paris]",
        "2026-11-30T01:45:00Z, PT10M, 2026-11-30T03:00+01:00[Europe/Paris]",
        "2026-11-29T02:00:00Z, P1D,   2026-11-30T03:00+01:00[Europe/Paris]",
        "2026-11-29T02:00:01Z, P1D,   2026-12-07T03:00+01:00[Europe/Paris]",
        "2026-11-24T12:00:00Z, P7D,   2026-12-07T03:00+01:00[Europe/Paris]",
    })
    void nextWindow_withClock_respectsTheLeadTime(Instant now, Duration lead, ZonedDateTime expected) {
        ZonedDateTime w = slot(DayOfWeek.MONDAY, "03:00").nextWindow(PARIS, Clock.fixed(now, ZoneOffset.UTC), lead);

        assertThat(w).isEqualTo(expected);
        assertThat(Duration.between(now, w.toInstant())).isGreaterThanOrEqualTo(lead);
    }

    @Test
    void nextWindow_withClock_ignoresTheClocksOwnZone() {
        Instant now = Instant.parse("2026-11-30T01:30:00Z");
        WeeklySlot s = slot(DayOfWeek.MONDAY, "03:00");

        assertThat(s.nextWindow(PARIS, Clock.fixed(now, ZoneId.of("Pacific/Kiritimati")), Duration.ofMinutes(10)))
                .isEqualTo(s.nextWindow(PARIS, Clock.fixed(now, ZoneOffset.UTC), Duration.ofMinutes(10)))
                .isEqualTo(s.nextWindow(PARIS, now.plus(Duration.ofMinutes(10))));
    }

    @Test
    void nextWindow_rejectsNegativeLeadTime() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> slot(DayOfWeek.MONDAY, "03:00")
                        .nextWindow(PARIS, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), Duration.ofMinutes(-1)))
                .withMessage("Invalid lead time 'PT-1M': must not be negative");
    }

    @Test
    void of_rejectsSeconds() {
        assertThatIllegalArgumentException().isThrownBy(() -> WeeklySlot.of(DayOfWeek.MONDAY, LocalTime.of(3, 0, 1)))
                .withMessage("Invalid slot time '03:00:01': seconds are not allowed; expected HH:MM, e.g. 03:00");
    }

    @Test
    void at_rejectsADateOnAnotherWeekday() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> slot(DayOfWeek.MONDAY, "03:00").at(LocalDate.of(2026, 11, 29), PARIS))
                .withMessage("Invalid date '2026-11-29': it is a SUNDAY, the slot is on MONDAY");
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "MONDAY,    03:00, MON, MON 03:00",
        "WEDNESDAY, 12:00, WED, WED 12:00",
        "SUNDAY,    22:00, SUN, SUN 22:00",
    })
    void dayCode_andToString_useThreeLetterEnglishDays(DayOfWeek day, LocalTime time, String code, String text) {
        assertThat(WeeklySlot.of(day, time).dayCode()).isEqualTo(code);
        assertThat(WeeklySlot.of(day, time)).hasToString(text);
    }

    @Test
    void oracle_agreesWithTheHandWorkedDstExamples() {
        // Guards the oracle itself: if it were wrong, the property test would prove nothing.
        assertThat(BruteForceWindowOracle.nextWindow(DayOfWeek.SUNDAY, LocalTime.of(2, 30), PARIS,
                Instant.parse("2026-03-28T12:00:00Z"))).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(BruteForceWindowOracle.nextWindow(DayOfWeek.SUNDAY, LocalTime.of(2, 30), PARIS,
                Instant.parse("2026-10-24T12:00:00Z"))).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        assertThat(BruteForceWindowOracle.nextWindow(DayOfWeek.SUNDAY, LocalTime.of(2, 30), PARIS,
                Instant.parse("2026-10-25T00:30:01Z"))).isEqualTo(Instant.parse("2026-11-01T01:30:00Z"));
    }
}
