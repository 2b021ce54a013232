package io.patchwindow.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import io.patchwindow.core.assessment.Classification;
import io.patchwindow.core.deployment.Reboot;
import io.patchwindow.core.inventory.OsSelector;
import io.patchwindow.core.tag.TagGrammar;
import org.junit.jupiter.api.Test;

class PolicyTest {

    @Test
    void defaults_areTheRunbookSettingsWithTheDefectsFixed() {
        Policy p = Policy.defaults();

        assertThat(p.environments()).containsExactly("P", "Q", "R");
        assertThat(p.timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(p.duration()).isEqualTo(Duration.ofHours(2));
        assertThat(p.reboot()).isEqualTo(Reboot.ALWAYS);
        assertThat(p.classifications()).containsExactlyInAnyOrder(Classification.CRITICAL, Classification.SECURITY);
        assertThat(p.leadTime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(p.maxAssessmentAge()).isEqualTo(Duration.ofHours(5));
        assertThat(p.namePrefix()).isEqualTo("pw-");
        assertThat(p.grammar()).isEqualTo(TagGrammar.standard());
        assertThat(p.osSelector()).isEqualTo(OsSelector.centos());
        assertThat(p.grouping()).isEqualTo(Grouping.PER_MACHINE);
        assertThat(p.zoneTagName()).isEqualTo("patch-tz");
    }

    @Test
    void toMap_isThePlanJsonPolicy() {
        Policy p = Policy.builder().environments("q", "R", "Q").build();

        assertThat(p.toMap()).containsExactly(
                Map.entry("environments", List.of("Q", "R")),
                Map.entry("timeZone", "Europe/Paris"),
                Map.entry("duration", "PT2H"),
                Map.entry("reboot", "Always"),
                Map.entry("classifications", List.of("Critical", "Security")),
                Map.entry("leadTime", "PT10M"));
    }

    @Test
    void environments_areInGrammarOrder() {
        // Policy.environments() documents grammar order, e.g. [Q, R], whatever order the user typed.
        assertThat(Policy.builder().environments("R", "Q").build().environments()).containsExactly("Q", "R");
    }

    @Test
    void builder_rejectsOutOfRangeValues() {
        assertThatIllegalArgumentException().isThrownBy(() -> Policy.builder().environments("X").build())
                .withMessage("Invalid environment 'X': not one of [P, Q, R] (the grammar's environments)");
        assertThatIllegalArgumentException().isThrownBy(() -> Policy.builder().duration(Duration.ofMinutes(29)))
                .withMessage("Invalid duration 'PT29M': expected from PT30M to PT6H, e.g. PT2H");
        assertThatIllegalArgumentException().isThrownBy(() -> Policy.builder().leadTime(Duration.ofMinutes(-1)))
                .withMessage("Invalid lead time 'PT-1M': expected from PT0S to P7D, e.g. PT10M");
        assertThatIllegalArgumentException().isThrownBy(() -> Policy.builder().maxAssessmentAge(Duration.ZERO))
                .withMessage("Invalid maximum assessment age 'PT0S': must be positive, e.g. PT5H");
        assertThatIllegalArgumentException().isThrownBy(() -> Policy.builder().maxGroupSize(3001))
                .withMessage("Invalid maximum group size 3001: expected from 1 to 3000");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Policy.builder().classifications(EnumSet.noneOf(Classification.class)))
                .withMessageStartingWith("Invalid classifications []");
        assertThatIllegalArgumentException().isThrownBy(() -> Policy.builder().namePrefix("pw/"))
                .withMessageStartingWith("Invalid name prefix 'pw/'");
    }

    @Test
    void equality_isByValue_andEverySettingCounts() {
        Policy base = Policy.defaults();
        assertThat(Policy.builder().build()).isEqualTo(base).hasSameHashCodeAs(base);
        assertThat(base.toBuilder().build()).isEqualTo(base);
        assertThat(base).isEqualTo(base).isNotEqualTo(null).isNotEqualTo("Policy");

        List<Policy> variants = List.of(
                base.toBuilder().environments("Q").build(),
                base.toBuilder().timeZone(ZoneId.of("UTC")).build(),
                base.toBuilder().duration(Duration.ofHours(3)).build(),
                base.toBuilder().reboot(Reboot.NEVER).build(),
                base.toBuilder().classifications(EnumSet.of(Classification.SECURITY)).build(),
                base.toBuilder().leadTime(Duration.ofMinutes(30)).build(),
                base.toBuilder().maxAssessmentAge(Duration.ofDays(2)).build(),
                base.toBuilder().namePrefix("pw2-").build(),
                base.toBuilder().grammar(TagGrammar.builder().tolerant(true).build()).build(),
                base.toBuilder().osSelector(OsSelector.of("rocky")).build(),
                base.toBuilder().grouping(Grouping.PER_WINDOW).build(),
                base.toBuilder().maxGroupSize(3000).build(),
                base.toBuilder().requireUserSchedulePatchMode(true).build(),
                base.toBuilder().zoneTagName("tz").build(),
                base.toBuilder().pinVersions(true).build());
        for (Policy v : variants) {
            assertThat(v).as(v.toString()).isNotEqualTo(base);
            assertThat(v.hashCode()).as(v.toString()).isNotEqualTo(base.hashCode());
            assertThat(v.toBuilder().build()).isEqualTo(v).hasSameHashCodeAs(v);
        }
        assertThat(base.pinVersions()).isFalse();
        assertThat(variants.get(variants.size() - 1).pinVersions()).isTrue();
    }

    @Test
    void grouping_parsesCliSpellings() {
        assertThat(Grouping.parse("per-window")).isEqualTo(Grouping.PER_WINDOW);
        assertThat(Grouping.parse(" PER_MACHINE ")).isEqualTo(Grouping.PER_MACHINE);
        assertThatIllegalArgumentException().isThrownBy(() -> Grouping.parse("per-region"))
                .withMessage("Invalid grouping 'per-region': expected one of [per-machine, per-window]");
    }

    @Test
    void builder_acceptsTheEdgesOfEachRange() {
        Policy p = Policy.builder().duration(Duration.ofMinutes(30)).leadTime(Duration.ZERO)
                .maxAssessmentAge(Duration.ofSeconds(1)).maxGroupSize(1).zoneTagName("tz").build();
        Policy q = Policy.builder().duration(Duration.ofHours(6)).leadTime(Duration.ofDays(7)).maxGroupSize(3000).build();

        assertThat(p.duration()).isEqualTo(Duration.ofMinutes(30));
        assertThat(p.leadTime()).isZero();
        assertThat(p.maxAssessmentAge()).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.maxGroupSize()).isEqualTo(1);
        assertThat(p.zoneTagName()).isEqualTo("tz");
        assertThat(q.duration()).isEqualTo(Duration.ofHours(6));
        assertThat(q.leadTime()).isEqualTo(Duration.ofDays(7));
        assertThat(q.maxGroupSize()).isEqualTo(3000);
    }

