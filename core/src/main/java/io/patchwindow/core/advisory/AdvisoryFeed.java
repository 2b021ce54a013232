package io.patchwindow.core.advisory;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What one advisory file (or directory) held, for the plan's record of its sources.
 *
 * @serial exclude
 * @param source where it was read from, as the user named it (a file name or path)
 * @param format the format, e.g. {@code updateinfo}, {@code oval}, {@code osv}, {@code csaf}
 * @param advisories how many advisories it held
 * @param newest the newest issue or update date among them, if any
 */
public record AdvisoryFeed(String source, String format, long advisories,
                           @org.jspecify.annotations.Nullable LocalDate newest) implements Serializable {

    /**
     * Validates the components.
     *
     * @param source where it was read from
     * @param format the format
     * @param advisories how many advisories
     * @param newest the newest date, may be null
     * @throws IllegalArgumentException if the count is negative
     */
    public AdvisoryFeed {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(format, "format");
        if (advisories < 0) {
            throw new IllegalArgumentException("Invalid advisory count " + advisories);
        }
    }
}
