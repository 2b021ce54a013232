package io.patchwindow.azure.snapshot;

import static io.patchwindow.azure.snapshot.SnapshotTest.ARC1;
import static io.patchwindow.azure.snapshot.SnapshotTest.DEPLOYMENTS;
import static io.patchwindow.azure.snapshot.SnapshotTest.MACHINES;
import static io.patchwindow.azure.snapshot.SnapshotTest.VM1;
import static io.patchwindow.azure.snapshot.SnapshotTest.VM2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.function.IntFunction;

import io.patchwindow.core.assessment.AssessmentReducer;
import io.patchwindow.core.assessment.AssessmentSink;
import io.patchwindow.core.assessment.Classification;
import io.patchwindow.core.assessment.MachineAssessment;
import io.patchwindow.core.assessment.UpdateRecord;
import io.patchwindow.core.inventory.Machine;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Large {@code updates} sections are read in two halves on two threads when the sink can be split: the
 * result, the counts and the messages must be those of one thread reading every row in order.
 */
class SnapshotParallelRowsTest {
    private static final Instant NOT_BEFORE = Instant.parse("2026-11-24T00:00:00Z");
    private static final int ROWS = 40_000;

    /** A row: several machines, products, versions, times and states, so that the reduction has work to do. */
    private static String row(int i, String extra) {
        String id = i % 3 == 0 ? VM1 : i % 3 == 1 ? ARC1 : VM2;
        return "{\"TimeGenerated\": \"2026-11-25T0" + (i % 10) + ":00:00Z\", \"ResourceId\": \"" + id
                + "\", \"Product\": \"pkg" + (i % 701) + "\", \"ProductArch\": \"" + (i % 7 == 0 ? "noarch" : "x86_64")
                + "\", \"ProductVersion\": \"1." + (i % 5) + "\", \"Classification\": \""
                + (i % 4 == 0 ? "Other Updates" : "Security Updates") + "\", \"UpdateState\": \""
                + (i % 6 == 0 ? "Installed" : "Needed") + "\", \"OSType\": \"Linux\"" + extra + "}";
    }

