package io.patchwindow.azure.testing;

import java.util.Collection;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the emulated services share of ARM's JSON: the mapper, ids, {@code value} lists and common errors. */
final class Arm {
    static final ObjectMapper JSON = new ObjectMapper();

    private Arm() {
    }

    /** @return the lower-case subscription of an ARM id ({@code /subscriptions/<s>/...}), empty when it has none */
    static String subscriptionOf(String id) {
        String[] seg = id.split("/");
        return seg.length > 2 ? seg[2].toLowerCase(Locale.ROOT) : "";
    }

    /** @return the text in lower case (ids are compared without case) */
    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** @return {@code {"value": [...]}} of these items, unpaged */
    static ObjectNode valueList(Collection<? extends JsonNode> items) {
        ObjectNode out = JSON.createObjectNode();
        out.putArray("value").addAll(items);
        return out;
    }

    /** @return the 400 of a request without {@code api-version} */
    static Answer missingApiVersion() {
        return Answer.error(400, "MissingApiVersionParameter", "The api-version query parameter is required.");
    }

    /** @return the 404 of a resource that does not exist */
    static Answer notFound(String id) {
        return Answer.error(404, "ResourceNotFound", "The Resource '" + id + "' was not found.");
    }

    /** @return the 405 of a method a resource does not take */
    static Answer methodNotAllowed(String method) {
        return Answer.error(405, "MethodNotAllowed", method + " is not allowed");
    }
}
