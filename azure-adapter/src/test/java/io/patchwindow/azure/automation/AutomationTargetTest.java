package io.patchwindow.azure.automation;

import static io.patchwindow.azure.WriteSide.CLOCK;
import static io.patchwindow.azure.WriteSide.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.patchwindow.azure.Emulated;
import io.patchwindow.azure.PatchwindowAzure;
import io.patchwindow.azure.WriteSide;
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
import io.patchwindow.core.plan.Plan;
import io.patchwindow.core.plan.Planner;
import io.patchwindow.core.plan.Policy;
import io.patchwindow.core.schedule.WeeklySlot;

/** The Automation backend against the emulator: 1,000 machines, idempotence, moves, faults, DST, cleanup. */
class AutomationTargetTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int MACHINES = 1000;

    AzureFleet fleet;
    AzureEmulator azure;
    String account;
    List<Machine> machines;
    Planner planner = Planner.of(Policy.defaults());

    @BeforeEach
    void start() {
        fleet = AzureFleetGenerator.generate(MACHINES, 2, 11, NOW);
        account = "/subscriptions/" + fleet.subscriptions().get(0)
                + "/resourceGroups/ops/providers/Microsoft.Automation/automationAccounts/aa";
        azure = AzureEmulator.start(fleet).armPageSize(100).now(NOW);
        machines = WriteSide.machines(fleet);
    }

    @AfterEach
    void stop() {
        azure.close();
    }

    AutomationDeploymentTarget target(PatchwindowAzure pw) {
        return AutomationDeploymentTarget.builder(pw, account).machines(machines).build();
    }

    Plan plan(AutomationDeploymentTarget target) {
        return planner.plan(machines, WriteSide.assessment(fleet), target.existing("pw-"), CLOCK);
    }

    @Test
    void apply_thenReapply_writesOncePerDeploymentAndThenNothing() {
        AutomationDeploymentTarget target = target(Emulated.connect(azure));
        Plan first = plan(target);
        int n = first.deployments().size();
        assertThat(n).isGreaterThan(300);
        assertThat(first.count(ActionKind.CREATE)).isEqualTo(n);

        azure.resetCounters();
        ApplyReport report = Applier.of(target, 8).apply(first.actions());
        assertThat(report.anyFailed()).as(report.toMap().toString()).isFalse();
        assertThat(azure.writeRequestCounts()).isEqualTo(Map.of("PUT softwareUpdateConfigurations", n));
        System.err.println("Automation first apply: " + n + " deployments, " + azure.writeRequestCounts());
        assertStateEquals(target, first.deployments());

        // Arc servers are targeted by their Log Analytics computer name, Azure VMs by id
        Deployment arc = first.deployments().stream().filter(d -> d.machineIds().get(0).contains("HybridCompute"))
                .findFirst().orElseThrow();
        JsonNode arcSuc = stored(arc.name());
        assertThat(arcSuc.at("/properties/updateConfiguration/nonAzureComputerNames/0").asText())
                .endsWith(".corp.example");
        assertThat(arcSuc.at("/properties/updateConfiguration").has("azureVirtualMachines")).isFalse();

        // second run: every page listed, each configuration read, zero writes
        azure.resetCounters();
        Plan second = plan(target);
        assertThat(second.count(ActionKind.KEEP)).isEqualTo(n);
        assertThat(Applier.of(target, 8).apply(second.actions()).writeCount()).isZero();
        assertThat(azure.writeRequestCount()).isZero();
        assertThat(azure.requestCount("softwareUpdateConfigurations$")).isEqualTo((n + 99) / 100);
        assertThat(azure.requestCount("softwareUpdateConfigurations/")).isEqualTo(n);
    }

    @Test
    void excludes_areWrittenAsExcludedMasks_andReadBack_soTheSecondRunKeepsEverything() {
        planner = Planner.of(Policy.builder().excludes("kernel*", "glibc*").build());
        AutomationDeploymentTarget target = target(Emulated.connect(azure));
        Plan first = plan(target);
        ApplyReport report = Applier.of(target, 8).apply(first.actions());
        assertThat(report.anyFailed()).as(report.toMap().toString()).isFalse();
        Deployment d = first.deployments().get(0);
        assertThat(d.packages()).noneMatch(p -> p.startsWith("kernel") || p.startsWith("glibc"));
        assertThat(stored(d.name()).at("/properties/updateConfiguration/linux/excludedPackageNameMasks").toString())
                .isEqualTo("[\"glibc*\",\"kernel*\"]");

        azure.resetCounters();
        Plan second = plan(target);
        assertThat(second.count(ActionKind.KEEP)).isEqualTo(first.deployments().size());
        // and without exclusions the masks go again: every deployment differs in its excludes
        planner = Planner.of(Policy.defaults());
        Plan third = plan(target);
        assertThat(third.actions()).filteredOn(a -> a.kind() == ActionKind.UPDATE).isNotEmpty()
                .allMatch(a -> a.reason().contains("excludes"));
    }

    @Test
    void existing_readsEveryPage() {
        // Regression: the original cleanup runbook read only the first page of the list.
        AutomationDeploymentTarget target = target(Emulated.connect(azure));
        Plan first = plan(target);
        Applier.of(target, 8).apply(first.actions());
        azure.armPageSize(7);
        azure.resetCounters();
        List<ExistingDeployment> existing = target.existing("pw-");
        assertThat(existing).hasSize(first.deployments().size());
        assertThat(azure.requestCount("softwareUpdateConfigurations$"))
                .isEqualTo((first.deployments().size() + 6) / 7);
    }

    @Test
    void changedUpdates_giveOneUpdate_andRetag_movesTheMachineWithOneUpdate() {
        AutomationDeploymentTarget target = target(Emulated.connect(azure));
        Plan first = plan(target);
        Applier.of(target, 8).apply(first.actions());

        // one machine reports a new security update
        Deployment changed = first.deployments().get(3);
        String machineId = changed.machineIds().get(0);
        fleet.updateRow(AzureFleetGenerator.updateRow(NOW.minusSeconds(600), machineId, "x.corp.example",
                "11111111-2222-3333-4444-555555555555", "zlib", "x86_64", "1.2.7-21.el7", "Security Updates", "Needed"));
        Plan second = plan(target);
        assertThat(second.count(ActionKind.UPDATE)).isEqualTo(1);
        DeploymentAction update = second.actions().stream().filter(a -> a.kind() == ActionKind.UPDATE).findFirst()
                .orElseThrow();
        assertThat(update.name()).isEqualTo(changed.name());
        assertThat(update.reason()).contains("packages");
        azure.resetCounters();
        assertThat(Applier.of(target, 8).apply(second.actions()).anyFailed()).isFalse();
        assertThat(azure.writeRequestCounts()).isEqualTo(Map.of("PUT softwareUpdateConfigurations", 1));
        assertThat(stored(changed.name()).at("/properties/updateConfiguration/linux/includedPackageNameMasks")
                .toString()).contains("zlib");

        // a tag changed from MON to THU: the machine's configuration is rewritten, never a second one
        Machine monday = machines.stream().filter(m -> second.deployments().stream()
                        .anyMatch(d -> d.machineIds().contains(m.id())))
                .filter(m -> m.tags().values().stream().anyMatch(v -> v.matches("CENTOS-[PQR]-MON-\\d\\d:00")))
                .findFirst().orElseThrow();
        String oldTag = monday.tags().values().stream().filter(v -> v.startsWith("CENTOS-")).findFirst().orElseThrow();
        WriteSide.retag(fleet, monday.id(), oldTag.replace("-MON-", "-THU-"));
        machines = WriteSide.machines(fleet);
        Plan third = plan(target);
        assertThat(third.actions().stream().filter(a -> a.writes()).map(a -> a.kind() + " " + a.name()))
                .hasSize(1).allMatch(s -> s.startsWith("UPDATE "));
        azure.resetCounters();
        Applier.of(target, 8).apply(third.actions());
        assertThat(azure.writeRequestCounts()).isEqualTo(Map.of("PUT softwareUpdateConfigurations", 1));
        List<ObjectNode> holding = azure.softwareUpdateConfigurations().stream()
                .filter(s -> s.at("/properties/updateConfiguration/azureVirtualMachines").toString()
                        .contains(monday.id()))
                .collect(Collectors.toList());
        assertThat(holding).hasSize(1);
        assertThat(ZonedDateTime.parse(holding.get(0).at("/properties/scheduleInfo/startTime").asText())
                .getDayOfWeek()).isEqualTo(DayOfWeek.THURSDAY);
    }

    @Test
    void faults_20percentOfWrites_429or500_everyWriteAppliedExactlyOnce() {
        AutomationDeploymentTarget target = target(WriteSide.patient(azure));
        Plan first = plan(target);
        int n = first.deployments().size();
        azure.injectWritesRandomly("softwareUpdateConfigurations", Fault.throttle(Duration.ofMillis(3)), 0.10, 1)
                .injectWritesRandomly("softwareUpdateConfigurations", Fault.status(500, "InternalServerError"), 0.111,
                        2);
        azure.resetCounters();
        ApplyReport report = Applier.of(target, 8).apply(first.actions());
        assertThat(report.anyFailed()).as(report.toMap().toString()).isFalse();
        assertThat(azure.writeRequestCounts().get("PUT softwareUpdateConfigurations"))
                .isGreaterThan(n + n / 10);
        assertThat(azure.appliedWriteCounts()).isEqualTo(Map.of("PUT softwareUpdateConfigurations", n));
        System.err.println("Automation faults: received " + azure.writeRequestCounts() + ", applied "
                + azure.appliedWriteCounts());
        azure.clearFaults();
        assertStateEquals(target, first.deployments());
    }

    @Test
    void armWriteThrottling_tokenBucket_429sAreRetried_everyWriteAppliedOnce() {
        azure.armWriteThrottling(3, 40, true);
        // the library's default retries (ThrottlingRetryStrategy), as the CLI connects: with the exact waits every
        // waiter competes for each token, and a fixed budget of 50 retries once left a write FAILED in CI
        AutomationDeploymentTarget target = target(PatchwindowAzure.configure().withHttpClient(azure.httpClient())
                .authenticate(AzureEmulator.credential(Emulated.TOKEN), azure.profile()));
        Plan first = plan(target);
        List<DeploymentAction> some = first.actions().subList(0, 60);
        azure.resetCounters();
        // every waiter woken by the exact retry-after-ms competes for one token: many retries, few writers
        long t0 = System.nanoTime();
        ApplyReport report = Applier.of(target, 4).apply(some);
        System.err.println("throttled apply: " + (System.nanoTime() - t0) / 1_000_000 + " ms, "
                + azure.writeRequestCounts());
        assertThat(report.anyFailed()).as(report.toMap().toString()).isFalse();
        assertThat(azure.writeRequestCounts().get("PUT softwareUpdateConfigurations")).isGreaterThan(60);
        assertThat(azure.appliedWriteCounts()).isEqualTo(Map.of("PUT softwareUpdateConfigurations", 60));
        assertThat((int) azure.requests().stream().filter(r -> r.method().equals("PUT")).count())
                .isEqualTo(azure.writeRequestCounts().get("PUT softwareUpdateConfigurations"));
    }

    @Test
    void permanent400_forOneMachine_othersApplied_reportHasTheError() {
        AutomationDeploymentTarget target = target(Emulated.connect(azure));
        Plan first = plan(target);
        String bad = first.deployments().get(10).name();
        azure.inject("softwareUpdateConfigurations/" + bad + "$", Fault.status(400, "InvalidParameter"), -1);
        ApplyReport report = Applier.of(target, 8).apply(first.actions());
        assertThat(report.anyFailed()).isTrue();
        assertThat(report.failedCount()).isEqualTo(1);
        ActionResult failed = report.results().stream().filter(r -> !r.ok()).findFirst().orElseThrow();
        assertThat(failed.action().name()).isEqualTo(bad);
        assertThat(failed.errorCode()).isEqualTo("InvalidParameter");
        assertThat(failed.message()).contains("Injected fault 400");
        assertThat(azure.softwareUpdateConfigurations()).hasSize(first.deployments().size() - 1);
    }

    @Test
    void flatAutomationErrorBody_reachesTheReportWithItsCode() {
        // issue 16: the Automation API's error body is flat ({"code","message"}, its spec's ErrorResponse);
        // the report said HttpStatus400 instead of the code
        AutomationDeploymentTarget target = target(Emulated.connect(azure));
        Plan first = plan(target);
        String bad = first.deployments().get(3).name();
        azure.inject("softwareUpdateConfigurations/" + bad + "$", Fault.answer(400,
                "{\"code\":\"BadRequest\",\"message\":\"Invalid duration PT9H: at most 6 hours\"}"), -1);
        ApplyReport report = Applier.of(target, 8).apply(first.actions());
        ActionResult failed = report.results().stream().filter(r -> !r.ok()).findFirst().orElseThrow();
        assertThat(failed.action().name()).isEqualTo(bad);
        assertThat(failed.errorCode()).isEqualTo("BadRequest");
        assertThat(failed.message()).contains("Invalid duration PT9H");
    }

    @Test
    void nestedArmErrorBody_isReadToo() {
        AutomationDeploymentTarget target = target(Emulated.connect(azure));
        Plan first = plan(target);
        String bad = first.deployments().get(4).name();
        azure.inject("softwareUpdateConfigurations/" + bad + "$", Fault.answer(409,
                "{\"error\":{\"code\":\"Conflict\",\"message\":\"Another operation is in progress\"}}"), -1);
        ApplyReport report = Applier.of(target, 8).apply(first.actions());
        ActionResult failed = report.results().stream().filter(r -> !r.ok()).findFirst().orElseThrow();
        assertThat(failed.errorCode()).isEqualTo("Conflict");
        assertThat(failed.message()).contains("Another operation is in progress");
    }

    @Test
    void dst_springGapAndAutumnOverlap_writtenWithTheRightStartAndOffset() {
        azure.now(Instant.parse("2027-01-01T00:00:00Z"));
        AutomationDeploymentTarget target = target(Emulated.connect(azure));
        ZoneId paris = ZoneId.of("Europe/Paris");
        WeeklySlot sunday0230 = WeeklySlot.of(DayOfWeek.SUNDAY, LocalTime.of(2, 30));
        Machine vm = machines.stream().filter(m -> m.kind() == MachineKind.AZURE_VM).findFirst().orElseThrow();
        Machine arc = machines.stream().filter(m -> m.kind() == MachineKind.ARC_SERVER).findFirst().orElseThrow();
        Deployment gap = new Deployment("pw-dst-gap", List.of(vm.id()),
                sunday0230.nextWindow(paris, Instant.parse("2027-03-27T12:00:00Z")), paris, Duration.ofHours(2),
                Reboot.ALWAYS, List.of("openssl"), Map.of());
        Deployment overlap = new Deployment("pw-dst-overlap", List.of(arc.id()),
                sunday0230.nextWindow(paris, Instant.parse("2027-10-30T12:00:00Z")), paris, Duration.ofHours(2),
                Reboot.ALWAYS, List.of("openssl"), Map.of());
        for (Deployment d : List.of(gap, overlap)) {
            assertThat(target.apply(new DeploymentAction(ActionKind.CREATE, d, null, "new")).ok()).isTrue();
        }
        assertThat(stored("pw-dst-gap").at("/properties/scheduleInfo/startTime").asText())
                .isEqualTo("2027-03-28T03:30:00+02:00");
        assertThat(stored("pw-dst-overlap").at("/properties/scheduleInfo/startTime").asText())
                .isEqualTo("2027-10-31T02:30:00+02:00");
        assertThat(stored("pw-dst-gap").at("/properties/scheduleInfo/timeZone").asText()).isEqualTo("Europe/Paris");
        Map<String, ExistingDeployment> read = target.existing("pw-dst").stream()
                .collect(Collectors.toMap(ExistingDeployment::name, e -> e));
        assertThat(read.get("pw-dst-gap").deployment().sameAs(gap)).isTrue();
        assertThat(read.get("pw-dst-overlap").deployment().sameAs(overlap)).isTrue();
    }

    @Test
    void cleanup_deletesOnlyExpiredManagedConfigurations_acrossPages() throws Exception {
        azure.armPageSize(3);
        for (int i = 1; i <= 5; i++) {
            seed("pw-old-" + i, "OneTime", "2026-11-01T03:00:00+01:00", true);
        }
        seed("pw-pending", "OneTime", "2026-11-30T03:00:00+01:00", true);
        seed("pw-disabled-later", "OneTime", "2026-12-07T03:00:00+01:00", false);
        seed("pw-weekly", "Week", "2026-11-02T03:00:00+01:00", true);
        seed("CENTOS-P-MON-03-00-vm1", "OneTime", "2026-11-01T03:00:00+01:00", true);
        seed("other-team-old", "OneTime", "2026-11-01T03:00:00+01:00", true);
        AutomationDeploymentTarget target = target(Emulated.connect(azure));

        azure.resetCounters();
        ApplyReport report = target.cleanup("pw-", NOW, 4);
        assertThat(report.anyFailed()).isFalse();
        assertThat(report.results()).extracting(r -> r.action().name())
                .containsExactly("pw-old-1", "pw-old-2", "pw-old-3", "pw-old-4", "pw-old-5");
        assertThat(azure.writeRequestCounts()).isEqualTo(Map.of("DELETE softwareUpdateConfigurations", 5));
        assertThat(azure.requestCount("softwareUpdateConfigurations$")).isEqualTo(4); // 10 items, 3 a page
        assertThat(azure.softwareUpdateConfigurations()).extracting(s -> s.get("name").asText())
                .containsExactlyInAnyOrder("pw-pending", "pw-disabled-later", "pw-weekly", "CENTOS-P-MON-03-00-vm1",
                        "other-team-old");
        // a second cleanup finds nothing
        assertThat(target.cleanup("pw-", NOW, 4).results()).isEmpty();
    }

    private void seed(String name, String frequency, String start, boolean enabled) throws Exception {
        String vm = machines.get(0).id();
        JsonNode body = JSON.readTree("{\"properties\":{\"updateConfiguration\":{\"operatingSystem\":\"Linux\","
                + "\"linux\":{\"includedPackageNameMasks\":[\"openssl\"],\"rebootSetting\":\"Always\"},"
                + "\"duration\":\"PT2H\",\"azureVirtualMachines\":[\"" + vm + "\"]},\"scheduleInfo\":{\"frequency\":\""
                + frequency + "\",\"startTime\":\"" + start + "\",\"timeZone\":\"Europe/Paris\",\"isEnabled\":"
                + enabled + "}}}");
        azure.seedSoftwareUpdateConfiguration(account, name, body);
    }

    private JsonNode stored(String name) {
        return azure.softwareUpdateConfigurations().stream().filter(s -> s.get("name").asText().equals(name))
                .findFirst().orElseThrow();
    }

    private void assertStateEquals(AutomationDeploymentTarget target, List<Deployment> planned) {
        List<ObjectNode> state = azure.softwareUpdateConfigurations();
        assertThat(state).extracting(s -> s.get("name").asText())
                .containsExactlyInAnyOrderElementsOf(planned.stream().map(Deployment::name).toList());
        Map<String, Deployment> byName = planned.stream().collect(Collectors.toMap(Deployment::name, d -> d));
        for (ObjectNode s : state) {
            ExistingDeployment e = target.fromJson(s);
            assertThat(e.deployment().sameAs(byName.get(e.name()))).as(e.name()).isTrue();
            assertThat(e.nextRun()).isNotNull();
        }
    }
}
