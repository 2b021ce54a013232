package io.patchwindow.azure.snapshot;

import java.time.Duration;

/**
 * Which section of a snapshot feeds the assessment: the Log Analytics {@code updates} rows when the
 * section is present and not empty, else the Resource Graph {@code patchAssessments} rows.
 */
public enum AssessmentSection {
    /** Log Analytics {@code Update} rows; default freshness limit {@code PT5H}, as the original query. */
    UPDATES("updates", Duration.ofHours(5)),
    /** Resource Graph {@code patchassessmentresources} rows; default freshness limit {@code P2D} (daily assessments). */
    PATCH_ASSESSMENTS("patchAssessments", Duration.ofDays(2)),
    /** Neither section has a row: every selected machine is reported as not assessed. */
    NONE("", Duration.ofHours(5));

    private final String key;
    private final Duration defaultMaxAge;

    AssessmentSection(String key, Duration defaultMaxAge) {
        this.key = key;
        this.defaultMaxAge = defaultMaxAge;
    }

    /**
     * Returns the top-level key of the section, e.g. {@code updates}; empty for {@link #NONE}.
     *
     * @return the key, not null
     */
    public String key() {
        return key;
    }

    /**
     * Returns the default freshness limit for records of this source: {@code PT5H} for Log Analytics,
     * {@code P2D} for Resource Graph.
     *
     * @return the duration, not null
     */
    public Duration defaultMaxAge() {
        return defaultMaxAge;
    }
}
