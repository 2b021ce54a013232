package io.patchwindow.azure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.patchwindow.azure.testing.EmulatorFixture;
import io.patchwindow.azure.testing.CliRun;
import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.Fault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line against the local Azure emulator (2,500 machines over 5 subscriptions): Resource Graph,
 * ARM and the snapshot written by {@code export-snapshot} give the same plan; platform failures exit 3 with
 * the ARM error code; bad options exit 2 before any request.
 */
class AzureCliEndToEndTest {
    static final String NOW = "2026-11-25T10:17:00Z";
    static final String WORKSPACE = EmulatorFixture.WORKSPACE;
    static AzureEmulator azure;
    static String subscriptions;
    static String account;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        EmulatorFixture setup = EmulatorFixture.generate(2500, 5, 2026, Instant.parse(NOW));
        account = setup.account();
        azure = setup.start().armPageSize(200);
        subscriptions = setup.subscriptions();
    }

    @AfterAll
    static void stop() {
        azure.close();
    }

    @BeforeEach
    void reset() {
        azure.resetCounters();
    }

    static CliRun run(String... args) {
        return CliRun.run(EmulatorFixture.connector(azure, "cli-e2e-token", 3, Duration.ofMillis(10)), args);
    }

    static String[] planArgs(String... extra) {
        List<String> a = new ArrayList<>(List.of("plan", "--now", NOW, "--environments", "Q,R", "--output", "json"));
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    @Test
    void plan_resourceGraphArmAndExportedSnapshot_giveTheSamePlan() throws Exception {
        CliRun graph = run(planArgs("--subscription", subscriptions, "--workspace-id", WORKSPACE));
        assertThat(graph.code()).as(graph.err()).isZero();
        assertThat(graph.out()).contains("\"schema\": \"patchwindow.plan/v1\"").contains("\"action\": \"CREATE\"");
        assertThat(azure.requestCount("/providers/Microsoft.ResourceGraph/resources")).isEqualTo(3);

        CliRun arm = run(planArgs("--subscription", subscriptions, "--workspace-id", WORKSPACE, "--inventory", "arm"));
        assertThat(arm.code()).as(arm.err()).isZero();
        assertThat(arm.out()).isEqualTo(graph.out());

        Path file = dir.resolve("fleet.json");
        CliRun export = run("export-snapshot", "--output", file.toString(), "--now", NOW, "--subscription", subscriptions,
                "--workspace-id", WORKSPACE);
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.out()).isEmpty();
        assertThat(export.err()).contains("snapshot written to");

        CliRun offline = run(planArgs("--snapshot", file.toString()));
        assertThat(offline.code()).as(offline.err()).isZero();
        assertThat(offline.out()).isEqualTo(graph.out());
        assertThat(Files.list(dir)).as("no temporary file is left").containsExactly(file);
    }

    @Test
    void plan_automationAccount_readsItsLinkedWorkspace() {
        CliRun byWorkspace = run(planArgs("--subscription", subscriptions, "--workspace-id", WORKSPACE));
        CliRun byAccount = run(planArgs("--subscription", subscriptions, "--automation-account", account));
        assertThat(byAccount.code()).as(byAccount.err()).isZero();
        assertThat(byAccount.out()).isEqualTo(byWorkspace.out());
        assertThat(azure.requestCount("linkedWorkspace")).isEqualTo(1);
    }

    @Test
    void plan_resourceGraphAssessment_equalsItsExportedSnapshot() throws Exception {
        CliRun live = run(planArgs("--subscription", subscriptions, "--assessment", "resource-graph"));
        assertThat(live.code()).as(live.err()).isZero();
        Path file = dir.resolve("rg.json");
        CliRun export = run("export-snapshot", "--output", file.toString(), "--now", NOW, "--subscription", subscriptions,
                "--assessment", "resource-graph");
        assertThat(export.code()).as(export.err()).isZero();
        CliRun offline = run(planArgs("--snapshot", file.toString()));
        assertThat(offline.out()).isEqualTo(live.out());
        assertThat(Files.readString(file)).contains("\"patchAssessments\"");
    }

    @Test
    void plan_persistentPlatformFailure_exits3WithTheArmErrorCode() {
        azure.inject("/providers/Microsoft.ResourceGraph/resources", Fault.status(500, "InternalServerError"),
                100);
        try {
            CliRun r = run(planArgs("--subscription", subscriptions, "--workspace-id", WORKSPACE));
            assertThat(r.code()).isEqualTo(3);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().lines()).hasSize(1);
            assertThat(r.err()).startsWith("patchwindow: ").contains("InternalServerError");
        } finally {
            azure.clearFaults();
        }
    }

    @Test
    void plan_injectedThrottlingIsRetried_andThePlanIsComplete() {
        CliRun clean = run(planArgs("--subscription", subscriptions, "--workspace-id", WORKSPACE));
        azure.inject("/providers/Microsoft.ResourceGraph/resources", Fault.throttle(Duration.ofMillis(10)), 2);
        azure.inject("/v1/workspaces/", Fault.status(500, "InternalServerError"), 1);
        try {
            CliRun r = run(planArgs("--subscription", subscriptions, "--workspace-id", WORKSPACE));
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo(clean.out());
        } finally {
            azure.clearFaults();
        }
    }

    @Test
    void badAzureOptions_exit2BeforeAnyRequest() {
        for (String[] args : List.of(
                planArgs("--subscription", "not-a-guid"),
                planArgs("--subscription", ""),
                planArgs("--subscription", " , "),
                planArgs("--workspace-id", "x' | union secrets"),
                planArgs("--automation-account", "/subscriptions/../x"),
                planArgs("--cloud", "Mars"),
                planArgs("--arm-endpoint", "http://127.0.0.1:1/"),
                planArgs("--credential", "password"),
                planArgs("--assessment", "log-analytics"),
                planArgs("--backend", "update-manager", "--duration", "PT1H"),
                planArgs("--snapshot", "x.json", "--subscription", subscriptions))) {
            CliRun r = run(args);
            assertThat(r.code()).as(String.join(" ", args) + " -> " + r.err()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().lines()).hasSize(1);
        }
        assertThat(azure.requests()).isEmpty();
    }
}
