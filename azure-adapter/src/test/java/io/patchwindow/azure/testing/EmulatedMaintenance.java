package io.patchwindow.azure.testing;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The emulated Maintenance resource provider, as the adapter's Update Manager backend uses it:
 * {@code maintenanceConfigurations} of a resource group (PUT validated as {@link #invalidConfiguration} says,
 * GET, LIST with {@code nextLink} paging, DELETE) and {@code configurationAssignments} under a VM or Arc machine
 * of the fleet (PUT: the configuration must exist; GET, LIST, DELETE), which Resource Graph's
 * {@code maintenanceresources} table shows ({@link #resourceGraphRows()}). Thread-safe (one lock).
 */
final class EmulatedMaintenance {
    private static final Pattern CONFIGURATION = Pattern.compile("(?i)(/subscriptions/[^/]+/resourceGroups/[^/]+)"
            + "/providers/Microsoft\\.Maintenance/maintenanceConfigurations(?:/([^/]+))?");
    private static final Pattern ASSIGNMENT = Pattern.compile("(?i)(/subscriptions/[^/]+/resourceGroups/[^/]+/providers/"
            + "(?:Microsoft\\.Compute/virtualMachines|Microsoft\\.HybridCompute/machines)/[^/]+)"
            + "/providers/Microsoft\\.Maintenance/configurationAssignments(?:/([^/]+))?");
    private static final Pattern START_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
    private static final Pattern HHMM = Pattern.compile("(\\d{2}):(\\d{2})");
    private static final Pattern RECUR_WEEK = Pattern.compile("(\\d*)Weeks? "
            + "(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
            + "(,(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))*");

    private final AzureFleet fleet;
    private final ArmPages pages;
    private final ResourceStore configurations;
    private final ResourceStore assignments;

    EmulatedMaintenance(AzureFleet fleet, ArmPages pages, RequestLog log) {
        this.fleet = fleet;
        this.pages = pages;
        this.configurations = new ResourceStore(log);
        this.assignments = new ResourceStore(log);
    }

    /** Answers a request for a configuration assignment, a maintenance configuration or their lists; else null. */
    synchronized Answer resource(Request r) throws IOException {
        String p = r.trimmedPath();
        Matcher m = ASSIGNMENT.matcher(p);
        if (m.matches()) {
            return assignment(r, m.group(1), m.group(2));
        }
        m = CONFIGURATION.matcher(p);
        if (m.matches()) {
            return configuration(r, m.group(1), m.group(2));
        }
        return null;
    }

    private Answer configuration(Request r, String group, String name) throws IOException {
        String method = r.method();
        if (!r.hasApiVersion()) {
            return Arm.missingApiVersion();
        }
        String collection = group + "/providers/Microsoft.Maintenance/maintenanceConfigurations/";
        if (name == null) {
            if (!method.equals("GET")) {
                return Answer.error(405, "MethodNotAllowed", method + " is not allowed on the collection");
            }
            return pages.page(configurations.under(collection, ObjectNode::deepCopy), r.trimmedPath(), r);
        }
        String id = collection + name;
        switch (method) {
            case "GET" -> {
                ObjectNode c = configurations.get(id);
                return c == null ? Answer.error(404, "ResourceNotFound", "Maintenance configuration '" + name
                        + "' not found.") : Answer.json(200, c.deepCopy());
            }
            case "DELETE" -> {
                return configurations.delete(r, id);
            }
            case "PUT" -> {
                JsonNode req = Arm.JSON.readTree(r.body());
                String invalid = invalidConfiguration(req);
                if (invalid != null) {
                    return Answer.error(400, "InvalidParameter", invalid);
                }
                ObjectNode c = Arm.JSON.createObjectNode();
                c.put("id", id);
                c.put("name", name);
                c.put("type", "Microsoft.Maintenance/maintenanceConfigurations");
                c.put("location", req.path("location").asText());
                if (req.has("tags")) {
                    c.set("tags", req.get("tags").deepCopy());
                }
                c.set("properties", req.path("properties").deepCopy());
                return configurations.put(r, id, c, c.deepCopy());
            }
            default -> {
                return Arm.methodNotAllowed(method);
            }
        }
    }

    /**
     * The checks the real service makes that matter here (Maintenance 2023-04-01, InGuestPatch limits):
     * a location, {@code InGuestPatch}, {@code startDateTime} as {@code yyyy-MM-dd HH:mm}, a duration from
     * 01:30 to 03:55, a Windows time zone id and a weekly {@code recurEvery}.
     *
     * @return what is wrong, null when nothing is
     */
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

    private Answer assignment(Request r, String machineId, String name) throws IOException {
        ObjectNode machine = EmulatedCompute.machine(fleet, machineId);
        if (machine == null) {
            return Arm.notFound(machineId);
        }
        if (name == null) {
            return Answer.json(200, Arm.valueList(assignments.under(machineId + "/", ObjectNode::deepCopy)));
        }
        String id = machineId + "/providers/Microsoft.Maintenance/configurationAssignments/" + name;
        switch (r.method()) {
            case "GET" -> {
                ObjectNode a = assignments.get(id);
                return a == null ? Answer.error(404, "ResourceNotFound", "Assignment '" + name + "' not found.")
                        : Answer.json(200, a.deepCopy());
            }
            case "DELETE" -> {
                return assignments.delete(r, id);
            }
            case "PUT" -> {
                JsonNode req = Arm.JSON.readTree(r.body());
                String configId = req.path("properties").path("maintenanceConfigurationId").asText("");
                if (!configurations.contains(configId)) {
                    return Answer.error(400, "InvalidParameter", "maintenanceConfigurationId '" + configId
                            + "' does not refer to an existing maintenance configuration");
                }
                ObjectNode a = Arm.JSON.createObjectNode();
                a.put("id", id);
                a.put("name", name);
                a.put("type", "Microsoft.Maintenance/configurationAssignments");
                a.put("location", machine.path("location").asText());
                a.putObject("properties").put("maintenanceConfigurationId", configId).put("resourceId", machineId);
                return assignments.put(r, id, a, a.deepCopy());
            }
            default -> {
                return Arm.methodNotAllowed(r.method());
            }
        }
    }

    /** @return the stored maintenance configurations, sorted by id */
    synchronized List<ObjectNode> configurations() {
        return configurations.all(ObjectNode::deepCopy);
    }

    /** @return the stored configuration assignments (on VMs and Arc machines), sorted by id */
    synchronized List<ObjectNode> assignments() {
        return assignments.all(ObjectNode::deepCopy);
    }

    /** @return the rows of Resource Graph's {@code maintenanceresources} table: the configuration assignments */
    synchronized List<ObjectNode> resourceGraphRows() {
        return assignments.all(a -> a.deepCopy().put("type", "microsoft.maintenance/configurationassignments"));
    }
}
