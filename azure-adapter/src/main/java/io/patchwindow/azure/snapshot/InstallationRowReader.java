package io.patchwindow.azure.snapshot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.patchwindow.azure.history.InstallationRows;
import io.patchwindow.core.report.RunSink;
import io.patchwindow.core.text.AsciiCase;

/**
 * Reads one row of the {@code installations} section from the token stream. The
 * {@code .../softwarepatches} rows (nearly all of them: one per package and machine) are mapped from the
 * tokens, without a tree: when a row's {@code id} and {@code type} come before its {@code properties} (as
 * Resource Graph and {@code export-snapshot} print them), the four members the report reads
 * ({@code patchName}, {@code version}, {@code installationState}, {@code classifications}) are taken as they
 * stream by and every other member is skipped. A member value other than a string or null is read as a tree
 * and converted as {@link InstallationRows#map} converts it. Every other row (summaries, {@code applyupdates},
 * Automation runs, or members in another order) is read as a tree and mapped by {@link InstallationRows#map},
 * the reference; {@code InstallationRowReaderTest} compares the two. Each row's type is lowered once per change of type, its id only where needed;
 * consecutive rows of one run share its installation and machine id strings
 * ({@link InstallationRows.PatchMapper}), and equal names, versions and classifications share one string, so
 * that what the report keeps of 2,000,000 rows is small. Not thread-safe: one per read.
 */
final class InstallationRowReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** How many distinct member texts are shared at most; past that, rows keep their own copies. */
    private static final int MAX_SHARED = 1 << 16;

    private final InstallationRows.PatchMapper patches = new InstallationRows.PatchMapper();
    /** Equal names, versions, states and classifications of the rows, shared: a smaller live set for the join. */
    private final Map<String, String> strings = new HashMap<>();
    private final Map<List<String>, List<String>> lists = new HashMap<>();
    private String lastType = "";
    private String lastLowerType = "";

    private @Nullable JsonNode idNode;
    private @Nullable JsonNode typeNode;
    private @Nullable JsonNode nameNode;
    private @Nullable JsonNode propertiesNode;
    private boolean streamed;
    private @Nullable String patchName;
    private @Nullable String version;
    private @Nullable String installationState;
    private List<String> classifications = List.of();

    /**
     * Reads the row the parser is on (its '{') up to its '}' and maps it into the sink.
     *
     * @throws IllegalArgumentException if the row cannot be mapped (the message names the member)
     * @throws IOException if the JSON is malformed
     */
    void read(JsonParser p, RunSink sink) throws IOException {
        idNode = null;
        typeNode = null;
        nameNode = null;
        propertiesNode = null;
        streamed = false;
        // the type is the same on nearly every row: lowered once per change; the id only where the type is
        // empty (isPatch then looks at the id) or the row starts another run (PatchMapper)
        String lowerType = "";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String member = p.currentName();
            JsonToken v = p.nextToken();
            switch (member) {
                case "id" -> idNode = value(p, v);
                case "type" -> {
                    typeNode = value(p, v);
                    lowerType = lowerType(text(typeNode));
                }
                case "name" -> nameNode = value(p, v);
                case "properties" -> {
                    if (v == JsonToken.START_OBJECT && idNode != null && typeNode != null
                            && isPatch(lowerType)) {
                        readPatchProperties(p);
                        streamed = true;
                        propertiesNode = null;
                    } else {
                        propertiesNode = value(p, v);
                        streamed = false;
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (streamed) {
            if (!isPatch(lowerType)) {
                throw new IllegalArgumentException("id, type: given again after properties; expected each member once");
            }
            sink.patch(patches.patch(text(idNode), patchName, version, installationState, classifications));
            return;
        }
        ObjectNode row = NODES.objectNode();
        put(row, "id", idNode);
        put(row, "type", typeNode);
        put(row, "name", nameNode);
        put(row, "properties", propertiesNode);
        InstallationRows.map(row, sink);
    }

    /** Reads the members of a software patch row's properties, the parser on its '{', up to its '}'. */
    private void readPatchProperties(JsonParser p) throws IOException {
        patchName = null;
        version = null;
        installationState = null;
        classifications = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String member = p.currentName();
            JsonToken v = p.nextToken();
            switch (member) {
                case "patchName" -> patchName = shared(text(p, v));
                case "version" -> version = shared(text(p, v));
                case "installationState" -> installationState = text(p, v);
                case "classifications" -> classifications = texts(p, v);
                default -> p.skipChildren();
            }
        }
    }

    /** {@link InstallationRows#isPatch} of the row read so far; the id is lowered only when the type is empty. */
    private boolean isPatch(String lowerType) {
        return InstallationRows.isPatch(lowerType, lowerType.isEmpty() ? lower(text(idNode)) : "");
    }

    /** A member's text as {@code ArmMachines.text} gives it: null for null, else the value's text. */
    private static @Nullable String text(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        return text(p.readValueAsTree());
    }

    /** The texts of an array's string elements, or of a single string; none for anything else. */
    private List<String> texts(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_STRING) {
            return shared(List.of(p.getText()));
        }
        if (v != JsonToken.START_ARRAY) {
            p.skipChildren();
            return List.of();
        }
        List<String> out = new ArrayList<>(2);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.VALUE_STRING) {
                out.add(p.getText());
            } else {
                p.skipChildren();
            }
        }
        return shared(out);
    }

    /** An immutable copy of the texts, or an equal list read before. */
    private List<String> shared(List<String> texts) {
        List<String> prev = lists.get(texts);
        if (prev != null) {
            return prev;
        }
        List<String> copy = List.copyOf(texts);
        if (lists.size() < MAX_SHARED) {
            lists.put(copy, copy);
        }
        return copy;
    }

    private static @Nullable JsonNode value(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_STRING) {
            return NODES.textNode(p.getText());
        }
        return v == JsonToken.VALUE_NULL ? NODES.nullNode() : p.readValueAsTree();
    }

    private static @Nullable String text(@Nullable JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asText();
    }

    private static String lower(@Nullable String s) {
        // ASCII letters only, as resource ids compare (AsciiCase): the lowered id keeps the id's length, so a
        // place found in one is the same place in the other (Unicode would lower 'İ' to two chars)
        return s == null ? "" : AsciiCase.lower(s);
    }

    /** {@link #lower} of a type, remembered for the next row of the same type. */
    private String lowerType(@Nullable String type) {
        if (type == null) {
            return "";
        }
        if (!type.equals(lastType)) {
            lastType = type;
            lastLowerType = lower(type);
        }
        return lastLowerType;
    }

    /** The text, or an equal one read before. */
    private @Nullable String shared(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String prev = strings.get(text);
        if (prev != null) {
            return prev;
        }
        if (strings.size() < MAX_SHARED) {
            strings.put(text, text);
        }
        return text;
    }

    private static void put(ObjectNode row, String member, @Nullable JsonNode value) {
        if (value != null) {
            row.set(member, value);
        }
    }
}
