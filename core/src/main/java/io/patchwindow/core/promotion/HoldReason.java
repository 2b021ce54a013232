package io.patchwindow.core.promotion;

/**
 * Why a planned package of a target machine is held back instead of promoted. The names are stable: scripts
 * and reports depend on them. The rule of {@link ProvenVersions} checks them in the order declared here.
 */
public enum HoldReason {
    /** No source ring has an installation result (installed or failed) of any version of the package. */
    NEVER_INSTALLED_IN_SOURCE,
    /**
     * The version the target machine's assessment offers is not one the source rings installed or failed (or the
     * assessment gives no version): installing it would install something unproven.
     */
    DIFFERENT_VERSION,
    /** The offered version failed in the source rings more often than the maximum failure rate allows. */
    FAILED_IN_SOURCE,
    /** The offered version installed on fewer source machines than the minimum number of successes. */
    TOO_FEW_SUCCESSES,
    /** Enough source machines installed it, but not the soak time before the target window starts. */
    NOT_YET_SOAKED
}
