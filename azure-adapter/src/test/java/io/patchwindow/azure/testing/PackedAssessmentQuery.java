package io.patchwindow.azure.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Evaluates Resource Graph's packed assessment query ({@code ResourceGraphAssessmentSource.packedQuery}) over the
 * fleet's {@code patchassessmentresources} rows: the four assessment types; summaries of Linux machines and
 * patches with a version; machine id = the lower-case id before {@code /patchassessmentresults/}; the hash part;
 * per machine the newest summary time, the patch count and the first N patches packed; by id. As the service, a
 * {@code summarize} is not paged: more machines than a page are answered with the first page and
 * {@code resultTruncated: true}, no skip token. Thread-safe.
 */
final class PackedAssessmentQuery {
    private static final Pattern MAKE_LIST = Pattern.compile("make_list_if\\(pack\\('patchName', properties\\.patchName, "
            + "'version', properties\\.version, 'classifications', properties\\.classifications, "
            + "'lastModifiedDateTime', properties\\.lastModifiedDateTime\\), isPatch, (\\d+)\\) by machineId");
    private static final Set<String> TYPES = Set.of("microsoft.compute/virtualmachines/patchassessmentresults",
            "microsoft.hybridcompute/machines/patchassessmentresults");
    private static final List<String> PACKED = List.of("patchName", "version", "classifications", "lastModifiedDateTime");

    private final AzureFleet fleet;
    private final Object cacheLock = new Object();
    private String cacheKey = "";
    private List<PackedMachine> cache = List.of();

    PackedAssessmentQuery(AzureFleet fleet) {
        this.fleet = fleet;
    }

    /** @return whether a {@code patchassessmentresources} query is the packed one (it summarizes) */
    static boolean isPacked(String kql) {
        return kql.contains("summarize");
    }

    /**
     * Answers the query.
     *
     * @param kql the query
     * @param scope the lower-case subscriptions asked for
     * @param pageSize the most rows of the answer
     * @return the answer: 200, or 400 for a query that is not the adapter's packed query
     */
    Answer answer(String kql, Set<String> scope, int pageSize) {
        Matcher list = MAKE_LIST.matcher(kql);
        if (!list.find() || !kql.contains("| where (not(isPatch) and tostring(properties.osType) =~ 'Linux') "
                + "or (isPatch and isnotempty(tostring(properties.version)))")
                || !kql.contains("| project id = machineId, reported, patchCount, patches")) {
            return Answer.error(400, "InvalidQuery", "The emulator evaluates the patchwindow packed assessment query only.");
        }
        int max = Integer.parseInt(list.group(1));
        int[] part = Kql.hashPart(kql, "machineId");
        List<PackedMachine> rows = new ArrayList<>();
        for (PackedMachine m : index()) {
            if (scope.contains(m.subscription) && Kql.inPart(m.hash, part)) {
                rows.add(m);
            }
        }
        ObjectNode out = Arm.JSON.createObjectNode();
        out.put("totalRecords", rows.size());
        boolean truncated = rows.size() > pageSize;
        List<PackedMachine> page = truncated ? rows.subList(0, pageSize) : rows;
        out.put("count", page.size());
        out.put("resultTruncated", truncated ? "true" : "false");
        out.putArray("facets");
        ArrayNode data = out.putArray("data");
        for (PackedMachine m : page) {
            ObjectNode r = data.addObject();
            r.put("id", m.id);
            if (m.reported == null) {
                r.putNull("reported");
            } else {
                r.put("reported", m.reported.toString());
            }
            r.put("patchCount", m.patches.size());
            ArrayNode patches = r.putArray("patches");
            for (ObjectNode p : m.patches.subList(0, Math.min(max, m.patches.size()))) {
                ObjectNode packed = patches.addObject();
                for (String f : PACKED) {
                    JsonNode v = p.get(f);
                    packed.set(f, v == null ? NullNode.getInstance() : v);
                }
            }
        }
        return Answer.json(200, out);
    }

    /** The assessment rows grouped per Linux machine, sorted by id; kept while the row count is the same. */
    private List<PackedMachine> index() {
        String key = Integer.toString(fleet.patchAssessmentCount());
        synchronized (cacheLock) {
            if (key.equals(cacheKey)) {
                return cache;
            }
            Map<String, PackedMachine> byId = new HashMap<>();
            for (ObjectNode r : fleet.patchAssessments()) {
                String type = Arm.lower(r.path("type").asText());
                boolean isPatch = type.endsWith("/softwarepatches");
                String base = isPatch ? type.substring(0, type.length() - "/softwarepatches".length()) : type;
                if (!TYPES.contains(base)) {
                    continue;
                }
                JsonNode p = r.path("properties");
                if (isPatch ? p.path("version").asText("").isEmpty() : !p.path("osType").asText().equalsIgnoreCase("Linux")) {
                    continue;
                }
                String lower = Arm.lower(r.path("id").asText());
                int i = lower.indexOf("/patchassessmentresults/");
                if (i < 0) {
                    continue;
                }
                PackedMachine m = byId.computeIfAbsent(lower.substring(0, i), PackedMachine::new);
                if (isPatch) {
                    m.patches.add((ObjectNode) p);
                } else {
                    Instant t = Instant.parse(p.path("lastModifiedDateTime").asText());
                    if (m.reported == null || t.isAfter(m.reported)) {
                        m.reported = t;
                    }
                }
            }
            List<PackedMachine> sorted = new ArrayList<>(byId.values());
            sorted.sort(Comparator.comparing(m -> m.id));
            cache = List.copyOf(sorted);
            cacheKey = key;
            return cache;
        }
    }

    /** One machine of the packed assessment query. */
    private static final class PackedMachine {
        final String id;
        final String subscription;
        final long hash;
        Instant reported;
        final List<ObjectNode> patches = new ArrayList<>();

        PackedMachine(String id) {
            this.id = id;
            this.subscription = Arm.subscriptionOf(id);
            this.hash = Kql.hash(id);
        }
    }
}
