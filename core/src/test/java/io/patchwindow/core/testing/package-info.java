/**
 * In-memory fakes of the ports and terse test data, shipped in the core test-jar so that users and the
 * examples can plan without Azure.
 *
 * <pre>{@code
 * Machine vm = Fleet.vm("vm1").tag("patch", "CENTOS-Q-WED-12:00").build();
 * InMemoryAssessmentSource updates = InMemoryAssessmentSource.of(
 *         Fleet.update(vm.id(), "openssl").at(Instant.parse("2026-11-25T09:00:00Z")).build());
 * InMemoryDeploymentTarget target = new InMemoryDeploymentTarget();
 * Plan plan = Planner.of(Policy.defaults())
 *         .plan(InMemoryInventory.of(vm), updates, target, Clock.fixed(now, ZoneOffset.UTC));
 * plan.actions().forEach(target::apply);
 * }</pre>
 */
@NullMarked
package io.patchwindow.core.testing;

import org.jspecify.annotations.NullMarked;
