package io.patchwindow.core.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.patchwindow.core.assessment.AssessmentSink;
import io.patchwindow.core.assessment.UpdateRecord;
import io.patchwindow.core.deployment.ActionKind;
import io.patchwindow.core.deployment.ActionResult;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.deployment.DeploymentAction;
import io.patchwindow.core.deployment.ExistingDeployment;
import io.patchwindow.core.deployment.Reboot;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.inventory.MachineKind;
import io.patchwindow.core.testing.Fleet;
import io.patchwindow.core.testing.InMemoryAssessmentSource;
import io.patchwindow.core.testing.InMemoryDeploymentTarget;
import io.patchwindow.core.testing.InMemoryInventory;
import org.junit.jupiter.api.Test;

class InMemoryFakesTest {
    private static final Instant T = Instant.parse("2026-11-25T09:00:00Z");
    private static final ZonedDateTime START = ZonedDateTime.of(2026, 11, 27, 12, 0, 0, 0, ZoneId.of("Europe/Paris"));

    private static Deployment deployment(String name) {
        return new Deployment(name, List.of(Fleet.vmId("vm1")), START, START.getZone(), Duration.ofHours(2), Reboot.ALWAYS,
                List.of("openssl"), Map.of());
    }

    @Test
    void fleet_makesValidMachinesAndRecords() {
        Machine vm = Fleet.vm("vm1").build();
        Machine arc = Fleet.arc("srv1").build();
        UpdateRecord r = Fleet.update(vm.id(), "openssl").at(T).build();

        assertThat(vm.subscriptionId()).isEqualTo(Fleet.SUBSCRIPTION);
        assertThat(vm.resourceId().fullType()).isEqualTo(MachineKind.AZURE_VM.resourceType());
        assertThat(arc.resourceId().fullType()).isEqualTo(MachineKind.ARC_SERVER.resourceType());
        assertThat(Fleet.vm(Fleet.OTHER_SUBSCRIPTION, "vm1").build().subscriptionId()).isEqualTo(Fleet.OTHER_SUBSCRIPTION);
        assertThat(r.needed()).isTrue();
        assertThat(r.arch()).isEqualTo("x86_64");
        assertThat(r.time()).isEqualTo(T);
    }

    @Test
    void inventory_listsTheMachinesInOrder_withDuplicates() {
        Machine vm = Fleet.vm("vm1").build();
        InMemoryInventory inventory = InMemoryInventory.of(vm, Fleet.arc("srv1").build(), vm);

        assertThat(inventory.machines()).extracting(Machine::name).containsExactly("vm1", "srv1", "vm1");
        assertThat(inventory.calls()).isEqualTo(1);
    }

    @Test
    void assessmentSource_streamsRecordsHeartbeatsAndWarnings_andRemembersRequests() {
        UpdateRecord r = Fleet.needed(Fleet.vmId("vm1"), "openssl", T);
        InMemoryAssessmentSource source = InMemoryAssessmentSource.of(r).withHeartbeat(Fleet.vmId("vm2"), T)
                .withWarning("partial");
        List<String> events = new ArrayList<>();
        AssessmentSink sink = new AssessmentSink() {
            @Override
            public void accept(UpdateRecord record) {
                events.add("record " + record.product());
            }

            @Override
            public void machineReported(String machineId, Instant at) {
                events.add("heartbeat " + machineId.substring(machineId.lastIndexOf('/') + 1));
            }

            @Override
            public void warning(String message) {
                events.add("warning " + message);
            }
        };
        AssessmentRequest request = new AssessmentRequest(List.of(Fleet.vmId("vm1")), T.minusSeconds(3600));

        source.read(request, sink);

        assertThat(events).containsExactly("record openssl", "heartbeat vm2", "warning partial");
        assertThat(source.requests()).containsExactly(request);
        assertThat(InMemoryAssessmentSource.of(r).requests()).isEmpty();
    }

    @Test
    void deploymentTarget_filtersByPrefix_andPerformsActions() {
        ExistingDeployment manual = new ExistingDeployment(deployment("manual-1"), null, false, null);
        InMemoryDeploymentTarget target = InMemoryDeploymentTarget.of(manual);
        Deployment d = deployment("pw-vm1");
        Deployment changed = new Deployment("pw-vm1", d.machineIds(), START, START.getZone(), Duration.ofHours(3),
                Reboot.ALWAYS, d.packages(), Map.of());

        assertThat(target.apply(new DeploymentAction(ActionKind.CREATE, d, null, "new")).ok()).isTrue();
        assertThat(target.existing("pw-")).singleElement().satisfies(e -> {
            assertThat(e.deployment()).isEqualTo(d);
            assertThat(e.managed()).isTrue();
            assertThat(e.nextRun()).isEqualTo(START.toInstant());
        });
        assertThat(target.existing("")).hasSize(2);
        assertThat(target.existing("other-")).isEmpty();

        target.apply(new DeploymentAction(ActionKind.UPDATE, changed, null, "duration differ"));
        assertThat(target.get("pw-vm1")).get().extracting(e -> e.deployment().duration()).isEqualTo(Duration.ofHours(3));

        target.apply(new DeploymentAction(ActionKind.KEEP, changed, null, "unchanged"));
        assertThat(target.writes()).isEqualTo(2);

        target.apply(new DeploymentAction(ActionKind.DELETE, changed, null, "expired"));
        assertThat(target.get("pw-vm1")).isEmpty();
        assertThat(target.all()).containsExactly(manual);
        assertThat(target.writes()).isEqualTo(3);
        assertThat(target.results()).hasSize(4).allMatch(ActionResult::ok);
    }

    @Test
    void deploymentTarget_failsTheNamedDeployment_withTheErrorCode_andChangesNothing() {
        Deployment d = deployment("pw-vm1");
        InMemoryDeploymentTarget target = new InMemoryDeploymentTarget().failOn("pw-vm1", "Conflict", "busy");

        ActionResult failed = target.apply(new DeploymentAction(ActionKind.CREATE, d, null, "new"));
        ActionResult kept = target.apply(new DeploymentAction(ActionKind.KEEP, d, null, "unchanged"));

        assertThat(failed.ok()).isFalse();
        assertThat(failed.errorCode()).isEqualTo("Conflict");
        assertThat(failed.message()).isEqualTo("busy");
        assertThat(kept.ok()).isTrue();
        assertThat(target.all()).isEmpty();
        assertThat(target.writes()).isZero();
    }

    @Test
    void deploymentTarget_markRun_clearsTheNextRun() {
        InMemoryDeploymentTarget target = new InMemoryDeploymentTarget();
        target.apply(new DeploymentAction(ActionKind.CREATE, deployment("pw-vm1"), null, "new"));

        target.markRun("pw-vm1");

        assertThat(target.get("pw-vm1")).get().extracting(ExistingDeployment::nextRun).isNull();
        assertThat(target.get("pw-vm1").get().expiredAt(START.toInstant())).isTrue();
        assertThatIllegalArgumentException().isThrownBy(() -> target.markRun("pw-none"))
                .withMessage("Unknown deployment 'pw-none': nothing to mark as run");
    }
}
