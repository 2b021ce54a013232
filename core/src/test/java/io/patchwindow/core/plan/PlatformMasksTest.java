package io.patchwindow.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import io.patchwindow.core.assessment.PackageNames;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.deployment.Reboot;
import io.patchwindow.core.testing.Fleet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PlatformMasksTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void readIncluded_namesAndValidPins_areIntact() {
        PlatformMasks.Included got = PlatformMasks.readIncluded(List.of("openssl", "curl=7.29.0-59.el7_9.2",
                "gcc-c++", "python3.11-libs=1:3.11.4-1.el9"));

        assertThat(got.packages()).containsExactly("curl", "gcc-c++", "openssl", "python3.11-libs");
        assertThat(got.versions()).isEqualTo(Map.of("curl", "7.29.0-59.el7_9.2", "python3.11-libs", "1:3.11.4-1.el9"));
        assertThat(got.damage()).isNull();
    }

    // Issue 14 (fuzz, seeds 4404 and 1): masks read back were split at '=' ('--exclude=x' became the package
    // '--exclude', a name that was not in the answer) and taken as packages unchecked ('<script>', '?'); expected: kept
    // whole, verbatim, and the list flagged damaged with one line that quotes the first and names the rule.
    @ParameterizedTest
    @ValueSource(strings = {"--exclude=x", "<script>", "?", "*", "kernel*", "-y", "..", "/etc/passwd", "a b", " openssl",
            "openssl ", "OpenSSL\u00e9", "systemd\ud800", "x\ny", "\u202eopenssl", "", "=1.0"})
    void readIncluded_aMaskThatBreaksTheNameRule_isKeptWhole_andDamaged(String mask) {
        PlatformMasks.Included got = PlatformMasks.readIncluded(List.of("openssl", mask));

        assertThat(got.packages()).contains("openssl", mask);
        assertThat(got.versions()).isEmpty();
        assertThat(got.damage()).startsWith("package mask '").endsWith("' breaks the package-name rule ("
                + PackageNames.RULE + ")").doesNotContain("\n").hasSizeLessThan(300);
    }

    @ParameterizedTest
    @ValueSource(strings = {"openssl=1.0; reboot", "openssl=", "openssl=$(reboot)", "openssl=-1", "openssl=1.0=2",
            "openssl=1 .0"})
    void readIncluded_aPinWhoseVersionBreaksTheRule_isKeptWhole_andDamaged(String mask) {
        PlatformMasks.Included got = PlatformMasks.readIncluded(List.of(mask));

        assertThat(got.packages()).containsExactly(mask);
        assertThat(got.versions()).isEmpty();
        assertThat(got.damage()).isEqualTo("package mask " + io.patchwindow.core.text.Quoting.quote(mask, 40)
                + " pins a version that breaks the version rule (" + PackageNames.VERSION_RULE + ")");
    }

    @Test
    void readIncluded_quotesTheFirstEscapedAndShortened_countsTheOthers() {
        String longName = "x".repeat(300);

        assertThat(PlatformMasks.readIncluded(List.of("ok", "a\u001b[2Jb", "?", longName)).damage())
                .startsWith("package mask 'a\\u001b[2Jb' (and 2 more) breaks the package-name rule");
        assertThat(PlatformMasks.readIncluded(List.of(longName)).damage())
                .startsWith("package mask '" + "x".repeat(40) + "...(300 chars)' breaks");
    }

    @Test
    void excludedDamage_acceptsMasksAsWritten_only() {
        assertThat(PlatformMasks.excludedDamage(List.of("kernel*", "glibc?[a-z]*", "openssl"))).isNull();
        assertThat(PlatformMasks.excludedDamage(List.of("kernel*", " kernel*", "a;b"))).isEqualTo(
                "exclude mask ' kernel*' (and 1 more) breaks the exclude-mask rule (package name characters "
                        + "[A-Za-z0-9._+-] and the wildcards * ? [...], no white space around it)");
        assertThat(PlatformMasks.excludedDamage(List.of(""))).startsWith("exclude mask '' breaks");
    }

    @Test
    void writeProblem_refusesADeploymentWhoseMasksBreakTheRule_namingIt() {
        ZonedDateTime start = ZonedDateTime.of(2026, 11, 27, 12, 0, 0, 0, PARIS);
        Deployment good = new Deployment("pw-Q-WED-1200-cc31b47c", List.of(Fleet.vmId("q1")), start, PARIS,
                Duration.ofHours(2), Reboot.ALWAYS, List.of("openssl"), Map.of("openssl", "1:1.0.2k-26.el7_9"))
                .withExcludes(List.of("kernel*"));
        Deployment badName = new Deployment(good.name(), good.machineIds(), start, PARIS, Duration.ofHours(2),
                Reboot.ALWAYS, List.of("openssl", "--exclude=x"), Map.of());
        Deployment badPin = new Deployment(good.name(), good.machineIds(), start, PARIS, Duration.ofHours(2),
                Reboot.ALWAYS, List.of("openssl"), Map.of("openssl", "1.0; reboot"));
        Deployment badExclude = good.withExcludes(List.of("kernel* --setopt=x"));

        assertThat(PlatformMasks.writeProblem(good, true)).isEmpty();
        assertThat(PlatformMasks.writeProblem(badName, false)).hasValue("deployment 'pw-Q-WED-1200-cc31b47c' not "
                + "written: package mask '--exclude=x' breaks the package-name rule (" + PackageNames.RULE + ")");
        // the version is only written, and so only checked, when versions are pinned
        assertThat(PlatformMasks.writeProblem(badPin, false)).isEmpty();
        assertThat(PlatformMasks.writeProblem(badPin, true)).hasValueSatisfying(m -> assertThat(m)
                .contains("package mask 'openssl=1.0; reboot' pins a version that breaks the version rule"));
        assertThat(PlatformMasks.writeProblem(badExclude, false)).hasValueSatisfying(m -> assertThat(m)
                .contains("exclude mask 'kernel* --setopt=x' breaks the exclude-mask rule"));
    }
}
