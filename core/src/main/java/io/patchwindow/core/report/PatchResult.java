package io.patchwindow.core.report;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One package of an Update Manager installation run: a {@code patchinstallationresources}
 * {@code softwarepatches} row.
 *
 * @serial exclude
 * @param installationId the run's id, the row id up to {@code /softwarePatches/}, e.g.
 *                       {@code <machineId>/patchInstallationResults/<guid>}
 * @param machineId the machine's resource id, the row id up to {@code /patchInstallationResults/}
 * @param name {@code patchName}, e.g. {@code openssl} or {@code openssl.x86_64}
 * @param version {@code version}, e.g. {@code 1:1.0.2k-26.el7_9}, else null
 * @param state {@code installationState}
 * @param classifications {@code classifications}, e.g. {@code [Security]}
 */
public record PatchResult(String installationId, String machineId, String name, @Nullable String version,
                          InstallationState state, List<String> classifications) implements Serializable {

    /**
     * Validates and copies the components.
     *
     * @param installationId the run's id
     * @param machineId the machine's resource id
     * @param name the package name
     * @param version the version, or null
     * @param state the installation state
     * @param classifications the classifications
     * @throws NullPointerException if a required component is null
     * @throws IllegalArgumentException if the name is blank
     */
    public PatchResult {
        Objects.requireNonNull(installationId, "installationId");
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        classifications = List.copyOf(classifications);
        if (name.isBlank()) {
            throw new IllegalArgumentException("Invalid patch result of '" + installationId
                    + "': patchName must not be blank");
        }
    }
}
