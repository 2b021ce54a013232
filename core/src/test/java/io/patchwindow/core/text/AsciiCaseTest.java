package io.patchwindow.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

class AsciiCaseTest {
    @Test
    void lowerFoldsAsciiLettersOnly_keepingEveryOtherCharacterAndTheLength() {
        assertThat(AsciiCase.lower("/subscriptions/X/resourceGroups/RG-1")).isEqualTo("/subscriptions/x/resourcegroups/rg-1");
        // Latin-1 and wider letters stay as they are, in either representation of the string
        assertThat(AsciiCase.lower("RG-ÀÉ-Z")).isEqualTo("rg-ÀÉ-z");
        assertThat(AsciiCase.lower("RG-İSTANBUL")).isEqualTo("rg-İstanbul").hasSize("RG-İSTANBUL".length());
        assertThat(AsciiCase.lower("Microſoft KELVIN-\u212A")).isEqualTo("microſoft kelvin-\u212A");
    }

    @Test
    void lowerGivesTheSameStringWhenNothingIsToFold() {
        String lower = "/subscriptions/x/resourcegroups/rg-ä";
        assertThat(AsciiCase.lower(lower)).isSameAs(lower);
        assertThat(AsciiCase.lower("")).isEmpty();
    }

    @Test
    void lowerAgreesWithACharByCharFold_overRandomTexts() {
        Random r = new Random(7);
        String alphabet = "aZ/-_.09Ä\u00ff\u0130\u017f\u212a";
        for (int n = 0; n < 2_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int i = r.nextInt(40); i > 0; i--) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String text = b.toString();
            StringBuilder expected = new StringBuilder();
            for (char c : text.toCharArray()) {
                expected.append(c >= 'A' && c <= 'Z' ? String.valueOf(c).toLowerCase(Locale.ROOT) : String.valueOf(c));
            }
            assertThat(AsciiCase.lower(text)).as(text).isEqualTo(expected.toString());
        }
    }

    @Test
    void equalsIgnoreCaseComparesAsciiLettersOnly() {
        assertThat(AsciiCase.equalsIgnoreCase("patch", "PATCH")).isTrue();
        assertThat(AsciiCase.equalsIgnoreCase("patch-ts", "patch-tſ")).isFalse();
        assertThat(AsciiCase.equalsIgnoreCase("à", "À")).isFalse();
    }
}