    @Test
    void builder_rejectsJustOutsideEachRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> Policy.builder().duration(Duration.ofHours(6).plusSeconds(1)))
                .withMessage("Invalid duration 'PT6H1S': expected from PT30M to PT6H, e.g. PT2H");
        assertThatIllegalArgumentException().isThrownBy(() -> Policy.builder().leadTime(Duration.ofDays(7).plusSeconds(1)))
                .withMessage("Invalid lead time 'PT168H1S': expected from PT0S to P7D, e.g. PT10M");
        assertThatIllegalArgumentException().isThrownBy(() -> Policy.builder().maxAssessmentAge(Duration.ofSeconds(-1)))
                .withMessage("Invalid maximum assessment age 'PT-1S': must be positive, e.g. PT5H");
        assertThatIllegalArgumentException().isThrownBy(() -> Policy.builder().maxGroupSize(0))
                .withMessage("Invalid maximum group size 0: expected from 1 to 3000");
        assertThatIllegalArgumentException().isThrownBy(() -> Policy.builder().zoneTagName(" "))
                .withMessage("Invalid zone tag name '': must not be blank, e.g. patch-tz");
        assertThatIllegalArgumentException().isThrownBy(() -> Policy.builder().environmentList(List.of()))
                .withMessage("Invalid environments []: select at least one, e.g. Q,R");
        assertThatIllegalArgumentException().isThrownBy(() -> Policy.builder().environments(" "))
                .withMessage("Invalid environment '': expected a code such as P, Q or R");
    }

    @Test
    void toBuilder_copiesEverySetting_andToStringShowsThePlanJsonPolicy() {
        Policy p = Policy.builder().environments("Q").timeZone(ZoneId.of("America/New_York")).duration(Duration.ofHours(3))
                .reboot(Reboot.NEVER).classifications(EnumSet.of(Classification.SECURITY)).leadTime(Duration.ofMinutes(30))
                .maxAssessmentAge(Duration.ofDays(2)).namePrefix("patch-").grammar(TagGrammar.builder().tolerant(true).build())
                .osSelector(OsSelector.of("rocky")).grouping(Grouping.PER_WINDOW).maxGroupSize(7)
                .requireUserSchedulePatchMode(true).zoneTagName("tz").build();

        Policy copy = p.toBuilder().build();

        assertThat(copy).usingRecursiveComparison().isEqualTo(p);
        assertThat(copy.requireUserSchedulePatchMode()).isTrue();
        assertThat(p.toString()).isEqualTo("Policy{environments=[Q], timeZone=America/New_York, duration=PT3H,"
                + " reboot=Never, classifications=[Security], leadTime=PT30M}");
    }

    // issue 14.6: the policy zone and patch-tz accept the same set: IANA region ids that the backend can write
    @Test
    void timeZone_fixedOffsetOrOutsideTheZoneRule_isRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Policy.builder().timeZone(ZoneId.of("+01:00")).build())
                .withMessage("Invalid time zone '+01:00': expected an IANA time zone id such as Europe/Paris or UTC "
                        + "(a fixed offset has no DST rules)");
        assertThatIllegalArgumentException().isThrownBy(() -> Policy.builder().timeZone(ZoneId.of("UTC+1")).build())
                .withMessageStartingWith("Invalid time zone 'UTC+01:00': expected an IANA time zone id");
        assertThatIllegalArgumentException().isThrownBy(() -> Policy.builder().timeZone(ZoneId.of("Antarctica/Troll"))
                        .zoneRule(z -> !z.getId().startsWith("Antarctica/"), "a zone outside Antarctica").build())
                .withMessage("Invalid time zone 'Antarctica/Troll': expected a zone outside Antarctica");
        Policy ok = Policy.builder().zoneRule(z -> !z.getId().startsWith("Antarctica/"), "a zone outside Antarctica").build();
        assertThat(ok.zoneProblem(ZoneId.of("Europe/Paris"))).isNull();
        assertThat(ok.toBuilder().build()).isEqualTo(ok);
        assertThat(ok.zoneRuleDescription()).isEqualTo("a zone outside Antarctica");
    }
}
