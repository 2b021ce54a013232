package io.patchwindow.azure.snapshot;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import org.jspecify.annotations.Nullable;

/**
 * One streaming pass of Jackson's parser over a snapshot document: the top-level object is checked (an
 * object, each section once, the known sections arrays or {@code null}, nothing after it), the elements
 * of the wanted sections are handed over one at a time as {@link Obj}s, and the elements of the other
 * known sections are counted. Every problem is a {@link SnapshotException} with the JSON path; malformed
 * JSON carries the parser's message, line and column. Both the {@link SnapshotIndex} and the reference
 * reading of the rows ({@link AssessmentRows}) are such a pass.
 */
final class SnapshotParser {
    static final String MACHINES = "machines";
    static final String UPDATES = "updates";
    static final String PATCH_ASSESSMENTS = "patchAssessments";
    static final String DEPLOYMENTS = "deployments";

    static final JsonFactory JSON = JsonFactory.builder().build();
    /** Input buffer: large reads, fewer system calls over files of a gigabyte. */
    static final int BUFFER = 1 << 20;
    /** The Log Analytics columns read from {@code updates} rows; the others are skipped. */
    private static final Set<String> UPDATE_COLUMNS = Set.of("TimeGenerated", "ResourceId", "_ResourceId", "Computer",
            "Product", "ProductArch", "ProductVersion", "Classification", "UpdateState", "OSType");
    private static final String TOP_LEVEL = "a JSON object with the arrays 'machines', 'updates', "
            + "'patchAssessments' and 'deployments'";

    /** Receives one element of a wanted section. */
    @FunctionalInterface
    interface ElementHandler {
        void element(String section, Obj element);
    }

    /** Receives the element count of a known section, wanted or not. */
    @FunctionalInterface
    interface SectionCounter {
        void section(String section, long elements);
    }

    /** Wraps the file's stream, e.g. in a {@link SectionSkipper}; the parser reads what it returns. */
    @FunctionalInterface
    interface Filter {
        InputStream wrap(InputStream file);
    }

    private final String name;

    SnapshotParser(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Reads the document once.
     *
     * @param wanted the sections whose elements go to the handler
     * @param filter what the parser reads instead of the file, or null for the file itself
     */
    void read(Snapshot.Opener opener, Set<String> wanted, ElementHandler handler, @Nullable SectionCounter counter,
              @Nullable Filter filter) {
        JsonParser p = null;
        try (InputStream file = opener.open();
             InputStream in = filter != null ? filter.wrap(file) : new BufferedInputStream(file, BUFFER);
             JsonParser parser = JSON.createParser(in)) {
            p = parser;
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new SnapshotException(name, JsonPaths.ROOT, "the file is empty; expected " + TOP_LEVEL, null);
            }
            if (t != JsonToken.START_OBJECT) {
                throw new SnapshotException(name, JsonPaths.ROOT, "expected " + TOP_LEVEL + ", found " + describe(t),
                        null);
            }
            Set<String> seen = new HashSet<>();
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                String path = JsonPaths.field(JsonPaths.ROOT, key);
                if (!seen.add(key)) {
                    throw new SnapshotException(name, path, "duplicate key; expected each section once", null);
                }
                JsonToken v = p.nextToken();
                boolean known = key.equals(MACHINES) || key.equals(UPDATES) || key.equals(PATCH_ASSESSMENTS)
                        || key.equals(DEPLOYMENTS);
                if (!known) {
                    p.skipChildren();
                    continue;
                }
                if (v == JsonToken.VALUE_NULL && !key.equals(MACHINES)) {
                    continue; // an optional section given as null is absent
                }
                if (v != JsonToken.START_ARRAY) {
                    throw new SnapshotException(name, path, "expected an array of " + elementKind(key) + ", found "
                            + describe(v), null);
                }
                long count = 0;
                if (wanted.contains(key)) {
                    count = readElements(p, key, path, handler);
                } else {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        p.skipChildren();
                        count++;
                    }
                }
                if (counter != null) {
                    counter.section(key, count);
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new SnapshotException(name, JsonPaths.ROOT, "unexpected " + describe(t) + "; expected " + TOP_LEVEL,
                        null);
            }
            if (p.nextToken() != null) {
                throw new SnapshotException(name, JsonPaths.ROOT,
                        "unexpected content after the end of the top-level object; expected a single JSON document",
                        null);
            }
        } catch (StreamReadException e) {
            throw malformed(e.getProcessor() instanceof JsonParser ? (JsonParser) e.getProcessor() : p, e);
        } catch (JsonProcessingException e) {
            throw malformed(p, e);
        } catch (IOException e) {
            throw unreadable(name, e);
        }
    }

    /** The problem of a file that cannot be opened or read. */
    static SnapshotException unreadable(String name, IOException e) {
        return new SnapshotException(name, JsonPaths.ROOT, JsonProblems.unreadable(e), e);
    }

    /** Reads the elements of a wanted section, the parser after its '['; leaves it on ']'; their number. */
    private long readElements(JsonParser p, String key, String path, ElementHandler handler) throws IOException {
        long count = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            String elementPath = JsonPaths.index(path, (int) Math.min(count, Integer.MAX_VALUE));
            if (t != JsonToken.START_OBJECT) {
                throw new SnapshotException(name, elementPath, "expected an object (" + elementKind(key) + "), found "
                        + describe(t), null);
            }
            Map<String, Object> node = key.equals(UPDATES) ? readColumns(p) : Tree.object(p);
            handler.element(key, new Obj(name, elementPath, node));
            count++;
        }
        return count;
    }

    /**
     * Reads a row's members that are {@link #UPDATE_COLUMNS} as a tree; every other member is skipped
     * without being decoded (Log Analytics rows carry dozens of columns patchwindow never reads).
     */
    private static Map<String, Object> readColumns(JsonParser p) throws IOException {
        Map<String, Object> node = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String column = p.currentName();
            JsonToken v = p.nextToken();
            if (!UPDATE_COLUMNS.contains(column)) {
                p.skipChildren();
            } else if (v == JsonToken.VALUE_STRING) {
                node.put(column, p.getText());
            } else {
                node.put(column, Tree.read(p));
            }
        }
        return node;
    }

    private SnapshotException malformed(@Nullable JsonParser p, JsonProcessingException e) {
        String path = JsonPaths.ROOT;
        if (p != null) {
            JsonStreamContext ctx = p.getParsingContext();
            if (ctx != null) {
                path = JsonPaths.of(ctx);
            }
        }
        String where = "";
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            where = " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        }
        String detail = JsonProblems.describe(e.getOriginalMessage());
        return new SnapshotException(name, path, "malformed JSON" + where + ": " + detail
                + "; expected well-formed JSON (RFC 8259)", e);
    }

    private static String elementKind(String key) {
        switch (key) {
            case MACHINES:
                return "ARM resource objects (id, name, type, location, tags, properties)";
            case UPDATES:
                return "Log Analytics Update rows keyed by column name";
            case PATCH_ASSESSMENTS:
                return "Resource Graph patch assessment rows (id, type, properties)";
            default:
                return "software update configurations (id, name, type, properties)";
        }
    }

    private static String describe(@Nullable JsonToken t) {
        if (t == null) {
            return "the end of the file";
        }
        switch (t) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return t.asString() == null ? t.name() : "'" + t.asString() + "'";
        }
    }
}
