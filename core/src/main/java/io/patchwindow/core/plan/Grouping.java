package io.patchwindow.core.plan;

import java.util.Locale;
import java.util.Objects;

import io.patchwindow.core.text.Quoting;

/**
 * How planned machines are packed into deployments.
 */
public enum Grouping {
    /** One deployment per machine (the original runbooks; Automation default). */
    PER_MACHINE,
    /** One deployment per window group (environment, weekday, time, zone), sharded above a size limit. */
    PER_WINDOW;

    /**
     * Parses {@code per-machine} or {@code per-window}, case-insensitively.
     *
     * @param text the text, not null
     * @return the grouping, not null
     * @throws IllegalArgumentException if the text is neither
     */
    public static Grouping parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        if (t.equals("per-machine")) {
            return PER_MACHINE;
        }
        if (t.equals("per-window")) {
            return PER_WINDOW;
        }
        throw new IllegalArgumentException(
                "Invalid grouping " + Quoting.quote(text) + ": expected one of [per-machine, per-window]");
    }
}
