package io.patchwindow.core.report;

/** What happened to one planned package on one machine. */
public enum PackageStatus {
    /** Installed (Update Manager row {@code Installed}, or an Automation machine run that succeeded). */
    INSTALLED,
    /** The installation failed. */
    FAILED,
    /** Still pending after the run (for example the window was exceeded). */
    PENDING,
    /** The run did not select it. */
    NOT_SELECTED,
    /** The run excluded it. */
    EXCLUDED,
    /** The run has no row for it (it may no longer have been pending), or the machine did not run. */
    NOT_REPORTED;

    /**
     * Returns the status of an Update Manager installation state.
     *
     * @param state the state, not null
     * @return the status, not null
     */
    public static PackageStatus of(InstallationState state) {
        switch (state) {
            case INSTALLED:
                return INSTALLED;
            case FAILED:
                return FAILED;
            case PENDING:
                return PENDING;
            case NOT_SELECTED:
                return NOT_SELECTED;
            default:
                return EXCLUDED;
        }
    }

    /** How bad the status is when one package has several rows (architectures): the worst one counts. */
    int severity() {
        switch (this) {
            case FAILED:
                return 5;
            case PENDING:
                return 4;
            case NOT_SELECTED:
                return 3;
            case EXCLUDED:
                return 2;
            case NOT_REPORTED:
                return 1;
            default:
                return 0;
        }
    }
}
