/**
 * The ports that connect the planner to platforms: {@link io.patchwindow.core.port.MachineInventory},
 * {@link io.patchwindow.core.port.AssessmentSource}, {@link io.patchwindow.core.port.DeploymentTarget} and
 * {@link io.patchwindow.core.port.RunHistory} (installation results, for the run report).
 * Their signatures use only core types; in-memory fakes ship in the core test-jar
 * ({@code io.patchwindow.core.testing}).
 */
@NullMarked
package io.patchwindow.core.port;

import org.jspecify.annotations.NullMarked;
