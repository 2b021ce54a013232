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
}
