package io.patchwindow.azure.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.patchwindow.azure.AzureAdapterException;
import io.patchwindow.azure.PatchwindowAzure;
import io.patchwindow.azure.internal.GraphPager;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.port.MachineInventory;

/**
 * Lists Azure VMs and Arc servers with one Resource Graph query ({@link #QUERY}) over the subscriptions,
 * in batches of subscriptions, 1,000 rows a page, paged with {@code $skipToken}. Machines are returned
 * sorted by resource id (case-insensitive). Obtain from {@link PatchwindowAzure#resourceGraphInventory(List)}.
 */
public final class ResourceGraphInventory implements MachineInventory {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceGraphInventory.class);

    /** The query sent: a constant, user text is never spliced into it. */
    public static final String QUERY = "resources\n"
            + "| where type in~ ('microsoft.compute/virtualmachines', 'microsoft.hybridcompute/machines')\n"
            + "| project id, name, type, location, tags, properties\n"
            + "| order by id asc";

    private final GraphPager pager;
    private final Supplier<List<String>> subscriptions;
    private volatile int lastRequestCount;

    /**
     * Queries through a pager. Used by {@link io.patchwindow.azure.PatchwindowAzure}, which applications obtain an inventory from.
     *
     * @param pager the Resource Graph pager, not null
     * @param subscriptions the subscriptions to query, looked up when listing
     */
    public ResourceGraphInventory(GraphPager pager, Supplier<List<String>> subscriptions) {
        this.pager = Objects.requireNonNull(pager, "pager");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
    }

    /**
     * Lists the machines.
     *
     * @return the machines sorted by id, not null
     * @throws AzureAdapterException if Azure refuses or fails, or truncates the answer
     */
    @Override
    public List<Machine> machines() {
        List<String> subs = subscriptions.get();
        List<Machine> out = new ArrayList<>();
        lastRequestCount = pager.forEachRow(QUERY, subs, "Resource Graph inventory query", row -> {
            try {
                out.add(ArmMachines.fromJson(row));
            } catch (IllegalArgumentException e) {
                LOG.warn("Resource Graph inventory: ignoring a row: {}", e.getMessage());
            }
        });
        out.sort(Comparator.comparing(Machine::key));
        LOG.debug("Resource Graph inventory: {} machines in {} subscriptions, {} requests", out.size(), subs.size(),
                lastRequestCount);
        return out;
    }

    /**
     * Returns how many Resource Graph requests the last {@link #machines()} call sent.
     *
     * @return the count
     */
    public int lastRequestCount() {
        return lastRequestCount;
    }
}
