package io.patchwindow.azure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import io.patchwindow.azure.testing.CliRun;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Issue 17, points 1-3, 5-7: what a command lists it honours; errors stay one line. */
class CommandOptionsTest {
    private static final String NOW = "2026-11-25T10:17:00Z";
    private static final String ACCOUNT = "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-auto/"
            + "providers/Microsoft.Automation/automationAccounts/aa-patch";
    static String fleet;

    @BeforeAll
    static void fixtures() throws URISyntaxException {
        fleet = Path.of(CommandOptionsTest.class.getResource("/snapshots/small-fleet.json").toURI()).toString();
    }

    record Run(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PatchwindowCli.execute(new PrintWriter(out), new PrintWriter(err), CliRun.OFFLINE, args);
        return new Run(code, out.toString(), err.toString());
    }

    private static final List<String> COMMON = List.of("--help", "--version", "--debug", "--log-level");
    private static final List<String> AZURE = List.of("--subscription", "--automation-account", "--workspace-id",
            "--inventory", "--assessment", "--cloud", "--arm-endpoint", "--log-analytics-endpoint", "--credential",
            "--tenant");
    private static final List<String> BACKEND = List.of("--backend", "--fix-patch-mode", "--pin-versions",
            "--schedule-resource-group", "--schedule-location");
    private static final List<String> POLICY = List.of("--environments", "--time-zone", "--lead-time", "--duration",
            "--reboot", "--classifications", "--max-assessment-age", "--name-prefix", "--os", "--grouping", "--tag-name",
            "--prefixes", "--hours", "--tolerant");
    private static final List<String> ADVISORY = List.of("--advisories", "--security-source", "--min-severity",
            "--max-advisory-age", "--advisory-platform", "--exclude");
    private static final List<String> PROMOTION = List.of("--promote-from", "--soak", "--min-successes",
            "--max-failure-rate");

    /** The options each command honours: what its --help must list, no more, no less. */
    static Map<String, Set<String>> expected() {
        Map<String, Set<String>> t = new LinkedHashMap<>();
        t.put("plan", set(AZURE, List.of("--snapshot"), BACKEND, POLICY, ADVISORY, PROMOTION,
                List.of("--now", "--prune", "--output")));
        t.put("apply", set(AZURE, BACKEND, POLICY, ADVISORY, PROMOTION, List.of("--now", "--concurrency", "--prune", "--output")));
        t.put("cleanup", set(List.of("--subscription", "--automation-account", "--inventory", "--cloud", "--arm-endpoint",
                "--credential", "--tenant", "--backend", "--schedule-resource-group", "--environments", "--name-prefix",
                "--now", "--concurrency", "--output")));
        t.put("report", set(List.of("--subscription", "--automation-account", "--inventory", "--cloud", "--arm-endpoint",
                "--credential", "--tenant", "--snapshot", "--backend", "--schedule-resource-group", "--now", "--output",
                "--output-file", "--since", "--until", "--archive", "--name-prefix")));
        t.put("export-snapshot", set(AZURE, List.of("--now", "--output", "--max-assessment-age", "--advisories")));
        t.put("check-tag", set(List.of("--time-zone", "--lead-time", "--prefixes", "--hours", "--tolerant", "--now")));
        t.put("help", set(List.of("--help", "--debug", "--log-level")));
        return t;
    }

    @SafeVarargs
    private static Set<String> set(List<String>... lists) {
        Set<String> s = new TreeSet<>();
        for (List<String> l : lists) {
            s.addAll(l);
        }
        if (!s.contains("--help")) {
            s.addAll(COMMON);
        }
        return s;
    }

