package io.patchwindow.azure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchwindow.azure.testing.CliRun;
import io.patchwindow.core.text.Quoting;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14, points 1, 4 and 8 through the command line: untrusted text (names, tags, option values, files)
 * never reaches the terminal raw, and every error is one short line in the project's words.
 */
class UntrustedTextCliTest {
    private static final String NOW = "2026-11-25T10:17:00Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static String fleet;

    /** Runs offline, as {@code main} does. */
    static CliRun run(String... args) {
        return CliRun.run(CliRun.OFFLINE, args);
    }

    @BeforeAll
    static void fixtures() throws URISyntaxException {
        fleet = Path.of(UntrustedTextCliTest.class.getResource("/snapshots/small-fleet.json").toURI()).toString();
    }

    static Stream<Arguments> badInput() throws IOException {
        Path nan = Files.writeString(dir.resolve("nan.json"), "{\"machines\": [], \"updates\": [{\"x\": NaN}]}");
        Path deep = Files.writeString(dir.resolve("deep.json"),
                "{\"x\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}");
        Path folder = Files.createDirectories(dir.resolve("folder"));
        return Stream.of(
                // reported: "Invalid value for EpochDay (valid values -365243219162 - 365241780471): -365243219163"
                Arguments.of(new String[] {"plan", "--snapshot", fleet, "--now", "-999999999-01-01T00:00:00Z"},
                        "Invalid --now '-999999999-01-01T00:00:00Z': expected an instant from 1970-01-01T00:00:00Z"),
                Arguments.of(new String[] {"check-tag", "--now", "+999999999-12-31T23:59:59Z", "CENTOS-Q-SUN-03:00"},
                        "Invalid --now '+999999999-12-31T23:59:59Z': expected an instant from"),
                // reported: "Instant exceeds minimum or maximum instant"
                Arguments.of(new String[] {"plan", "--snapshot", fleet, "--now", NOW, "--max-assessment-age",
                        "PT9223372036854775807S"}, "Invalid --max-assessment-age 'PT9223372036854775807S': expected a "
                        + "positive duration up to P3650D"),
                // reported: "java.io.IOException: Is a directory"
                Arguments.of(new String[] {"plan", "--snapshot", ""},
                        "Invalid --snapshot '': expected the path of a snapshot JSON file"),
                Arguments.of(new String[] {"plan", "--snapshot", folder.toString()},
                        "Invalid --snapshot '" + folder + "': is a folder"),
                // reported: "enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow"
                Arguments.of(new String[] {"plan", "--snapshot", nan.toString()}, "Invalid snapshot " + nan
                        + ": $.updates[0].x: malformed JSON at line 1, column 39: 'NaN' is not a JSON value (JSON has no NaN "
                        + "or Infinity)"),
                // reported: one 3,229-byte line
                Arguments.of(new String[] {"plan", "--snapshot", deep.toString()}, "Invalid snapshot " + deep
                        + ": $.x[0][0]"),
                Arguments.of(new String[] {"plan", "--bogus\u001b[2J"}, "Unknown option: '--bogus\\u001b[2J'"));
    }

