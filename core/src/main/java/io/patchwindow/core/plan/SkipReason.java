package io.patchwindow.core.plan;

/**
 * Why a machine is not in the plan. The names are stable: scripts and reports depend on them.
 */
public enum SkipReason {
    /** The machine has no patch tag. */
    NO_PATCH_TAG,
    /** The patch tag does not match the grammar (or its {@code patch-tz} is not an IANA zone). */
    INVALID_PATCH_TAG,
    /** The tag's environment is not one of the selected environments. */
    OTHER_ENVIRONMENT,
    /** The OS is known and not selected. */
    OS_NOT_SELECTED,
    /** Nothing is known about the OS. */
    OS_UNKNOWN,
    /** The machine has no assessment record: it is not reporting. */
    NO_ASSESSMENT,
    /** The machine's assessment is older than the freshness limit. */
    STALE_ASSESSMENT,
    /** The assessment is fresh and has no pending update of the selected classifications. */
    NO_SECURITY_UPDATES,
    /** A platform prerequisite is missing (Update Manager: patch mode AutomaticByPlatform with user schedules). */
    NOT_READY,
    /** The inventory listed the same resource id more than once; only the first is planned. */
    DUPLICATE_MACHINE,
    /** Promotion between rings held back every security update of the machine ({@code Plan.heldBack()} says why). */
    HELD_BACK,
    /**
     * The assessment source could not give a complete answer that may concern this machine (for example a
     * Log Analytics partial error other than the result limits, or a Resource Graph answer cut for this
     * machine): the machine is never planned from a partial package list, and the command exits 1. The
     * detail carries the platform's error code.
     */
    ASSESSMENT_INCOMPLETE
}
