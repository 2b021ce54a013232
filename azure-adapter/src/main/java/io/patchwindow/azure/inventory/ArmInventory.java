package io.patchwindow.azure.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.azure.core.http.HttpPipeline;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.fasterxml.jackson.databind.JsonNode;

import io.patchwindow.azure.AzureAdapterException;
import io.patchwindow.azure.PatchwindowAzure;
import io.patchwindow.azure.internal.Arm;
import io.patchwindow.azure.internal.ArmJson;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.port.MachineInventory;

/**
 * Lists machines the way the original runbooks did: for each subscription, every Compute VM
 * ({@code virtualMachines} list by subscription, Compute SDK) and every HybridCompute machine
 * ({@code GET /subscriptions/{id}/providers/Microsoft.HybridCompute/machines?api-version=2024-07-10}
 * through the same pipeline); every {@code nextLink} page is followed lazily by the SDK's
 * {@code PagedIterable}. Machines are returned sorted by resource id (case-insensitive). Obtain from
 * {@link PatchwindowAzure#armInventory(List)}.
 */
public final class ArmInventory implements MachineInventory {
    private static final Logger LOG = LoggerFactory.getLogger(ArmInventory.class);

    /** The HybridCompute API version used to list Arc machines. */
    public static final String HYBRID_COMPUTE_API_VERSION = "2024-07-10";

    private final HttpPipeline pipeline;
    private final AzureProfile profile;
    private final Supplier<List<String>> subscriptions;

    /**
     * Lists through a pipeline. Used by {@link io.patchwindow.azure.PatchwindowAzure}, which applications obtain an inventory from.
     *
     * @param pipeline the Resource Manager pipeline, not null
     * @param profile the cloud, not null
     * @param subscriptions the subscriptions to list, looked up when listing
     */
    public ArmInventory(HttpPipeline pipeline, AzureProfile profile, Supplier<List<String>> subscriptions) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
    }

    /**
     * Lists the machines.
     *
     * @return the machines sorted by id, not null
     * @throws AzureAdapterException if Azure refuses or fails
     */
    @Override
    public List<Machine> machines() {
        List<Machine> out = new ArrayList<>();
        ArmJson arm = new ArmJson(pipeline);
        String endpoint = Arm.endpoint(profile);
        for (String sub : subscriptions.get()) {
            AzureProfile p = new AzureProfile(profile.getTenantId(), sub, profile.getEnvironment());
            ComputeManager compute = ComputeManager.authenticate(pipeline, p);
            int vms = 0;
            try {
                for (VirtualMachineInner vm : compute.serviceClient().getVirtualMachines().list()) {
                    add(out, () -> ArmMachines.fromVirtualMachine(vm));
                    vms++;
                }
            } catch (RuntimeException e) {
                throw AzureAdapterException.wrap("Listing virtual machines of subscription " + sub, e);
            }
            int arc = 0;
            try {
                String url = endpoint + "/subscriptions/" + sub + "/providers/Microsoft.HybridCompute/machines"
                        + "?api-version=" + HYBRID_COMPUTE_API_VERSION;
                for (JsonNode m : arm.list(url)) {
                    add(out, () -> ArmMachines.fromJson(m));
                    arc++;
                }
            } catch (RuntimeException e) {
                throw AzureAdapterException.wrap("Listing Arc machines of subscription " + sub, e);
            }
            LOG.debug("ARM inventory: subscription {}: {} VMs, {} Arc machines", sub, vms, arc);
        }
        out.sort(Comparator.comparing(Machine::key));
        return out;
    }

    private static void add(List<Machine> out, Supplier<Machine> mapping) {
        try {
            out.add(mapping.get());
        } catch (IllegalArgumentException e) {
            LOG.warn("ARM inventory: ignoring a machine: {}", e.getMessage());
        }
    }

}
