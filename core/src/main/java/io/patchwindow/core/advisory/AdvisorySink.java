package io.patchwindow.core.advisory;

/**
 * Receives advisories as a source reads them, so that a source can stream a file of hundreds of
 * megabytes without holding it.
 */
@FunctionalInterface
public interface AdvisorySink {

    /**
     * Takes one advisory.
     *
     * @param advisory the advisory, not null
     */
    void accept(Advisory advisory);

    /**
     * Records what one feed (file or directory) held, after its last advisory. Default: ignored.
     *
     * @param feed the summary, not null
     */
    default void feed(AdvisoryFeed feed) {
    }
}
