package io.patchwindow.azure.snapshot;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.patchwindow.core.assessment.AssessmentSink;
import io.patchwindow.core.deployment.ExistingDeployment;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.inventory.MachineKind;
import io.patchwindow.core.inventory.ResourceId;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot file (docs/contracts.md#snapshot-file): what Azure returns, as one JSON document with the top-level arrays
 * {@code machines}, {@code updates}, {@code patchAssessments} and {@code deployments}.
 *
 * <pre>{@code
 * Snapshot snapshot = Snapshot.of(Path.of("fleet.json"));
 * List<Machine> machines = snapshot.machines();
 * snapshot.readAssessments(reducer);   // streams the rows, never holds them
 * }</pre>
 *
 * <p>The file is read with a streaming parser, one element at a time, in two passes: the first use reads
 * the {@link SnapshotIndex} (the machines, the deployments, the row counts and where the {@code updates}
 * rows are; the rows themselves are only counted), and every {@link #readAssessments(AssessmentSink)}
 * streams the assessment rows into the sink ({@link AssessmentRows}), so memory does not grow with the
 * number of rows, and reading twice gives the same result. Malformed JSON inside the assessment rows is
 * reported by {@link #readAssessments}, anywhere else by the first use, with the streaming parser's
 * message. Unknown keys and members are ignored; resource types are matched case-insensitively.
 * Thread-safe.
 *
 * <p>Every problem in the file (malformed JSON, a member of the wrong type, a missing required member,
 * an unparseable resource id, date or duration) is a {@link SnapshotException} naming the file and the
 * JSON path, e.g. {@code Invalid snapshot fleet.json: $.machines[12].id: missing; expected an ARM resource id ...}.
 */
public final class Snapshot {
    /** Opens the document for one pass. */
    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    /** How far apart the first pass records where the {@code installations} rows can be read from in parallel. */
    static final long CUT_BYTES = 4L << 20;

    private final String name;
    private final Opener opener;
    private final long cutBytes;
    private @Nullable SnapshotIndex index;

    private Snapshot(String name, Opener opener, long cutBytes) {
        this.name = name;
        this.opener = opener;
        this.cutBytes = cutBytes;
    }

    /**
     * Returns a snapshot backed by a file. Nothing is read until first use.
     *
     * @param file the file, e.g. {@code Path.of("fleet.json")}, not null
     * @return the snapshot, not null
     */
    public static Snapshot of(Path file) {
        Objects.requireNonNull(file, "file");
        return new Snapshot(file.toString(), () -> Files.newInputStream(file), CUT_BYTES);
    }

    /**
     * Returns a snapshot backed by JSON text, e.g. for tests and embedded demos.
     *
     * @param name the name used in error messages, e.g. {@code demo.json}, not null
     * @param json the document, not null
     * @return the snapshot, not null
     */
    public static Snapshot ofJson(String name, String json) {
        Objects.requireNonNull(name, "name");
        byte[] bytes = Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8);
        return new Snapshot(name, () -> new ByteArrayInputStream(bytes), CUT_BYTES);
    }

    /** A snapshot over any re-openable stream (tests). */
    static Snapshot of(String name, Opener opener) {
        return of(name, opener, CUT_BYTES);
    }

    /** A snapshot whose first pass records the separators of the {@code installations} rows every {@code cutBytes} (tests). */
    static Snapshot of(String name, Opener opener, long cutBytes) {
        return new Snapshot(Objects.requireNonNull(name, "name"), Objects.requireNonNull(opener, "opener"), cutBytes);
    }

    /**
     * Returns the name used in messages (the file path as given).
     *
     * @return the name, not null
     */
    public String name() {
        return name;
    }

    /**
     * Returns the machines: Azure VMs and Arc servers, in file order; other resource types are ignored.
     *
     * @return an immutable list, not null
     * @throws SnapshotException if the file is unreadable or malformed
     */
    public List<Machine> machines() {
        return index().machines;
    }

    /**
     * Returns how many entries of {@code machines} were ignored because their type is neither
     * {@code Microsoft.Compute/virtualMachines} nor {@code Microsoft.HybridCompute/machines}.
     *
     * @return the count
     * @throws SnapshotException if the file is unreadable or malformed
     */
    public int ignoredResources() {
        return index().ignoredResources;
    }

    /**
     * Returns the section that feeds the assessment by default: {@code patchAssessments} (today's Azure Update
     * Manager, from Resource Graph) when it has rows, else {@code updates} (the legacy Log Analytics rows) when
     * it has rows, else {@link AssessmentSection#NONE}. A snapshot with both is read from {@code patchAssessments}
     * unless the legacy section is asked for ({@code --assessment log-analytics}).
     *
     * @return the section, not null
     * @throws SnapshotException if the file is unreadable or malformed
     */
    public AssessmentSection assessmentSection() {
        SnapshotIndex i = index();
        if (i.patchAssessmentRows > 0) {
            return AssessmentSection.PATCH_ASSESSMENTS;
        }
        if (i.updateRows > 0) {
            return AssessmentSection.UPDATES;
        }
        return AssessmentSection.NONE;
    }

    /**
     * Returns the number of rows (array elements) of an assessment section, whatever their content.
     *
     * @param section the section, not null
     * @return the count, 0 for {@link AssessmentSection#NONE}
     * @throws SnapshotException if the file is unreadable or malformed
     */
    public long rows(AssessmentSection section) {
        Objects.requireNonNull(section, "section");
        SnapshotIndex i = index();
        switch (section) {
            case UPDATES:
                return i.updateRows;
            case PATCH_ASSESSMENTS:
                return i.patchAssessmentRows;
            default:
                return 0;
        }
    }

    /**
     * Streams the rows of {@link #assessmentSection()} into a sink, one at a time.
     *
     * @param sink the sink, not null
     * @return how many records and summaries were delivered (ignored rows not counted)
     * @throws SnapshotException if the file is unreadable or a row is malformed
     */
    public long readAssessments(AssessmentSink sink) {
        return readAssessments(assessmentSection(), sink);
    }

    /**
     * Streams the rows of a section into a sink, one at a time: Log Analytics rows whose {@code OSType} is
     * not Linux and Resource Graph rows of other types are ignored.
     *
     * @param section the section, not null
     * @param sink the sink, not null
     * @return how many records and summaries were delivered
     * @throws SnapshotException if the file is unreadable or a row is malformed
     */
    public long readAssessments(AssessmentSection section, AssessmentSink sink) {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(sink, "sink");
        if (section == AssessmentSection.NONE) {
            return 0;
        }
        AssessmentRows rows = new AssessmentRows(name, opener);
        SnapshotIndex i = indexIfRead();
        if (section == AssessmentSection.UPDATES && i != null && AssessmentRows.fromBytes(i)) {
            return rows.readUpdates(i, sink);
        }
        return rows.read(section, sink);
    }

    /**
     * Returns the existing deployments of the {@code deployments} section (Automation software update
     * configurations), in file order. A deployment is managed by patchwindow when it carries the tag
     * {@code managed-by: patchwindow}, or, when it has no tags, when its name starts with the prefix. Its
     * start is expressed in its {@code scheduleInfo.timeZone}; Arc servers targeted by
     * {@code nonAzureComputerNames} are mapped back to their resource ids through the machines' computer names.
     *
     * @param namePrefix the prefix of patchwindow's names, e.g. {@code pw-}, not null
     * @return an immutable list, not null
     * @throws SnapshotException if a deployment is malformed
     */
    public List<ExistingDeployment> deployments(String namePrefix) {
        Objects.requireNonNull(namePrefix, "namePrefix");
        SnapshotIndex i = index();
        if (i.deployments.isEmpty()) {
            return List.of();
        }
        Map<String, String> arcByComputer = arcByComputer(i.machines);
        List<ExistingDeployment> out = new ArrayList<>(i.deployments.size());
        for (Obj d : i.deployments) {
            ExistingDeployment e = Mappers.deployment(d, namePrefix, arcByComputer);
            if (e != null) {
                out.add(e);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Returns the {@code installations} section as a run history. Once this snapshot's machines or deployments
     * have been read, the rows are read from where that pass found them, without parsing the sections before
     * them again; before, the history reads the whole document as {@link SnapshotRunHistory#of} does.
     *
     * @return the history, not null
     */
    public SnapshotRunHistory installations() {
        return SnapshotRunHistory.of(this);
    }

    /** The opener of the document, for the readers of its other sections. */
    Opener opener() {
        return opener;
    }

    /** Where the {@code installations} rows start in the document (after its '['), when a first pass found it. */
    long installationsStart() {
        SnapshotIndex i = indexIfRead();
        return i == null ? -1 : i.installationsStart;
    }

    /** The separators of the {@code installations} rows that the first pass recorded; none before it. */
    List<SectionSkipper.Cut> installationsCuts() {
        SnapshotIndex i = indexIfRead();
        return i == null ? List.of() : i.installationsCuts;
    }

    private static Map<String, String> arcByComputer(List<Machine> machines) {
        Map<String, String> out = new HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        for (Machine m : machines) {
            if (m.kind() != MachineKind.ARC_SERVER) {
                continue;
            }
            Set<String> names = new HashSet<>();
            names.add(m.name().toLowerCase(Locale.ROOT));
            if (m.computerName() != null && !m.computerName().isBlank()) {
                names.add(m.computerName().strip().toLowerCase(Locale.ROOT));
            }
            for (String n : names) {
                String prev = out.putIfAbsent(n, m.id());
                if (prev != null && !ResourceId.key(prev).equals(m.key())) {
                    ambiguous.add(n);
                }
            }
        }
        ambiguous.forEach(out::remove);
        return out;
    }

    private synchronized @Nullable SnapshotIndex indexIfRead() {
        return index;
    }

    /** The first pass, on first use. */
    private synchronized SnapshotIndex index() {
        if (index == null) {
            index = SnapshotIndex.read(name, opener, cutBytes);
        }
        return index;
    }
}
