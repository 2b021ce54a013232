package io.patchwindow.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.NotSerializableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.patchwindow.azure.embed.Patchwindow;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.deployment.DeploymentAction;
import io.patchwindow.core.plan.Plan;
import org.junit.jupiter.api.Test;

/**
 * The library's objects held and iterated across pipeline steps, under JenkinsPipelineUnit's CPS mode (every
 * local variable serialized at each step): the loop forms that docs/embedding.md shows.
 */
class CpsSafetyTest {

    static PipelineHarness run(boolean copy) {
        PipelineHarness h = new PipelineHarness();
        h.start(List.of(Repo.examples().resolve("src/test/resources/jenkins").toString()),
                Map.of("SNAPSHOT", Repo.demoSnapshot().toString(), "ADVISORIES", Repo.demoAdvisories().toString(),
                        "ENVIRONMENTS", "R", "COPY", copy));
        h.runScript("cps-loops.groovy");
        return h;
    }

    // Reported: `def job = Patchwindow.job()...` held across a step failed with NotSerializableException:
    // PatchwindowJob, and iterating plan.deployments() across a step failed on ImmutableCollections$ListItr.
    @Test
    void jobHeldAcrossAStep_andForInAndIndexLoopsOverResults_run() {
        PipelineHarness h = run(false);

        Plan plan = Patchwindow.planSnapshot(Repo.demoSnapshot().toString(), Repo.demoAdvisories().toString(), "R",
                Repo.NOW);
        assertThat(plan.deployments()).isNotEmpty();
        assertThat(h.messages()).containsExactly("echo: planned " + plan.planned() + " of 77");
        List<String> echoed = h.scripts().stream().map(PipelineHarness.Sh::script).toList();
        List<String> expected = new ArrayList<>();
        expected.add("echo a step between building the job and running it");
        for (Deployment d : plan.deployments()) {
            expected.add("echo " + d.name() + " " + String.join(",", d.packages()));
        }
        for (DeploymentAction a : plan.actions()) {
            expected.add("echo " + a.kind() + " " + a.name());
        }
        assertThat(echoed).containsExactlyElementsOf(expected);
    }

    @Test
    void theHarnessReallySerializes_aPlainArrayListLoopFails() {
        assertThatThrownBy(() -> run(true)).hasRootCauseInstanceOf(NotSerializableException.class)
                .rootCause().hasMessage("java.util.ArrayList$Itr");
    }
}
