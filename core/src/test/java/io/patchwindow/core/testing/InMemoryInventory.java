package io.patchwindow.core.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.port.MachineInventory;

/**
 * A {@link MachineInventory} over a fixed list of machines, for tests and demos.
 *
 * <pre>{@code
 * MachineInventory inventory = InMemoryInventory.of(Fleet.vm("vm1").tag("patch", "CENTOS-P-MON-03:00").build());
 * }</pre>
 *
 * <p>The list is copied; duplicates are kept, so the planner's duplicate detection can be exercised.
 * Thread-safe.
 */
public final class InMemoryInventory implements MachineInventory {
    private final List<Machine> machines;
    private final AtomicInteger calls = new AtomicInteger();

    /**
     * Creates an inventory over a list of machines.
     *
     * @param machines the machines, in the order they are listed, not null
     */
    public InMemoryInventory(List<Machine> machines) {
        this.machines = List.copyOf(Objects.requireNonNull(machines, "machines"));
    }

    /**
     * Creates an inventory of the given machines.
     *
     * @param machines the machines, not null
     * @return the inventory, not null
     */
    public static InMemoryInventory of(Machine... machines) {
        return new InMemoryInventory(Arrays.asList(machines));
    }

    /**
     * Returns the machines, in the order given.
     *
     * @return an immutable list, not null
     */
    @Override
    public List<Machine> machines() {
        calls.incrementAndGet();
        return machines;
    }

    /**
     * Returns how many times {@link #machines()} was called.
     *
     * @return the count
     */
    public int calls() {
        return calls.get();
    }
}
