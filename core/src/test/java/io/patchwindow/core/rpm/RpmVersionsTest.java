package io.patchwindow.core.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link RpmVersions#compare} against rpm's own published vectors and the cases that matter on EL7. */
class RpmVersionsTest {

    /**
     * rpm's {@code tests/rpmvercmp.at} (rpm-software-management/rpm, rpm 4.15 and later, with the caret cases),
     * every {@code RPMVERCMP(a, b, expected)} line as published, in its order.
     */
    static final String RPMVERCMP_AT = """
            RPMVERCMP(1.0, 1.0, 0)
            RPMVERCMP(1.0, 2.0, -1)
            RPMVERCMP(2.0, 1.0, 1)

            RPMVERCMP(2.0.1, 2.0.1, 0)
            RPMVERCMP(2.0, 2.0.1, -1)
            RPMVERCMP(2.0.1, 2.0, 1)

            RPMVERCMP(2.0.1a, 2.0.1a, 0)
            RPMVERCMP(2.0.1a, 2.0.1, 1)
            RPMVERCMP(2.0.1, 2.0.1a, -1)

            RPMVERCMP(5.5p1, 5.5p1, 0)
            RPMVERCMP(5.5p1, 5.5p2, -1)
            RPMVERCMP(5.5p2, 5.5p1, 1)

            RPMVERCMP(5.5p10, 5.5p10, 0)
            RPMVERCMP(5.5p1, 5.5p10, -1)
            RPMVERCMP(5.5p10, 5.5p1, 1)

            RPMVERCMP(10xyz, 10.1xyz, -1)
            RPMVERCMP(10.1xyz, 10xyz, 1)

            RPMVERCMP(xyz10, xyz10, 0)
            RPMVERCMP(xyz10, xyz10.1, -1)
            RPMVERCMP(xyz10.1, xyz10, 1)

            RPMVERCMP(xyz.4, xyz.4, 0)
            RPMVERCMP(xyz.4, 8, -1)
            RPMVERCMP(8, xyz.4, 1)
            RPMVERCMP(xyz.4, 2, -1)
            RPMVERCMP(2, xyz.4, 1)

            RPMVERCMP(5.5p2, 5.6p1, -1)
            RPMVERCMP(5.6p1, 5.5p2, 1)

            RPMVERCMP(5.6p1, 6.5p1, -1)
            RPMVERCMP(6.5p1, 5.6p1, 1)

            RPMVERCMP(6.0.rc1, 6.0, 1)
            RPMVERCMP(6.0, 6.0.rc1, -1)

            RPMVERCMP(10b2, 10a1, 1)
            RPMVERCMP(10a2, 10b2, -1)

            RPMVERCMP(1.0aa, 1.0aa, 0)
            RPMVERCMP(1.0a, 1.0aa, -1)
            RPMVERCMP(1.0aa, 1.0a, 1)

            RPMVERCMP(10.0001, 10.0001, 0)
            RPMVERCMP(10.0001, 10.1, 0)
            RPMVERCMP(10.1, 10.0001, 0)
            RPMVERCMP(10.0001, 10.0039, -1)
            RPMVERCMP(10.0039, 10.0001, 1)

            RPMVERCMP(4.999.9, 5.0, -1)
            RPMVERCMP(5.0, 4.999.9, 1)

            RPMVERCMP(20101121, 20101121, 0)
            RPMVERCMP(20101121, 20101122, -1)
            RPMVERCMP(20101122, 20101121, 1)

            RPMVERCMP(2_0, 2_0, 0)
            RPMVERCMP(2.0, 2_0, 0)
            RPMVERCMP(2_0, 2.0, 0)

            dnl RhBug:178798 case
            RPMVERCMP(a, a, 0)
            RPMVERCMP(a+, a+, 0)
            RPMVERCMP(a+, a_, 0)
            RPMVERCMP(a_, a+, 0)
            RPMVERCMP(+a, +a, 0)
            RPMVERCMP(+a, _a, 0)
            RPMVERCMP(_a, +a, 0)
            RPMVERCMP(+_, +_, 0)
            RPMVERCMP(_+, +_, 0)
            RPMVERCMP(_+, _+, 0)
            RPMVERCMP(+, _, 0)
            RPMVERCMP(_, +, 0)

            dnl Basic testcases for tilde sorting
            RPMVERCMP(1.0~rc1, 1.0~rc1, 0)
            RPMVERCMP(1.0~rc1, 1.0, -1)
            RPMVERCMP(1.0, 1.0~rc1, 1)
            RPMVERCMP(1.0~rc1, 1.0~rc2, -1)
            RPMVERCMP(1.0~rc2, 1.0~rc1, 1)
            RPMVERCMP(1.0~rc1~git123, 1.0~rc1~git123, 0)
            RPMVERCMP(1.0~rc1~git123, 1.0~rc1, -1)
            RPMVERCMP(1.0~rc1, 1.0~rc1~git123, 1)

            dnl Basic testcases for caret sorting
            RPMVERCMP(1.0^, 1.0^, 0)
            RPMVERCMP(1.0^, 1.0, 1)
            RPMVERCMP(1.0, 1.0^, -1)
            RPMVERCMP(1.0^git1, 1.0^git1, 0)
            RPMVERCMP(1.0^git1, 1.0, 1)
            RPMVERCMP(1.0, 1.0^git1, -1)
            RPMVERCMP(1.0^git1, 1.0^git2, -1)
            RPMVERCMP(1.0^git2, 1.0^git1, 1)
            RPMVERCMP(1.0^git1, 1.01, -1)
            RPMVERCMP(1.01, 1.0^git1, 1)
            RPMVERCMP(1.0^20160101, 1.0^20160101, 0)
            RPMVERCMP(1.0^20160101, 1.0.1, -1)
            RPMVERCMP(1.0.1, 1.0^20160101, 1)
            RPMVERCMP(1.0^20160101^git1, 1.0^20160101^git1, 0)
            RPMVERCMP(1.0^20160102, 1.0^20160101^git1, 1)
            RPMVERCMP(1.0^20160101^git1, 1.0^20160102, -1)

            dnl Basic testcases for tilde and caret sorting
            RPMVERCMP(1.0~rc1^git1, 1.0~rc1^git1, 0)
            RPMVERCMP(1.0~rc1^git1, 1.0~rc1, 1)
            RPMVERCMP(1.0~rc1, 1.0~rc1^git1, -1)
            RPMVERCMP(1.0^git1~pre, 1.0^git1~pre, 0)
            RPMVERCMP(1.0^git1, 1.0^git1~pre, 1)
            RPMVERCMP(1.0^git1~pre, 1.0^git1, -1)

            dnl These are included here to document current, arguably buggy behaviors
            dnl for reference purposes and for easy checking against  unintended
            dnl behavior changes.
            dnl
            dnl AT_BANNER([RPM version comparison oddities])
            dnl RhBug:811992 case
            dnl RPMVERCMP(1b.fc17, 1b.fc17, 0)
            dnl RPMVERCMP(1b.fc17, 1.fc17, -1)
            dnl RPMVERCMP(1.fc17, 1b.fc17, 1)
            dnl RPMVERCMP(1g.fc17, 1g.fc17, 0)
            dnl RPMVERCMP(1g.fc17, 1.fc17, 1)
            dnl RPMVERCMP(1.fc17, 1g.fc17, -1)

            dnl Non-ascii characters are considered equal so these are all the same, eh...
            dnl RPMVERCMP(1.1.\u03b1, 1.1.\u03b1, 0)
            dnl RPMVERCMP(1.1.\u03b1, 1.1.\u03b2, 0)
            dnl RPMVERCMP(1.1.\u03b2, 1.1.\u03b1, 0)
            dnl RPMVERCMP(1.1.\u03b1\u03b1, 1.1.\u03b1, 0)
            dnl RPMVERCMP(1.1.\u03b1, 1.1.\u03b2\u03b2, 0)
            dnl RPMVERCMP(1.1.\u03b2\u03b2, 1.1.\u03b1\u03b1, 0)
            """;