    // Issue 14.8: messages named Java and Jackson internals, one was 3,229 bytes; expected one short line that
    // names the option or file and says what is accepted.
    @ParameterizedTest
    @MethodSource("badInput")
    void badInput_oneShortLineInTheProjectsWords_exit2(String[] args, String expected) {
        CliRun r = run(args);

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).singleElement().asString().startsWith("patchwindow: " + expected)
                .hasSizeLessThanOrEqualTo(PatchwindowCli.MAX_ERROR_LINE)
                .doesNotContain("java.", "Jackson", "JsonReadFeature", "StreamReadConstraints", "EpochDay",
                        "Instant exceeds", "\u001b");
    }

    @Test
    void errorLine_escapesAndCutsAt300Characters() {
        assertThat(PatchwindowCli.errorLine("x".repeat(1000))).hasSize(300).endsWith("...(1013 chars)");
        assertThat(PatchwindowCli.errorLine("a\u202eb\nc")).isEqualTo("patchwindow: a\\u202eb\\nc");
    }

    // Issue 14.4: check-tag printed U+202E raw; expected it escaped in the one line about that value.
    @Test
    void checkTag_escapesBidiControls() {
        CliRun r = run("check-tag", "\u202eCENTOS-Q-SUN-03:00", "CENTOS-Q-SUN-03:00\u200b");

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.out().split("\n")).hasSize(2).allSatisfy(line -> assertThat(Quoting.isSafe(line)).isTrue());
        assertThat(r.out()).contains("'\\u202eCENTOS-Q-SUN-03:00'", "'CENTOS-Q-SUN-03:00\\u200b'");
    }

    // Issue 14.1 and 14.4: a blank Product refused the whole snapshot ("$.updates[5].Product: empty"), hostile
    // names became packages, and tag names with a line break or ESC split the text table; expected: the rows
    // ignored with one warning per machine, the rest planned, every line free of raw control characters.
    @Test
    void plan_hostileRowsAndTags_ignoredWithOneWarningPerMachine_everyLineEscaped() throws IOException {
        ObjectNode doc = (ObjectNode) JSON.readTree(Path.of(fleet).toFile());
        ArrayNode updates = (ArrayNode) doc.get("updates");
        ObjectNode sixth = (ObjectNode) updates.get(5);
        String machineOfSixth = sixth.get("ResourceId").asText();
        sixth.put("Product", "");
        for (String hostile : List.of("*", "kernel*", "-y", "--exclude=x", "foo;rm -rf /", "$(reboot)", "`id`", "a b",
                "/etc/passwd", "..", "x\u0000", "x\ny", "\u001b[2J", "x".repeat(10_000), "\u202e", "\u200b",
                "openssl=1.0.2k", "systemd\ud800")) {
            updates.add(sixth.deepCopy().put("Product", hostile));
        }
        ArrayNode machines = (ArrayNode) doc.get("machines");
        ObjectNode odd = machines.get(0).deepCopy();
        odd.put("id", odd.get("id").asText().replace("vm-q1", "vm-odd")).put("name", "web\n01\u001b[2J");
        odd.putObject("tags").put("own\ner\u001b[31m", "x");
        machines.add(odd);
        Path file = dir.resolve("hostile.json");
        JSON.writeValue(file.toFile(), doc);
        CliRun base = run("plan", "--snapshot", fleet, "--now", NOW, "--environments", "Q,R", "--output", "json");

        CliRun r = run("plan", "--snapshot", file.toString(), "--now", NOW, "--environments", "Q,R");

        assertThat(r.code()).isZero();
        List<String> warnings = new ArrayList<>();
        for (String line : r.errLines()) {
            assertThat(Quoting.isSafe(line)).as(line).isTrue();
            if (line.startsWith("patchwindow: warning: ")) {
                warnings.add(line);
            }
        }
        assertThat(warnings).singleElement().asString().startsWithIgnoringCase("patchwindow: warning: " + machineOfSixth
                + ": 19 assessment records ignored, first with a blank package name ''");
        for (String line : r.out().split("\n")) {
            assertThat(Quoting.isSafe(line)).as(line).isTrue();
        }
        assertThat(r.out()).contains("rg-app/vm-odd  no tag 'patch' (tags: [own\\ner\\u001b[31m])")
                .doesNotContain("kernel*", "--exclude", "openssl=");
        // The rest is planned: the same deployments as without the bad rows, the blanked package aside.
        CliRun json = run("plan", "--snapshot", file.toString(), "--now", NOW, "--environments", "Q,R", "--output", "json");
        assertThat(JSON.readTree(json.out()).get("deployments").size())
                .isEqualTo(JSON.readTree(base.out()).get("deployments").size());
        assertThat(json.out()).doesNotContain("kernel*", "--exclude", "openssl=", "\\u0000", "\"\"");
    }
}
