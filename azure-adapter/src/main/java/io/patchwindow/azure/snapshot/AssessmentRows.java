package io.patchwindow.azure.snapshot;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

import io.patchwindow.core.assessment.AssessmentSink;

/**
 * Reads the rows of an assessment section of a snapshot into a sink, one at a time; the rows are never
 * held. Two ways, with the same records, counts and messages:
 * <ul>
 *   <li>the reference: a streaming pass of the parser over the document ({@link SnapshotParser}), each row
 *   read as a tree and mapped by {@link Mappers#updateRow} or {@link Mappers#patchAssessment};</li>
 *   <li>for {@code updates} rows whose place the {@link SnapshotIndex} knows: straight from their bytes
 *   ({@link UpdateRowScanner}, {@link UpdateRowReader}), the one fast path of the snapshot (see
 *   docs/snapshot.md). A row outside the plain subset the scanner reads is mapped by the reference
 *   mapping; malformed JSON makes the reference pass read the section again, which reports it.</li>
 * </ul>
 */
final class AssessmentRows {
    private final String name;
    private final Snapshot.Opener opener;

    AssessmentRows(String name, Snapshot.Opener opener) {
        this.name = name;
        this.opener = opener;
    }

    /**
     * Reads a section with the parser.
     *
     * @return how many records and summaries were delivered
     */
    long read(AssessmentSection section, AssessmentSink sink) {
        RowCache cache = new RowCache();
        long[] delivered = {0};
        boolean updates = section == AssessmentSection.UPDATES;
        new SnapshotParser(name).read(opener, Set.of(section.key()), (key, row) -> {
            if (updates ? Mappers.updateRow(row, sink, cache) : Mappers.patchAssessment(row, sink, cache)) {
                delivered[0]++;
            }
        }, null, null);
        return delivered[0];
    }

    /**
     * Reads the {@code updates} rows from their bytes, at the offsets the index found. When the bytes are not
     * well-formed rows, the section is read again by the parser, which throws the exact error; the sink then
     * has the rows before it, as from the parser.
     *
     * @return how many records were delivered (rows of machines the sink does not want included)
     */
    long readUpdates(SnapshotIndex index, AssessmentSink sink) {
        UpdateRowReader rows = new UpdateRowReader(name, sink, new RowCache());
        UpdateRowScanner scanner = new UpdateRowScanner(rows, JsonPaths.field(JsonPaths.ROOT, SnapshotParser.UPDATES),
                SnapshotParser.BUFFER);
        try (InputStream in = opener.open()) {
            in.skipNBytes(index.updatesStart);
            scanner.scan(in, index.updatesStart, index.updatesEnd);
            return rows.delivered();
        } catch (UpdateRowScanner.Malformed | EOFException e) {
            read(AssessmentSection.UPDATES, record -> { });
            throw new SnapshotException(name, JsonPaths.field(JsonPaths.ROOT, SnapshotParser.UPDATES),
                    "malformed JSON (" + e.getMessage() + "); expected well-formed JSON (RFC 8259)", e);
        } catch (IOException e) {
            throw SnapshotParser.unreadable(name, e);
        }
    }

    /** Whether {@link #readUpdates} can read the rows of this index. */
    static boolean fromBytes(SnapshotIndex index) {
        // With patchAssessments rows, only the parser validates them: the reference pass reads the document.
        return index.updatesStart >= 0 && index.patchAssessmentRows == 0;
    }
}
