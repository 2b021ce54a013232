package io.patchwindow.azure.testing;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The emulated ARM inventory, as the adapter's inventory and patch-mode fix use it: {@code GET /subscriptions},
 * the VMs and Arc machines of a subscription ({@code nextLink} paging), one VM's {@code GET} and its
 * {@code PATCH} of {@code osProfile.linuxConfiguration.patchSettings} (merged into the fleet's machine), and a
 * resource group's {@code GET} (its location). Thread-safe (a machine is locked while patched or copied).
 */
final class EmulatedCompute {
    private static final Pattern VM = Pattern.compile("(?i)/subscriptions/[^/]+/resourceGroups/[^/]+/providers/"
            + "Microsoft\\.Compute/virtualMachines/[^/]+");
    private static final Pattern RESOURCE_GROUP = Pattern.compile("(?i)/subscriptions/([^/]+)/resourceGroups/([^/]+)");
    private static final String VIRTUAL_MACHINES = "Microsoft.Compute/virtualMachines";
    private static final String ARC_MACHINES = "Microsoft.HybridCompute/machines";

    private final AzureFleet fleet;
    private final ArmPages pages;
    private final RequestLog log;
    private final Map<String, String> resourceGroupLocations = new ConcurrentHashMap<>();

    EmulatedCompute(AzureFleet fleet, ArmPages pages, RequestLog log) {
        this.fleet = fleet;
        this.pages = pages;
        this.log = log;
    }

    void resourceGroupLocation(String resourceGroupId, String location) {
        resourceGroupLocations.put(Arm.lower(resourceGroupId), location);
    }

    /** Answers a VM's {@code GET} or {@code PATCH} and a resource group's {@code GET}; null for other requests. */
    Answer resource(Request r) throws IOException {
        String p = r.trimmedPath();
        if (VM.matcher(p).matches() && (r.method().equals("PATCH") || r.method().equals("GET"))) {
            return vm(r, p);
        }
        Matcher m = RESOURCE_GROUP.matcher(p);
        if (m.matches() && r.method().equals("GET")) {
            if (!knownSubscription(m.group(1))) {
                return subscriptionNotFound(m.group(1));
            }
            ObjectNode rg = Arm.JSON.createObjectNode().put("id", p).put("name", m.group(2))
                    .put("type", "Microsoft.Resources/resourceGroups")
                    .put("location", resourceGroupLocations.getOrDefault(Arm.lower(p), "westeurope"));
            rg.putObject("properties").put("provisioningState", "Succeeded");
            return Answer.json(200, rg);
        }
        return null;
    }

    /** Answers the list of subscriptions and a subscription's VMs or Arc machines; null for other requests. */
    Answer list(Request r) {
        if (!r.method().equals("GET")) {
            return null;
        }
        if (r.lowerPath().equals("/subscriptions")) {
            ArrayNode value = Arm.JSON.createArrayNode();
            for (String s : fleet.subscriptions()) {
                value.addObject().put("id", "/subscriptions/" + s).put("subscriptionId", s)
                        .put("displayName", "sub " + s.substring(0, 8)).put("state", "Enabled")
                        .put("tenantId", AzureEmulator.TENANT_ID);
            }
            ObjectNode out = Arm.JSON.createObjectNode();
            out.set("value", value);
            return Answer.json(200, out);
        }
        // /subscriptions/{s}/providers/{namespace}/{type}
        String[] seg = r.trimmedPath().substring(1).split("/");
        if (seg.length != 5 || !seg[0].equalsIgnoreCase("subscriptions") || !seg[2].equalsIgnoreCase("providers")) {
            return null;
        }
        String type = seg[3] + "/" + seg[4];
        for (String machines : List.of(VIRTUAL_MACHINES, ARC_MACHINES)) {
            if (type.equalsIgnoreCase(machines)) {
                return machines(r, seg[1], machines);
            }
        }
        return null;
    }

    private Answer machines(Request r, String subscription, String type) {
        if (!r.hasApiVersion()) {
            return Arm.missingApiVersion();
        }
        if (!knownSubscription(subscription)) {
            return subscriptionNotFound(subscription);
        }
        String prefix = "/subscriptions/" + Arm.lower(subscription) + "/";
        List<ObjectNode> all = fleet.machines().stream()
                .filter(m -> m.path("type").asText().equalsIgnoreCase(type))
                .filter(m -> Arm.lower(m.path("id").asText()).startsWith(prefix))
                .collect(Collectors.toList());
        return pages.page(all, r.path(), r);
    }

    private Answer vm(Request r, String id) throws IOException {
        ObjectNode machine = machine(fleet, id);
        if (machine == null) {
            return Arm.notFound(id);
        }
        synchronized (machine) {
            if (r.method().equals("PATCH")) {
                JsonNode ps = Arm.JSON.readTree(r.body()).path("properties").path("osProfile")
                        .path("linuxConfiguration").path("patchSettings");
                if (ps.isObject()) {
                    ObjectNode current = machine.with("properties").with("osProfile").with("linuxConfiguration")
                            .with("patchSettings");
                    merge(current, (ObjectNode) ps);
                }
                log.applied(r);
            }
            return Answer.json(200, machine.deepCopy());
        }
    }

    /** @return the fleet's machine of this id (any case), null when there is none */
    static ObjectNode machine(AzureFleet fleet, String id) {
        return fleet.machines().stream().filter(m -> m.path("id").asText().equalsIgnoreCase(id)).findFirst()
                .orElse(null);
    }

    private boolean knownSubscription(String subscription) {
        return fleet.subscriptions().stream().anyMatch(subscription::equalsIgnoreCase);
    }

    private static Answer subscriptionNotFound(String subscription) {
        return Answer.error(404, "SubscriptionNotFound", "The subscription '" + subscription + "' could not be found.");
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
}
