package io.patchwindow.azure.cli;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

import io.patchwindow.azure.run.OptionValues;

/**
 * The {@code --now} option: the instant to plan at. Without it, the system clock; this is the only
 * place patchwindow reads it.
 */
public final class ClockOptions {
    @Option(names = "--now", paramLabel = "INSTANT",
            description = "Take this ISO-8601 instant as now, e.g. 2026-11-25T10:17:00Z (default: the system clock, "
                    + "to the second).")
    private @Nullable String now;

    /**
     * Sets the instant text, e.g. {@code 2026-11-25T10:17:00Z}.
     *
     * @param now the text, not null
     * @return this
     */
    public ClockOptions now(String now) {
        this.now = Objects.requireNonNull(now, "now");
        return this;
    }

    /**
     * Returns the clock: fixed at {@code --now} when given, else the system clock in UTC ticking in whole seconds
     * (the plan's header and {@code generatedAt} show no fraction of a second).
     *
     * @return the clock, not null
     * @throws IllegalArgumentException if {@code --now} is not an ISO-8601 instant
     */
    public Clock clock() {
        if (now == null) {
            return Clock.tickSeconds(ZoneOffset.UTC);
        }
        return Clock.fixed(OptionValues.instant("--now", now), ZoneOffset.UTC);
    }
}
