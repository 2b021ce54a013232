package io.patchwindow.azure.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.patchwindow.azure.PatchwindowAzure;
import io.patchwindow.azure.testing.EmulatorFixture;
import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.AzureFleet;
import io.patchwindow.core.deployment.ActionKind;
import io.patchwindow.core.deployment.ApplyReport;
import io.patchwindow.core.plan.Plan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedding API against the emulator: plan and apply through both backends, then nothing to do. */
class PatchwindowJobAzureTest {
    static final Instant NOW = Instant.parse("2026-11-25T10:17:00Z");

    AzureEmulator azure;
    PatchwindowAzure connected;
    AzureFleet fleet;
    String account;
    String group;

    @BeforeEach
    void start() {
        EmulatorFixture setup = EmulatorFixture.generate(300, 2, 5, NOW);
        fleet = setup.fleet();
        account = setup.account();
        group = setup.scheduleGroup();
        azure = setup.start().now(NOW).resourceGroupLocation(group, "westeurope");
        connected = EmulatorFixture.connect(azure, "job-token", 3, Duration.ofMillis(5));
    }

    @AfterEach
    void stop() {
        azure.close();
    }

    PatchwindowJob automation() {
        return Patchwindow.job().azure(connected).subscriptions(String.join(",", fleet.subscriptions()))
                .automationAccount(account).assessment("resource-graph").environments("Q,R").now(NOW.toString());
    }

    @Test
    void automation_applyThenPlan_keepsEverything() {
        ApplyReport first = automation().apply();
        assertThat(first.anyFailed()).as(first.toMap().toString()).isFalse();
        assertThat(first.writeCount()).isPositive().isEqualTo(azure.writeRequestCount());

        Plan again = automation().plan();
        assertThat(again.count(ActionKind.CREATE)).isZero();
        assertThat(again.count(ActionKind.KEEP)).isEqualTo(first.writeCount());
        azure.resetCounters();
        assertThat(automation().apply().writeCount()).isZero();
        assertThat(azure.writeRequestCount()).isZero();
    }

    @Test
    void updateManager_groupsPerWindow_andASecondApplyWritesNothing() {
        PatchwindowJob job = Patchwindow.job().azure(connected).subscriptions(String.join(",", fleet.subscriptions()))
                .backend("update-manager").scheduleResourceGroup(group).fixPatchMode(true)
                .environments("Q,R").now(NOW.toString());
        Plan plan = job.plan();
        assertThat(plan.deployments()).isNotEmpty().allSatisfy(d -> assertThat(d.name()).matches("pw-[QR]-[A-Z]{3}-\\d{4}-[0-9a-f]{8}"));

        ApplyReport first = job.apply();
        assertThat(first.anyFailed()).as(first.toMap().toString()).isFalse();
        assertThat(azure.writeRequestCounts()).containsKey("PUT maintenanceConfigurations");
        azure.resetCounters();
        assertThat(job.apply().writeCount()).isZero();
        assertThat(azure.writeRequestCount()).isZero();
    }
}
