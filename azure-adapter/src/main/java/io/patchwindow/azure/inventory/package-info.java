/**
 * Where the machines come from: the {@link io.patchwindow.core.port.MachineInventory} implementations.
 * {@link io.patchwindow.azure.inventory.ResourceGraphInventory} queries Resource Graph for Azure VMs and Arc
 * servers in one query; {@link io.patchwindow.azure.inventory.ArmInventory} lists them per subscription through
 * Resource Manager, the way the original runbooks did. {@link io.patchwindow.azure.inventory.ArmMachines} maps either answer
 * to core machines. Obtain both from {@link io.patchwindow.azure.PatchwindowAzure}.
 */
@NullMarked
package io.patchwindow.azure.inventory;

import org.jspecify.annotations.NullMarked;
