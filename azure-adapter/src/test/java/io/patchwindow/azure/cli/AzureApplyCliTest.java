package io.patchwindow.azure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import io.patchwindow.azure.PatchwindowAzure;
import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.Fleet;
import io.patchwindow.azure.testing.FleetGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code apply} and {@code cleanup} through the command line against the emulator (600 machines, both
 * backends): exit codes, idempotence (a second apply writes nothing), per-action failures, the
 * environments guard, cleanup of expired deployments only.
 */
class AzureApplyCliTest {
    static final Instant NOW = Instant.parse("2026-11-25T10:17:00Z");
    static final String WORKSPACE = "0f4e5d6c-7b8a-4c9d-8e1f-2a3b4c5d6e7f";

    AzureEmulator azure;
    String subscriptions;
    String account;
    String scheduleGroup;

    @BeforeEach
    void start() {
        Fleet fleet = FleetGenerator.generate(600, 2, 77, NOW);
        String sub = fleet.subscriptions().get(0);
        account = "/subscriptions/" + sub + "/resourceGroups/ops/providers/Microsoft.Automation/automationAccounts/aa";
        fleet.linkedWorkspace(account, "/subscriptions/" + sub
                + "/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/law", WORKSPACE);
        scheduleGroup = "/subscriptions/" + sub + "/resourceGroups/rg-patch-schedules";
        azure = AzureEmulator.start(fleet).armPageSize(100).now(NOW).resourceGroupLocation(scheduleGroup, "westeurope");
        subscriptions = String.join(",", fleet.subscriptions());
    }

    @AfterEach
    void stop() {
        azure.close();
    }

    AzureConnector emulator() {
        return options -> PatchwindowAzure.configure()
                .withHttpClient(azure.httpClient())
                .withRetryOptions(new RetryOptions(new FixedDelayOptions(4, Duration.ofMillis(5))))
                .withLogAnalyticsEndpoint(azure.logAnalyticsEndpoint())
                .authenticate(AzureEmulator.credential("cli-apply-token"), azure.profile());
    }

    record Run(int code, String out, String err) {
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PatchwindowCli.newCommandLine(new PrintWriter(out), new PrintWriter(err), emulator()).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    String[] automation(String command, Instant now, String... extra) {
        List<String> a = new ArrayList<>(List.of(command, "--now", now.toString(), "--subscription", subscriptions,
                "--automation-account", account));
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    String[] updateManager(String command, Instant now, String... extra) {
        List<String> a = new ArrayList<>(List.of(command, "--now", now.toString(), "--subscription", subscriptions,
                "--backend", "update-manager", "--schedule-resource-group", scheduleGroup, "--fix-patch-mode"));
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    @Test
    void applyAndCleanup_refuseToRunWithoutEnvironments_beforeAnyRequest() {
        for (String[] args : List.of(automation("apply", NOW), automation("cleanup", NOW),
                updateManager("apply", NOW), automation("apply", NOW, "--environments", "Q", "--concurrency", "0"))) {
            Run r = run(args);
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().lines()).hasSize(1);
        }
        Run noAccount = run("apply", "--now", NOW.toString(), "--environments", "Q,R");
        assertThat(noAccount.code()).isEqualTo(2);
        assertThat(noAccount.err()).contains("--automation-account");
        assertThat(azure.requests()).isEmpty();
    }

    @Test
    void automation_applyTwice_secondRunWritesNothing_thenCleanupDeletesOnlyExpired() {
        Run first = run(automation("apply", NOW, "--environments", "Q,R", "--output", "json"));
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("\"schema\": \"patchwindow.apply/v1\"").doesNotContain("\"FAILED\"");
        int writes = azure.writeRequestCount();
        assertThat(writes).isGreaterThan(50);

        azure.resetCounters();
        Run second = run(automation("apply", NOW, "--environments", "Q,R"));
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(azure.writeRequestCount()).isZero();
        assertThat(second.out()).contains("0 failed, 0 writes");

        // eight days later every one-time configuration has run: cleanup deletes them, in Q,R only
        Instant later = NOW.plus(Duration.ofDays(8));
        azure.now(later).resetCounters();
        Run onlyP = run(automation("cleanup", later, "--environments", "P"));
        assertThat(onlyP.code()).as(onlyP.err()).isZero();
        assertThat(azure.writeRequestCount()).isZero();
        Run cleanup = run(automation("cleanup", later, "--environments", "Q,R"));
        assertThat(cleanup.code()).as(cleanup.err()).isZero();
        assertThat(azure.writeRequestCount()).isEqualTo(writes);
    }

    @Test
    void automation_onePermanentRefusal_exits1_othersApplied() {
        azure.inject("softwareUpdateConfigurations/pw-vm-0000[0-9]-", AzureEmulator.Fault.status(400, "InvalidParameter"),
                1000);
        try {
            Run r = run(automation("apply", NOW, "--environments", "Q,R"));
            assertThat(r.code()).as(r.err()).isEqualTo(1);
            assertThat(r.out()).contains("FAILED").contains("InvalidParameter").contains(" ok, ");
        } finally {
            azure.clearFaults();
        }
        Run again = run(automation("apply", NOW, "--environments", "Q,R"));
        assertThat(again.code()).as(again.err()).isZero();
    }

    @Test
    void updateManager_applyTwice_secondRunWritesNothing() {
        Run first = run(updateManager("apply", NOW, "--environments", "Q,R"));
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(azure.writeRequestCounts()).containsKey("PUT maintenanceConfigurations");

        azure.resetCounters();
        Run second = run(updateManager("apply", NOW, "--environments", "Q,R"));
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(azure.writeRequestCount()).isZero();
    }
}
