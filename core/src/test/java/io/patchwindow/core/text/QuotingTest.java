package io.patchwindow.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotingTest {

    @Test
    void quote_putsSingleQuotesAround_andNullIsNull() {
        assertThat(Quoting.quote("CENTOS-P-MON-03:00")).isEqualTo("'CENTOS-P-MON-03:00'");
        assertThat(Quoting.quote("")).isEqualTo("''");
        assertThat(Quoting.quote(null)).isEqualTo("null");
    }

    @Test
    void quote_escapesLineBreaksTabsAndControlCharacters_toStayOnOneLine() {
        assertThat(Quoting.quote("a\nb\rc\td")).isEqualTo("'a\\nb\\rc\\td'");
        assertThat(Quoting.quote("x\u0000y\u001bz\u007f\u0085")).isEqualTo("'x\\u0000y\\u001bz\\u007f\\u0085'");
        assertThat(Quoting.quote("l\u2028p\u2029")).isEqualTo("'l\\u2028p\\u2029'");
        assertThat(Quoting.quote("été ΣΑΣ \uD83D\uDE00")).isEqualTo("'été ΣΑΣ \uD83D\uDE00'");
    }

    @Test
    void quote_keepsUpTo120Characters_andCutsLongerValues() {
        String exactly = "x".repeat(Quoting.MAX_QUOTED);
        String longer = "y".repeat(Quoting.MAX_QUOTED + 1);

        assertThat(Quoting.quote(exactly)).isEqualTo("'" + exactly + "'");
        assertThat(Quoting.quote(longer)).isEqualTo("'" + "y".repeat(120) + "...(121 chars)'");
        // Escapes count as one character each: 120 line breaks are kept, the 121st is cut.
        assertThat(Quoting.quote("\n".repeat(121))).isEqualTo("'" + "\\n".repeat(120) + "...(121 chars)'");
    }

    // Issue 14.4: bidi and zero-width characters and lone surrogates were printed raw; expected escaped.
    @Test
    void quoteAndEscape_escapeBidiZeroWidthAndLoneSurrogates_butKeepPairsAndLetters() {
        assertThat(Quoting.quote("\u202eCENTOS-Q-SUN-03:00")).isEqualTo("'\\u202eCENTOS-Q-SUN-03:00'");
        String bidi = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069";
        String zeroWidth = "\u200b\u200c\u200d\ufeff\u2060";
        for (char c : (bidi + zeroWidth).toCharArray()) {
            assertThat(Quoting.escape("a" + c + "b")).isEqualTo(String.format("a\\u%04xb", (int) c));
            assertThat(Quoting.isSafe("a" + c)).isFalse();
        }
        assertThat(Quoting.escape("systemd\ud800")).isEqualTo("systemd\\ud800");
        assertThat(Quoting.escape("\udc00x")).isEqualTo("\\udc00x");
        assertThat(Quoting.escape("web\u001b[2J\nx")).isEqualTo("web\\u001b[2J\\nx");
        // A tag character (U+E0041, format) is escaped as its two halves; an emoji (a pair too) is kept.
        assertThat(Quoting.escape("\uDB40\uDC41")).isEqualTo("\\udb40\\udc41");
        String plain = "été ΣΑΣ \uD83D\uDE00 a\\b";
        assertThat(Quoting.escape(plain)).isSameAs(plain);
        assertThat(Quoting.isSafe(plain)).isTrue();
        assertThat(Quoting.isSafe("\uD83D")).isFalse();
    }

    @Test
    void quote_withALength_cutsAfterThatManyCodePoints_andRefusesLessThanOne() {
        assertThat(Quoting.quote("abcdef", 3)).isEqualTo("'abc...(6 chars)'");
        assertThat(Quoting.quote("abc", 3)).isEqualTo("'abc'");
        assertThat(Quoting.quote("\uD83D\uDE00\u001bz", 2)).isEqualTo("'\uD83D\uDE00\\u001b...(4 chars)'");
        assertThat(Quoting.quote(null, 3)).isEqualTo("null");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> Quoting.quote("a", 0))
                .withMessage("Invalid length 0: expected at least 1, e.g. 120");
    }
}
