package io.patchwindow.azure.snapshot;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.patchwindow.azure.history.InstallationRows;
import io.patchwindow.core.port.RunHistory;
import io.patchwindow.core.report.DeploymentRun;
import io.patchwindow.core.report.InstallationRun;
import io.patchwindow.core.report.PatchResult;
import io.patchwindow.core.report.RunQuery;
import io.patchwindow.core.report.RunSink;

/**
 * The {@code installations} section of a snapshot (docs/contracts.md) as a {@link RunHistory}: rows as Resource
 * Graph returns them ({@code patchinstallationresources} summaries and software patches, {@code applyupdates}),
 * or Automation run and machine run list items, mapped by {@link InstallationRows}. The section is streamed
 * (one row in memory at a time) on each {@link #read}, the software patch rows without a tree
 * ({@link InstallationRowReader}); every other section is skipped. A history of a {@link Snapshot} whose first
 * pass has located the section ({@link Snapshot#installations()}) starts reading at the section's bytes instead
 * of parsing the sections before it again; malformed JSON in it makes the whole document be read, so that the
 * message is the same either way. A row that cannot be mapped is a warning with its JSON path, the others are
 * read; malformed JSON is a {@link SnapshotException}.
 * Runs outside the query's range are passed on too: the report's join keeps only those of its windows.
 */
public final class SnapshotRunHistory implements RunHistory {
    /** The section's key. */
    public static final String SECTION = "installations";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BUFFER = 1 << 20;
    private static final RunSink DISCARD = new RunSink() {
        @Override
        public void run(InstallationRun run) {
        }

        @Override
        public void patch(PatchResult patch) {
        }

        @Override
        public void deploymentRun(DeploymentRun run) {
        }
    };

    private final String name;
    private final Snapshot.Opener opener;
    private final @Nullable Snapshot snapshot;

    private SnapshotRunHistory(String name, Snapshot.Opener opener, @Nullable Snapshot snapshot) {
        this.name = name;
        this.opener = opener;
        this.snapshot = snapshot;
    }

    /**
     * Reads the section of a snapshot file.
     *
     * @param file the file, not null
     * @return the history, not null
     */
    public static SnapshotRunHistory of(Path file) {
        Objects.requireNonNull(file, "file");
        return new SnapshotRunHistory(file.toString(), () -> Files.newInputStream(file), null);
    }

    /**
     * Reads the section of a snapshot held as text (tests, embedded demos).
     *
     * @param name the name used in messages, not null
     * @param json the document, not null
     * @return the history, not null
     */
    public static SnapshotRunHistory ofJson(String name, String json) {
        Objects.requireNonNull(name, "name");
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return new SnapshotRunHistory(name, () -> new ByteArrayInputStream(bytes), null);
    }

    /** The section of a snapshot, read from where its first pass found it once that pass has run. */
    static SnapshotRunHistory of(Snapshot snapshot) {
        return new SnapshotRunHistory(snapshot.name(), snapshot.opener(), snapshot);
    }

    /**
     * Streams the section's rows into the sink.
     *
     * @param query not used to filter (the join does)
     * @param sink receives the results
     * @throws SnapshotException if the file cannot be read or is not well-formed JSON
     */
    @Override
    public void read(RunQuery query, RunSink sink) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(sink, "sink");
        long start = snapshot == null ? -1 : snapshot.installationsStart();
        if (start <= 0) {
            readDocument(sink);
            return;
        }
        try {
            readSection(start, sink);
        } catch (SnapshotException e) {
            if (!(e.getCause() instanceof JsonProcessingException)) {
                throw e;
            }
            readDocument(DISCARD); // the message and path of the whole document's reading
            throw e;
        }
    }

    /** Reads the section's array from its '[', the byte before {@code start}, to its ']'. */
    private void readSection(long start, RunSink sink) {
        String path = JsonPaths.field(JsonPaths.ROOT, SECTION);
        long[] index = {0};
        try (InputStream file = opener.open()) {
            file.skipNBytes(start - 1);
            try (InputStream in = new BufferedInputStream(file, BUFFER); JsonParser p = JSON.createParser(in)) {
                if (p.nextToken() != JsonToken.START_ARRAY) {
                    throw new SnapshotException(name, path, "expected an array of installation result rows", null);
                }
                readRows(p, path, index, sink);
            }
        } catch (JsonProcessingException e) {
            throw new SnapshotException(name, rowPath(path, index[0]), "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new SnapshotException(name, JsonPaths.ROOT, "cannot read the file: " + e, e);
        }
    }

    /** Reads the whole document, the section's rows into the sink. */
    private void readDocument(RunSink sink) {
        String path = JsonPaths.field(JsonPaths.ROOT, SECTION);
        long[] index = {0};
        boolean inSection = false;
        try (InputStream in = new BufferedInputStream(opener.open(), BUFFER); JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new SnapshotException(name, JsonPaths.ROOT, "expected a JSON object with the snapshot sections",
                        null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (!key.equals(SECTION) || v == JsonToken.VALUE_NULL) {
                    p.skipChildren();
                    continue;
                }
                if (v != JsonToken.START_ARRAY) {
                    throw new SnapshotException(name, path, "expected an array of installation result rows", null);
                }
                inSection = true;
                readRows(p, path, index, sink);
                inSection = false;
            }
        } catch (JsonProcessingException e) {
            throw new SnapshotException(name, inSection ? rowPath(path, index[0]) : JsonPaths.ROOT,
                    "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (NoSuchFileException e) {
            throw new SnapshotException(name, JsonPaths.ROOT, "no such file; expected a snapshot JSON file", e);
        } catch (IOException e) {
            throw new SnapshotException(name, JsonPaths.ROOT, "cannot read the file: " + e, e);
        }
    }

    /** Reads the rows of the array the parser is in (after its '['), up to its ']'; {@code index} counts them. */
    private static void readRows(JsonParser p, String path, long[] index, RunSink sink) throws IOException {
        InstallationRowReader rows = new InstallationRowReader();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                sink.warning("Ignoring " + rowPath(path, index[0]) + ": expected an object (a Resource Graph row)");
            } else {
                try {
                    rows.read(p, sink); // the row is read to its end before it is mapped
                } catch (IllegalArgumentException e) {
                    sink.warning("Ignoring " + rowPath(path, index[0]) + ": " + e.getMessage());
                }
            }
            index[0]++;
        }
    }

    private static String rowPath(String path, long index) {
        return JsonPaths.index(path, (int) Math.min(index, Integer.MAX_VALUE));
    }
}
