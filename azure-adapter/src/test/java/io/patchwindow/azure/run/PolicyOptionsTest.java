package io.patchwindow.azure.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import io.patchwindow.core.assessment.Classification;
import io.patchwindow.core.deployment.Reboot;
import io.patchwindow.core.plan.Grouping;
import io.patchwindow.core.plan.Policy;
import io.patchwindow.core.tag.TagGrammar;
import org.junit.jupiter.api.Test;

class PolicyOptionsTest {
    @Test
    void toPolicy_nothingSet_isTheDefaultPolicy_withTheSourceFreshness() {
        Policy p = new PolicyOptions().toPolicy(Duration.ofDays(2));

        assertThat(p.toMap()).isEqualTo(Policy.defaults().toMap());
        assertThat(p.maxAssessmentAge()).isEqualTo(Duration.ofDays(2));
        assertThat(p.grammar()).isEqualTo(TagGrammar.standard());
        assertThat(p.namePrefix()).isEqualTo("pw-");
    }

    @Test
    void toPolicy_everyOption_withoutPicocli() {
        PolicyOptions o = new PolicyOptions().environments(List.of("q", " R")).duration("PT3H").reboot("if-required")
                .classifications(List.of("Security")).maxAssessmentAge("PT12H").namePrefix("pwq-")
                .os(List.of("centos", "AlmaLinux")).grouping("per-window");
        o.window().timeZone("UTC").leadTime("PT30M");
        o.grammar().prefixes(List.of("CENTOS", "ALMA")).hours(List.of("03:00", "23:30")).tagName("Patch").tolerant(true);

        Policy p = o.toPolicy(Duration.ofHours(5));

        assertThat(p.environments()).containsExactly("Q", "R");
        assertThat(p.duration()).hasHours(3);
        assertThat(p.reboot()).isEqualTo(Reboot.IF_REQUIRED);
        assertThat(p.classifications()).containsExactly(Classification.SECURITY);
        assertThat(p.maxAssessmentAge()).hasHours(12);
        assertThat(p.namePrefix()).isEqualTo("pwq-");
        assertThat(p.osSelector().keywords()).containsExactly("centos", "almalinux");
        assertThat(p.grouping()).isEqualTo(Grouping.PER_WINDOW);
        assertThat(p.timeZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(p.leadTime()).hasMinutes(30);
        assertThat(p.grammar().prefixes()).containsExactly("CENTOS", "ALMA");
        assertThat(p.grammar().tagName()).isEqualTo("Patch");
        assertThat(p.grammar().tolerant()).isTrue();
        assertThat(o.hasMaxAssessmentAge()).isTrue();
    }

    @Test
    void toPolicy_badValues_messagesNameTheValue() {
        assertThatThrownBy(() -> new PolicyOptions().duration("two hours").toPolicy(Duration.ofHours(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid --duration 'two hours': expected an ISO-8601 duration such as PT2H, PT10M or P2D");
        assertThatThrownBy(() -> new PolicyOptions().environments(List.of(" ")).toPolicy(Duration.ofHours(5)))
                .hasMessageStartingWith("Invalid --environments '': select at least one");
        assertThatThrownBy(() -> new PolicyOptions().environments(List.of("Z")).toPolicy(Duration.ofHours(5)))
                .hasMessageStartingWith("Invalid environment 'Z': not one of [P, Q, R]");
        assertThatThrownBy(() -> new PolicyOptions().os(List.of()).toPolicy(Duration.ofHours(5)))
                .hasMessageStartingWith("Invalid OS selector []");
    }
}
