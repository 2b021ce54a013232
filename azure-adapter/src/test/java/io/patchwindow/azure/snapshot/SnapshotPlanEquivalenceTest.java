package io.patchwindow.azure.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.patchwindow.azure.bench.BenchFleet;
import io.patchwindow.azure.cli.PatchwindowCli;
import io.patchwindow.azure.json.PlanJson;
import io.patchwindow.core.assessment.UpdateRecord;
import io.patchwindow.core.plan.Plan;
import io.patchwindow.core.plan.Planner;
import io.patchwindow.core.plan.Policy;
import io.patchwindow.core.testing.FleetGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The optimized snapshot path (rows skipped by the first pass, read from their bytes by the second, rows of
 * unwanted machines not built, plan JSON streamed) gives exactly what the straightforward paths give: the
 * planner fed with the generator's domain objects, and the streaming parser.
 */
class SnapshotPlanEquivalenceTest {
    static final Clock CLOCK = Clock.fixed(BenchFleet.NOW, ZoneOffset.UTC);

    @ParameterizedTest(name = "compact={0}")
    @ValueSource(booleans = {true, false})
    void generatedFleet_planFromSnapshot_isByteIdenticalToPlanFromDomainObjects(boolean compact, @TempDir Path dir)
            throws IOException {
        FleetGenerator gen = BenchFleet.generator(2000, 7);
        Path file = dir.resolve("fleet.json");
        try (OutputStream out = Files.newOutputStream(file)) {
            BenchFleet.write(gen, out, compact);
        }
        Policy policy = Policy.builder().environments("Q", "R").maxAssessmentAge(Duration.ofHours(5)).build();

        Plan direct = Planner.of(policy).plan(gen.machines(), (request, sink) -> gen.updates(sink::accept), List.of(),
                CLOCK);
        Snapshot snapshot = Snapshot.of(file);
        Plan fromSnapshot = Planner.of(policy).plan(new SnapshotInventory(snapshot),
                new SnapshotAssessmentSource(snapshot), new SnapshotDeployments(snapshot), CLOCK);

        String expected = PlanJson.toJson(direct);
        assertThat(direct.planned()).isGreaterThan(300);
        assertThat(direct.skipped()).hasSizeGreaterThan(300);
        assertThat(PlanJson.toJson(fromSnapshot)).isEqualTo(expected);

        ByteArrayOutputStream cli = new ByteArrayOutputStream();
        int code = PatchwindowCli.newCommandLine(new PrintWriter(cli, false, StandardCharsets.UTF_8),
                new PrintWriter(OutputStream.nullOutputStream())).execute("plan", "--snapshot", file.toString(),
                "--now", BenchFleet.NOW.toString(), "--environments", "Q,R", "--output", "json");
        assertThat(code).isZero();
        assertThat(cli.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    static final String VM1 = SnapshotTest.VM1;
    static final String VM2 = SnapshotTest.VM2;

    /** Rows off the byte scanner's plain subset: escapes, non-ASCII text, numbers, nested values, nulls. */
    static final String ODD_ROWS = "[\n"
            + "  {\"TimeGenerated\": \"2026-11-25T08:00:00Z\", \"ResourceId\": \"" + VM1 + "\", \"Product\": \"openssl\","
            + " \"Classification\": \"Security Updates\", \"UpdateState\": \"Needed\", \"Size\": 12.5e3, \"N\": -0,"
            + " \"Approved\": true, \"Other\": false, \"Empty\": null, \"Nested\": {\"a\": [1, {\"b\": \"]}\"}]}},\n"
            + "  {\"TimeGenerated\":\"2026-11-25T08:00:00Z\",\"ResourceId\":\"" + VM1 + "\",\"Product\":\"caf\\u00e9\","
            + "\"ProductArch\":\"x86_64\",\"Classification\":\"Critical Updates\",\"UpdateState\":\"Needed\"},\n"
            + "  {\"TimeGenerated\":\"2026-11-25T08:00:00Z\",\"ResourceId\":\"" + VM2 + "\",\"Product\":\"naïve\","
            + "\"ProductVersion\":null,\"Computer\":\"  \",\"Classification\":\"Security Updates\",\"UpdateState\":\"Needed\"},\n"
            + "  {\"TimeGenerated\": \"2026-11-25T09:00:00.5+01:00\", \"Computer\": \"vm2\", \"Product\": \" bash \","
            + " \"ProductArch\": \" noarch \", \"ProductVersion\": \" \", \"Classification\": \"Other Updates\","
            + " \"UpdateState\": \"installed\", \"OSType\": \" linux \"},\n"
            + "  {\"OSType\": \"Windows\", \"Product\": 7},\n"
            + "  {\"Product\": \"vim\", \"ResourceId\": \"" + VM1.toUpperCase() + "/\", \"TimeGenerated\": \"2026-11-25T08:00:00Z\","
            + " \"Product\": \"vim-minimal\"},\n"
            + "  {\"TimeGenerated\": \"2026-11-25T08:00:00Z\", \"_ResourceId\": \"" + VM2 + "\", \"ResourceId\": \"\","
            + " \"Product\": \"glibc\", \"Classification\": \"[\\\"Security\\\",\\\"Critical\\\"]\"}\n"
            + "]";

    private static List<UpdateRecord> records(Snapshot s, boolean indexFirst) {
        if (indexFirst) {
            s.machines(); // the first pass locates the rows: the second reads them from their bytes
        }
        List<UpdateRecord> out = new ArrayList<>();
        s.readAssessments(AssessmentSection.UPDATES, out::add);
        return out;
    }

    @ParameterizedTest(name = "compact={0}")
    @ValueSource(booleans = {true, false})
    void generatedFleet_fastPathAndStreamingParserGiveTheSameRecords(boolean compact, @TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("fleet.json");
        try (OutputStream out = Files.newOutputStream(file)) {
            BenchFleet.write(BenchFleet.generator(2000, 11), out, compact);
        }

        List<UpdateRecord> scanned = records(Snapshot.of(file), true);
        List<UpdateRecord> parsed = records(Snapshot.of(file), false);

        assertThat(scanned).hasSizeGreaterThan(30_000).isEqualTo(parsed);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"2026-11-25T08:00:00Z", "2026-11-25T08:00Z", "2026-11-25T08:00:00.1234567Z",
        "2026-11-25T08:00:00.123456789+05:30", "2017-10-19T12:22:00-07:00", "2026-11-25t08:00:00z",
        " 2026-11-25T08:00:00Z ", "2026-11-25T08:00:00", "2026-02-30T08:00:00Z", "2026-11-25T24:00:00Z",
        "2026-11-25T08:00:00+18:01", "2026-11-25T08:00:00.Z", "", "yesterday"})
    void timeGenerated_fastPathAndStreamingParserGiveTheSameInstantOrError(String time) {
        String rows = "[{\"TimeGenerated\": \"" + time + "\", \"ResourceId\": \"" + VM1
                + "\", \"Product\": \"openssl\"}, {\"TimeGenerated\": \"" + time + "\", \"ResourceId\": \"" + VM2
                + "\", \"Product\": \"bash\"}]";
        String doc = SnapshotTest.doc(SnapshotTest.MACHINES, rows, "[]", "[]");
        List<UpdateRecord> scanned = new ArrayList<>();
        List<UpdateRecord> parsed = new ArrayList<>();

        Snapshot indexed = Snapshot.ofJson("f.json", doc);
        indexed.machines();
        SnapshotException a = catchThrowableOfType(SnapshotException.class,
                () -> indexed.readAssessments(AssessmentSection.UPDATES, scanned::add));
        SnapshotException b = catchThrowableOfType(SnapshotException.class,
                () -> Snapshot.ofJson("f.json", doc).readAssessments(AssessmentSection.UPDATES, parsed::add));

        assertThat(scanned).isEqualTo(parsed);
        assertThat(a == null ? null : a.getMessage()).isEqualTo(b == null ? null : b.getMessage());
        assertThat(scanned.size() + (a == null ? 0 : 1)).as("records or an error").isPositive();
    }

    @Test
    void oddRows_byteScannerAndStreamingParserGiveTheSameRecords() {
        String doc = SnapshotTest.doc(SnapshotTest.MACHINES, ODD_ROWS, "[]", "[]");

        List<UpdateRecord> scanned = records(Snapshot.ofJson("f.json", doc), true);
        List<UpdateRecord> parsed = records(Snapshot.ofJson("f.json", doc), false);

        assertThat(scanned).hasSize(6).isEqualTo(parsed);
        assertThat(scanned).extracting(UpdateRecord::product)
                .containsExactly("openssl", "café", "naïve", "bash", "vim-minimal", "glibc");
    }

    @Test
    void rowsAfterAnOddRowAreStillRead() {
        StringBuilder rows = new StringBuilder("[");
        for (int i = 0; i < 5000; i++) {
            rows.append(i == 0 ? "" : ",").append("{\"TimeGenerated\":\"2026-11-25T08:00:00Z\",\"ResourceId\":\"")
                    .append(i % 2 == 0 ? VM1 : VM2).append("\",\"Product\":\"")
                    .append(i % 1000 == 999 ? "p\\u0041" : "p" + i).append("\",\"Flag\":").append(i % 3 == 0)
                    .append('}');
        }
        String doc = SnapshotTest.doc(SnapshotTest.MACHINES, rows.append("]").toString(), "[]", "[]");

        List<UpdateRecord> scanned = records(Snapshot.ofJson("f.json", doc), true);

        assertThat(scanned).hasSize(5000).isEqualTo(records(Snapshot.ofJson("f.json", doc), false));
        assertThat(scanned.get(999).product()).isEqualTo("pA");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[{\"TimeGenerated\": \"2026-11-25T08:00:00Z\", \"Computer\": \"c\", \"Product\": \"a\"} {\"Product\": \"b\"}]",
        "[{\"TimeGenerated\": \"2026-11-25T08:00:00Z\", \"Computer\": \"c\", \"Product\": \"a\", \"X\": tru}]",
        "[{\"TimeGenerated\": \"2026-11-25T08:00:00Z\", \"Computer\": \"c\", \"Product\": \"a\",}]",
        "[{\"TimeGenerated\": \"2026-11-25T08:00:00Z\", \"Computer\": \"c\", \"Product\": \"a\"},]",
        "[{\"TimeGenerated\": \"2026-11-25T08:00:00Z\", \"Computer\": \"c\", \"Product\": \"a\", \"X\": 01}]",
        "[{\"TimeGenerated\": \"2026-11-25T08:00:00Z\", \"Computer\": \"c\", \"Product\": \"a\\q\"}]",
        "[{\"TimeGenerated\": \"2026-11-25T08:00:00Z\", \"Computer\": \"c\", \"Product\": \"a\"}, 42]",
        "[{\"TimeGenerated\": \"2026-11-25T08:00:00Z\", \"Computer\": \"c\", \"Product\": \"a\"}, {\"Product\": \" \"}]",
        "[{\"TimeGenerated\": \"2026-11-25\", \"Computer\": \"c\", \"Product\": \"a\"}]",
        "[{\"TimeGenerated\": \"2026-11-25T08:00:00Z\", \"Computer\": \"c\", \"Product\": \"a\", \"N\": [1, }]}]",
    })
    void malformedRows_sameErrorAndSameRowsBeforeIt_asTheStreamingParser(String updates) {
        String doc = SnapshotTest.doc("[]", updates, "[]", "[]");
        List<String> scannedRows = new ArrayList<>();
        List<String> parsedRows = new ArrayList<>();

        Snapshot scanned = Snapshot.ofJson("f.json", doc);
        SnapshotException a = catchThrowableOfType(SnapshotException.class, () -> {
            scanned.machines(); // unbalanced brackets are found here already
            scanned.readAssessments(AssessmentSection.UPDATES, r -> scannedRows.add(r.product()));
        });
        SnapshotException b = catchThrowableOfType(SnapshotException.class,
                () -> Snapshot.ofJson("f.json", doc).readAssessments(AssessmentSection.UPDATES,
                        r -> parsedRows.add(r.product())));

        assertThat(b).isNotNull();
        assertThat(a).isNotNull();
        assertThat(a.getMessage()).isEqualTo(b.getMessage());
        assertThat(scannedRows).isEqualTo(parsedRows);
    }
}
