package io.patchwindow.core.advisory;

import static io.patchwindow.core.testing.InMemoryAdvisorySource.advisory;
import static io.patchwindow.core.testing.InMemoryAdvisorySource.security;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.patchwindow.core.rpm.Evr;
import io.patchwindow.core.testing.InMemoryAdvisorySource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The matching rule of {@link AdvisoryIndex}: installed &lt; fixed &lt;= available, arch fit, severity, type. */
class AdvisoryIndexTest {
    private static final LocalDate MARCH = LocalDate.of(2024, 3, 5);
    private static final Advisory RHSA_1 = security("RHSA-2024:1001", Severity.IMPORTANT, MARCH,
            "openssl-libs-1:1.0.2k-26.el7_9.x86_64", "openssl-libs-1:1.0.2k-26.el7_9.i686",
            "openssl-1:1.0.2k-26.el7_9.x86_64", "openssl-1:1.0.2k-26.el7_9.src");
    private static final Advisory RHSA_2 = security("RHSA-2024:2002", Severity.CRITICAL, MARCH.plusMonths(2),
            "openssl-libs-1:1.0.2k-27.el7_9.x86_64");
    private static final Advisory TZ = security("RHSA-2024:3003", Severity.LOW, MARCH, "tzdata-2024a-1.el7.noarch");
    private static final Advisory BUGFIX = advisory("RHBA-2024:4004", AdvisoryType.BUGFIX, Severity.NONE, MARCH,
            List.of(), "openssl-libs-1:1.0.2k-28.el7_9.x86_64");
    private static final Advisory ANY_ARCH = new Advisory("CVE-2024-5005", AdvisoryType.SECURITY, Severity.NONE, null,
            null, List.of("CVE-2024-5005"), List.of(InMemoryAdvisorySource.fixed("glibc", "2.17-326.el7_9", "")), "");

    private static final AdvisoryIndex INDEX = AdvisoryIndex.of(List.of(RHSA_1, RHSA_2, TZ, BUGFIX, ANY_ARCH));

    private static List<String> ids(String name, String arch, String available, String installed, Severity min) {
        List<String> out = new ArrayList<>();
        for (Advisory a : INDEX.matches(name, arch, Evr.parse(available), installed.isEmpty() ? null : Evr.parse(installed),
                min)) {
            out.add(a.id());
        }
        return out;
    }

