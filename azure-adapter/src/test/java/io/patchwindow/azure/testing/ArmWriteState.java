package io.patchwindow.azure.testing;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The stateful write side of the {@link AzureEmulator}: Automation software update configurations,
 * maintenance configurations, configuration assignments on VMs and Arc machines, VM patch settings and
 * resource groups. Thread-safe (one lock; the emulator is small).
 */
final class ArmWriteState {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern SUC = Pattern.compile("(?i)(/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Automation"
            + "/automationAccounts/[^/]+)/softwareUpdateConfigurations(?:/([^/]+))?");
    static final Pattern MC = Pattern.compile("(?i)(/subscriptions/[^/]+/resourceGroups/[^/]+)/providers/Microsoft\\.Maintenance"
            + "/maintenanceConfigurations(?:/([^/]+))?");
    static final Pattern ASSIGNMENT = Pattern.compile("(?i)(/subscriptions/[^/]+/resourceGroups/[^/]+/providers/"
            + "(?:Microsoft\\.Compute/virtualMachines|Microsoft\\.HybridCompute/machines)/[^/]+)"
            + "/providers/Microsoft\\.Maintenance/configurationAssignments(?:/([^/]+))?");
    static final Pattern VM = Pattern.compile("(?i)/subscriptions/[^/]+/resourceGroups/[^/]+/providers/"
            + "Microsoft\\.Compute/virtualMachines/[^/]+");
    static final Pattern RESOURCE_GROUP = Pattern.compile("(?i)/subscriptions/([^/]+)/resourceGroups/([^/]+)");
    private static final Pattern START_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
    private static final Pattern HHMM = Pattern.compile("(\\d{2}):(\\d{2})");
    private static final Pattern RECUR_WEEK = Pattern.compile(
            "(\\d*)Weeks? (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(,(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))*");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT);

    private final AzureFleet fleet;
    private final Map<String, ObjectNode> sucs = new TreeMap<>();
    private final Map<String, ObjectNode> configurations = new TreeMap<>();
    private final Map<String, ObjectNode> assignments = new TreeMap<>();
    private final Map<String, String> resourceGroupLocations = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();
    private volatile Instant now = Instant.now();

    ArmWriteState(AzureFleet fleet) {
        this.fleet = fleet;
    }

    /** An answer: status and body. */
    record Answer(int status, JsonNode body) {
    }

    void now(Instant instant) {
        this.now = instant;
    }

    Instant now() {
        return now;
    }

    void resourceGroupLocation(String resourceGroupId, String location) {
        resourceGroupLocations.put(resourceGroupId.toLowerCase(Locale.ROOT), location);
    }

    static boolean isWrite(String method) {
        return method.equals("PUT") || method.equals("PATCH") || method.equals("DELETE");
    }

    static String kind(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.contains("/softwareupdateconfigurations")) {
            return "softwareUpdateConfigurations";
        }
        if (p.contains("/configurationassignments")) {
            return "configurationAssignments";
        }
        if (p.contains("/maintenanceconfigurations")) {
            return "maintenanceConfigurations";
        }
        if (p.contains("/virtualmachines/")) {
            return "virtualMachines";
        }
        return "other";
    }

    void countReceived(String method, String path) {
        if (isWrite(method)) {
            received.computeIfAbsent(method + " " + kind(path), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    private void countApplied(String method, String path) {
        applied.computeIfAbsent(method + " " + kind(path), k -> new AtomicInteger()).incrementAndGet();
    }

    Map<String, Integer> received() {
        Map<String, Integer> out = new TreeMap<>();
        received.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    Map<String, Integer> applied() {
        Map<String, Integer> out = new TreeMap<>();
        applied.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    void resetCounters() {
        received.clear();
        applied.clear();
    }

    /**
     * Answers a request if it is one of the write-side resources.
     *
     * @return the answer, or null when the path is not handled here
     */
    synchronized Answer handle(String method, String path, Map<String, String> query, byte[] body, String endpoint,
                               int pageSize) throws java.io.IOException {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        Matcher m;
        if ((m = SUC.matcher(p)).matches()) {
            return suc(method, m.group(1), m.group(2), query, body, endpoint, pageSize, p);
        }
        if ((m = ASSIGNMENT.matcher(p)).matches()) {
            return assignment(method, m.group(1), m.group(2), body, p);
        }
        if ((m = MC.matcher(p)).matches()) {
            return configuration(method, m.group(1), m.group(2), query, body, endpoint, pageSize, p);
        }
        if (VM.matcher(p).matches() && (method.equals("PATCH") || method.equals("GET"))) {
            return vm(method, p, body);
        }
        if ((m = RESOURCE_GROUP.matcher(p)).matches() && method.equals("GET")) {
            if (fleet.subscriptions().stream().noneMatch(m.group(1)::equalsIgnoreCase)) {
                return error(404, "SubscriptionNotFound", "The subscription '" + m.group(1) + "' could not be found.");
            }
            ObjectNode rg = JSON.createObjectNode().put("id", p).put("name", m.group(2))
                    .put("type", "Microsoft.Resources/resourceGroups")
                    .put("location", resourceGroupLocations.getOrDefault(p.toLowerCase(Locale.ROOT), "westeurope"));
            rg.putObject("properties").put("provisioningState", "Succeeded");
            return new Answer(200, rg);
        }
        return null;
    }

    // ------------------------------------------------------------------------------------- Automation

    private Answer suc(String method, String account, String name, Map<String, String> query, byte[] body,
                       String endpoint, int pageSize, String path) throws java.io.IOException {
        if (!query.containsKey("api-version")) {
            return error(400, "MissingApiVersionParameter", "The api-version query parameter is required.");
        }
        if (name == null) {
            if (!method.equals("GET")) {
                return error(405, "MethodNotAllowed", method + " is not allowed on the collection");
            }
            String prefix = account.toLowerCase(Locale.ROOT) + "/softwareupdateconfigurations/";
            List<ObjectNode> all = new ArrayList<>();
            sucs.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    all.add(listItem(v));
                }
            });
            return page(all, query, endpoint, path, pageSize);
        }
        String key = (account + "/softwareUpdateConfigurations/" + name).toLowerCase(Locale.ROOT);
        switch (method) {
            case "GET" -> {
                ObjectNode s = sucs.get(key);
                return s == null ? error(404, "NotFound", "Software update configuration '" + name + "' not found.")
                        : new Answer(200, withNextRun(s.deepCopy()));
            }
            case "DELETE" -> {
                ObjectNode s = sucs.remove(key);
                if (s != null) {
                    countApplied(method, path);
                }
                return new Answer(s == null ? 204 : 200, JSON.createObjectNode());
            }
            case "PUT" -> {
                JsonNode req = JSON.readTree(body);
                JsonNode uc = req.path("properties").path("updateConfiguration");
                JsonNode si = req.path("properties").path("scheduleInfo");
                if (!uc.has("operatingSystem") || !si.hasNonNull("startTime")) {
                    return error(400, "BadRequest", "properties.updateConfiguration.operatingSystem and "
                            + "properties.scheduleInfo.startTime are required.");
                }
                ObjectNode stored = storeSuc(account, name, req);
                countApplied(method, path);
                boolean existed = sucs.put(key, stored) != null;
                return new Answer(existed ? 200 : 201, withNextRun(stored.deepCopy()));
            }
            default -> {
                return error(405, "MethodNotAllowed", method + " is not allowed");
            }
        }
    }

    private ObjectNode storeSuc(String account, String name, JsonNode req) {
        ObjectNode s = JSON.createObjectNode();
        s.put("id", account + "/softwareUpdateConfigurations/" + name);
        s.put("name", name);
        s.put("type", "Microsoft.Automation/AutomationAccounts/softwareUpdateConfigurations");
        ObjectNode p = s.putObject("properties");
        p.set("updateConfiguration", req.path("properties").path("updateConfiguration").deepCopy());
        ObjectNode si = req.path("properties").path("scheduleInfo").deepCopy();
        // the service re-expresses the start in the schedule's zone, seconds truncated
        OffsetDateTime start = OffsetDateTime.parse(si.get("startTime").asText()).withSecond(0).withNano(0);
        String tz = si.path("timeZone").asText("UTC");
        ZoneId zone;
        try {
            zone = ZoneId.of(tz);
        } catch (java.time.DateTimeException e) {
            zone = java.time.ZoneOffset.UTC;
        }
        OffsetDateTime local = start.atZoneSameInstant(zone).toOffsetDateTime();
        si.put("startTime", OFFSET.format(local));
        si.put("startTimeOffsetMinutes", local.getOffset().getTotalSeconds() / 60);
        if (!si.has("isEnabled")) {
            si.put("isEnabled", false);
        }
        p.set("scheduleInfo", si);
        p.put("provisioningState", "Succeeded");
        p.put("creationTime", now.toString());
        p.put("lastModifiedTime", now.toString());
        return s;
    }

    /** Sets {@code scheduleInfo.nextRun}: the start while it is ahead and enabled (OneTime), else null. */
    private ObjectNode withNextRun(ObjectNode s) {
        ObjectNode si = (ObjectNode) s.path("properties").path("scheduleInfo");
        String start = si.path("startTime").asText(null);
        boolean pending = start != null && si.path("isEnabled").asBoolean(false)
                && OffsetDateTime.parse(start).toInstant().isAfter(now);
        if (pending) {
            si.put("nextRun", start);
        } else {
            si.putNull("nextRun");
        }
        return s;
    }

    private ObjectNode listItem(ObjectNode stored) {
        ObjectNode full = withNextRun(stored.deepCopy());
        ObjectNode item = JSON.createObjectNode();
        item.put("name", full.path("name").asText());
        item.put("id", full.path("id").asText());
        ObjectNode p = item.putObject("properties");
        JsonNode uc = full.path("properties").path("updateConfiguration");
        ObjectNode reduced = p.putObject("updateConfiguration");
        reduced.set("operatingSystem", uc.path("operatingSystem"));
        reduced.putNull("linux");
        reduced.set("duration", uc.path("duration"));
        reduced.set("azureVirtualMachines", uc.has("azureVirtualMachines") ? uc.get("azureVirtualMachines")
                : JSON.nullNode());
        reduced.set("nonAzureComputerNames", uc.has("nonAzureComputerNames") ? uc.get("nonAzureComputerNames")
                : JSON.nullNode());
        JsonNode si = full.path("properties").path("scheduleInfo");
        p.set("frequency", si.path("frequency"));
        p.set("startTime", si.path("startTime"));
        p.set("creationTime", full.path("properties").path("creationTime"));
        p.set("lastModifiedTime", full.path("properties").path("lastModifiedTime"));
        p.put("provisioningState", "Succeeded");
        p.set("nextRun", si.path("nextRun"));
        return item;
    }

    synchronized void seedSoftwareUpdateConfiguration(String accountId, String name, JsonNode body) {
        sucs.put((accountId + "/softwareUpdateConfigurations/" + name).toLowerCase(Locale.ROOT),
                storeSuc(accountId, name, body));
    }

    synchronized List<ObjectNode> softwareUpdateConfigurations() {
        List<ObjectNode> out = new ArrayList<>();
        sucs.values().forEach(s -> out.add(withNextRun(s.deepCopy())));
        return out;
    }

    // ------------------------------------------------------------------------------------- Maintenance

    private Answer configuration(String method, String group, String name, Map<String, String> query, byte[] body,
                                 String endpoint, int pageSize, String path) throws java.io.IOException {
        if (!query.containsKey("api-version")) {
            return error(400, "MissingApiVersionParameter", "The api-version query parameter is required.");
        }
        if (name == null) {
            if (!method.equals("GET")) {
                return error(405, "MethodNotAllowed", method + " is not allowed on the collection");
            }
            String prefix = group.toLowerCase(Locale.ROOT) + "/providers/microsoft.maintenance/maintenanceconfigurations/";
            List<ObjectNode> all = new ArrayList<>();
            configurations.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    all.add(v.deepCopy());
                }
            });
            return page(all, query, endpoint, path, pageSize);
        }
        String id = group + "/providers/Microsoft.Maintenance/maintenanceConfigurations/" + name;
        String key = id.toLowerCase(Locale.ROOT);
        switch (method) {
            case "GET" -> {
                ObjectNode c = configurations.get(key);
                return c == null ? error(404, "ResourceNotFound", "Maintenance configuration '" + name + "' not found.")
                        : new Answer(200, c.deepCopy());
            }
            case "DELETE" -> {
                ObjectNode c = configurations.remove(key);
                if (c != null) {
                    countApplied(method, path);
                }
                return new Answer(c == null ? 204 : 200, JSON.createObjectNode());
            }
            case "PUT" -> {
                JsonNode req = JSON.readTree(body);
                String invalid = invalidConfiguration(req);
                if (invalid != null) {
                    return error(400, "InvalidParameter", invalid);
                }
                ObjectNode c = JSON.createObjectNode();
                c.put("id", id);
                c.put("name", name);
                c.put("type", "Microsoft.Maintenance/maintenanceConfigurations");
                c.put("location", req.path("location").asText());
                if (req.has("tags")) {
                    c.set("tags", req.get("tags").deepCopy());
                }
                c.set("properties", req.path("properties").deepCopy());
                boolean existed = configurations.put(key, c) != null;
                countApplied(method, path);
                return new Answer(existed ? 200 : 201, c.deepCopy());
            }
            default -> {
                return error(405, "MethodNotAllowed", method + " is not allowed");
            }
        }
    }

    /** The checks the real service makes that matter here (Maintenance 2023-04-01, InGuestPatch limits). */
    static String invalidConfiguration(JsonNode req) {
        if (!req.hasNonNull("location") || req.get("location").asText().isEmpty()) {
            return "location is required";
        }
        JsonNode p = req.path("properties");
        if (!"InGuestPatch".equals(p.path("maintenanceScope").asText())) {
            return "maintenanceScope must be InGuestPatch here";
        }
        JsonNode w = p.path("maintenanceWindow");
        if (!START_DATE.matcher(w.path("startDateTime").asText()).matches()) {
            return "startDateTime must be 'yyyy-MM-dd HH:mm'";
        }
        Matcher d = HHMM.matcher(w.path("duration").asText());
        if (!d.matches()) {
            return "duration must be 'HH:mm'";
        }
        int minutes = Integer.parseInt(d.group(1)) * 60 + Integer.parseInt(d.group(2));
        if (minutes < 90 || minutes > 235) {
            return "duration must be from 01:30 to 03:55 for InGuestPatch";
        }
        String tz = w.path("timeZone").asText();
        if (!tz.equals("UTC") && com.ibm.icu.util.TimeZone.getIDForWindowsID(tz, null) == null) {
            return "timeZone '" + tz + "' is not a Windows time zone id";
        }
        if (!RECUR_WEEK.matcher(w.path("recurEvery").asText()).matches()) {
            return "recurEvery '" + w.path("recurEvery").asText() + "' is not a weekly recurrence";
        }
        return null;
    }

    private Answer assignment(String method, String machineId, String name, byte[] body, String path)
            throws java.io.IOException {
        ObjectNode machine = fleet.machines().stream()
                .filter(m -> m.path("id").asText().equalsIgnoreCase(machineId)).findFirst().orElse(null);
        if (machine == null) {
            return error(404, "ResourceNotFound", "The Resource '" + machineId + "' was not found.");
        }
        if (name == null) {
            ArrayNode value = JSON.createArrayNode();
            String prefix = machineId.toLowerCase(Locale.ROOT) + "/";
            assignments.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    value.add(v.deepCopy());
                }
            });
            ObjectNode out = JSON.createObjectNode();
            out.set("value", value);
            return new Answer(200, out);
        }
        String id = machineId + "/providers/Microsoft.Maintenance/configurationAssignments/" + name;
        String key = id.toLowerCase(Locale.ROOT);
        switch (method) {
            case "GET" -> {
                ObjectNode a = assignments.get(key);
                return a == null ? error(404, "ResourceNotFound", "Assignment '" + name + "' not found.")
                        : new Answer(200, a.deepCopy());
            }
            case "DELETE" -> {
                ObjectNode a = assignments.remove(key);
                if (a != null) {
                    countApplied(method, path);
                }
                return new Answer(a == null ? 204 : 200, JSON.createObjectNode());
            }
            case "PUT" -> {
                JsonNode req = JSON.readTree(body);
                String configId = req.path("properties").path("maintenanceConfigurationId").asText("");
                if (!configurations.containsKey(configId.toLowerCase(Locale.ROOT))) {
                    return error(400, "InvalidParameter", "maintenanceConfigurationId '" + configId
                            + "' does not refer to an existing maintenance configuration");
                }
                ObjectNode a = JSON.createObjectNode();
                a.put("id", id);
                a.put("name", name);
                a.put("type", "Microsoft.Maintenance/configurationAssignments");
                a.put("location", machine.path("location").asText());
                a.putObject("properties").put("maintenanceConfigurationId", configId).put("resourceId", machineId);
                boolean existed = assignments.put(key, a) != null;
                countApplied(method, path);
                return new Answer(existed ? 200 : 201, a.deepCopy());
            }
            default -> {
                return error(405, "MethodNotAllowed", method + " is not allowed");
            }
        }
    }

    synchronized List<ObjectNode> maintenanceConfigurations() {
        List<ObjectNode> out = new ArrayList<>();
        configurations.values().forEach(c -> out.add(c.deepCopy()));
        return out;
    }

    synchronized List<ObjectNode> configurationAssignments() {
        List<ObjectNode> out = new ArrayList<>();
        assignments.values().forEach(a -> out.add(a.deepCopy()));
        return out;
    }

    /** Rows of the Resource Graph {@code maintenanceresources} table (configuration assignments). */
    synchronized List<ObjectNode> maintenanceResources() {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode a : assignments.values()) {
            ObjectNode r = a.deepCopy();
            r.put("type", "microsoft.maintenance/configurationassignments");
            out.add(r);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------- Compute

    private Answer vm(String method, String id, byte[] body) throws java.io.IOException {
        ObjectNode machine = fleet.machines().stream()
                .filter(m -> m.path("id").asText().equalsIgnoreCase(id)).findFirst().orElse(null);
        if (machine == null) {
            return error(404, "ResourceNotFound", "The Resource '" + id + "' was not found.");
        }
        synchronized (machine) {
            if (method.equals("PATCH")) {
                JsonNode ps = JSON.readTree(body).path("properties").path("osProfile").path("linuxConfiguration")
                        .path("patchSettings");
                if (ps.isObject()) {
                    ObjectNode os = machine.with("properties").with("osProfile");
                    ObjectNode lc = os.with("linuxConfiguration");
                    ObjectNode current = lc.with("patchSettings");
                    merge(current, (ObjectNode) ps);
                }
                countApplied(method, id);
            }
            return new Answer(200, machine.deepCopy());
        }
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        from.fields().forEachRemaining(e -> {
            if (e.getValue().isObject() && into.get(e.getKey()) instanceof ObjectNode) {
                merge((ObjectNode) into.get(e.getKey()), (ObjectNode) e.getValue());
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }

    // ------------------------------------------------------------------------------------- helpers

    private static Answer page(List<ObjectNode> all, Map<String, String> query, String endpoint, String path,
                               int pageSize) {
        int offset = Integer.parseInt(query.getOrDefault("$skiptoken", "0"));
        int end = Math.min(all.size(), offset + pageSize);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode value = out.putArray("value");
        for (ObjectNode o : all.subList(Math.min(offset, all.size()), end)) {
            value.add(o);
        }
        if (end < all.size()) {
            out.put("nextLink", endpoint + path + "?api-version=" + query.get("api-version") + "&$skiptoken=" + end);
        }
        return new Answer(200, out);
    }

    static Answer error(int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        return new Answer(status, body);
    }

    static String local(LocalDateTime t) {
        return LOCAL.format(t);
    }
}
