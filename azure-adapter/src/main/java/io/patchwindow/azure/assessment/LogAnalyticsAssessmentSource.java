package io.patchwindow.azure.assessment;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.patchwindow.azure.AzureAdapterException;
import io.patchwindow.azure.PatchwindowAzure;
import io.patchwindow.core.assessment.AssessmentSink;
import io.patchwindow.core.port.AssessmentRequest;
import io.patchwindow.core.port.AssessmentSource;
import io.patchwindow.core.text.Quoting;

/**
 * Reads pending updates from the Log Analytics {@code Update} table with the original runbook's query
 * ({@link #query(Instant)}): rows since the request's {@code notBefore}, Linux, the newest row per
 * (ResourceId, Computer, SourceComputerId, Product, ProductArch), state {@code Needed}, classification
 * Security or Critical. Obtain from {@link PatchwindowAzure#logAnalyticsAssessment(String)}.
 *
 * <p>Never a plan from a cut answer. Log Analytics cuts a result at 500,000 rows or 64 MB and answers 200 with
 * the rows it had and a partial error ({@code PartialError}, detail {@code E_QUERY_RESULT_SET_TOO_LARGE}).
 * Such an answer is not used as it is: the query is split by a hash of {@code ResourceId} into k parts
 * ({@code | where hash(ResourceId, k) == i}; each machine's rows are in exactly one part), doubling k for a part
 * until every part is complete, and the parts are merged (the records of the cut answer are a subset of
 * them; the reducer takes each record once). A part that stays partial for another reason makes every
 * requested machine that no complete part reported {@link AssessmentSink#incomplete incomplete} (all of them
 * when the query was not split), with the error code, e.g. {@code PartialError/E_LOW_MEMORY_CONDITION}: the
 * planner skips them as {@code ASSESSMENT_INCOMPLETE}. A failed query throws {@link AzureAdapterException}.
 *
 * <p>Rows are read as they arrive ({@link LogAnalyticsQuery}), in time linear in rows.
 */
public final class LogAnalyticsAssessmentSource implements AssessmentSource {
    private static final Logger LOG = LoggerFactory.getLogger(LogAnalyticsAssessmentSource.class);

    /** How far past notBefore the server scans (a bound, not a filter). */
    private static final Duration SCAN_WINDOW = Duration.ofDays(3650);
    /** The most parts a query is split into: beyond, one part's rows of machines pass the service's limits. */
    static final int MAX_PARTS = 4096;

    private final LogAnalyticsQuery client;
    private final Supplier<String> workspace;
    private volatile int lastRequestCount;

    /**
     * Queries through the Log Analytics query API. Used by {@link io.patchwindow.azure.PatchwindowAzure}, which
     * applications obtain a source from.
     *
     * @param client the query API over the Log Analytics pipeline, not null
     * @param workspace the workspace GUID, looked up when first queried
     */
    public LogAnalyticsAssessmentSource(LogAnalyticsQuery client, Supplier<String> workspace) {
        this.client = Objects.requireNonNull(client, "client");
        this.workspace = Objects.requireNonNull(workspace, "workspace");
    }

    /**
     * Returns the KQL sent for a freshness limit (the instant is formatted by the adapter; no user text).
     *
     * @param notBefore the oldest {@code TimeGenerated} kept, not null
     * @return the query, not null
     */
    public static String query(Instant notBefore) {
        return query(notBefore, 1, 0);
    }

    /**
     * Returns the KQL of one part of the query: the rows whose {@code hash(ResourceId, parts)} is {@code part}
     * (every row of a machine is in the same part). With one part, the runbook's query.
     *
     * @param notBefore the oldest {@code TimeGenerated} kept, not null
     * @param parts the number of parts, 1 to {@value #MAX_PARTS}
     * @param part the part, 0 to {@code parts - 1}
     * @return the query, not null
     * @throws IllegalArgumentException if the part is out of range
     */
    public static String query(Instant notBefore, int parts, int part) {
        Objects.requireNonNull(notBefore, "notBefore");
        if (parts < 1 || parts > MAX_PARTS || part < 0 || part >= parts) {
            throw new IllegalArgumentException("Invalid query part " + part + " of " + parts + ": expected 0 to parts - 1"
                    + " with 1 to " + MAX_PARTS + " parts");
        }
        return "Update\n"
                + "| where TimeGenerated >= datetime(" + notBefore.truncatedTo(ChronoUnit.MILLIS) + ")\n"
                + "| where OSType =~ \"Linux\"\n"
                + (parts == 1 ? "" : "| where hash(ResourceId, " + parts + ") == " + part + "\n")
                + "| summarize arg_max(TimeGenerated, *) by ResourceId, Computer, SourceComputerId, Product, ProductArch\n"
                + "| where UpdateState =~ \"Needed\"\n"
                + "| where Classification has \"Security\" or Classification has \"Critical\"\n"
                + "| project TimeGenerated, ResourceId, Computer, SourceComputerId, Product, ProductArch, "
                + "ProductVersion, Classification, UpdateState, OSType\n"
                + "| sort by ResourceId asc, Computer asc, Product asc, ProductArch asc";
    }

