package io.patchwindow.azure.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchwindow.azure.testing.CliRun;
import io.patchwindow.core.assessment.PackageNames;
import io.patchwindow.core.text.Quoting;
import io.patchwindow.azure.snapshot.Snapshot;
import io.patchwindow.azure.snapshot.SnapshotException;
import io.patchwindow.core.assessment.AssessmentSink;
import io.patchwindow.core.assessment.UpdateRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing of the snapshot input boundary (docs/contracts.md#snapshot-file): damaged snapshot files (values of the wrong type, huge
 * strings and numbers, 10,000 levels of nesting, duplicate keys, truncation, non-UTF-8 bytes, random documents)
 * through the reader and through {@code plan --snapshot} in-process. Property: either a result, or a
 * {@link SnapshotException} naming the file and the JSON path on one line (CLI: exit 2, one stderr line, empty
 * stdout); never another exception type, never a hang (each case has a time limit).
 */
class SnapshotFuzzTest {
    static final String NOW = "2026-11-25T10:17:00Z";

    @TempDir
    static Path dir;
    static JsonNode small;
    static JsonNode resourceGraph;
    static final AtomicInteger files = new AtomicInteger();

    @BeforeAll
    static void bases() throws Exception {
        small = JsonFuzz.JSON.readTree(SnapshotFuzzTest.class.getResource("/snapshots/small-fleet.json"));
        resourceGraph = JsonFuzz.JSON.readTree(SnapshotFuzzTest.class.getResource("/snapshots/resource-graph-fleet.json"));
    }

    static Path write(byte[] bytes) throws IOException {
        Path f = dir.resolve("fuzz-" + files.incrementAndGet() + ".json");
        Files.write(f, bytes);
        return f;
    }

    /** Reads everything the CLI reads; any exception other than a well-formed SnapshotException fails. */
    static boolean readEverything(Path file) {
        Snapshot s = Snapshot.of(file);
        try {
            s.machines();
            s.ignoredResources();
            AtomicLong n = new AtomicLong();
            s.readAssessments(new AssessmentSink() {
                @Override
                public void accept(UpdateRecord record) {
                    n.incrementAndGet();
                }
            });
            s.deployments("pw-");
            return true;
        } catch (SnapshotException e) {
            assertThat(e.getMessage()).startsWith("Invalid snapshot " + file + ": $").doesNotContain("\n");
            assertThat(e.path()).startsWith("$");
            assertThat(e.problem()).isNotBlank();
            return false;
        }
    }

    static CliRun cli(String... args) {
        return CliRun.run(CliRun.OFFLINE, args);
    }

