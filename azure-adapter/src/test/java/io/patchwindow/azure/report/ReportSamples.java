package io.patchwindow.azure.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.deployment.Reboot;
import io.patchwindow.core.report.InstallationRun;
import io.patchwindow.core.report.InstallationState;
import io.patchwindow.core.report.PatchCounts;
import io.patchwindow.core.report.PatchResult;
import io.patchwindow.core.report.Report;
import io.patchwindow.core.report.Reporter;
import io.patchwindow.core.report.RunStatus;

/** Reports for renderer tests, made by the core Reporter from results like Update Manager's. */
final class ReportSamples {
    static final String SUB = "0b1f6471-1bf0-4dda-aec3-cb9272f09590";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final Instant SINCE = Instant.parse("2026-11-23T00:00:00Z");
    static final Instant UNTIL = Instant.parse("2026-12-02T00:00:00Z");
    /** A text that breaks HTML, XML and terminals unless escaped. */
    static final String HOSTILE = "<script>alert('x')</script>&\"\u001b[31m\u0007";

    private ReportSamples() {
    }

    static String vm(String name) {
        return "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/" + name;
    }

    /** Two environments, three windows: succeeded, partly failed, window exceeded, not started, no result. */
    static Report mixed() {
        ZonedDateTime tue = ZonedDateTime.of(2026, 11, 24, 12, 0, 0, 0, PARIS);
        ZonedDateTime sat = ZonedDateTime.of(2026, 11, 28, 3, 0, 0, 0, PARIS);
        Deployment q = new Deployment("pw-Q-TUE-1200-3f2a9c1d", List.of(vm("web-1"), vm("web-2"), vm("web-3")), tue,
                PARIS, Duration.ofHours(2), Reboot.ALWAYS, List.of("glibc", "openssl"), Map.of());
        Deployment r = new Deployment("pw-R-SAT-0300-3f2a9c1d", List.of(vm("db-1"), vm("db-2")), sat, PARIS,
                Duration.ofHours(2), Reboot.IF_REQUIRED, List.of("bash", "openssl"), Map.of("openssl", "1:1.0.2k-26.el7_9"));
        Deployment p = new Deployment("pw-P-SAT-0300-3f2a9c1d", List.of(vm("app-1")), sat, PARIS,
                Duration.ofHours(2), Reboot.ALWAYS, List.of("kernel"), Map.of());
        List<InstallationRun> runs = new ArrayList<>();
        List<PatchResult> rows = new ArrayList<>();
        Instant t = tue.toInstant().plusSeconds(120);
        run(runs, rows, vm("web-1"), "a1", RunStatus.SUCCEEDED, t, false, null,
                "glibc.x86_64", InstallationState.INSTALLED, "openssl.x86_64", InstallationState.INSTALLED);
        run(runs, rows, vm("web-2"), "a2", RunStatus.FAILED, t, false, "InstallFailed: " + HOSTILE,
                "glibc.x86_64", InstallationState.INSTALLED, "openssl.x86_64", InstallationState.FAILED);
        run(runs, rows, vm("web-3"), "a3", RunStatus.NOT_STARTED, t, false, "VM is not running", null, null, null, null);
        Instant s = sat.toInstant().plusSeconds(60);
        run(runs, rows, vm("db-1"), "b1", RunStatus.COMPLETED_WITH_WARNINGS, s, true, null,
                "bash.x86_64", InstallationState.INSTALLED, "openssl.x86_64", InstallationState.PENDING);
        run(runs, rows, vm("db-2"), "b2", RunStatus.SUCCEEDED, s, false, null,
                "bash.x86_64", InstallationState.INSTALLED, "openssl.x86_64", InstallationState.INSTALLED);
        Reporter reporter = Reporter.builder().planned(List.of(q, r, p)).range(SINCE, UNTIL).generatedAt(UNTIL)
                .reasons("pw-R-SAT-0300-3f2a9c1d", Map.of("openssl", List.of("RHSA-2026:0001", "CVE-2026-0001")))
                .build();
        Reporter.Join join = reporter.start();
        runs.forEach(join::run);
        rows.forEach(join::patch);
        return join.finish();
    }

    private static void run(List<InstallationRun> runs, List<PatchResult> rows, String machine, String guid,
                            RunStatus status, Instant start, boolean exceeded, String error, String n1,
                            InstallationState s1, String n2, InstallationState s2) {
        InstallationRun run = new InstallationRun(machine + "/patchInstallationResults/" + guid, machine, null, null,
                status, start, start.plusSeconds(900), new PatchCounts(1, 0, 0, 0, 0), exceeded, "Completed", error, true);
        runs.add(run);
        if (n1 != null) {
            rows.add(new PatchResult(run.id(), machine, n1, "1.0-1.el7", s1, List.of("Other")));
            rows.add(new PatchResult(run.id(), machine, n2, "1:1.0.2k-26.el7_9", s2, List.of("Other")));
        }
    }
}
