package io.patchwindow.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.patchwindow.azure.assessment.LogAnalyticsAssessmentSource;
import io.patchwindow.azure.assessment.ResourceGraphAssessmentSource;
import io.patchwindow.azure.testing.Fault;
import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.AzureFleet;
import io.patchwindow.azure.testing.AzureFleetGenerator;
import io.patchwindow.core.assessment.AssessmentSink;
import io.patchwindow.core.assessment.Classification;
import io.patchwindow.core.assessment.UpdateRecord;
import io.patchwindow.core.port.AssessmentRequest;

class AssessmentEmulatorTest {
    static final Instant NOW = Instant.parse("2026-11-25T10:17:00Z");
    static final String WORKSPACE = "63613592-b6f7-4c3d-a390-22ba13102111";
    static final String SUB = AzureFleetGenerator.subscriptionId(11, 0);
    static final String ACCOUNT = "/subscriptions/" + SUB + "/resourceGroups/rg-ops/providers/Microsoft.Automation"
            + "/automationAccounts/aa-patch";
    static final String WORKSPACE_ARM = "/subscriptions/" + SUB + "/resourceGroups/rg-ops/providers"
            + "/Microsoft.OperationalInsights/workspaces/law-patch";
    static AzureEmulator azure;

    @BeforeAll
    static void start() {
        AzureFleet fleet = AzureFleetGenerator.generate(200, 2, 11, NOW).linkedWorkspace(ACCOUNT, WORKSPACE_ARM, WORKSPACE);
        azure = AzureEmulator.start(fleet);
    }

    @AfterAll
    static void stop() {
        azure.close();
    }

    @BeforeEach
    void reset() {
        azure.clearFaults();
        azure.resetCounters();
        azure.graphPageSize(1000);
    }

    static AssessmentRequest request(Duration maxAge) {
        List<String> ids = new ArrayList<>();
        azure.fleet().machines().forEach(m -> ids.add(m.get("id").asText()));
        return new AssessmentRequest(ids, NOW.minus(maxAge));
    }

    static final class Collecting implements AssessmentSink {
        final List<UpdateRecord> records = new ArrayList<>();
        final Map<String, Instant> reported = new TreeMap<>();
        final List<String> warnings = new ArrayList<>();

        @Override
        public void accept(UpdateRecord record) {
            records.add(record);
        }

        @Override
        public void machineReported(String machineId, Instant at) {
            reported.put(machineId, at);
        }

        @Override
        public void warning(String message) {
            warnings.add(message);
        }
    }

    @Test
    void logAnalytics_readsTheRunbookQuery_newestNeededSecurityRowsSinceNotBefore() {
        Collecting sink = new Collecting();
        Emulated.connect(azure).logAnalyticsAssessment(WORKSPACE).read(request(Duration.ofHours(5)), sink);
        assertThat(sink.records).isNotEmpty();
        assertThat(sink.warnings).isEmpty();
        assertThat(sink.records).allSatisfy(r -> {
            assertThat(r.needed()).isTrue();
            assertThat(r.time()).isAfterOrEqualTo(NOW.minus(Duration.ofHours(5)));
            assertThat(r.classifications()).containsAnyOf(Classification.SECURITY, Classification.CRITICAL);
            assertThat(r.machineId()).startsWith("/subscriptions/");
        });
        // arg_max: one row per machine, package and arch
        assertThat(sink.records.stream().map(r -> r.machineId() + r.computer() + r.product() + r.arch()).distinct())
                .hasSize(sink.records.size());
        String body = azure.requests().get(0).body();
        assertThat(body).contains("arg_max(TimeGenerated, *) by ResourceId, Computer, SourceComputerId, Product, ProductArch")
                .contains("datetime(2026-11-25T05:17:00Z)")
                .containsPattern("\"timespan\":\"2026-11-25T05:17(:00)?Z/20");
        assertThat(azure.requestCount("/v1/workspaces/" + WORKSPACE + "/query")).isEqualTo(1);
    }

