package io.patchwindow.azure.snapshot;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

    /** At most this many parts of the rows are read at once. */
    private static final int MAX_PARTS = 4;
    /** A part spans at least this many of the first pass's cuts (4 MiB apart): 32 MiB and more. */
    private static final int CUTS_PER_PART = 8;
    private static final byte[] OPEN = {'['};

    private final String name;
    private final Snapshot.Opener opener;
    private final @Nullable Snapshot snapshot;
    private final int parts;

    private SnapshotRunHistory(String name, Snapshot.Opener opener, @Nullable Snapshot snapshot, int parts) {
        this.name = name;
        this.opener = opener;
        this.snapshot = snapshot;
        this.parts = parts;
    }

    /**
     * Reads the section of a snapshot file.
     *
     * @param file the file, not null
     * @return the history, not null
     */
    public static SnapshotRunHistory of(Path file) {
        Objects.requireNonNull(file, "file");
        return new SnapshotRunHistory(file.toString(), () -> Files.newInputStream(file), null, 1);
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
        return new SnapshotRunHistory(name, () -> new ByteArrayInputStream(bytes), null, 1);
    }

    /**
     * The section of a snapshot, read from where its first pass found it once that pass has run, in as many
     * parts at once as there are processors (at most {@value #MAX_PARTS}).
     */
    static SnapshotRunHistory of(Snapshot snapshot) {
        return of(snapshot, Math.min(MAX_PARTS, Runtime.getRuntime().availableProcessors()));
    }

    /** The section of a snapshot read in up to {@code parts} parts at once (tests). */
    static SnapshotRunHistory of(Snapshot snapshot, int parts) {
        return new SnapshotRunHistory(snapshot.name(), snapshot.opener(), snapshot, parts);
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
            List<SectionSkipper.Cut> bounds = bounds(Objects.requireNonNull(snapshot, "snapshot").installationsCuts());
            if (bounds.isEmpty()) {
                readPart(start, 0, null, sink);
            } else {
                readParts(start, bounds, sink);
            }
        } catch (SnapshotException e) {
            if (!(e.getCause() instanceof JsonProcessingException) && !(e.getCause() instanceof SectionSkipper.Desync)) {
                throw e;
            }
            readDocument(DISCARD); // the message and path of the whole document's reading
            throw e;
        }
    }

    /** Where the parts after the first start: none to read the rows in one part. */
    private List<SectionSkipper.Cut> bounds(List<SectionSkipper.Cut> cuts) {
        int n = Math.min(parts, (cuts.size() + 1) / CUTS_PER_PART);
        List<SectionSkipper.Cut> out = new ArrayList<>();
        for (int k = 1; k < n; k++) {
            out.add(cuts.get((int) ((long) k * (cuts.size() + 1) / n) - 1));
        }
        return out;
    }

    /**
     * Reads the rows in parts at once: the first into the sink on this thread, each other one on a thread of
     * its own into a recording, replayed into the sink in file order when the parts before it are done. The
     * sink gets what one reading in file order gives; a part's malformed JSON surfaces in that order too.
     */
    private void readParts(long start, List<SectionSkipper.Cut> bounds, RunSink sink) {
        ExecutorService pool = Executors.newFixedThreadPool(bounds.size(), task -> {
            Thread t = new Thread(task, "patchwindow-installations");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Recording>> rest = new ArrayList<>(bounds.size());
            for (int k = 0; k < bounds.size(); k++) {
                SectionSkipper.Cut from = bounds.get(k);
                SectionSkipper.Cut to = k + 1 < bounds.size() ? bounds.get(k + 1) : null;
                rest.add(pool.submit(() -> {
                    Recording r = new Recording();
                    readPart(from.comma() + 1, from.row(), to, r);
                    return r;
                }));
            }
            readPart(start, 0, bounds.get(0), sink);
            for (Future<Recording> part : rest) {
                done(part).replay(sink);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Recording done(Future<Recording> part) {
        try {
            return part.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("Reading the installations of " + name + " failed: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnapshotException(name, JsonPaths.field(JsonPaths.ROOT, SECTION), "interrupted while reading", e);
        }
    }

    /**
     * Reads rows of the section from {@code begin}, a row's first byte (or the array's, after its '['), as the
     * rows of an array: the row at {@code begin} is the one of index {@code firstRow}; up to the separator
     * {@code end} (the rows before it, which must end there) or, when null, to the section's ']'.
     */
    private void readPart(long begin, long firstRow, SectionSkipper.@Nullable Cut end, RunSink sink) {
        String path = JsonPaths.field(JsonPaths.ROOT, SECTION);
        long[] index = {firstRow};
        try (InputStream file = opener.open()) {
            file.skipNBytes(begin);
            InputStream rows = new SequenceInputStream(new ByteArrayInputStream(OPEN), new BufferedInputStream(file, BUFFER));
            try (JsonParser p = JSON.createParser(rows)) {
                p.nextToken(); // the '['
                readRows(p, path, index, end == null ? -1 : end.row(), sink);
                if (end != null) {
                    checkCut(p, index[0], end.comma() - begin + OPEN.length, path, end);
                }
            }
        } catch (JsonProcessingException e) {
            throw new SnapshotException(name, rowPath(path, index[0]), "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new SnapshotException(name, JsonPaths.ROOT, "cannot read the file: " + e, e);
        }
    }

    /**
     * Checks that the part's last row ended before the separator at {@code comma} (an offset in the part's
     * stream) and that the parser, going on, finds the next row after it: the parts then read the rows that one
     * reading would.
     */
    private void checkCut(JsonParser p, long rowsRead, long comma, String path, SectionSkipper.Cut end)
            throws IOException {
        long lastEnd = p.currentLocation().getByteOffset();
        JsonToken next = rowsRead == end.row() ? p.nextToken() : null;
        if (next == null || next == JsonToken.END_ARRAY || lastEnd > comma
                || p.currentTokenLocation().getByteOffset() <= comma) {
            throw new SnapshotException(name, rowPath(path, end.row()), "the rows are not separated where the first "
                    + "pass found it", new SectionSkipper.Desync("row " + end.row()));
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
                readRows(p, path, index, -1, sink);
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

    /**
     * Reads the rows of the array the parser is in (after its '['), up to its ']' or, when {@code endRow} is not
     * negative, up to the row of that index; {@code index} counts them.
     */
    private static void readRows(JsonParser p, String path, long[] index, long endRow, RunSink sink)
            throws IOException {
        InstallationRowReader rows = new InstallationRowReader();
        JsonToken t;
        while ((endRow < 0 || index[0] < endRow) && (t = p.nextToken()) != JsonToken.END_ARRAY) {
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

    /** What a part's rows gave, kept to be given to the sink in file order. */
    private static final class Recording implements RunSink {
        private final List<Object> events = new ArrayList<>();

        @Override
        public void run(InstallationRun run) {
            events.add(run);
        }

        @Override
        public void patch(PatchResult patch) {
            events.add(patch);
        }

        @Override
        public void deploymentRun(DeploymentRun run) {
            events.add(run);
        }

        @Override
        public void warning(String message) {
            events.add(message);
        }

        void replay(RunSink sink) {
            for (Object e : events) {
                if (e instanceof PatchResult patch) {
                    sink.patch(patch);
                } else if (e instanceof InstallationRun run) {
                    sink.run(run);
                } else if (e instanceof DeploymentRun run) {
                    sink.deploymentRun(run);
                } else {
                    sink.warning((String) e);
                }
            }
        }
    }

    private static String rowPath(String path, long index) {
        return JsonPaths.index(path, (int) Math.min(index, Integer.MAX_VALUE));
    }
}
