package io.patchwindow.core.plan;

import static io.patchwindow.core.testing.Fleet.needed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.patchwindow.core.deployment.ActionKind;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.deployment.DeploymentAction;
import io.patchwindow.core.deployment.ExistingDeployment;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.inventory.MachineKind;
import io.patchwindow.core.testing.Fleet;
import io.patchwindow.core.testing.InMemoryAssessmentSource;
import io.patchwindow.core.testing.InMemoryDeploymentTarget;
import io.patchwindow.core.testing.InMemoryInventory;
import org.junit.jupiter.api.Test;

/** Per-machine names (issue 14.5) and the environment scope of a plan (issue 14.0), through the planner. */
class PlannerNamesAndScopeTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:17:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Instant FRESH = NOW.minus(Duration.ofHours(1));
    private static final String SUB = "7c4e2a18-5d3b-4f0e-9a61-2b8d7e3c1f45";

    private static Machine web01(String group, String tag) {
        return Machine.builder("/subscriptions/" + SUB + "/resourceGroups/" + group
                        + "/providers/Microsoft.Compute/virtualMachines/web01", MachineKind.AZURE_VM)
                .location("westeurope").os(Fleet.CENTOS_IMAGE).tag("patch", tag).build();
    }

    // Reported: web01 in rg-3287 and rg-168567 made the reconcile throw "Invalid plan: deployment name
    // 'pw-web01-920ced60' is used twice" (exit 2, nothing planned); expected: both planned, distinct names.
    @Test
    void reproducer_idsWhoseOld8HexHashesCollide_areBothPlanned() {
        Machine a = web01("rg-3287", "CENTOS-Q-FRI-12:00");
        Machine b = web01("rg-168567", "CENTOS-Q-FRI-12:00");
        assertThat(DeploymentNames.legacyForMachine("pw-", "web01", a.id()))
                .as("the collision exists with the old hash").isEqualTo("pw-web01-920ced60")
                .isEqualTo(DeploymentNames.legacyForMachine("pw-", "web01", b.id()));

        Plan p = Planner.of(Policy.defaults()).plan(List.of(a, b),
                InMemoryAssessmentSource.of(needed(a.id(), "openssl", FRESH), needed(b.id(), "openssl", FRESH)),
                List.of(), CLOCK);

        assertThat(p.deployments()).extracting(Deployment::name)
                .containsExactly("pw-Q-web01-920ced6014064849", "pw-Q-web01-920ced6088217322");
        assertThat(p.warnings()).isEmpty();
    }

    // A collision of the 64-bit hash (forced here, as none is known): deterministic names, a warning naming both
    // machines, never a failed plan, whatever the inventory order.
    @Test
    void nameCollision_isResolvedDeterministically_withAWarningNamingBothMachines() {
        Machine a = web01("rg-3287", "CENTOS-Q-FRI-12:00");
        Machine b = web01("rg-168567", "CENTOS-Q-FRI-12:00");
        Machine c = Fleet.centosVm("vm3", "CENTOS-Q-FRI-12:00");
        Planner.MachineNamer clashing = (prefix, env, name, key, attempt) -> attempt == 1 && name.equals("web01")
                ? prefix + env + "-web01-0000000000000000"
                : attempt == 1 ? DeploymentNames.forMachineKey(prefix, env, name, key)
                : DeploymentNames.forMachineKey(prefix, env, name, key, attempt);
        Planner planner = Planner.of(Policy.defaults()).withMachineNamer(clashing);
        InMemoryAssessmentSource records = InMemoryAssessmentSource.of(needed(a.id(), "openssl", FRESH),
                needed(b.id(), "openssl", FRESH), needed(c.id(), "bash", FRESH));

        Plan ab = planner.plan(List.of(a, b, c), records, List.of(), CLOCK);
        Plan ba = planner.plan(List.of(c, b, a), records, List.of(), CLOCK);

        assertThat(ab.deployments()).hasSize(3).isEqualTo(ba.deployments());
        String second = DeploymentNames.forMachineKey("pw-", "Q", "web01", a.key(), 2);
        // b's key ('.../rg-168567/...') sorts before a's: b keeps the name
        assertThat(ab.deployments()).extracting(Deployment::name, d -> d.machineIds().get(0)).contains(
                tuple("pw-Q-web01-0000000000000000", b.id()),
                tuple(second, a.id()));
        assertThat(second).isNotEqualTo("pw-Q-web01-0000000000000000");
        assertThat(ab.warnings()).isEqualTo(ba.warnings()).singleElement().asString()
                .isEqualTo("deployment name 'pw-Q-web01-0000000000000000' fits two machines, " + b.id() + " and " + a.id()
                        + " (a hash collision): the second is named '" + second + "'");
    }

    // Issue 14.0 through the planner: a Q,R plan with prune leaves the P deployments out of its actions.
    @Test
    void planForQR_leavesProductionDeploymentsOut_evenWithPrune() {
        Machine q = Fleet.centosVm("q1", "CENTOS-Q-FRI-12:00");
        Machine p = Fleet.centosVm("p1", "CENTOS-P-FRI-12:00");
        InMemoryDeploymentTarget target = new InMemoryDeploymentTarget();
        Policy all = Policy.defaults();
        Planner.of(all).plan(InMemoryInventory.of(q, p), InMemoryAssessmentSource.of(needed(q.id(), "openssl", FRESH),
                needed(p.id(), "openssl", FRESH)), target, CLOCK).actions().forEach(target::apply);
        List<ExistingDeployment> before = new ArrayList<>(target.existing("pw-"));
        assertThat(before).hasSize(2);

        // q1 and p1 have nothing pending now: with prune a run for Q,R deletes only q1's deployment
        Plan qr = Planner.of(Policy.builder().environments("Q", "R").build()).withPrune(true)
                .plan(InMemoryInventory.of(q, p), InMemoryAssessmentSource.of(), target, CLOCK);

        assertThat(qr.actions()).extracting(DeploymentAction::name, DeploymentAction::kind)
                .containsExactly(tuple(DeploymentNames.forMachine("pw-", "Q", "q1", q.id()), ActionKind.DELETE));
    }
}
