package io.patchwindow.azure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.patchwindow.azure.testing.CliRun;
import io.patchwindow.azure.json.PlanJson;

/**
 * {@code plan --environments P --promote-from Q,R --soak P3D} on the demo fleet, whose snapshot holds last week's Q/R
 * runs; from its Log Analytics rows, where Azure classifies the security updates (Update Manager's rows need advisories).
 */
class PromotionCliTest {
    private static final Path DEMO = Path.of("..", "examples", "fleet", "demo-snapshot.json");
    private static final String NOW = "2026-11-25T10:17:00Z";

    private static CliRun plan(String... more) {
        List<String> args = new ArrayList<>(List.of("plan", "--snapshot", DEMO.toString(), "--now", NOW,
                "--environments", "P", "--promote-from", "Q,R", "--soak", "P3D", "--assessment", "log-analytics"));
        args.addAll(List.of(more));
        return PatchwindowCliTest.run(args.toArray(new String[0]));
    }

    @Test
    void json_isByteIdentical_andEveryPromotedVersionInstalledInQorRAtLeastTheSoakBefore() throws Exception {
        CliRun first = plan("--output", "json");
        CliRun second = plan("--output", "json");
        assertThat(first.code()).as(first.err()).isEqualTo(ExitCodes.OK);
        assertThat(second.out()).isEqualTo(first.out());

        JsonNode doc = new ObjectMapper().readTree(first.out());
        assertThat(doc.path("policy").path("promotion").toString())
                .isEqualTo("{\"from\":[\"Q\",\"R\"],\"soak\":\"P3D\",\"minSuccesses\":1,\"maxFailureRate\":0.0}");
        // the snapshot read independently: successes per (name, version) with their time and environment
        JsonNode snap = new ObjectMapper().readTree(DEMO.toFile());
        Map<String, String> env = new HashMap<>();
        for (JsonNode m : snap.path("machines")) {
            String tag = m.path("tags").path("patch").asText("");
            if (tag.matches("CENTOS-[PQR]-.*")) {
                env.put(m.path("id").asText().toLowerCase(), tag.substring(7, 8));
            }
        }
        Map<String, Instant> runEnd = new HashMap<>();
        for (JsonNode r : snap.path("installations")) {
            if (r.path("type").asText().endsWith("/patchinstallationresults")) {
                runEnd.put(r.path("id").asText(), Instant.parse(r.path("properties").path("lastModifiedDateTime").asText()));
            }
        }
        int promoted = 0;
        Set<String> reasons = new HashSet<>();
        for (JsonNode d : doc.path("deployments")) {
            if (d.path("action").asText().equals("DELETE")) {
                continue;
            }
            Instant start = OffsetDateTime.parse(d.path("start").asText()).toInstant();
            assertThat(d.path("promotion").size()).isEqualTo(d.path("packages").size());
            for (var it = d.path("promotion").fields(); it.hasNext(); ) {
                var e = it.next();
                String version = e.getValue().path("version").asText();
                boolean proven = false;
                for (JsonNode r : snap.path("installations")) {
                    String id = r.path("id").asText();
                    JsonNode p = r.path("properties");
                    if (!id.contains("/softwarePatches/") || !p.path("installationState").asText().equals("Installed")
                            || !p.path("patchName").asText().equals(e.getKey() + ".x86_64")
                            || !p.path("version").asText().equals(version)) {
                        continue;
                    }
                    String run = id.substring(0, id.indexOf("/softwarePatches/"));
                    String machine = run.substring(0, run.indexOf("/patchInstallationResults/")).toLowerCase();
                    proven |= Set.of("Q", "R").contains(env.get(machine))
                            && !runEnd.get(run).plus(Duration.ofDays(3)).isAfter(start);
                }
                assertThat(proven).as("%s %s in %s", e.getKey(), version, d.path("name").asText()).isTrue();
                promoted++;
            }
            d.path("heldBack").forEach(h -> reasons.add(h.path("reason").asText()));
        }
        for (JsonNode s : doc.path("skipped")) {
            s.path("heldBack").forEach(h -> reasons.add(h.path("reason").asText()));
        }
        assertThat(promoted).isGreaterThanOrEqualTo(5);
        assertThat(reasons).contains("NOT_YET_SOAKED", "FAILED_IN_SOURCE", "NEVER_INSTALLED_IN_SOURCE", "DIFFERENT_VERSION");
        assertThat(doc.path("summary").path("heldBack").asInt()).isPositive();
    }

