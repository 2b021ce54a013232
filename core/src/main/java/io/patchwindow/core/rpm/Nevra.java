package io.patchwindow.core.rpm;

import io.patchwindow.core.text.Quoting;

import java.io.Serializable;
import java.util.Objects;
import java.util.Set;

/**
 * A package name with its EVR and architecture, as {@code rpm -q} and dnf print it:
 * {@code name-[epoch:]version-release[.arch]}, e.g. {@code openssl-libs-1:1.0.2k-26.el7_9.x86_64}.
 *
 * <p>The name may hold dashes: the version is what follows the second-last {@code -}, the release what
 * follows the last one. The architecture is the text after the last {@code .} only when it is one of
 * {@link #ARCHES}; otherwise the text has no architecture ({@code arch} empty), since a release such as
 * {@code 26.el7_9} holds dots too.
 *
 * @serial exclude
 * @param name the package name, not blank
 * @param evr the epoch, version and release
 * @param arch the architecture, e.g. {@code x86_64} or {@code noarch}; empty when not given
 */
public record Nevra(String name, Evr evr, String arch) implements Serializable {
    /** The architectures recognised at the end of a NEVRA text. */
    public static final Set<String> ARCHES = Set.of("noarch", "x86_64", "i386", "i486", "i586", "i686",
            "aarch64", "ppc64le", "ppc64", "ppc", "s390x", "s390", "armv7hl", "armhfp", "src", "nosrc");

    /**
     * Validates the components.
     *
     * @param name the package name, not blank
     * @param evr the epoch, version and release
     * @param arch the architecture, empty when not given
     * @throws IllegalArgumentException if the name is blank
     */
    public Nevra {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(evr, "evr");
        Objects.requireNonNull(arch, "arch");
        if (name.isBlank()) {
            throw new IllegalArgumentException("Invalid package name '': must not be blank");
        }
    }

    /**
     * Parses {@code name-[epoch:]version-release[.arch]}.
     *
     * @param text the text, e.g. {@code glibc-2.17-326.el7_9.3.x86_64}, not null
     * @return the NEVRA, not null
     * @throws IllegalArgumentException if the text has no name, version and release (the message quotes it)
     */
    public static Nevra parse(CharSequence text) {
        Objects.requireNonNull(text, "text");
        String s = text.toString();
        String arch = "";
        String rest = s;
        int dot = s.lastIndexOf('.');
        if (dot > 0 && ARCHES.contains(s.substring(dot + 1))) {
            arch = s.substring(dot + 1);
            rest = s.substring(0, dot);
        }
        int releaseDash = rest.lastIndexOf('-');
        int versionDash = releaseDash <= 0 ? -1 : rest.lastIndexOf('-', releaseDash - 1);
        if (versionDash <= 0) {
            throw new IllegalArgumentException("Invalid package " + Quoting.quote(s)
                    + ": expected name-[epoch:]version-release[.arch], e.g. openssl-libs-1:1.0.2k-26.el7_9.x86_64");
        }
        String name = rest.substring(0, versionDash);
        try {
            return new Nevra(name, Evr.parse(rest.substring(versionDash + 1)), arch);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid package " + Quoting.quote(s)
                    + ": expected name-[epoch:]version-release[.arch], e.g. openssl-libs-1:1.0.2k-26.el7_9.x86_64", e);
        }
    }

    /**
     * Returns {@code name-epoch:version-release.arch} (without {@code .arch} when it is empty).
     *
     * @return the text, not null
     */
    @Override
    public String toString() {
        return name + "-" + evr + (arch.isEmpty() ? "" : "." + arch);
    }
}
