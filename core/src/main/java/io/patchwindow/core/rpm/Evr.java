package io.patchwindow.core.rpm;

import java.io.Serializable;
import java.util.Objects;

/**
 * An RPM epoch, version and release, ordered as rpm orders them: epoch as a number, then version and
 * release by {@link RpmVersions#compare}.
 *
 * <pre>{@code
 * Evr.parse("1:1.0.2k-26.el7_9").compareTo(Evr.parse("1.0.2k-26.el7_9")) > 0   // epoch 1 beats epoch 0
 * }</pre>
 *
 * <p>The release may be empty (an advisory or a version that names only {@code version}); a missing
 * release is older than any release of the same version, even one that starts with {@code ~}, as rpm orders
 * them ({@code rpm.labelCompare} in rpm's Python binding, {@code rpm.ver} in its Lua). Equality is
 * by value: {@code 0:1.0-1} equals {@code 1.0-1}, while {@code 1.0-1} and {@code 1_0-1}, which rpm ranks
 * equal, are not {@code equals} (compare with {@link #compareTo}).
 *
 * @serial exclude
 * @param epoch the epoch, 0 when absent
 * @param version the version, not blank
 * @param release the release, empty when not given
 */
public record Evr(long epoch, String version, String release) implements Comparable<Evr>, Serializable {

    /**
     * Validates the components.
     *
     * @param epoch the epoch, 0 when absent
     * @param version the version, not blank
     * @param release the release, empty when not given
     * @throws IllegalArgumentException if the epoch is negative, the version is blank, or a part holds
     *         white space, a control character or a {@code -} (version) / {@code :} (either)
     */
    public Evr {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(release, "release");
        if (epoch < 0) {
            throw new IllegalArgumentException("Invalid RPM epoch " + epoch + ": must be a non-negative number");
        }
        if (version.isEmpty()) {
            throw new IllegalArgumentException("Invalid RPM version '': must not be empty, e.g. 1.0.2k");
        }
        check("version", version, true);
        check("release", release, false);
    }

    private static void check(String part, String text, boolean noDash) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c == ':' || c >= 0x7f || (noDash && c == '-')) {
                throw new IllegalArgumentException("Invalid RPM " + part + " " + io.patchwindow.core.text.Quoting.quote(text)
                        + ": only printable ASCII without white space, ':'" + (noDash ? " or '-'" : "")
                        + " is allowed, e.g. " + (noDash ? "1.0.2k" : "26.el7_9"));
            }
        }
    }

    /**
     * Creates an EVR from its parts.
     *
     * @param epoch the epoch, 0 when absent
     * @param version the version, not blank
     * @param release the release, may be empty
     * @return the EVR, not null
     */
    public static Evr of(long epoch, String version, String release) {
        return new Evr(epoch, version, release);
    }

    /**
     * Parses {@code [epoch:]version[-release]}, e.g. {@code 1:1.0.2k-26.el7_9} or {@code 2.17-326.el7_9}.
     * The release is what follows the last {@code -}; a text without {@code -} has an empty release.
     *
     * @param text the text, not null
     * @return the EVR, not null
     * @throws IllegalArgumentException if the text is not of that form (the message quotes it)
     */
    public static Evr parse(CharSequence text) {
        Objects.requireNonNull(text, "text");
        String s = text.toString();
        long epoch = 0;
        int colon = s.indexOf(':');
        if (colon >= 0) {
            if (colon == 0 || colon > 18 || !digits(s, 0, colon)) {
                throw new IllegalArgumentException("Invalid RPM EVR " + io.patchwindow.core.text.Quoting.quote(s)
                        + ": the epoch before ':' must be a number, e.g. 1:1.0.2k-26.el7_9");
            }
            epoch = Long.parseLong(s, 0, colon, 10);
        }
        int from = colon + 1;
        int dash = s.lastIndexOf('-');
        String version = dash < from ? s.substring(from) : s.substring(from, dash);
        String release = dash < from ? "" : s.substring(dash + 1);
        if (version.isEmpty() || (dash >= from && release.isEmpty())) {
            throw new IllegalArgumentException("Invalid RPM EVR " + io.patchwindow.core.text.Quoting.quote(s)
                    + ": expected [epoch:]version-release, e.g. 1:1.0.2k-26.el7_9");
        }
        try {
            return new Evr(epoch, version, release);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("Invalid RPM EVR " + io.patchwindow.core.text.Quoting.quote(s)
                    + ": expected [epoch:]version-release of printable ASCII, e.g. 1:1.0.2k-26.el7_9", ex);
        }
    }

    /** Whether {@code s[from, to)} is ASCII digits only. */
    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Compares as rpm does: epoch, then version, then release, a missing release being the oldest.
     *
     * @param other the other EVR, not null
     * @return negative if this is older, zero if rpm ranks them equal, positive if newer
     */
    @Override
    public int compareTo(Evr other) {
        int c = Long.compare(epoch, other.epoch);
        if (c != 0) {
            return c;
        }
        c = RpmVersions.compare(version, other.version);
        if (c != 0) {
            return c;
        }
        // rpm: a missing release is older than any release, whatever its text ("1.0" < "1.0-~rc1").
        if (release.isEmpty() || other.release.isEmpty()) {
            return release.isEmpty() ? (other.release.isEmpty() ? 0 : -1) : 1;
        }
        return RpmVersions.compare(release, other.release);
    }

    /**
     * Returns {@code epoch:version-release} with the epoch always written, e.g. {@code 0:2.17-326.el7_9}
     * (the form OVAL and dnf print); without release, {@code epoch:version}.
     *
     * @return the text, not null
     */
    @Override
    public String toString() {
        return epoch + ":" + version + (release.isEmpty() ? "" : "-" + release);
    }
}
