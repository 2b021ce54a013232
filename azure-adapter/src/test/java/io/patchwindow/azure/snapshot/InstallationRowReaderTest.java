package io.patchwindow.azure.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.patchwindow.azure.history.InstallationRows;
import io.patchwindow.core.report.DeploymentRun;
import io.patchwindow.core.report.InstallationRun;
import io.patchwindow.core.report.PatchResult;
import io.patchwindow.core.report.RunQuery;
import io.patchwindow.core.report.RunSink;

/**
 * The streaming read of the {@code installations} section ({@link SnapshotRunHistory}, {@link InstallationRowReader})
 * against the reference: the whole document read as one Jackson tree and every row mapped by
 * {@link InstallationRows#map}. Over a generated fleet whose rows vary the member order, the value types, the
 * kinds and the mistakes, both must deliver the same results and warnings in the same order.
 */
class InstallationRowReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUB = "0b1f6471-1bf0-4dda-aec3-cb9272f09590";

    /** Records everything a sink receives, in order. */
    private static final class Recorder implements RunSink {
        final List<Object> events = new ArrayList<>();

        @Override
        public void run(InstallationRun run) {
            events.add(run);
        }

        @Override
        public void patch(PatchResult patch) {
            events.add(patch);
        }

        @Override
        public void deploymentRun(DeploymentRun run) {
            events.add(run);
        }

        @Override
        public void warning(String message) {
            events.add("warning: " + message);
        }
    }

    @Test
    void streamingReadEqualsTreeReadOverAGeneratedFleet() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            String json = fleet(new Random(seed), 400);
            Recorder streamed = new Recorder();
            SnapshotRunHistory.ofJson("fleet.json", json).read(query(), streamed);
            Recorder tree = reference(json);

            assertThat(streamed.events).as("seed %d", seed).isEqualTo(tree.events);
            assertThat(tree.events).as("the fleet has every kind of result").hasAtLeastOneElementOfType(PatchResult.class)
                    .hasAtLeastOneElementOfType(InstallationRun.class).hasAtLeastOneElementOfType(DeploymentRun.class)
                    .anySatisfy(e -> assertThat(e).asString().startsWith("warning: Ignoring $.installations["));
        }
    }

    @Test
    void idsAreCutWhereTheirAsciiLowerCaseSaysSo_evenWithLettersWhoseLowerCaseIsLonger() throws Exception {
        // 'İ' (U+0130) lowers to two chars in Unicode: the marker's place in such a lowered id is not its place in the id
        String machine = "/subscriptions/" + SUB + "/resourceGroups/RG-İSTANBUL/providers/Microsoft.Compute/virtualMachines/vm1";
        String installation = machine + "/patchInstallationResults/r1";
        String json = "{\"machines\": [], \"installations\": [{\"id\": \"" + installation + "/softwarePatches/p\","
                + " \"type\": \"microsoft.compute/virtualmachines/patchinstallationresults/softwarepatches\", \"properties\":"
                + " {\"patchName\": \"curl\", \"installationState\": \"Installed\"}}]}";
        Recorder streamed = new Recorder();
        SnapshotRunHistory.ofJson("fleet.json", json).read(query(), streamed);

        assertThat(streamed.events).singleElement().isInstanceOfSatisfying(PatchResult.class, p -> {
            assertThat(p.machineId()).isEqualTo(machine);
            assertThat(p.installationId()).isEqualTo(installation);
        });
        assertThat(reference(json).events).isEqualTo(streamed.events);
    }

    @Test
    void rowsContinuingARunInAnotherCase_orAfterAnIdWithoutTheMarker_mapAsEachRowAloneMapsThem() throws Exception {
        String run = vm(1) + "/patchInstallationResults/r1";
        String type = "microsoft.compute/virtualmachines/patchinstallationresults/softwarepatches";
        String[][] rows = {
            {run + "/softwarePatches/a", type},
            {run + "/SOFTWAREpatches/b", type}, // the same run, the marker in another case
            {run.replace("r1", "R1") + "/softwarePatches/c", type}, // another spelling of the run: its own id
            {run + "/softwarePatches", type}, // no marker: the whole id is the run's
            {run + "/softwarePatches/softwarePatches/d", type}, // its first marker is before the last id's end
            {run + "/softwarePatches/e", ""}, // no type: the id says the kind
            {vm(2) + "/patchInstallationResults/r2/softwarePatches/f", type},
        };
        StringBuilder json = new StringBuilder("{\"machines\": [], \"installations\": [");
        for (int i = 0; i < rows.length; i++) {
            json.append(i == 0 ? "" : ", ").append("{\"id\": \"").append(rows[i][0]).append("\", \"type\": \"")
                    .append(rows[i][1]).append("\", \"properties\": {\"patchName\": \"p").append(i)
                    .append("\", \"installationState\": \"installed\"}}");
        }
        json.append("]}");
        Recorder streamed = new Recorder();
        SnapshotRunHistory.ofJson("fleet.json", json.toString()).read(query(), streamed);

        assertThat(streamed.events).isEqualTo(reference(json.toString()).events);
        assertThat(streamed.events).extracting(e -> ((PatchResult) e).installationId()).containsExactly(run, run,
                run.replace("r1", "R1"), run + "/softwarePatches", run, run, vm(2) + "/patchInstallationResults/r2");
    }

    @Test
    void aPatchRowGivenAnotherKindAfterItsPropertiesIsAWarning() {
        String json = "{\"machines\": [], \"installations\": [{\"id\": \"" + vm(1) + "/patchInstallationResults/r1/softwarePatches/p\","
                + " \"type\": \"microsoft.compute/virtualmachines/patchinstallationresults/softwarepatches\", \"properties\":"
                + " {\"patchName\": \"curl\", \"installationState\": \"Installed\"}, \"type\": \"microsoft.maintenance/applyupdates\"}]}";
        Recorder streamed = new Recorder();
        SnapshotRunHistory.ofJson("fleet.json", json).read(query(), streamed);

        assertThat(streamed.events).containsExactly("warning: Ignoring $.installations[0]: id, type: given again after "
                + "properties; expected each member once");
    }

    @Test
    void theFirstPassSkipsTheInstallationsByTheirBytes_theReportReadsThemAndNamesTheMalformedRow() {
        // NaN is not JSON: the parser would reject it, the byte scan of the first pass does not look at it
        String json = "{\"installations\": [{\"id\": \"" + vm(1) + "/patchInstallationResults/r1\", \"properties\":"
                + " {\"installedPatchCount\": NaN, \"note\": \"]}[{\"}}], \"machines\": [{\"id\": \"" + vm(1)
                + "\", \"name\": \"vm-0001\", \"type\": \"Microsoft.Compute/virtualMachines\"}]}";

        assertThat(Snapshot.ofJson("fleet.json", json).machines()).extracting(m -> m.name()).containsExactly("vm-0001");
        assertThatThrownBy(() -> SnapshotRunHistory.ofJson("fleet.json", json).read(query(), new Recorder()))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("fleet.json")
                .hasMessageContaining("$.installations[0]").hasMessageContaining("malformed JSON");
    }

    @Test
    void aSnapshotsHistoryReadsTheRowsWhereTheFirstPassFoundThem_inParts_asOneReadingOfTheDocumentDoes() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            String json = fleet(new Random(seed), 400);
            Recorder document = new Recorder();
            SnapshotRunHistory.ofJson("fleet.json", json).read(query(), document);
            Snapshot snapshot = snapshot(json);
            Recorder beforeFirstPass = new Recorder();
            SnapshotRunHistory.of(snapshot, 3).read(query(), beforeFirstPass);
            snapshot.machines(); // the first pass: it finds the section and records separators of its rows

            assertThat(beforeFirstPass.events).as("seed %d, the document read", seed).isEqualTo(document.events);
            assertThat(snapshot.installationsStart()).isPositive();
            assertThat(snapshot.installationsCuts()).as("enough separators for four parts").hasSizeGreaterThan(40);
            for (int parts = 1; parts <= 4; parts++) {
                Recorder read = new Recorder();
                SnapshotRunHistory.of(snapshot, parts).read(query(), read);
                assertThat(read.events).as("seed %d, %d parts", seed, parts).isEqualTo(document.events);
            }
        }
    }

    @Test
    void malformedJsonInAPartOfTheRows_isReportedAsOneReadingOfTheDocumentReportsIt() {
        String fleet = fleet(new Random(7), 400);
        int late = fleet.lastIndexOf("\"failedPatchCount\": 0");
        int lateRow = fleet.lastIndexOf("},\n{", fleet.length() * 3 / 4);
        // a value that is not JSON, and text between two rows that the scan of brackets and quotes passes over
        for (String json : List.of(fleet.substring(0, late) + "\"failedPatchCount\": NaN" + fleet.substring(late + 21),
                fleet.substring(0, lateRow) + "} x ,\n{" + fleet.substring(lateRow + 4))) {
            Snapshot snapshot = snapshot(json);
            snapshot.machines();
            assertThat(snapshot.installationsCuts()).hasSizeGreaterThan(40);
            Throwable document = catchThrowable(() -> SnapshotRunHistory.ofJson("fleet.json", json).read(query(), new Recorder()));

            assertThat(document).isInstanceOf(SnapshotException.class).hasMessageContaining("malformed JSON");
            for (int parts = 1; parts <= 4; parts++) {
                SnapshotRunHistory history = SnapshotRunHistory.of(snapshot, parts);
                assertThatThrownBy(() -> history.read(query(), new Recorder())).as("%d parts", parts)
                        .isInstanceOf(SnapshotException.class).hasMessage(document.getMessage());
            }
        }
    }

    /** A snapshot of the text whose first pass records a separator of the installation rows every 64 bytes. */
    private static Snapshot snapshot(String json) {
        byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return Snapshot.of("fleet.json", () -> new java.io.ByteArrayInputStream(bytes), 64);
    }

    private static RunQuery query() {
        return new RunQuery(java.time.Instant.parse("2026-11-01T00:00:00Z"), java.time.Instant.parse("2026-12-01T00:00:00Z"),
                List.of());
    }

    /** The reference: the document as one tree, each row mapped, as the reader did before it streamed rows. */
    private static Recorder reference(String json) throws Exception {
        Recorder out = new Recorder();
        JsonNode rows = JSON.readTree(json).get("installations");
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            if (!row.isObject()) {
                out.warning("Ignoring $.installations[" + i + "]: expected an object (a Resource Graph row)");
                continue;
            }
            try {
                InstallationRows.map(row, out);
            } catch (IllegalArgumentException e) {
                out.warning("Ignoring $.installations[" + i + "]: " + e.getMessage());
            }
        }
        return out;
    }

    private static String vm(int i) {
        return String.format(Locale.ROOT, "/subscriptions/%s/resourceGroups/rg-%02d/providers/Microsoft.Compute/"
                + "virtualMachines/vm-%04d", SUB, i % 7, i);
    }

    /** A snapshot whose installations vary everything the two readers could disagree on. */
    private static String fleet(Random r, int machines) {
        StringBuilder b = new StringBuilder("{\"machines\": [{\"id\": \"" + vm(0) + "\", \"name\": \"vm-0000\", "
                + "\"type\": \"Microsoft.Compute/virtualMachines\"}],\n"
                + "\"installations\": [\n");
        boolean first = true;
        for (int i = 0; i < machines; i++) {
            String base = vm(i) + (r.nextInt(10) == 0 ? "/PatchInstallationResults/" : "/patchInstallationResults/") + "run-" + i;
            String summaryProps = "{\"status\": " + pick(r, "\"Succeeded\"", "\"Failed\"", "\"NotStarted\"", "\"Bogus\"", "null",
                    "\"CompletedWithWarnings\"") + ", \"startDateTime\": " + pick(r, "\"2026-11-23T02:00:00Z\"",
                    "\"2026-11-23T03:00:00+01:00\"", "\"yesterday\"", "null") + ", \"lastModifiedDateTime\": \"2026-11-23T03:10:00Z\""
                    + ", \"maintenanceRunId\": " + pick(r, "\"run-1\"", "null", "7") + ", \"installedPatchCount\": "
                    + pick(r, "3", "\"4\"", "-1", "null", "2.5") + ", \"failedPatchCount\": 0, \"maintenanceWindowExceeded\": "
                    + pick(r, "false", "true", "\"true\"", "null") + ", \"rebootStatus\": \"Completed\", \"errorDetails\": "
                    + pick(r, "null", "{}", "{\"code\": \"E1\", \"message\": \"disk full\", \"details\": [{\"message\": \"m\"}]}",
                    "\"plain error\"") + "}";
            first = row(b, first, member(r, "id", base), "\"type\": \"microsoft.compute/virtualmachines/patchinstallationresults\"",
                    "\"properties\": " + summaryProps);
            int packages = r.nextInt(6);
            for (int k = 0; k < packages; k++) {
                String id = base + "/softwarePatches/pkg-" + k;
                String props = "{\"patchName\": " + pick(r, "\"pkg-" + k + "\"", "\"pkg-" + k + "\"", "null", "12", "\"\"",
                        "{\"n\": 1}", "true") + ", \"version\": " + pick(r, "\"1." + k + "-1.el7\"", "null", "1.5", "[\"x\"]")
                        + ", \"kbId\": {\"nested\": [1, 2, {\"deep\": \"]}\"}]}, \"classifications\": "
                        + pick(r, "[\"Security\"]", "[\"Security\", \"Critical\"]", "\"Other\"", "[]", "[\"a\", 1, [\"b\"], {\"c\": \"d\"}, null]",
                        "null", "3", "{\"x\": \"y\"}") + ", \"installationState\": " + pick(r, "\"Installed\"", "\"Installed\"",
                        "\"Failed\"", "\"Pending\"", "\"NotSelected\"", "\"Excluded\"", "\"installed\"", "\"Weird\"", "null", "1")
                        + (r.nextInt(8) == 0 ? ", \"patchName\": \"dup-" + k + "\"" : "") + "}";
                String type = "\"type\": " + pick(r, "\"microsoft.compute/virtualmachines/patchinstallationresults/softwarepatches\"",
                        "\"Microsoft.Compute/virtualMachines/patchInstallationResults/softwarePatches\"",
                        "\"microsoft.hybridcompute/machines/patchinstallationresults/softwarepatches\"", "null", "\"\"");
                String[] members = {member(r, "id", id), type, "\"properties\": " + props, "\"name\": \"pkg-" + k + "\"",
                        "\"extra\": [1, {\"a\": [\"}\"]}]"};
                switch (r.nextInt(6)) {
                    case 0 -> first = row(b, first, members[2], members[0], members[1]); // properties first: the tree
                    case 1 -> first = row(b, first, members[1], members[4], members[0], members[3], members[2]);
                    case 2 -> first = row(b, first, members[0], members[2]); // no type: kind by id
                    default -> first = row(b, first, members[0], members[1], members[2]);
                }
            }
            if (r.nextInt(5) == 0) {
                first = row(b, first, "\"id\": \"" + vm(i) + "/providers/Microsoft.Maintenance/applyUpdates/20261123\"",
                        "\"type\": \"microsoft.maintenance/applyupdates\"", "\"properties\": {\"maintenanceConfigurationId\": "
                        + pick(r, "\"/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.Maintenance/"
                        + "maintenanceConfigurations/pw-Q-SAT-0300\"", "null") + ", \"correlationId\": \"c-" + i + "\", "
                        + "\"status\": \"Completed\", \"startDateTime\": \"2026-11-28T02:00:00Z\"}");
            }
            if (r.nextInt(5) == 0) {
                String account = "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.Automation/automationAccounts/aa";
                first = row(b, first, "\"id\": \"" + account + "/softwareUpdateConfigurationRuns/run-" + i + "\"",
                        "\"name\": \"run-" + i + "\"", "\"properties\": {\"softwareUpdateConfiguration\": {\"name\": \"pw-Q-SAT\"},"
                        + " \"status\": \"Succeeded\", \"startTime\": \"2026-11-28T02:00:00Z\", \"computerCount\": 3, "
                        + "\"failedCount\": " + pick(r, "0", "\"1\"") + "}");
                first = row(b, first, "\"id\": \"" + account + "/softwareUpdateConfigurationMachineRuns/m-" + i + "\"",
                        "\"properties\": {\"targetComputer\": " + pick(r, "\"" + vm(i) + "\"", "null") + ", \"status\": \"Failed\","
                        + " \"startTime\": \"2026-11-28T02:00:00Z\", \"error\": {\"code\": \"X\"}}");
            }
            if (r.nextInt(40) == 0) {
                b.append(first ? "" : ",\n").append(pick(r, "42", "\"text\"", "[1, 2]", "null"));
                first = false;
            }
            if (r.nextInt(40) == 0) {
                first = row(b, first, "\"id\": \"/other/thing\"", "\"type\": \"microsoft.resources/other\"");
            }
        }
        return b.append("\n],\n\"deployments\": []}\n").toString();
    }

    private static String member(Random r, String name, String value) {
        return "\"" + name + "\": " + (r.nextInt(30) == 0 ? "null" : "\"" + value + "\"");
    }

    private static boolean row(StringBuilder b, boolean first, String... members) {
        b.append(first ? "" : ",\n").append('{').append(String.join(", ", members)).append('}');
        return false;
    }

    private static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }
}
