package io.patchwindow.azure.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

import io.patchwindow.azure.testing.EmulatorFixture;
import io.patchwindow.azure.testing.CliRun;
import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.Fault;
import io.patchwindow.azure.testing.AzureFleet;
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
    EmulatorFixture setup;
    AzureEmulator azure;
    AzureFleet fleet;
    String subscriptions;
    String account;
    String scheduleGroup;

    @BeforeEach
    void start() {
        setup = EmulatorFixture.generate(600, 2, 77, NOW);
        fleet = setup.fleet();
        account = setup.account();
        scheduleGroup = setup.scheduleGroup();
        azure = setup.start().armPageSize(100).now(NOW).resourceGroupLocation(scheduleGroup, "westeurope");
        subscriptions = setup.subscriptions();
    }

    @AfterEach
    void stop() {
        azure.close();
    }

    CliRun run(String... args) {
        return CliRun.run(EmulatorFixture.connector(azure, "cli-apply-token", 4, Duration.ofMillis(5)), args);
    }

    String[] automation(String command, Instant now, String... extra) {
        return setup.automationArgs(command, now, extra).toArray(new String[0]);
    }

    String[] updateManager(String command, Instant now, String... extra) {
        return setup.updateManagerArgs(command, now, extra).toArray(new String[0]);
    }

    @Test
    void applyAndCleanup_refuseToRunWithoutEnvironments_beforeAnyRequest() {
        for (String[] args : List.of(automation("apply", NOW), automation("cleanup", NOW),
                updateManager("apply", NOW), automation("apply", NOW, "--environments", "Q", "--concurrency", "0"))) {
            CliRun r = run(args);
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().lines()).hasSize(1);
        }
        CliRun noAccount = run("apply", "--now", NOW.toString(), "--environments", "Q,R");
        assertThat(noAccount.code()).isEqualTo(2);
        assertThat(noAccount.err()).contains("--automation-account");
        assertThat(azure.requests()).isEmpty();
    }

    @Test
    void automation_applyTwice_secondRunWritesNothing_thenCleanupDeletesOnlyExpired() {
        CliRun first = run(automation("apply", NOW, "--environments", "Q,R", "--output", "json"));
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("\"schema\": \"patchwindow.apply/v1\"").doesNotContain("\"FAILED\"");
        int writes = azure.writeRequestCount();
        assertThat(writes).isGreaterThan(50);

        azure.resetCounters();
        CliRun second = run(automation("apply", NOW, "--environments", "Q,R"));
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(azure.writeRequestCount()).isZero();
        assertThat(second.out()).contains("0 failed, 0 writes");

        // eight days later every one-time configuration has run: cleanup deletes them, in Q,R only
        Instant later = NOW.plus(Duration.ofDays(8));
        azure.now(later).resetCounters();
        CliRun onlyP = run(automation("cleanup", later, "--environments", "P"));
        assertThat(onlyP.code()).as(onlyP.err()).isZero();
        assertThat(azure.writeRequestCount()).isZero();
        CliRun cleanup = run(automation("cleanup", later, "--environments", "Q,R"));
        assertThat(cleanup.code()).as(cleanup.err()).isZero();
        assertThat(azure.writeRequestCount()).isEqualTo(writes);
    }

    @Test
    void automation_onePermanentRefusal_exits1_othersApplied() {
        azure.inject("softwareUpdateConfigurations/pw-[QR]-vm-0000[0-9]-", Fault.status(400, "InvalidParameter"),
                1000);
        try {
            CliRun r = run(automation("apply", NOW, "--environments", "Q,R"));
            assertThat(r.code()).as(r.err()).isEqualTo(1);
            assertThat(r.out()).contains("FAILED").contains("InvalidParameter").contains(" ok, ");
        } finally {
            azure.clearFaults();
        }
        CliRun again = run(automation("apply", NOW, "--environments", "Q,R"));
        assertThat(again.code()).as(again.err()).isZero();
    }

    @Test
    void updateManager_applyTwice_secondRunWritesNothing() {
        CliRun first = run(updateManager("apply", NOW, "--environments", "Q,R"));
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(azure.writeRequestCounts()).containsKey("PUT maintenanceConfigurations");

        azure.resetCounters();
        CliRun second = run(updateManager("apply", NOW, "--environments", "Q,R"));
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
        CliRun p = run(automation("apply", NOW, "--environments", "P"));
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
            CliRun r = run(args);
            assertThat(r.code()).as(r.err()).isZero();
        }
        assertThat(azure.writeRequestCount()).as("Q,R deployments were written").isPositive();
        // eight days later the P configurations have run: Q,R runs still leave them
        Instant later = NOW.plus(Duration.ofDays(8));
        azure.now(later);
        for (String[] args : List.of(automation("apply", later, "--environments", "Q,R", "--prune"),
                automation("cleanup", later, "--environments", "Q,R"))) {
            CliRun r = run(args);
            assertThat(r.code()).as(r.err()).isZero();
        }
        assertNoWriteTo("Q,R runs");
        azure.now(NOW);
        assertThat(production()).isEqualTo(before);

        // the control: a cleanup for P does delete them once they have run
        azure.now(later);
        CliRun cleanupP = run(automation("cleanup", later, "--environments", "P"));
        assertThat(cleanupP.code()).as(cleanupP.err()).isZero();
        assertThat(production()).isEmpty();
    }

    @Test
    void updateManager_runsForQR_leaveEveryProductionConfigurationAndAssignmentUntouched() {
        CliRun p = run(updateManager("apply", NOW, "--environments", "P"));
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
        CliRun again = run(updateManager("apply", NOW, "--environments", "P"));
        assertThat(again.code()).as(again.err()).isZero();
        Map<String, String> before = production();
        assertThat(before.keySet()).contains(emptied.path("id").asText())
                .anyMatch(id -> id.contains("/configurationAssignments/"));
        assertThat(before.keySet()).noneMatch(id -> id.contains("/configurationAssignments/" + emptied.path("name").asText()));

        azure.resetCounters();
        for (String[] args : List.of(updateManager("apply", NOW, "--environments", "Q,R"),
                updateManager("apply", NOW, "--environments", "Q,R", "--prune"),
                updateManager("cleanup", NOW, "--environments", "Q,R"))) {
            CliRun r = run(args);
            assertThat(r.code()).as(r.err()).isZero();
        }
        assertThat(azure.writeRequestCount()).as("Q,R configurations were written").isPositive();
        assertNoWriteTo("Q,R runs");
        assertThat(production()).isEqualTo(before);

        // the control: a cleanup for P deletes the P configuration that has no assignment
        CliRun cleanupP = run(updateManager("cleanup", NOW, "--environments", "P"));
        assertThat(cleanupP.code()).as(cleanupP.err()).isZero();
        assertThat(production()).doesNotContainKey(emptied.path("id").asText());
    }
}
