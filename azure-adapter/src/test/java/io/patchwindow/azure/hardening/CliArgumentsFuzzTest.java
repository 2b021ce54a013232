package io.patchwindow.azure.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.patchwindow.azure.testing.CliRun;
import io.patchwindow.core.text.Quoting;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing of the command line: random commands, option names (known, misspelt, unknown), values (valid,
 * hostile, empty, missing), {@code --opt=value} forms and orderings. Property: the exit code is 0 or 2 for an
 * offline run ({@code --snapshot}, {@code check-tag}, help, version) and never 1 (no internal error) for any
 * run; without {@code --debug} no stack trace is printed; an exit 2 prints one line on stderr and nothing on
 * stdout. Runs that would reach Azure meet a connector that refuses (exit 3, also one line).
 */
class CliArgumentsFuzzTest {
    static final List<String> COMMANDS = List.of("plan", "apply", "cleanup", "export-snapshot", "check-tag", "help",
            "deploy", "", "--help", "--version", "-h", "-V", "PLAN");
    static final List<String> OPTIONS = List.of("--arm-endpoint", "--assessment", "--automation-account", "--backend",
            "--classifications", "--cloud", "--concurrency", "--credential", "--debug", "--duration", "--environments",
            "--fix-patch-mode", "--grouping", "--hours", "--inventory", "--lead-time", "--log-analytics-endpoint",
            "--max-assessment-age", "--name-prefix", "--now", "--os", "--output", "--pin-versions", "--prefixes",
            "--prune", "--reboot", "--schedule-location", "--schedule-resource-group", "--snapshot", "--subscription",
            "--tag-name", "--tenant", "--time-zone", "--tolerant", "--workspace-id", "--help", "--version",
            "--bogus", "-x", "--", "---now", "--NOW", "--environment", "-");
    static final List<String> VALUES = List.of("Q", "Q,R", "P", "X", "Q,,R", "PT2H", "PT0S", "-PT1H", "P9999999D",
            "2h", "Always", "Never", "sometimes", "json", "text", "yaml", "Europe/Paris", "CET+1", "UTC", "Mars/Olympus",
            "2026-11-25T10:17:00Z", "+999999999-12-31T23:59:59Z", "now", "0", "-1", "2147483648", "65", "8",
            "per-window", "per-machine", "centos,rocky", "03:00,12:00", "25:00", "pw-", "pw/", "a".repeat(300),
            "https://127.0.0.1:1/", "http://x", "https://user@host/?q#f", "0b1f6471-1bf0-4dda-aec3-cb9272f09590",
            "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg",
            "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/ops/providers/Microsoft.Automation/"
                    + "automationAccounts/aa", "update-manager", "automation", "arm", "resource-graph", "log-analytics",
            "AzureChinaCloud", "cli", "environment", "westeurope", "patch", "CENTOS,ALMA", "Critical,Security",
            "CENTOS-Q-WED-12:00", "CENTOS-P-MON-04:00");


    @TempDir
    static Path dir;
    static String fleet;

    @BeforeAll
    static void fixture() throws Exception {
        fleet = Path.of(CliArgumentsFuzzTest.class.getResource("/snapshots/small-fleet.json").toURI()).toString();
    }

    record Args(List<String> argv) {
        boolean offline() {
            String c = argv.isEmpty() ? "" : argv.get(0);
            return argv.contains("--snapshot") || !List.of("plan", "apply", "cleanup", "export-snapshot").contains(c)
                    || argv.stream().anyMatch(a -> a.equals("--help") || a.equals("-h") || a.equals("--version")
                    || a.equals("-V") || a.startsWith("--snapshot="));
        }

        String show() {
            StringBuilder sb = new StringBuilder();
            for (String a : argv) {
                sb.append(' ').append(JsonFuzz.JSON.valueToTree(a).toString());
            }
            return sb.toString().strip();
        }
    }

