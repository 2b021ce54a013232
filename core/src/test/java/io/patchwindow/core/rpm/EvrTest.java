package io.patchwindow.core.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EvrTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "1:1.0.2k-26.el7_9, 1, 1.0.2k, 26.el7_9",
            "2.17-326.el7_9.3, 0, 2.17, 326.el7_9.3",
            "0:2.17-326.el7_9, 0, 2.17, 326.el7_9",
            "32:9.11.4-26.P2.el7_9.16, 32, 9.11.4, 26.P2.el7_9.16",
            "3.10.0, 0, 3.10.0, ''",
            "1:3.10.0, 1, 3.10.0, ''",
            "1.0~rc1-1, 0, 1.0~rc1, 1",
            "1.0^git1-0.1, 0, 1.0^git1, 0.1",
    })
    void parse_readsEpochVersionRelease(String text, long epoch, String version, String release) {
        Evr evr = Evr.parse(text);
        assertThat(evr).isEqualTo(Evr.of(epoch, version, release));
    }

    @Test
    void parse_releaseIsAfterTheLastDash() {
        // A version may not hold '-', so only the last dash separates; "1.0-1-2" has version "1.0-1": invalid.
        assertThatIllegalArgumentException().isThrownBy(() -> Evr.parse("1.0-1-2"))
                .withMessageStartingWith("Invalid RPM EVR '1.0-1-2': expected [epoch:]version-release of printable ASCII");
    }

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
            // the epoch decides first, whatever the version
            "1.0-1, 1:0.1-1",
            "0:9.9-9, 1:0-0",
            "1:1.0.2k-25.el7_9, 1:1.0.2k-26.el7_9",
            "2:1.0-1, 10:1.0-1",
            // then the version, then the release
            "1.0.2k-26.el7_9, 1.0.2l-1.el7",
            "2.17-326.el7_9, 2.17-326.el7_9.3",
            "3.10.0-1160.el7, 3.10.0-1160.119.1.el7",
            // a missing release is older than any release of the same version, even a tilde one (rpm.labelCompare)
            "1.0, 1.0-0",
            "1.0, 1.0-~rc1",
            "1.0~rc1-9, 1.0-1",
    })
    void compareTo_ordersByEpochVersionRelease(String older, String newer) {
        assertThat(Evr.parse(older)).isLessThan(Evr.parse(newer));
        assertThat(Evr.parse(newer)).isGreaterThan(Evr.parse(older));
    }

    @Test
    void compareTo_zeroEpochEqualsNoEpoch() {
        assertThat(Evr.parse("0:1.0-1")).isEqualTo(Evr.parse("1.0-1")).hasSameHashCodeAs(Evr.parse("1.0-1"));
        assertThat(Evr.parse("0:1.0-1").compareTo(Evr.parse("1.0-1"))).isZero();
    }

    @Test
    void compareTo_separatorsRankEqualButAreNotEqual() {
        assertThat(Evr.parse("1.0-1").compareTo(Evr.parse("1_0-1"))).isZero();
        assertThat(Evr.parse("1.0-1")).isNotEqualTo(Evr.parse("1_0-1"));
    }

    @Test
    void toString_writesTheEpochAlways() {
        assertThat(Evr.parse("2.17-326.el7_9")).hasToString("0:2.17-326.el7_9");
        assertThat(Evr.parse("3.10.0")).hasToString("0:3.10.0");
        assertThat(Evr.parse(Evr.parse("1:1.0-1").toString())).isEqualTo(Evr.parse("1:1.0-1"));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", ":1.0-1", "a:1.0-1", "-1:1.0-1", "1:", "1:-1", "1.0-", "-1", "1.0 -1", "1.0-1 ",
            "1.0-1\t", "1:2:3-4", "1.0-é", "9999999999999999999:1.0-1"})
    void parse_rejectsMalformed(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Evr.parse(text))
                .withMessageStartingWith("Invalid RPM EVR '" + text.replace("\t", "\\t") + "'")
                .withMessageContaining("e.g. 1:1.0.2k-26.el7_9");
    }

    @Test
    void parse_epochMessageSaysWhatIsExpected() {
        assertThatIllegalArgumentException().isThrownBy(() -> Evr.parse("x:1.0-1"))
                .withMessage("Invalid RPM EVR 'x:1.0-1': the epoch before ':' must be a number, e.g. 1:1.0.2k-26.el7_9");
    }

    @Test
    void of_rejectsBadParts() {
        assertThatIllegalArgumentException().isThrownBy(() -> Evr.of(-1, "1.0", "1"))
                .withMessage("Invalid RPM epoch -1: must be a non-negative number");
        assertThatIllegalArgumentException().isThrownBy(() -> Evr.of(0, "", "1"))
                .withMessage("Invalid RPM version '': must not be empty, e.g. 1.0.2k");
        assertThatIllegalArgumentException().isThrownBy(() -> Evr.of(0, "1-0", "1"))
                .withMessage("Invalid RPM version '1-0': only printable ASCII without white space, ':' or '-' is allowed,"
                        + " e.g. 1.0.2k");
        assertThatIllegalArgumentException().isThrownBy(() -> Evr.of(0, "1.0", "el 7"))
                .withMessage("Invalid RPM release 'el 7': only printable ASCII without white space, ':' is allowed,"
                        + " e.g. 26.el7_9");
    }

    @Test
    void isSerializable() throws Exception {
        Evr evr = Evr.parse("1:1.0.2k-26.el7_9");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(evr);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(evr);
        }
    }
}
