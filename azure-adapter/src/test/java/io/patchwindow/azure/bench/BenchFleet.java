package io.patchwindow.azure.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.patchwindow.azure.assessment.UpdateRow;
import io.patchwindow.azure.export.SnapshotWriter;
import io.patchwindow.core.assessment.Classification;
import io.patchwindow.core.assessment.UpdateRecord;
import io.patchwindow.core.port.AssessmentRequest;
import io.patchwindow.core.testing.FleetGenerator;

/**
 * Snapshot files for benchmarks and equivalence tests: the core {@link FleetGenerator}'s machines and
 * update rows written by {@link SnapshotWriter} as Log Analytics {@code Update} rows. Deterministic for a
 * size and seed.
 */
public final class BenchFleet {
    /** The instant the generated rows are relative to; plan with {@code --now} set to it. */
    public static final Instant NOW = Instant.parse("2026-11-25T10:17:00Z");

    private BenchFleet() {
    }

    /**
     * Returns the generator of a fleet: {@code machines} machines over 20 subscriptions, 20 rows each.
     *
     * @param machines the machine count
     * @param seed the seed
     * @return the generator, not null
     */
    public static FleetGenerator generator(int machines, long seed) {
        return FleetGenerator.builder().machines(machines).subscriptions(20).rowsPerMachine(20).seed(seed)
                .now(NOW).build();
    }

    /**
     * Writes the snapshot of a fleet.
     *
     * @param gen the fleet, not null
     * @param out the stream, not null; not closed
     * @param compact whether to write without indentation
     */
    public static void write(FleetGenerator gen, OutputStream out, boolean compact) {
        try (SnapshotWriter w = compact ? SnapshotWriter.createCompact(out) : SnapshotWriter.create(out)) {
            w.machines(gen.machines());
            w.updateRows((request, sink) -> {
                Rows rows = new Rows();
                gen.updates(r -> sink.accept(rows.row(r)));
            }, new AssessmentRequest(List.of(), NOW));
        }
    }

    /**
     * Returns the compact snapshot file of a fleet in a directory, writing it when it does not exist yet
     * ({@code fleet-<machines>-<seed>.json}).
     *
     * @param dir the directory, not null
     * @param machines the machine count
     * @param seed the seed
     * @return the file, not null
     */
    public static Path ensure(Path dir, int machines, long seed) {
        Path file = dir.resolve("fleet-" + machines + "-" + seed + ".json");
        if (Files.isRegularFile(file)) {
            return file;
        }
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "fleet-", ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                write(generator(machines, seed), out, true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a compact snapshot for memory measurements (docs/benchmarks.md, "Memory"):
     * {@code BenchFleet <machines> <rowsPerMachine> <file>}, seed 1, 20 subscriptions.
     *
     * @param args the machine count, the rows per machine (0 for none) and the output file
     * @throws IOException if the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: BenchFleet <machines> <rowsPerMachine> <file>");
            System.exit(2);
        }
        int rows = Integer.parseInt(args[1]);
        FleetGenerator gen = FleetGenerator.builder().machines(Integer.parseInt(args[0])).subscriptions(20)
                .rowsPerMachine(Math.max(1, rows)).seed(1).now(NOW).build();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[2])), 1 << 16)) {
            if (rows > 0) {
                write(gen, out, true);
            } else {
                try (SnapshotWriter w = SnapshotWriter.createCompact(out)) {
                    w.machines(gen.machines());
                }
            }
        }
    }

    /** Maps records to Log Analytics rows; a stable SourceComputerId per machine. */
    static final class Rows {
        private String lastId = "";
        private String lastSourceComputer = "";

        UpdateRow row(UpdateRecord r) {
            if (!r.machineId().equals(lastId)) {
                lastId = r.machineId();
                lastSourceComputer = UUID.nameUUIDFromBytes(lastId.getBytes(StandardCharsets.UTF_8)).toString();
            }
            String classification = r.classifications().contains(Classification.CRITICAL) ? "Critical Updates"
                    : r.classifications().contains(Classification.SECURITY) ? "Security Updates" : "Other Updates";
            return new UpdateRow(r.time(), r.machineId(), r.computer(), lastSourceComputer, r.product(), r.arch(),
                    r.version(), classification, r.needed() ? "Needed" : "Installed", "Linux");
        }
    }
}
