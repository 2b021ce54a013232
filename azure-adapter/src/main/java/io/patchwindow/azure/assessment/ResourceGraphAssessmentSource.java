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
import io.patchwindow.core.inventory.ResourceId;
import io.patchwindow.core.port.AssessmentRequest;
import io.patchwindow.core.port.AssessmentSource;

/**
 * Reads Update Manager assessments from Resource Graph ({@link #QUERY} over {@code patchassessmentresources},
 * VMs and Arc servers): each {@code softwarepatches} row becomes a pending record (machine id = the part of
 * the row id before {@code /patchAssessmentResults/}, no architecture), each summary row a
 * {@link AssessmentSink#machineReported(String, Instant)}. Paged like the inventory. The subscriptions are
 * those given to the factory, else those of the requested machines. Obtain from
 * {@link PatchwindowAzure#resourceGraphAssessment(List)}.
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
        Objects.requireNonNull(sink, "sink");
        readRows(request, new RowSink<>() {
            @Override
            public void accept(PatchAssessmentRow row) {
                if (!row.isSoftwarePatch()) {
                    if (row.lastModifiedDateTime() != null) {
                        sink.machineReported(row.machineId(), row.lastModifiedDateTime());
                    }
                } else if (row.patchName() != null && row.lastModifiedDateTime() != null) {
                    sink.accept(row.toRecord());
                }
            }

            @Override
            public void warning(String message) {
                sink.warning(message);
            }
        });
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
        if (subs.isEmpty()) {
            return;
        }
        lastRequestCount = pager.forEachRow(QUERY, subs, "Resource Graph assessment query",
                row -> sink.accept(toRow(row)));
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
        List<String> classes = new ArrayList<>();
        JsonNode c = p.get("classifications");
        if (c != null && c.isArray()) {
            c.forEach(x -> {
                if (!x.isNull()) {
                    classes.add(x.asText());
                }
            });
        } else if (c != null && c.isTextual()) {
            classes.add(c.asText());
        }
        String id = Arm.text(row.get("id"));
        String type = Arm.text(row.get("type"));
        return new PatchAssessmentRow(id == null ? "" : id, type == null ? "" : type.toLowerCase(Locale.ROOT),
                Arm.text(p.get("patchName")), Arm.text(p.get("version")), classes,
                instant(Arm.text(p.get("lastModifiedDateTime"))));
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
