package io.patchwindow.core.deployment;

/**
 * What reconcile decides for one deployment.
 */
public enum ActionKind {
    /** Planned and absent: create it. */
    CREATE,
    /** Planned and present with a difference: rewrite it. */
    UPDATE,
    /** Planned and present, identical; or present, pending and kept because pruning is off. */
    KEEP,
    /** Present and expired, or (with pruning) pending and no longer planned: delete it. */
    DELETE
}
