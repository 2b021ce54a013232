/**
 * Machines as the inventory reports them (Azure VMs and Arc servers), their resource ids and OS facts,
 * and the OS selector.
 */
@NullMarked
package io.patchwindow.core.inventory;

import org.jspecify.annotations.NullMarked;
