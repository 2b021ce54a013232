package io.patchwindow.azure.testing;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An answer of an emulated service, sent by the {@link Router} as {@code application/json; charset=utf-8}.
 *
 * @param status the HTTP status
 * @param body the body bytes (empty: no body)
 * @param headers the headers to set besides {@code Content-Type}
 */
record Answer(int status, byte[] body, Map<String, String> headers) {

    /** A JSON answer with an {@code x-ms-request-id}, as ARM, Resource Graph and their errors have. */
    static Answer json(int status, JsonNode body) {
        try {
            return new Answer(status, Arm.JSON.writeValueAsBytes(body),
                    Map.of("x-ms-request-id", UUID.randomUUID().toString()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An ARM error answer: {@code {"error": {"code": ..., "message": ...}}}. */
    static Answer error(int status, String code, String message) {
        ObjectNode body = Arm.JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        return json(status, body);
    }

    /** An answer of these bytes and no other header. */
    static Answer raw(int status, byte[] body) {
        return new Answer(status, body, Map.of());
    }

    /** @return this answer with one more header (replacing one of the same name) */
    Answer withHeader(String name, String value) {
        return withHeaders(Map.of(name, value));
    }

    /** @return this answer with more headers (replacing those of the same names) */
    Answer withHeaders(Map<String, String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new Answer(status, body, all);
    }

    @Override
    public String toString() {
        return status + " " + new String(body, StandardCharsets.UTF_8);
    }
}
