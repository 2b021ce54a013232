package io.patchwindow.core.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NevraTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "openssl-libs-1:1.0.2k-26.el7_9.x86_64, openssl-libs, 1:1.0.2k-26.el7_9, x86_64",
            "glibc-2.17-326.el7_9.3.x86_64, glibc, 2.17-326.el7_9.3, x86_64",
            "glibc-2.17-326.el7_9.3.i686, glibc, 2.17-326.el7_9.3, i686",
            "python-perf-3.10.0-1160.119.1.el7.x86_64, python-perf, 3.10.0-1160.119.1.el7, x86_64",
            "kernel-tools-libs-3.10.0-1160.el7.x86_64, kernel-tools-libs, 3.10.0-1160.el7, x86_64",
            "tzdata-2024a-1.el7.noarch, tzdata, 2024a-1.el7, noarch",
            "bind-libs-32:9.11.4-26.P2.el7_9.16.x86_64, bind-libs, 32:9.11.4-26.P2.el7_9.16, x86_64",
            "openssl-1.0.2k-26.el7_9.src, openssl, 1.0.2k-26.el7_9, src",
            // no architecture: a release with dots is not mistaken for one
            "openssl-1.0.2k-26.el7_9, openssl, 1.0.2k-26.el7_9, ''",
            "java-1.8.0-openjdk-1:1.8.0.412.b08-1.el7_9.x86_64, java-1.8.0-openjdk, 1:1.8.0.412.b08-1.el7_9, x86_64",
            "NetworkManager-1:1.18.8-2.el7_9.aarch64, NetworkManager, 1:1.18.8-2.el7_9, aarch64",
            "a-1-1, a, 1-1, ''",
    })
    void parse_splitsNameEvrArch(String text, String name, String evr, String arch) {
        Nevra n = Nevra.parse(text);
        assertThat(n.name()).isEqualTo(name);
        assertThat(n.evr()).isEqualTo(Evr.parse(evr));
        assertThat(n.arch()).isEqualTo(arch);
    }

    @Test
    void toString_roundTrips() {
        Nevra n = Nevra.parse("openssl-libs-1:1.0.2k-26.el7_9.x86_64");
        assertThat(n).hasToString("openssl-libs-1:1.0.2k-26.el7_9.x86_64");
        assertThat(Nevra.parse("glibc-2.17-326.el7_9.3.x86_64")).hasToString("glibc-0:2.17-326.el7_9.3.x86_64");
        assertThat(Nevra.parse(Nevra.parse("glibc-2.17-326.el7_9").toString())).isEqualTo(Nevra.parse("glibc-2.17-326.el7_9"));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "openssl", "openssl-1.0.2k", "-1.0-1", "openssl-1.0.2k-.x86_64", "openssl--1",
            "openssl-x:1.0-1.x86_64", "openssl-1.0-1 .x86_64", ".x86_64"})
    void parse_rejectsMalformed(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Nevra.parse(text))
                .withMessage("Invalid package '" + text
                        + "': expected name-[epoch:]version-release[.arch], e.g. openssl-libs-1:1.0.2k-26.el7_9.x86_64");
    }

    @Test
    void parse_keepsTheEvrProblemAsCause() {
        assertThatIllegalArgumentException().isThrownBy(() -> Nevra.parse("openssl-x:1.0-1.x86_64"))
                .havingCause().withMessageContaining("the epoch before ':' must be a number");
    }

    @Test
    void constructor_rejectsBlankName() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Nevra(" ", Evr.parse("1-1"), ""))
                .withMessage("Invalid package name '': must not be blank");
    }
}
