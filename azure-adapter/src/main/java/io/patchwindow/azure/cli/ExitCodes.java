package io.patchwindow.azure.cli;

/**
 * The exit codes of the {@code patchwindow} command (docs/contracts.md#exit-codes). Scripts depend on them.
 */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /**
     * Some actions failed (the rest were done); or the assessment was incomplete for some machines (they are
     * skipped as {@code ASSESSMENT_INCOMPLETE}, the others planned or applied); also an unexpected internal error.
     */
    public static final int ACTIONS_FAILED = 1;
    /** Bad usage or bad input: unknown option, bad value, malformed snapshot, invalid tag value. */
    public static final int BAD_INPUT = 2;
    /** Azure authentication failed or the platform is unavailable. */
    public static final int PLATFORM_UNAVAILABLE = 3;

    private ExitCodes() {
    }
}
