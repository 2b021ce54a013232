package io.patchwindow.core.plan;

import java.util.Locale;
import java.util.Objects;

import io.patchwindow.core.text.Quoting;

/**
 * Who decides that a pending update is a security update ({@code --security-source azure|advisories|both}).
 *
 * <p>Default ({@link Policy#securitySource()} null): {@link #BOTH} when the planner has advisories
 * ({@link Planner#withAdvisories}), else {@link #AZURE}, the behaviour of the original runbooks. Under Azure
 * Update Manager every CentOS update is classified {@code Other}, so for CentOS only the advisories decide.
 */
public enum SecuritySource {
    /** Azure's classification only: the package carries one of {@link Policy#classifications()}. */
    AZURE("azure"),
    /** Published security advisories only (the rule of {@link io.patchwindow.core.advisory.AdvisoryIndex}). */
    ADVISORIES("advisories"),
    /** Either: Azure classifies it as one of the policy's classifications, or an advisory matches. */
    BOTH("both");

    private final String cliName;

    SecuritySource(String cliName) {
        this.cliName = cliName;
    }

    /**
     * Returns the name used on the command line and in the plan JSON: {@code azure}, {@code advisories} or
     * {@code both}.
     *
     * @return the name, not null
     */
    public String cliName() {
        return cliName;
    }

    /**
     * Returns whether Azure's classification counts under this source.
     *
     * @return true for {@link #AZURE} and {@link #BOTH}
     */
    public boolean usesAzure() {
        return this != ADVISORIES;
    }

    /**
     * Returns whether advisories count under this source.
     *
     * @return true for {@link #ADVISORIES} and {@link #BOTH}
     */
    public boolean usesAdvisories() {
        return this != AZURE;
    }

    /**
     * Parses {@code azure}, {@code advisories} or {@code both}, case-insensitively.
     *
     * @param text the text, not null
     * @return the source, not null
     * @throws IllegalArgumentException if the text is none of those
     */
    public static SecuritySource parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (SecuritySource s : values()) {
            if (s.cliName.equals(t)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Invalid security source " + Quoting.quote(text)
                + ": expected one of [azure, advisories, both]");
    }
}
