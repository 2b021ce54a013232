package io.patchwindow.azure.snapshot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * JSON values as plain Java objects, read from a streaming parser: objects are {@code Map<String, Object>}
 * (member order kept; a repeated member keeps its first position and its last value, as Jackson's trees
 * do), arrays {@code List<Object>}, strings {@code String}, numbers {@code Number}, booleans
 * {@code Boolean}, and JSON null {@link #NULL}.
 *
 * <p>Only jackson-core is needed (no data-binding mapper), and these trees are smaller than Jackson's.
 */
final class Tree {
    /** JSON null. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private Tree() {
    }

    /**
     * Reads the value whose first token is the parser's current token; the parser is left on the value's
     * last token (as {@code JsonParser.readValueAsTree}). Nesting is bounded by the parser's constraints.
     */
    static Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new JsonParseException(p, "Unexpected end-of-input: expected a value");
        }
        switch (t) {
            case START_OBJECT:
                return object(p);
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == null) {
                        throw new JsonParseException(p, "Unexpected end-of-input: expected close marker for Array");
                    }
                    list.add(read(p));
                }
                return list;
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return p.getNumberValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return NULL;
            default:
                throw new JsonParseException(p, "Unexpected token " + t + ": expected a value");
        }
    }

    /** Reads an object whose START_OBJECT is the parser's current token; leaves the parser on END_OBJECT. */
    static Map<String, Object> object(JsonParser p) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            map.put(name, read(p));
        }
        if (t != JsonToken.END_OBJECT) {
            throw new JsonParseException(p, "Unexpected end-of-input: expected close marker for Object");
        }
        return map;
    }

    /** Describes a value's JSON type for messages: "a string", "a number", ..., "null". */
    static String describe(Object v) {
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Number) {
            return "a number";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof List) {
            return "an array";
        }
        if (v instanceof Map) {
            return "an object";
        }
        return "null";
    }
}
