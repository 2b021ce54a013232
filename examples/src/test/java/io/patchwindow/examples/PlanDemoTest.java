package io.patchwindow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import io.patchwindow.core.deployment.ApplyReport;
import io.patchwindow.core.plan.Plan;
import io.patchwindow.core.plan.SkipReason;
import org.junit.jupiter.api.Test;

class PlanDemoTest {

    @Test
    void main_printsTheDemoSummary() {
        String out = runMain(Repo.demoSnapshot().toString(), Repo.demoAdvisories().toString());

        assertThat(out).isEqualTo(""
                + "32 of 77 machines planned, 45 skipped\n"
                + "actions: CREATE 30 UPDATE 1 KEEP 2 DELETE 1\n"
                + "next window: 2026-11-25T12:00:00+01:00 pw-Q-vm-00016-dc8cc2cf31604fc8 [glibc-common, openssl, openssl-libs]\n"
                + "skipped: {NO_PATCH_TAG=3, INVALID_PATCH_TAG=7, OTHER_ENVIRONMENT=6, OS_NOT_SELECTED=8, OS_UNKNOWN=2, "
                + "NO_ASSESSMENT=3, STALE_ASSESSMENT=3, NO_SECURITY_UPDATES=12, DUPLICATE_MACHINE=1}\n");
    }

    @Test
    void summary_agreesWithTheCliPlan() {
        Repo.CliRun cli = Repo.cli("plan", "--snapshot", Repo.demoSnapshot().toString(), "--advisories",
                Repo.demoAdvisories().toString(), "--now", Repo.NOW, "--environments", Repo.ENVIRONMENTS);
        assertThat(cli.code()).isZero();
        assertThat(cli.out()).contains("Summary: 77 machines, 32 planned, 45 skipped; actions: 30 CREATE, 1 UPDATE, 2 KEEP, 1 DELETE");
    }

    @Test
    void applyDemo_writesEveryChange_toTheRecordingTarget() {
        ApplyDemo.RecordingTarget target = new ApplyDemo.RecordingTarget();
        ApplyReport report = ApplyDemo.apply(Repo.demoSnapshot().toString(), Repo.demoAdvisories().toString(), target);

        assertThat(report.anyFailed()).isFalse();
        assertThat(report.writeCount()).isEqualTo(target.writes().size()).isEqualTo(32);
        assertThat(target.writes()).allSatisfy(w -> assertThat(w).startsWith("CREATE pw-"));
    }

    @Test
    void customGrammarDemo_toleratesAndAddsEnvironments() {
        Plan tolerant = CustomGrammarDemo.tolerant(Repo.demoSnapshot().toString());
        assertThat(tolerant.warnings()).anyMatch(w -> w.contains("tolerated"));
        assertThat(tolerant.skipped()).filteredOn(s -> s.reason() == SkipReason.INVALID_PATCH_TAG).hasSizeLessThan(7);

        Plan withD = CustomGrammarDemo.withDevelopment(Repo.demoSnapshot().toString());
        assertThat(withD.policy().environments()).containsExactly("Q", "D");
    }

    private static String runMain(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            PlanDemo.main(args);
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
