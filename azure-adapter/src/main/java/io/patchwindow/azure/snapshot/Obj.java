package io.patchwindow.azure.snapshot;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchwindow.core.text.Quoting;
import org.jspecify.annotations.Nullable;

/**
 * A JSON object of the snapshot with its path, offering typed reads whose failures name the path.
 * Missing and {@code null} members read as absent; a member of the wrong type is an error.
 */
final class Obj {
    private final String file;
    private final JsonNode node;
    // The path is built when a message needs it: objects are read by the hundred thousand, errors are rare.
    private final @Nullable Obj parent;
    private final @Nullable String member;
    private @Nullable String path;

    Obj(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.parent = null;
        this.member = null;
    }

    private Obj(Obj parent, String member, JsonNode node) {
        this.file = parent.file;
        this.node = node;
        this.parent = parent;
        this.member = member;
    }

    String path() {
        String p = path;
        if (p == null) {
            p = JsonPaths.field(java.util.Objects.requireNonNull(parent).path(), java.util.Objects.requireNonNull(member));
            path = p;
        }
        return p;
    }

    String at(String name) {
        return JsonPaths.field(path(), name);
    }

    boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    SnapshotException error(String memberPath, String problem) {
        return new SnapshotException(file, memberPath, problem, null);
    }

    SnapshotException error(String memberPath, String problem, Throwable cause) {
        return new SnapshotException(file, memberPath, problem, cause);
    }

    boolean isArray(String name) {
        JsonNode v = node.get(name);
        return v != null && v.isArray();
    }

    /** A string member, or null when missing or null. */
    @Nullable String text(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw error(at(name), "expected a string, found " + describe(v));
        }
        return v.textValue();
    }

    /** A string member that must be present and not blank. */
    String requiredText(String name, String expected) {
        String v = text(name);
        if (v == null) {
            throw error(at(name), "missing; expected " + expected);
        }
        if (v.isBlank()) {
            throw error(at(name), "empty; expected " + expected);
        }
        return v;
    }

    /** A boolean member, or null when missing or null. */
    @Nullable Boolean bool(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw error(at(name), "expected true or false, found " + describe(v));
        }
        return v.booleanValue();
    }

    /** An object member, or null when missing or null. */
    @Nullable Obj obj(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw error(at(name), "expected an object, found " + describe(v));
        }
        return new Obj(this, name, v);
    }

    /** An array of strings, empty when missing or null; null elements are skipped. */
    List<String> textList(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw error(at(name), "expected an array of strings, found " + describe(v));
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (e.isNull()) {
                continue;
            }
            if (!e.isTextual()) {
                throw error(JsonPaths.index(at(name), i), "expected a string, found " + describe(e));
            }
            out.add(e.textValue());
        }
        return out;
    }

    /** An object of string values (resource tags), empty when missing or null. */
    Map<String, String> textMap(String name) {
        Obj o = obj(name);
        if (o == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        var it = o.node.fields();
        while (it.hasNext()) {
            var e = it.next();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                out.put(e.getKey(), "");
            } else if (v.isTextual()) {
                out.put(e.getKey(), v.textValue());
            } else {
                throw o.error(o.at(e.getKey()), "expected a string tag value, found " + describe(v));
            }
        }
        return out;
    }

    /** A date-time member with an offset, or null when missing or null. */
    @Nullable OffsetDateTime dateTime(String name) {
        String v = text(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Times.parse(v.strip());
        } catch (DateTimeException e) {
            throw error(at(name), "invalid date-time " + Quoting.quote(v)
                    + "; expected ISO-8601 with an offset, e.g. 2026-11-25T08:00:00Z", e);
        }
    }

    /** A date-time member that must be present. */
    Instant requiredInstant(String name) {
        OffsetDateTime t = dateTime(name);
        if (t == null) {
            throw error(at(name), (has(name) ? "empty" : "missing")
                    + "; expected an ISO-8601 date-time with an offset, e.g. 2026-11-25T08:00:00Z");
        }
        return t.toInstant();
    }

    static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "a string";
        }
        if (v.isNumber()) {
            return "a number";
        }
        if (v.isBoolean()) {
            return "a boolean";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isObject()) {
            return "an object";
        }
        return "null";
    }
}
