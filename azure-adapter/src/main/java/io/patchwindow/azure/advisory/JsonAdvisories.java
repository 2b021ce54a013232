package io.patchwindow.azure.advisory;

import java.io.IOException;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.patchwindow.core.text.Quoting;

/**
 * Reads a JSON advisory file with Jackson's streaming parser: one OSV or CSAF document (an object), or an
 * array of them, read one advisory at a time (each advisory is a small tree; the array never is).
 */
final class JsonAdvisories {
    /** Never closes the stream it reads (a zip entry's stream belongs to the archive). */
    private static final ObjectMapper MAPPER = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamReadFeature.AUTO_CLOSE_SOURCE).build());

    private JsonAdvisories() {
    }

    /**
     * Reads one JSON file.
     *
     * @param in the decompressed bytes
     * @param file the file as named, for messages
     * @param sink receives the advisories, counted per format
     * @param lenient whether JSON of another kind is skipped rather than refused
     * @return the format of the first advisory, or null when skipped (or an empty array)
     */
    static @Nullable AdvisoryFormat read(InputStream in, String file, Tally sink, boolean lenient) {
        try (JsonParser p = MAPPER.getFactory().createParser(in)) {
            JsonToken first = p.nextToken();
            AdvisoryFormat format = null;
            if (first == JsonToken.START_OBJECT) {
                format = document(MAPPER.readTree(p), "$", file, sink, lenient);
            } else if (first == JsonToken.START_ARRAY) {
                int i = 0;
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
                    if (t != JsonToken.START_OBJECT) {
                        throw new AdvisoryFileException(file, "$[" + i + "]", "a " + t.asString()
                                + " in the array; expected an OSV or CSAF object", null);
                    }
                    AdvisoryFormat f = document(MAPPER.readTree(p), "$[" + i + "]", file, sink, false);
                    format = format == null ? f : format;
                }
            } else {
                throw new AdvisoryFileException(file, "$", "the document is not an object or an array;"
                        + " expected an OSV or CSAF object, or an array of OSV objects", null);
            }
            if (p.nextToken() != null) {
                throw new AdvisoryFileException(file, location(p.currentLocation()),
                        "content after the end of the document; expected one JSON value", null);
            }
            return format;
        } catch (JsonProcessingException e) {
            throw new AdvisoryFileException(file, location(e.getLocation()), "not well-formed JSON: "
                    + e.getOriginalMessage() + "; expected a complete OSV or CSAF document", e);
        } catch (IOException e) {
            throw new AdvisoryFileException(file, "", "cannot be read: " + e.getMessage(), e);
        }
    }

    private static @Nullable AdvisoryFormat document(JsonNode node, String path, String file, Tally sink,
                                                     boolean lenient) {
        JsonNode document = node.get("document");
        if (document != null && document.has("csaf_version")) {
            CsafReader.read(node, path, file, sink.to(AdvisoryFormat.CSAF));
            return AdvisoryFormat.CSAF;
        }
        if (node.has("id") && (node.has("affected") || node.has("schema_version") || node.has("modified"))) {
            OsvReader.read(node, path, file, sink.to(AdvisoryFormat.OSV));
            return AdvisoryFormat.OSV;
        }
        if (lenient) {
            return null;
        }
        throw new AdvisoryFileException(file, path, "neither an OSV entry (id, modified, affected) nor a CSAF document"
                + " (document.csaf_version); expected one of those", null);
    }

    /** {@code line:column} of a parser location. */
    static String location(@Nullable JsonLocation l) {
        return l == null || l.getLineNr() < 0 ? "" : l.getLineNr() + ":" + l.getColumnNr();
    }

    /** A field's text, null when absent or JSON null; an error at its path when it is not a string. */
    static @Nullable String text(JsonNode parent, String field, String path, String file) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new AdvisoryFileException(file, path + "." + field, "a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                    + " " + Quoting.quote(v.toString()) + "; expected a string", null);
        }
        return v.textValue();
    }

    /** A field that must be an array when present; an empty array when absent. */
    static JsonNode array(JsonNode parent, String field, String path, String file) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return MAPPER.createArrayNode();
        }
        if (!v.isArray()) {
            throw new AdvisoryFileException(file, path + "." + field, "a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                    + "; expected an array", null);
        }
        return v;
    }

    /** A field that must be an object when present; a missing node when absent. */
    static JsonNode object(JsonNode parent, String field, String path, String file) {
        JsonNode v = parent.path(field);
        if (!v.isMissingNode() && !v.isNull() && !v.isObject()) {
            throw new AdvisoryFileException(file, path + "." + field, "a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                    + "; expected an object", null);
        }
        return v;
    }
}
