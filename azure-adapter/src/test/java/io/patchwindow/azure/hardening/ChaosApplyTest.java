package io.patchwindow.azure.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchwindow.azure.testing.EmulatorFixture;
import io.patchwindow.azure.testing.CliRun;
import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chaos: a 2,000-machine {@code apply} through the command line, each backend, while 30 % of all requests
 * (reads and writes) get a fault chosen at random with a fixed seed: 429 with a short {@code Retry-After},
 * 500, 503, a connection reset (no answer), a lost answer (the write is done, the answer never arrives) or a
 * slow answer. Properties: the run ends (hang guard, not a performance assertion); the report accounts for
 * every planned action (OK or FAILED, none missing); with the faults off, later runs converge (a second run
 * completes what failed, then a run writes nothing); the end state equals the plan exactly (every planned
 * configuration and assignment exists once, nothing else does).
 */
class ChaosApplyTest {
    static final Instant NOW = Instant.parse("2026-11-25T10:17:00Z");
    static final int MACHINES = Integer.getInteger("patchwindow.chaos.machines", 2000);
    static final Duration HANG_GUARD = Duration.ofMinutes(4);

    EmulatorFixture setup;
    AzureEmulator azure;

    @BeforeEach
    void start() {
        setup = EmulatorFixture.generate(MACHINES, 2, 2026, NOW);
        azure = setup.start().armPageSize(200).now(NOW).resourceGroupLocation(setup.scheduleGroup(), "westeurope");
    }

    @AfterEach
    void stop() {
        azure.close();
    }

    void chaos(long seed) {
        azure.injectChaos(".", 0.30, seed, List.of(Fault.throttle(Duration.ofMillis(20)),
                Fault.status(500, "InternalServerError"), Fault.unavailable(), Fault.reset(), Fault.lostAnswer(),
                Fault.delay(Duration.ofMillis(40))));
    }

    CliRun run(List<String> args) {
        // the SDK pipeline's retries (fixed short delay for test speed); a 429's Retry-After is honoured
        return CliRun.run(EmulatorFixture.connector(azure, "chaos-token", 5, Duration.ofMillis(5)), args);
    }

    List<String> automation(String command) {
        return setup.automationArgs(command, NOW, "--environments", "Q,R", "--output", "json");
    }

    List<String> updateManager(String command) {
        return setup.updateManagerArgs(command, NOW, "--environments", "Q,R", "--output", "json");
    }

    /** The plan's deployments by name: machine ids (lower case) and packages. */
    record Planned(Set<String> machines, Set<String> packages) {
    }

    Map<String, Planned> plan(List<String> args) throws Exception {
        CliRun p = run(args);
        assertThat(p.code()).as(p.err()).isZero();
        Map<String, Planned> out = new TreeMap<>();
        for (JsonNode d : JsonFuzz.JSON.readTree(p.out()).path("deployments")) {
            Set<String> ms = new TreeSet<>();
            d.path("machineIds").forEach(m -> ms.add(m.asText().toLowerCase(Locale.ROOT)));
            Set<String> ps = new TreeSet<>();
            d.path("packages").forEach(x -> ps.add(x.asText()));
            out.put(d.path("name").asText(), new Planned(ms, ps));
        }
        assertThat(out).isNotEmpty();
        return out;
    }

    /** Runs an apply under chaos; checks that the run ended and that the report accounts for every action. */
    CliRun applyUnderChaos(List<String> args, Map<String, Planned> planned) throws Exception {
        CliRun r = assertTimeoutPreemptively(HANG_GUARD, () -> run(args), "apply under chaos did not end (hang)");
        System.out.println("chaos apply: exit " + r.code() + ", " + azure.faultsServed() + " faults served, writes "
                + azure.writeRequestCounts());
        // 0: all done; 1: some actions FAILED after the retries (the rest done); 3: a read failed after the retries
        assertThat(r.code()).as(r.err()).isIn(0, 1, 3);
        if (r.code() != 3) {
            JsonNode report = JsonFuzz.JSON.readTree(r.out());
            Map<String, String> status = new HashMap<>();
            for (JsonNode res : report.path("results")) {
                assertThat(res.path("status").asText()).isIn("OK", "FAILED");
                assertThat(status.put(res.path("name").asText(), res.path("status").asText())).as("reported twice")
                        .isNull();
            }
            assertThat(status.keySet()).as("every planned deployment is reported").containsAll(planned.keySet());
            assertThat(report.path("summary").path("actions").asInt()).isEqualTo(status.size());
            assertThat(r.code() == 1).isEqualTo(status.containsValue("FAILED"));
        } else {
            assertThat(r.out()).isEmpty();
            assertThat(r.err().lines()).hasSize(1);
        }
        return r;
    }

