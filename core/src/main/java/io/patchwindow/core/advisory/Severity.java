package io.patchwindow.core.advisory;

import io.patchwindow.core.text.Quoting;

import java.util.Locale;
import java.util.Objects;

/**
 * The severity of an advisory, in Red Hat's scale, lowest first: {@link #NONE} (not rated) then
 * {@link #LOW}, {@link #MODERATE}, {@link #IMPORTANT}, {@link #CRITICAL}. Ordered by {@link #compareTo}.
 */
public enum Severity {
    /** Not rated (an advisory without severity, or a CVE id alone). */
    NONE("None"),
    /** Low. */
    LOW("Low"),
    /** Moderate (also written Medium). */
    MODERATE("Moderate"),
    /** Important (also written High). */
    IMPORTANT("Important"),
    /** Critical. */
    CRITICAL("Critical");

    private final String displayName;

    Severity(String displayName) {
        this.displayName = displayName;
    }

    /**
     * Returns the name used in plans and docs, e.g. {@code Important}.
     *
     * @return the display name, not null
     */
    public String displayName() {
        return displayName;
    }

    /**
     * Parses a severity, case-insensitively: {@code None} (or empty), {@code Low}, {@code Moderate}
     * ({@code Medium}), {@code Important} ({@code High}), {@code Critical}.
     *
     * @param text the text, not null
     * @return the severity, not null
     * @throws IllegalArgumentException if the text is none of those
     */
    public static Severity parse(String text) {
        Objects.requireNonNull(text, "text");
        switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "":
            case "none":
                return NONE;
            case "low":
                return LOW;
            case "moderate":
            case "medium":
                return MODERATE;
            case "important":
            case "high":
                return IMPORTANT;
            case "critical":
                return CRITICAL;
            default:
                throw new IllegalArgumentException("Invalid severity " + Quoting.quote(text)
                        + ": expected one of [None, Low, Moderate, Important, Critical]");
        }
    }

    /**
     * Returns whether this severity is at least another.
     *
     * @param minimum the minimum, not null
     * @return true if this is the minimum or higher
     */
    public boolean isAtLeast(Severity minimum) {
        return compareTo(Objects.requireNonNull(minimum, "minimum")) >= 0;
    }
}
