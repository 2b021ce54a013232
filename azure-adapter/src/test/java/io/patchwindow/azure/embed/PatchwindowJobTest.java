package io.patchwindow.azure.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.azure.core.credential.AccessToken;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import io.patchwindow.azure.cli.PatchwindowCli;
import io.patchwindow.azure.json.PlanJson;
import io.patchwindow.azure.snapshot.SnapshotDeployments;
import io.patchwindow.azure.snapshot.SnapshotException;
import io.patchwindow.core.deployment.ActionKind;
import io.patchwindow.core.deployment.ApplyReport;
import io.patchwindow.core.plan.Plan;
import io.patchwindow.core.plan.Policy;
import io.patchwindow.core.tag.TagGrammar;
import io.patchwindow.core.testing.InMemoryDeploymentTarget;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class PatchwindowJobTest {
    private static final String NOW = "2026-11-25T10:17:00Z";
    private static final String DEMO = Path.of(System.getProperty("patchwindow.examples", "../examples"),
            "fleet", "demo-snapshot.json").toString();
    private static final String ADVISORIES = Path.of(System.getProperty("patchwindow.examples", "../examples"),
            "advisories", "rhel-7.oval.xml").toString();

    static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PatchwindowCli.newCommandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        assertThat(code).as("exit code, stderr: %s", err).isZero();
        return out.toString();
    }

    @Test
    void planSnapshot_isTheCliPlanJson() {
        Plan plan = Patchwindow.planSnapshot(DEMO, ADVISORIES, "Q,R", NOW);

        assertThat(PlanJson.toJson(plan)).isEqualTo(cli("plan", "--snapshot", DEMO, "--advisories", ADVISORIES,
                "--environments", "Q,R", "--now", NOW, "--output", "json"));
        assertThat(plan.planned()).isPositive();
        assertThat(plan.count(ActionKind.CREATE)).isPositive();
        // Without advisories, Update Manager's assessment (every CentOS update Other) plans nothing.
        assertThat(Patchwindow.planSnapshot(DEMO, "Q,R", NOW).planned()).isZero();
    }

    @Test
    void advisorySettings_andTheLegacySection_areTheCliOptions() {
        String json = Patchwindow.job().snapshot(DEMO).advisories(ADVISORIES).environments("Q,R").now(NOW)
                .securitySource("advisories").minSeverity("Important").maxAdvisoryAge("P30D").advisoryPlatforms("el7")
                .exclude("kernel*,glibc*").planJson();
        assertThat(json).isEqualTo(cli("plan", "--snapshot", DEMO, "--advisories", ADVISORIES, "--environments", "Q,R",
                "--now", NOW, "--security-source", "advisories", "--min-severity", "Important", "--max-advisory-age",
                "P30D", "--advisory-platform", "el7", "--exclude", "kernel*,glibc*", "--output", "json"));
        Plan excluded = Patchwindow.job().snapshot(DEMO).advisories(ADVISORIES).environments("Q,R").now(NOW)
                .exclude("kernel*,glibc*").plan();
        assertThat(excluded.deployments()).isNotEmpty().allSatisfy(d -> assertThat(d.packages())
                .noneMatch(p -> p.startsWith("kernel") || p.startsWith("glibc")));
        assertThat(excluded.deployments()).anySatisfy(d -> assertThat(d.excluded()).isNotEmpty());

        String legacy = Patchwindow.job().snapshot(DEMO).assessment("log-analytics").environments("Q,R").now(NOW)
                .planJson();
        assertThat(legacy).isEqualTo(cli("plan", "--snapshot", DEMO, "--assessment", "log-analytics",
                "--environments", "Q,R", "--now", NOW, "--output", "json"));
        assertThat(Patchwindow.job().snapshot(DEMO).assessment("log-analytics").environments("Q,R").now(NOW).plan()
                .planned()).isPositive();
    }

    @Test
    void advisorySetters_refuseBadValues_namingTheMethod() {
        assertThatThrownBy(() -> Patchwindow.job().advisories("no-such-dir"))
                .hasMessageStartingWith("Invalid PatchwindowJob.advisories('no-such-dir'): no such file or directory");
        assertThatThrownBy(() -> Patchwindow.job().securitySource("cloud"))
                .hasMessageStartingWith("Invalid PatchwindowJob.securitySource('cloud'): expected azure or advisories or both");
        assertThatThrownBy(() -> Patchwindow.job().minSeverity("urgent"))
                .hasMessageStartingWith("Invalid PatchwindowJob.minSeverity('urgent')")
                .hasMessageContaining("[None, Low, Moderate, Important, Critical]");
        assertThatThrownBy(() -> Patchwindow.job().exclude("kernel[")).hasMessageStartingWith("Invalid PatchwindowJob.exclude('kernel[')");
        assertThatThrownBy(() -> Patchwindow.job().advisoryPlatforms("EL 7"))
                .hasMessageStartingWith("Invalid PatchwindowJob.advisoryPlatforms('EL 7')");
    }

    @Test
    void planJson_withPolicyTexts_isByteIdenticalToTheCliWithTheSameOptions() {
        String json = Patchwindow.job().snapshot(DEMO).environments("R, Q").now(NOW)
                .timeZone("America/New_York").duration("PT3H").reboot("IfRequired").leadTime("PT1H")
                .maxAssessmentAge("PT12H").grouping("per-window").namePrefix("pwx-").os("centos,almalinux")
                .classifications("Critical,Security,Other").hours("03:00,12:00,22:00").tolerant(true)
                .planJson();

        assertThat(json).isEqualTo(cli("plan", "--snapshot", DEMO, "--environments", "R, Q", "--now", NOW,
                "--time-zone", "America/New_York", "--duration", "PT3H", "--reboot", "IfRequired", "--lead-time", "PT1H",
                "--max-assessment-age", "PT12H", "--grouping", "per-window", "--name-prefix", "pwx-",
                "--os", "centos,almalinux", "--classifications", "Critical,Security,Other",
                "--hours", "03:00,12:00,22:00", "--tolerant", "--output", "json"));
    }

    @Test
    void clock_andNow_giveTheSamePlan() {
        Plan a = Patchwindow.job().snapshot(DEMO).environmentList(List.of("Q", "R")).now(NOW).plan();
        Plan b = Patchwindow.job().snapshot(DEMO).environments("Q,R")
                .clock(Clock.fixed(Instant.parse(NOW), ZoneOffset.UTC)).plan();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void results_areSerializable_andTheirMapsAreOrderedPlainValues() throws Exception {
        InMemoryDeploymentTarget target = new InMemoryDeploymentTarget();
        PatchwindowJob job = Patchwindow.job().snapshot(DEMO).advisories(ADVISORIES).environments("Q,R").now(NOW)
                .deploymentTarget(target);
        Plan plan = job.plan();
        target.failOn(plan.actions().get(0).name(), "AuthorizationFailed", "no write permission");
        ApplyReport report = job.applyPlan(plan);

        for (Object result : List.of(plan, plan.toMap(), report, report.toMap(), plan.skipped().get(0).toMap(),
                plan.actions().get(0).toMap(), plan.deployments().get(0).toMap(), report.results().get(0).toMap())) {
            assertThat(roundTrip(result)).isEqualTo(result);
        }
        assertPlain(plan.toMap());
        assertPlain(report.toMap());
        assertThat(plan.toMap().keySet()).containsExactly("schema", "generatedAt", "policy", "deployments", "skipped",
                "summary");
        assertThat(report.toMap().keySet()).containsExactly("results", "summary");
        assertThat(report.failedCount()).isEqualTo(1);
    }

    @Test
    void apply_writesThePlan_andASecondRunKeepsEverything() {
        InMemoryDeploymentTarget target = new InMemoryDeploymentTarget();
        PatchwindowJob job = Patchwindow.job().snapshot(DEMO).advisories(ADVISORIES).environments("Q,R").now(NOW)
                .deploymentTarget(target).concurrency(2);

        ApplyReport first = job.apply();
        ApplyReport second = job.apply();

        assertThat(first.anyFailed()).isFalse();
        assertThat(first.writeCount()).isPositive();
        assertThat(second.writeCount()).isZero();
        assertThat(second.results()).allSatisfy(r -> assertThat(r.action().kind()).isEqualTo(ActionKind.KEEP));
    }

    // Reported: snapshot(..).apply() ran and failed 40 of 42 actions with SnapshotReadOnly, while applyPlan(plan)
    // threw and the CLI refused up front; expected: one behaviour, refused before anything is read.
    @Test
    void apply_toASnapshot_isRefusedBeforeAnythingIsRead() {
        assertThatThrownBy(() -> Patchwindow.job().snapshot("no-such-file.json").environments("Q,R").now(NOW).apply())
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("apply needs a deployment target: snapshot('no-such-file.json') is read-only; give "
                        + "deploymentTarget(...) to write to a target of your own, or plan() to preview");
        Plan plan = Patchwindow.planSnapshot(DEMO, "Q,R", NOW);
        assertThatThrownBy(() -> Patchwindow.job().snapshot(DEMO).applyPlan(plan))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("applyPlan needs a deployment target");
        assertThat(SnapshotDeployments.READ_ONLY).isEqualTo("SnapshotReadOnly");
    }

    @Test
    void apply_refusesWithoutEnvironments() {
        assertThatThrownBy(() -> Patchwindow.job().snapshot(DEMO).now(NOW)
                .deploymentTarget(new InMemoryDeploymentTarget()).apply())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apply needs environments");
    }

    @Test
    void customGrammar_andPolicy() {
        TagGrammar grammar = TagGrammar.builder().environments("P", "Q", "R", "D").build();
        Plan withGrammar = Patchwindow.job().snapshot(DEMO).grammar(grammar).environments("D,Q").now(NOW).plan();
        assertThat(withGrammar.policy().environments()).containsExactly("Q", "D");

        Policy policy = Policy.builder().environments("R").build();
        Plan withPolicy = Patchwindow.job().snapshot(DEMO).policy(policy).now(NOW).plan();
        assertThat(withPolicy.policy()).isSameAs(policy);
    }

    @Test
    void badInput_isAnIllegalArgumentNamingTheInput() {
        assertThatThrownBy(() -> Patchwindow.job().snapshot(DEMO).now(NOW).duration("2h").plan())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'2h'").hasMessageContaining("PT2H");
        assertThatThrownBy(() -> Patchwindow.job().now("yesterday"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'yesterday'");
        assertThatThrownBy(() -> Patchwindow.planSnapshot(DEMO, "X", NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'X'").hasMessageContaining("[P, Q, R]");
        assertThatThrownBy(() -> Patchwindow.planSnapshot(DEMO, " , ", NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> Patchwindow.job().now(NOW).plan())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No source");
        assertThatThrownBy(() -> Patchwindow.job().concurrency(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 1 to 64");
        assertThatThrownBy(() -> Patchwindow.job().snapshot(DEMO).policy(Policy.defaults()).duration("PT3H").plan())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[duration]");
        assertThatThrownBy(() -> Patchwindow.planSnapshot("no-such-file.json", "Q", NOW))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("no-such-file.json");
    }

    @Test
    void azureOptions_areCheckedBeforeAnyCall() {
        // A lambda credential that fails the test if a token is ever requested: nothing may reach the network.
        PatchwindowJob job = Patchwindow.job().azure(request -> Mono.<AccessToken>error(new AssertionError("no call")),
                new AzureProfile("00000000-0000-0000-0000-000000000000", "0b1f6471-1bf0-4dda-aec3-cb9272f09590",
                        AzureEnvironment.AZURE)).now(NOW);

        assertThatThrownBy(() -> job.snapshot(DEMO)).hasMessageContaining("give one source");
        PatchwindowJob azure = Patchwindow.job().azure(request -> Mono.<AccessToken>error(new AssertionError("no call")),
                new AzureProfile(AzureEnvironment.AZURE)).now(NOW);
        assertThatThrownBy(() -> azure.assessment("log-analytics").plan())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--workspace-id");
        assertThatThrownBy(() -> azure.assessment("kusto"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'kusto'");
        assertThatThrownBy(() -> azure.assessment("resource-graph").inventory("cmdb"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'cmdb'");
        assertThatThrownBy(() -> azure.inventory("arm").subscriptions("not-a-guid"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'not-a-guid'");
        // an empty list (an unset pipeline variable) never widens the run to every subscription
        assertThatThrownBy(() -> Patchwindow.job().azure(request -> Mono.<AccessToken>error(new AssertionError("no call")),
                new AzureProfile(AzureEnvironment.AZURE)).now(NOW).subscriptions(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Invalid PatchwindowJob.subscriptions(' '): ")
                .hasMessageContaining("at least one GUID");
        assertThatThrownBy(() -> azure.environments("Q").apply())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--automation-account");
    }

    /** Jenkins CPS and Groovy 2.4: no checked exceptions, no varargs, no same-arity overloads. */
    @Test
    void api_isPipelineFriendly() {
        for (Class<?> type : List.of(Patchwindow.class, PatchwindowJob.class)) {
            Map<String, Integer> arities = new HashMap<>();
            for (Method m : type.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers())) {
                    continue;
                }
                assertThat(m.getExceptionTypes()).as("%s throws", m).allSatisfy(
                        e -> assertThat(RuntimeException.class.isAssignableFrom(e)).isTrue());
                assertThat(m.isVarArgs()).as("%s varargs", m).isFalse();
                String key = m.getName() + "/" + m.getParameterCount();
                assertThat(arities.merge(key, 1, Integer::sum)).as("overloads of %s", key).isEqualTo(1);
            }
        }
    }

    private static Object roundTrip(Object o) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    /** Only ordered maps with string keys, lists, strings, numbers, booleans and nulls. */
    private static void assertPlain(Object value) {
        if (value instanceof Map) {
            assertThat(value).isInstanceOf(LinkedHashMap.class);
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                assertThat(e.getKey()).isInstanceOf(String.class);
                assertPlain(e.getValue());
            }
        } else if (value instanceof List) {
            for (Object v : new ArrayList<>((List<?>) value)) {
                assertPlain(v);
            }
        } else if (value != null) {
            assertThat(value).isInstanceOfAny(String.class, Integer.class, Long.class, Boolean.class);
        }
    }
}
