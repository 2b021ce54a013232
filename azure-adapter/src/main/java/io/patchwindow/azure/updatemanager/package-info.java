/**
 * The Azure Update Manager backend: {@link io.patchwindow.azure.updatemanager.UpdateManagerDeploymentTarget}
 * writes maintenance configurations per window group and one configuration assignment per machine, fixes the
 * machines' patch mode when asked, and cleans up expired managed configurations.
 * {@link io.patchwindow.azure.updatemanager.WindowsZones} maps IANA zones to the Windows names the API takes.
 */
@NullMarked
package io.patchwindow.azure.updatemanager;

import org.jspecify.annotations.NullMarked;
