package io.patchwindow.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Examples of the promotion rule: the soak boundary to the minute, failure rates, versions and epochs. */
class ProvenVersionsTest {
    private static final Instant T = Instant.parse("2026-11-26T11:00:00Z");
    private static final Duration SOAK = Duration.ofDays(3);
    private static final PromotionPolicy QR = PromotionPolicy.of(List.of("R", "Q"), SOAK);
    private static final String P1 = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/p1";

    private static String q(int i) {
        return "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/q" + i;
    }

    private static HeldBack held(Verdict v) {
        assertThat(v).isInstanceOf(HeldBack.class);
        return (HeldBack) v;
    }

    private static Promotion promoted(Verdict v) {
        assertThat(v).as("%s", v).isInstanceOf(Promotion.class);
        return (Promotion) v;
    }

    @Test
    void decide_successExactlyTheSoakBeforeTheWindow_isPromoted() {
        ProvenVersions p = ProvenVersions.builder(QR).installed("Q", q(1), "openssl", "1:1.0.2k-26.el7_9", T.minus(SOAK)).build();
        Promotion pr = promoted(p.decide(P1, "openssl", "1:1.0.2k-26.el7_9", T));
        assertThat(pr.from()).containsExactly("Q");
        assertThat(pr.machines()).isEqualTo(1);
        assertThat(pr.firstInstalled()).isEqualTo(T.minus(SOAK));
        assertThat(pr.version()).isEqualTo("1:1.0.2k-26.el7_9");
    }

    @Test
    void decide_successOneMinuteTooLate_isNotYetSoaked_untilThatMinuteAfterTheWindow() {
        Instant at = T.minus(SOAK).plusSeconds(60);
        ProvenVersions p = ProvenVersions.builder(QR).installed("R", q(1), "openssl", "1.0.2k-26.el7_9", at).build();
        HeldBack h = held(p.decide(P1, "openssl", "1.0.2k-26.el7_9", T));
        assertThat(h.reason()).isEqualTo(HoldReason.NOT_YET_SOAKED);
        assertThat(h.promotableAt()).isEqualTo(T.plusSeconds(60));
        assertThat(h.detail()).contains("installed on 1 machine of Q,R since " + at, "soaked (P3D after the first machine) at "
                + T.plusSeconds(60));
        // ...and a window one minute later promotes it
        assertThat(p.decide(P1, "openssl", "1.0.2k-26.el7_9", T.plusSeconds(60))).isInstanceOf(Promotion.class);
    }

    @Test
    void decide_minSuccesses_countsDistinctMachines_caseIgnored_andDatesTheNthMachine() {
        PromotionPolicy two = QR.withMinSuccesses(2);
        ProvenVersions p = ProvenVersions.builder(two)
                .installed("Q", q(1), "bash", "4.2.46-35.el7_9", T.minus(Duration.ofDays(6)))
                .installed("Q", q(1).toUpperCase(), "bash", "4.2.46-35.el7_9", T.minus(Duration.ofDays(5)))
                .build();
        assertThat(held(p.decide(P1, "bash", "4.2.46-35.el7_9", T)).reason()).isEqualTo(HoldReason.TOO_FEW_SUCCESSES);

        Instant second = T.minus(Duration.ofDays(1));
        ProvenVersions p2 = ProvenVersions.builder(two)
                .installed("Q", q(1), "bash", "4.2.46-35.el7_9", T.minus(Duration.ofDays(6)))
                .installed("R", q(2), "bash", "4.2.46-35.el7_9", second)
                .build();
        HeldBack h = held(p2.decide(P1, "bash", "4.2.46-35.el7_9", T));
        assertThat(h.reason()).isEqualTo(HoldReason.NOT_YET_SOAKED);
        assertThat(h.promotableAt()).isEqualTo(second.plus(SOAK));
        Promotion later = promoted(p2.decide(P1, "bash", "4.2.46-35.el7_9", second.plus(SOAK)));
        assertThat(later.from()).containsExactly("Q", "R");
        assertThat(later.machines()).isEqualTo(2);
    }

    @Test
    void decide_failureRate_atTheMaximumPasses_aboveItHoldsBack_andCountsFailuresOfAnyTime() {
        ProvenVersions.Builder b = ProvenVersions.builder(QR.withMaxFailureRate(0.25));
        for (int i = 1; i <= 3; i++) {
            b.installed("Q", q(i), "glibc", "2.17-326.el7_9", T.minus(Duration.ofDays(5)));
        }
        // a failure younger than the soak time still counts
        b.failed("R", q(9), "glibc", "2.17-326.el7_9", T.minus(Duration.ofHours(2)));
        ProvenVersions p = b.build();
        assertThat(promoted(p.decide(P1, "glibc", "2.17-326.el7_9", T)).failed()).isEqualTo(1);

        ProvenVersions strict = rebuild(QR.withMaxFailureRate(0.2));
        HeldBack h = held(strict.decide(P1, "glibc", "2.17-326.el7_9", T));
        assertThat(h.reason()).isEqualTo(HoldReason.FAILED_IN_SOURCE);
        assertThat(h.detail()).isEqualTo("1 of 4 results in Q,R failed (rate 0.25, above the maximum 0.2)");
        assertThat(held(rebuild(QR).decide(P1, "glibc", "2.17-326.el7_9", T)).detail())
                .endsWith("(rate 0.25, above the maximum 0)");
    }

