package io.patchwindow.core.advisory;

import io.patchwindow.core.rpm.Evr;

import java.io.Serializable;
import java.util.Objects;

/**
 * A package version that an advisory names as fixing it: installing this version or a newer one fixes
 * the advisory's issues.
 *
 * @serial exclude
 * @param name the package name, e.g. {@code openssl-libs}
 * @param evr the first fixed version
 * @param arch the architecture, e.g. {@code x86_64} or {@code noarch}; empty when the source does not say
 *             (OVAL, OSV), which fits any architecture
 */
public record FixedPackage(String name, Evr evr, String arch) implements Serializable {

    /**
     * Validates the components.
     *
     * @param name the package name, not blank
     * @param evr the first fixed version
     * @param arch the architecture, empty when any
     * @throws IllegalArgumentException if the name is blank
     */
    public FixedPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(evr, "evr");
        Objects.requireNonNull(arch, "arch");
        if (name.isBlank()) {
            throw new IllegalArgumentException("Invalid fixed package: the name is blank");
        }
    }

    /**
     * Returns whether this entry applies to a package of an architecture: the same architecture, or
     * either side {@code noarch} or empty (not reported).
     *
     * @param otherArch the pending package's architecture, empty when not reported, not null
     * @return true if the architectures fit
     */
    public boolean fitsArch(String otherArch) {
        return fitsArch(arch, Objects.requireNonNull(otherArch, "otherArch"));
    }

    /** The rule of {@link #fitsArch(String)} for two architectures. */
    static boolean fitsArch(String fixedArch, String pendingArch) {
        return fixedArch.isEmpty() || pendingArch.isEmpty() || fixedArch.equals("noarch")
                || pendingArch.equals("noarch") || fixedArch.equals(pendingArch);
    }
}
