package io.patchwindow.azure.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The stored ARM resources of one kind, by lower-case id, and what {@code PUT} and {@code DELETE} of one of them
 * answer in every emulated service: 201 for a new resource and 200 for a replaced one, 200 for a deleted
 * resource and 204 when there was none; each change is counted as applied. Not thread-safe: the owning service
 * holds its lock around every call.
 */
final class ResourceStore {
    private final Map<String, ObjectNode> byKey = new TreeMap<>();
    private final RequestLog log;

    ResourceStore(RequestLog log) {
        this.log = log;
    }

    /** @return the stored resource (not a copy), null when there is none */
    ObjectNode get(String id) {
        return byKey.get(Arm.lower(id));
    }

    /**
     * Stores a resource as a {@code PUT} does.
     *
     * @param request the {@code PUT}
     * @param id the resource id
     * @param resource the resource as stored
     * @param answered the body answered
     * @return 201 when the id was new, else 200
     */
    Answer put(Request request, String id, ObjectNode resource, JsonNode answered) {
        boolean existed = byKey.put(Arm.lower(id), resource) != null;
        log.applied(request);
        return Answer.json(existed ? 200 : 201, answered);
    }

    /** Stores a resource without a request (seeding): nothing is counted. */
    void seed(String id, ObjectNode resource) {
        byKey.put(Arm.lower(id), resource);
    }

    /** @return 200 when the resource existed (counted as applied), else 204; the body is {@code {}} */
    Answer delete(Request request, String id) {
        ObjectNode removed = byKey.remove(Arm.lower(id));
        if (removed != null) {
            log.applied(request);
        }
        return Answer.json(removed == null ? 204 : 200, Arm.JSON.createObjectNode());
    }

    /** @return views of the resources whose id starts with a prefix (any case), by id */
    List<ObjectNode> under(String prefix, UnaryOperator<ObjectNode> view) {
        String lower = Arm.lower(prefix);
        List<ObjectNode> out = new ArrayList<>();
        byKey.forEach((k, v) -> {
            if (k.startsWith(lower)) {
                out.add(view.apply(v));
            }
        });
        return out;
    }

    /** @return views of all resources, by id */
    List<ObjectNode> all(UnaryOperator<ObjectNode> view) {
        return under("", view);
    }

    /** @return whether a resource of this id exists (any case) */
    boolean contains(String id) {
        return byKey.containsKey(Arm.lower(id));
    }
}
