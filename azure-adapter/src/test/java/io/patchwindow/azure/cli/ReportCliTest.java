package io.patchwindow.azure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.patchwindow.azure.testing.CliRun;
import io.patchwindow.azure.snapshot.Snapshot;
import io.patchwindow.core.deployment.ExistingDeployment;

/** {@code patchwindow report} on the demo fleet, whose snapshot holds the installation results of its windows. */
class ReportCliTest {
    private static final Path DEMO = Path.of("..", "examples", "fleet", "demo-snapshot.json");
    private static final String NOW = "2026-12-02T12:00:00Z";
    private static final String SINCE = "2026-11-16T00:00:00Z";

    @TempDir
    Path dir;

    private static CliRun report(String... more) {
        List<String> args = new ArrayList<>(List.of("report", "--snapshot", DEMO.toString(), "--now", NOW,
                "--since", SINCE));
        args.addAll(List.of(more));
        return PatchwindowCliTest.run(args.toArray(new String[0]));
    }

    @Test
    void json_isByteIdenticalOnRepeatedRuns_andEveryPlannedMachineAppearsOncePerWindow() throws Exception {
        CliRun first = report("--output", "json");
        CliRun second = report("--output", "json");

        assertThat(first.code()).isEqualTo(ExitCodes.ACTIONS_FAILED);
        assertThat(second.out()).isEqualTo(first.out());
        JsonNode doc = new ObjectMapper().readTree(first.out());
        assertThat(doc.path("schema").asText()).isEqualTo("patchwindow.report/v1");
        // the planned side, read independently: every managed deployment whose window is in the range
        List<ExistingDeployment> planned = Snapshot.of(DEMO).deployments("pw-");
        int expectedWindows = 0;
        for (ExistingDeployment e : planned) {
            if (!e.managed()) {
                continue;
            }
            java.time.Instant start = e.deployment().start().toInstant();
            if (start.isBefore(java.time.Instant.parse(SINCE))
                    || e.deployment().end().toInstant().isAfter(java.time.Instant.parse(NOW))) {
                continue;
            }
            expectedWindows++;
            JsonNode w = null;
            for (JsonNode x : doc.path("windows")) {
                if (x.path("name").asText().equals(e.name())) {
                    w = x;
                }
            }
            assertThat(w).as("window of %s", e.name()).isNotNull();
            Set<String> seen = new HashSet<>();
            for (JsonNode m : w.path("machines")) {
                assertThat(seen.add(m.path("machineId").asText().toLowerCase(Locale.ROOT)))
                        .as("machine listed once in %s", e.name()).isTrue();
            }
            Set<String> want = new HashSet<>();
            e.deployment().machineIds().forEach(id -> want.add(id.toLowerCase(Locale.ROOT)));
            assertThat(seen).isEqualTo(want);
        }
        assertThat(doc.path("windows")).hasSize(expectedWindows).hasSizeGreaterThanOrEqualTo(3);
        assertThat(doc.path("windows")).extracting(w -> w.path("machines").get(0).path("outcome").asText())
                .contains("SUCCEEDED", "FAILED", "DID_NOT_RUN", "INCOMPLETE");
    }

    @Test
    void patchwindowJobReport_isTheSameReportAsTheCommand() {
        io.patchwindow.core.report.Report r = io.patchwindow.azure.embed.Patchwindow.job().snapshot(DEMO.toString())
                .now(NOW).reportRange(SINCE, null).report();

        assertThat(io.patchwindow.azure.report.ReportJson.toJson(r)).isEqualTo(report("--output", "json").out());
        Path file = dir.resolve("report.json");
        report("--output", "json", "--output-file", file.toString());
        assertThat(file).hasContent(io.patchwindow.azure.report.ReportJson.toJson(r));
        assertThat(r.allInstalled()).isFalse();
        assertThat(r.installations()).isNotEmpty();
    }

    @Test
    void allFormats_render_andTheArchiveHoldsEachWindow() throws Exception {
        Path html = dir.resolve("report.html");
        CliRun r = report("--output", "html", "--output-file", html.toString(), "--archive",
                dir.resolve("evidence").toString());

        assertThat(r.code()).isEqualTo(ExitCodes.ACTIONS_FAILED);
        assertThat(r.out()).isEmpty();
        assertThat(Files.readString(html, StandardCharsets.UTF_8)).startsWith("<!DOCTYPE html>");
        try (var files = Files.list(dir.resolve("evidence"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .contains("2026-11-28T0200Z_pw-Q-app-db-6183a77084831872.json", "2026-11-28T0200Z_pw-Q-app-db-6183a77084831872.html",
                            "2026-11-28T0200Z_pw-Q-app-db-6183a77084831872.plan.json");
        }
        assertThat(report("--output", "junit").out()).contains("<testsuites").contains("<failure")
                .contains("<error");
        assertThat(report().out()).startsWith("Report of windows from 2026-11-16T00:00:00Z");
    }

    @Test
    void allInstalled_exitsZero() {
        // only clean-01's window (Saturday noon) is in this range, and it installed everything
        CliRun r = PatchwindowCliTest.run("report", "--snapshot", DEMO.toString(), "--now", NOW,
                "--since", "2026-11-28T10:00:00Z", "--until", "2026-11-28T14:00:00Z");

        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("1 succeeded, 0 failed");
    }

    @Test
    void badOptions_exitTwo_withTheRule() {
        CliRun badFormat = report("--output", "pdf");
        CliRun backwards = report("--until", "2026-11-01T00:00:00Z");

        assertThat(badFormat.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badFormat.err()).contains("Invalid --output 'pdf': expected text, json, junit or html");
        assertThat(backwards.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(backwards.err()).contains("must be before --until");
    }
}