    @Test
    void text_notesWhatWasPromotedAndHeldBack_andMinSuccessesHoldsBackMore() {
        CliRun text = plan();
        assertThat(text.out()).contains("; promote from Q,R soaked P3D, at least 1 machine, failure rate at most 0\n",
                "note: promoted pw-P-prod-02-", "curl 1.5.20-40.el7_9 from Q,R on 3 machines since 2026-11-23T02:27:00Z",
                "FAILED_IN_SOURCE: 2 of 5 results in Q,R failed (rate 0.4, above the maximum 0)", "HELD_BACK: ");
        assertThat(plan("--min-successes", "2", "--output", "json").out()).contains("\"TOO_FEW_SUCCESSES\"");
        // glibc failed 2 of 5 times (promoted at 0.5), systemd its only time (still held back)
        assertThat(plan("--max-failure-rate", "0.5").out()).doesNotContain("rate 0.4").contains(
                "systemd FAILED_IN_SOURCE: 1 of 1 results in Q,R failed (rate 1, above the maximum 0.5)",
                "glibc 3.9.14-4.el7_9 from Q on 3 machines since 2026-11-21T02:23:00Z");
    }

    @Test
    void job_givesTheSameDocumentAsTheCommandLine_fromUpdateManagerRowsWithAdvisories() {
        String advisories = Path.of("..", "examples", "advisories", "updateinfo.xml").toString();
        String json = PlanJson.toJson(io.patchwindow.azure.embed.Patchwindow.job().snapshot(DEMO.toString())
                .advisories(advisories).environments("P").now(NOW).promoteFrom("Q,R").soak("P3D").plan());
        CliRun cli = PatchwindowCliTest.run("plan", "--snapshot", DEMO.toString(), "--now", NOW,
                "--environments", "P", "--promote-from", "Q,R", "--soak", "P3D", "--advisories", advisories,
                "--output", "json");
        assertThat(json).isEqualTo(cli.out()).contains("\"promotion\": {", "\"curl\": {", "\"NOT_YET_SOAKED\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--soak P3D|Invalid options: --soak only apply with --promote-from ENV, e.g. --promote-from Q,R --soak P3D",
            "--promote-from Q,R|Invalid options: --promote-from needs --soak, how long before the window a success in Q,R must be, e.g. --soak P3D",
            "--promote-from Q --soak 3d|Invalid --soak '3d': expected an ISO-8601 duration such as PT2H, PT10M or P2D",
            "--promote-from Q --soak P3D --max-failure-rate 1.5|Invalid --max-failure-rate '1.5': expected a number from 0 to 1 (failed / (failed + installed)), e.g. 0.1",
            "--promote-from Q --soak P3D --min-successes 0|Invalid --min-successes 0: must be at least 1 (machines of the source rings), e.g. 2",
            "--promote-from P --soak P3D|Invalid --promote-from environment 'P': it is also a target environment [P]; promote into other rings, e.g. --environments P --promote-from Q,R",
    })
    void badOptions_exit2_withOneLine(String options, String message) {
        List<String> args = new ArrayList<>(List.of("plan", "--snapshot", DEMO.toString(), "--now", NOW, "--environments", "P"));
        args.addAll(List.of(options.split(" ")));
        CliRun r = PatchwindowCliTest.run(args.toArray(new String[0]));
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly("patchwindow: " + message);
    }
}
