package io.patchwindow.azure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.patchwindow.azure.testing.CliRun;
import io.patchwindow.azure.run.AzureConnector;

class PatchwindowCliTest {
    private static final String NOW = "2026-11-25T10:17:00Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static String fleet;
    static String resourceGraphFleet;
    static String malformed;

    /** Runs offline ({@link CliRun#OFFLINE}), as {@code main} does. */
    static CliRun run(String... args) {
        return CliRun.run(CliRun.OFFLINE, args);
    }

    // Reported (issue 14.7): out of heap, the JVM's raw trace was printed, exit 1; expected: one line saying memory
    // ran out, how big the input was and how to give more, exit 2. The error is thrown here where the heap would run
    // out (reading the input), not provoked: a test must not exhaust the heap of the build.
    @Test
    void outOfMemory_isOneLineNamingHeapInputAndTheFix_exit2() {
        AzureConnector exhausted = options -> {
            throw new OutOfMemoryError("Java heap space");
        };
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = {"plan", "--now", NOW};
        int code = PatchwindowCli.execute(new PrintWriter(out), new PrintWriter(err), exhausted, args);

        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).matches("patchwindow: out of memory: the Java heap \\(\\d+ MiB\\) is too small for the "
                + "input read from Azure; give more, e.g. JAVA_TOOL_OPTIONS=-Xmx\\d+g\n");

