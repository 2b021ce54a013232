package io.patchwindow.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.patchwindow.azure.bench.ApplyBenchmark;
import io.patchwindow.azure.inventory.ResourceGraphInventory;
import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.AzureFleet;
import io.patchwindow.azure.testing.AzureFleetGenerator;
import io.patchwindow.core.inventory.Machine;

/**
 * The Resource Graph inventory sends, per batch of subscriptions, ceil(rows / 1000) pages (at least one):
 * ceil(machines / 1000) in one batch, up to one more per further batch. The 100,000-machine run is
 * {@link ApplyBenchmark}'s {@code inventory} mode.
 */
class InventoryPagingTest {
    static final int MACHINES = 5000;

    @Test
    void oneBatch_ceilOfMachinesOverPageSize() {
        AzureFleet fleet = AzureFleetGenerator.plannable(MACHINES, 7, 9);
        try (AzureEmulator azure = AzureEmulator.start(fleet)) {
            assertPages(azure, Emulated.connect(azure), fleet, 100, 5);
        }
    }

    @Test
    void severalBatches_pagesPerBatch() {
        AzureFleet fleet = AzureFleetGenerator.plannable(MACHINES, 7, 9);
        try (AzureEmulator azure = AzureEmulator.start(fleet)) {
            // batches of 3 subscriptions: 2,144 + 2,142 + 714 rows = 3 + 3 + 1 pages
            PatchwindowAzure pw = Emulated.configure(azure).withSubscriptionBatchSize(3)
                    .authenticate(AzureEmulator.credential(Emulated.TOKEN), azure.profile());
            assertPages(azure, pw, fleet, 3, 7);
            assertThat(ApplyBenchmark.expectedPages(MACHINES, 7, 3)).isEqualTo(7);
            assertThat(7).isLessThanOrEqualTo((MACHINES + 999) / 1000 + 3 - 1);
        }
    }

    private static void assertPages(AzureEmulator azure, PatchwindowAzure pw, AzureFleet fleet, int batchSize, int pages) {
        ResourceGraphInventory inventory = pw.resourceGraphInventory(fleet.subscriptions());
        List<Machine> machines = inventory.machines();
        assertThat(machines).hasSize(MACHINES);
        assertThat(machines.stream().map(Machine::key).distinct().count()).isEqualTo(MACHINES);
        assertThat(azure.requestCount("/providers/Microsoft.ResourceGraph/resources")).isEqualTo(pages);
        assertThat(inventory.lastRequestCount()).isEqualTo(pages);
        assertThat(ApplyBenchmark.expectedPages(MACHINES, 7, batchSize)).isEqualTo(pages);
    }
}