    private static CommandLine model() {
        return PatchwindowCli.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                CliRun.OFFLINE);
    }

    // Reported (issue 17.2): apply, cleanup and export-snapshot listed --snapshot and then refused it; cleanup listed
    // --duration, --reboot, --grouping; check-tag --tag-name did nothing. Expected: each command's model (its --help)
    // holds exactly the options it honours.
    @Test
    void everyCommandsModel_holdsExactlyTheOptionsItHonours() {
        Map<String, Set<String>> actual = new LinkedHashMap<>();
        for (Map.Entry<String, CommandLine> e : model().getSubcommands().entrySet()) {
            Set<String> names = new TreeSet<>();
            for (OptionSpec o : e.getValue().getCommandSpec().options()) {
                names.add(o.longestName());
            }
            actual.put(e.getKey(), names);
        }
        assertThat(actual).isEqualTo(expected());
    }

    @Test
    void help_ofApplyCleanupAndExportSnapshot_doesNotListSnapshot() {
        for (String command : List.of("apply", "cleanup", "export-snapshot")) {
            Run r = run(command, "--help");
            assertThat(r.code()).isZero();
            assertThat(r.out()).as(command).contains("--now=INSTANT").doesNotContain("--snapshot=");
        }
        assertThat(run("cleanup", "--help").out()).doesNotContain("--duration", "--reboot", "--grouping", "--advisories");
        assertThat(run("check-tag", "--help").out()).doesNotContain("--tag-name");
        assertThat(run("export-snapshot", "--help").out()).doesNotContain("Plan as if");
    }

    /** Every option some command has and this one does not: refused, one line, exit 2, nothing sent. */
    static Stream<Arguments> optionsNotHonoured() {
        Set<String> all = new TreeSet<>();
        expected().values().forEach(all::addAll);
        List<Arguments> out = new ArrayList<>();
        expected().forEach((command, honoured) -> {
            if (!command.equals("help")) {
                for (String o : all) {
                    if (!honoured.contains(o)) {
                        out.add(Arguments.of(command, o));
                    }
                }
            }
        });
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("optionsNotHonoured")
    void anOptionTheCommandDoesNotHonour_isRefusedInOneLine_exit2(String command, String option) {
        List<String> args = new ArrayList<>(List.of(command, option + "=x", "--environments", "Q", "--now", NOW));
        args.add(command.equals("export-snapshot") ? "--output=unused.json" : "CENTOS-P-MON-03:00");
        Run r = run(args.toArray(new String[0]));

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().get(0)).startsWith("patchwindow: ").contains(option).doesNotContain("no Azure in this test");
    }

    @Test
    void theOptionsTheSharedMixinsBring_sayWhyTheyAreRefused() {
        assertThat(run("apply", "--snapshot", fleet, "--environments", "Q").errLines()).containsExactly(
                "patchwindow: Invalid option --snapshot for apply: apply writes to Azure and cannot read --snapshot; "
                        + "use 'plan --snapshot FILE' to see what would be done (see 'patchwindow apply --help')");
        assertThat(run("cleanup", "--duration=PT3H", "--environments", "Q").errLines().get(0))
                .startsWith("patchwindow: Invalid option --duration for cleanup: cleanup deletes expired deployments");
        assertThat(run("check-tag", "--tag-name", "x", "CENTOS-P-MON-03:00").errLines().get(0))
                .startsWith("patchwindow: Invalid option --tag-name for check-tag:");
    }

    // Reported (issue 17.2): plan took --fix-patch-mode and --schedule-location with the Automation backend and
    // ignored them; expected: refused, naming the option and the backend it belongs to.
    @Test
    void updateManagerOptions_withTheAutomationBackend_areRefused() {
        for (String[] extra : List.of(new String[] {"--fix-patch-mode"}, new String[] {"--schedule-location", "westeurope"})) {
            List<String> args = new ArrayList<>(List.of("plan", "--snapshot", fleet, "--now", NOW));
            args.addAll(List.of(extra));
            Run r = run(args.toArray(new String[0]));
            assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.out()).isEmpty();
            assertThat(r.errLines()).containsExactly("patchwindow: Invalid " + extra[0] + " with --backend automation: "
                    + "it is an Update Manager option and the Automation backend ignores it; give --backend "
                    + "update-manager or omit it");
        }
        Run um = run("plan", "--snapshot", fleet, "--now", NOW, "--backend", "update-manager", "--fix-patch-mode",
                "--duration", "PT2H");
        assertThat(um.code()).as(um.err()).isZero();
    }

    // Reported (issue 17.5): typos got no suggestion; expected: one line with picocli's suggestion, exit 2.
    @Test
    void typos_getASuggestion_inOneLine_exit2() {
        Run option = run("plan", "--snapshot", fleet, "--enviroments=Q");
        assertThat(option.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(option.errLines()).hasSize(1);
        assertThat(option.errLines()).containsExactly("patchwindow: Unknown option: '--enviroments=Q'; did you mean "
                + "--environments? (see 'patchwindow plan --help')");

        Run command = run("paln", "--snapshot", fleet);
        assertThat(command.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(command.errLines()).hasSize(1);
        assertThat(command.errLines()).containsExactly("patchwindow: Unknown command 'paln': expected one of [plan, apply, "
                + "cleanup, report, export-snapshot, check-tag, help]; did you mean plan? (see 'patchwindow --help')");
        assertThat(PatchwindowCli.nearestCommand("aply")).isEqualTo("apply");
        assertThat(PatchwindowCli.nearestCommand("check-tags")).isEqualTo("check-tag");
        assertThat(PatchwindowCli.nearestCommand("deploy")).isNull();
    }

    // Reported (issue 17.3): plan could not preview apply --prune; expected: plan --prune deletes what apply --prune
    // would, and plain plan keeps it.
    @Test
    void planPrune_previewsApplyPrune(@TempDir Path tmp) throws IOException {
        ObjectMapper json = new ObjectMapper();
        // the fleet with one more pending deployment of environment R, for a machine that is no longer planned
        com.fasterxml.jackson.databind.node.ObjectNode doc =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(Path.of(fleet).toFile());
        com.fasterxml.jackson.databind.node.ObjectNode gone =
                ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("deployments").get(0)).deepCopy();
        String name = "pw-R-vm-gone-0123456789abcdef";
        gone.put("id", gone.get("id").asText().replace(gone.get("name").asText(), name)).put("name", name);
        ((com.fasterxml.jackson.databind.node.ArrayNode) doc.get("deployments")).add(gone);
        Path snapshot = tmp.resolve("fleet.json");
        json.writeValue(snapshot.toFile(), doc);

        JsonNode kept = json.readTree(run("plan", "--snapshot", snapshot.toString(), "--now", NOW, "--environments", "Q,R",
                "--output", "json").out());
        JsonNode pruned = json.readTree(run("plan", "--snapshot", snapshot.toString(), "--now", NOW, "--environments",
                "Q,R", "--prune", "--output", "json").out());

        assertThat(notes(kept)).contains("KEEP no longer planned, still pending (delete with --prune)");
        assertThat(notes(pruned)).doesNotContain("KEEP no longer planned, still pending (delete with --prune)")
                .contains("DELETE no longer planned (prune)");
        assertThat(pruned.get("summary").get("actions").get("DELETE").asInt())
                .isEqualTo(kept.get("summary").get("actions").get("DELETE").asInt() + 1);
    }

    private static List<String> notes(JsonNode plan) {
        List<String> out = new ArrayList<>();
        plan.get("deployments").forEach(d -> out.add(d.get("action").asText() + " " + d.path("note").asText()));
        return out;
    }

    // Reported (issue 17.7): --time-zone europe/paris was refused without a hint; expected: the right case suggested;
    // offsets refused; legacy tz database ids such as CET are IANA ids and accepted.
    @Test
    void timeZone_suggestsTheRightCase_refusesOffsets() {
        Run lower = run("plan", "--snapshot", fleet, "--now", NOW, "--time-zone", "europe/paris");
        assertThat(lower.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(lower.errLines()).hasSize(1);
        assertThat(lower.errLines().get(0)).startsWith("patchwindow: Invalid --time-zone 'europe/paris': expected an IANA "
                + "time zone id").endsWith("; did you mean Europe/Paris?");

        Run offset = run("plan", "--snapshot", fleet, "--now", NOW, "--time-zone", "+02:00");
        assertThat(offset.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(offset.errLines().get(0)).contains("a fixed offset such as +01:00 has no DST rules").doesNotContain("did you mean");

        assertThat(run("plan", "--snapshot", fleet, "--now", NOW, "--time-zone", "CET").code()).isZero();
        assertThat(run("plan", "--snapshot", fleet, "--now", NOW, "--time-zone", "UTC").code()).isZero();
    }

    // Reported (issue 17.6): without --now, the header and generatedAt had nanoseconds.
    @Test
    void withoutNow_generatedAtIsToTheSecond() throws IOException {
        Run r = run("plan", "--snapshot", fleet, "--output", "json");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(new ObjectMapper().readTree(r.out()).get("generatedAt").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(run("plan", "--snapshot", fleet).out()).containsPattern("Plan at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ:");
    }

    // Reported (issue 17.6): the demo planned long after its snapshot was taken skipped every machine as stale with
    // no hint; expected: one warning line on standard error that names the newest record and --now.
    @Test
    void snapshotPlannedLongAfter_warnsInOneLine_namingTheNewestRecordAndNow() {
        Run r = run("plan", "--snapshot", fleet, "--now", "2027-06-01T00:00:00Z", "--environments", "Q,R");

        assertThat(r.code()).isZero();
        List<String> stale = r.errLines().stream().filter(l -> l.contains("STALE_ASSESSMENT")).toList();
        assertThat(stale).hasSize(1);
        assertThat(stale.get(0)).startsWith("patchwindow: warning: every assessed machine (")
                .containsPattern("the newest assessment record is 2026-11-2\\dT[0-9:]+Z")
                .containsPattern("give --now 2026-11-2\\dT[0-9:]+Z").contains("--max-assessment-age");
    }

    // Reported (issue 17.1): 'apply --credential cli' without az printed 27 lines (Netty INFO, SDK ERROR lines,
    // retries) and took 12 s; expected: one line, exit 3, at once. Run as a subprocess with a PATH that has no az.
    @Test
    void credentialCliWithoutAz_failsInOneLineAtOnce_exit3(@TempDir Path emptyPath) throws Exception {
        // the start of a JVM that builds the same command model, measured beside it: the build machine is shared
        Cli baseline = cli(emptyPath, "check-tag", "CENTOS-P-MON-03:00");
        Cli p = cli(emptyPath, "apply", "--credential", "cli", "--environments", "Q,R", "--automation-account", ACCOUNT);
        String err = p.err;

        assertThat(baseline.code).as(baseline.err).isZero();
        assertThat(p.code).as(err).isEqualTo(ExitCodes.PLATFORM_UNAVAILABLE);
        assertThat(p.out).isEmpty();
        assertThat(err.lines().toList()).containsExactly("patchwindow: --credential cli: the Azure CLI 'az' is not on the "
                + "PATH; install it and run 'az login', or choose another --credential (environment, managed-identity, "
                + "workload-identity, default)");
        assertThat(p.seconds - baseline.seconds).as("seconds beyond a JVM's start (%.1f s)", baseline.seconds)
                .isLessThan(3.0);
    }

    private record Cli(int code, String out, String err, double seconds) {
    }

    /** Runs the CLI in a new JVM with this PATH and no AZURE_* variables. */
    private static Cli cli(Path path, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PatchwindowCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("AZURE_"));
        pb.environment().put("PATH", path.toString());
        Path out = Files.createTempFile(path, "out", ".txt");
        Path err = Files.createTempFile(path, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        long start = System.nanoTime();
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Cli(p.exitValue(), Files.readString(out), Files.readString(err), seconds);
    }

    @Test
    void sdkLogging_isOffUnlessAskedFor() {
        assertThat(SdkLogging.levelOf(new String[] {"plan"})).isEqualTo(SdkLogging.Level.OFF);
        assertThat(SdkLogging.levelOf(new String[] {"plan", "--debug"})).isEqualTo(SdkLogging.Level.DEBUG);
        assertThat(SdkLogging.levelOf(new String[] {"plan", "--debug", "--log-level", "warn"})).isEqualTo(SdkLogging.Level.WARN);
        assertThat(SdkLogging.levelOf(new String[] {"plan", "--log-level=INFO"})).isEqualTo(SdkLogging.Level.INFO);
        Run bad = run("plan", "--snapshot", fleet, "--log-level", "loud");
        assertThat(bad.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.errLines()).hasSize(1);
        assertThat(bad.errLines().get(0)).contains("--log-level", "loud");
    }
}
