package io.patchwindow.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.patchwindow.azure.assessment.UpdateRow;
import io.patchwindow.azure.inventory.ArmMachines;
import io.patchwindow.azure.inventory.ResourceGraphInventory;
import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.RecordedRequest;
import io.patchwindow.azure.testing.AzureFleetGenerator;
import io.patchwindow.core.assessment.UpdateRecord;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.inventory.MachineKind;
import io.patchwindow.core.port.AssessmentRequest;

/**
 * Contract tests against the official REST specifications in {@code ../shared/azure-specs} (system property
 * {@code patchwindow.shared}): request bodies satisfy the schema, example responses parse into core objects.
 * Skipped, loudly, where the folder is absent.
 */
class SpecContractTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SUB = "cfbbd179-59d2-4052-aa06-9270a38aa9d6";
    static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    /** Skips each test (so that the build log counts every one as skipped) when the specs are absent. */
    @org.junit.jupiter.api.BeforeEach
    void requireSpecs() {
        SharedSpecs.require();
    }

    static JsonNode spec(String file) throws IOException {
        return SharedSpecs.read(file);
    }

    @Test
    void everyResourceGraphRequestBody_satisfiesTheQueryRequestSchema() throws IOException {
        SwaggerSubset schema = new SwaggerSubset(spec("resourcegraph-2021-03-01/resourcegraph.json"));
        // the validator accepts the spec's own examples and rejects a broken body
        assertThat(schema.validate(spec("resourcegraph-2021-03-01/examples/ResourcesBasicQuery.json")
                .path("parameters").path("query"), "QueryRequest")).isEmpty();
        assertThat(schema.validate(JSON.readTree("{\"subscriptions\":\"x\",\"options\":{\"$top\":5000,"
                + "\"resultFormat\":\"csv\"}}"), "QueryRequest")).hasSize(4);

        Instant now = Instant.parse("2026-11-25T10:17:00Z");
        try (AzureEmulator azure = AzureEmulator.start(AzureFleetGenerator.generate(120, 3, 5, now)).graphPageSize(25)) {
            PatchwindowAzure pw = Emulated.connect(azure);
            pw.resourceGraphInventory(List.of()).machines();
            List<String> ids = pw.resourceGraphInventory(List.of()).machines().stream().map(Machine::id).toList();
            pw.resourceGraphAssessment(List.of()).read(new AssessmentRequest(ids, now.minus(Duration.ofDays(2))),
                    r -> { });
            List<RecordedRequest> bodies = azure.requests().stream()
                    .filter(r -> r.path().contains("ResourceGraph")).toList();
            assertThat(bodies).hasSizeGreaterThan(10);
            assertThat(bodies).anyMatch(r -> r.body().contains("$skipToken"));
            for (RecordedRequest r : bodies) {
                assertThat(schema.validate(JSON.readTree(r.body()), "QueryRequest")).as(r.body()).isEmpty();
            }
        }
    }

    @Test
    void resourceGraphExamples_parse_andTheSkipTokenIsResentWithTheSameQueryAndScopes() throws IOException {
        JsonNode next = spec("resourcegraph-2022-10-01/examples/ResourcesNextPageQuery.json");
        JsonNode basic = spec("resourcegraph-2021-03-01/examples/ResourcesBasicQuery.json");
        String nextBody = next.at("/responses/200/body").toString();
        String basicBody = basic.at("/responses/200/body").toString();
        List<String> answers = new ArrayList<>(List.of(nextBody, basicBody));
        CannedTransport transport = new CannedTransport(req -> answers.remove(0));
        PatchwindowAzure pw = PatchwindowAzure.configure().withHttpClient(transport)
                .authenticate(AzureEmulator.credential("t"), new AzureProfile(TENANT, SUB, AzureEnvironment.AZURE));
        ResourceGraphInventory inventory = pw.resourceGraphInventory(List.of(SUB));
        // the examples hold disks, accounts and network resources: parsed, then not machines
        assertThat(inventory.machines()).isEmpty();
        assertThat(inventory.lastRequestCount()).isEqualTo(2);
        assertThat(transport.sent).hasSize(2).allMatch(s -> s.url()
                .startsWith("https://management.azure.com/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01"));
        JsonNode first = JSON.readTree(transport.sent.get(0).body());
        JsonNode second = JSON.readTree(transport.sent.get(1).body());
        assertThat(second.path("options").path("$skipToken").asText()).isEqualTo(next.at("/responses/200/body/$skipToken").asText());
        assertThat(second.get("query")).isEqualTo(first.get("query"));
        assertThat(second.get("subscriptions")).isEqualTo(first.get("subscriptions"));
        assertThat(first.path("options").has("$skipToken")).isFalse();
    }

    @Test
    void hybridComputeMachinesGet_parsesIntoAnArcMachine_alsoThroughTheArmInventory() throws IOException {
        JsonNode body = JSON.readTree(spec("hybridcompute-2024-07-10/examples/Machines_Get.json")
                .at("/responses/200/body").toString().replace("{subscriptionId}", SUB));
        Machine direct = ArmMachines.fromJson(body);
        assertThat(direct.kind()).isEqualTo(MachineKind.ARC_SERVER);
        assertThat(direct.name()).isEqualTo("myMachine");
        assertThat(direct.location()).isEqualTo("eastus2euap");
        assertThat(direct.tags()).isEmpty();
        assertThat(direct.os().osName()).isNull();

        CannedTransport transport = new CannedTransport(req -> req.getUrl().getPath().contains("HybridCompute")
                ? "{\"value\":[" + body + "]}" : "{\"value\":[]}");
        PatchwindowAzure pw = PatchwindowAzure.configure().withHttpClient(transport)
                .authenticate(AzureEmulator.credential("t"),
                        new AzureProfile(TENANT, SUB, AzureEnvironment.AZURE_US_GOVERNMENT));
        assertThat(pw.armInventory(List.of(SUB)).machines()).containsExactly(direct);
        assertThat(transport.sent).extracting(CannedTransport.Sent::url).containsExactly(
                "https://management.usgovcloudapi.net/subscriptions/" + SUB
                        + "/providers/Microsoft.Compute/virtualMachines?api-version=2025-04-01",
                "https://management.usgovcloudapi.net/subscriptions/" + SUB
                        + "/providers/Microsoft.HybridCompute/machines?api-version=2024-07-10");
    }

    @Test
    void logAnalyticsExample_parsesIntoRows_andRowsWithoutProductAreReported() throws IOException {
        JsonNode example = spec("loganalytics-dataplane-v1/examples/oms-post-example.json");
        CannedTransport transport = new CannedTransport(req -> example.at("/responses/200/body").toString());
        PatchwindowAzure pw = PatchwindowAzure.configure().withHttpClient(transport)
                .authenticate(AzureEmulator.credential("t"), new AzureProfile(TENANT, SUB, AzureEnvironment.AZURE));
        String workspace = example.at("/parameters/workspaceId").asText();
        AssessmentRequest request = new AssessmentRequest(List.of(), Instant.parse("2017-08-24T00:00:00Z"));
        List<UpdateRow> rows = new ArrayList<>();
        pw.logAnalyticsAssessment(workspace).readRows(request, rows::add);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).computer()).isEqualTo("ContosoSQLSrv1");
        assertThat(rows.get(0).timeGenerated()).isEqualTo(Instant.parse("2017-08-24T06:59:59Z"));
        assertThat(transport.sent).singleElement().extracting(CannedTransport.Sent::url)
                .isEqualTo("https://api.loganalytics.io/v1/workspaces/" + workspace + "/query");

        List<UpdateRecord> records = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        pw.logAnalyticsAssessment(workspace).read(request, new io.patchwindow.core.assessment.AssessmentSink() {
            @Override
            public void accept(UpdateRecord record) {
                records.add(record);
            }

            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        });
        // Rows without Product reach the sink as blank names: the reducer ignores them, one warning per machine.
        assertThat(records).hasSize(2).allSatisfy(r -> assertThat(r.product()).isEmpty());
        assertThat(warnings).isEmpty();
    }
}
