package io.patchwindow.azure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchwindow.azure.testing.EmulatorFixture;
import io.patchwindow.azure.testing.CliRun;
import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.Fault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 16: the command line against the emulator with Azure's limits switched on (scaled down so that tests
 * stay fast): Log Analytics' result limits (rows, bytes) and a partial answer for another reason, Resource
 * Graph's per-user quota with and without {@code Retry-After}, a failed page in the middle, a truncated
 * answer. Each asserts the plan and the exit code: a cut answer never yields a partial plan.
 */
class AzureLimitsCliTest {
    static final String NOW = "2026-11-25T10:17:00Z";
    static final String WORKSPACE = EmulatorFixture.WORKSPACE;
    static final ObjectMapper JSON = new ObjectMapper();
    static AzureEmulator azure;
    static String subscriptions;
    /** The plans with no limit reached, per assessment source. */
    static String logAnalyticsBaseline;
    static String resourceGraphBaseline;
    static int updateRows;

    @BeforeAll
    static void start() {
        EmulatorFixture setup = EmulatorFixture.generate(800, 3, 16, Instant.parse(NOW));
        azure = setup.start().graphPageSize(100);
        subscriptions = setup.subscriptions();
        updateRows = setup.fleet().updateRows().size();
        CliRun la = run(logAnalytics());
        assertThat(la.code()).as(la.err()).isZero();
        logAnalyticsBaseline = la.out();
        assertThat(azure.logAnalyticsCounts()).containsExactly(1, 0);
        CliRun rg = run(resourceGraph());
        assertThat(rg.code()).as(rg.err()).isZero();
        resourceGraphBaseline = rg.out();
    }

    @AfterAll
    static void stop() {
        azure.close();
    }

    @BeforeEach
    void reset() {
        azure.clearFaults();
        azure.resetCounters();
        azure.logAnalyticsLimits(500_000, 64L * 1024 * 1024);
        azure.graphPageSize(100);
        azure.graphTruncatesWithoutSkipToken(false);
        azure.noGraphQuota();
    }

    static CliRun run(String... args) {
        return CliRun.run(EmulatorFixture.connector(azure, "limits-token", 3, Duration.ofMillis(10)), args);
    }

    static String[] logAnalytics() {
        return List.of("plan", "--now", NOW, "--environments", "Q,R", "--output", "json", "--subscription",
                subscriptions, "--workspace-id", WORKSPACE).toArray(new String[0]);
    }

    static String[] resourceGraph() {
        return List.of("plan", "--now", NOW, "--environments", "Q,R", "--output", "json", "--subscription",
                subscriptions, "--assessment", "resource-graph").toArray(new String[0]);
    }

