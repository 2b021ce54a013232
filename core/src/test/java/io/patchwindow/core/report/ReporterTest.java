package io.patchwindow.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;


import org.junit.jupiter.api.Test;

import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.deployment.Reboot;
import io.patchwindow.core.testing.Fleet;
import io.patchwindow.core.testing.InMemoryRunHistory;

class ReporterTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZonedDateTime SAT_3 = ZonedDateTime.of(2026, 11, 28, 3, 0, 0, 0, PARIS);
    private static final Instant SINCE = Instant.parse("2026-11-25T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-12-02T00:00:00Z");
    private static final String VM1 = Fleet.vmId("vm1");
    private static final String VM2 = Fleet.vmId("vm2");

    private static Deployment deployment(String name, ZonedDateTime start, List<String> machines, String... packages) {
        return new Deployment(name, machines, start, PARIS, Duration.ofHours(2), Reboot.ALWAYS, List.of(packages),
                Map.of());
    }

    private static InstallationRun um(String machine, String guid, RunStatus status, Instant start, boolean exceeded) {
        return new InstallationRun(machine + "/patchInstallationResults/" + guid, machine, null, "run-" + guid, status,
                start, start.plusSeconds(600), new PatchCounts(1, 1, 0, 0, 0), exceeded, "Completed", null, true);
    }

    private static PatchResult row(InstallationRun run, String name, String version, InstallationState state) {
        return new PatchResult(run.id(), run.machineId(), name, version, state, List.of("Other"));
    }

    private static Report report(Reporter reporter, List<InstallationRun> runs, List<PatchResult> patches,
                                 List<DeploymentRun> deploymentRuns) {
        Reporter.Join join = reporter.start();
        new InMemoryRunHistory(runs, patches, deploymentRuns).read(reporter.query(), join);
        return join.finish();
    }

    private static Reporter.Builder base(Deployment... planned) {
        return Reporter.builder().planned(List.of(planned)).range(SINCE, UNTIL).generatedAt(UNTIL);
    }

    @Test
    void succeededAndPartlyFailed_areJoinedPerPackage_withArchitectureSuffixes() {
        Deployment d = deployment("pw-Q-SAT-0300-3f2a9c1d", SAT_3, List.of(VM2, VM1), "glibc", "openssl");
        Instant t = SAT_3.toInstant().plusSeconds(60);
        InstallationRun ok = um(VM1, "a", RunStatus.SUCCEEDED, t, false);
        InstallationRun bad = um(VM2, "b", RunStatus.FAILED, t, false);
        List<PatchResult> rows = List.of(
                row(ok, "glibc.x86_64", "2.17-326.el7_9.3", InstallationState.INSTALLED),
                row(ok, "openssl.x86_64", "1:1.0.2k-26.el7_9", InstallationState.INSTALLED),
                row(ok, "curl.x86_64", "7.29.0-59", InstallationState.NOT_SELECTED),
                row(bad, "glibc.x86_64", "2.17-326.el7_9.3", InstallationState.INSTALLED),
                row(bad, "glibc.i686", "2.17-326.el7_9.3", InstallationState.FAILED),
                row(bad, "openssl.x86_64", "1:1.0.2k-26.el7_9", InstallationState.INSTALLED));

        Report r = report(base(d).build(), List.of(ok, bad), rows, List.of());

        assertThat(r.windows()).singleElement().satisfies(w -> {
            assertThat(w.environment()).isEqualTo("Q");
            assertThat(w.machines()).extracting(MachineReport::machineId, MachineReport::outcome)
                    .containsExactly(tuple(VM1, Outcome.SUCCEEDED), tuple(VM2, Outcome.FAILED));
            assertThat(w.machines().get(1).packages())
                    .extracting(PackageReport::name, PackageReport::status, PackageReport::version)
                    .containsExactly(tuple("glibc", PackageStatus.FAILED, "2.17-326.el7_9.3"),
                            tuple("openssl", PackageStatus.INSTALLED, "1:1.0.2k-26.el7_9"));
        });
        assertThat(r.total().packagesPlanned()).isEqualTo(4);
        assertThat(r.total().packagesInstalled()).isEqualTo(3);
        assertThat(r.total().installedPercent()).hasToString("75.0");
        assertThat(r.allInstalled()).isFalse();
    }

    @Test
    void windowExceeded_leavesPendingPackages_incomplete() {
        Deployment d = deployment("pw-R-SAT-0300-3f2a9c1d", SAT_3, List.of(VM1), "bash", "openssl");
        InstallationRun run = um(VM1, "a", RunStatus.COMPLETED_WITH_WARNINGS, SAT_3.toInstant(), true);

        Report r = report(base(d).build(), List.of(run), List.of(
                row(run, "bash", "4.2.46-35", InstallationState.INSTALLED),
                row(run, "openssl", "1:1.0.2k-26", InstallationState.PENDING)), List.of());

        MachineReport m = r.windows().get(0).machines().get(0);
        assertThat(m.outcome()).isEqualTo(Outcome.INCOMPLETE);
        assertThat(m.run().windowExceeded()).isTrue();
        assertThat(m.packages(PackageStatus.PENDING)).extracting(PackageReport::name).containsExactly("openssl");
        assertThat(m.toMap()).containsEntry("maintenanceWindowExceeded", true);
    }

    @Test
    void notStarted_isDidNotRun_andNoResult_tellsRemovedDeploymentsAndDeletedMachines() {
        Deployment a = deployment("pw-vm1-11111111", SAT_3, List.of(VM1), "openssl");
        Deployment b = deployment("pw-vm2-22222222", SAT_3, List.of(VM2), "openssl");
        Deployment c = deployment("pw-vm3-33333333", SAT_3, List.of(Fleet.vmId("vm3")), "openssl");
        Deployment e = deployment("pw-vm4-44444444", SAT_3, List.of(Fleet.vmId("vm4")), "openssl");
        InstallationRun off = um(VM1, "a", RunStatus.NOT_STARTED, SAT_3.toInstant(), false);

        Report r = report(base(a, b, c, e)
                        .existingNames(List.of("pw-vm1-11111111", "pw-vm3-33333333", "pw-vm4-44444444"))
                        .knownMachines(List.of(VM1, VM2, Fleet.vmId("vm4"))).build(),
                List.of(off), List.of(), List.of());

        assertThat(r.windows()).extracting(w -> w.machines().get(0).reason())
                .containsExactly(DidNotRun.NOT_STARTED, DidNotRun.DEPLOYMENT_REMOVED, DidNotRun.MACHINE_DELETED,
                        DidNotRun.NO_RESULT);
        assertThat(r.total().didNotRun()).isEqualTo(4);
        assertThat(r.windows().get(0).machines().get(0).packages()).extracting(PackageReport::status)
                .containsExactly(PackageStatus.NOT_REPORTED);
    }

    @Test
    void automationMachineRuns_matchByComputerName_andRunIdNamesTheDeployment() {
        String arc = "/subscriptions/" + Fleet.SUBSCRIPTION
                + "/resourceGroups/rg/providers/Microsoft.HybridCompute/machines/OnPrem-01";
        Deployment mine = deployment("pw-onprem-01-aaaaaaaa", SAT_3, List.of(arc), "openssl");
        Instant t = SAT_3.toInstant().plusSeconds(30);
        InstallationRun other = new InstallationRun("mr-1", "onprem-01", null, "corr-other", RunStatus.FAILED,
                t.plusSeconds(5), null, PatchCounts.UNKNOWN, false, null, "boom", false);
        InstallationRun run = new InstallationRun("mr-2", "onprem-01", null, "corr-mine", RunStatus.SUCCEEDED, t,
                t.plusSeconds(300), PatchCounts.UNKNOWN, false, null, null, false);

        Report r = report(base(mine).build(), List.of(other, run), List.of(), List.of(
                new DeploymentRun("pw-other-bbbbbbbb", "corr-other", null, RunStatus.FAILED, t, null, 1, 1),
                new DeploymentRun("pw-onprem-01-aaaaaaaa", "corr-mine", null, RunStatus.SUCCEEDED, t, null, 1, 0)));

        MachineReport m = r.windows().get(0).machines().get(0);
        assertThat(m.run()).isEqualTo(run);
        assertThat(m.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(m.packages()).extracting(PackageReport::status).containsExactly(PackageStatus.INSTALLED);
        assertThat(r.windows().get(0).environment()).isEmpty();
    }

    @Test
    void weeklyRecurrence_reportsThePastOccurrencesInTheRange_onceEach() {
        // an Update Manager configuration reports its next occurrence; the two weeks before are in the range
        Deployment d = deployment("pw-P-SAT-0300-3f2a9c1d", SAT_3.plusWeeks(1), List.of(VM1, VM1.toUpperCase()),
                "openssl");
        Reporter reporter = Reporter.builder().planned(List.of(d)).recurrence(Recurrence.WEEKLY)
                .range(SINCE.minus(Duration.ofDays(7)), UNTIL).build();

        Report r = report(reporter, List.of(), List.of(), List.of());

        assertThat(r.windows()).extracting(w -> w.start().toLocalDate().toString())
                .containsExactly("2026-11-21", "2026-11-28");
        assertThat(r.windows()).allSatisfy(w -> assertThat(w.machines()).hasSize(1));
        assertThat(reporter.query().since()).isEqualTo(SINCE.minus(Duration.ofDays(7)).minusSeconds(15 * 60));
    }

    @Test
    void runsOutsideTheWindow_orOfAnotherDeployment_doNotCount() {
        Deployment d = deployment("pw-vm1-11111111", SAT_3, List.of(VM1), "openssl");
        InstallationRun early = um(VM1, "early", RunStatus.SUCCEEDED, SAT_3.toInstant().minusSeconds(16 * 60), false);
        InstallationRun late = um(VM1, "late", RunStatus.SUCCEEDED, SAT_3.toInstant().plusSeconds(2 * 3600 + 1), false);
        InstallationRun named = new InstallationRun(VM1 + "/patchInstallationResults/n", VM1, "pw-other",
                null, RunStatus.SUCCEEDED, SAT_3.toInstant(), null, PatchCounts.UNKNOWN, false, null, null, false);

        Report r = report(base(d).build(), List.of(early, late, named), List.of(), List.of());

        assertThat(r.windows().get(0).machines().get(0).reason()).isEqualTo(DidNotRun.NO_RESULT);
    }

    @Test
    void sameInputsInAnyOrder_giveTheSameReport() {
        Deployment d = deployment("pw-Q-SAT-0300-3f2a9c1d", SAT_3, List.of(VM1, VM2), "glibc", "openssl");
        Instant t = SAT_3.toInstant();
        List<InstallationRun> runs = new ArrayList<>(List.of(um(VM1, "a", RunStatus.SUCCEEDED, t, false),
                um(VM1, "c", RunStatus.SUCCEEDED, t, false), um(VM2, "b", RunStatus.FAILED, t, false)));
        List<PatchResult> rows = new ArrayList<>();
        for (InstallationRun run : runs) {
            rows.add(row(run, "glibc.x86_64", "1", InstallationState.INSTALLED));
            rows.add(row(run, "glibc.i686", "1", InstallationState.INSTALLED));
            rows.add(row(run, "openssl", "2", run.id().endsWith("b") ? InstallationState.FAILED
                    : InstallationState.INSTALLED));
        }
        Map<String, Object> first = report(base(d).build(), runs, rows, List.of()).toMap();
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(runs, new java.util.Random(i));
            Collections.shuffle(rows, new java.util.Random(i + 100));
            assertThat(report(base(d).build(), runs, rows, List.of()).toMap()).isEqualTo(first);
        }
    }

    @Test
    void environmentOf_readsWindowGroupNamesOnly() {
        assertThat(Reporter.environmentOf("pw-Q-WED-1200-3f2a9c1d", "pw-")).isEqualTo("Q");
        assertThat(Reporter.environmentOf("pw-PROD-EU-MON-0300-3f2a9c1d-2", "pw-")).isEqualTo("PROD-EU");
        assertThat(Reporter.environmentOf("pw-vm-00003-1a2b3c4d", "pw-")).isEmpty();
        assertThat(Reporter.environmentOf("x-Q-WED-1200-3f2a9c1d", "pw-")).isEmpty();
    }

    @Test
    void range_mustBeForward() {
        assertThatIllegalArgumentException().isThrownBy(() -> Reporter.builder().range(UNTIL, SINCE))
                .withMessageContaining("--until must be after --since");
    }

    @Test
    void emptyReport_isAllInstalled_andInstallationsAreFlat() {
        Deployment d = deployment("pw-Q-SAT-0300-3f2a9c1d", SAT_3, List.of(VM1), "openssl");
        InstallationRun ok = um(VM1, "a", RunStatus.SUCCEEDED, SAT_3.toInstant(), false);
        Report r = report(base(d).build(), List.of(ok),
                List.of(row(ok, "openssl", "1:1.0.2k-26", InstallationState.INSTALLED)), List.of());

        assertThat(r.allInstalled()).isTrue();
        assertThat(r.installations()).singleElement().satisfies(p -> {
            assertThat(p.environment()).isEqualTo("Q");
            assertThat(p.version()).isEqualTo("1:1.0.2k-26");
            assertThat(p.status()).isEqualTo(PackageStatus.INSTALLED);
            assertThat(p.at()).isEqualTo(ok.lastModified());
        });
        assertThat(report(Reporter.builder().range(SINCE, UNTIL).build(), List.of(), List.of(), List.of())
                .allInstalled()).isTrue();
    }

    @Test
    void statusNames_parseIgnoringCase_andUnknownIsEmpty() {
        assertThat(RunStatus.tryParse("completedWithWarnings")).contains(RunStatus.COMPLETED_WITH_WARNINGS);
        assertThat(RunStatus.tryParse("Running")).contains(RunStatus.IN_PROGRESS);
        assertThat(RunStatus.tryParse("Exploded")).isEmpty();
        assertThat(InstallationState.tryParse("notselected")).contains(InstallationState.NOT_SELECTED);
        assertThat(InstallationState.tryParse("")).isEmpty();
        assertThat(InstallationState.tryParse("Installed")).contains(InstallationState.INSTALLED);
        assertThat(InstallationState.tryParse(" Failed ")).contains(InstallationState.FAILED);
    }

}
