package io.patchwindow.azure.assessment;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.databind.JsonNode;

import io.patchwindow.azure.AzureAdapterException;
import io.patchwindow.azure.PatchwindowAzure;
import io.patchwindow.azure.internal.Arm;
import io.patchwindow.azure.internal.GraphPager;
import io.patchwindow.core.assessment.AssessmentSink;
import io.patchwindow.core.assessment.Classification;
import io.patchwindow.core.assessment.UpdateRecord;
import io.patchwindow.core.inventory.ResourceId;
import io.patchwindow.core.port.AssessmentRequest;
import io.patchwindow.core.port.AssessmentSource;

/**
 * Reads Update Manager assessments from Resource Graph ({@code patchassessmentresources}, VMs and Arc servers).
 * The subscriptions are those given to the factory, else those of the requested machines. Obtain from
 * {@link PatchwindowAzure#resourceGraphAssessment(List)}.
 *
 * <p>{@link #read} asks for one row per Linux machine with its pending patches packed ({@link #packedQuery}:
 * {@code summarize make_list_if(pack(...)) by machineId}, only the columns the plan uses), so that the
 * number of pages grows with machines, not with patches: 100,000 machines with 20 patches each are about 128
 * requests instead of 2,000 pages of {@code softwarepatches} rows. Resource Graph does not page a
 * {@code summarize} ("simplified first page only"), so the query is split by {@code hash(machineId, k)} into
 * parts of at most about 800 machines; a part that comes back truncated is split again (k doubled), never
 * used. A machine whose packed list holds fewer patches than it counts is reported
 * {@link AssessmentSink#incomplete incomplete} ({@code PatchListTruncated}). Each packed patch becomes a pending
 * record (no architecture), each machine's summary time a {@link AssessmentSink#machineReported}.
 *
 * <p>{@link #readRows} (snapshot export) reads the rows themselves ({@link #QUERY}), paged like the inventory.
 */
public final class ResourceGraphAssessmentSource implements AssessmentSource {

    /** The query sent: a constant, user text is never spliced into it. */
    public static final String QUERY = "patchassessmentresources\n"
            + "| where type in~ ('microsoft.compute/virtualmachines/patchassessmentresults', "
            + "'microsoft.compute/virtualmachines/patchassessmentresults/softwarepatches', "
            + "'microsoft.hybridcompute/machines/patchassessmentresults', "
            + "'microsoft.hybridcompute/machines/patchassessmentresults/softwarepatches')\n"
            + "| project id, type, properties\n"
            + "| order by id asc";

    /** The most patches packed per machine (a bound of make_list; a machine that has more is incomplete). */
    static final int MAX_PACKED = 2000;
    /** The machines one part of the packed query aims at: below the 1,000 rows of Resource Graph's one page. */
    static final int MACHINES_PER_PART = 800;
    /** How many parts of the packed query are read at once. */
    static final int PARTS_IN_FLIGHT = 3;
    /** The most parts the packed query is split into. */
    static final int MAX_PARTS = 8192;

    private final GraphPager pager;
    private final List<String> subscriptions;
    private volatile int lastRequestCount;

    /**
     * Queries through a pager. Used by {@link io.patchwindow.azure.PatchwindowAzure}, which applications obtain a source from.
     *
     * @param pager the Resource Graph pager, not null
     * @param subscriptions validated lower-case subscription GUIDs (empty: all the credential sees)
     */
    public ResourceGraphAssessmentSource(GraphPager pager, List<String> subscriptions) {
        this.pager = Objects.requireNonNull(pager, "pager");
        this.subscriptions = List.copyOf(subscriptions);
    }

