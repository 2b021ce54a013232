package io.patchwindow.azure;

import static io.patchwindow.azure.WriteSide.CLOCK;
import static io.patchwindow.azure.WriteSide.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.patchwindow.azure.automation.AutomationDeploymentTarget;
import io.patchwindow.azure.bench.ApplyBenchmark;
import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.AzureFleet;
import io.patchwindow.azure.testing.AzureFleetGenerator;
import io.patchwindow.azure.testing.WriteAudit;
import io.patchwindow.azure.updatemanager.UpdateManagerDeploymentTarget;
import io.patchwindow.core.apply.Applier;
import io.patchwindow.core.assessment.Classification;
import io.patchwindow.core.assessment.UpdateRecord;
import io.patchwindow.core.deployment.ApplyReport;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.plan.Grouping;
import io.patchwindow.core.plan.Plan;
import io.patchwindow.core.plan.Planner;
import io.patchwindow.core.plan.Policy;
import io.patchwindow.core.port.AssessmentSource;

/**
 * Apply through the emulator's ARM write token bucket with the library's default retries (what the CLI and
 * the embedding API use): every write ends applied exactly once, nothing fails, and no retry reaches the
 * emulator before the {@code Retry-After} of its 429 has elapsed (times taken by the emulator). Small buckets,
 * a couple of seconds each; throughput numbers come from {@link ApplyBenchmark}, not from here.
 */
class ThrottledApplyTest {

    @Test
    void automation_exactRetryAfter_everyConfigurationWrittenOnce_noRetryEarly() {
        AzureFleet fleet = AzureFleetGenerator.plannable(40, 2, 3);
        try (AzureEmulator azure = AzureEmulator.start(fleet).now(NOW)) {
            AutomationDeploymentTarget target = automation(azure, fleet);
            Plan plan = Planner.of(Policy.defaults()).plan(machines(fleet), assessment(), target.existing("pw-"), CLOCK);
            assertThat(plan.deployments()).hasSize(40);

            azure.armWriteThrottling(5, 20, true);
            azure.resetCounters();
            ApplyReport report = Applier.of(target, 8).apply(plan.actions());

            assertThat(report.anyFailed()).as(report.toMap().toString()).isFalse();
            WriteAudit audit = WriteAudit.of(azure.writeEvents());
            assertExactlyOnceAndPatient(audit, 40, 5, 20);
            assertThat(azure.softwareUpdateConfigurations()).hasSize(40);
        }
    }

    @Test
    void automation_wholeSecondRetryAfter_asArmSendsIt_honoured() {
        AzureFleet fleet = AzureFleetGenerator.plannable(12, 1, 4);
        try (AzureEmulator azure = AzureEmulator.start(fleet).now(NOW)) {
            AutomationDeploymentTarget target = automation(azure, fleet);
            Plan plan = Planner.of(Policy.defaults()).plan(machines(fleet), assessment(), target.existing("pw-"), CLOCK);

            azure.armWriteThrottling(4, 10);
            azure.resetCounters();
            ApplyReport report = Applier.of(target, 8).apply(plan.actions());

            assertThat(report.anyFailed()).as(report.toMap().toString()).isFalse();
            WriteAudit audit = WriteAudit.of(azure.writeEvents());
            assertExactlyOnceAndPatient(audit, 12, 4, 10);
            // Retry-After: 1 (rounded up from the ~100 ms the bucket needs) is waited in full
            assertThat(azure.writeEvents()).filteredOn(e -> e.status() == 429)
                    .allSatisfy(e -> assertThat(e.retryAfterMillis()).isEqualTo(1000));
        }
    }

    @Test
    void updateManager_configurationsAndAssignments_writtenOnce_noRetryEarly() {
        AzureFleet fleet = AzureFleetGenerator.plannable(30, 2, 5);
        Policy policy = Policy.builder().grouping(Grouping.PER_WINDOW).maxGroupSize(3000)
                .requireUserSchedulePatchMode(true).build();
        String group = "/subscriptions/" + fleet.subscriptions().get(0) + "/resourceGroups/rg-patch-schedules";
        try (AzureEmulator azure = AzureEmulator.start(fleet).now(NOW)) {
            UpdateManagerDeploymentTarget target = UpdateManagerDeploymentTarget.builder(connect(azure), group, CLOCK)
                    .policy(policy).machines(machines(fleet)).build();
            Plan plan = Planner.of(policy).plan(machines(fleet), assessment(), target.existing("pw-"), CLOCK);
            int groups = plan.deployments().size();
            assertThat(groups).isEqualTo(30);

            azure.armWriteThrottling(5, 40, true);
            azure.resetCounters();
            ApplyReport report = Applier.of(target, 8).apply(target.releaseUnplannedGroups(plan.actions()));

            assertThat(report.anyFailed()).as(report.toMap().toString()).isFalse();
            assertExactlyOnceAndPatient(WriteAudit.of(azure.writeEvents()), groups + 30, 5, 40);
            assertThat(azure.maintenanceConfigurations()).hasSize(groups);
            assertThat(azure.configurationAssignments()).hasSize(30);
        }
    }

    private static void assertExactlyOnceAndPatient(WriteAudit audit, int writes, int capacity, double refill) {
        assertThat(audit.throttled()).as("the bucket throttled").isPositive();
        assertThat(audit.refused()).isZero();
        assertThat(audit.duplicates()).isZero();
        assertThat(audit.applied()).isEqualTo(writes);
        assertThat(audit.distinctApplied()).isEqualTo(writes);
        assertThat(audit.received()).isEqualTo(writes + audit.throttled());
        assertThat(audit.retryAfterViolations()).as("retries before their Retry-After, min slack "
                + audit.minRetrySlackMillis() + " ms").isZero();
        // the bucket cannot give the writes faster than this; a sanity check of the emulator's model
        assertThat(audit.spanNanos() / 1e9).isGreaterThanOrEqualTo((writes - capacity) / refill * 0.99);
    }

    private static AutomationDeploymentTarget automation(AzureEmulator azure, AzureFleet fleet) {
        String account = "/subscriptions/" + fleet.subscriptions().get(0)
                + "/resourceGroups/ops/providers/Microsoft.Automation/automationAccounts/aa";
        return AutomationDeploymentTarget.builder(connect(azure), account).machines(machines(fleet)).build();
    }

    /** The library's default retries, as the CLI connects. */
    private static PatchwindowAzure connect(AzureEmulator azure) {
        return PatchwindowAzure.configure().withHttpClient(azure.httpClient())
                .authenticate(AzureEmulator.credential(Emulated.TOKEN), azure.profile());
    }

    private static List<Machine> machines(AzureFleet fleet) {
        return WriteSide.machines(fleet);
    }

    private static AssessmentSource assessment() {
        return (request, sink) -> {
            for (String id : request.machineIds()) {
                sink.accept(new UpdateRecord(id, null, "openssl", "x86_64", "1.0.2k-26.el7_9",
                        EnumSet.of(Classification.SECURITY), true, NOW.minusSeconds(600)));
            }
        };
    }
}