    /** With the faults off: at most one run to complete, then a run that writes nothing. */
    void converges(List<String> args) {
        azure.clearFaults();
        CliRun second = run(args);
        assertThat(second.code()).as(second.err()).isZero();
        azure.resetCounters();
        CliRun third = run(args);
        assertThat(third.code()).as(third.err()).isZero();
        assertThat(azure.writeRequestCount()).as("writes of a converged run").isZero();
    }

    @Test
    void automation_2000Machines_30PercentFaults_convergesToExactlyThePlan() throws Exception {
        Map<String, Planned> planned = plan(automation("plan"));
        azure.resetCounters();
        chaos(30);
        applyUnderChaos(automation("apply"), planned);
        converges(automation("apply"));

        Map<String, String> vmIdsByComputer = new HashMap<>();
        for (ObjectNode m : azure.fleet().machines()) {
            vmIdsByComputer.put(m.path("properties").path("osProfile").path("computerName").asText().toLowerCase(Locale.ROOT),
                    m.path("id").asText().toLowerCase(Locale.ROOT));
        }
        Map<String, Planned> stored = new TreeMap<>();
        for (ObjectNode suc : azure.softwareUpdateConfigurations()) {
            JsonNode uc = suc.path("properties").path("updateConfiguration");
            Set<String> ms = new TreeSet<>();
            uc.path("azureVirtualMachines").forEach(v -> ms.add(v.asText().toLowerCase(Locale.ROOT)));
            uc.path("nonAzureComputerNames").forEach(c -> ms.add(vmIdsByComputer.get(c.asText().toLowerCase(Locale.ROOT))));
            Set<String> ps = new TreeSet<>();
            uc.path("linux").path("includedPackageNameMasks").forEach(x -> ps.add(x.asText()));
            assertThat(stored.put(suc.path("name").asText(), new Planned(ms, ps))).isNull();
        }
        assertThat(stored).isEqualTo(planned);
    }

    @Test
    void updateManager_2000Machines_30PercentFaults_convergesToExactlyThePlan() throws Exception {
        Map<String, Planned> planned = plan(updateManager("plan"));
        azure.resetCounters();
        chaos(31);
        applyUnderChaos(updateManager("apply"), planned);
        converges(updateManager("apply"));

        Map<String, Set<String>> assigned = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (ObjectNode a : azure.configurationAssignments()) {
            String config = a.path("properties").path("maintenanceConfigurationId").asText();
            String name = config.substring(config.lastIndexOf('/') + 1);
            String id = a.path("id").asText().toLowerCase(Locale.ROOT);
            String machine = id.substring(0, id.indexOf("/providers/microsoft.maintenance/"));
            assertThat(seen.add(machine + " " + name)).as("assigned twice: %s", id).isTrue();
            assigned.computeIfAbsent(name, k -> new TreeSet<>()).add(machine);
        }
        Map<String, Planned> stored = new TreeMap<>();
        for (ObjectNode c : azure.maintenanceConfigurations()) {
            String name = c.path("name").asText();
            Set<String> ps = new TreeSet<>();
            c.path("properties").path("installPatches").path("linuxParameters").path("packageNameMasksToInclude")
                    .forEach(x -> ps.add(x.asText()));
            assertThat(stored.put(name, new Planned(assigned.getOrDefault(name, Set.of()), ps))).isNull();
        }
        assertThat(assigned.keySet()).isSubsetOf(stored.keySet());
        assertThat(stored).isEqualTo(planned);
    }
}
