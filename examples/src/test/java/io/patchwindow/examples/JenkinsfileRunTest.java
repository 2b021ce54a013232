package io.patchwindow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Runs {@code examples/jenkins/Jenkinsfile} with JenkinsPipelineUnit in its CPS mode: the exit codes of
 * {@code patchwindow apply} decide the build result (0 SUCCESS, 1 UNSTABLE, 2 and 3 FAILURE), the plan is
 * archived in every case, and {@code APPLY=false} plans only; with {@code PROMOTE_TO=P} the Promote stage plans and
 * applies P from the source rings after the Q/R stages, with its own plan archived and the same exit code rules.
 */
class JenkinsfileRunTest {
    static final String APPLY = "$PATCHWINDOW apply";
    static final String PLAN = "$PATCHWINDOW plan";
    static final String PROMOTE = "--environments \"$PROMOTE_TO\" --promote-from \"$PROMOTE_FROM\" --soak \"$SOAK\"";

    static PipelineHarness run(boolean apply, int planCode, int applyCode) {
        PipelineHarness h = new PipelineHarness();
        h.start(List.of(Repo.examples().resolve("jenkins").toString()), Map.of("ENVIRONMENTS", "Q,R", "BACKEND",
                "automation", "AUTOMATION_ACCOUNT", "", "SCHEDULE_RESOURCE_GROUP", "", "APPLY", apply));
        h.exit(PLAN, planCode).exit(APPLY, applyCode);
        h.runScript("Jenkinsfile");
        return h;
    }

    /** A build with {@code PROMOTE_TO=P}: the exit codes of the Q/R apply and of the promotion's apply. */
    static PipelineHarness promote(String environments, boolean apply, int applyCode, int promoteCode) {
        PipelineHarness h = new PipelineHarness();
        h.start(List.of(Repo.examples().resolve("jenkins").toString()), Map.of("ENVIRONMENTS", environments,
                "BACKEND", "update-manager", "AUTOMATION_ACCOUNT", "", "SCHEDULE_RESOURCE_GROUP", "/subscriptions/s/resourceGroups/rg",
                "APPLY", apply, "PROMOTE_TO", "P", "PROMOTE_FROM", "Q,R", "SOAK", "P3D"));
        h.exit("> promote.json", promoteCode).exit(APPLY, applyCode); // first match wins
        h.runScript("Jenkinsfile");
        return h;
    }

    static List<String> commands(PipelineHarness h) {
        return h.scripts().stream().map(s -> s.script().strip().split("\\s+")).map(w -> w[0].equals("mvn") ? "build"
                : w[1]).toList();
    }

    @Test
    void success_buildsPlansArchivesAndApplies() {
        PipelineHarness h = run(true, 0, 0);
        assertThat(h.result()).isEqualTo("SUCCESS");
        assertThat(commands(h)).containsExactly("build", "plan", "apply");
        assertThat(h.scripts().get(1).script()).contains("--credential environment")
                .contains("--environments \"$ENVIRONMENTS\" --output json > plan.json");
        assertThat(h.credentialIds()).containsExactly("patchwindow-sp", "patchwindow-sp");
        assertThat(h.archived()).containsExactly("plan.json", "apply.json");
        assertThat(h.stages()).containsExactly(Map.entry("Build", "RUN"), Map.entry("Plan", "RUN"),
                Map.entry("Apply", "RUN"), Map.entry("Promote", "SKIPPED"));
    }

    @Test
    void applyExit1_isUnstable_andTheBuildGoesOn() {
        PipelineHarness h = run(true, 0, 1);
        assertThat(h.result()).isEqualTo("UNSTABLE");
        assertThat(h.messages()).anyMatch(m -> m.startsWith("unstable: patchwindow apply: some actions failed"));
        assertThat(h.archived()).containsExactly("plan.json", "apply.json");
    }

    @Test
    void applyExit3_isFailure_namingTheCode_andApplyJsonIsStillArchived() {
        PipelineHarness h = run(true, 0, 3);
        assertThat(h.result()).isEqualTo("FAILURE");
        assertThat(h.messages()).anyMatch(m -> m.startsWith("error: patchwindow apply failed with exit code 3"));
        assertThat(h.archived()).containsExactly("plan.json", "apply.json");
    }