    @Test
    void logAnalytics_workspaceFromAutomationAccount_isLookedUpOnce() {
        LogAnalyticsAssessmentSource source = Emulated.connect(azure).logAnalyticsAssessmentForAutomationAccount(ACCOUNT);
        Collecting first = new Collecting();
        source.read(request(Duration.ofHours(5)), first);
        Collecting second = new Collecting();
        source.read(request(Duration.ofHours(5)), second);
        assertThat(second.records).isEqualTo(first.records).isNotEmpty();
        assertThat(azure.requestCount("/linkedWorkspace$")).isEqualTo(1);
        assertThat(azure.requestCount("/workspaces/law-patch$")).isEqualTo(1);
        assertThat(azure.requestCount("/query$")).isEqualTo(2);
    }

    @Test
    void logAnalytics_partialAnswer_isReportedAsWarning() {
        azure.inject("/query$", Fault.partialError(), 1);
        Collecting sink = new Collecting();
        Emulated.connect(azure).logAnalyticsAssessment(WORKSPACE).read(request(Duration.ofHours(5)), sink);
        assertThat(sink.warnings).singleElement().asString().contains("partial").contains("PartialError");
    }

    @Test
    void logAnalytics_throttledAndServerErrors_areRetried() {
        Collecting expected = new Collecting();
        Emulated.connect(azure).logAnalyticsAssessment(WORKSPACE).read(request(Duration.ofHours(5)), expected);
        azure.resetCounters();
        azure.inject("/query$", Fault.throttle(Duration.ZERO), 1);
        azure.inject("/query$", Fault.status(500, "InternalServerError"), 1);
        Collecting sink = new Collecting();
        Emulated.connect(azure).logAnalyticsAssessment(WORKSPACE).read(request(Duration.ofHours(5)), sink);
        assertThat(sink.records).isEqualTo(expected.records);
        assertThat(azure.requestCount("/query$")).isEqualTo(3);
    }

    @Test
    void logAnalytics_persistentFailure_keepsTheErrorCode() {
        azure.inject("/query$", Fault.status(403, "InsufficientAccessError"), -1);
        assertThatThrownBy(() -> Emulated.connect(azure).logAnalyticsAssessment(WORKSPACE)
                .read(request(Duration.ofHours(5)), new Collecting()))
                .isInstanceOfSatisfying(AzureAdapterException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(403);
                    assertThat(e.errorCode()).isEqualTo("InsufficientAccessError");
                    assertThat(e.getMessage()).contains("InsufficientAccessError");
                });
    }

    @Test
    void logAnalytics_unknownAutomationAccount_keepsTheArmErrorCode() {
        String other = ACCOUNT.replace("aa-patch", "aa-missing");
        assertThatThrownBy(() -> Emulated.connect(azure).logAnalyticsAssessmentForAutomationAccount(other)
                .read(request(Duration.ofHours(5)), new Collecting()))
                .isInstanceOfSatisfying(AzureAdapterException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo("ResourceNotFound");
                });
    }

    @Test
    void logAnalytics_rejectsANonGuidWorkspace() {
        assertThatThrownBy(() -> Emulated.connect(azure).logAnalyticsAssessment("law-patch"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected a GUID");
        assertThatThrownBy(() -> Emulated.connect(azure).logAnalyticsAssessmentForAutomationAccount(WORKSPACE_ARM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Automation account");
    }

    @Test
    void resourceGraphAssessment_mapsSoftwarePatchesAndSummaries() {
        azure.graphPageSize(50);
        Collecting sink = new Collecting();
        ResourceGraphAssessmentSource source = Emulated.connect(azure).resourceGraphAssessment(List.of());
        source.read(request(Duration.ofDays(2)), sink);
        long patches = azure.fleet().patchAssessments().stream()
                .filter(r -> r.get("type").asText().endsWith("/softwarepatches")).count();
        long summaries = azure.fleet().patchAssessments().size() - patches;
        assertThat(sink.records).hasSize((int) patches);
        assertThat(sink.reported).hasSize((int) summaries);
        assertThat(sink.records).allSatisfy(r -> {
            assertThat(r.needed()).isTrue();
            assertThat(r.arch()).isEmpty();
            assertThat(r.machineId()).doesNotContainIgnoringCase("patchAssessmentResults");
            assertThat(sink.reported).containsKey(r.machineId());
        });
        int rows = azure.fleet().patchAssessments().size();
        assertThat(source.lastRequestCount()).isEqualTo((rows + 49) / 50);
        assertThat(azure.requestCount("ResourceGraph")).isEqualTo((rows + 49) / 50);
    }
}
