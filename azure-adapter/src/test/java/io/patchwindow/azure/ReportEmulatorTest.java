package io.patchwindow.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.AzureFleet;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.deployment.Reboot;
import io.patchwindow.core.port.RunHistory;
import io.patchwindow.core.report.DidNotRun;
import io.patchwindow.core.report.MachineReport;
import io.patchwindow.core.report.Outcome;
import io.patchwindow.core.report.PackageReport;
import io.patchwindow.core.report.PackageStatus;
import io.patchwindow.core.report.Recurrence;
import io.patchwindow.core.report.Report;
import io.patchwindow.core.report.Reporter;

/**
 * The run report's readers through the emulator: Update Manager results from Resource Graph
 * ({@code patchinstallationresources}, {@code applyupdates}) and Automation runs and machine runs (api
 * 2019-06-01), in the shapes the official examples and documentation show: succeeded, partly failed, not
 * started, window exceeded, machine deleted, deployment removed before running.
 */
class ReportEmulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUB = "51766542-3ed7-4a72-a187-0c8ab644ddab";
    private static final String ACCOUNT = "/subscriptions/" + SUB
            + "/resourceGroups/mygroup/providers/Microsoft.Automation/automationAccounts/myaccount";
    private static final String CONFIGS = "/subscriptions/" + SUB
            + "/resourceGroups/rg-patch/providers/Microsoft.Maintenance/maintenanceConfigurations/";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** The window that has passed: an Update Manager configuration reports its next one, a week later. */
    private static final ZonedDateTime WINDOW = ZonedDateTime.of(2026, 11, 28, 3, 0, 0, 0, PARIS);
    private static final Instant UNTIL = Instant.parse("2026-12-02T00:00:00Z");
    private static AzureEmulator azure;

    static String vm(String name) {
        return "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/" + name;
    }

    static ObjectNode summary(String machine, String guid, String status, Instant start, boolean exceeded,
                              String error) {
        ObjectNode r = JSON.createObjectNode();
        r.put("id", machine + "/patchInstallationResults/" + guid);
        r.put("type", "microsoft.compute/virtualmachines/patchinstallationresults");
        ObjectNode p = r.putObject("properties");
        p.put("status", status).put("startDateTime", start.toString())
                .put("lastModifiedDateTime", start.plusSeconds(1800).toString()).put("maintenanceRunId", "run-" + guid)
                .put("maintenanceWindowExceeded", exceeded).put("rebootStatus", "Completed")
                .put("installedPatchCount", 1).put("failedPatchCount", 0).put("pendingPatchCount", 0)
                .put("excludedPatchCount", 0).put("notSelectedPatchCount", 0).put("osType", "Linux")
                .put("startedBy", "Platform");
        if (error != null) {
            p.putObject("errorDetails").put("code", "PatchInstallFailed").put("message", error).putArray("details");
        }
        return r;
    }

    static ObjectNode patch(String machine, String guid, String name, String version, String state) {
        ObjectNode r = JSON.createObjectNode();
        r.put("id", machine + "/patchInstallationResults/" + guid + "/softwarePatches/" + name + "_" + version);
        r.put("type", "microsoft.compute/virtualmachines/patchinstallationresults/softwarepatches");
        r.putObject("properties").put("patchName", name).put("version", version).put("installationState", state)
                .putArray("classifications").add("Other");
        return r;
    }

    static ObjectNode applyUpdate(String machine, String config, String guid, Instant start) {
        ObjectNode r = JSON.createObjectNode();
        r.put("id", machine + "/providers/Microsoft.Maintenance/applyUpdates/" + guid);
        r.put("type", "microsoft.maintenance/applyupdates");
        r.putObject("properties").put("maintenanceConfigurationId", CONFIGS + config).put("correlationId", "run-" + guid)
                .put("status", "Completed").put("resourceId", machine).put("startDateTime", start.toString())
                .put("endDateTime", start.plusSeconds(1800).toString());
        return r;
    }

    @BeforeAll
    static void start() {
        AzureFleet fleet = new AzureFleet().subscription(SUB);
        azure = AzureEmulator.start(fleet);
        Instant t = WINDOW.toInstant().plusSeconds(90);
        List<ObjectNode> rows = new ArrayList<>();
        rows.add(summary(vm("ok"), "g1", "Succeeded", t, false, null));
        rows.add(patch(vm("ok"), "g1", "openssl.x86_64", "1:1.0.2k-26.el7_9", "Installed"));
        rows.add(patch(vm("ok"), "g1", "bash.x86_64", "4.2.46-35.el7_9", "Installed"));
        rows.add(patch(vm("ok"), "g1", "tzdata.noarch", "2026a-1.el7", "NotSelected"));
        rows.add(summary(vm("partly"), "g2", "Failed", t, false, "1 of 2 packages failed"));
        rows.add(patch(vm("partly"), "g2", "openssl.x86_64", "1:1.0.2k-26.el7_9", "Failed"));
        rows.add(patch(vm("partly"), "g2", "bash.x86_64", "4.2.46-35.el7_9", "Installed"));
        rows.add(summary(vm("off"), "g3", "NotStarted", t, false, "The VM is not running"));
        rows.add(summary(vm("slow"), "g4", "CompletedWithWarnings", t, true, null));
        rows.add(patch(vm("slow"), "g4", "openssl.x86_64", "1:1.0.2k-26.el7_9", "Installed"));
        rows.add(patch(vm("slow"), "g4", "bash.x86_64", "4.2.46-35.el7_9", "Pending"));
        // a run of another configuration at the same time on "ok": not this window's
        rows.add(summary(vm("ok"), "g9", "Failed", t.plusSeconds(60), false, "other"));
        rows.add(applyUpdate(vm("ok"), "pw-other-SAT-0300-3f2a9c1d", "g9", t.plusSeconds(60)));
        rows.add(applyUpdate(vm("ok"), "pw-Q-SAT-0300-3f2a9c1d", "g1", t));
        // a malformed row: reported, the others read
        ObjectNode bad = summary(vm("ok"), "g0", "Exploded", t, false, null);
        rows.add(bad);
        azure.seedInstallationRows(rows);
        azure.graphPageSize(3); // several pages per query
        // Automation: shapes of getSoftwareUpdateConfigurationMachineRunById.json and listSoftwareUpdateConfigurationRuns.json
        ObjectNode run = JSON.createObjectNode();
        run.put("id", ACCOUNT + "/softwareUpdateConfigurationRuns/2bd77cfa-2e9c-41b4-a45b-684a77cfeca9");
        run.put("name", "2bd77cfa-2e9c-41b4-a45b-684a77cfeca9");
        run.putObject("properties").put("status", "Failed").put("configuredDuration", "PT2H").put("osType", "Linux")
                .put("startTime", "2026-11-28T03:00:36.2401233+01:00").put("endTime", "2026-11-28T03:30:42.84+01:00")
                .put("computerCount", 2).put("failedCount", 1).putObject("softwareUpdateConfiguration")
                .put("name", "pw-db-1-aaaaaaaa");
        ObjectNode ok = machineRun("ca440719-34a4-4234-a1a9-3f84faf7788f", vm("db-1"), "pw-db-1-aaaaaaaa",
                "Succeeded", null);
        ObjectNode arc = machineRun("ca440719-34a4-4234-a1a9-3f84faf7788e", "onprem-01", "pw-onprem-01-bbbbbbbb",
                "Failed", "Package manager exited with code 1");
        azure.seedAutomationRuns(ACCOUNT, "softwareUpdateConfigurationRuns", List.of(run));
        azure.seedAutomationRuns(ACCOUNT, "softwareUpdateConfigurationMachineRuns", List.of(ok, arc));
    }

    static ObjectNode machineRun(String id, String target, String config, String status, String error) {
        ObjectNode r = JSON.createObjectNode();
        r.put("id", ACCOUNT + "/softwareUpdateConfigurationMachineRuns/" + id);
        r.put("name", id);
        ObjectNode p = r.putObject("properties");
        p.put("targetComputer", target).put("targetComputerType", "AzureVirtualMachines").put("status", status)
                .put("osType", "Linux").put("correlationId", "2bd77cfa-2e9c-41b4-a45b-684a77cfeca9")
                .put("sourceComputerId", "3d3f24bf-7037-424e-bfba-aae3b9752f8e")
                .put("startTime", "2026-11-28T03:03:30.7484961+01:00").put("endTime", "2026-11-28T03:13:36.41+01:00")
                .put("configuredDuration", "PT2H");
        p.putObject("softwareUpdateConfiguration").put("name", config);
        p.putObject("job");
        if (error == null) {
            p.putObject("error");
        } else {
            p.putObject("error").put("code", "UpdateFailed").put("message", error);
        }
        return r;
    }

    @AfterAll
    static void stop() {
        azure.close();
    }

    private static Report report(RunHistory history, Recurrence recurrence, List<Deployment> planned,
                                 List<String> existing, List<String> known) {
        Reporter reporter = Reporter.builder().planned(planned).existingNames(existing).knownMachines(known)
                .recurrence(recurrence).range(UNTIL.minus(Duration.ofDays(7)), UNTIL).generatedAt(UNTIL).build();
        Reporter.Join join = reporter.start();
        history.read(reporter.query(), join);
        return join.finish();
    }

    @Test
    void updateManager_resultsFromResourceGraph_joinPerMachine() {
        PatchwindowAzure pw = Emulated.connect(azure);
        List<String> machines = List.of(vm("ok"), vm("partly"), vm("off"), vm("slow"), vm("gone"));
        Deployment group = new Deployment("pw-Q-SAT-0300-3f2a9c1d", machines, WINDOW.plusWeeks(1), PARIS,
                Duration.ofHours(2), Reboot.IF_REQUIRED, List.of("bash", "openssl"), Map.of());
        Deployment removed = new Deployment("pw-R-SAT-0300-3f2a9c1d", List.of(vm("ok")), WINDOW.plusWeeks(1), PARIS,
                Duration.ofHours(2), Reboot.IF_REQUIRED, List.of("kernel"), Map.of());

        Report r = report(pw.resourceGraphRunHistory(List.of()), Recurrence.WEEKLY, List.of(group, removed),
                List.of(group.name()), List.of(vm("ok"), vm("partly"), vm("off"), vm("slow")));

        assertThat(r.windows()).hasSize(2);
        assertThat(r.windows().get(0).machines())
                .extracting(m -> m.machineId().substring(m.machineId().lastIndexOf('/') + 1), MachineReport::outcome,
                        MachineReport::reason)
                .containsExactly(tuple("gone", Outcome.DID_NOT_RUN, DidNotRun.MACHINE_DELETED),
                        tuple("off", Outcome.DID_NOT_RUN, DidNotRun.NOT_STARTED),
                        tuple("ok", Outcome.SUCCEEDED, null),
                        tuple("partly", Outcome.FAILED, null),
                        tuple("slow", Outcome.INCOMPLETE, null));
        MachineReport partly = r.windows().get(0).machines().get(3);
        assertThat(partly.packages()).extracting(PackageReport::name, PackageReport::status, PackageReport::version)
                .containsExactly(tuple("bash", PackageStatus.INSTALLED, "4.2.46-35.el7_9"),
                        tuple("openssl", PackageStatus.FAILED, "1:1.0.2k-26.el7_9"));
        assertThat(partly.run().error()).isEqualTo("PatchInstallFailed: 1 of 2 packages failed");
        assertThat(r.windows().get(0).machines().get(4).run().windowExceeded()).isTrue();
        assertThat(r.windows().get(1).machines().get(0).reason()).isEqualTo(DidNotRun.DEPLOYMENT_REMOVED);
        assertThat(r.warnings()).singleElement().asString().startsWith("Ignoring installation result").contains("'Exploded'");
        assertThat(azure.requestCount("/providers/Microsoft.ResourceGraph/resources")).isGreaterThan(2);
    }

    @Test
    void automation_runsAndMachineRuns_joinByIdOrComputerName() {
        PatchwindowAzure pw = Emulated.connect(azure);
        String arc = "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.HybridCompute/machines/onprem-01";
        ZonedDateTime start = WINDOW;
        Deployment db = new Deployment("pw-db-1-aaaaaaaa", List.of(vm("db-1")), start, PARIS, Duration.ofHours(2),
                Reboot.ALWAYS, List.of("openssl"), Map.of());
        Deployment onprem = new Deployment("pw-onprem-01-bbbbbbbb", List.of(arc), start, PARIS, Duration.ofHours(2),
                Reboot.ALWAYS, List.of("openssl"), Map.of());

        Report r = report(pw.automationRunHistory(ACCOUNT), Recurrence.ONCE, List.of(db, onprem),
                List.of(db.name(), onprem.name()), List.of(vm("db-1"), arc));

        assertThat(r.windows()).extracting(w -> w.machines().get(0).outcome())
                .containsExactly(Outcome.SUCCEEDED, Outcome.FAILED);
        assertThat(r.windows().get(1).machines().get(0).run().error())
                .isEqualTo("UpdateFailed: Package manager exited with code 1");
        assertThat(azure.requests()).anySatisfy(q -> {
            assertThat(q.path()).endsWith("/softwareUpdateConfigurationMachineRuns");
            assertThat(q.query()).contains("api-version=2019-06-01").contains("properties%2FstartTime%20ge%20");
        });
    }
}
