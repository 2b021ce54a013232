package io.patchwindow.azure.run;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import io.patchwindow.core.plan.Policy;
import io.patchwindow.core.text.Quoting;

/**
 * Parses option texts into JDK time types, with messages that name the option and the accepted form.
 * Every failure is an {@link IllegalArgumentException}.
 */
public final class OptionValues {
    private OptionValues() {
    }

    /**
     * Parses an ISO-8601 duration, e.g. {@code PT2H}.
     *
     * @param option the option name for the message, e.g. {@code --duration}
     * @param text the text
     * @return the duration, not null
     * @throws IllegalArgumentException if the text is not a duration
     */
    public static Duration duration(String option, String text) {
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Invalid " + option + " " + Quoting.quote(text)
                    + ": expected an ISO-8601 duration such as PT2H, PT10M or P2D", e);
        }
    }

    /**
     * Parses an IANA time zone id, e.g. {@code Europe/Paris}.
     *
     * @param option the option name for the message, e.g. {@code --time-zone}
     * @param text the text
     * @return the zone, not null
     * @throws IllegalArgumentException if the text is not an IANA region id (a fixed offset is refused, as in the
     *         {@code patch-tz} tag)
     */
    public static ZoneId zone(String option, String text) {
        // the set of the patch-tz tag: IANA region ids only (ZoneId.of also takes '+01:00' and 'UTC+1')
        if (!Policy.ianaRegion(text.strip())) {
            String suggestion = "";
            for (String id : ZoneId.getAvailableZoneIds()) {
                if (id.equalsIgnoreCase(text.strip())) {
                    suggestion = "; did you mean " + id + "?"; // ids are case-sensitive: europe/paris is Europe/Paris
                }
            }
            throw new IllegalArgumentException("Invalid " + option + " " + Quoting.quote(text) + ": expected "
                    + Policy.IANA_ZONES + ", exactly as spelled in the IANA database (a fixed offset such as +01:00 "
                    + "has no DST rules)" + suggestion);
        }
        return ZoneId.of(text.strip());
    }

    /**
     * Parses an instant, e.g. {@code 2026-11-25T10:17:00Z} (an offset such as {@code +01:00} is accepted too).
     *
     * @param option the option name for the message, e.g. {@code --now}
     * @param text the text
     * @return the instant, not null
     * @throws IllegalArgumentException if the text is not an ISO-8601 instant
     */
    public static Instant instant(String option, String text) {
        String t = text.strip();
        Instant parsed;
        try {
            parsed = Instant.parse(t);
        } catch (DateTimeParseException e) {
            try {
                parsed = OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("Invalid " + option + " " + Quoting.quote(text)
                        + ": expected an ISO-8601 instant such as 2026-11-25T10:17:00Z", e);
            }
        }
        if (parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST)) {
            // Window and freshness arithmetic near Instant.MIN or MAX would fail with java.time's own words.
            throw new IllegalArgumentException("Invalid " + option + " " + Quoting.quote(text)
                    + ": expected an instant from " + EARLIEST + " to " + LATEST + ", e.g. 2026-11-25T10:17:00Z");
        }
        return parsed;
    }

    /** The range of instants accepted by {@link #instant}. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

    /** The longest freshness limit accepted: ten years of 365 days. */
    static final Duration MAX_ASSESSMENT_AGE = Duration.ofDays(3650);

    /**
     * Parses a {@code --max-assessment-age} value: a positive ISO-8601 duration up to {@code P3650D}.
     *
     * @param text the text, not null
     * @return the duration, not null
     * @throws IllegalArgumentException if the text is not such a duration
     */
    public static Duration maxAssessmentAge(String text) {
        Duration d = duration("--max-assessment-age", text);
        if (d.isNegative() || d.isZero() || d.compareTo(MAX_ASSESSMENT_AGE) > 0) {
            throw new IllegalArgumentException("Invalid --max-assessment-age " + Quoting.quote(text)
                    + ": expected a positive duration up to P3650D, e.g. PT5H");
        }
        return d;
    }
}