    private static final Pattern VECTOR = Pattern.compile("^(dnl )?RPMVERCMP\\((.*), (.*), (-?[01])\\)$");

    /** The vectors; {@code oddity} marks those rpm keeps commented out (its documented current behaviour). */
    static Stream<Arguments> vectors() {
        List<Arguments> out = new ArrayList<>();
        for (String line : RPMVERCMP_AT.split("\n")) {
            Matcher m = VECTOR.matcher(line.strip());
            if (m.matches()) {
                out.add(Arguments.of(m.group(2), m.group(3), Integer.parseInt(m.group(4)), m.group(1) != null));
            }
        }
        return out.stream();
    }

    @Test
    void vectors_areAllRead() {
        // 91 active lines and 12 commented-out oddities in rpm's file: a parsing slip must not drop any.
        assertThat(vectors().filter(a -> !(Boolean) a.get()[3]).count()).isEqualTo(91);
        assertThat(vectors().filter(a -> (Boolean) a.get()[3]).count()).isEqualTo(12);
    }

    @ParameterizedTest(name = "rpmvercmp({0}, {1}) = {2}")
    @MethodSource("vectors")
    void compare_matchesRpmsPublishedVectors(String a, String b, int expected, boolean oddity) {
        assertThat(RpmVersions.compare(a, b)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
            // tilde: a pre-release sorts before the release, and before the end of the text
            "1.0~rc1, 1.0",
            "1.0~~, 1.0~",
            "1.0~rc1, 1.0~rc1.1",
            "1.0~, 1.0",
            "0~, 0",
            // caret: a snapshot after the release, before the next one
            "1.0, 1.0^",
            "1.0^, 1.0^a",
            "1.0^a, 1.0a",
            "1.0^9, 1.0.0",
            "1.0~rc1, 1.0^git1",
            // digits are newer than letters, numbers compare as numbers
            "a, 1",
            "1.a, 1.0",
            "9, 10",
            "2.0.9, 2.0.10",
            "1.0.2j, 1.0.2k",
            "999999999999999999999999, 1000000000000000000000000",
            "Z, a",
            // EL7 releases
            "26.el7_9, 26.el7_9.1",
            "25.el7_9, 26.el7",
            "326.el7_9, 326.el7_9.3",
            "1160.el7, 1160.119.1.el7",
            "7.el7, 7.el7.centos",
            "el7, el7_9",
    })
    void compare_ordersAsRpm(String older, String newer) {
        assertThat(RpmVersions.compare(older, newer)).isEqualTo(-1);
        assertThat(RpmVersions.compare(newer, older)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "1.0, 1_0",
            "1.0, 1..0",
            "001, 1",
            "1.0, 1.0.",
            "'', ''",
            "'', .",
            "1-0, 1.0",
    })
    void compare_ranksEqual(String a, String b) {
        assertThat(RpmVersions.compare(a, b)).isZero();
        assertThat(RpmVersions.compare(b, a)).isZero();
    }

    @Test
    void compare_returnsOnlyMinusOneZeroOrOne() {
        assertThat(RpmVersions.compare("1.0a", "1.0z")).isEqualTo(-1);
        assertThat(RpmVersions.compare("20", "3")).isEqualTo(1);
    }

    @Test
    void compare_rejectsNull() {
        assertThatNullPointerException().isThrownBy(() -> RpmVersions.compare(null, "1")).withMessage("a");
        assertThatNullPointerException().isThrownBy(() -> RpmVersions.compare("1", null)).withMessage("b");
    }
}