    private static ProvenVersions rebuild(PromotionPolicy policy) {
        ProvenVersions.Builder b = ProvenVersions.builder(policy);
        for (int i = 1; i <= 3; i++) {
            b.installed("Q", q(i), "glibc", "2.17-326.el7_9", T.minus(Duration.ofDays(5)));
        }
        return b.failed("R", q(9), "glibc", "2.17-326.el7_9", null).build();
    }

    @Test
    void decide_newerVersionOffered_isDifferentVersion_namingTheProvenOne() {
        ProvenVersions p = ProvenVersions.builder(QR)
                .installed("Q", q(1), "openssl", "1:1.0.2k-25.el7_9", T.minus(Duration.ofDays(7)))
                .build();
        HeldBack h = held(p.decide(P1, "openssl", "1:1.0.2k-26.el7_9", T));
        assertThat(h.reason()).isEqualTo(HoldReason.DIFFERENT_VERSION);
        assertThat(h.proven()).isEqualTo("1:1.0.2k-25.el7_9");
        assertThat(h.detail()).isEqualTo("offered 1:1.0.2k-26.el7_9 was never installed in Q,R; proven: 1:1.0.2k-25.el7_9");
    }

    @Test
    void decide_epochsMatter_missingEpochIsZero() {
        ProvenVersions p = ProvenVersions.builder(QR)
                .installed("Q", q(1), "openssl", "1:1.0.2k-26.el7_9", T.minus(Duration.ofDays(7)))
                .installed("Q", q(1), "vim-minimal", "7.4.629-8.el7_9", T.minus(Duration.ofDays(7)))
                .build();
        assertThat(held(p.decide(P1, "openssl", "1.0.2k-26.el7_9", T)).reason()).isEqualTo(HoldReason.DIFFERENT_VERSION);
        assertThat(promoted(p.decide(P1, "vim-minimal", "0:7.4.629-8.el7_9", T)).version()).isEqualTo("0:7.4.629-8.el7_9");
    }

    @Test
    void decide_neverInstalled_unknownOffered_andOtherEnvironmentsNotRead() {
        ProvenVersions p = ProvenVersions.builder(QR)
                .installed("P", q(1), "bash", "4.2.46-35.el7_9", T.minus(Duration.ofDays(7)))
                .installed("Q", q(1), "openssl", "1:1.0.2k-26.el7_9", T.minus(Duration.ofDays(7)))
                .build();
        HeldBack never = held(p.decide(P1, "bash", "4.2.46-35.el7_9", T));
        assertThat(never.reason()).isEqualTo(HoldReason.NEVER_INSTALLED_IN_SOURCE);
        assertThat(never.detail()).isEqualTo("no installation result of bash in Q,R");
        HeldBack unknown = held(p.decide(P1, "openssl", "", T));
        assertThat(unknown.reason()).isEqualTo(HoldReason.DIFFERENT_VERSION);
        assertThat(unknown.detail()).startsWith("the assessment gives no version; proven: 1:1.0.2k-26.el7_9");
    }

    @Test
    void builder_countsWhatCannotBePlaced() {
        ProvenVersions p = ProvenVersions.builder(QR)
                .installed("Q", q(1), "openssl", null, T)
                .installed("Q", q(1), "bash", "4.2.46-35.el7_9", null)
                .failed("Q", q(1), "zlib", "not a version", T)
                .failed("Q", q(1), "zlib", "1.2.7-21.el7_9", null)
                .build();
        assertThat(p.ignored()).isEqualTo(3);
        assertThat(p.counted()).isEqualTo(1);
        assertThat(p.ignoredExample()).contains("installed openssl without a version on " + q(1));
    }

    @Test
    void policy_rejectsBadValues_withTheRule() {
        assertThatThrownBy(() -> PromotionPolicy.of(List.of(), SOAK)).hasMessage(
                "Invalid source environments []: give at least one, e.g. Q,R");
        assertThatThrownBy(() -> PromotionPolicy.of(List.of("Q"), Duration.ofHours(-1)))
                .hasMessage("Invalid soak 'PT-1H': must be zero or positive, e.g. P3D");
        assertThatThrownBy(() -> QR.withMinSuccesses(0)).hasMessageContaining("must be at least 1");
        assertThatThrownBy(() -> QR.withMaxFailureRate(1.5)).hasMessageStartingWith("Invalid maximum failure rate 1.5:");
        assertThatThrownBy(() -> QR.withMaxFailureRate(Double.NaN)).hasMessageContaining("from 0 to 1");
        assertThat(QR.sourceEnvironments()).containsExactly("Q", "R");
        assertThat(QR.withMinSuccesses(2).withMaxFailureRate(0.1).toString())
                .isEqualTo("--promote-from Q,R --soak P3D --min-successes 2 --max-failure-rate 0.1");
        assertThat(PromotionPolicy.formatSoak(Duration.ofHours(36))).isEqualTo("PT36H");
    }
}