    /** Machine id to its planned packages. */
    static Map<String, List<String>> planned(String planJson) throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        for (JsonNode d : JSON.readTree(planJson).path("deployments")) {
            List<String> packages = new ArrayList<>();
            d.path("packages").forEach(p -> packages.add(p.asText()));
            d.path("machineIds").forEach(id -> out.put(id.asText(), packages));
        }
        return out;
    }

    /** Machine id to its skip reason. */
    static Map<String, String> skipped(String planJson) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode s : JSON.readTree(planJson).path("skipped")) {
            out.put(s.path("machineId").asText(), s.path("reason").asText());
        }
        return out;
    }

    // ------------------------------------------------------------------------------------- Log Analytics

    @Test
    void logAnalytics_rowLimit_cutAnswerIsSplitAndMerged_samePlanAsWithoutTheLimit() throws Exception {
        // issue 16: a cut answer planned some machines, skipped the rest as NO_ASSESSMENT and exited 0
        assertThat(updateRows).as("the fleet passes the limit below").isGreaterThan(1000);
        azure.logAnalyticsLimits(300, Long.MAX_VALUE);
        CliRun r = run(logAnalytics());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(logAnalyticsBaseline);
        assertThat(planned(r.out())).isNotEmpty();
        int[] counts = azure.logAnalyticsCounts();
        assertThat(counts[1]).as("partial answers").isPositive();
        assertThat(counts[0]).as("queries: the whole, then parts").isGreaterThan(counts[1] + 1);
        assertThat(azure.requests()).filteredOn(q -> q.path().endsWith("/query")).extracting(q -> q.body())
                .anyMatch(b -> b.contains("| where hash(ResourceId, 2) == 0"));
    }

    @Test
    void logAnalytics_byteLimit_cutAnswerIsSplitAndMerged_samePlanAsWithoutTheLimit() {
        azure.logAnalyticsLimits(500_000, 40_000);
        CliRun r = run(logAnalytics());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(logAnalyticsBaseline);
        assertThat(azure.logAnalyticsCounts()[1]).as("partial answers").isPositive();
    }

    @Test
    void logAnalytics_partialAnswerForAnotherReason_skipsEveryMachineIncomplete_exit1() throws Exception {
        azure.inject("/query$", Fault.partialError(), 1);
        CliRun r = run(logAnalytics());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(planned(r.out())).isEmpty();
        Map<String, String> baselineSkips = skipped(logAnalyticsBaseline);
        Map<String, String> skips = skipped(r.out());
        for (String machine : planned(logAnalyticsBaseline).keySet()) {
            assertThat(skips).containsEntry(machine, "ASSESSMENT_INCOMPLETE");
        }
        assertThat(skips).doesNotContainValue("NO_ASSESSMENT").doesNotContainValue("STALE_ASSESSMENT");
        assertThat(baselineSkips).containsValue("NO_ASSESSMENT"); // the same machines were NO_ASSESSMENT before
        assertThat(JSON.readTree(r.out()).path("skipped").findValuesAsText("detail"))
                .anyMatch(d -> d.contains("PartialError/E_LOW_MEMORY_CONDITION"));
        assertThat(r.err()).contains("incomplete for");
    }

    @Test
    void logAnalytics_partialAnswerInOnePart_skipsOnlyMachinesNoCompletePartReported_exit1() throws Exception {
        azure.logAnalyticsLimits(300, Long.MAX_VALUE);
        azure.injectAfter("/query$", Fault.partialError(), 2, 1); // the whole (cut), part 0 of 2, then part 1 of 2
        CliRun r = run(logAnalytics());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        Map<String, List<String>> baseline = planned(logAnalyticsBaseline);
        Map<String, List<String>> now = planned(r.out());
        Map<String, String> skips = skipped(r.out());
        assertThat(now).isNotEmpty();
        now.forEach((machine, packages) -> assertThat(baseline).containsEntry(machine, packages));
        for (String machine : baseline.keySet()) {
            if (!now.containsKey(machine)) {
                assertThat(skips).containsEntry(machine, "ASSESSMENT_INCOMPLETE");
            }
        }
        assertThat(skips).containsValue("ASSESSMENT_INCOMPLETE");
    }

    // ------------------------------------------------------------------------------------- Resource Graph

    @Test
    void resourceGraph_packedPartsTruncated_areSplitUntilComplete_samePlan() {
        azure.graphPageSize(40); // a summarize is not paged: parts of more than 40 machines come back truncated
        CliRun r = run(resourceGraph());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(resourceGraphBaseline);
        assertThat(azure.requests()).extracting(q -> q.body()).anyMatch(b -> b.contains("hash(machineId, 32) == "));
    }

    @Test
    void resourceGraph_quotaWithRetryAfter_pacedByTheHeaders_samePlan() {
        azure.graphQuota(10, Duration.ofSeconds(1), true);
        CliRun r = run(resourceGraph());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(resourceGraphBaseline);
        int[] counts = azure.graphCounts();
        assertThat(counts[0]).as("queries: more than one window's").isGreaterThan(10);
        assertThat(counts[1]).as("429s: the client waits for the window instead").isZero();
    }

    @ParameterizedTest(name = "Retry-After sent: {0}")
    @ValueSource(booleans = {false, true})
    void resourceGraph_quotaExhausted_withOrWithoutRetryAfter_samePlan(boolean retryAfter) {
        // without Retry-After the 429s outlast the pipeline's 3 quick retries: the pager waits what the quota
        // header says and sends the page again
        azure.graphPageSize(1000);
        azure.graphQuota(4, Duration.ofSeconds(1), retryAfter);
        azure.exhaustGraphQuota("limits-token");
        CliRun r = run(resourceGraph());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(resourceGraphBaseline);
        assertThat(azure.graphCounts()[1]).as("429s").isPositive();
    }

    @Test
    void resourceGraph_failedPageInTheMiddle_transient_isRetried_samePlan() {
        azure.injectAfter("ResourceGraph", Fault.status(500, "InternalServerError"), 3, 2);
        CliRun r = run(resourceGraph());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(resourceGraphBaseline);
    }

    @Test
    void resourceGraph_failedPageInTheMiddle_persistent_noPlanAtAll_exit3() {
        // the inventory's fourth page fails after the retries: never a plan from the pages before it
        azure.injectAfter("ResourceGraph", Fault.status(503, "ServiceUnavailable"), 3, -1);
        CliRun r = run(resourceGraph());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("ServiceUnavailable");
    }

    @Test
    void resourceGraph_failedAssessmentPage_persistent_noPlanAtAll_exit3() {
        int inventoryPages = (azure.fleet().machines().size() + 99) / 100;
        azure.injectAfter("ResourceGraph", Fault.status(500, "InternalServerError"), inventoryPages + 1, -1);
        CliRun r = run(resourceGraph());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("Resource Graph assessment query").contains("InternalServerError");
    }

    @Test
    void resourceGraph_truncatedInventory_noPlanAtAll_exit3() {
        azure.graphTruncatesWithoutSkipToken(true);
        CliRun r = run(resourceGraph());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("truncated the result").contains("refusing a partial answer");
    }
}
