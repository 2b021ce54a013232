package io.patchwindow.azure.run;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Window placement options: {@code --time-zone} (default {@code Europe/Paris}) and {@code --lead-time}
 * (default {@code PT10M}).
 */
public final class WindowOptions {
    /** The default time zone of windows. */
    public static final String DEFAULT_TIME_ZONE = "Europe/Paris";
    /** The default lead time. */
    public static final Duration DEFAULT_LEAD_TIME = Duration.ofMinutes(10);

    @Option(names = "--time-zone", paramLabel = "ZONE",
            description = "IANA time zone of the windows (default: " + DEFAULT_TIME_ZONE + ").")
    private @Nullable String timeZone;

    @Option(names = "--lead-time", paramLabel = "DURATION",
            description = "Minimum time between now and a window start, ISO-8601 (default: PT10M).")
    private @Nullable String leadTime;

    /**
     * Sets the time zone, e.g. {@code Europe/Paris}.
     *
     * @param timeZone an IANA id, not null
     * @return this
     */
    public WindowOptions timeZone(String timeZone) {
        this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
        return this;
    }

    /**
     * Sets the lead time, e.g. {@code PT10M}.
     *
     * @param leadTime an ISO-8601 duration, not null
     * @return this
     */
    public WindowOptions leadTime(String leadTime) {
        this.leadTime = Objects.requireNonNull(leadTime, "leadTime");
        return this;
    }

    /**
     * Returns the time zone.
     *
     * @return the zone, not null
     * @throws IllegalArgumentException if the text is not an IANA id
     */
    public ZoneId zone() {
        return timeZone == null ? ZoneId.of(DEFAULT_TIME_ZONE) : OptionValues.zone("--time-zone", timeZone);
    }

    /**
     * Returns the lead time.
     *
     * @return the duration, not null
     * @throws IllegalArgumentException if the text is not a duration or is negative
     */
    public Duration lead() {
        if (leadTime == null) {
            return DEFAULT_LEAD_TIME;
        }
        Duration d = OptionValues.duration("--lead-time", leadTime);
        if (d.isNegative()) {
            throw new IllegalArgumentException("Invalid --lead-time '" + leadTime + "': must not be negative, e.g. PT10M");
        }
        return d;
    }
}
