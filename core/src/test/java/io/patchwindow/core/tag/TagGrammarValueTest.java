package io.patchwindow.core.tag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** TagGrammar as a value: equality over every setting, hash code, text form. */
class TagGrammarValueTest {

    @Test
    void equals_comparesEverySetting() {
        TagGrammar standard = TagGrammar.standard();

        assertThat(TagGrammar.builder().build()).isEqualTo(standard).hasSameHashCodeAs(standard);
        assertThat(standard).isEqualTo(standard);
        assertThat(standard).isNotEqualTo("CENTOS-P-MON-03:00");
        assertThat(standard).isNotEqualTo(null);
        assertThat(standard.toBuilder().tagName("Patch").build()).isNotEqualTo(standard);
        assertThat(standard.toBuilder().prefixes("CENTOS", "ALMA").build()).isNotEqualTo(standard);
        assertThat(standard.toBuilder().environments("P", "Q").build()).isNotEqualTo(standard);
        assertThat(standard.toBuilder().hours("03:00", "12:00").build()).isNotEqualTo(standard);
        assertThat(standard.toBuilder().tolerant(true).build()).isNotEqualTo(standard);
    }

    @Test
    void hashCode_followsTheSettings() {
        TagGrammar standard = TagGrammar.standard();

        assertThat(standard.toBuilder().hours("03:00").build().hashCode()).isNotEqualTo(standard.hashCode());
        assertThat(standard.toBuilder().tolerant(true).build().hashCode()).isNotEqualTo(standard.hashCode());
    }

    @Test
    void toString_listsTheSettings() {
        assertThat(TagGrammar.standard()).hasToString(
                "TagGrammar[tag=patch, prefixes=[CENTOS], environments=[P, Q, R], hours=[03:00, 12:00, 22:00], tolerant=false]");
    }
}
