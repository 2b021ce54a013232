package io.patchwindow.azure.snapshot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.inventory.ResourceId;
import org.jspecify.annotations.Nullable;

/**
 * What the first pass over a snapshot finds: the machines, the deployments (as trees, mapped when asked
 * for), the number of rows of each assessment section and where the {@code updates} and {@code installations}
 * rows are in the file.
 *
 * <p>The pass parses the whole document except the contents of the assessment and {@code installations}
 * arrays, which a {@link SectionSkipper} drops and counts by a scan of their bytes: they are validated by
 * the pass that reads them. When the skipper loses track of the brackets, or the parser finds malformed JSON, the
 * document is read again without the skipper, so that the message and JSON path are the parser's, as if
 * every row had been parsed. Immutable once read.
 */
final class SnapshotIndex {
    final List<Machine> machines;
    final List<Obj> deployments;
    final int ignoredResources;
    final long updateRows;
    final long patchAssessmentRows;
    /** Stream offsets of the first byte after the {@code updates} array's '[' and of its ']'; -1 when unknown. */
    final long updatesStart;
    final long updatesEnd;
    /** Stream offset of the first byte after the {@code installations} array's '['; -1 when unknown. */
    final long installationsStart;
    /** Separators of the {@code installations} rows where a reader can start, in file order; none when unknown. */
    final List<SectionSkipper.Cut> installationsCuts;

    private SnapshotIndex(Builder b) {
        this.machines = Collections.unmodifiableList(b.machines);
        this.deployments = Collections.unmodifiableList(b.deployments);
        this.ignoredResources = b.ignoredResources;
        this.updateRows = b.updateRows;
        this.patchAssessmentRows = b.patchAssessmentRows;
        this.updatesStart = b.updatesStart;
        this.updatesEnd = b.updatesEnd;
        this.installationsStart = b.installationsStart;
        this.installationsCuts = b.installationsCuts;
    }

    /**
     * Reads the index of a document: one pass with the assessment rows skipped, or, for malformed JSON, a
     * second pass with every row parsed, which reports the problem.
     *
     * @param cutBytes how far apart the separators of the {@code installations} rows are recorded at least
     *
     * @throws SnapshotException if the document is unreadable or malformed
     */
    static SnapshotIndex read(String name, Snapshot.Opener opener, long cutBytes) {
        try {
            return read(name, opener, true, cutBytes);
        } catch (SnapshotException e) {
            if (!(e.getCause() instanceof JsonProcessingException) && !(e.getCause() instanceof SectionSkipper.Desync)) {
                throw e;
            }
            return read(name, opener, false, cutBytes);
        }
    }

    private static SnapshotIndex read(String name, Snapshot.Opener opener, boolean skipRows, long cutBytes) {
        Builder b = new Builder();
        Map<String, String> strings = new HashMap<>();
        ResourceId.Parser ids = ResourceId.parser();
        @Nullable SectionSkipper[] skipper = {null};
        new SnapshotParser(name).read(opener, Set.of(SnapshotParser.MACHINES, SnapshotParser.DEPLOYMENTS),
                (section, element) -> {
                    if (section.equals(SnapshotParser.MACHINES)) {
                        Machine m = Mappers.machine(element, strings, ids);
                        if (m == null) {
                            b.ignoredResources++;
                        } else {
                            b.machines.add(m);
                        }
                    } else {
                        b.deployments.add(element);
                    }
                }, (section, rows) -> {
                    if (section.equals(SnapshotParser.MACHINES)) {
                        b.sawMachines = true;
                    } else if (section.equals(SnapshotParser.UPDATES)) {
                        b.updateRows = rows;
                    } else if (section.equals(SnapshotParser.PATCH_ASSESSMENTS)) {
                        b.patchAssessmentRows = rows;
                    }
                }, skipRows ? file -> skipper[0] = new SectionSkipper(file, SnapshotParser.BUFFER, cutBytes) : null);
        if (skipper[0] != null) {
            // the parser saw [] in place of the skipped rows
            SectionSkipper s = skipper[0];
            if (s.count(SnapshotParser.UPDATES) >= 0) {
                b.updateRows = s.count(SnapshotParser.UPDATES);
            }
            if (s.count(SnapshotParser.PATCH_ASSESSMENTS) >= 0) {
                b.patchAssessmentRows = s.count(SnapshotParser.PATCH_ASSESSMENTS);
            }
            b.updatesStart = s.start(SnapshotParser.UPDATES);
            b.updatesEnd = s.end(SnapshotParser.UPDATES);
            b.installationsStart = s.start(SnapshotRunHistory.SECTION);
            b.installationsCuts = s.cuts();
        }
        if (!b.sawMachines) {
            throw new SnapshotException(name, JsonPaths.field(JsonPaths.ROOT, SnapshotParser.MACHINES),
                    "missing; expected an array of machine resources (as az graph query or az vm list print them)",
                    null);
        }
        return new SnapshotIndex(b);
    }

    private static final class Builder {
        final List<Machine> machines = new ArrayList<>();
        final List<Obj> deployments = new ArrayList<>();
        int ignoredResources;
        long updateRows;
        long patchAssessmentRows;
        long updatesStart = -1;
        long updatesEnd = -1;
        long installationsStart = -1;
        List<SectionSkipper.Cut> installationsCuts = List.of();
        boolean sawMachines;
    }
}
