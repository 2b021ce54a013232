package io.patchwindow.core.report;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The status of an installation run, as Update Manager reports it in a {@code patchinstallationresults}
 * summary ({@code NotStarted}, {@code InProgress}, {@code Failed}, {@code Succeeded},
 * {@code CompletedWithWarnings}) and Automation in its runs and machine runs.
 */
public enum RunStatus {
    /** The run has not started (for example the machine was off or unreachable). */
    NOT_STARTED("NotStarted"),
    /** The run is still going. */
    IN_PROGRESS("InProgress"),
    /** The run failed. */
    FAILED("Failed"),
    /** The run succeeded. */
    SUCCEEDED("Succeeded"),
    /** The run completed, with warnings. */
    COMPLETED_WITH_WARNINGS("CompletedWithWarnings");

    private final String apiName;

    RunStatus(String apiName) {
        this.apiName = apiName;
    }

    /**
     * Returns the name the platform uses, e.g. {@code CompletedWithWarnings}.
     *
     * @return the API name, not null
     */
    public String apiName() {
        return apiName;
    }

    /**
     * Reads a platform status, ignoring case: the five Update Manager names, plus Automation's
     * {@code Running} (in progress), {@code Completed} (succeeded), {@code Cancelled}/{@code Canceled} and
     * {@code Stopped} (failed) and {@code Scheduled}/{@code NotStarted} (not started).
     *
     * @param text the status, e.g. {@code Succeeded}, not null
     * @return the status, or empty when the text is none of these
     */
    public static Optional<RunStatus> tryParse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (RunStatus s : values()) {
            if (s.apiName.toLowerCase(Locale.ROOT).equals(t)) {
                return Optional.of(s);
            }
        }
        switch (t) {
            case "running":
            case "inprogress":
                return Optional.of(IN_PROGRESS);
            case "completed":
                return Optional.of(SUCCEEDED);
            case "cancelled":
            case "canceled":
            case "stopped":
                return Optional.of(FAILED);
            case "scheduled":
                return Optional.of(NOT_STARTED);
            default:
                return Optional.empty();
        }
    }
}
