package io.patchwindow.core.report;

/** What a window did on one machine. */
public enum Outcome {
    /** Every planned package was installed. */
    SUCCEEDED,
    /** A planned package failed, or the run failed. */
    FAILED,
    /** The run ended without failures, but a planned package was not installed (pending, not selected, ...). */
    INCOMPLETE,
    /** The run is still going. */
    IN_PROGRESS,
    /** The machine did not run the window; {@link MachineReport#reason()} says why. */
    DID_NOT_RUN
}