        StringWriter err2 = new StringWriter();
        PatchwindowCli.outOfMemory(new PrintWriter(err2), new String[] {"plan", "--snapshot", fleet});
        assertThat(err2.toString()).contains("is too small for snapshot '" + fleet + "' (0 MiB); give more, e.g. "
                + "JAVA_TOOL_OPTIONS=-Xmx").doesNotContain("\tat ").hasLineCount(1);
    }

    @Test
    void plan_withoutSnapshot_readsAzure() {
        CliRun r = run("plan", "--now", NOW);

        assertThat(r.code()).isEqualTo(ExitCodes.PLATFORM_UNAVAILABLE);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly("patchwindow: no Azure in this test");
    }

    @BeforeAll
    static void fixtures() throws URISyntaxException, IOException {
        fleet = Path.of(PatchwindowCliTest.class.getResource("/snapshots/small-fleet.json").toURI()).toString();
        resourceGraphFleet = Path.of(PatchwindowCliTest.class.getResource("/snapshots/resource-graph-fleet.json").toURI())
                .toString();
        Path bad = dir.resolve("malformed.json");
        Files.writeString(bad, "{\"machines\": [\n  {\"id\": \"/subscriptions/x\", \"type\": \"Microsoft.Compute/virtualMachines\"}\n]}");
        malformed = bad.toString();
    }

    // ------------------------------------------------------------------------------------------------ plan

    @Test
    void plan_validSnapshot_printsTextTable_exit0() {
        CliRun r = run("plan", "--snapshot", fleet, "--now", NOW, "--environments", "Q,R");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Plan at 2026-11-25T10:17:00Z: environments Q,R; time zone Europe/Paris; duration PT2H")
                .containsPattern("ACTION +NAME +START +MACHINES +PACKAGES")
                .containsPattern("CREATE +pw-Q-vm-q1-c30510db8a67d139 +2026-11-25T12:00:00\\+01:00 +1 +2 openssl, vim-minimal")
                .containsPattern("CREATE +pw-Q-arc-q2-8da3ccce51808c4d +2026-11-30T22:00:00\\+01:00 +1 +1 glibc")
                .containsPattern("UPDATE +pw-R-vm-r1-e16b8809b0db2176 +2026-11-29T03:00:00\\+01:00 +1 +2 kernel, openssh")
                .containsPattern("DELETE +pw-vm-old-0badc0de")
                .contains("note: UPDATE pw-R-vm-r1-e16b8809b0db2176: packages differ")
                .contains("Skipped: 7", "  INVALID_PATCH_TAG: 1",
                        "    rg-app/vm-bad  Invalid patch tag 'CENTOS-P-MON-04:00': hour '04:00' is not one of [03:00, 12:00, 22:00]",
                        "  OTHER_ENVIRONMENT: 1", "  NO_ASSESSMENT: 1", "  STALE_ASSESSMENT: 1", "  NO_SECURITY_UPDATES: 1")
                .endsWith("Summary: 10 machines, 3 planned, 7 skipped; actions: 2 CREATE, 1 UPDATE, 0 KEEP, 1 DELETE\n");
        assertThat(r.errLines()).containsExactly("patchwindow: snapshot " + fleet
                + ": 10 machines (1 other resources ignored), 11 updates rows; 3 planned, 7 skipped");
    }

    @Test
    void plan_outputJson_isThePlanDocument_byteIdenticalAcrossRuns() throws IOException {
        CliRun r = run("plan", "--snapshot", fleet, "--now", NOW, "--environments", "Q,R", "--output", "json");
        CliRun again = run("plan", "--snapshot", fleet, "--now", NOW, "--environments", "Q,R", "--output", "JSON");

        assertThat(r.code()).isZero();
        assertThat(again.out()).isEqualTo(r.out());
        JsonNode plan = JSON.readTree(r.out());
        assertThat(plan.get("schema").asText()).isEqualTo("patchwindow.plan/v1");
        assertThat(plan.get("generatedAt").asText()).isEqualTo(NOW);
        assertThat(plan.get("policy").toString()).isEqualTo("{\"environments\":[\"Q\",\"R\"],\"timeZone\":\"Europe/Paris\","
                + "\"duration\":\"PT2H\",\"reboot\":\"Always\",\"classifications\":[\"Critical\",\"Security\"],\"leadTime\":\"PT10M\"}");
        List<String> names = new ArrayList<>();
        plan.get("deployments").forEach(d -> names.add(d.get("name").asText() + " " + d.get("action").asText()));
        assertThat(names).containsExactly("pw-Q-arc-q2-8da3ccce51808c4d CREATE", "pw-Q-vm-q1-c30510db8a67d139 CREATE",
                "pw-R-vm-r1-e16b8809b0db2176 UPDATE", "pw-vm-old-0badc0de DELETE");
        JsonNode q1 = plan.get("deployments").get(1);
        assertThat(q1.get("packages").toString()).isEqualTo("[\"openssl\",\"vim-minimal\"]");
        assertThat(q1.get("start").asText()).isEqualTo("2026-11-25T12:00:00+01:00");
        assertThat(q1.get("machineIds").get(0).asText()).endsWith("/virtualMachines/vm-q1");
        assertThat(plan.get("skipped")).hasSize(7);
        assertThat(plan.get("summary").toString()).isEqualTo("{\"machines\":10,\"planned\":3,\"skipped\":7,"
                + "\"actions\":{\"CREATE\":2,\"UPDATE\":1,\"KEEP\":0,\"DELETE\":1}}");
        // the notes the text shows (issue 17.4)
        assertThat(plan.get("deployments").get(2).get("note").asText()).isEqualTo("packages differ");
        assertThat(plan.get("deployments").get(0).has("note")).isFalse();
        assertThat(r.out()).startsWith("{\n  \"schema\": \"patchwindow.plan/v1\",\n").endsWith("}\n");
    }

    @Test
    void plan_withoutEnvironments_plansAllOfTheGrammar() throws IOException {
        CliRun r = run("plan", "--snapshot", fleet, "--now", NOW, "--output", "json");

        assertThat(r.code()).isZero();
        assertThat(JSON.readTree(r.out()).get("policy").get("environments").toString()).isEqualTo("[\"P\",\"Q\",\"R\"]");
    }

    @Test
    void plan_resourceGraphSnapshot_usesPatchAssessments_withTwoDaysFreshness() throws IOException {
        CliRun r = run("plan", "--snapshot", resourceGraphFleet, "--now", NOW, "--environments", "Q,R", "--output", "json");

        assertThat(r.code()).isZero();
        JsonNode plan = JSON.readTree(r.out());
        List<String> deployments = new ArrayList<>();
        plan.get("deployments").forEach(d -> deployments.add(d.get("name").asText() + " " + d.get("packages")));
        assertThat(deployments).containsExactly("pw-Q-arc-q2-8da3ccce51808c4d [\"glibc\"]", "pw-Q-vm-q1-c30510db8a67d139 [\"openssl\"]");
        assertThat(reasons(plan)).contains("vm-stale STALE_ASSESSMENT", "vm-clean NO_SECURITY_UPDATES",
                "vm-r1 NO_ASSESSMENT", "vm-silent NO_ASSESSMENT");
        // Update Manager classifies CentOS updates Other: without advisories the run says so (issue 13).
        assertThat(r.errLines()).hasSize(2);
        assertThat(r.errLines().get(0)).contains("warning: the assessment comes from Azure Update Manager",
                "1 assessed machine(s) had no update classified Security or Critical", "--advisories PATH");
        assertThat(r.errLines().get(1)).contains("8 patchAssessments rows");

        CliRun strict = run("plan", "--snapshot", resourceGraphFleet, "--now", NOW, "--environments", "Q,R", "--output", "json",
                "--max-assessment-age", "PT5H");
        assertThat(reasons(JSON.readTree(strict.out()))).contains("vm-q1 STALE_ASSESSMENT", "arc-q2 STALE_ASSESSMENT");
    }

    @Test
    void plan_perWindowGrouping_namesDeploymentsByWindow() throws IOException {
        CliRun r = run("plan", "--snapshot", fleet, "--now", NOW, "--environments", "Q", "--grouping", "per-window",
                "--output", "json", "--reboot", "IfRequired", "--duration", "PT3H", "--time-zone", "UTC");

        assertThat(r.code()).isZero();
        JsonNode plan = JSON.readTree(r.out());
        List<String> names = new ArrayList<>();
        plan.get("deployments").forEach(d -> names.add(d.get("name").asText()));
        assertThat(names).anyMatch(n -> n.matches("pw-Q-WED-1200-[0-9a-f]{8}")).anyMatch(n -> n.matches("pw-Q-MON-2200-[0-9a-f]{8}"));
        assertThat(plan.get("policy").get("reboot").asText()).isEqualTo("IfRequired");
        assertThat(plan.get("policy").get("duration").asText()).isEqualTo("PT3H");
        assertThat(plan.get("policy").get("timeZone").asText()).isEqualTo("UTC");
    }

    // Reported (issue 14.6): with --backend update-manager a machine whose patch-tz has no Windows name was planned,
    // and apply would then fail; expected: that machine skipped as INVALID_PATCH_TAG at plan time, the rest planned;
    // the Automation backend (IANA names) still plans it.
    @Test
    void plan_updateManager_skipsAMachineWhosePatchTzHasNoWindowsName(@TempDir Path tmp) throws IOException {
        ObjectNode doc = (ObjectNode) JSON.readTree(Path.of(fleet).toFile());
        for (JsonNode m : doc.get("machines")) {
            if (m.path("name").asText().equals("vm-q1")) {
                ((ObjectNode) m.get("tags")).put("patch-tz", "Antarctica/Troll");
            }
            if (m.path("name").asText().equals("arc-q2")) {
                ((ObjectNode) m.get("tags")).put("patch-tz", "America/New_York");
            }
        }
        Path file = tmp.resolve("troll.json");
        JSON.writeValue(file.toFile(), doc);

        JsonNode um = JSON.readTree(run("plan", "--snapshot", file.toString(), "--now", NOW, "--environments", "Q,R",
                "--backend", "update-manager", "--fix-patch-mode", "--output", "json").out());
        JsonNode automation = JSON.readTree(run("plan", "--snapshot", file.toString(), "--now", NOW, "--environments",
                "Q,R", "--output", "json").out());

        assertThat(reasons(um)).contains("vm-q1 INVALID_PATCH_TAG").doesNotContain("arc-q2 INVALID_PATCH_TAG");
        assertThat(um.get("skipped").toString()).contains("tag 'patch-tz' value 'Antarctica/Troll': the backend cannot "
                + "write this zone; expected an IANA time zone id that has a Windows time zone");
        assertThat(um.get("deployments").toString()).contains("America/New_York").doesNotContain("Antarctica/Troll");
        assertThat(reasons(automation)).doesNotContain("vm-q1 INVALID_PATCH_TAG");
        assertThat(automation.get("deployments").toString()).contains("Antarctica/Troll");
    }

    @Test
    void plan_existingDeploymentIdenticalToThePlan_isKept(@TempDir Path tmp) throws IOException {
        ObjectNode doc = (ObjectNode) JSON.readTree(Path.of(fleet).toFile());
        ArrayNode masks = (ArrayNode) doc.get("deployments").get(0).get("properties").get("updateConfiguration")
                .get("linux").get("includedPackageNameMasks");
        masks.removeAll().add("openssh").add("kernel=3.10.0-1160.119.1.el7");
        Path file = tmp.resolve("keep.json");
        JSON.writeValue(file.toFile(), doc);

        CliRun r = run("plan", "--snapshot", file.toString(), "--now", NOW, "--environments", "Q,R");

        assertThat(r.code()).isZero();
        assertThat(r.out()).containsPattern("KEEP +pw-R-vm-r1-e16b8809b0db2176").contains("1 KEEP");
    }

    private static List<String> reasons(JsonNode plan) {
        List<String> out = new ArrayList<>();
        plan.get("skipped").forEach(s -> out.add(PlanText.shortId(s.get("machineId").asText()).replaceAll("^[^/]*/", "")
                + " " + s.get("reason").asText()));
        return out;
    }

    // ----------------------------------------------------------------------------------------- bad input

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of(List.of("plan", "--snapshot", "{malformed}", "--now", NOW),
                        "patchwindow: Invalid snapshot {malformed}: $.machines[0].id: invalid resource id '/subscriptions/x'"),
                Arguments.of(List.of("plan", "--snapshot", "{fleet}", "--bogus"),
                        "patchwindow: Unknown option: '--bogus' (see 'patchwindow plan --help')"),
                Arguments.of(List.of("plan", "--snapshot", "{fleet}", "--now", "2026-11-25 10:17"),
                        "patchwindow: Invalid --now '2026-11-25 10:17': expected an ISO-8601 instant such as 2026-11-25T10:17:00Z"),
                Arguments.of(List.of("plan", "--snapshot", "{fleet}", "--environments", "Q,X"),
                        "patchwindow: Invalid environment 'X': not one of [P, Q, R]"),
                Arguments.of(List.of("plan", "--snapshot", "{fleet}", "--duration", "2h"),
                        "patchwindow: Invalid --duration '2h': expected an ISO-8601 duration"),
                Arguments.of(List.of("plan", "--snapshot", "{fleet}", "--duration", "PT7H"),
                        "patchwindow: Invalid duration 'PT7H': expected from PT30M to PT6H"),
                Arguments.of(List.of("plan", "--snapshot", "{fleet}", "--reboot", "Sometimes"),
                        "patchwindow: Invalid reboot setting 'Sometimes': expected one of [Always, IfRequired, Never]"),
                Arguments.of(List.of("plan", "--snapshot", "{fleet}", "--output", "yaml"),
                        "patchwindow: Invalid --output 'yaml': expected text or json"),
                Arguments.of(List.of("plan", "--snapshot", "{fleet}", "--time-zone", "CET+1"),
                        "patchwindow: Invalid --time-zone 'CET+1': expected an IANA time zone id"),
                // issue 14.6: fixed offsets were planned (no backend writes them), as patch-tz already refused them
                Arguments.of(List.of("plan", "--snapshot", "{fleet}", "--time-zone", "+01:00"),
                        "patchwindow: Invalid --time-zone '+01:00': expected an IANA time zone id such as Europe/Paris"),
                Arguments.of(List.of("plan", "--snapshot", "{fleet}", "--time-zone", "UTC+1"),
                        "patchwindow: Invalid --time-zone 'UTC+1': expected an IANA time zone id such as Europe/Paris"),
                // issue 14.6: Update Manager has no Windows name for these zones: apply would fail every action
                Arguments.of(List.of("plan", "--snapshot", "{fleet}", "--backend", "update-manager", "--time-zone",
                        "Antarctica/Troll"), "patchwindow: Invalid --time-zone 'Antarctica/Troll' with --backend "
                        + "update-manager: expected an IANA time zone id that has a Windows time zone"),
                Arguments.of(List.of("plan", "--snapshot", "{fleet}", "--classifications", "Important"),
                        "patchwindow: Invalid classification 'Important': expected one of [Critical, Security, Other]"),
                Arguments.of(List.of("plan", "--snapshot", "{fleet}", "--grouping", "per-rack"),
                        "patchwindow: Invalid grouping 'per-rack'"),
                Arguments.of(List.of("plan", "--snapshot", "{fleet}", "--name-prefix", "pw/"),
                        "patchwindow: Invalid name prefix 'pw/'"),
                Arguments.of(List.of("plan", "--snapshot", "{fleet}", "--max-assessment-age", "-PT1H"),
                        "patchwindow: Invalid --max-assessment-age '-PT1H': expected a positive duration up to P3650D"),
                Arguments.of(List.of("plan", "--snapshot", "{fleet}", "--lead-time", "-PT1M"),
                        "patchwindow: Invalid --lead-time '-PT1M': must not be negative"),
                Arguments.of(List.of("plan", "--snapshot", "{fleet}", "--hours", "3am"),
                        "patchwindow: Invalid hour '3am': expected HH:MM"),
                Arguments.of(List.of("plan", "--snapshot", "{dir}/absent.json"),
                        "patchwindow: Invalid snapshot {dir}/absent.json: $: no such file"),
                Arguments.of(List.of("plan", "--snapshot"),
                        "patchwindow: Missing required parameter for option '--snapshot' (FILE)"),
                Arguments.of(List.of(), "patchwindow: missing command; expected one of [plan, apply, cleanup, export-snapshot, check-tag, help]"),
                Arguments.of(List.of("deploy"), "patchwindow: Unknown command 'deploy': expected one of [plan, apply,"),
                Arguments.of(List.of("check-tag"), "patchwindow: Missing required parameter: 'VALUE'"),
                Arguments.of(List.of("check-tag", "CENTOS-P-MON-03:00", "--now", "now"), "patchwindow: Invalid --now 'now'"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badInput")
    void badInput_exit2_oneLineOnStderr_nothingOnStdout(List<String> args, String expectedStart) {
        String[] argv = args.stream().map(PatchwindowCliTest::expand).toArray(String[]::new);

        CliRun r = run(argv);

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).singleElement().asString().startsWith(expand(expectedStart));
    }

    private static String expand(String s) {
        return s.replace("{malformed}", malformed).replace("{fleet}", fleet).replace("{dir}", dir.toString());
    }

    @Test
    void debug_addsTheStackTrace() {
        CliRun r = run("plan", "--snapshot", malformed, "--debug");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSizeGreaterThan(2);
        assertThat(r.errLines().get(1)).startsWith("io.patchwindow.azure.snapshot.SnapshotException: Invalid snapshot");
    }

    // ------------------------------------------------------------------------------------------ check-tag

    @Test
    void checkTag_allValid_printsMeaningAndNextWindow_exit0() {
        CliRun r = run("check-tag", "CENTOS-Q-WED-12:00", "CENTOS-P-MON-03:00", "--now", NOW);

        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("""
                'CENTOS-Q-WED-12:00': valid: prefix CENTOS, environment Q, day WED, time 12:00; next window 2026-11-25T12:00:00+01:00 (Europe/Paris)
                'CENTOS-P-MON-03:00': valid: prefix CENTOS, environment P, day MON, time 03:00; next window 2026-11-30T03:00:00+01:00 (Europe/Paris)
                """);
    }

    @Test
    void checkTag_leadTimeAndTimeZone_moveTheNextWindow() {
        CliRun r = run("check-tag", "CENTOS-Q-WED-12:00", "--now", "2026-11-25T10:55:00Z", "--lead-time", "PT10M",
                "--time-zone", "Europe/Paris");
        CliRun utc = run("check-tag", "CENTOS-Q-WED-12:00", "--now", NOW, "--time-zone", "UTC");

        assertThat(r.out()).contains("next window 2026-12-02T12:00:00+01:00");
        assertThat(utc.out()).contains("next window 2026-11-25T12:00:00Z (UTC)");
    }

    @Test
    void checkTag_invalidValue_namesTheBadField_exit2() {
        CliRun r = run("check-tag", "CENTOS-Q-WED-12:00", "CENTOS-P-MON-04:00", "CENTOS-X-MON-03:00", "--now", NOW);

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.out()).contains("'CENTOS-Q-WED-12:00': valid")
                .contains("Invalid patch tag 'CENTOS-P-MON-04:00': hour '04:00' is not one of [03:00, 12:00, 22:00]\n")
                .contains("Invalid patch tag 'CENTOS-X-MON-03:00': environment 'X' is not one of [P, Q, R]\n");
        assertThat(r.errLines()).containsExactly("patchwindow: 2 of 3 tag values invalid");
    }

    @Test
    void checkTag_grammarOptions_tolerantAndCustomHoursAndPrefixes() {
        CliRun tolerant = run("check-tag", " centos-q-wed-12:00", "--tolerant", "--now", NOW);
        CliRun custom = run("check-tag", "ALMA-R-SUN-23:30", "--prefixes", "CENTOS,ALMA", "--hours", "03:00,23:30", "--now", NOW);
        CliRun strict = run("check-tag", "centos-q-wed-12:00", "--now", NOW);

        assertThat(tolerant.code()).isZero();
        assertThat(tolerant.out()).contains("valid: prefix CENTOS, environment Q").contains("warning: white space or lower case tolerated");
        assertThat(custom.code()).isZero();
        assertThat(custom.out()).contains("prefix ALMA, environment R, day SUN, time 23:30; next window 2026-11-29T23:30:00+01:00");
        assertThat(strict.code()).isEqualTo(2);
        assertThat(strict.out()).contains("Invalid patch tag 'centos-q-wed-12:00'");
    }

    // ------------------------------------------------------------------------------------- help, version

    @Test
    void help_and_version_exit0_onStdout() {
        CliRun help = run("--help");
        CliRun planHelp = run("plan", "--help");
        CliRun checkHelp = run("help", "check-tag");
        CliRun version = run("--version");

        assertThat(help.code()).isZero();
        assertThat(help.out()).startsWith("Usage: patchwindow").contains("plan", "check-tag", "Exit codes:",
                "2   bad usage or bad input", "3   Azure authentication failed or the platform is unavailable");
        assertThat(planHelp.code()).isZero();
        assertThat(planHelp.out()).contains("--snapshot=FILE", "--environments=ENV", "--max-assessment-age=DURATION",
                "--grouping=GROUPING", "--tolerant", "--now=INSTANT", "--output=FORMAT");
        assertThat(checkHelp.out()).contains("VALUE...", "2   at least one value is invalid");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("patchwindow ").doesNotContain("${");
        assertThat(help.err() + planHelp.err() + version.err()).isEmpty();
    }
}
