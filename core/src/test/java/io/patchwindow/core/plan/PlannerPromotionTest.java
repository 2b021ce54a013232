package io.patchwindow.core.plan;

import static io.patchwindow.core.testing.Fleet.centosVm;
import static io.patchwindow.core.testing.Fleet.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.patchwindow.core.assessment.Classification;
import io.patchwindow.core.assessment.UpdateRecord;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.promotion.HeldBack;
import io.patchwindow.core.promotion.HoldReason;
import io.patchwindow.core.promotion.PromotionPolicy;
import io.patchwindow.core.report.InstalledPackage;
import io.patchwindow.core.report.PackageStatus;
import io.patchwindow.core.testing.InMemoryAssessmentSource;
import org.junit.jupiter.api.Test;

/** The planner promoting between rings: pinned masks of proven versions, held-back packages, skips, the JSON. */
class PlannerPromotionTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:17:00Z"); // a Wednesday
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Instant FRESH = NOW.minus(Duration.ofHours(1));
    /** CENTOS-P-THU-22:00 in Paris: 2026-11-26T21:00Z. */
    private static final Instant P_WINDOW = Instant.parse("2026-11-26T21:00:00Z");
    private static final PromotionPolicy QR = PromotionPolicy.of(List.of("Q", "R"), Duration.ofDays(3));

    private static final Machine P1 = centosVm("p1", "CENTOS-P-THU-22:00");
    private static final Machine P2 = centosVm("p2", "CENTOS-P-THU-22:00");
    private static final Machine P3 = centosVm("p3", "CENTOS-P-THU-22:00");
    private static final Machine Q1 = centosVm("q1", "CENTOS-Q-MON-03:00");
    private static final Machine R1 = centosVm("r1", "CENTOS-R-TUE-12:00");

    private static UpdateRecord sec(Machine m, String name, String version) {
        return update(m.id(), name).arch("x86_64").version(version).classifications(Classification.SECURITY).at(FRESH).build();
    }

    private static InstalledPackage row(Machine m, String env, String name, String version, PackageStatus status, Instant at) {
        return new InstalledPackage(m.id(), env, "pw-" + env + "-x", at.minus(Duration.ofMinutes(5)), name, version, status, at);
    }

    /** Monday's Q window and Tuesday's R window of the week. */
    private static final List<InstalledPackage> HISTORY = List.of(
            row(Q1, "Q", "openssl", "1:1.0.2k-26.el7_9", PackageStatus.INSTALLED, Instant.parse("2026-11-23T02:05:00Z")),
            row(Q1, "Q", "kernel", "3.10.0-1160.118.1.el7", PackageStatus.INSTALLED, Instant.parse("2026-11-23T02:06:00Z")),
            row(Q1, "Q", "glibc", "2.17-326.el7_9.3", PackageStatus.INSTALLED, Instant.parse("2026-11-23T02:07:00Z")),
            row(R1, "R", "glibc", "2.17-326.el7_9.3", PackageStatus.FAILED, Instant.parse("2026-11-24T11:10:00Z")),
            row(R1, "R", "bash", "4.2.46-35.el7_9", PackageStatus.INSTALLED, Instant.parse("2026-11-24T11:05:00Z")),
            row(R1, "R", "zlib", "1.2.7-21.el7_9", PackageStatus.PENDING, Instant.parse("2026-11-24T11:05:00Z")),
            // production's own results are not evidence
            row(P3, "P", "vim-minimal", "2:7.4.629-8.el7_9", PackageStatus.INSTALLED, Instant.parse("2026-11-19T21:05:00Z")));

    private static Plan plan(Policy policy, List<InstalledPackage> history, List<Machine> machines, UpdateRecord... records) {
        return Planner.of(policy).withPromotion(QR, history)
                .plan(machines, InMemoryAssessmentSource.of(records), List.of(), CLOCK);
    }

    private static final Policy P = Policy.builder().environments("P").build();

    @Test
    void plan_pinsTheProvenVersions_andHoldsBackTheRest_withReasons() {
        Plan plan = plan(P, HISTORY, List.of(P1, P2),
                sec(P1, "openssl", "1:1.0.2k-26.el7_9"), sec(P1, "bash", "4.2.46-35.el7_9"),
                sec(P1, "glibc", "2.17-326.el7_9.3"), sec(P1, "vim-minimal", "2:7.4.629-8.el7_9"),
                sec(P1, "kernel", "3.10.0-1160.119.1.el7"), sec(P1, "zlib", "1.2.7-21.el7_9"),
                sec(P2, "bash", "4.2.46-35.el7_9"));

        assertThat(plan.policy().pinVersions()).isTrue();
        Deployment d = plan.deployments().get(0);
        assertThat(plan.deployments()).hasSize(1);
        assertThat(d.machineIds()).containsExactly(P1.id());
        assertThat(d.packageMasks(true)).containsExactly("openssl=1:1.0.2k-26.el7_9");
        assertThat(d.reasons()).containsOnlyKeys("openssl");
        assertThat(d.promotions().get("openssl").describe())
                .isEqualTo("1:1.0.2k-26.el7_9 from Q on 1 machine since 2026-11-23T02:05:00Z");
        assertThat(d.heldBack()).extracting(HeldBack::name, HeldBack::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("bash", HoldReason.NOT_YET_SOAKED),
                org.assertj.core.groups.Tuple.tuple("glibc", HoldReason.FAILED_IN_SOURCE),
                org.assertj.core.groups.Tuple.tuple("kernel", HoldReason.DIFFERENT_VERSION),
                org.assertj.core.groups.Tuple.tuple("vim-minimal", HoldReason.NEVER_INSTALLED_IN_SOURCE),
                org.assertj.core.groups.Tuple.tuple("zlib", HoldReason.NEVER_INSTALLED_IN_SOURCE));
        assertThat(d.heldBack().get(0).promotableAt()).isEqualTo(Instant.parse("2026-11-27T11:05:00Z"));
        assertThat(d.heldBack().get(2).proven()).isEqualTo("3.10.0-1160.118.1.el7");

        Skip skip = plan.skipped().get(0);
        assertThat(skip.machineId()).isEqualTo(P2.id());
        assertThat(skip.reason()).isEqualTo(SkipReason.HELD_BACK);
        assertThat(skip.detail()).isEqualTo("every security update held back by promotion: bash (NOT_YET_SOAKED)");
        assertThat(plan.heldBack()).hasSize(6);
        assertThat(plan.heldBack()).extracting(HeldBack::machineId).isSorted();
        assertThat(d.start().toInstant()).isEqualTo(P_WINDOW);
    }

    @Test
    void toMap_saysWhatWasPromotedAndHeldBack() {
        Plan plan = plan(P, HISTORY, List.of(P1, P2), sec(P1, "openssl", "1:1.0.2k-26.el7_9"),
                sec(P1, "bash", "4.2.46-35.el7_9"), sec(P2, "bash", "4.2.46-35.el7_9"));
        Map<String, Object> m = plan.toMap();
        @SuppressWarnings("unchecked")
        Map<String, Object> policy = (Map<String, Object>) m.get("policy");
        assertThat(policy.get("promotion")).hasToString("{from=[Q, R], soak=P3D, minSuccesses=1, maxFailureRate=0.0}");
        @SuppressWarnings("unchecked")
        Map<String, Object> dep = (Map<String, Object>) ((List<Object>) m.get("deployments")).get(0);
        assertThat(dep.get("promotion")).hasToString("{openssl={version=1:1.0.2k-26.el7_9, from=[Q], machines=1, "
                + "failed=0, firstInstalled=2026-11-23T02:05:00Z}}");
        assertThat(dep.get("heldBack").toString()).startsWith("[{machineId=" + P1.id() + ", package=bash, "
                + "version=4.2.46-35.el7_9, reason=NOT_YET_SOAKED, detail=installed on 1 machine of Q,R since "
                + "2026-11-24T11:05:00Z; soaked (P3D after the first machine) at 2026-11-27T11:05:00Z, after the window "
                + "starts 2026-11-26T21:00:00Z, promotableAt=2026-11-27T11:05:00Z}]");
        @SuppressWarnings("unchecked")
        Map<String, Object> skip = (Map<String, Object>) ((List<Object>) m.get("skipped")).get(0);
        assertThat(skip.get("heldBack").toString()).contains("machineId=" + P2.id(), "reason=NOT_YET_SOAKED");
        assertThat(m.get("summary")).hasToString("{machines=2, planned=1, skipped=1, actions={CREATE=1, UPDATE=0, KEEP=0, DELETE=0}, heldBack=2}");
    }

    @Test
    void plan_doesNotDependOnTheOrderOfTheHistory() {
        List<InstalledPackage> shuffled = new ArrayList<>(HISTORY);
        Collections.shuffle(shuffled, new Random(19));
        UpdateRecord[] records = {sec(P1, "openssl", "1:1.0.2k-26.el7_9"), sec(P1, "bash", "4.2.46-35.el7_9"),
                sec(P2, "kernel", "3.10.0-1160.119.1.el7")};
        assertThat(plan(P, shuffled, List.of(P2, P1), records).toMap()).isEqualTo(plan(P, HISTORY, List.of(P1, P2), records).toMap());
    }

    @Test
    void windowGroup_oneMaskPerPackage_theNewestProven_othersHeldBack() {
        List<InstalledPackage> history = new ArrayList<>(HISTORY);
        history.add(row(Q1, "Q", "openssl", "1:1.0.2k-25.el7_9", PackageStatus.INSTALLED, Instant.parse("2026-11-16T02:05:00Z")));
        Policy grouped = P.toBuilder().grouping(Grouping.PER_WINDOW).build();
        Plan plan = plan(grouped, history, List.of(P1, P2), sec(P1, "openssl", "1:1.0.2k-26.el7_9"),
                sec(P2, "openssl", "1:1.0.2k-25.el7_9"), sec(P2, "bash", "4.2.46-35.el7_9"));
        Deployment d = plan.deployments().get(0);
        assertThat(d.machineIds()).containsExactlyInAnyOrder(P1.id(), P2.id());
        assertThat(d.packageMasks(true)).containsExactly("openssl=1:1.0.2k-26.el7_9");
        assertThat(d.heldBack()).extracting(HeldBack::machineId, HeldBack::name, HeldBack::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(P2.id(), "bash", HoldReason.NOT_YET_SOAKED),
                org.assertj.core.groups.Tuple.tuple(P2.id(), "openssl", HoldReason.DIFFERENT_VERSION));
    }

    @Test
    void withPromotion_refusesASourceThatIsATarget_orNotInTheGrammar() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Planner.of(Policy.builder().environments("Q", "P").build()).withPromotion(QR, List.of()))
                .withMessage("Invalid --promote-from environment 'Q': it is also a target environment [P, Q]; promote "
                        + "into other rings, e.g. --environments P --promote-from Q,R");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Planner.of(P).withPromotion(PromotionPolicy.of(List.of("X"), Duration.ZERO), List.of()))
                .withMessage("Invalid --promote-from environment 'X': not one of [P, Q, R] (the grammar's environments)");
    }

    @Test
    void emptyHistory_holdsEverythingBack_andWarns() {
        Plan plan = plan(P, List.of(), List.of(P1), sec(P1, "openssl", "1:1.0.2k-26.el7_9"));
        assertThat(plan.deployments()).isEmpty();
        assertThat(plan.skipped()).extracting(Skip::reason).containsExactly(SkipReason.HELD_BACK);
        assertThat(plan.warnings()).containsExactly(
                "promotion: no installation result of Q,R in the history: every package is held back");
    }
}
