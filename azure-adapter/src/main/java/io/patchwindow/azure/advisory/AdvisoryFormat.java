package io.patchwindow.azure.advisory;

/**
 * The advisory formats {@link AdvisoryFiles} reads, recognised by content, not by file name.
 */
public enum AdvisoryFormat {
    /** A yum/dnf repository's {@code updateinfo.xml}: root element {@code <updates>}. */
    UPDATEINFO("updateinfo"),
    /** OVAL definitions such as Red Hat's {@code rhel-7.oval.xml}: root element {@code <oval_definitions>}. */
    OVAL("oval"),
    /** OSV JSON: an object with {@code id} and {@code affected}, an array of them, or a zip of such files. */
    OSV("osv"),
    /** CSAF 2.0 JSON (advisory or VEX): an object with {@code document.csaf_version}. */
    CSAF("csaf");

    private final String id;

    AdvisoryFormat(String id) {
        this.id = id;
    }

    /**
     * Returns the name used in plans and messages, e.g. {@code oval}.
     *
     * @return the name, not null
     */
    public String id() {
        return id;
    }
}
