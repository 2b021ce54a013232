package io.patchwindow.azure.snapshot;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import io.patchwindow.core.assessment.AssessmentSink;
import io.patchwindow.core.deployment.ExistingDeployment;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.inventory.MachineKind;
import io.patchwindow.core.inventory.ResourceId;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot file (DESIGN section 7): what Azure returns, as one JSON document with the top-level arrays
 * {@code machines}, {@code updates}, {@code patchAssessments} and {@code deployments}.
 *
 * <pre>{@code
 * Snapshot snapshot = Snapshot.of(Path.of("fleet.json"));
 * List<Machine> machines = snapshot.machines();
 * snapshot.readAssessments(reducer);   // streams the rows, never holds them
 * }</pre>
 *
 * <p>The file is read with a streaming parser, one element at a time. When the {@code updates} rows follow
 * the machines (as {@code export-snapshot} writes them), reading in the planner's order (machines, rows,
 * deployments) reads the file once: the first use reads up to the rows, {@link #readAssessments} reads the
 * rows straight from their bytes from there ({@link UpdateRowScanner}), and the deployments, the row counts
 * and the rest of the document are read after the rows when first needed. In any other order or layout,
 * the first use reads the machines and deployments and only counts the assessment rows, by a scan of their
 * bytes for quotes and brackets ({@link SectionSkipper}), which also records where the {@code updates}
 * rows are. Every {@link #readAssessments(AssessmentSink)} streams the assessment section again, so memory
 * does not grow with the number of rows, and reading twice gives the same result. Malformed JSON is
 * reported by the call that reads it (inside the rows: {@link #readAssessments}; after the rows read in
 * one pass: {@link #deployments} or {@link #rows}), with the same message as the streaming parser gives.
 * Unknown keys and members are ignored; resource types are matched case-insensitively. Thread-safe.
 *
 * <p>Every problem in the file (malformed JSON, a member of the wrong type, a missing required member,
 * an unparseable resource id, date or duration) is a {@link SnapshotException} naming the file and the
 * JSON path, e.g. {@code Invalid snapshot fleet.json: $.machines[12].id: missing; expected an ARM resource id ...}.
 */
public final class Snapshot {
    static final String MACHINES = "machines";
    static final String UPDATES = "updates";
    static final String PATCH_ASSESSMENTS = "patchAssessments";
    static final String DEPLOYMENTS = "deployments";

    static final JsonFactory JSON = JsonFactory.builder().build();
    /** Input buffer: large reads, fewer system calls over files of a gigabyte. */
    private static final int BUFFER = 1 << 20;
    /** The Log Analytics columns read from {@code updates} rows. */
    private static final Set<String> UPDATE_COLUMNS = Set.of("TimeGenerated", "ResourceId", "_ResourceId", "Computer",
            "Product", "ProductArch", "ProductVersion", "Classification", "UpdateState", "OSType");
    private static final String TOP_LEVEL = "a JSON object with the arrays 'machines', 'updates', "
            + "'patchAssessments' and 'deployments'";

    /** Opens the document for one pass. */
    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;

        /** The document's size in bytes, -1 when unknown (the rows are then read on one thread). */
        default long size() {
            return -1;
        }

        /** A document held in memory. */
        static Opener of(byte[] bytes) {
            return new Opener() {
                @Override
                public InputStream open() {
                    return new ByteArrayInputStream(bytes);
                }

                @Override
                public long size() {
                    return bytes.length;
                }
            };
        }
    }

    /**
     * Rows of at least this many bytes are read in two parts on two threads when the sink can be split and
     * the machine has at least 4 processors. With 2, the JIT compiler and the collector already keep the
     * second one busy while the rows are read: measured on 2 cores, the second thread added CPU time and
     * saved no wall time.
     */
    static final long PARALLEL_MIN_BYTES = Runtime.getRuntime().availableProcessors() >= 4 ? 8L << 20 : Long.MAX_VALUE;

    private final String name;
    private final Opener opener;
    private final long parallelMinBytes;
    private final boolean machineScan;
    private @Nullable Index index;

    private Snapshot(String name, Opener opener) {
        this(name, opener, PARALLEL_MIN_BYTES, true);
    }

    private Snapshot(String name, Opener opener, long parallelMinBytes, boolean machineScan) {
        this.name = name;
        this.opener = opener;
        this.parallelMinBytes = parallelMinBytes;
        this.machineScan = machineScan;
    }

    /** The same document with another threshold for reading the rows on two threads, whatever the processors (tests). */
    Snapshot withParallelRowsFrom(long bytes) {
        return new Snapshot(name, opener, bytes, machineScan);
    }

    /** The same document, its machines always read by the parser, never by the {@link MachineScanner} (tests). */
    Snapshot withoutMachineScan() {
        return new Snapshot(name, opener, parallelMinBytes, false);
    }

    /**
     * Returns a snapshot backed by a file. Nothing is read until first use.
     *
     * @param file the file, e.g. {@code Path.of("fleet.json")}, not null
     * @return the snapshot, not null
     */
    public static Snapshot of(Path file) {
        Objects.requireNonNull(file, "file");
        return new Snapshot(file.toString(), new Opener() {
            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public long size() {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return -1; // reported by open()
                }
            }
        });
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
        return new Snapshot(name, Opener.of(bytes));
    }

    /** A snapshot over any re-openable stream (tests). */
    static Snapshot of(String name, Opener opener) {
        return new Snapshot(Objects.requireNonNull(name, "name"), Objects.requireNonNull(opener, "opener"));
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
     * Returns the section that feeds the assessment: {@code updates} when it has rows, else
     * {@code patchAssessments} when it has rows, else {@link AssessmentSection#NONE}.
     *
     * @return the section, not null
     * @throws SnapshotException if the file is unreadable or malformed
     */
    public AssessmentSection assessmentSection() {
        Index i = index();
        if (i.partial || i.updateRows > 0) {
            return AssessmentSection.UPDATES;
        }
        if (i.patchAssessmentRows > 0) {
            return AssessmentSection.PATCH_ASSESSMENTS;
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
        Index i = complete();
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
        RowCache cache = new RowCache();
        if (section == AssessmentSection.UPDATES) {
            Index i = indexIfRead();
            if (i != null && i.updatesStart >= 0 && (i.partial || i.patchAssessmentRows == 0)) {
                return scanUpdates(i, sink, cache, i.machineIds());
            }
            UpdateRowReader rows = new UpdateRowReader(name, sink, cache);
            scan(Set.of(section.key()), null, rows, null, null);
            return rows.delivered();
        }
        long[] delivered = {0};
        scan(Set.of(section.key()), (key, row) -> {
            if (Mappers.patchAssessment(row, sink, cache)) {
                delivered[0]++;
            }
        }, null, null, null);
        return delivered[0];
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
        Index i = complete();
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

    /**
     * Reads the {@code updates} rows from the offsets the first pass found, without parsing the rest of
     * the document again (the first pass parsed it); large sections are read in two halves on two threads
     * when the sink can be split ({@link Part}). When the bytes are not well-formed rows, the section
     * is read again with the streaming parser, which throws the exact error: the sink has then received
     * the same rows as the streaming parser would have delivered before that error.
     */
    private long scanUpdates(Index i, AssessmentSink sink, RowCache cache, Set<String> machineIds) {
        UpdateRowReader rows = new UpdateRowReader(name, sink, cache, machineIds);
        String path = JsonPaths.field(JsonPaths.ROOT, UPDATES);
        long start;
        long end;
        synchronized (this) { // another reader may be recording the end of the rows
            start = i.updatesStart;
            end = i.updatesEnd;
        }
        try {
            UpdateRowScanner scanner = new UpdateRowScanner(rows, path, BUFFER);
            long limit = end >= 0 ? end : opener.size();
            Part second = null;
            if (limit >= 0 && limit - start >= parallelMinBytes) {
                long from = rowStartAfter(start + (limit - start) / 2, limit);
                AssessmentSink fork = from < 0 ? null : sink.fork();
                if (fork != null) {
                    second = new Part(new UpdateRowReader(name, fork, new RowCache(), machineIds), fork, path, from,
                            end);
                    second.start();
                }
            }
            long count;
            long closedAt;
            try {
                count = scan(scanner, start, end, 0, second == null ? -1 : second.from, false);
                closedAt = scanner.closedAt();
                long resumeAt = -1;
                if (second != null && scanner.stoppedAt() == second.from) {
                    second.join();
                    if (second.failure == null) {
                        sink.merge(second.fork);
                        rows.add(second.rows.delivered());
                        count += second.count;
                        closedAt = second.scanner.closedAt();
                        resumeAt = second.scanner.stoppedAt(); // a row the fast path leaves to the reference mapping
                    } else {
                        resumeAt = second.from;
                    }
                }
                if (resumeAt >= 0) {
                    count += scan(scanner, resumeAt, end, count, -1, false);
                    closedAt = scanner.closedAt();
                }
            } finally {
                if (second != null) {
                    second.cancel(); // stops it if it still runs: its offset was not a row start, or this thread failed
                }
            }
            synchronized (this) {
                if (i.updatesEnd < 0) { // the first pass stopped at the rows: now their end and count are known
                    i.updatesEnd = closedAt;
                    i.updateRows = count;
                }
            }
            return rows.delivered();
        } catch (UpdateRowScanner.Malformed | EOFException e) {
            scan(Set.of(UPDATES), null, new UpdateRowReader(name, record -> { }, new RowCache()), null, null);
            throw new SnapshotException(name, JsonPaths.field(JsonPaths.ROOT, UPDATES), "malformed JSON ("
                    + e.getMessage() + "); expected well-formed JSON (RFC 8259)", e);
        } catch (IOException e) {
            throw new SnapshotException(name, JsonPaths.ROOT, JsonProblems.unreadable(e), e);
        }
    }

    /** Reads rows from a stream offset, stopping at the row at {@code stopAt} (-1: to the end). */
    private long scan(UpdateRowScanner scanner, long from, long close, long firstIndex, long stopAt,
                      boolean speculative) throws IOException, UpdateRowScanner.Malformed {
        try (InputStream in = opener.open()) {
            in.skipNBytes(from);
            return scanner.scan(in, from, close, firstIndex, stopAt, speculative);
        }
    }

    /**
     * The offset of the first probable row start after {@code from}: a '{' after '}', ',' and white space,
     * within 1 MiB and before {@code limit}; -1 when there is none. Probable only: the bytes may be inside a
     * string, or after the rows; the part that reads up to it checks that a row starts exactly there.
     */
    private long rowStartAfter(long from, long limit) throws IOException {
        try (InputStream in = opener.open()) {
            in.skipNBytes(from);
            byte[] b = in.readNBytes((int) Math.min(1 << 20, Math.max(0, limit - from)));
            for (int p = 0; p < b.length; p++) {
                if (b[p] != '}') {
                    continue;
                }
                int q = p + 1;
                while (q < b.length && JsonBytes.isSpace(b[q])) {
                    q++;
                }
                if (q >= b.length || b[q] != ',') {
                    continue;
                }
                q++;
                while (q < b.length && JsonBytes.isSpace(b[q])) {
                    q++;
                }
                if (q < b.length && b[q] == '{') {
                    return from + q;
                }
            }
            return -1;
        }
    }

    /**
     * The second half of the rows, read on another thread into a fork of the sink while this thread reads
     * the first half. It stops before any row that only the reference mapping can read (whose messages need
     * the row's index); this thread reads on from there. Used only when the first half ends exactly at its
     * first row, which proves that its offset is a row start.
     */
    private final class Part implements Runnable {
        final UpdateRowReader rows;
        final AssessmentSink fork;
        final long from;
        final long close;
        final UpdateRowScanner scanner;
        private final Thread thread;
        long count;
        @Nullable Throwable failure;

        Part(UpdateRowReader rows, AssessmentSink fork, String path, long from, long close) {
            this.rows = rows;
            this.fork = fork;
            this.from = from;
            this.close = close;
            this.scanner = new UpdateRowScanner(rows, path, BUFFER);
            this.thread = new Thread(this, "patchwindow-rows");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        @Override
        public void run() {
            try {
                count = scan(scanner, from, close, 0, -1, true);
            } catch (Throwable e) { // any failure: this thread reads the part again
                failure = e;
            }
        }

        /** Waits for the part to end; its fields are then visible to this thread. */
        void join() {
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        void cancel() {
            scanner.cancel();
            join();
        }
    }

    private synchronized @Nullable Index indexIfRead() {
        return index;
    }

    /**
     * The first pass: the document up to the {@code updates} rows when they follow the machines (the index
     * is then partial: the rows are read next, from where the pass stopped, and the rest of the document
     * after them, see {@link #complete()}), else the whole document with the rows skipped.
     */
    private synchronized Index index() {
        if (index == null) {
            index = firstPass(true);
        }
        return index;
    }

    /**
     * The whole index: machines, deployments and row counts. A partial index is completed by reading the
     * document after the rows when the rows have been read (their end is known), else by a first pass that
     * skips the rows. Any problem after the rows is reported by that full first pass, with the parser's
     * exact message, as if the document had been read in one go.
     */
    private synchronized Index complete() {
        Index i = index();
        if (!i.partial) {
            return i;
        }
        Index done = null;
        boolean tailFailed = false;
        if (i.updatesEnd >= 0) {
            try {
                done = tail(i);
            } catch (SnapshotException e) {
                tailFailed = true; // read again below, for the exact message and location
            }
        }
        if (done == null) {
            done = firstPass(false);
        }
        if (tailFailed) {
            // The first pass skips assessment rows without validating them: only the parser, reading the whole
            // document, reports malformed rows of the section that was not read (the tail did notice them).
            done = index(false, false);
        }
        index = done;
        return done;
    }

    private Index firstPass(boolean stopAtRows) {
        try {
            return index(true, stopAtRows);
        } catch (SnapshotException e) {
            if (!(e.getCause() instanceof JsonProcessingException) && !(e.getCause() instanceof SectionSkipper.Desync)) {
                throw e;
            }
            // Malformed JSON: read again without skipping, for the parser's exact message and location.
            return index(false, false);
        }
    }

    /** Completes a partial index whose rows were read: the document after the rows' closing bracket. */
    private Index tail(Index head) {
        Index i = new Index();
        i.machines = head.machines;
        synchronized (head) {
            i.machineIds = head.machineIds; // built already when the rows were read
        }
        i.ignoredResources = head.ignoredResources;
        i.updateRows = head.updateRows;
        i.updatesStart = head.updatesStart;
        i.updatesEnd = head.updatesEnd;
        Positions pos = new Positions(false);
        pos.tailFrom = head.updatesEnd; // the closing bracket: the stand-in head ends with its opening one
        pos.keys.addAll(head.keys);
        pos.keys.remove(UPDATES); // the parser sees a stand-in "updates": [] first
        scan(Set.of(DEPLOYMENTS), (key, element) -> i.deployments.add(element), null, (key, rows) -> {
            if (key.equals(PATCH_ASSESSMENTS)) {
                i.patchAssessmentRows = rows;
            }
        }, pos);
        i.keys = pos.keys;
        return i;
    }

    /**
     * Reads the machines and deployments; with {@code skipRows}, the assessment sections' contents are
     * skipped by a {@link SectionSkipper} (not tokenized, not validated: the pass that reads them does), and
     * with {@code stopAtRows} the pass ends at non-empty {@code updates} rows that follow the machines.
     */
    private Index index(boolean skipRows, boolean stopAtRows) {
        Index i = new Index();
        boolean[] sawMachines = {false};
        Positions pos = skipRows ? new Positions(stopAtRows) : null;
        Map<String, String> strings = new HashMap<>();
        ResourceId.Parser ids = ResourceId.parser();
        if (pos != null && machineScan) {
            MachineScanner.Result machines;
            try (InputStream file = opener.open()) {
                machines = MachineScanner.read(file, BUFFER, name, strings, ids);
            } catch (IOException e) {
                machines = null; // the parser's pass reports it
            }
            if (machines != null) {
                i.machines.addAll(machines.machines);
                i.ignoredResources = machines.ignored;
                sawMachines[0] = true;
                pos.headFrom = machines.end;
            }
        }
        scan(Set.of(MACHINES, DEPLOYMENTS), (key, element) -> {
            if (key.equals(MACHINES)) {
                Machine m = Mappers.machine(element, strings, ids);
                if (m == null) {
                    i.ignoredResources++;
                } else {
                    i.machines.add(m);
                }
            } else {
                i.deployments.add(element);
            }
        }, null, (key, rows) -> {
            if (key.equals(MACHINES)) {
                sawMachines[0] = true;
            } else if (key.equals(UPDATES)) {
                i.updateRows = rows;
            } else if (key.equals(PATCH_ASSESSMENTS)) {
                i.patchAssessmentRows = rows;
            }
        }, pos);
        if (pos != null) {
            i.keys = pos.keys;
            if (pos.stoppedAt >= 0) {
                i.partial = true;
                i.updatesStart = pos.stoppedAt;
                i.updateRows = -1;
            } else {
                i.updatesStart = pos.updatesStart;
                i.updatesEnd = pos.updatesEnd;
            }
        }
        if (!sawMachines[0]) {
            throw new SnapshotException(name, JsonPaths.field(JsonPaths.ROOT, MACHINES),
                    "missing; expected an array of machine resources (as az graph query or az vm list print them)",
                    null);
        }
        i.machines = Collections.unmodifiableList(i.machines);
        return i;
    }

    /** Receives one element of a wanted section. */
    @FunctionalInterface
    private interface ElementHandler {
        void element(String section, Obj element);
    }

    /** Receives the element count of a section (wanted or not). */
    @FunctionalInterface
    private interface SectionCounter {
        void section(String section, long elements);
    }

    /** Reads the elements of a wanted section, the parser after its '['; leaves it on ']'; their number. */
    private long readElements(JsonParser p, String key, String path, @Nullable ElementHandler handler,
                              @Nullable UpdateRowReader rows) throws IOException {
        long count = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                throw new SnapshotException(name, JsonPaths.index(path, (int) Math.min(count,
                        Integer.MAX_VALUE)), "expected an object (" + elementKind(key) + "), found "
                        + describe(t), null);
            }
            if (rows != null && key.equals(UPDATES)) {
                rows.read(p, path, count);
            } else {
                String elementPath = JsonPaths.index(path, (int) Math.min(count, Integer.MAX_VALUE));
                Map<String, Object> node = key.equals(UPDATES) ? readColumns(p, UPDATE_COLUMNS) : Tree.object(p);
                Objects.requireNonNull(handler, "handler").element(key, new Obj(name, elementPath, node));
            }
            count++;
        }
        return count;
    }

    /**
     * One streaming pass over the document: elements of the wanted sections are read one at a time (as
     * trees handed to {@code handler}, or {@code updates} rows given to {@code rows}); every other value is
     * skipped (and counted for known sections). With {@code pos} not null, either the contents of the
     * assessment arrays are dropped by a {@link SectionSkipper} before the parser sees them, and the stream
     * offsets of the {@code updates} rows (after '[', and of ']') are stored in it (-1 when absent), or, with
     * {@code pos.tailFrom} set, the document is read from that offset (after the rows) behind a stand-in
     * head, with the keys read before the rows in {@code pos.keys}.
     */
    private void scan(Set<String> wanted, @Nullable ElementHandler handler, @Nullable UpdateRowReader rows,
                      @Nullable SectionCounter counter, @Nullable Positions pos) {
        boolean tail = pos != null && pos.tailFrom >= 0;
        boolean skipRows = pos != null && !tail;
        boolean afterMachines = skipRows && pos.headFrom >= 0;
        JsonParser p = null;
        SectionSkipper skipper = null;
        try (InputStream file = opener.open();
             InputStream in = afterMachines
                     ? (skipper = new SectionSkipper(afterMachines(file, pos.headFrom), BUFFER, pos.stopAtRows,
                             pos.headFrom - MACHINES_HEAD.length))
                     : skipRows ? (skipper = new SectionSkipper(file, BUFFER, pos.stopAtRows))
                     : tail ? afterRows(file, pos.tailFrom) : new BufferedInputStream(file, BUFFER);
             JsonParser parser = JSON.createParser(in)) {
            p = parser;
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new SnapshotException(name, JsonPaths.ROOT, "the file is empty; expected " + TOP_LEVEL, null);
            }
            if (t != JsonToken.START_OBJECT) {
                throw new SnapshotException(name, JsonPaths.ROOT, "expected " + TOP_LEVEL + ", found " + describe(t),
                        null);
            }
            Set<String> seen = pos != null ? pos.keys : new HashSet<>();
            boolean standIn = tail || afterMachines;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                boolean counted = !standIn;
                standIn = false;
                String path = JsonPaths.field(JsonPaths.ROOT, key);
                if (!seen.add(key)) {
                    throw new SnapshotException(name, path, "duplicate key; expected each section once", null);
                }
                JsonToken v = p.nextToken();
                boolean known = key.equals(MACHINES) || key.equals(UPDATES) || key.equals(PATCH_ASSESSMENTS)
                        || key.equals(DEPLOYMENTS);
                if (!known) {
                    p.skipChildren();
                    continue;
                }
                if (v == JsonToken.VALUE_NULL && !key.equals(MACHINES)) {
                    continue; // an optional section given as null is absent
                }
                if (v != JsonToken.START_ARRAY) {
                    throw new SnapshotException(name, path, "expected an array of " + elementKind(key) + ", found "
                            + describe(v), null);
                }
                long count = 0;
                if (wanted.contains(key)) {
                    try {
                        count = readElements(p, key, path, handler, rows);
                    } finally {
                        if (rows != null) {
                            rows.flush(); // the records of the rows read so far, also when a later row is malformed
                        }
                    }
                } else {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        p.skipChildren();
                        count++;
                    }
                }
                if (skipper != null && !wanted.contains(key) && (key.equals(UPDATES) || key.equals(PATCH_ASSESSMENTS))
                        && skipper.count(key) >= 0) {
                    count = skipper.count(key); // the parser saw [] in place of the skipped rows
                }
                if (counter != null && counted) {
                    counter.section(key, count);
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new SnapshotException(name, JsonPaths.ROOT, "unexpected " + describe(t) + "; expected " + TOP_LEVEL,
                        null);
            }
            if (p.nextToken() != null) {
                throw new SnapshotException(name, JsonPaths.ROOT,
                        "unexpected content after the end of the top-level object; expected a single JSON document",
                        null);
            }
            if (skipper != null) {
                pos.updatesStart = skipper.start(UPDATES);
                pos.updatesEnd = skipper.end(UPDATES);
                pos.stoppedAt = skipper.stoppedAt();
            }
        } catch (StreamReadException e) {
            throw malformed(e.getProcessor() instanceof JsonParser ? (JsonParser) e.getProcessor() : p, e);
        } catch (JsonProcessingException e) {
            throw malformed(p, e);
        } catch (IOException e) {
            throw new SnapshotException(name, JsonPaths.ROOT, JsonProblems.unreadable(e), e);
        }
    }

    /**
     * Reads an object's members whose names are in {@code columns} as a tree; every other member is
     * skipped without being decoded (Log Analytics rows carry dozens of columns patchwindow never reads).
     */
    private static Map<String, Object> readColumns(JsonParser p, Set<String> columns) throws IOException {
        Map<String, Object> node = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String column = p.currentName();
            JsonToken v = p.nextToken();
            if (!columns.contains(column)) {
                p.skipChildren();
            } else if (v == JsonToken.VALUE_STRING) {
                node.put(column, p.getText());
            } else {
                node.put(column, Tree.read(p));
            }
        }
        return node;
    }

    private SnapshotException malformed(@Nullable JsonParser p, JsonProcessingException e) {
        String path = JsonPaths.ROOT;
        if (p != null) {
            JsonStreamContext ctx = p.getParsingContext();
            if (ctx != null) {
                path = JsonPaths.of(ctx);
            }
        }
        String where = "";
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            where = " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        }
        String detail = JsonProblems.describe(e.getOriginalMessage());
        return new SnapshotException(name, path, "malformed JSON" + where + ": " + detail
                + "; expected well-formed JSON (RFC 8259)", e);
    }

    private static String elementKind(String key) {
        switch (key) {
            case MACHINES:
                return "ARM resource objects (id, name, type, location, tags, properties)";
            case UPDATES:
                return "Log Analytics Update rows keyed by column name";
            case PATCH_ASSESSMENTS:
                return "Resource Graph patch assessment rows (id, type, properties)";
            default:
                return "software update configurations (id, name, type, properties)";
        }
    }

    private static String describe(@Nullable JsonToken t) {
        if (t == null) {
            return "the end of the file";
        }
        switch (t) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return t.asString() == null ? t.name() : "'" + t.asString() + "'";
        }
    }

    /** The stand-in head of the document read after the rows: the parser then sees a whole object. */
    private static final byte[] TAIL_HEAD = ("{\"" + UPDATES + "\":[").getBytes(StandardCharsets.UTF_8);

    /** The document from a stream offset (the rows' closing bracket), behind {@link #TAIL_HEAD}. */
    private static InputStream afterRows(InputStream file, long from) throws IOException {
        file.skipNBytes(from);
        return new SequenceInputStream(new ByteArrayInputStream(TAIL_HEAD), new BufferedInputStream(file, BUFFER));
    }

    /** The stand-in head of the document read after the machines. */
    private static final byte[] MACHINES_HEAD = ("{\"" + MACHINES + "\":[").getBytes(StandardCharsets.UTF_8);

    /** The document from a stream offset (the machines' closing bracket), behind {@link #MACHINES_HEAD}. */
    private static InputStream afterMachines(InputStream file, long from) throws IOException {
        file.skipNBytes(from);
        return new SequenceInputStream(new ByteArrayInputStream(MACHINES_HEAD), file);
    }

    /** What a pass needs to know and found out about positions and keys. */
    private static final class Positions {
        final boolean stopAtRows;
        /** Read the document from this offset, the closing bracket of the rows; -1 from the start. */
        long tailFrom = -1;
        /**
         * Read the document through the skipper from this offset, the closing bracket of the machines (read
         * by the {@link MachineScanner}) behind a stand-in head; -1 from the start.
         */
        long headFrom = -1;
        /** Top-level keys seen (duplicates are refused): those before the rows when reading after them. */
        final Set<String> keys = new HashSet<>();
        long updatesStart = -1;
        long updatesEnd = -1;
        long stoppedAt = -1;

        Positions(boolean stopAtRows) {
            this.stopAtRows = stopAtRows;
        }
    }

    private static final class Index {
        List<Machine> machines = new ArrayList<>();
        final List<Obj> deployments = new ArrayList<>();
        int ignoredResources;
        long updateRows;
        long patchAssessmentRows;
        /** Stream offsets of the first byte after '[' and of the ']' of {@code updates}; -1 when unknown. */
        long updatesStart = -1;
        long updatesEnd = -1;
        /** The first pass stopped at the {@code updates} rows: row counts and deployments are not read yet. */
        boolean partial;
        Set<String> keys = Set.of();
        private @Nullable Set<String> machineIds;

        /** The machines' ids, built on first use (every read of the rows needs them). */
        synchronized Set<String> machineIds() {
            if (machineIds == null) {
                Set<String> ids = new HashSet<>(machines.size() * 2);
                for (Machine m : machines) {
                    ids.add(m.id());
                }
                machineIds = ids;
            }
            return machineIds;
        }
    }
}
