package io.patchwindow.azure.snapshot;

import static io.patchwindow.azure.snapshot.SnapshotTest.ARC1;
import static io.patchwindow.azure.snapshot.SnapshotTest.SUB;
import static io.patchwindow.azure.snapshot.SnapshotTest.VM1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a snapshot can be wrong gives a one-line message naming the file, the JSON path and the expectation. */
class SnapshotErrorsTest {
    private static final String VM = "{\"id\": \"" + VM1 + "\", \"type\": \"Microsoft.Compute/virtualMachines\"}";
    private static final String ROW = "\"TimeGenerated\": \"2026-11-25T08:00:00Z\", \"ResourceId\": \"" + VM1 + "\"";
    private static final String SUC = "\"name\": \"pw-vm1-1a2b3c4d\", \"properties\": {\"updateConfiguration\": "
            + "{\"duration\": \"PT2H\"%s}, \"scheduleInfo\": {\"startTime\": \"2026-11-29T12:00:00+01:00\"%s}}";

    static Stream<Arguments> malformed() {
        return Stream.of(
                // document structure
                Arguments.of("", "$", "the file is empty"),
                Arguments.of("[]", "$", "expected a JSON object with the arrays 'machines'"),
                Arguments.of("{\"machines\": [", "$.machines[0]", "malformed JSON at line 1, column 15: Unexpected end-of-input: expected close marker for Array (start marker at [line: 1, column: 14])"),
                Arguments.of("{\"machines\": [" + VM + ",, ]}", "$.machines[1]", "malformed JSON at line 1"),
                Arguments.of("{\"machines\": []} {}", "$", "unexpected content after the end"),
                Arguments.of("{\"updates\": []}", "$.machines", "missing; expected an array of machine resources"),
                Arguments.of("{\"machines\": {}}", "$.machines", "expected an array of ARM resource objects"),
                Arguments.of("{\"machines\": null}", "$.machines", "expected an array of ARM resource objects"),
                Arguments.of("{\"machines\": [], \"machines\": []}", "$.machines", "duplicate key"),
                Arguments.of("{\"machines\": [], \"updates\": \"none\"}", "$.updates", "expected an array of Log Analytics"),
                Arguments.of("{\"machines\": [" + VM + ", 42]}", "$.machines[1]", "expected an object (ARM resource"),
                // machines
                Arguments.of("{\"machines\": [{\"type\": \"Microsoft.Compute/virtualMachines\"}]}", "$.machines[0].id",
                        "missing; expected an ARM resource id"),
                Arguments.of("{\"machines\": [{\"id\": 12, \"type\": \"x\"}]}", "$.machines[0].id",
                        "expected a string, found a number"),
                Arguments.of("{\"machines\": [{\"id\": \"/subscriptions/not-a-guid/vm\", \"type\": "
                        + "\"Microsoft.Compute/virtualMachines\"}]}", "$.machines[0].id", "invalid resource id"),
                Arguments.of("{\"machines\": [{\"id\": \"" + VM1 + "\"}]}", "$.machines[0].type", "missing; expected a resource type"),
                Arguments.of("{\"machines\": [{\"id\": \"" + VM1 + "\", \"type\": \"Microsoft.HybridCompute/machines\"}]}",
                        "$.machines[0].id", "expected a Microsoft.HybridCompute/machines id"),
                Arguments.of("{\"machines\": [{\"id\": \"" + VM1 + "\", \"type\": \"Microsoft.Compute/virtualMachines\", "
                        + "\"tags\": [\"patch\"]}]}", "$.machines[0].tags", "expected an object, found an array"),
                Arguments.of("{\"machines\": [{\"id\": \"" + VM1 + "\", \"type\": \"Microsoft.Compute/virtualMachines\", "
                        + "\"tags\": {\"patch\": 3}}]}", "$.machines[0].tags.patch", "expected a string tag value"),
                Arguments.of("{\"machines\": [{\"id\": \"" + VM1 + "\", \"type\": \"Microsoft.Compute/virtualMachines\", "
                        + "\"tags\": {\"patch window\": 3}}]}", "$.machines[0].tags['patch window']", "expected a string"),
                Arguments.of("{\"machines\": [{\"id\": \"" + VM1 + "\", \"type\": \"Microsoft.Compute/virtualMachines\", "
                        + "\"properties\": \"none\"}]}", "$.machines[0].properties", "expected an object, found a string"),
                Arguments.of("{\"machines\": [{\"id\": \"" + VM1 + "\", \"type\": \"Microsoft.Compute/virtualMachines\", "
                        + "\"properties\": {\"osProfile\": {\"linuxConfiguration\": {\"patchSettings\": {"
                        + "\"automaticByPlatformSettings\": {\"bypassPlatformSafetyChecksOnUserSchedule\": \"yes\"}}}}}}]}",
                        "$.machines[0].properties.osProfile.linuxConfiguration.patchSettings.automaticByPlatformSettings"
                                + ".bypassPlatformSafetyChecksOnUserSchedule", "expected true or false"),
                Arguments.of("{\"machines\": [{\"id\": \"" + VM1 + "\", \"type\": \"Microsoft.Compute/virtualMachines\", "
                        + "\"properties\": {\"storageProfile\": {\"imageReference\": {\"offer\": [\"CentOS\"]}}}}]}",
                        "$.machines[0].properties.storageProfile.imageReference.offer", "expected a string, found an array"),
                // updates
                Arguments.of("{\"machines\": [], \"updates\": [{\"ResourceId\": \"" + VM1 + "\", \"Product\": \"x\"}]}",
                        "$.updates[0].TimeGenerated", "missing; expected an ISO-8601 date-time"),
                Arguments.of("{\"machines\": [], \"updates\": [{\"TimeGenerated\": \"25/11/2026 08:00\", \"Computer\": \"c\","
                        + " \"Product\": \"x\"}]}", "$.updates[0].TimeGenerated", "invalid date-time '25/11/2026 08:00'"),
                Arguments.of("{\"machines\": [], \"updates\": [{\"TimeGenerated\": \"2026-11-25T08:00:00\", \"Computer\": \"c\","
                        + " \"Product\": \"x\"}]}", "$.updates[0].TimeGenerated", "expected ISO-8601 with an offset"),
                Arguments.of("{\"machines\": [], \"updates\": [{" + ROW + "}]}", "$.updates[0].Product",
                        "missing; expected the package name"),
                Arguments.of("{\"machines\": [], \"updates\": [{\"TimeGenerated\": \"2026-11-25T08:00:00Z\", "
                        + "\"Product\": \"x\"}]}", "$.updates[0].ResourceId", "expected the machine's ResourceId (or _ResourceId) or its Computer"),
                Arguments.of("{\"machines\": [], \"updates\": [{\"TimeGenerated\": \"2026-11-25T08:00:00Z\", "
                        + "\"_ResourceId\": \"vm1\", \"Product\": \"x\"}]}", "$.updates[0]._ResourceId", "invalid resource id 'vm1'"),
                Arguments.of("{\"machines\": [], \"updates\": [{" + ROW + ", \"Product\": \"x\", \"UpdateState\": 1}]}",
                        "$.updates[0].UpdateState", "expected a string, found a number"),
                Arguments.of("{\"machines\": [], \"updates\": [{" + ROW + ", \"Product\": \"x\"}, [1]]}",
                        "$.updates[1]", "expected an object (Log Analytics Update rows"),
                // patchAssessments
                Arguments.of("{\"machines\": [], \"patchAssessments\": [{\"type\": "
                        + "\"microsoft.compute/virtualmachines/patchassessmentresults\"}]}", "$.patchAssessments[0].id", "missing"),
                Arguments.of("{\"machines\": [], \"patchAssessments\": [{\"id\": \"" + VM1 + "/softwarePatches/x\", "
                        + "\"type\": \"microsoft.compute/virtualmachines/patchassessmentresults/softwarepatches\"}]}",
                        "$.patchAssessments[0].id", "has no '/patchAssessmentResults/' segment"),
                Arguments.of("{\"machines\": [], \"patchAssessments\": [{\"id\": \"" + ARC1 + "/patchAssessmentResults/latest\", "
                        + "\"type\": \"microsoft.hybridcompute/machines/patchassessmentresults\", \"properties\": {}}]}",
                        "$.patchAssessments[0].properties.lastModifiedDateTime", "missing; expected an ISO-8601 date-time"),
                Arguments.of("{\"machines\": [], \"patchAssessments\": [{\"id\": \"" + VM1 + "/patchAssessmentResults/latest/"
                        + "softwarePatches/x\", \"type\": \"microsoft.compute/virtualmachines/patchassessmentresults/softwarepatches\","
                        + " \"properties\": {\"lastModifiedDateTime\": \"2026-11-24T23:00:00Z\", \"classifications\": [\"Security\"]}}]}",
                        "$.patchAssessments[0].properties.patchName", "missing; expected the package name"),
                Arguments.of("{\"machines\": [], \"patchAssessments\": [{\"id\": \"" + VM1 + "/patchAssessmentResults/latest/"
                        + "softwarePatches/x\", \"type\": \"microsoft.compute/virtualmachines/patchassessmentresults/softwarepatches\","
                        + " \"properties\": {\"patchName\": \"x\", \"lastModifiedDateTime\": \"2026-11-24T23:00:00Z\", "
                        + "\"classifications\": [\"Security\", 7]}}]}",
                        "$.patchAssessments[0].properties.classifications[1]", "expected a string, found a number"),
                // deployments
                Arguments.of("{\"machines\": [], \"deployments\": [{\"properties\": {}}]}", "$.deployments[0].name",
                        "missing; expected the deployment name"),
                Arguments.of("{\"machines\": [], \"deployments\": [{\"name\": \"pw-x\"}]}", "$.deployments[0].properties",
                        "missing; expected an object with updateConfiguration and scheduleInfo"),
                Arguments.of("{\"machines\": [], \"deployments\": [{\"name\": \"pw-x\", \"properties\": {}}]}",
                        "$.deployments[0].properties.updateConfiguration", "missing"),
                Arguments.of("{\"machines\": [], \"deployments\": [{" + SUC.formatted("", "").replace("PT2H", "2 hours") + "}]}",
                        "$.deployments[0].properties.updateConfiguration.duration", "invalid duration '2 hours'"),
                Arguments.of("{\"machines\": [], \"deployments\": [{" + SUC.formatted("", "").replace("PT2H", "PT0S") + "}]}",
                        "$.deployments[0].properties.updateConfiguration.duration", "is not positive"),
                Arguments.of("{\"machines\": [], \"deployments\": [{" + SUC.formatted("", "").replace("2026-11-29T12:00:00+01:00", "soon") + "}]}",
                        "$.deployments[0].properties.scheduleInfo.startTime", "invalid date-time 'soon'"),
                Arguments.of("{\"machines\": [], \"deployments\": [{\"name\": \"pw-x\", \"properties\": {\"updateConfiguration\": "
                        + "{\"duration\": \"PT2H\"}, \"scheduleInfo\": {}}}]}",
                        "$.deployments[0].properties.scheduleInfo.startTime", "missing"),
                Arguments.of("{\"machines\": [], \"deployments\": [{" + SUC.formatted("", ", \"timeZone\": \"Romance Standard Time\"") + "}]}",
                        "$.deployments[0].properties.scheduleInfo.timeZone", "expected an IANA time zone id"),
                Arguments.of("{\"machines\": [], \"deployments\": [{" + SUC.formatted("", ", \"nextRun\": \"tomorrow\"") + "}]}",
                        "$.deployments[0].properties.scheduleInfo.nextRun", "invalid date-time 'tomorrow'"),
                Arguments.of("{\"machines\": [], \"deployments\": [{" + SUC.formatted(", \"linux\": {\"rebootSetting\": \"Sometimes\"}", "") + "}]}",
                        "$.deployments[0].properties.updateConfiguration.linux.rebootSetting", "expected one of [Always, IfRequired, Never]"),
                Arguments.of("{\"machines\": [], \"deployments\": [{" + SUC.formatted(", \"linux\": {\"includedPackageNameMasks\": \"openssl\"}", "") + "}]}",
                        "$.deployments[0].properties.updateConfiguration.linux.includedPackageNameMasks", "expected an array of strings"),
                Arguments.of("{\"machines\": [], \"deployments\": [{" + SUC.formatted(", \"azureVirtualMachines\": [\"" + VM1 + "\", \"vm2\"]", "") + "}]}",
                        "$.deployments[0].properties.updateConfiguration.azureVirtualMachines[1]", "invalid resource id 'vm2'"),
                Arguments.of("{\"machines\": [], \"deployments\": [{\"name\": \"pw-x\", \"tags\": {\"managed-by\": \"patchwindow\"}, "
                        + "\"properties\": {\"updateConfiguration\": {\"duration\": \"PT2H\"}, \"startTime\": \"x\"}}]}",
                        "$.deployments[0].properties.startTime", "invalid date-time 'x'"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("malformed")
    void malformedSnapshot_messageNamesFileAndJsonPath(String json, String path, String expected) {
        Snapshot s = Snapshot.ofJson("fleet.json", json);

        SnapshotException e = catchThrowableOfType(SnapshotException.class, () -> {
            s.machines();
            s.readAssessments(r -> { });
            s.deployments("pw-");
        });

        assertThat(e).as("no exception for %s", json).isNotNull();
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.file()).isEqualTo("fleet.json");
        assertThat(e.getMessage()).startsWith("Invalid snapshot fleet.json: " + path + ": ").contains(expected)
                .doesNotContain("\n");
        assertThat(e.problem()).contains(expected);
    }

    static Stream<Arguments> afterTheRows() {
        String head = "{\"machines\": [" + VM + "], \"updates\": [{" + ROW + ", \"Product\": \"openssl\"}]";
        return Stream.of(
                Arguments.of(head + ", \"deployments\": [{,]}", "$.deployments[0]", "malformed JSON at line 1, column "
                        + (head.length() + 20) + ": Unexpected character (','"),
                Arguments.of(head + ", \"deployments\": {}}", "$.deployments", "expected an array of software update"),
                Arguments.of(head + ", \"deployments\": [{\"properties\": {}}]}", "$.deployments[0].name", "missing"),
                Arguments.of(head + ", \"machines\": []}", "$.machines", "duplicate key"),
                Arguments.of(head + ", \"updates\": []}", "$.updates", "duplicate key"),
                Arguments.of(head + "} {}", "$", "unexpected content after the end"),
                Arguments.of(head, "$.updates", "malformed JSON at line 1, column " + (head.length() + 1)
                        + ": Unexpected end-of-input: expected close marker for Object"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("afterTheRows")
    void problemAfterTheRows_sameErrorWhenReadInOnePassAsWhenDeploymentsAreReadFirst(String json, String path,
                                                                                    String expected) {
        // Machines, rows, deployments: the order in which the planner reads a snapshot in one pass.
        SnapshotException onePass = catchThrowableOfType(SnapshotException.class, () -> {
            Snapshot s = Snapshot.ofJson("fleet.json", json);
            s.machines();
            s.readAssessments(r -> { });
            s.deployments("pw-");
        });
        SnapshotException deploymentsFirst = catchThrowableOfType(SnapshotException.class,
                () -> Snapshot.ofJson("fleet.json", json).deployments("pw-"));

        assertThat(onePass).as("no exception for %s", json).isNotNull();
        assertThat(onePass.path()).isEqualTo(path);
        assertThat(onePass.problem()).contains(expected);
        assertThat(deploymentsFirst).isNotNull();
        assertThat(onePass.getMessage()).isEqualTo(deploymentsFirst.getMessage());
    }

    @org.junit.jupiter.api.Test
    void malformedRowsOfTheUnusedSectionAfterTheRows_reportedWithTheParserMessage() {
        String json = "{\"machines\": [" + VM + "], \"updates\": [{" + ROW + ", \"Product\": \"openssl\"}], "
                + "\"patchAssessments\": [{\"id\": 1,]}]}";
        Snapshot s = Snapshot.ofJson("fleet.json", json);

        SnapshotException e = catchThrowableOfType(SnapshotException.class, () -> {
            s.machines();
            s.readAssessments(r -> { });
            s.deployments("pw-");
        });

        assertThat(e).isNotNull();
        assertThat(e.path()).isEqualTo("$.patchAssessments[0].id");
        assertThat(e.problem()).startsWith("malformed JSON at line 1, column " + (json.indexOf(",]") + 2));
    }

    @org.junit.jupiter.api.Test
    void unparseableVmIdInARowOfUpdatesNamesTheRow() {
        String json = "{\"machines\": [], \"updates\": [{" + ROW + ", \"Product\": \"a\"}, {" + ROW + ", \"Product\": \"b\"},"
                + " {\"TimeGenerated\": \"2026-11-25T08:00:00Z\", \"ResourceId\": \"/subscriptions/" + SUB
                + "/resourceGroups/rg\", \"Product\": \"c\"}]}";

        SnapshotException e = catchThrowableOfType(SnapshotException.class,
                () -> Snapshot.ofJson("f.json", json).readAssessments(r -> { }));

        assertThat(e.path()).isEqualTo("$.updates[2].ResourceId");
    }
}
