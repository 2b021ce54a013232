package io.patchwindow.core.report;

/** Why a planned machine did not run a window (stable names, as in the report JSON). */
public enum DidNotRun {
    /** The platform reports no run for the machine in the window. */
    NO_RESULT,
    /** The platform reports the run as not started (the machine was off or unreachable). */
    NOT_STARTED,
    /** The machine is no longer in the inventory and reported nothing. */
    MACHINE_DELETED,
    /** The deployment was removed from the platform before its window and nothing ran. */
    DEPLOYMENT_REMOVED
}
