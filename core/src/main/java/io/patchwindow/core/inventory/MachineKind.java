package io.patchwindow.core.inventory;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The kinds of machine patchwindow plans for.
 */
public enum MachineKind {
    /** An Azure virtual machine, {@code Microsoft.Compute/virtualMachines}. */
    AZURE_VM("Microsoft.Compute/virtualMachines"),
    /** An Azure Arc-enabled server, {@code Microsoft.HybridCompute/machines}. */
    ARC_SERVER("Microsoft.HybridCompute/machines");

    private static final MachineKind[] VALUES = values();
    private final String resourceType;
    private final Optional<MachineKind> optional = Optional.of(this);

    MachineKind(String resourceType) {
        this.resourceType = resourceType;
    }

    /**
     * Returns the ARM resource type, e.g. {@code Microsoft.Compute/virtualMachines}.
     *
     * @return the type, not null
     */
    public String resourceType() {
        return resourceType;
    }

    /**
     * Finds the kind of an ARM resource type, case-insensitively.
     *
     * @param type a resource type such as {@code microsoft.compute/virtualmachines}, not null
     * @return the kind, or empty for any other type
     */
    public static Optional<MachineKind> ofResourceType(String type) {
        Objects.requireNonNull(type, "type");
        for (MachineKind k : VALUES) {
            // The common spellings, without lower-casing; not 'ſ' or the Kelvin sign, which equalsIgnoreCase
            // folds to ASCII letters but lower-casing does not.
            if (k.resourceType.equals(type) || k.resourceType.equalsIgnoreCase(type) && ResourceId.ascii(type)) {
                return k.optional;
            }
        }
        String t = type.strip().toLowerCase(Locale.ROOT);
        for (MachineKind k : values()) {
            if (k.resourceType.toLowerCase(Locale.ROOT).equals(t)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
