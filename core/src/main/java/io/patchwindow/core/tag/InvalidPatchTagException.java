package io.patchwindow.core.tag;

import io.patchwindow.core.text.Quoting;

/**
 * Thrown when a tag value does not match the tag grammar. The message quotes the value and names the
 * bad field, e.g. {@code 'CENTOS-P-MON-04:00': hour '04:00' is not one of [03:00, 12:00, 22:00]}.
 */
public final class InvalidPatchTagException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The rejected tag value. */

    private final String value;
    /** Why it was rejected. */
    private final String reason;

    InvalidPatchTagException(String value, String reason) {
        super("Invalid patch tag " + Quoting.quote(value) + ": " + reason);
        this.value = value;
        this.reason = reason;
    }

    /**
     * Returns the rejected tag value, as given.
     *
     * @return the value, not null
     */
    public String value() {
        return value;
    }

    /**
     * Returns the reason without the quoted value, e.g. {@code hour '04:00' is not one of [03:00]}.
     *
     * @return the reason, not null
     */
    public String reason() {
        return reason;
    }
}
