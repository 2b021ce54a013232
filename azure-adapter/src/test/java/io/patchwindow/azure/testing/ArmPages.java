package io.patchwindow.azure.testing;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ARM list paging, shared by every emulated ARM list: {@code value} holds at most {@link #size(int)} items and
 * {@code nextLink} continues with {@code $skiptoken=<offset>}.
 */
final class ArmPages {
    private final String endpoint;
    private volatile int size = 100;

    /** @param endpoint the emulator's base URL, the start of each {@code nextLink} */
    ArmPages(String endpoint) {
        this.endpoint = endpoint;
    }

    void size(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size < 1");
        }
        this.size = size;
    }

    /**
     * Answers the page a request asks for.
     *
     * @param all every item of the list, in order
     * @param path the path the {@code nextLink} repeats
     * @param request the request ({@code api-version}, {@code $skiptoken})
     * @return a 200 answer
     */
    Answer page(List<ObjectNode> all, String path, Request request) {
        int offset = Integer.parseInt(request.query().getOrDefault("$skiptoken", "0"));
        int end = Math.min(all.size(), offset + size);
        ObjectNode out = Arm.JSON.createObjectNode();
        ArrayNode value = out.putArray("value");
        for (ObjectNode o : all.subList(Math.min(offset, all.size()), end)) {
            value.add(o);
        }
        if (end < all.size()) {
            out.put("nextLink", endpoint + path + "?api-version=" + request.query().get("api-version")
                    + "&$skiptoken=" + end);
        }
        return Answer.json(200, out);
    }
}
