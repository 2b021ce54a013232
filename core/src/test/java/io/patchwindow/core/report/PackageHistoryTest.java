package io.patchwindow.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Package rows as promotion reads them: installed or failed, of runs in the range, names without arch, run time. */
class PackageHistoryTest {
    private static final String Q1 = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/q1";
    private static final Instant SINCE = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-25T10:17:00Z");

    private static InstallationRun run(String guid, Instant start, Instant end) {
        return new InstallationRun(Q1 + "/patchInstallationResults/" + guid, Q1, null, null, RunStatus.SUCCEEDED, start,
                end, PatchCounts.UNKNOWN, false, null, null, true);
    }

    private static PatchResult patch(String guid, String name, String version, InstallationState state) {
        return new PatchResult(Q1 + "/patchInstallationResults/" + guid, Q1, name, version, state, List.of("Other"));
    }

    @Test
    void installations_keepInstalledAndFailedRowsOfRunsInTheRange() {
        PackageHistory h = PackageHistory.of(SINCE, NOW);
        // rows arrive before their runs
        h.patch(patch("g1", "openssl.x86_64", "1:1.0.2k-26.el7_9", InstallationState.INSTALLED));
        h.patch(patch("g1", "bash.x86_64", "4.2.46-35.el7_9", InstallationState.FAILED));
        h.patch(patch("g1", "tzdata.noarch", "2026a-1.el7", InstallationState.NOT_SELECTED));
        h.patch(patch("g2", "sudo.x86_64", "1.9.5-3.el7", InstallationState.INSTALLED));
        h.patch(patch("g3", "glibc.x86_64", "2.17-326.el7_9", InstallationState.INSTALLED));
        h.run(run("G1", Instant.parse("2026-11-23T02:02:00Z"), Instant.parse("2026-11-23T02:27:00Z")));
        h.run(run("g2", Instant.parse("2026-10-23T02:02:00Z"), null)); // before the range
        h.run(run("g3", Instant.parse("2026-11-24T11:00:00Z"), null));

        assertThat(h.installations(id -> id.equals(Q1) ? "Q" : ""))
                .extracting(InstalledPackage::name, InstalledPackage::version, InstalledPackage::status,
                        InstalledPackage::at, InstalledPackage::environment)
                .containsExactly(
                        tuple("bash", "4.2.46-35.el7_9", PackageStatus.FAILED, Instant.parse("2026-11-23T02:27:00Z"), "Q"),
                        tuple("openssl", "1:1.0.2k-26.el7_9", PackageStatus.INSTALLED, Instant.parse("2026-11-23T02:27:00Z"), "Q"),
                        tuple("glibc", "2.17-326.el7_9", PackageStatus.INSTALLED, Instant.parse("2026-11-24T11:00:00Z"), "Q"));
    }
}
