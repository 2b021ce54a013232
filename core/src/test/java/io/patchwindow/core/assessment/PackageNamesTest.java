package io.patchwindow.core.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PackageNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"openssl", "vim-minimal", "gcc-c++", "python3.11-libs", "_x", "NetworkManager",
            "kernel-3.10.0", "libstdc++", "0ad", "perl-Net-SSLeay"})
    void isValidName_acceptsRpmNames(String name) {
        assertThat(PackageNames.isValidName(name)).isTrue();
    }

    // Issue 14.1-14.3: wildcards, pins, options, paths, shell text and non-ASCII reached the masks.
    @ParameterizedTest
    @ValueSource(strings = {"", " ", "*", "kernel*", "a?b", "[ab]", "-y", "--exclude=x", "openssl=1.0.2k", "a b",
            "/etc/passwd", "..", ".", ".hidden", "gl..ibc", "foo;rm", "$(reboot)", "`id`", "%{name}", "a{b}", "x\n",
            "systemd\ud800", "open\u202essl", "open\u200bssl", "é", "a,b", "a:b", "a~b", "+x"})
    void isValidName_refusesAnythingElse(String name) {
        assertThat(PackageNames.isValidName(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {254, 255, 256})
    void isValidName_limitsTheLength(int length) {
        assertThat(PackageNames.isValidName("a".repeat(length))).isEqualTo(length <= PackageNames.MAX_LENGTH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.2k-26.el7_9", "1:4.8.5-44.el7", "2.0~rc1", "1.2^git3"})
    void isValidVersion_acceptsEvrs(String version) {
        assertThat(PackageNames.isValidVersion(version)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.0*", "1,2", "1 2", "-1", "=1", "1/2", "1.0?", "%{v}", "1\u0000"})
    void isValidVersion_refusesWildcardsAndSeparators(String version) {
        assertThat(PackageNames.isValidVersion(version)).isFalse();
    }
}