    static void assertPlanResultOrInputError(Path file, boolean json) {
        CliRun r = cli("plan", "--snapshot", file.toString(), "--now", NOW, "--output", json ? "json" : "text");
        assertThat(r.code()).as("exit code; stderr: %s", r.err()).isIn(0, 2);
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception:").doesNotContain("internal error");
        // Oracle (issue 14.4): no printed line carries a raw control, bidi or zero-width character.
        r.out().lines().forEach(l -> assertThat(Quoting.isSafe(l)).as(l).isTrue());
        r.err().lines().forEach(l -> assertThat(Quoting.isSafe(l)).as(l).isTrue());
        if (r.code() == 2) {
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).startsWith("patchwindow: Invalid snapshot " + file + ": $").endsWith("\n");
            assertThat(r.err().lines()).hasSize(1);
        } else {
            assertThat(r.out()).isNotEmpty();
            if (json) {
                // Oracle (issue 14.1-14.3): every planned package satisfies the name rule.
                try {
                    for (com.fasterxml.jackson.databind.JsonNode d : JsonFuzz.JSON.readTree(r.out()).get("deployments")) {
                        d.get("packages").forEach(p -> assertThat(PackageNames.isValidName(p.asText()))
                                .as("planned package %s", Quoting.quote(p.asText())).isTrue());
                    }
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new AssertionError("plan --output json is not JSON", e);
                }
            }
        }
    }

    @Test
    void reader_damagedDocuments_giveAResultOrAnInputErrorWithItsPath() {
        AtomicInteger read = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Property.forAll("snapshot reader on damaged documents", 20261125L, 200, Duration.ofSeconds(20),
                r -> JsonFuzz.mutate(r, r.nextInt(3) == 0 ? resourceGraph : small), JsonFuzz.Doc::show,
                doc -> (readEverything(write(doc.bytes())) ? read : refused).incrementAndGet());
        // the generator exercises both outcomes (a generator that only produced garbage would prove little)
        assertThat(read.get()).isGreaterThan(20);
        assertThat(refused.get()).isGreaterThan(20);
    }

    @Test
    void planCli_damagedDocuments_exit0Or2_withOneStderrLine() {
        Property.forAll("plan --snapshot on damaged documents", 7341L, 80, Duration.ofSeconds(20),
                r -> JsonFuzz.mutate(r, r.nextInt(3) == 0 ? resourceGraph : small), JsonFuzz.Doc::show,
                doc -> assertPlanResultOrInputError(write(doc.bytes()), doc.bytes().length % 2 == 0));
    }

    @Test
    void deepNesting_tenThousandLevels_isAnInputError_notAStackOverflow() throws IOException {
        int depth = 10_000;
        List<String> docs = List.of("[".repeat(depth) + "]".repeat(depth),
                "{\"machines\": " + "[".repeat(depth) + "]".repeat(depth) + "}",
                "{\"machines\": [], \"updates\": [" + "{\"x\":".repeat(depth) + "1" + "}".repeat(depth) + "]}",
                "{\"machines\": [{\"id\": \"/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg/providers"
                        + "/Microsoft.Compute/virtualMachines/vm\", \"type\": \"Microsoft.Compute/virtualMachines\", "
                        + "\"properties\": " + "{\"p\":".repeat(depth) + "1" + "}".repeat(depth) + "}]}",
                "{\"machines\": [], \"deployments\": [" + "[".repeat(depth) + "]".repeat(depth) + "]}");
        for (String d : docs) {
            Path f = write(d.getBytes(StandardCharsets.UTF_8));
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                readEverything(f);
                assertPlanResultOrInputError(f, false);
            });
        }
    }

    @Test
    void nonUtf8_bom_emptyAndBinaryFiles_areInputErrors() throws IOException {
        List<byte[]> docs = List.of(new byte[0], new byte[] {(byte) 0xFF, (byte) 0xFE, 0, '{', 0, '}'},
                "{\"machines\": [\"\u00e9\"]}".getBytes(StandardCharsets.ISO_8859_1),
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '"', 'm', 'a', 'c', 'h', 'i', 'n', 'e', 's', '"', ':',
                        '[', ']', '}'},
                new byte[] {0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0}, "\u0000".repeat(100).getBytes(StandardCharsets.UTF_8));
        for (byte[] d : docs) {
            Path f = write(d);
            readEverything(f);
            assertPlanResultOrInputError(f, true);
        }
    }

    @Test
    void hugeValues_areReadOrRefused_withinBoundedTime() throws IOException {
        // a 30 MB tag value (above Jackson's default 20 MB string limit) and a 20,000-digit number
        String id = "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg/providers/Microsoft.Compute/"
                + "virtualMachines/vm";
        List<String> docs = List.of(
                "{\"machines\": [{\"id\": \"" + id + "\", \"type\": \"Microsoft.Compute/virtualMachines\", \"tags\": "
                        + "{\"patch\": \"" + "A".repeat(30_000_000) + "\"}}]}",
                "{\"machines\": [{\"id\": \"" + id + "\", \"type\": \"Microsoft.Compute/virtualMachines\", \"tags\": "
                        + "{\"patch\": \"" + "A".repeat(2_000_000) + "\"}}]}",
                "{\"machines\": [], \"updates\": [{\"TimeGenerated\": " + "9".repeat(20_000) + "}]}");
        for (String d : docs) {
            Path f = write(d.getBytes(StandardCharsets.UTF_8));
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                readEverything(f);
                assertPlanResultOrInputError(f, false);
            });
        }
    }
}