    @Test
    void applyExit2_isFailure() {
        assertThat(run(true, 0, 2).result()).isEqualTo("FAILURE");
    }

    @Test
    void planOnly_neverApplies() {
        PipelineHarness h = run(false, 0, 0);
        assertThat(h.result()).isEqualTo("SUCCESS");
        assertThat(commands(h)).containsExactly("build", "plan");
        assertThat(h.stages()).containsEntry("Apply", "SKIPPED");
        assertThat(h.archived()).containsExactly("plan.json");
    }

    @Test
    void planFailing_failsTheBuild_beforeApply_butArchivesWhatThereIs() {
        PipelineHarness h = run(true, 3, 0);
        assertThat(h.result()).isEqualTo("FAILURE");
        assertThat(commands(h)).containsExactly("build", "plan");
        assertThat(h.archived()).containsExactly("plan.json");
        assertThat(h.stages()).doesNotContainKey("Apply");
    }

    @Test
    void promoteTo_plansAndAppliesTheTargetFromTheSourceRings_afterTheQrStages() {
        PipelineHarness h = promote("Q,R", true, 0, 0);
        assertThat(h.result()).isEqualTo("SUCCESS");
        assertThat(commands(h)).containsExactly("build", "plan", "apply", "plan", "apply");
        assertThat(h.scripts().get(2).script()).contains("--environments \"$ENVIRONMENTS\"").doesNotContain("--promote-from");
        assertThat(h.scripts().get(3).script()).contains(PROMOTE, "--backend \"$BACKEND\"", "> promote-plan.json");
        assertThat(h.scripts().get(4).script()).contains(PROMOTE, "--credential environment", "> promote.json");
        assertThat(h.credentialIds()).containsExactly("patchwindow-sp", "patchwindow-sp", "patchwindow-sp");
        assertThat(h.archived()).containsExactly("plan.json", "apply.json", "promote-plan.json, promote.json");
        assertThat(h.stages()).containsEntry("Apply", "RUN").containsEntry("Promote", "RUN");
    }

    @Test
    void promoteOnly_withoutEnvironments_skipsTheQrStages() {
        PipelineHarness h = promote("", true, 0, 0);
        assertThat(h.result()).isEqualTo("SUCCESS");
        assertThat(commands(h)).containsExactly("build", "plan", "apply");
        assertThat(h.scripts().get(1).script()).contains(PROMOTE);
        assertThat(h.stages()).containsEntry("Plan", "SKIPPED").containsEntry("Apply", "SKIPPED")
                .containsEntry("Promote", "RUN");
        assertThat(h.archived()).containsExactly("promote-plan.json, promote.json");
    }

    @Test
    void promotionExit1_isUnstable_qrApplyExit1_stillPromotes_exit3_isFailure() {
        PipelineHarness partly = promote("Q,R", true, 0, 1);
        assertThat(partly.result()).isEqualTo("UNSTABLE");
        assertThat(partly.messages()).singleElement().asString()
                .startsWith("unstable: patchwindow apply (promotion): some actions failed");

        PipelineHarness qr = promote("Q,R", true, 1, 0);
        assertThat(qr.result()).isEqualTo("UNSTABLE");
        assertThat(qr.stages()).containsEntry("Promote", "RUN");
        assertThat(commands(qr)).hasSize(5);

        PipelineHarness down = promote("Q,R", true, 0, 3);
        assertThat(down.result()).isEqualTo("FAILURE");
        assertThat(down.messages()).anyMatch(m -> m.startsWith("error: patchwindow apply (promotion) failed with exit code 3"));
        assertThat(down.archived()).contains("promote-plan.json, promote.json");
    }

    @Test
    void planOnly_neverPromotes() {
        PipelineHarness h = promote("Q,R", false, 0, 0);
        assertThat(commands(h)).containsExactly("build", "plan");
        assertThat(h.stages()).containsEntry("Apply", "SKIPPED").containsEntry("Promote", "SKIPPED");
    }
}
