package io.patchwindow.core.report;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What an installation run did with one package, as Update Manager's {@code softwarepatches} rows say
 * ({@code properties.installationState}).
 */
public enum InstallationState {
    /** Installed. */
    INSTALLED("Installed"),
    /** The installation was tried and failed. */
    FAILED("Failed"),
    /** Selected but not installed (for example the window ended first). */
    PENDING("Pending"),
    /** Available but not selected by the run's masks or classifications. */
    NOT_SELECTED("NotSelected"),
    /** Excluded by the run's exclusion masks. */
    EXCLUDED("Excluded");

    private static final InstallationState[] STATES = values();
    private final String apiName;

    InstallationState(String apiName) {
        this.apiName = apiName;
    }

    /**
     * Returns the name the platform uses, e.g. {@code NotSelected}.
     *
     * @return the API name, not null
     */
    public String apiName() {
        return apiName;
    }

    /**
     * Reads a platform state, ignoring case, e.g. {@code Installed}.
     *
     * @param text the state, not null
     * @return the state, or empty when the text is not one of the five
     */
    public static Optional<InstallationState> tryParse(String text) {
        Objects.requireNonNull(text, "text");
        for (InstallationState s : STATES) {
            if (s.apiName.equals(text)) {
                // the platform's own spelling: every row of a report, 2,000,000 of them, without lowering
                return Optional.of(s);
            }
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (InstallationState s : STATES) {
            if (s.apiName.toLowerCase(Locale.ROOT).equals(t)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
