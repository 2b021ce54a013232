package io.patchwindow.azure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import io.patchwindow.azure.PatchwindowAzure;
import io.patchwindow.azure.run.AzureConnector;
import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.AzureFleet;
import io.patchwindow.azure.testing.AzureFleetGenerator;
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
    AzureFleet fleet;
    String subscriptions;
    String account;
    String scheduleGroup;

    @BeforeEach
    void start() {
        fleet = AzureFleetGenerator.generate(600, 2, 77, NOW);
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
                "--backend", "update-manager", "--schedule-resource-group", scheduleGroup));
        if (!command.equals("cleanup")) {
            a.add("--fix-patch-mode"); // cleanup writes no VM and refuses it (issue 17.2)
        }
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
        azure.inject("softwareUpdateConfigurations/pw-[QR]-vm-0000[0-9]-", AzureEmulator.Fault.status(400, "InvalidParameter"),
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

    // ---- issue 14.0: a run for Q,R wrote production's deployments (Update Manager: DELETEd a P machine's
    // assignment to pw-P-TUE-0300-…; with --prune DELETEd pw-P-… configurations). Expected: every P resource is
    // untouched, byte for byte, by Q,R runs with and without --prune and by cleanup, even after a P machine moved
    // to Q.

    /** The stored resources whose name starts with {@code pw-P-}, as JSON text by id. */
    Map<String, String> production() {
        Map<String, String> out = new TreeMap<>();
        List<ObjectNode> all = new ArrayList<>(azure.softwareUpdateConfigurations());
        all.addAll(azure.maintenanceConfigurations());
        all.addAll(azure.configurationAssignments());
        for (ObjectNode r : all) {
            if (r.path("name").asText().startsWith("pw-P-")) {
                out.put(r.path("id").asText(), r.toString());
            }
        }
        return out;
    }

    /** Moves the machines to environment Q, same weekday and hour. */
    void retagToQ(Collection<String> machineIds) {
        Set<String> keys = new HashSet<>();
        machineIds.forEach(id -> keys.add(id.toLowerCase(Locale.ROOT)));
        for (ObjectNode m : fleet.machines()) {
            if (keys.contains(m.path("id").asText().toLowerCase(Locale.ROOT))) {
                ObjectNode tags = m.with("tags");
                List<String> names = new ArrayList<>();
                tags.fieldNames().forEachRemaining(names::add);
                for (String n : names) {
                    if (n.equalsIgnoreCase("patch")) {
                        tags.put(n, tags.get(n).asText().replace("-P-", "-Q-"));
                    }
                }
            }
        }
    }

    void assertNoWriteTo(String what) {
        assertThat(azure.writeEvents()).as(what).noneMatch(e -> e.path().contains("/pw-P-"));
    }

    @Test
    void automation_runsForQR_leaveEveryProductionConfigurationUntouched() {
        Run p = run(automation("apply", NOW, "--environments", "P"));
        assertThat(p.code()).as(p.err()).isZero();
        List<ObjectNode> sucs = azure.softwareUpdateConfigurations();
        assertThat(sucs).isNotEmpty().allMatch(s -> s.path("name").asText().startsWith("pw-P-"));
        // a production machine moves to Q after its P deployment was made: that deployment stays P's
        String moved = sucs.stream().map(s -> s.at("/properties/updateConfiguration/azureVirtualMachines/0").asText())
                .filter(id -> !id.isEmpty()).findFirst().orElseThrow();
        retagToQ(List.of(moved));
        Map<String, String> before = production();
        assertThat(before).hasSize(sucs.size());

        azure.resetCounters();
        for (String[] args : List.of(automation("apply", NOW, "--environments", "Q,R"),
                automation("apply", NOW, "--environments", "Q,R", "--prune"))) {
            Run r = run(args);
            assertThat(r.code()).as(r.err()).isZero();
        }
        assertThat(azure.writeRequestCount()).as("Q,R deployments were written").isPositive();
        // eight days later the P configurations have run: Q,R runs still leave them
        Instant later = NOW.plus(Duration.ofDays(8));
        azure.now(later);
        for (String[] args : List.of(automation("apply", later, "--environments", "Q,R", "--prune"),
                automation("cleanup", later, "--environments", "Q,R"))) {
            Run r = run(args);
            assertThat(r.code()).as(r.err()).isZero();
        }
        assertNoWriteTo("Q,R runs");
        azure.now(NOW);
        assertThat(production()).isEqualTo(before);

        // the control: a cleanup for P does delete them once they have run
        azure.now(later);
        Run cleanupP = run(automation("cleanup", later, "--environments", "P"));
        assertThat(cleanupP.code()).as(cleanupP.err()).isZero();
        assertThat(production()).isEmpty();
    }

    @Test
    void updateManager_runsForQR_leaveEveryProductionConfigurationAndAssignmentUntouched() {
        Run p = run(updateManager("apply", NOW, "--environments", "P"));
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(azure.maintenanceConfigurations()).hasSizeGreaterThan(2);
        // every machine of one P group moves to Q, and P's next run releases that group: a P configuration with no
        // assignment (what cleanup deletes) next to P configurations with assignments
        ObjectNode emptied = azure.maintenanceConfigurations().get(0);
        List<String> machinesOfIt = new ArrayList<>();
        for (ObjectNode a : azure.configurationAssignments()) {
            if (a.at("/properties/maintenanceConfigurationId").asText().equalsIgnoreCase(emptied.path("id").asText())) {
                String id = a.path("id").asText();
                machinesOfIt.add(id.substring(0, id.toLowerCase(Locale.ROOT).indexOf("/providers/microsoft.maintenance/")));
            }
        }
        assertThat(machinesOfIt).isNotEmpty();
        retagToQ(machinesOfIt);
        Run again = run(updateManager("apply", NOW, "--environments", "P"));
        assertThat(again.code()).as(again.err()).isZero();
        Map<String, String> before = production();
        assertThat(before.keySet()).contains(emptied.path("id").asText())
                .anyMatch(id -> id.contains("/configurationAssignments/"));
        assertThat(before.keySet()).noneMatch(id -> id.contains("/configurationAssignments/" + emptied.path("name").asText()));

        azure.resetCounters();
        for (String[] args : List.of(updateManager("apply", NOW, "--environments", "Q,R"),
                updateManager("apply", NOW, "--environments", "Q,R", "--prune"),
                updateManager("cleanup", NOW, "--environments", "Q,R"))) {
            Run r = run(args);
            assertThat(r.code()).as(r.err()).isZero();
        }
        assertThat(azure.writeRequestCount()).as("Q,R configurations were written").isPositive();
        assertNoWriteTo("Q,R runs");
        assertThat(production()).isEqualTo(before);

        // the control: a cleanup for P deletes the P configuration that has no assignment
        Run cleanupP = run(updateManager("cleanup", NOW, "--environments", "P"));
        assertThat(cleanupP.code()).as(cleanupP.err()).isZero();
        assertThat(production()).doesNotContainKey(emptied.path("id").asText());
    }
}