    Args generate(SplittableRandom r) {
        List<String> a = new ArrayList<>();
        String command = COMMANDS.get(r.nextInt(COMMANDS.size()));
        if (!command.isEmpty()) {
            a.add(command);
        }
        boolean snapshot = r.nextInt(4) != 0;
        int n = r.nextInt(9);
        for (int i = 0; i < n; i++) {
            String opt = OPTIONS.get(r.nextInt(OPTIONS.size()));
            if (opt.equals("--snapshot")) {
                continue;
            }
            String value = r.nextInt(5) == 0 ? JsonFuzz.HOSTILE_STRINGS.get(r.nextInt(JsonFuzz.HOSTILE_STRINGS.size()))
                    : r.nextInt(12) == 0 ? JsonFuzz.randomString(r, r.nextInt(12)) : VALUES.get(r.nextInt(VALUES.size()));
            int form = r.nextInt(6);
            if (form == 0) {
                a.add(opt);
            } else if (form == 1) {
                a.add(opt + "=" + value);
            } else {
                a.add(opt);
                a.add(value);
            }
        }
        if (command.equals("check-tag") && r.nextBoolean()) {
            a.add(r.nextBoolean() ? "CENTOS-Q-WED-12:00" : JsonFuzz.HOSTILE_STRINGS.get(r.nextInt(JsonFuzz.HOSTILE_STRINGS.size())));
        }
        if (snapshot && !command.equals("check-tag")) {
            int at = Math.min(a.size(), 1 + r.nextInt(Math.max(1, a.size())));
            a.add(at, fleet);
            a.add(at, "--snapshot");
        }
        if (r.nextInt(8) == 0) {
            a.add(r.nextInt(a.size() + 1), "--debug");
        }
        return new Args(a);
    }

    static CliRun run(List<String> argv) {
        return CliRun.run(CliRun.OFFLINE, argv);
    }

    @Test
    void randomArguments_exit0Or2Offline_neverAnInternalError_neverAStackTraceWithoutDebug() {
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger bad = new AtomicInteger();
        Property.forAll("command line arguments", 424242L, 250, Duration.ofSeconds(15), this::generate, Args::show,
                args -> {
                    CliRun r = run(args.argv());
                    String ctx = "exit " + r.code() + "\nstdout: " + Property.shorten(r.out(), 500) + "\nstderr: "
                            + Property.shorten(r.err(), 2000);
                    assertThat(r.code()).as(ctx).isNotEqualTo(1);
                    if (args.offline()) {
                        assertThat(r.code()).as(ctx).isIn(0, 2);
                    } else {
                        assertThat(r.code()).as(ctx).isIn(0, 2, 3);
                    }
                    boolean debug = args.argv().contains("--debug");
                    // Issue 14.4: no raw control, bidi or zero-width character on any printed line
                    r.out().lines().forEach(l -> assertThat(Quoting.isSafe(l)).as(ctx).isTrue());
                    if (!debug) {
                        r.err().lines().forEach(l -> assertThat(Quoting.isSafe(l)).as(ctx).isTrue());
                    }
                    if (!debug) {
                        assertThat(r.err()).as(ctx).doesNotContain("\tat ").doesNotContain("Exception:")
                                .doesNotContain("Caused by");
                    }
                    // check-tag explains invalid values on stdout and exits 2 (its documented result)
                    boolean tagVerdict = r.err().matches("patchwindow: \\d+ of \\d+ tag values? invalid\n");
                    if (r.code() != 0) {
                        if (!tagVerdict) {
                            assertThat(r.out()).as(ctx).isEmpty();
                        }
                        assertThat(r.err()).as(ctx).startsWith("patchwindow: ");
                        if (!debug) {
                            assertThat(r.err().lines()).as(ctx).hasSize(1);
                            // Issue 14.8: one short line
                            assertThat(r.err().strip()).as(ctx).hasSizeLessThanOrEqualTo(300);
                        }
                        bad.incrementAndGet();
                    } else {
                        ok.incrementAndGet();
                    }
                });
        assertThat(ok.get()).isGreaterThan(20);
        assertThat(bad.get()).isGreaterThan(100);
    }
}
