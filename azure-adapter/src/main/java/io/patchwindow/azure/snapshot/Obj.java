package io.patchwindow.azure.snapshot;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.patchwindow.core.text.Quoting;
import org.jspecify.annotations.Nullable;

/**
 * A JSON object of the snapshot with its path, offering typed reads whose failures name the path.
 * Missing and {@code null} members read as absent; a member of the wrong type is an error.
 */
final class Obj {
    private final String file;
    private final Map<String, Object> node;
    // The path is built when a message needs it: objects are read by the hundred thousand, errors are rare.
    private final @Nullable Obj parent;
    private final @Nullable String member;
    private @Nullable String path;

    Obj(String file, String path, Map<String, Object> node) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.parent = null;
        this.member = null;
    }

    private Obj(Obj parent, String member, Map<String, Object> node) {
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
        Object v = node.get(name);
        return v != null && v != Tree.NULL;
    }

    SnapshotException error(String memberPath, String problem) {
        return new SnapshotException(file, memberPath, problem, null);
    }

    SnapshotException error(String memberPath, String problem, Throwable cause) {
        return new SnapshotException(file, memberPath, problem, cause);
    }

    boolean isArray(String name) {
        Object v = node.get(name);
        return v instanceof List;
    }

    /** A string member, or null when missing or null. */
    @Nullable String text(String name) {
        Object v = node.get(name);
        if (v == null || v == Tree.NULL) {
            return null;
        }
        if (!(v instanceof String)) {
            throw error(at(name), "expected a string, found " + Tree.describe(v));
        }
        return (String) v;
    }

    /** A string member that must be present, blank or not. */
    String presentText(String name, String expected) {
        String v = text(name);
        if (v == null) {
            throw error(at(name), "missing; expected " + expected);
        }
        return v;
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
        Object v = node.get(name);
        if (v == null || v == Tree.NULL) {
            return null;
        }
        if (!(v instanceof Boolean)) {
            throw error(at(name), "expected true or false, found " + Tree.describe(v));
        }
        return (Boolean) v;
    }

    /** An object member, or null when missing or null. */
    @Nullable Obj obj(String name) {
        Object v = node.get(name);
        if (v == null || v == Tree.NULL) {
            return null;
        }
        if (!(v instanceof Map)) {
            throw error(at(name), "expected an object, found " + Tree.describe(v));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> member = (Map<String, Object>) v;
        return new Obj(this, name, member);
    }

    /** An array of strings, empty when missing or null; null elements are skipped. */
    List<String> textList(String name) {
        Object v = node.get(name);
        if (v == null || v == Tree.NULL) {
            return List.of();
        }
        if (!(v instanceof List)) {
            throw error(at(name), "expected an array of strings, found " + Tree.describe(v));
        }
        List<?> list = (List<?>) v;
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object e = list.get(i);
            if (e == Tree.NULL) {
                continue;
            }
            if (!(e instanceof String)) {
                throw error(JsonPaths.index(at(name), i), "expected a string, found " + Tree.describe(e));
            }
            out.add((String) e);
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
        for (Map.Entry<String, Object> e : o.node.entrySet()) {
            Object v = e.getValue();
            if (v == Tree.NULL) {
                out.put(e.getKey(), "");
            } else if (v instanceof String) {
                out.put(e.getKey(), (String) v);
            } else {
                throw o.error(o.at(e.getKey()), "expected a string tag value, found " + Tree.describe(v));
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
            return OffsetDateTime.parse(v.strip());
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
}
