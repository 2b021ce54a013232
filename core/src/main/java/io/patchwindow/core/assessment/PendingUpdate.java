package io.patchwindow.core.assessment;

import java.io.Serializable;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One pending ({@code Needed}) update of a machine after reduction, whatever its classification: the newest
 * record of its (package, architecture), kept so that the planner can decide from advisories too.
 *
 * @serial exclude
 * @param name the package name, e.g. {@code openssl-libs}
 * @param arch the architecture, e.g. {@code x86_64}; empty when not reported (Resource Graph)
 * @param version the available version as reported (e.g. {@code 1:1.0.2k-26.el7_9}); empty when unknown
 * @param installedVersion the installed version as reported, or null when the source does not report it
 * @param classifications Azure's classifications of the record, never empty
 */
public record PendingUpdate(String name, String arch, String version, @Nullable String installedVersion,
                            Set<Classification> classifications) implements Serializable {

    /**
     * Validates the components.
     *
     * @param name the package name
     * @param arch the architecture, empty when not reported
     * @param version the available version, empty when unknown
     * @param installedVersion the installed version, or null
     * @param classifications the classifications, never empty
     * @throws IllegalArgumentException if the name is blank or the classifications are empty
     */
    public PendingUpdate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(classifications, "classifications");
        if (name.isBlank()) {
            throw new IllegalArgumentException("Invalid pending update: the package name is blank");
        }
        if (classifications.isEmpty()) {
            throw new IllegalArgumentException("Invalid pending update " + name + ": no classification");
        }
        classifications = Set.copyOf(classifications);
    }
}
