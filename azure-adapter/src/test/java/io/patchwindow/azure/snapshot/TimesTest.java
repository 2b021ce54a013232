package io.patchwindow.azure.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimesTest {
    @ParameterizedTest
    @ValueSource(strings = {"2026-11-25T08:00:00Z", "2026-11-25T08:00:00.1Z", "2026-11-25T08:00:00.1234567Z",
            "2026-11-25T08:00:00.123456789Z", "2017-10-19T12:22:00-07:00", "2017-10-19T18:54:50.5233333+00:00",
            "2026-03-29T02:30:00+05:45", "2024-02-29T23:59:59Z", "2026-11-25T08:00Z", "2026-11-25T08:00:00+01:00:00"})
    void parse_agreesWithTheIsoFormatter(String text) {
        assertThat(Times.parse(text)).isEqualTo(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-25T08:00:00", "2026-13-25T08:00:00Z", "2026-02-30T08:00:00Z", "2026-11-25 08:00:00Z",
            "2026-11-25T08:00:00.1234567890Z", "2026-11-25T24:00:00Z", "2026-11-25T08:00:00+19:00",
            "yesterday", "+2026-11-25T08:00:00Z"})
    void parse_rejectsWhatTheIsoFormatterRejects(String text) {
        assertThatThrownBy(() -> Times.parse(text)).isInstanceOf(DateTimeException.class);
    }
}
