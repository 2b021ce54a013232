package io.patchwindow.azure.inventory;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.ImageReference;
import com.azure.resourcemanager.compute.models.LinuxPatchSettings;
import com.azure.resourcemanager.compute.models.OSProfile;
import com.azure.resourcemanager.compute.models.StorageProfile;
import com.fasterxml.jackson.databind.JsonNode;

import io.patchwindow.azure.internal.Arm;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.inventory.MachineKind;
import io.patchwindow.core.inventory.OsFacts;
import io.patchwindow.core.inventory.PatchSettings;

/**
 * Maps ARM machine objects to core {@link Machine}s: the JSON that Resource Graph, {@code az vm list},
 * the HybridCompute API and snapshot files carry ({@code id, name, type, location, tags, properties}),
 * and the Compute SDK's {@link VirtualMachineInner}. Both give equal machines for the same resource.
 *
 * <p>Azure VMs: {@code properties.storageProfile.imageReference} ({@code publisher}, {@code offer},
 * {@code sku}, {@code id}), {@code properties.storageProfile.osDisk.osType},
 * {@code properties.instanceView.osName} (or Resource Graph's {@code properties.extended.instanceView.osName}),
 * {@code properties.osProfile.computerName} and {@code properties.osProfile.linuxConfiguration.patchSettings}.
 * Arc servers: {@code properties.osName}, {@code osSku}, {@code osType}, {@code osProfile.computerName}.
 */
public final class ArmMachines {

    private ArmMachines() {
    }

    /**
     * Maps an ARM JSON object, e.g.
     * {@code {"id":"/subscriptions/<guid>/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1",
     * "type":"microsoft.compute/virtualmachines","location":"westeurope","tags":{...},"properties":{...}}}.
     * The type is matched case-insensitively.
     *
     * @param node the object, not null
     * @return the machine, not null
     * @throws IllegalArgumentException if the type is neither a VM nor an Arc machine, or the id is invalid
     */
    public static Machine fromJson(JsonNode node) {
        Objects.requireNonNull(node, "node");
        String type = Arm.text(node.get("type"));
        MachineKind kind = MachineKind.ofResourceType(type == null ? "" : type)
                .orElseThrow(() -> new IllegalArgumentException("Unsupported machine type '" + type
                        + "': expected Microsoft.Compute/virtualMachines or Microsoft.HybridCompute/machines"));
        String id = Arm.text(node.get("id"));
        if (id == null) {
            throw new IllegalArgumentException("Machine without id");
        }
        Machine.Builder b = Machine.builder(id, kind);
        String location = Arm.text(node.get("location"));
        b.location(location == null ? "" : location);
        b.tags(tags(node.get("tags")));
        JsonNode p = node.path("properties");
        b.computerName(Arm.text(p.path("osProfile").get("computerName")));
        if (kind == MachineKind.AZURE_VM) {
            JsonNode ir = p.path("storageProfile").path("imageReference");
            String osName = Arm.text(p.path("instanceView").get("osName"));
            if (osName == null) {
                osName = Arm.text(p.path("extended").path("instanceView").get("osName"));
            }
            b.os(new OsFacts(Arm.text(ir.get("publisher")), Arm.text(ir.get("offer")), Arm.text(ir.get("sku")), Arm.text(ir.get("id")),
                    osName, null, Arm.text(p.path("storageProfile").path("osDisk").get("osType"))));
            JsonNode ps = p.path("osProfile").path("linuxConfiguration").get("patchSettings");
            if (ps != null && ps.isObject()) {
                b.patchSettings(new PatchSettings(Arm.text(ps.get("patchMode")),
                        ps.path("automaticByPlatformSettings").path("bypassPlatformSafetyChecksOnUserSchedule")
                                .asBoolean(false)));
            }
        } else {
            b.os(new OsFacts(null, null, null, null, Arm.text(p.get("osName")), Arm.text(p.get("osSku")),
                    Arm.text(p.get("osType"))));
        }
        return b.build();
    }

    /**
     * Maps a VM as the Compute SDK lists it.
     *
     * @param vm the VM, not null
     * @return the machine, not null
     * @throws IllegalArgumentException if the id is invalid
     */
    public static Machine fromVirtualMachine(VirtualMachineInner vm) {
        Objects.requireNonNull(vm, "vm");
        Machine.Builder b = Machine.builder(vm.id(), MachineKind.AZURE_VM);
        b.location(vm.location() == null ? "" : vm.location());
        if (vm.tags() != null) {
            vm.tags().forEach((k, v) -> b.tag(k, v == null ? "" : v));
        }
        StorageProfile sp = vm.storageProfile();
        ImageReference ir = sp == null ? null : sp.imageReference();
        String osType = sp == null || sp.osDisk() == null || sp.osDisk().osType() == null ? null
                : sp.osDisk().osType().toString();
        String osName = vm.instanceView() == null ? null : vm.instanceView().osName();
        b.os(new OsFacts(ir == null ? null : ir.publisher(), ir == null ? null : ir.offer(),
                ir == null ? null : ir.sku(), ir == null ? null : ir.id(), osName, null, osType));
        OSProfile os = vm.osProfile();
        if (os != null) {
            b.computerName(os.computerName());
            LinuxPatchSettings ps = os.linuxConfiguration() == null ? null : os.linuxConfiguration().patchSettings();
            if (ps != null) {
                Boolean bypass = ps.automaticByPlatformSettings() == null ? null
                        : ps.automaticByPlatformSettings().bypassPlatformSafetyChecksOnUserSchedule();
                b.patchSettings(new PatchSettings(ps.patchMode() == null ? null : ps.patchMode().toString(),
                        Boolean.TRUE.equals(bypass)));
            }
        }
        return b.build();
    }

    static boolean isMachineType(@Nullable String type) {
        return type != null && MachineKind.ofResourceType(type).isPresent();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> tags(@Nullable JsonNode tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null && tags.isObject()) {
            tags.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        }
        return out;
    }

}