    private static byte[] document(IntFunction<String> rows) {
        StringBuilder sb = new StringBuilder("{\"machines\": " + MACHINES + ", \"updates\": [");
        for (int i = 0; i < ROWS; i++) {
            sb.append(i == 0 ? "" : ",\n").append(rows.apply(i));
        }
        return sb.append("], \"deployments\": ").append(DEPLOYMENTS).append("}").toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Snapshot snapshot(byte[] bytes, long parallelFrom) {
        return Snapshot.of("big.json", Snapshot.Opener.of(bytes)).withParallelRowsFrom(parallelFrom);
    }

    /** A reducer that counts how often it was split and merged. */
    private static final class Counting implements AssessmentSink {
        final AssessmentReducer reducer;
        int forks;
        int merges;

        Counting(List<Machine> machines) {
            this(new AssessmentReducer(machines, EnumSet.of(Classification.SECURITY, Classification.CRITICAL),
                    NOT_BEFORE));
        }

        private Counting(AssessmentReducer reducer) {
            this.reducer = reducer;
        }

        @Override
        public void accept(UpdateRecord record) {
            reducer.accept(record);
        }

        @Override
        public boolean accepts(String machineId) {
            return reducer.accepts(machineId);
        }

        @Override
        public @Nullable AssessmentSink fork() {
            forks++;
            return new Counting(reducer.fork());
        }

        @Override
        public void merge(AssessmentSink fork) {
            merges++;
            reducer.merge(((Counting) fork).reducer);
        }
    }

    private record Read(Counting sink, long delivered, long rows, int deployments) {
    }

    /** Reads in the planner's order: machines, rows, then what follows the rows. */
    private static Read read(Snapshot s) {
        Counting sink = new Counting(s.machines());
        long delivered = s.readAssessments(sink);
        return new Read(sink, delivered, s.rows(AssessmentSection.UPDATES), s.deployments("pw-").size());
    }

    private static void assertSameResult(Read parallel, Read sequential, List<Machine> machines) {
        assertThat(parallel.delivered()).isEqualTo(sequential.delivered());
        assertThat(parallel.rows()).isEqualTo(sequential.rows()).isEqualTo(ROWS);
        assertThat(parallel.deployments()).isEqualTo(sequential.deployments()).isPositive();
        assertThat(parallel.sink().reducer.accepted()).isEqualTo(sequential.sink().reducer.accepted());
        for (Machine m : machines) {
            MachineAssessment p = parallel.sink().reducer.assessment(m);
            MachineAssessment q = sequential.sink().reducer.assessment(m);
            assertThat(p.status()).isEqualTo(q.status());
            assertThat(p.lastReport()).isEqualTo(q.lastReport());
            assertThat(p.packages()).as(m.name()).isEqualTo(q.packages());
        }
        assertThat(sequential.sink().forks).as("the sequential reference is not split").isZero();
    }

    @Test
    void halvesOnTwoThreads_sameAssessmentsCountsAndDeploymentsAsOneThread() {
        byte[] doc = document(i -> row(i, ""));
        Snapshot parallel = snapshot(doc, 1);

        Read p = read(parallel);
        Read q = read(snapshot(doc, Long.MAX_VALUE));

        assertThat(p.sink().forks).isEqualTo(1);
        assertThat(p.sink().merges).as("the second half was merged").isEqualTo(1);
        assertSameResult(p, q, parallel.machines());
        assertThat(p.sink().reducer.assessment(parallel.machines().get(0)).packages()).isNotEmpty();
        Read again = read(parallel);
        assertThat(again.sink().merges).as("read again, rows' end now known").isEqualTo(1);
        assertSameResult(again, q, parallel.machines());
    }

    @Test
    void probableRowStartInsideAString_secondHalfDropped_sameResult() {
        // Every row ends with a string holding "},{": the offset found from the middle is inside a string.
        byte[] doc = document(i -> row(i, ", \"Computer\": \"host-" + i + "},{x\""));
        Snapshot parallel = snapshot(doc, 1);

        Read p = read(parallel);
        Read q = read(snapshot(doc, Long.MAX_VALUE));

        assertThat(p.sink().forks).isEqualTo(1);
        assertThat(p.sink().merges).as("not a row start: the second half is not used").isZero();
        assertSameResult(p, q, parallel.machines());
    }

    @Test
    void rowsOutsideTheFastSubsetInTheSecondHalf_readByTheFirstThreadFromThere() {
        // Escapes and a nested value: the second half stops before them, the first thread reads on.
        byte[] doc = document(i -> i % 5000 == 4999 ? row(i, ", \"Computer\": \"h\\u00e9st\", \"Extra\": {\"a\": [1]}")
                : row(i, ""));
        Snapshot parallel = snapshot(doc, 1);

        Read p = read(parallel);
        Read q = read(snapshot(doc, Long.MAX_VALUE));

        assertThat(p.sink().merges).isEqualTo(1);
        assertSameResult(p, q, parallel.machines());
    }

    /** The error that reading the snapshot's rows ends with; null when there is none. */
    private static SnapshotException error(Snapshot s) {
        return catchThrowableOfType(SnapshotException.class, () -> read(s));
    }

    @Test
    void badRowInTheSecondHalf_sameMessageAndRowIndexAsOneThread() {
        int bad = ROWS - 1234;
        byte[] doc = document(i -> i == bad ? row(i, "").replace("2026-11-25T0", "yesterday-") : row(i, ""));

        SnapshotException p = error(snapshot(doc, 1));
        SnapshotException q = error(snapshot(doc, Long.MAX_VALUE));

        assertThat(p).isNotNull();
        assertThat(p.path()).isEqualTo("$.updates[" + bad + "].TimeGenerated");
        assertThat(p.getMessage()).isEqualTo(q.getMessage());
    }

    @Test
    void malformedJsonInTheSecondHalf_sameMessageAsOneThread() {
        int bad = ROWS - 99;
        byte[] doc = document(i -> i == bad ? row(i, "").replace("\"OSType\"", "\"OSType\" \"") : row(i, ""));

        SnapshotException p = error(snapshot(doc, 1));
        SnapshotException q = error(snapshot(doc, Long.MAX_VALUE));

        assertThat(p).isNotNull();
        assertThat(p.path()).startsWith("$.updates[" + bad + "]");
        assertThat(p.getMessage()).contains("malformed JSON at line").isEqualTo(q.getMessage());
    }

    @Test
    void sinkThatCannotBeSplit_readsOnOneThread() {
        byte[] doc = document(i -> row(i, ""));
        long[] records = {0};

        long delivered = snapshot(doc, 1).readAssessments(r -> records[0]++);

        assertThat(delivered).isEqualTo(records[0]).isEqualTo(ROWS);
    }
}
