/**
 * The ports that connect the planner to platforms: {@link io.patchwindow.core.port.MachineInventory},
 * {@link io.patchwindow.core.port.AssessmentSource} and {@link io.patchwindow.core.port.DeploymentTarget}.
 * Their signatures use only core types; in-memory fakes ship in the core test-jar
 * ({@code io.patchwindow.core.testing}).
 */
@NullMarked
package io.patchwindow.core.port;

import org.jspecify.annotations.NullMarked;
