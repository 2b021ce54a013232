package io.patchwindow.core.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.patchwindow.core.deployment.ActionKind;
import io.patchwindow.core.deployment.ActionResult;
import io.patchwindow.core.deployment.ApplyReport;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.deployment.DeploymentAction;
import io.patchwindow.core.deployment.ExistingDeployment;
import io.patchwindow.core.deployment.Reboot;
import io.patchwindow.core.port.DeploymentTarget;
import io.patchwindow.core.testing.Fleet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ApplierTest {
    private static final ZonedDateTime FRIDAY_NOON = ZonedDateTime.of(2026, 11, 27, 12, 0, 0, 0, ZoneId.of("Europe/Paris"));

    private static DeploymentAction action(ActionKind kind, String name) {
        Deployment d = new Deployment(name, List.of(Fleet.vmId(name)), FRIDAY_NOON, FRIDAY_NOON.getZone(),
                Duration.ofHours(2), Reboot.ALWAYS, List.of("openssl"), Map.of());
        return new DeploymentAction(kind, d, null, "test");
    }

    /** A target that records the threads and answers with a function of the action. */
    private static final class Target implements DeploymentTarget {
        final List<String> applied = Collections.synchronizedList(new ArrayList<>());
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        final java.util.function.Function<DeploymentAction, @Nullable ActionResult> answer;

        Target(java.util.function.Function<DeploymentAction, @Nullable ActionResult> answer) {
            this.answer = answer;
        }

        @Override
        public List<ExistingDeployment> existing(String namePrefix) {
            return List.of();
        }

        @Override
        public @Nullable ActionResult apply(DeploymentAction action) {
            applied.add(action.name());
            threads.add(Thread.currentThread());
            return answer.apply(action);
        }
    }

    @Test
    void of_acceptsConcurrencyFrom1To64() {
        Target target = new Target(ActionResult::ok);

        assertThat(Applier.of(target, 1)).isNotNull();
        assertThat(Applier.of(target, Applier.MAX_CONCURRENCY)).isNotNull();
        assertThatIllegalArgumentException().isThrownBy(() -> Applier.of(target, 0))
                .withMessage("Invalid concurrency 0: expected from 1 to 64, e.g. 8");
        assertThatIllegalArgumentException().isThrownBy(() -> Applier.of(target, 65))
                .withMessage("Invalid concurrency 65: expected from 1 to 64, e.g. 8");
    }

    @Test
    void keep_isReportedOk_withoutCallingTheTarget() {
        Target target = new Target(a -> {
            throw new AssertionError("KEEP must not reach the target");
        });

        ApplyReport report = Applier.of(target, 4).apply(List.of(action(ActionKind.KEEP, "pw-b"), action(ActionKind.KEEP, "pw-a")));

        assertThat(target.applied).isEmpty();
        assertThat(report.results()).extracting(r -> r.action().name(), ActionResult::ok).containsExactly(
                tuple("pw-a", true), tuple("pw-b", true));
        assertThat(report.anyFailed()).isFalse();
        assertThat(report.failedCount()).isZero();
        assertThat(report.writeCount()).isZero();
    }

    @Test
    void everyWrite_reachesTheTarget_andFailuresNeverStopTheOthers() {
        Target target = new Target(a -> {
            switch (a.name()) {
                case "pw-refused":
                    return ActionResult.failed(a, "AuthorizationFailed", "no write permission");
                case "pw-throws":
                    throw new IllegalStateException("connection reset");
                case "pw-throws-no-message":
                    throw new UnsupportedOperationException();
                case "pw-null":
                    return null;
                default:
                    return ActionResult.ok(a);
            }
        });
        List<DeploymentAction> actions = List.of(action(ActionKind.CREATE, "pw-ok"), action(ActionKind.UPDATE, "pw-refused"),
                action(ActionKind.DELETE, "pw-throws"), action(ActionKind.CREATE, "pw-throws-no-message"),
                action(ActionKind.CREATE, "pw-null"), action(ActionKind.KEEP, "pw-kept"), action(ActionKind.DELETE, "pw-gone"));

        ApplyReport report = Applier.of(target, 3).apply(actions);

        assertThat(target.applied).containsExactlyInAnyOrder("pw-ok", "pw-refused", "pw-throws", "pw-throws-no-message",
                "pw-null", "pw-gone");
        assertThat(report.results()).extracting(r -> r.action().name(), ActionResult::ok, ActionResult::errorCode,
                ActionResult::message).containsExactly(
                tuple("pw-gone", true, null, ""),
                tuple("pw-kept", true, null, ""),
                tuple("pw-null", false, "NoResult", "the target returned no result"),
                tuple("pw-ok", true, null, ""),
                tuple("pw-refused", false, "AuthorizationFailed", "no write permission"),
                tuple("pw-throws", false, "IllegalStateException", "connection reset"),
                tuple("pw-throws-no-message", false, "UnsupportedOperationException", "UnsupportedOperationException"));
        assertThat(report.anyFailed()).isTrue();
        assertThat(report.failedCount()).isEqualTo(4);
        assertThat(report.writeCount()).isEqualTo(2);
        assertThat(report.toMap()).containsEntry("summary", Map.of("actions", 7, "ok", 3L, "failed", 4L, "writes", 2L));
    }

    @Test
    void writes_runOnDaemonThreads_atMostConcurrencyAtOnce() throws InterruptedException {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Target target = new Target(a -> {
            int now = running.incrementAndGet();
            most.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return ActionResult.ok(a);
        });
        List<DeploymentAction> actions = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            actions.add(action(ActionKind.CREATE, "pw-" + i));
        }

        ApplyReport report = Applier.of(target, 3).apply(actions);

        assertThat(report.results()).hasSize(12).allMatch(ActionResult::ok);
        assertThat(most.get()).isBetween(1, 3);
        assertThat(target.threads).isNotEmpty().hasSizeLessThanOrEqualTo(3)
                .allMatch(Thread::isDaemon)
                .allMatch(t -> t.getName().startsWith("patchwindow-apply-"));
    }

    @Test
    void aSingleWrite_usesOneThread_evenWithHighConcurrency() {
        Target target = new Target(ActionResult::ok);

        ApplyReport report = Applier.of(target, 64).apply(List.of(action(ActionKind.CREATE, "pw-one")));

        assertThat(report.results()).singleElement().matches(ActionResult::ok);
        assertThat(target.threads).singleElement().matches(t -> t.getName().equals("patchwindow-apply-1"));
    }

    @Test
    void anInterruptedApply_reportsTheUnfinishedWritesAsFailed_andKeepsTheInterrupt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Target target = new Target(a -> {
            started.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ActionResult.ok(a);
        });
        ApplyReport[] report = new ApplyReport[1];
        boolean[] interruptedAfter = new boolean[1];
        Thread caller = new Thread(() -> {
            report[0] = Applier.of(target, 1).apply(List.of(action(ActionKind.CREATE, "pw-slow")));
            interruptedAfter[0] = Thread.currentThread().isInterrupted();
        });

        caller.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        caller.join(10_000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(report[0].results()).extracting(ActionResult::ok, ActionResult::errorCode, ActionResult::message)
                .containsExactly(tuple(false, "Interrupted", "the apply was interrupted"));
        assertThat(interruptedAfter[0]).isTrue();
    }

    @Test
    void anErrorThrownByTheTarget_isAFailedResult() {
        Target target = new Target(a -> {
            throw new StackOverflowError("deep");
        });

        ApplyReport report = Applier.of(target, 2).apply(List.of(action(ActionKind.CREATE, "pw-x")));

        assertThat(report.results()).extracting(ActionResult::ok, ActionResult::errorCode, ActionResult::message)
                .containsExactly(tuple(false, "Error", "java.lang.StackOverflowError: deep"));
    }

    @Test
    void noActions_giveAnEmptyReport() {
        ApplyReport report = Applier.of(new Target(ActionResult::ok), 8).apply(List.of());

        assertThat(report.results()).isEmpty();
        assertThat(report.toMap()).containsEntry("results", List.of())
                .containsEntry("summary", Map.of("actions", 0, "ok", 0L, "failed", 0L, "writes", 0L));
    }
}
