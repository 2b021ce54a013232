package io.patchwindow.core.promotion;

/**
 * What {@link ProvenVersions#decide} says of one planned package of one target machine: a {@link Promotion} or
 * a {@link HeldBack}.
 */
public sealed interface Verdict permits Promotion, HeldBack {

    /**
     * Returns the package name.
     *
     * @return the name, not null
     */
    String name();
}
