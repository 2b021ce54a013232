package io.patchwindow.core.advisory;

/** The type of an advisory, as updateinfo's {@code type} attribute gives it. Only security advisories decide. */
public enum AdvisoryType {
    /** A security advisory (updateinfo {@code security}, an RHSA, an OVAL patch definition, an OSV entry). */
    SECURITY,
    /** A bug fix advisory (RHBA). */
    BUGFIX,
    /** An enhancement or new package advisory (RHEA, updateinfo {@code enhancement} or {@code newpackage}). */
    ENHANCEMENT
}