    @ParameterizedTest(name = "{0}.{1} {3} -> {2}: {5}")
    @CsvSource(delimiter = '|', value = {
            // installed known: installed < fixed <= available
            "openssl-libs | x86_64 | 1:1.0.2k-26.el7_9 | 1:1.0.2k-25.el7_9 | None | RHSA-2024:1001",
            "openssl-libs | x86_64 | 1:1.0.2k-27.el7_9 | 1:1.0.2k-25.el7_9 | None | RHSA-2024:1001 RHSA-2024:2002",
            "openssl-libs | x86_64 | 1:1.0.2k-27.el7_9 | 1:1.0.2k-26.el7_9 | None | RHSA-2024:2002",
            // already fixed on the machine: installed = fixed is not older
            "openssl-libs | x86_64 | 1:1.0.2k-26.el7_9 | 1:1.0.2k-26.el7_9 | None | ''",
            // the update does not reach the fix
            "openssl-libs | x86_64 | 1:1.0.2k-25.el7_9 | 1:1.0.2k-24.el7_9 | None | ''",
            // installed unknown: fixed <= available
            "openssl-libs | x86_64 | 1:1.0.2k-27.el7_9 | '' | None | RHSA-2024:1001 RHSA-2024:2002",
            "openssl-libs | x86_64 | 1:1.0.2k-26.el7_9 | '' | None | RHSA-2024:1001",
            // epochs: without the epoch the available version is older than 1:...
            "openssl-libs | x86_64 | 1.0.2k-27.el7_9 | '' | None | ''",
            "openssl-libs | x86_64 | 2:0.1-1 | '' | None | RHSA-2024:1001 RHSA-2024:2002",
            "openssl-libs | x86_64 | 0:1.0.2k-99.el7_9 | '' | None | ''",
            // arch fit: i686 has only the first advisory; no arch reported fits any; other arches do not
            "openssl-libs | i686 | 1:1.0.2k-27.el7_9 | '' | None | RHSA-2024:1001",
            "openssl-libs | '' | 1:1.0.2k-27.el7_9 | '' | None | RHSA-2024:1001 RHSA-2024:2002",
            "openssl-libs | aarch64 | 1:1.0.2k-27.el7_9 | '' | None | ''",
            "openssl-libs | noarch | 1:1.0.2k-27.el7_9 | '' | None | RHSA-2024:1001 RHSA-2024:2002",
            // noarch fixed package fits every arch
            "tzdata | x86_64 | 2024b-1.el7 | 2023c-1.el7 | None | RHSA-2024:3003",
            "tzdata | noarch | 2024a-1.el7 | '' | None | RHSA-2024:3003",
            // a fixed package without arch (OVAL, OSV) fits every arch
            "glibc | i686 | 2.17-326.el7_9.3 | 2.17-325.el7_9 | None | CVE-2024-5005",
            // severity threshold: None counts only at None
            "openssl-libs | x86_64 | 1:1.0.2k-27.el7_9 | '' | Important | RHSA-2024:1001 RHSA-2024:2002",
            "openssl-libs | x86_64 | 1:1.0.2k-27.el7_9 | '' | Critical | RHSA-2024:2002",
            "tzdata | x86_64 | 2024b-1.el7 | '' | Moderate | ''",
            "glibc | x86_64 | 2.17-326.el7_9.3 | '' | Low | ''",
            // a bug fix advisory never counts
            "openssl-libs | x86_64 | 1:1.0.2k-28.el7_9 | 1:1.0.2k-27.el7_9 | None | ''",
            // other names, and a name that is a prefix of a listed one
            "openssl-devel | x86_64 | 1:1.0.2k-27.el7_9 | '' | None | ''",
            "openssl-lib | x86_64 | 1:1.0.2k-27.el7_9 | '' | None | ''",
            // the src entry does not make a binary of the same name match on another arch
            "openssl | aarch64 | 1:1.0.2k-26.el7_9 | '' | None | ''",
            "openssl | x86_64 | 1:1.0.2k-26.el7_9 | '' | None | RHSA-2024:1001",
            // installed newer than available: nothing
            "openssl-libs | x86_64 | 1:1.0.2k-26.el7_9 | 1:1.0.2k-30.el7_9 | None | ''",
    })
    void matches_followsTheRule(String name, String arch, String available, String installed, String min,
                                String expected) {
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(" "));
        assertThat(ids(name, arch, available, installed, Severity.parse(min))).isEqualTo(want);
    }

    @Test
    void reason_saysWhetherTheInstalledVersionWasKnown() {
        PackageReason unknown = INDEX.reason("openssl-libs", "x86_64", Evr.parse("1:1.0.2k-27.el7_9"), null,
                Severity.NONE).orElseThrow();
        assertThat(unknown.advisories()).containsExactly("RHSA-2024:1001", "RHSA-2024:2002");
        assertThat(unknown.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(unknown.cves()).containsExactly("CVE-2024-1001", "CVE-2024-2002");
        assertThat(unknown.installedUnknown()).isTrue();
        assertThat(unknown.azure()).isEmpty();
        PackageReason known = INDEX.reason("openssl-libs", "x86_64", Evr.parse("1:1.0.2k-27.el7_9"),
                Evr.parse("1:1.0.2k-26.el7_9"), Severity.NONE).orElseThrow();
        assertThat(known.advisories()).containsExactly("RHSA-2024:2002");
        assertThat(known.installedUnknown()).isFalse();
        assertThat(INDEX.reason("vim-minimal", "x86_64", Evr.parse("2:7.4.629-8.el7_9"), null, Severity.NONE)).isEmpty();
    }

    @Test
    void builder_countsAndKeepsFeeds() {
        AdvisoryIndex.Builder b = AdvisoryIndex.builder();
        InMemoryAdvisorySource.of(RHSA_1, BUGFIX).named("updateinfo.xml.gz", "updateinfo").read(b);
        InMemoryAdvisorySource.of(RHSA_2).named("rhel-7.oval.xml.bz2", "oval").read(b);
        AdvisoryIndex index = b.build();
        assertThat(index.advisories()).isEqualTo(2);
        assertThat(index.ignored()).isEqualTo(1);
        assertThat(index.entries()).isEqualTo(4); // three binaries of RHSA_1 (its src entry is dropped), one of RHSA_2
        assertThat(index.newest()).isEqualTo(MARCH.plusMonths(2));
        assertThat(index.feeds()).extracting(AdvisoryFeed::source, AdvisoryFeed::format, AdvisoryFeed::advisories)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("updateinfo.xml.gz", "updateinfo", 2L),
                        org.assertj.core.groups.Tuple.tuple("rhel-7.oval.xml.bz2", "oval", 1L));
        assertThat(index.lists("openssl-libs")).isTrue();
        assertThat(index.lists("vim-minimal")).isFalse();
    }

    @Test
    void matches_sameAdvisoryFromTwoFeedsCountsOnce() {
        AdvisoryIndex twice = AdvisoryIndex.of(List.of(RHSA_1, RHSA_1));
        assertThat(twice.matches("openssl-libs", "x86_64", Evr.parse("1:1.0.2k-26.el7_9"), null, Severity.NONE))
                .extracting(Advisory::id).containsExactly("RHSA-2024:1001");
    }

    @Test
    void matches_equalsTheScanOfEveryAdvisory() {
        // The index (sorted lists, binary search) against the rule applied to every fixed package of every advisory.
        SplittableRandom r = new SplittableRandom(20241125);
        String[] names = {"a", "b", "c"};
        String[] arches = {"x86_64", "i686", "noarch", ""};
        List<Advisory> all = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            List<FixedPackage> pk = new ArrayList<>();
            for (int k = 0; k < 1 + r.nextInt(3); k++) {
                pk.add(new FixedPackage(names[r.nextInt(3)], evr(r), arches[r.nextInt(4)]));
            }
            all.add(new Advisory("A-" + i, r.nextInt(5) == 0 ? AdvisoryType.BUGFIX : AdvisoryType.SECURITY,
                    Severity.values()[r.nextInt(5)], null, null, List.of(), pk, ""));
        }
        AdvisoryIndex index = AdvisoryIndex.of(all);
        for (int c = 0; c < 3000; c++) {
            String name = names[r.nextInt(3)];
            String arch = arches[r.nextInt(4)];
            Evr available = evr(r);
            Evr installed = r.nextBoolean() ? null : evr(r);
            Severity min = Severity.values()[r.nextInt(5)];
            List<String> expected = new ArrayList<>();
            for (Advisory a : all) {
                boolean hit = a.type() == AdvisoryType.SECURITY && a.severity().isAtLeast(min)
                        && a.packages().stream().anyMatch(p -> p.name().equals(name) && p.fitsArch(arch)
                        && p.evr().compareTo(available) <= 0 && (installed == null || installed.compareTo(p.evr()) < 0));
                if (hit) {
                    expected.add(a.id());
                }
            }
            expected.sort(null);
            assertThat(index.matches(name, arch, available, installed, min)).extracting(Advisory::id)
                    .as("case %d: %s.%s %s -> %s, min %s", c, name, arch, installed, available, min)
                    .isEqualTo(expected);
        }
    }

    private static Evr evr(SplittableRandom r) {
        return Evr.of(r.nextInt(6) == 0 ? 1 : 0, "1." + r.nextInt(4), String.valueOf(r.nextInt(5)));
    }
}
