package io.patchwindow.azure.snapshot;

import java.util.List;
import java.util.Objects;

import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.port.MachineInventory;

/**
 * The machines of a snapshot's {@code machines} section, as a {@link MachineInventory}.
 *
 * <pre>{@code
 * MachineInventory inventory = new SnapshotInventory(Snapshot.of(Path.of("fleet.json")));
 * }</pre>
 */
public final class SnapshotInventory implements MachineInventory {
    private final Snapshot snapshot;

    /**
     * Creates an inventory over a snapshot.
     *
     * @param snapshot the snapshot, not null
     */
    public SnapshotInventory(Snapshot snapshot) {
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
    }

    /**
     * Lists the Azure VMs and Arc servers of the snapshot, in file order.
     *
     * @return an immutable list, not null
     * @throws SnapshotException if the file is unreadable or malformed
     */
    @Override
    public List<Machine> machines() {
        return snapshot.machines();
    }
}
