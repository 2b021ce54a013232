package io.patchwindow.azure.updatemanager;

import static io.patchwindow.azure.WriteSide.CLOCK;
import static io.patchwindow.azure.WriteSide.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.patchwindow.azure.Emulated;
import io.patchwindow.azure.PatchwindowAzure;
import io.patchwindow.azure.WriteSide;
import io.patchwindow.azure.internal.ArmJson;
import io.patchwindow.azure.testing.Fault;
import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.AzureFleet;
import io.patchwindow.azure.testing.AzureFleetGenerator;
import io.patchwindow.core.apply.Applier;
import io.patchwindow.core.deployment.ActionKind;
import io.patchwindow.core.deployment.ActionResult;
import io.patchwindow.core.deployment.ApplyReport;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.deployment.DeploymentAction;
import io.patchwindow.core.deployment.ExistingDeployment;
import io.patchwindow.core.deployment.Reboot;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.inventory.MachineKind;
import io.patchwindow.core.plan.Grouping;
import io.patchwindow.core.plan.Plan;
import io.patchwindow.core.plan.Planner;
import io.patchwindow.core.plan.Policy;
import io.patchwindow.core.schedule.WeeklySlot;

/**
 * The Update Manager backend against the emulator: window groups, assignments, idempotence, moves, faults,
 * DST, scale, patch-mode fix, cleanup.
 */
class UpdateManagerTargetTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Policy POLICY = Policy.builder().grouping(Grouping.PER_WINDOW).maxGroupSize(3000)
            .requireUserSchedulePatchMode(true).build();

    AzureFleet fleet;
    AzureEmulator azure;
    String group;
    List<Machine> machines;
    Planner planner = Planner.of(POLICY);

    @BeforeEach
    void start() {
        start(AzureFleetGenerator.generate(1000, 2, 23, NOW));
    }

    void start(AzureFleet f) {
        fleet = f;
        group = "/subscriptions/" + fleet.subscriptions().get(0) + "/resourceGroups/rg-patch-schedules";
        azure = AzureEmulator.start(fleet).armPageSize(100).now(NOW).resourceGroupLocation(group, "francecentral");
        machines = WriteSide.machines(fleet);
    }

    @AfterEach
    void stop() {
        azure.close();
    }

    UpdateManagerDeploymentTarget.Builder builder(PatchwindowAzure pw) {
        return UpdateManagerDeploymentTarget.builder(pw, group, CLOCK).policy(POLICY).machines(machines);
    }

    Plan plan(UpdateManagerDeploymentTarget target) {
        return planner.plan(machines, WriteSide.assessment(fleet), target.existing("pw-"), CLOCK);
    }

    ApplyReport apply(UpdateManagerDeploymentTarget target, Plan plan) {
        return Applier.of(target, 8).apply(target.releaseUnplannedGroups(plan.actions()));
    }

    @Test
    void apply_thenReapply_oneConfigurationPerGroupAndAssignmentPerMachine_thenNothing() {
        UpdateManagerDeploymentTarget target = builder(Emulated.connect(azure)).build();
        Plan first = plan(target);
        int groups = first.deployments().size();
        assertThat(groups).isBetween(20, 63);
        assertThat(first.planned()).isGreaterThan(60);
        assertThat(first.skipped()).anyMatch(s -> s.reason().name().equals("NOT_READY"));

        azure.resetCounters();
        ApplyReport report = apply(target, first);
        assertThat(report.anyFailed()).as(report.toMap().toString()).isFalse();
        assertThat(azure.writeRequestCounts()).isEqualTo(Map.of("PUT maintenanceConfigurations", groups,
                "PUT configurationAssignments", first.planned()));
        assertStateEquals(first.deployments());
        System.err.println("UM first apply: " + groups + " groups, " + first.planned() + " machines, "
                + azure.writeRequestCounts());
        ObjectNode config = azure.maintenanceConfigurations().get(0);
        assertThat(config.get("location").asText()).isEqualTo("francecentral");
        assertThat(config.at("/tags/managed-by").asText()).isEqualTo("patchwindow");
        assertThat(config.at("/properties/maintenanceWindow/timeZone").asText()).isEqualTo("Romance Standard Time");
        assertThat(config.at("/properties/installPatches/linuxParameters").has("classificationsToInclude")).isFalse();
        // machines of every region are assigned to the configurations of the one schedule group
        assertThat(azure.configurationAssignments().stream().map(a -> a.get("location").asText()).distinct())
                .hasSize(3);

        azure.resetCounters();
        Plan second = plan(target);
        assertThat(second.count(ActionKind.KEEP)).isEqualTo(groups);
        assertThat(apply(target, second).writeCount()).isZero();
        assertThat(azure.writeRequestCount()).isZero();
        // reads: one configuration list page, one Resource Graph page of assignments per 1,000 rows
        assertThat(azure.requestCount("maintenanceConfigurations$")).isEqualTo(1);
        assertThat(azure.requestCount("ResourceGraph")).isEqualTo(1);
    }

    // Issue 14.2: a row named 'openssl=1.0.2k' became a mask the platform reads as a pin and reads back split at
    // '=', so every later run said UPDATE ... packages differ and apply never settled; expected: the row is
    // ignored with a warning, and plan, apply, plan gives KEEP everywhere.
    @Test
    void nameWithEquals_neverReachesAMask_andApplySettles() {
        UpdateManagerDeploymentTarget target = builder(Emulated.connect(azure)).build();
        String machine = plan(target).deployments().get(0).machineIds().get(0);
        io.patchwindow.core.port.AssessmentSource pinned = (request, sink) -> {
            WriteSide.assessment(fleet).read(request, sink);
            sink.accept(new io.patchwindow.core.assessment.UpdateRecord(machine, null, "openssl=1.0.2k", "x86_64",
                    "1.0.2k-26.el7_9", Set.of(io.patchwindow.core.assessment.Classification.SECURITY), true,
                    NOW.minus(Duration.ofMinutes(30))));
        };
        Plan first = planner.plan(machines, pinned, target.existing("pw-"), CLOCK);
        assertThat(first.warnings()).anyMatch(w -> w.startsWith(machine + ": 1 assessment record ignored, "
                + "first package 'openssl=1.0.2k'"));
        assertThat(first.deployments()).allSatisfy(d -> assertThat(d.packages()).noneMatch(p -> p.contains("=")));
        assertThat(apply(target, first).anyFailed()).isFalse();
        for (ObjectNode config : azure.maintenanceConfigurations()) {
            assertThat(config.at("/properties/installPatches/linuxParameters/packageNameMasksToInclude").toString())
                    .doesNotContain("=");
        }

        Plan second = planner.plan(machines, pinned, target.existing("pw-"), CLOCK);
        assertThat(second.actions()).allSatisfy(a -> assertThat(a.kind()).as(a.reason()).isEqualTo(ActionKind.KEEP));
    }

    @Test
    void excludes_areWrittenAsPackageNameMasksToExclude_andReadBack_soTheSecondRunKeepsEverything() {
        planner = Planner.of(POLICY.toBuilder().excludes("kernel*").build());
        UpdateManagerDeploymentTarget target = builder(Emulated.connect(azure)).build();
        Plan first = plan(target);
        ApplyReport report = apply(target, first);
        assertThat(report.anyFailed()).as(report.toMap().toString()).isFalse();
        ObjectNode config = azure.maintenanceConfigurations().get(0);
        assertThat(config.at("/properties/installPatches/linuxParameters/packageNameMasksToExclude").toString())
                .isEqualTo("[\"kernel*\"]");

        azure.resetCounters();
        Plan second = plan(target);
        assertThat(second.count(ActionKind.KEEP)).isEqualTo(first.deployments().size());
        assertThat(apply(target, second).writeCount()).isZero();
    }

    @Test
    void changedUpdates_oneConfigurationUpdate_noAssignmentWrite() {
        UpdateManagerDeploymentTarget target = builder(Emulated.connect(azure)).build();
        Plan first = plan(target);
        apply(target, first);
        Deployment changed = first.deployments().get(2);
        fleet.updateRow(AzureFleetGenerator.updateRow(NOW.minusSeconds(600), changed.machineIds().get(0), "x",
                "11111111-2222-3333-4444-555555555555", "zz-new-package", "x86_64", "1.0-1.el7", "Security Updates",
                "Needed"));
        Plan second = plan(target);
        assertThat(second.actions().stream().filter(DeploymentAction::writes).map(DeploymentAction::name))
                .containsExactly(changed.name());
        azure.resetCounters();
        assertThat(apply(target, second).anyFailed()).isFalse();
        assertThat(azure.writeRequestCounts()).isEqualTo(Map.of("PUT maintenanceConfigurations", 1));
        assertStateEquals(second.deployments());
    }

    @Test
    void machinesThatNoLongerNeedPatching_loseTheirAssignment_evenWhenTheirGroupEmpties() {
        UpdateManagerDeploymentTarget target = builder(Emulated.connect(azure)).build();
        Plan first = plan(target);
        apply(target, first);
        // one machine of a big group, and every machine of another group, have installed their updates
        Deployment big = first.deployments().stream().filter(d -> d.machineIds().size() > 3).findFirst().orElseThrow();
        Deployment emptied = first.deployments().stream().filter(d -> d != big).findFirst().orElseThrow();
        List<String> done = new ArrayList<>(emptied.machineIds());
        done.add(big.machineIds().get(0));
        done.forEach(this::installEverything);

        Plan second = plan(target);
        assertThat(second.deployments()).extracting(Deployment::name).doesNotContain(emptied.name());
        azure.resetCounters();
        ApplyReport report = apply(target, second);
        assertThat(report.anyFailed()).isFalse();
        assertThat(azure.writeRequestCounts().get("DELETE configurationAssignments")).isEqualTo(done.size());
        assertThat(azure.writeRequestCounts().getOrDefault("PUT configurationAssignments", 0)).isZero();
        for (String id : done) {
            assertThat(assignmentsOf(id)).as(id).isEmpty();
        }
        // the emptied group's configuration stays until prune or cleanup
        assertThat(azure.maintenanceConfigurations()).anyMatch(c -> c.get("name").asText().equals(emptied.name()));
        assertStateEquals(second.deployments());
        azure.resetCounters();
        assertThat(target.cleanup("pw-", 4).results()).extracting(r -> r.action().name())
                .containsExactly(emptied.name());
        assertThat(azure.writeRequestCounts()).isEqualTo(Map.of("DELETE maintenanceConfigurations", 1));
    }

    @Test
    void retag_monToThu_movesTheAssignment_neverTwoLiveOnes() {
        UpdateManagerDeploymentTarget target = builder(Emulated.connect(azure)).build();
        Plan first = plan(target);
        apply(target, first);
        Machine monday = machines.stream()
                .filter(m -> first.deployments().stream().anyMatch(d -> d.machineIds().contains(m.id())))
                .filter(m -> m.tags().values().stream().anyMatch(v -> v.matches("CENTOS-[PQR]-MON-\\d\\d:00")))
                .findFirst().orElseThrow();
        String oldTag = monday.tags().values().stream().filter(v -> v.startsWith("CENTOS-")).findFirst().orElseThrow();
        String newTag = oldTag.replace("-MON-", "-THU-");
        WriteSide.retag(fleet, monday.id(), newTag);
        machines = WriteSide.machines(fleet);
        target = builder(Emulated.connect(azure)).build();
        Plan second = plan(target);
        azure.resetCounters();
        assertThat(apply(target, second).anyFailed()).isFalse();
        assertThat(azure.writeRequestCounts().get("DELETE configurationAssignments")).isEqualTo(1);
        assertThat(azure.writeRequestCounts().get("PUT configurationAssignments")).isEqualTo(1);
        System.err.println("UM retag: " + azure.writeRequestCounts());
        List<ObjectNode> held = assignmentsOf(monday.id());
        assertThat(held).hasSize(1);
        String thu = "-" + newTag.charAt(7) + "-THU-" + newTag.substring(13, 15) + "00-";
        assertThat(held.get(0).at("/properties/maintenanceConfigurationId").asText()).contains(thu);
        assertStateEquals(second.deployments());
    }

    @Test
    void faults_20percentOfWrites_429or500_everyWriteAppliedExactlyOnce() {
        UpdateManagerDeploymentTarget target = builder(WriteSide.patient(azure)).build();
        Plan first = plan(target);
        azure.injectWritesRandomly("Microsoft.Maintenance", Fault.throttle(Duration.ofMillis(3)), 0.10, 3)
                .injectWritesRandomly("Microsoft.Maintenance", Fault.status(500, "InternalServerError"), 0.111, 4);
        azure.resetCounters();
        ApplyReport report = apply(target, first);
        assertThat(report.anyFailed()).as(report.toMap().toString()).isFalse();
        int writes = first.deployments().size() + first.planned();
        assertThat(azure.writeRequestCount()).isGreaterThan(writes + writes / 10);
        assertThat(azure.appliedWriteCounts()).isEqualTo(Map.of("PUT maintenanceConfigurations",
                first.deployments().size(), "PUT configurationAssignments", first.planned()));
        System.err.println("UM faults: received " + azure.writeRequestCounts() + ", applied "
                + azure.appliedWriteCounts());
        azure.clearFaults();
        assertStateEquals(first.deployments());
    }

    @Test
    void permanent400_forOneMachine_othersAssigned_actionFailedWithThatMachine() {
        UpdateManagerDeploymentTarget target = builder(Emulated.connect(azure)).build();
        Plan first = plan(target);
        Deployment group = first.deployments().stream().filter(d -> d.machineIds().size() > 2).findFirst()
                .orElseThrow();
        String bad = group.machineIds().get(1);
        azure.inject(java.util.regex.Pattern.quote(bad) + "/providers/Microsoft.Maintenance",
                Fault.status(400, "InvalidParameter"), -1);
        ApplyReport report = apply(target, first);
        assertThat(report.anyFailed()).isTrue();
        assertThat(report.failedCount()).isEqualTo(1);
        ActionResult failed = report.results().stream().filter(r -> !r.ok()).findFirst().orElseThrow();
        assertThat(failed.action().name()).isEqualTo(group.name());
        assertThat(failed.errorCode()).isEqualTo("InvalidParameter");
        assertThat(failed.message()).startsWith("1 of " + group.machineIds().size() + " assignment writes failed: ")
                .contains(bad + ": InvalidParameter");
        assertThat(azure.configurationAssignments()).hasSize(first.planned() - 1);
        assertThat(azure.maintenanceConfigurations()).hasSize(first.deployments().size());

        // the next run retries only what is missing
        azure.clearFaults();
        azure.resetCounters();
        Plan second = plan(target);
        assertThat(apply(target, second).anyFailed()).isFalse();
        assertThat(azure.writeRequestCounts()).isEqualTo(Map.of("PUT configurationAssignments", 1));
    }

    @Test
    void dst_springGapAndAutumnOverlap_writtenWithTheRightLocalStart() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        WeeklySlot sunday0230 = WeeklySlot.of(DayOfWeek.SUNDAY, LocalTime.of(2, 30));
        Machine vm = machines.stream().filter(m -> m.kind() == MachineKind.AZURE_VM).findFirst().orElseThrow();
        record Case(String name, Instant now, String local) {
        }
        for (Case c : List.of(new Case("pw-dst-gap", Instant.parse("2027-03-27T12:00:00Z"), "2027-03-28 03:30"),
                new Case("pw-dst-overlap", Instant.parse("2027-10-30T12:00:00Z"), "2027-10-31 02:30"))) {
            Clock clock = Clock.fixed(c.now(), ZoneOffset.UTC);
            UpdateManagerDeploymentTarget target = UpdateManagerDeploymentTarget.builder(Emulated.connect(azure),
                    group, clock).machines(machines).build();
            Deployment d = new Deployment(c.name(), List.of(vm.id()), sunday0230.nextWindow(paris,
                    c.now().plus(Duration.ofMinutes(10))), paris, Duration.ofHours(2), Reboot.ALWAYS,
                    List.of("openssl"), Map.of());
            assertThat(target.apply(new DeploymentAction(ActionKind.CREATE, d, null, "new")).ok()).isTrue();
            JsonNode w = azure.maintenanceConfigurations().stream().filter(x -> x.get("name").asText()
                    .equals(c.name())).findFirst().orElseThrow().at("/properties/maintenanceWindow");
            assertThat(w.get("startDateTime").asText()).isEqualTo(c.local());
            assertThat(w.get("timeZone").asText()).isEqualTo("Romance Standard Time");
            assertThat(w.get("recurEvery").asText()).isEqualTo("Week Sunday");
            ExistingDeployment read = target.existing(c.name()).get(0);
            assertThat(read.deployment().start()).isEqualTo(d.start());
            assertThat(read.deployment().sameAs(d)).isTrue();
        }
        // the gap start's offset is summer time, the overlap's the earlier (summer) offset
        assertThat(sunday0230.nextWindow(paris, Instant.parse("2027-03-27T12:00:00Z")).getOffset().getId())
                .isEqualTo("+02:00");
        assertThat(sunday0230.nextWindow(paris, Instant.parse("2027-10-30T12:00:00Z")).getOffset().getId())
                .isEqualTo("+02:00");
    }

    @Test
    void durationOutsideTheUpdateManagerWindow_isRejected() {
        Policy fourHours = POLICY.toBuilder().duration(Duration.ofHours(4)).build();
        assertThatThrownBy(() -> UpdateManagerDeploymentTarget.builder(Emulated.connect(azure), group, CLOCK)
                .policy(fourHours)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid duration 'PT4H' for Update Manager: a maintenance window (InGuestPatch) lasts "
                        + "from 01:30 to 03:55 in whole minutes (PT1H30M to PT3H55M), e.g. PT2H");
        assertThatThrownBy(() -> UpdateManagerDeploymentTarget.checkDuration(Duration.ofMinutes(60)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(UpdateManagerDeploymentTarget.checkDuration(Duration.ofMinutes(235))).hasMinutes(235);
    }

    @Test
    void fixPatchMode_patchesNotReadyVmsOnce_thenTheyPlanAsReady() {
        Policy noCheck = POLICY.toBuilder().requireUserSchedulePatchMode(false).build();
        UpdateManagerDeploymentTarget target = builder(Emulated.connect(azure)).fixPatchMode(true).build();
        Plan first = Planner.of(noCheck).plan(machines, WriteSide.assessment(fleet), target.existing("pw-"), CLOCK);
        Set<String> planned = first.deployments().stream().flatMap(d -> d.machineIds().stream())
                .collect(Collectors.toSet());
        long notReady = machines.stream().filter(m -> planned.contains(m.id()) && m.kind() == MachineKind.AZURE_VM)
                .filter(m -> m.patchSettings() == null || !m.patchSettings().readyForUserSchedule()).count();
        assertThat(notReady).isGreaterThan(50);
        azure.resetCounters();
        assertThat(apply(target, first).anyFailed()).isFalse();
        assertThat(azure.writeRequestCounts().get("PATCH virtualMachines")).isEqualTo((int) notReady);
        machines = WriteSide.machines(fleet);
        Plan strict = planner.plan(machines, WriteSide.assessment(fleet), target.existing("pw-"), CLOCK);
        assertThat(strict.planned()).isEqualTo(first.planned());
        assertThat(strict.count(ActionKind.KEEP)).isEqualTo(strict.actions().size());
    }

    @Test
    void cleanup_deletesOnlyManagedConfigurationsWithoutAssignment_acrossPages() {
        azure.armPageSize(2);
        PatchwindowAzure pw = Emulated.connect(azure);
        UpdateManagerDeploymentTarget target = builder(pw).build();
        Machine vm = machines.get(0);
        ZoneId paris = ZoneId.of("Europe/Paris");
        for (String name : List.of("pw-empty-1", "pw-empty-2", "pw-empty-3", "pw-used", "xx-empty")) {
            Deployment d = new Deployment(name, name.equals("pw-used") ? List.of(vm.id()) : List.of(),
                    WeeklySlot.of(DayOfWeek.MONDAY, LocalTime.of(3, 0)).nextWindow(paris, NOW), paris,
                    Duration.ofHours(2), Reboot.ALWAYS, List.of("openssl"), Map.of());
            assertThat(target.apply(new DeploymentAction(ActionKind.CREATE, d, null, "new")).ok()).isTrue();
        }
        // someone else's configuration with the prefix but without the managed tag
        ObjectNode foreign = target.configurationBody(new Deployment("pw-foreign", List.of(),
                WeeklySlot.of(DayOfWeek.MONDAY, LocalTime.of(3, 0)).nextWindow(paris, NOW), paris,
                Duration.ofHours(2), Reboot.ALWAYS, List.of("openssl"), Map.of()));
        foreign.remove("tags");
        assertThat(new ArmJson(pw.httpPipeline()).send(HttpMethod.PUT, azure.endpoint() + group
                + "/providers/Microsoft.Maintenance/maintenanceConfigurations/pw-foreign?api-version=2023-04-01",
                foreign).status()).isEqualTo(201);

        azure.resetCounters();
        ApplyReport report = target.cleanup("pw-", 4);
        assertThat(report.anyFailed()).isFalse();
        assertThat(report.results()).extracting(r -> r.action().name())
                .containsExactly("pw-empty-1", "pw-empty-2", "pw-empty-3");
        assertThat(azure.requestCount("maintenanceConfigurations$")).isEqualTo(3); // 6 configurations, 2 a page
        assertThat(azure.maintenanceConfigurations()).extracting(c -> c.get("name").asText())
                .containsExactlyInAnyOrder("pw-used", "xx-empty", "pw-foreign");
        assertThat(target.cleanup("pw-", 4).results()).isEmpty();
    }

    @Test
    void scale_5000MachinesInOneRegionAndSubscription_atMost63Configurations() {
        azure.close();
        AzureFleet big = AzureFleetGenerator.generate(5000, 1, 31, NOW);
        big.machines().forEach(m -> m.put("location", "westeurope"));
        start(big);
        UpdateManagerDeploymentTarget target = builder(Emulated.connect(azure)).assignmentConcurrency(16).build();
        // every VM counts here (patch mode checked elsewhere): the point is the number of configurations
        planner = Planner.of(POLICY.toBuilder().requireUserSchedulePatchMode(false).build());
        Plan plan = plan(target);
        assertThat(plan.planned()).isGreaterThan(1000);
        assertThat(plan.deployments()).hasSizeLessThanOrEqualTo(63);
        assertThat(plan.deployments()).allMatch(d -> d.machineIds().size() <= 3000);
        azure.resetCounters();
        long t0 = System.nanoTime();
        assertThat(Applier.of(target, 8).apply(plan.actions()).anyFailed()).isFalse();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(azure.writeRequestCounts()).isEqualTo(Map.of("PUT maintenanceConfigurations",
                plan.deployments().size(), "PUT configurationAssignments", plan.planned()));
        assertThat(azure.maintenanceConfigurations()).hasSizeLessThanOrEqualTo(63);
        System.err.println("UM scale: " + plan.planned() + " machines, " + plan.deployments().size()
                + " configurations, " + azure.writeRequestCount() + " writes in " + millis + " ms");
        azure.resetCounters();
        assertThat(Applier.of(target, 8).apply(plan(target).actions()).writeCount()).isZero();
        assertThat(azure.writeRequestCount()).isZero();
    }

    private void installEverything(String machineId) {
        Set<String> products = new TreeSet<>();
        for (JsonNode r : fleet.updateRows()) {
            if (r.get("ResourceId").asText().equals(machineId)) {
                products.add(r.get("Product").asText() + "\u0000" + r.get("ProductArch").asText() + "\u0000"
                        + r.get("Computer").asText() + "\u0000" + r.get("SourceComputerId").asText());
            }
        }
        for (String p : products) {
            String[] f = p.split("\u0000");
            fleet.updateRow(AzureFleetGenerator.updateRow(NOW.minusSeconds(60), machineId, f[2], f[3], f[0], f[1],
                    "9.9-1.el7", "Security Updates", "Installed"));
        }
    }

    private List<ObjectNode> assignmentsOf(String machineId) {
        return azure.configurationAssignments().stream()
                .filter(a -> a.at("/properties/resourceId").asText().equalsIgnoreCase(machineId))
                .collect(Collectors.toList());
    }

    /** The emulator holds exactly the planned configurations and assignments: none missing, none extra. */
    private void assertStateEquals(List<Deployment> planned) {
        Set<String> names = planned.stream().map(Deployment::name).collect(Collectors.toSet());
        Set<String> live = new HashSet<>();
        for (ObjectNode c : azure.maintenanceConfigurations()) {
            live.add(c.get("name").asText());
        }
        assertThat(live).containsAll(names);
        Map<String, String> want = new HashMap<>();
        for (Deployment d : planned) {
            for (String id : d.machineIds()) {
                assertThat(want.put(id.toLowerCase(Locale.ROOT), d.name())).as("machine in two groups").isNull();
            }
        }
        Map<String, String> have = new HashMap<>();
        for (ObjectNode a : azure.configurationAssignments()) {
            String config = a.at("/properties/maintenanceConfigurationId").asText();
            assertThat(have.put(a.at("/properties/resourceId").asText().toLowerCase(Locale.ROOT),
                    config.substring(config.lastIndexOf('/') + 1))).as("second live assignment").isNull();
        }
        assertThat(have).isEqualTo(want);
    }
}
