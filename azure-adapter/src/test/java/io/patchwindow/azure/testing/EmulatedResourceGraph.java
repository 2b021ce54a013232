package io.patchwindow.azure.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The emulated Resource Graph, {@code POST /providers/Microsoft.ResourceGraph/resources}, as the adapter's
 * inventory, assessment and installation history use it. A query is recognised by its table:
 * {@code resources} (the fleet's machines), {@code patchassessmentresources} (the fleet's rows, or the packed
 * per-machine query: {@link PackedAssessmentQuery}), {@code patchinstallationresources} and
 * {@code maintenanceresources} (seeded installation rows and {@code applyupdates}, or the configuration
 * assignments of {@link EmulatedMaintenance}). Answers are paged by {@code $top} and {@code $skipToken} (the
 * token is bound to the same query and scopes), at most {@link #pageSize(int)} (≤ 1000) rows a page; the
 * per-user quota ({@link GraphQuota}), a latency and a truncation without skip token can be switched on.
 */
final class EmulatedResourceGraph {
    private static final String PATH = "/providers/microsoft.resourcegraph/resources";

    private final AzureFleet fleet;
    private final EmulatedMaintenance maintenance;
    private final PackedAssessmentQuery packed;
    private final List<ObjectNode> installationRows = new CopyOnWriteArrayList<>();
    private final List<ObjectNode> applyUpdates = new CopyOnWriteArrayList<>();
    private final Object machineCacheLock = new Object();
    private String machineCacheKey = "";
    private List<ObjectNode> machineCache = List.of();
    private volatile int pageSize = 1000;
    private volatile boolean truncatesWithoutSkipToken;
    private volatile GraphQuota quota;
    private volatile Duration latency = Duration.ZERO;
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger throttled = new AtomicInteger();

    EmulatedResourceGraph(AzureFleet fleet, EmulatedMaintenance maintenance) {
        this.fleet = fleet;
        this.maintenance = maintenance;
        this.packed = new PackedAssessmentQuery(fleet);
    }

    void pageSize(int size) {
        if (size < 1 || size > 1000) {
            throw new IllegalArgumentException("size must be 1..1000");
        }
        this.pageSize = size;
    }

    void truncatesWithoutSkipToken(boolean truncate) {
        this.truncatesWithoutSkipToken = truncate;
    }

    void quota(GraphQuota quota) {
        this.quota = quota;
    }

    void exhaustQuota(String token) {
        GraphQuota q = Objects.requireNonNull(quota, "no quota: call graphQuota first");
        q.exhaust("Bearer " + token);
    }

    void latency(Duration latency) {
        this.latency = Objects.requireNonNull(latency, "latency");
    }

    /** Adds {@code patchinstallationresources} rows, or {@code maintenanceresources} {@code applyupdates} rows. */
    void seedInstallationRows(List<ObjectNode> rows) {
        for (ObjectNode r : rows) {
            if (r.path("type").asText().equalsIgnoreCase("microsoft.maintenance/applyupdates")) {
                applyUpdates.add(r);
            } else {
                installationRows.add(r);
            }
        }
    }

    /** @return {answered with data, refused 429 by the quota} */
    int[] counts() {
        return new int[] {answered.get(), throttled.get()};
    }

    void resetCounts() {
        answered.set(0);
        throttled.set(0);
    }

    /** Answers a Resource Graph query; null for other requests. */
    Answer answer(Request r) throws IOException {
        if (!r.method().equals("POST") || !r.lowerPath().equals(PATH)) {
            return null;
        }
        GraphQuota q = quota;
        if (q == null) {
            return query(r);
        }
        GraphQuota.Admission admission = q.take(r.authorization() == null ? "" : r.authorization());
        if (admission.refusal() != null) {
            throttled.incrementAndGet();
            return admission.refusal();
        }
        return query(r).withHeaders(admission.headers());
    }

    private Answer query(Request r) throws IOException {
        if (!latency.isZero()) {
            FaultRules.sleep(latency);
        }
        answered.incrementAndGet();
        JsonNode req = Arm.JSON.readTree(r.body());
        String kql = req.path("query").asText("");
        List<String> subs = new ArrayList<>();
        req.path("subscriptions").forEach(s -> subs.add(s.asText()));
        JsonNode options = req.path("options");
        int top = options.has("$top") ? options.get("$top").asInt() : 1000;
        if (top < 1 || top > 1000) {
            return Answer.error(400, "BadRequest", "$top must be between 1 and 1000.");
        }
        String fingerprint = fingerprint(kql + "\n" + String.join(",", subs));
        int offset = 0;
        if (options.hasNonNull("$skipToken")) {
            String[] token = new String(Base64.getDecoder().decode(options.get("$skipToken").asText()),
                    StandardCharsets.UTF_8).split(":");
            if (token.length != 2 || !token[1].equals(fingerprint)) {
                return Answer.error(400, "InvalidSkipToken", "The skip token does not belong to this query and scope.");
            }
            offset = Integer.parseInt(token[0]);
        }
        String table = Arm.lower(kql.strip().split("[\\s|]", 2)[0]);
        Set<String> scope = subs.stream().map(Arm::lower).collect(Collectors.toSet());
        int size = Math.min(top, pageSize);
        if (table.equals("resources")) {
            return page(machines(fingerprint, scope), offset, size, fingerprint, true);
        }
        List<ObjectNode> rows;
        if (table.equals("maintenanceresources") && Arm.lower(kql).contains("applyupdates")) {
            rows = inScope(applyUpdates, scope);
        } else if (table.equals("patchinstallationresources")) {
            rows = inScope(installationRows, scope);
        } else if (table.equals("maintenanceresources")) {
            rows = inScope(maintenance.resourceGraphRows(), scope);
        } else if (table.equals("patchassessmentresources") && PackedAssessmentQuery.isPacked(kql)) {
            return packed.answer(kql, scope, size);
        } else if (table.equals("patchassessmentresources")) {
            rows = inScope(fleet.patchAssessments(), scope);
        } else {
            return Answer.error(400, "InvalidQuery", "The emulator does not evaluate table '" + table + "'.");
        }
        rows.sort(Comparator.comparing(row -> Arm.lower(row.path("id").asText())));
        return page(rows, offset, size, fingerprint, false);
    }

    /**
     * The machines in scope, sorted, kept for the next page of the same query and scope (a 100,000 machine
     * inventory is 100 pages). Machines are only ever added (the count is part of the key) and a PATCH changes
     * an object in place, which the page's copy sees.
     */
    private List<ObjectNode> machines(String fingerprint, Set<String> scope) {
        List<ObjectNode> all = fleet.machines();
        String key = fingerprint + "/" + all.size();
        synchronized (machineCacheLock) {
            if (!key.equals(machineCacheKey)) {
                List<ObjectNode> inScope = inScope(all, scope);
                inScope.sort(Comparator.comparing(m -> Arm.lower(m.path("id").asText())));
                machineCache = List.copyOf(inScope);
                machineCacheKey = key;
            }
            return machineCache;
        }
    }

    private static List<ObjectNode> inScope(List<ObjectNode> rows, Set<String> scope) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode row : rows) {
            if (scope.contains(Arm.subscriptionOf(row.path("id").asText()))) {
                out.add(row);
            }
        }
        return out;
    }

    /** One page of sorted rows; machines are copied (under their lock) with the type in lower case, as the service. */
    private Answer page(List<ObjectNode> rows, int offset, int size, String fingerprint, boolean machines) {
        int end = Math.min(rows.size(), offset + size);
        ObjectNode out = Arm.JSON.createObjectNode();
        out.put("totalRecords", rows.size());
        out.put("count", end - Math.min(offset, end));
        boolean truncate = truncatesWithoutSkipToken && end < rows.size();
        out.put("resultTruncated", truncate ? "true" : "false");
        out.putArray("facets");
        if (end < rows.size() && !truncate) {
            out.put("$skipToken", Base64.getEncoder().encodeToString((end + ":" + fingerprint)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        ArrayNode data = out.putArray("data");
        for (ObjectNode r : rows.subList(Math.min(offset, rows.size()), end)) {
            if (machines) {
                ObjectNode copy;
                synchronized (r) {
                    copy = r.deepCopy();
                }
                copy.put("type", Arm.lower(r.path("type").asText()));
                data.add(copy);
            } else {
                data.add(r);
            }
        }
        return Answer.json(200, out);
    }

    /** The first 16 hex digits of the SHA-256 of a query and its scopes: what a skip token is bound to. */
    private static String fingerprint(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
