package io.patchwindow.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.patchwindow.azure.assessment.PatchAssessmentRow;
import io.patchwindow.azure.assessment.ResourceGraphAssessmentSource;
import io.patchwindow.azure.assessment.UpdateRow;
import io.patchwindow.azure.export.SnapshotWriter;
import io.patchwindow.azure.inventory.ArmMachines;
import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.AzureFleet;
import io.patchwindow.azure.testing.AzureFleetGenerator;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.plan.Plan;
import io.patchwindow.core.plan.Planner;
import io.patchwindow.core.plan.Policy;
import io.patchwindow.core.port.AssessmentRequest;
import io.patchwindow.core.port.AssessmentSource;

/**
 * 2,500 machines over 5 subscriptions: Resource Graph, ARM and the exported snapshot give the same machines
 * and the same plan.
 */
class FleetEndToEndTest {
    static final Instant NOW = Instant.parse("2026-11-25T10:17:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String WORKSPACE = "0f4e5d6c-7b8a-4c9d-8e1f-2a3b4c5d6e7f";
    static final int MACHINES = 2500;
    static final ObjectMapper JSON = new ObjectMapper();

    static AzureEmulator azure;
    static List<String> subscriptions;

    @BeforeAll
    static void start() {
        AzureFleet fleet = AzureFleetGenerator.generate(MACHINES, 5, 2026, NOW);
        String sub = fleet.subscriptions().get(0);
        fleet.linkedWorkspace("/subscriptions/" + sub + "/resourceGroups/ops/providers/Microsoft.Automation"
                + "/automationAccounts/aa", "/subscriptions/" + sub + "/resourceGroups/ops/providers"
                + "/Microsoft.OperationalInsights/workspaces/law", WORKSPACE);
        azure = AzureEmulator.start(fleet).armPageSize(100);
        subscriptions = fleet.subscriptions();
    }

    @AfterAll
    static void stop() {
        azure.close();
    }

    @Test
    void graphArmAndSnapshot_giveTheSameMachinesAndPlan() throws Exception {
        PatchwindowAzure pw = Emulated.connect(azure);

        azure.resetCounters();
        List<Machine> graph = pw.resourceGraphInventory(subscriptions).machines();
        int graphRequests = azure.requestCount("/providers/Microsoft.ResourceGraph/resources");
        // one batch of 5 subscriptions: ceil(2500 / 1000) = 3 pages
        assertThat(graphRequests).isEqualTo(3).isLessThanOrEqualTo((MACHINES + 999) / 1000 + 1);
        assertThat(azure.requests()).allMatch(r -> r.path().contains("ResourceGraph"));

        azure.resetCounters();
        List<Machine> arm = pw.armInventory(subscriptions).machines();
        // per subscription and type: ceil(n / 100) pages, at least one
        assertThat(azure.requestCount("virtualMachines")).isEqualTo(expectedArmPages("Microsoft.Compute/virtualMachines"));
        assertThat(azure.requestCount("HybridCompute")).isEqualTo(expectedArmPages("Microsoft.HybridCompute/machines"));

        assertThat(graph).hasSize(MACHINES);
        assertThat(arm).isEqualTo(graph);

        Policy policy = Policy.defaults();
        Planner planner = Planner.of(policy);
        AssessmentSource la = pw.logAnalyticsAssessment(WORKSPACE);
        Plan fromGraph = planner.plan(graph, la, List.of(), CLOCK);
        Plan fromArm = planner.plan(arm, la, List.of(), CLOCK);
        assertThat(fromGraph.planned()).isGreaterThan(100);
        assertThat(fromArm).isEqualTo(fromGraph);
        assertThat(fromArm.toMap()).isEqualTo(fromGraph.toMap());

        // export, read back with Jackson, plan again
        List<String> ids = graph.stream().map(Machine::id).toList();
        AssessmentRequest request = new AssessmentRequest(ids, NOW.minus(policy.maxAssessmentAge()));
        byte[] snapshot = export(pw, graph, request);
        assertThat(export(pw, graph, request)).isEqualTo(snapshot);
        JsonNode root = JSON.readTree(snapshot);
        List<Machine> fromSnapshot = new ArrayList<>();
        root.get("machines").forEach(m -> fromSnapshot.add(ArmMachines.fromJson(m)));
        assertThat(fromSnapshot).isEqualTo(graph);
        AssessmentSource snapshotUpdates = (req, sink) -> root.get("updates").forEach(r -> sink.accept(new UpdateRow(
                Instant.parse(r.get("TimeGenerated").asText()), r.get("ResourceId").asText(),
                r.get("Computer").asText(), r.get("SourceComputerId").asText(), r.get("Product").asText(),
                r.get("ProductArch").asText(), r.get("ProductVersion").asText(), r.get("Classification").asText(),
                r.get("UpdateState").asText(), r.get("OSType").asText()).toRecord()));
        assertThat(planner.plan(fromSnapshot, snapshotUpdates, List.of(), CLOCK)).isEqualTo(fromGraph);

        // Resource Graph assessments: live and through the snapshot give the same plan
        Policy rgPolicy = Policy.defaults().toBuilder().maxAssessmentAge(Duration.ofDays(2)).build();
        Planner rgPlanner = Planner.of(rgPolicy);
        Plan rgLive = rgPlanner.plan(graph, pw.resourceGraphAssessment(List.of()), List.of(), CLOCK);
        assertThat(rgLive.planned()).isGreaterThan(100);
        AssessmentSource snapshotPatches = (req, sink) -> root.get("patchAssessments").forEach(r -> {
            PatchAssessmentRow row = ResourceGraphAssessmentSource.toRow(r);
            if (row.isSoftwarePatch()) {
                sink.accept(row.toRecord());
            } else {
                sink.machineReported(row.machineId(), row.lastModifiedDateTime());
            }
        });
        assertThat(rgPlanner.plan(fromSnapshot, snapshotPatches, List.of(), CLOCK)).isEqualTo(rgLive);
    }

    @Test
    void resourceGraph_subscriptionBatches_eachPagedWithinTheBound() {
        PatchwindowAzure pw = Emulated.configure(azure).withSubscriptionBatchSize(2)
                .authenticate(AzureEmulator.credential(Emulated.TOKEN), azure.profile());
        azure.resetCounters();
        assertThat(pw.resourceGraphInventory(List.of()).machines()).hasSize(MACHINES);
        // subscriptions list + batches of 2, 2 and 1 subscriptions (1000, 1000, 500 rows: one page each)
        assertThat(azure.requestCount("^/subscriptions$")).isEqualTo(1);
        assertThat(azure.requestCount("ResourceGraph")).isEqualTo(3);
    }

    private static int expectedArmPages(String type) {
        int pages = 0;
        for (String sub : subscriptions) {
            long n = azure.fleet().machines().stream().filter(m -> m.get("type").asText().equals(type))
                    .filter(m -> m.get("id").asText().startsWith("/subscriptions/" + sub + "/")).count();
            pages += Math.max(1, (int) ((n + 99) / 100));
        }
        return pages;
    }

    private static byte[] export(PatchwindowAzure pw, List<Machine> machines, AssessmentRequest request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SnapshotWriter w = SnapshotWriter.create(out)) {
            w.machines(machines);
            w.updates(pw.logAnalyticsAssessment(WORKSPACE), request);
            w.patchAssessments(pw.resourceGraphAssessment(List.of()), request);
            assertThat(w.warnings()).isEmpty();
        }
        return out.toByteArray();
    }
}