    /**
     * Reads the records into the sink.
     *
     * @param request the machines and freshness limit, not null
     * @param sink receives records, warnings and the machines whose answer stayed incomplete, not null
     * @throws AzureAdapterException if a query fails
     */
    @Override
    public void read(AssessmentRequest request, AssessmentSink sink) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(sink, "sink");
        // straight into the sink: the records of a cut answer are read again in its parts, and the reducer
        // keeps the newest record per package, so a record read twice counts once
        Incomplete incomplete = readParts(request, row -> sink.accept(row.toRecord()), false, sink::warning);
        if (incomplete != null) {
            if (incomplete.all) {
                sink.incompleteForAll(incomplete.code, incomplete.detail);
            } else {
                for (String id : incomplete.machines) {
                    sink.incomplete(id, incomplete.code, incomplete.detail);
                }
            }
        }
    }

    /**
     * Reads the raw rows (for snapshot export), each part in the query's order. A cut answer's rows are dropped
     * and read again in parts; an answer that stays partial is reported with one warning.
     *
     * @param request the freshness limit, not null
     * @param sink receives rows and warnings, not null
     * @throws AzureAdapterException if a query fails
     */
    public void readRows(AssessmentRequest request, RowSink<UpdateRow> sink) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(sink, "sink");
        Incomplete incomplete = readParts(request, sink::accept, true, sink::warning);
        if (incomplete != null) {
            sink.warning("the Log Analytics answer is incomplete (" + incomplete.code + ") for "
                    + (incomplete.all ? "every machine" : incomplete.machines.size() + " machines") + ": "
                    + incomplete.detail);
        }
    }

    /**
     * Returns how many queries the last read sent (1 when the first answer was complete).
     *
     * @return the count
     */
    public int lastRequestCount() {
        return lastRequestCount;
    }

    /** Runs the query, splitting cut parts; returns what stayed incomplete, or null. */
    private @Nullable Incomplete readParts(AssessmentRequest request, Consumer<UpdateRow> rows, boolean buffered,
                                           Consumer<String> warnings) {
        String ws = workspace.get();
        // The decisive time filter is the query's datetime(); the interval only bounds the scan server-side,
        // from notBefore on (an unbounded timespan is refused by the service).
        Instant start = request.notBefore().truncatedTo(ChronoUnit.SECONDS);
        String timespan = start + "/" + start.plus(SCAN_WINDOW);
        Deque<int[]> todo = new ArrayDeque<>();
        todo.add(new int[] {1, 0});
        Set<String> complete = new HashSet<>();
        String code = null;
        String detail = null;
        int requests = 0;
        long unreadable = 0;
        String example = null;
        boolean split = false;
        while (!todo.isEmpty()) {
            int[] part = todo.poll();
            Reader reader = new Reader(buffered ? null : rows);
            LogAnalyticsQuery.Outcome outcome = client.run(ws, query(request.notBefore(), part[0], part[1]), timespan,
                    reader);
            requests++;
            JsonNode error = outcome.partialError();
            if (error != null && LogAnalyticsQuery.isResultLimit(error) && part[0] * 2 <= MAX_PARTS) {
                LOG.debug("Log Analytics: part {} of {} cut at {} rows ({}); splitting", part[1], part[0],
                        outcome.rows(), LogAnalyticsQuery.code(error));
                split = true;
                todo.add(new int[] {part[0] * 2, part[1]});
                todo.add(new int[] {part[0] * 2, part[1] + part[0]});
                continue;
            }
            if (buffered) {
                reader.buffer.forEach(rows);
            }
            unreadable += reader.unreadable;
            if (example == null) {
                example = reader.example;
            }
            if (error == null) {
                complete.addAll(reader.machines);
            } else if (code == null) {
                code = LogAnalyticsQuery.code(error);
                detail = "Log Analytics returned a partial result for workspace " + ws
                        + (part[0] == 1 ? "" : " (part " + part[1] + " of " + part[0] + ")") + ": "
                        + LogAnalyticsQuery.message(error);
            }
        }
        lastRequestCount = requests;
        if (unreadable > 0) {
            warnings.accept("Log Analytics returned " + unreadable + " unreadable Update rows from workspace " + ws
                    + " (first: " + example + "); they were ignored");
        }
        LOG.debug("Log Analytics: workspace {} read in {} queries{}", ws, requests, split ? " (split)" : "");
        if (code == null) {
            return null;
        }
        if (!split) {
            return new Incomplete(true, List.of(), code, detail);
        }
        List<String> machines = new ArrayList<>();
        for (String id : request.machineIds()) {
            if (!complete.contains(id.toLowerCase(Locale.ROOT))) {
                machines.add(id);
            }
        }
        return new Incomplete(false, machines, code, detail);
    }

    /** What stayed incomplete: every machine, or those that no complete part reported. */
    private static final class Incomplete {
        final boolean all;
        final List<String> machines;
        final String code;
        final String detail;

        Incomplete(boolean all, List<String> machines, String code, @Nullable String detail) {
            this.all = all;
            this.machines = machines;
            this.code = code;
            this.detail = detail == null ? "" : detail;
        }
    }

    /** Maps the cells of each row to an {@link UpdateRow} by column name. */
    private static final class Reader implements LogAnalyticsQuery.RowHandler {
        final @Nullable Consumer<UpdateRow> direct;
        final List<UpdateRow> buffer = new ArrayList<>();
        /** The lower-case resource ids of the rows read. */
        final Set<String> machines = new HashSet<>();
        long unreadable;
        @Nullable String example;
        private String lastMachine = "";
        private int time = -1;
        private int resourceId = -1;
        private int computer = -1;
        private int sourceComputerId = -1;
        private int product = -1;
        private int arch = -1;
        private int version = -1;
        private int classification = -1;
        private int state = -1;
        private int osType = -1;

        Reader(@Nullable Consumer<UpdateRow> direct) {
            this.direct = direct;
        }

        @Override
        public void columns(List<String> names) {
            Map<String, Integer> ix = LogAnalyticsQuery.index(names);
            time = ix.getOrDefault("TimeGenerated", -1);
            resourceId = ix.getOrDefault("ResourceId", -1);
            computer = ix.getOrDefault("Computer", -1);
            sourceComputerId = ix.getOrDefault("SourceComputerId", -1);
            product = ix.getOrDefault("Product", -1);
            arch = ix.getOrDefault("ProductArch", -1);
            version = ix.getOrDefault("ProductVersion", -1);
            classification = ix.getOrDefault("Classification", -1);
            state = ix.getOrDefault("UpdateState", -1);
            osType = ix.getOrDefault("OSType", -1);
        }

        @Override
        public void row(@Nullable String[] cells) {
            UpdateRow r;
            try {
                String t = cell(cells, time);
                if (t == null) {
                    return;
                }
                r = new UpdateRow(instant(t), orEmpty(cell(cells, resourceId)), cell(cells, computer),
                        cell(cells, sourceComputerId), orEmpty(cell(cells, product)), orEmpty(cell(cells, arch)),
                        cell(cells, version), orEmpty(cell(cells, classification)), orEmpty(cell(cells, state)),
                        cell(cells, osType));
            } catch (RuntimeException e) {
                // one malformed row (e.g. a TimeGenerated that is not a date) never hides the others
                if (unreadable++ == 0) {
                    example = e.getClass().getSimpleName() + ": " + Quoting.quote(e.getMessage());
                }
                return;
            }
            if (!r.resourceId().equals(lastMachine)) { // rows of a machine come together: one set lookup per machine
                lastMachine = r.resourceId();
                machines.add(lastMachine.toLowerCase(Locale.ROOT));
            }
            if (direct != null) {
                direct.accept(r); // a blank Product too: the reducer ignores it with a warning
            } else {
                buffer.add(r);
            }
        }

        private static @Nullable String cell(@Nullable String[] cells, int i) {
            return i < 0 || i >= cells.length ? null : cells[i];
        }

        private static Instant instant(String text) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                return Instant.parse(text);
            }
        }

        private static String orEmpty(@Nullable String s) {
            return s == null ? "" : s;
        }
    }
}
