package io.patchwindow.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackageMaskTest {

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
            "kernel*, kernel, true",
            "kernel*, kernel-tools-libs, true",
            "kernel*, xkernel, false",
            "kernel, kernel-tools, false",
            "glibc?, glibc, false",
            "glibc?*, glibc-common, true",
            "python-[a-c]*, python-b2, true",
            "python-[a-c]*, python-d, false",
            "python-[!a-c]*, python-d, true",
            "python-[^a-c]*, python-a, false",
            "lib[]]x, lib]x, true",
            "*-devel, openssl-devel, true",
            "c++*, c++-libs, true",
            "open.sl, openssl, false",
            "OpenSSL, openssl, false",
    })
    void matches_likeShellGlobs(String mask, String name, boolean expected) {
        assertThat(PackageMask.parse(mask).matches(name)).isEqualTo(expected);
    }

    @Test
    void parseList_splitsOnCommasStripsAndDeduplicates() {
        assertThat(PackageMask.parseList(" kernel* , glibc*,,kernel*")).extracting(PackageMask::text)
                .containsExactly("kernel*", "glibc*");
        assertThat(PackageMask.parseList("")).isEmpty();
    }

    @Test
    void parse_rejectsBadMasks() {
        assertThatIllegalArgumentException().isThrownBy(() -> PackageMask.parse(" "))
                .withMessage("Invalid package mask ' ': must not be blank; expected a package name with shell wildcards,"
                        + " e.g. kernel*");
        assertThatIllegalArgumentException().isThrownBy(() -> PackageMask.parse("kernel-[0-9"))
                .withMessage("Invalid package mask 'kernel-[0-9': '[' at position 8 is not closed by ']';"
                        + " expected e.g. kernel-[0-9]*");
        assertThatIllegalArgumentException().isThrownBy(() -> PackageMask.parse("kernel=3.10"))
                .withMessage("Invalid package mask 'kernel=3.10': character '=' is not allowed; expected package name"
                        + " characters [A-Za-z0-9._+-] and the wildcards * ? [...], e.g. kernel*");
        assertThatIllegalArgumentException().isThrownBy(() -> PackageMask.parse("a b"))
                .withMessageStartingWith("Invalid package mask 'a b': character ' ' is not allowed");
        assertThatIllegalArgumentException().isThrownBy(() -> PackageMask.parse("[.*]"))
                .withMessageStartingWith("Invalid package mask '[.*]': character '*' is not allowed");
    }
}