    /**
     * Reads the records into the sink.
     *
     * @param request the machines (their subscriptions scope the query when none were configured), not null
     * @param sink receives records and summaries, not null
     * @throws AzureAdapterException if Azure refuses, fails or truncates the answer
     */
    @Override
    public void read(AssessmentRequest request, AssessmentSink sink) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(sink, "sink");
        List<String> subs = scope(request);
        if (subs.isEmpty()) {
            return;
        }
        int parts = 1;
        while (parts < MAX_PARTS && (long) parts * MACHINES_PER_PART < request.machineIds().size()) {
            parts *= 2;
        }
        // Parts are independent: a few are in flight at once, so that one answer's latency and reading overlap
        // the next ones (the quota paces them all); their rows reach the sink on this thread, part by part.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(PARTS_IN_FLIGHT,
                r -> {
                    Thread t = new Thread(r, "patchwindow-graph-assessment");
                    t.setDaemon(true);
                    return t;
                });
        java.util.concurrent.CompletionService<Part> done = new java.util.concurrent.ExecutorCompletionService<>(pool);
        int pending = 0;
        int requests = 0;
        try {
            for (int i = 0; i < parts; i++) {
                submit(done, subs, parts, i);
                pending++;
            }
            while (pending > 0) {
                Part part = take(done);
                pending--;
                requests += part.result.requests();
                if (part.result.truncated()) {
                    // never a partial answer: the part's machines are read again in two halves (rows of it that
                    // were read are dropped)
                    submit(done, subs, part.parts * 2, part.part);
                    submit(done, subs, part.parts * 2, part.part + part.parts);
                    pending += 2;
                    continue;
                }
                for (JsonNode row : part.rows) {
                    packed(row, sink);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        lastRequestCount = requests;
    }

    /**
     * Returns the packed assessment query of one part (of one: every machine): one row per Linux machine
     * ({@code id} = the lower-case machine id, {@code reported} = the summary's time, {@code patchCount}, and
     * {@code patches} = its pending patches, each {@code patchName, version, classifications,
     * lastModifiedDateTime}). A constant shape: only the two numbers vary; no user text.
     *
     * @param parts the number of parts, 1 to {@value #MAX_PARTS}
     * @param part the part, 0 to {@code parts - 1}
     * @return the query, not null
     * @throws IllegalArgumentException if the part is out of range
     */
    public static String packedQuery(int parts, int part) {
        if (parts < 1 || parts > MAX_PARTS || part < 0 || part >= parts) {
            throw new IllegalArgumentException("Invalid query part " + part + " of " + parts
                    + ": expected 0 to parts - 1 with 1 to " + MAX_PARTS + " parts");
        }
        return "patchassessmentresources\n"
                + "| where type in~ ('microsoft.compute/virtualmachines/patchassessmentresults', "
                + "'microsoft.compute/virtualmachines/patchassessmentresults/softwarepatches', "
                + "'microsoft.hybridcompute/machines/patchassessmentresults', "
                + "'microsoft.hybridcompute/machines/patchassessmentresults/softwarepatches')\n"
                + "| extend isPatch = type endswith '/softwarepatches'\n"
                + "| where (not(isPatch) and tostring(properties.osType) =~ 'Linux') "
                + "or (isPatch and isnotempty(tostring(properties.version)))\n"
                + "| extend machineId = tolower(substring(id, 0, indexof(tolower(id), '/patchassessmentresults/')))\n"
                + (parts == 1 ? "" : "| where hash(machineId, " + parts + ") == " + part + "\n")
                + "| summarize reported = maxif(todatetime(properties.lastModifiedDateTime), not(isPatch)), "
                + "patchCount = countif(isPatch), "
                + "patches = make_list_if(pack('patchName', properties.patchName, 'version', properties.version, "
                + "'classifications', properties.classifications, 'lastModifiedDateTime', "
                + "properties.lastModifiedDateTime), isPatch, " + MAX_PACKED + ") by machineId\n"
                + "| project id = machineId, reported, patchCount, patches\n"
                + "| order by id asc";
    }

    private void submit(java.util.concurrent.CompletionService<Part> done, List<String> subs, int parts, int part) {
        done.submit(() -> {
            List<JsonNode> rows = new ArrayList<>();
            GraphPager.Result r = pager.run(packedQuery(parts, part), subs, "Resource Graph assessment query",
                    rows::add, parts * 2 <= MAX_PARTS);
            return new Part(parts, part, rows, r);
        });
    }

    private static Part take(java.util.concurrent.CompletionService<Part> done) {
        try {
            return done.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AzureAdapterException("Resource Graph assessment query interrupted", null, 0, e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            throw new AzureAdapterException("Resource Graph assessment query failed: " + c, null, 0, c);
        }
    }

    /** One part's answer. */
    private static final class Part {
        final int parts;
        final int part;
        final List<JsonNode> rows;
        final GraphPager.Result result;

        Part(int parts, int part, List<JsonNode> rows, GraphPager.Result result) {
            this.parts = parts;
            this.part = part;
            this.rows = rows;
            this.result = result;
        }
    }

    /** One packed row: its summary time, then each patch; a list shorter than its count is incomplete. */
    private static void packed(JsonNode row, AssessmentSink sink) {
        String machine = Arm.text(row.get("id"));
        if (machine == null || machine.isBlank()) {
            return;
        }
        Instant reported = instant(Arm.text(row.get("reported")));
        if (reported != null) {
            sink.machineReported(machine, reported);
        }
        JsonNode patches = row.path("patches");
        int listed = 0;
        String lastText = null;
        Instant lastTime = null;
        if (patches.isArray()) {
            for (JsonNode p : patches) {
                listed++;
                String name = Arm.text(p.get("patchName"));
                String text = Arm.text(p.get("lastModifiedDateTime"));
                if (text == null || !text.equals(lastText)) { // one assessment: its patches share the time
                    lastText = text;
                    lastTime = instant(text);
                }
                Instant time = lastTime;
                if (name != null && time != null) {
                    sink.accept(new UpdateRecord(machine, null, name, "", Arm.text(p.get("version")),
                            Classification.parseAll(classifications(p.get("classifications"))), true, time));
                }
            }
        }
        long count = row.path("patchCount").asLong(listed);
        if (count > listed) {
            sink.incomplete(machine, "PatchListTruncated", "Resource Graph listed " + listed + " of the machine's "
                    + count + " pending patches (a packed list holds at most " + MAX_PACKED + ")");
        }
    }

    /**
     * Reads the raw rows (for snapshot export), ordered by id.
     *
     * @param request the machines, not null
     * @param sink receives the rows, not null
     * @throws AzureAdapterException if Azure refuses, fails or truncates the answer
     */
    public void readRows(AssessmentRequest request, RowSink<PatchAssessmentRow> sink) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(sink, "sink");
        List<String> subs = scope(request);
        if (subs.isEmpty()) {
            return;
        }
        lastRequestCount = pager.forEachRow(QUERY, subs, "Resource Graph assessment query",
                row -> sink.accept(toRow(row)));
    }

    /** The subscriptions to read: those configured, else those of the requested machines. */
    private List<String> scope(AssessmentRequest request) {
        List<String> subs = subscriptions;
        if (subs.isEmpty()) {
            TreeSet<String> set = new TreeSet<>();
            for (String id : request.machineIds()) {
                try {
                    set.add(ResourceId.parse(id).subscriptionId());
                } catch (IllegalArgumentException e) {
                    // not an ARM machine id: nothing to scope
                }
            }
            subs = new ArrayList<>(set);
        }
        return subs;
    }

    /**
     * Returns how many Resource Graph requests the last read sent.
     *
     * @return the count
     */
    public int lastRequestCount() {
        return lastRequestCount;
    }

    /**
     * Maps a {@code patchassessmentresources} row object ({@code id, type, properties}).
     *
     * @param row the row, not null
     * @return the row, not null
     */
    public static PatchAssessmentRow toRow(JsonNode row) {
        JsonNode p = row.path("properties");
        List<String> classes = classifications(p.get("classifications"));
        String id = Arm.text(row.get("id"));
        String type = Arm.text(row.get("type"));
        return new PatchAssessmentRow(id == null ? "" : id, type == null ? "" : type.toLowerCase(Locale.ROOT),
                Arm.text(p.get("patchName")), Arm.text(p.get("version")), classes,
                instant(Arm.text(p.get("lastModifiedDateTime"))));
    }

    private static List<String> classifications(@Nullable JsonNode c) {
        List<String> classes = new ArrayList<>();
        if (c != null && c.isArray()) {
            c.forEach(x -> {
                if (!x.isNull()) {
                    classes.add(x.asText());
                }
            });
        } else if (c != null && c.isTextual()) {
            classes.add(c.asText());
        }
        return classes;
    }

    private static @Nullable Instant instant(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
