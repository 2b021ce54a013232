package io.patchwindow.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.RecordedRequest;
import io.patchwindow.azure.testing.Fault;
import io.patchwindow.azure.testing.AzureFleetGenerator;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.inventory.MachineKind;

class InventoryEmulatorTest {
    static final Instant NOW = Instant.parse("2026-11-25T10:17:00Z");
    static AzureEmulator azure;

    @BeforeAll
    static void start() {
        azure = AzureEmulator.start(AzureFleetGenerator.generate(300, 3, 7, NOW)).armPageSize(40);
    }

    @AfterAll
    static void stop() {
        azure.close();
    }

    @BeforeEach
    void reset() {
        azure.clearFaults();
        azure.resetCounters();
        azure.graphPageSize(1000).graphTruncatesWithoutSkipToken(false);
    }

    @Test
    void resourceGraph_listsEveryMachine_pagedWithSkipToken() {
        azure.graphPageSize(70);
        List<Machine> machines = Emulated.connect(azure).resourceGraphInventory(List.of()).machines();
        assertThat(machines).hasSize(300);
        assertThat(machines).filteredOn(m -> m.kind() == MachineKind.ARC_SERVER).hasSize(60);
        // ceil(300 / 70) = 5 pages for one batch of 3 subscriptions, plus the subscription list
        assertThat(azure.requestCount("ResourceGraph")).isEqualTo(5);
        assertThat(azure.requestCount("^/subscriptions$")).isEqualTo(1);
        assertThat(azure.requests()).allMatch(RecordedRequest::bearer);
    }

    @Test
    void resourceGraph_andArm_giveEqualMachines() {
        PatchwindowAzure pw = Emulated.connect(azure);
        List<Machine> graph = pw.resourceGraphInventory(azure.fleet().subscriptions()).machines();
        List<Machine> arm = pw.armInventory(azure.fleet().subscriptions()).machines();
        assertThat(arm).hasSize(300).isEqualTo(graph);
        // VMs: 240 / 3 subscriptions = 80 per subscription = 2 pages of 40 (+ no third); Arc 20 each = 1 page
        assertThat(azure.requestCount("virtualMachines")).isEqualTo(6);
        assertThat(azure.requestCount("HybridCompute")).isEqualTo(3);
    }

    @Test
    void resourceGraph_truncatedWithoutSkipToken_isAnError() {
        azure.graphPageSize(100).graphTruncatesWithoutSkipToken(true);
        PatchwindowAzure pw = Emulated.connect(azure);
        assertThatThrownBy(() -> pw.resourceGraphInventory(azure.fleet().subscriptions()).machines())
                .isInstanceOf(AzureAdapterException.class)
                .hasMessageContaining("truncated")
                .extracting(e -> ((AzureAdapterException) e).errorCode()).isEqualTo("ResultTruncated");
    }

    @Test
    void throttlingAndServerErrors_areRetried_andTheResultIsComplete() {
        azure.graphPageSize(100);
        azure.inject("ResourceGraph", Fault.throttle(Duration.ZERO), 2);
        azure.inject("ResourceGraph", Fault.status(500, "InternalServerError"), 1);
        azure.inject("HybridCompute", Fault.status(503, "ServiceUnavailable"), 1);
        azure.inject("virtualMachines", Fault.throttle(Duration.ofSeconds(1)), 1);
        PatchwindowAzure pw = Emulated.connect(azure);
        assertThat(pw.resourceGraphInventory(azure.fleet().subscriptions()).machines()).hasSize(300);
        assertThat(azure.requestCount("ResourceGraph")).isEqualTo(3 + 3);
        assertThat(pw.armInventory(azure.fleet().subscriptions()).machines()).hasSize(300);
    }

    @Test
    void slowAnswersAndRandomThrottling_stillGiveTheCompleteResult() {
        azure.graphPageSize(100);
        azure.inject("ResourceGraph", Fault.delay(Duration.ofMillis(300)), 1);
        azure.injectRandomly("virtualMachines|HybridCompute", Fault.throttle(Duration.ZERO), 0.3, 42);
        PatchwindowAzure pw = Emulated.connect(azure);
        List<Machine> graph = pw.resourceGraphInventory(azure.fleet().subscriptions()).machines();
        assertThat(pw.armInventory(azure.fleet().subscriptions()).machines()).hasSize(300).isEqualTo(graph);
        assertThat(azure.requestCount("virtualMachines|HybridCompute")).isGreaterThan(9);
    }

    @Test
    void persistentFailure_raisesAdapterException_withArmErrorCode() {
        azure.inject("ResourceGraph", Fault.status(403, "AuthorizationFailed"), -1);
        PatchwindowAzure pw = Emulated.connect(azure);
        assertThatThrownBy(() -> pw.resourceGraphInventory(azure.fleet().subscriptions()).machines())
                .isInstanceOfSatisfying(AzureAdapterException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("AuthorizationFailed");
                    assertThat(e.httpStatus()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("HTTP 403").contains("AuthorizationFailed");
                    assertThat(e.getCause()).isNotNull();
                });
        azure.clearFaults();
        azure.inject("HybridCompute", Fault.status(500, "InternalServerError"), -1);
        assertThatThrownBy(() -> pw.armInventory(azure.fleet().subscriptions()).machines())
                .isInstanceOfSatisfying(AzureAdapterException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("InternalServerError");
                    assertThat(e.httpStatus()).isEqualTo(500);
                });
        // 1 try + 3 retries on the first subscription, then stop
        assertThat(azure.requestCount("HybridCompute")).isEqualTo(4);
    }

    @Test
    void invalidSubscriptionId_isRejectedBeforeAnyRequest() {
        PatchwindowAzure pw = Emulated.connect(azure);
        assertThatThrownBy(() -> pw.resourceGraphInventory(List.of("x' or 1==1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid subscription id");
        assertThatThrownBy(() -> pw.armInventory(List.of("../../providers")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(azure.requests()).isEmpty();
    }
}
