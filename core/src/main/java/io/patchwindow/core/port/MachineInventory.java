package io.patchwindow.core.port;

import java.util.List;

import io.patchwindow.core.inventory.Machine;

/**
 * Lists the machines to consider: Azure VMs and Arc servers, with tags and OS facts.
 *
 * <p>Implementations: Resource Graph or ARM (azure-adapter), a snapshot file, or an in-memory list in tests.
 * A platform failure is an unchecked exception whose message names the platform error code.
 * Implementations need not be thread-safe: the planner lists from one thread, once per plan.
 */
@FunctionalInterface
public interface MachineInventory {

    /**
     * Lists the machines. The same resource id may appear twice; the planner reports the duplicate.
     *
     * @return the machines, not null
     */
    List<Machine> machines();
}
