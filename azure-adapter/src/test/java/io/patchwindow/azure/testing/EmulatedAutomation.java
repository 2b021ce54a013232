package io.patchwindow.azure.testing;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The emulated Automation account, as the adapter's Automation backend uses it:
 * {@code softwareUpdateConfigurations} (PUT: 201 new, 200 replaced, the start re-expressed in the schedule's
 * zone; GET with {@code nextRun} from {@link #now(Instant)}; LIST with {@code nextLink} paging in the reduced
 * list-item shape without package masks; DELETE: 200, or 204 when absent), the run lists
 * {@code softwareUpdateConfigurationRuns} and {@code softwareUpdateConfigurationMachineRuns} (seeded, one page,
 * {@code $filter} required and not evaluated) and {@code linkedWorkspace}. Thread-safe (one lock).
 */
final class EmulatedAutomation {
    private static final Pattern SUC = Pattern.compile("(?i)(/subscriptions/[^/]+/resourceGroups/[^/]+/providers/"
            + "Microsoft\\.Automation/automationAccounts/[^/]+)/softwareUpdateConfigurations(?:/([^/]+))?");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);

    private final AzureFleet fleet;
    private final ArmPages pages;
    private final ResourceStore configurations;
    private final Map<String, List<ObjectNode>> runs = new ConcurrentHashMap<>();
    private volatile Instant now = Instant.now();

    EmulatedAutomation(AzureFleet fleet, ArmPages pages, RequestLog log) {
        this.fleet = fleet;
        this.pages = pages;
        this.configurations = new ResourceStore(log);
    }

    void now(Instant instant) {
        this.now = instant;
    }

    /** Answers a request for a software update configuration or their list; null for other requests. */
    synchronized Answer resource(Request r) throws IOException {
        String p = r.trimmedPath();
        Matcher m = SUC.matcher(p);
        if (!m.matches()) {
            return null;
        }
        String account = m.group(1);
        String name = m.group(2);
        String method = r.method();
        if (!r.hasApiVersion()) {
            return Arm.missingApiVersion();
        }
        if (name == null) {
            if (!method.equals("GET")) {
                return Answer.error(405, "MethodNotAllowed", method + " is not allowed on the collection");
            }
            return pages.page(configurations.under(account + "/softwareUpdateConfigurations/", this::listItem), p, r);
        }
        switch (method) {
            case "GET" -> {
                ObjectNode s = configurations.get(p);
                return s == null ? Answer.error(404, "NotFound", "Software update configuration '" + name
                        + "' not found.") : Answer.json(200, withNextRun(s.deepCopy()));
            }
            case "DELETE" -> {
                return configurations.delete(r, p);
            }
            case "PUT" -> {
                JsonNode req = Arm.JSON.readTree(r.body());
                JsonNode uc = req.path("properties").path("updateConfiguration");
                JsonNode si = req.path("properties").path("scheduleInfo");
                if (!uc.has("operatingSystem") || !si.hasNonNull("startTime")) {
                    return Answer.error(400, "BadRequest", "properties.updateConfiguration.operatingSystem and "
                            + "properties.scheduleInfo.startTime are required.");
                }
                ObjectNode stored = stored(account, name, req);
                return configurations.put(r, p, stored, withNextRun(stored.deepCopy()));
            }
            default -> {
                return Arm.methodNotAllowed(method);
            }
        }
    }

    /** Answers the run lists and {@code linkedWorkspace}; null for other requests. */
    Answer read(Request r) {
        if (!r.method().equals("GET")) {
            return null;
        }
        String lower = r.lowerPath();
        if (lower.endsWith("/softwareupdateconfigurationruns") || lower.endsWith("/softwareupdateconfigurationmachineruns")) {
            if (!r.hasApiVersion() || !r.query().containsKey("$filter")) {
                return Answer.error(400, "BadRequest", "api-version and $filter are required by this emulator");
            }
            return Answer.json(200, Arm.valueList(runs.getOrDefault(lower, List.of())));
        }
        if (lower.endsWith("/linkedworkspace")) {
            String p = r.trimmedPath();
            String account = p.substring(0, p.length() - "/linkedWorkspace".length());
            String ws = fleet.linkedWorkspace(account);
            return ws == null ? Arm.notFound(account) : Answer.json(200, Arm.JSON.createObjectNode().put("id", ws));
        }
        return null;
    }

    synchronized void seedConfiguration(String accountId, String name, JsonNode body) {
        configurations.seed(accountId + "/softwareUpdateConfigurations/" + name, stored(accountId, name, body));
    }

    void seedRuns(String accountId, String collection, List<ObjectNode> items) {
        runs.computeIfAbsent(Arm.lower(accountId + "/" + collection), k -> new CopyOnWriteArrayList<>()).addAll(items);
    }

    /** @return the stored configurations as {@code GET} answers them, sorted by id */
    synchronized List<ObjectNode> configurations() {
        return configurations.all(s -> withNextRun(s.deepCopy()));
    }

    /** The configuration as the service stores a {@code PUT} body. */
    private ObjectNode stored(String account, String name, JsonNode req) {
        ObjectNode s = Arm.JSON.createObjectNode();
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
        } catch (DateTimeException e) {
            zone = ZoneOffset.UTC;
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

    /** The reduced shape of a list item: no package masks, {@code linux} null. */
    private ObjectNode listItem(ObjectNode stored) {
        ObjectNode full = withNextRun(stored.deepCopy());
        ObjectNode item = Arm.JSON.createObjectNode();
        item.put("name", full.path("name").asText());
        item.put("id", full.path("id").asText());
        ObjectNode p = item.putObject("properties");
        JsonNode uc = full.path("properties").path("updateConfiguration");
        ObjectNode reduced = p.putObject("updateConfiguration");
        reduced.set("operatingSystem", uc.path("operatingSystem"));
        reduced.putNull("linux");
        reduced.set("duration", uc.path("duration"));
        reduced.set("azureVirtualMachines", uc.has("azureVirtualMachines") ? uc.get("azureVirtualMachines")
                : Arm.JSON.nullNode());
        reduced.set("nonAzureComputerNames", uc.has("nonAzureComputerNames") ? uc.get("nonAzureComputerNames")
                : Arm.JSON.nullNode());
        JsonNode si = full.path("properties").path("scheduleInfo");
        p.set("frequency", si.path("frequency"));
        p.set("startTime", si.path("startTime"));
        p.set("creationTime", full.path("properties").path("creationTime"));
        p.set("lastModifiedTime", full.path("properties").path("lastModifiedTime"));
        p.put("provisioningState", "Succeeded");
        p.set("nextRun", si.path("nextRun"));
        return item;
    }
}
