package io.patchwindow.core.plan;

import static io.patchwindow.core.testing.Fleet.centosVm;
import static io.patchwindow.core.testing.Fleet.update;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.patchwindow.core.assessment.UpdateRecord;
import io.patchwindow.core.deployment.ActionKind;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.deployment.DeploymentAction;
import io.patchwindow.core.deployment.Reboot;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.testing.Fleet;
import io.patchwindow.core.testing.InMemoryAssessmentSource;
import org.junit.jupiter.api.Test;

/** The plan value and the planner's window groups, beyond {@link PlannerTest}. */
class PlanTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:17:00Z");
    private static final Instant FRESH = NOW.minus(Duration.ofHours(1));
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static Deployment deployment(String name) {
        return new Deployment(name, List.of(Fleet.vmId(name)), ZonedDateTime.of(2026, 11, 27, 12, 0, 0, 0, PARIS), PARIS,
                Duration.ofHours(2), Reboot.ALWAYS, List.of("openssl"), Map.of());
    }

    // Reported (issue 17.4): the plan JSON lacked what the text shows: the note of an action (packages differ,
    // expired, no longer planned) and the action counts; expected: a 'note' where the text has one, and
    // summary.actions with the count per kind.
    @Test
    void toMap_carriesTheNoteOfEachActionWithAReason_andTheActionCounts() {
        Deployment a = deployment("pw-a");
        Deployment b = deployment("pw-b");
        Deployment c = deployment("pw-c");
        List<DeploymentAction> actions = List.of(new DeploymentAction(ActionKind.CREATE, a, null, "new"),
                new DeploymentAction(ActionKind.UPDATE, b, null, "packages differ"),
                new DeploymentAction(ActionKind.DELETE, c, null, "expired"));
        Plan plan = new Plan(NOW, Policy.defaults(), List.of(a, b), actions, List.of(), List.of(), 2, 2);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> ds = (List<Map<String, Object>>) plan.toMap().get("deployments");
        assertThat(ds).extracting(d -> d.get("name") + " " + d.get("note"))
                .containsExactly("pw-a null", "pw-b packages differ", "pw-c expired");
        assertThat(ds.get(0)).doesNotContainKey("note");
        assertThat(plan.toMap().get("summary")).isEqualTo(Map.of("machines", 2, "planned", 2, "skipped", 0,
                "actions", Map.of("CREATE", 1, "UPDATE", 1, "KEEP", 0, "DELETE", 1)));
    }

    @Test
    void plan_sortsDeploymentsActionsAndSkips_andCountsActionsByKind() {
        Deployment b = deployment("pw-b");
        Deployment a = deployment("pw-a");
        List<DeploymentAction> actions = List.of(new DeploymentAction(ActionKind.KEEP, b, null, "unchanged"),
                new DeploymentAction(ActionKind.CREATE, a, null, "new"));
        List<Skip> skips = List.of(new Skip("/z", SkipReason.NO_PATCH_TAG, "no tag"),
                new Skip("/a", SkipReason.OS_UNKNOWN, "nothing"), new Skip("/a", SkipReason.INVALID_PATCH_TAG, "bad"));

        Plan plan = new Plan(NOW, Policy.defaults(), List.of(b, a), actions, skips, List.of("w"), 5, 2);

        assertThat(plan.deployments()).extracting(Deployment::name).containsExactly("pw-a", "pw-b");
        assertThat(plan.actions()).extracting(DeploymentAction::name).containsExactly("pw-a", "pw-b");
        assertThat(plan.skipped()).extracting(Skip::machineId, Skip::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/a", SkipReason.INVALID_PATCH_TAG),
                org.assertj.core.groups.Tuple.tuple("/a", SkipReason.OS_UNKNOWN),
                org.assertj.core.groups.Tuple.tuple("/z", SkipReason.NO_PATCH_TAG));
        assertThat(plan.count(ActionKind.CREATE)).isEqualTo(1);
        assertThat(plan.count(ActionKind.KEEP)).isEqualTo(1);
        assertThat(plan.count(ActionKind.DELETE)).isZero();
        assertThat(plan.toMap()).containsEntry("warnings", List.of("w"))
                .containsEntry("summary", Map.of("machines", 5, "planned", 2, "skipped", 3,
                        "actions", Map.of("CREATE", 1, "UPDATE", 0, "KEEP", 1, "DELETE", 0)));
    }

    @Test
    void skip_toMap_isMachineReasonDetail() {
        assertThat(new Skip("/x", SkipReason.STALE_ASSESSMENT, "old").toMap()).containsExactly(
                Map.entry("machineId", "/x"), Map.entry("reason", "STALE_ASSESSMENT"), Map.entry("detail", "old"));
    }

    /** A window group of machines that need one package in different versions pins the highest version. */
    @Test
    void perWindow_versionsOfOnePackage_keepTheHighest_whateverTheMachineOrder() {
        Machine a = centosVm("vm-a", "CENTOS-Q-FRI-12:00");
        Machine b = centosVm("vm-b", "CENTOS-Q-FRI-12:00");
        Machine c = centosVm("vm-c", "CENTOS-Q-FRI-12:00");
        UpdateRecord[] records = {
            update(a.id(), "openssl").version("1.0.2k-25").at(FRESH).build(),
            update(b.id(), "openssl").version("1.0.2k-26").at(FRESH).build(),
            update(c.id(), "openssl").version("1.0.2k-24").at(FRESH).build(),
        };
        Policy policy = Policy.builder().grouping(Grouping.PER_WINDOW).build();

        Plan plan = Planner.of(policy).plan(List.of(a, b, c), InMemoryAssessmentSource.of(records), List.of(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        Plan reversed = Planner.of(policy).plan(List.of(c, b, a), InMemoryAssessmentSource.of(records), List.of(),
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(plan.deployments()).singleElement().satisfies(d -> {
            assertThat(d.versions()).containsExactly(Map.entry("openssl", "1.0.2k-26"));
            assertThat(d.packageMasks(true)).containsExactly("openssl=1.0.2k-26");
        });
        assertThat(reversed.deployments()).isEqualTo(plan.deployments());
    }

    /** A group of exactly the size limit is one deployment, not one plus an empty shard. */
    @Test
    void perWindow_groupOfExactlyTheLimit_isOneShard() {
        List<Machine> machines = new ArrayList<>();
        List<UpdateRecord> records = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Machine m = centosVm("vm-" + i, "CENTOS-Q-FRI-12:00");
            machines.add(m);
            records.add(update(m.id(), "openssl").at(FRESH).build());
        }

        Plan three = Planner.of(Policy.builder().grouping(Grouping.PER_WINDOW).maxGroupSize(3).build()).plan(machines,
                InMemoryAssessmentSource.of(records.toArray(UpdateRecord[]::new)), List.of(), Clock.fixed(NOW, ZoneOffset.UTC));
        Plan six = Planner.of(Policy.builder().grouping(Grouping.PER_WINDOW).maxGroupSize(6).build()).plan(machines,
                InMemoryAssessmentSource.of(records.toArray(UpdateRecord[]::new)), List.of(), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(three.deployments()).extracting(d -> d.machineIds().size()).containsExactly(3, 3);
        assertThat(six.deployments()).extracting(d -> d.machineIds().size()).containsExactly(6);
        assertThat(six.deployments().get(0).name()).isEqualTo("pw-Q-FRI-1200-" + DeploymentNames.hash8("Europe/Paris"));
    }
}
