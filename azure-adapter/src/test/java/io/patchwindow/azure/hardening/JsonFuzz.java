package io.patchwindow.azure.hardening;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Generators of hostile JSON for the fuzz tests: mutations of a valid document (a value replaced by a value
 * of another type, a huge string, a huge number, 10,000 levels of nesting, a duplicate key, a removed or added
 * member), byte-level damage (truncation, non-UTF-8 bytes, random bytes), and random documents. Raw fragments
 * that a JSON writer refuses (deep nesting, duplicate keys, {@code NaN}) are spliced in as text through a
 * placeholder.
 */
final class JsonFuzz {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLACEHOLDER = "\u0000PW-FUZZ-PLACEHOLDER\u0000";

    /** Strings that break naive parsers, query builders and URL builders. */
    static final List<String> HOSTILE_STRINGS = List.of("", " ", "'", "\"", "' or 1=1 --", "\" | take 1 //",
            "| where true", "x\ny", "x\r\ny", "\t", "../../..", "..", ".", "?api-version=1", "#frag", "%2F", "%2e%2e",
            "a/b", "a\\b", "\u0000", "\u202Eevil", "\uD83D\uDE00", "\uD800", "ＣＥＮＴＯＳ", "centos", "CENTOS-Q-WED-12:00",
            "CENTOS-Q-WED-12:00\n", "1e400", "-0", "null", "true", "{}", "[]", "<script>", "${jndi:ldap://x}",
            "Bearer abc", "*", "kernel*", "-y", "--exclude=x", "openssl=1.0.2k", "systemd\uD800", "a b", "\u001b[2J",
            "x\u200by", "\u0085", "\u007f", "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/../providers/x/y/z");

    private JsonFuzz() {
    }

    /** A mutated document and what was done, for the failure message. */
    record Doc(byte[] bytes, String how) {
        String show() {
            return how + " :: " + Property.shorten(new String(bytes, StandardCharsets.UTF_8), 1500);
        }
    }

    /**
     * Damages a valid document in one of many ways.
     *
     * @param r the random source
     * @param base the valid document
     * @return the damaged document
     */
    static Doc mutate(SplittableRandom r, JsonNode base) {
        int kind = r.nextInt(10);
        try {
            switch (kind) {
                case 0:
                case 1:
                case 2: {
                    JsonNode copy = base.deepCopy();
                    String how = replaceRandomValue(r, copy, randomValue(r, 3));
                    return new Doc(JSON.writeValueAsBytes(copy), how);
                }
                case 3: {
                    JsonNode copy = base.deepCopy();
                    String raw = rawFragment(r);
                    String how = replaceRandomValue(r, copy, new TextNode(PLACEHOLDER));
                    String text = JSON.writeValueAsString(copy).replace(JSON.writeValueAsString(PLACEHOLDER), raw);
                    return new Doc(text.getBytes(StandardCharsets.UTF_8), how + " raw fragment "
                            + Property.shorten(raw, 80));
                }
                case 4: {
                    JsonNode copy = base.deepCopy();
                    String how = removeRandomMember(r, copy);
                    return new Doc(JSON.writeValueAsBytes(copy), how);
                }
                case 5: {
                    byte[] b = JSON.writeValueAsBytes(base);
                    int cut = r.nextInt(b.length);
                    return new Doc(Arrays.copyOf(b, cut), "truncated at byte " + cut + " of " + b.length);
                }
                case 6: {
                    byte[] b = JSON.writeValueAsBytes(base);
                    byte[][] bad = {{(byte) 0xC3, (byte) 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF},
                            {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {0}, {(byte) 0x80}};
                    byte[] ins = bad[r.nextInt(bad.length)];
                    int at = r.nextInt(b.length + 1);
                    byte[] out = new byte[b.length + ins.length];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(ins, 0, out, at, ins.length);
                    System.arraycopy(b, at, out, at + ins.length, b.length - at);
                    return new Doc(out, "inserted bytes " + Arrays.toString(ins) + " at " + at);
                }
                case 7: {
                    byte[] b = JSON.writeValueAsBytes(base);
                    int n = 1 + r.nextInt(8);
                    for (int i = 0; i < n; i++) {
                        b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                    }
                    return new Doc(b, n + " random bytes overwritten");
                }
                case 8: {
                    JsonNode copy = base.deepCopy();
                    String how = duplicateRandomKey(r, copy);
                    return new Doc(how.substring(how.indexOf('\u0001') + 1).getBytes(StandardCharsets.UTF_8),
                            how.substring(0, how.indexOf('\u0001')));
                }
                default: {
                    JsonNode random = randomValue(r, 6);
                    if (r.nextBoolean() && random.isObject()) {
                        ((ObjectNode) random).set(r.nextBoolean() ? "machines" : "updates", randomValue(r, 4));
                    }
                    return new Doc(JSON.writeValueAsBytes(random), "random document");
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A raw JSON fragment that writers refuse or that stress limits. */
    static String rawFragment(SplittableRandom r) {
        switch (r.nextInt(8)) {
            case 0: {
                int depth = 10_000;
                return "[".repeat(depth) + "]".repeat(depth);
            }
            case 1: {
                int depth = 10_000;
                return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            }
            case 2:
                return "{\"id\": \"a\", \"id\": \"b\", \"type\": 1, \"type\": \"Microsoft.Compute/virtualMachines\"}";
            case 3:
                return r.nextBoolean() ? "NaN" : "Infinity";
            case 4:
                return "1" + "0".repeat(2000) + "e99999";
            case 5:
                return "\"" + "x".repeat(1 + r.nextInt(3_000_000)) + "\"";
            case 6:
                return "\"\\ud800\\udc00\\ud800\"";
            default:
                return "-" + "9".repeat(400);
        }
    }

    /** A random JSON value of bounded depth: every type, hostile strings, big numbers. */
    static JsonNode randomValue(SplittableRandom r, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        int k = depth <= 0 ? r.nextInt(6) : r.nextInt(9);
        switch (k) {
            case 0:
                return f.nullNode();
            case 1:
                return f.booleanNode(r.nextBoolean());
            case 2:
                return r.nextBoolean() ? f.numberNode(r.nextLong()) : f.numberNode(r.nextDouble() * 1e300);
            case 3:
                return f.numberNode(new java.math.BigInteger(200, new java.util.Random(r.nextLong())));
            case 4:
                return f.textNode(HOSTILE_STRINGS.get(r.nextInt(HOSTILE_STRINGS.size())));
            case 5:
                return f.textNode(randomString(r, r.nextInt(40)));
            case 6: {
                ArrayNode a = f.arrayNode();
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    a.add(randomValue(r, depth - 1));
                }
                return a;
            }
            default: {
                ObjectNode o = f.objectNode();
                int n = r.nextInt(5);
                String[] keys = {"id", "name", "type", "location", "tags", "properties", "machines", "updates",
                        "patchAssessments", "deployments", "TimeGenerated", "ResourceId", "Product", "value", "error"};
                for (int i = 0; i < n; i++) {
                    o.set(r.nextBoolean() ? keys[r.nextInt(keys.length)] : randomString(r, 6), randomValue(r, depth - 1));
                }
                return o;
            }
        }
    }

    /** Random text over ASCII, controls, Latin, CJK, RTL marks and astral characters. */
    static String randomString(SplittableRandom r, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (r.nextInt(6)) {
                case 0:
                    sb.append((char) r.nextInt(0x20));
                    break;
                case 1:
                    sb.append((char) (0x20 + r.nextInt(0x5F)));
                    break;
                case 2:
                    sb.append((char) (0xA0 + r.nextInt(0x300)));
                    break;
                case 3:
                    sb.append((char) (0x4E00 + r.nextInt(0x100)));
                    break;
                case 4:
                    sb.append("\u202E\u200B\uFEFF".charAt(r.nextInt(3)));
                    break;
                default:
                    sb.appendCodePoint(0x1F600 + r.nextInt(0x40));
            }
        }
        return sb.toString();
    }

    /** Replaces a random value (not the root) by another; returns its JSON pointer. */
    static String replaceRandomValue(SplittableRandom r, JsonNode root, JsonNode replacement) {
        List<String[]> slots = new ArrayList<>();
        List<JsonNode> parents = new ArrayList<>();
        collect(root, "", slots, parents);
        if (slots.isEmpty()) {
            return "(nothing to replace)";
        }
        int i = r.nextInt(slots.size());
        JsonNode parent = parents.get(i);
        String key = slots.get(i)[1];
        if (parent.isObject()) {
            ((ObjectNode) parent).set(key, replacement);
        } else {
            ((ArrayNode) parent).set(Integer.parseInt(key), replacement);
        }
        return "replaced " + slots.get(i)[0] + " by " + Property.shorten(replacement.toString(), 120);
    }

    static String removeRandomMember(SplittableRandom r, JsonNode root) {
        List<String[]> slots = new ArrayList<>();
        List<JsonNode> parents = new ArrayList<>();
        collect(root, "", slots, parents);
        for (int tries = 0; tries < 20 && !slots.isEmpty(); tries++) {
            int i = r.nextInt(slots.size());
            JsonNode parent = parents.get(i);
            if (parent.isObject()) {
                ((ObjectNode) parent).remove(slots.get(i)[1]);
                return "removed " + slots.get(i)[0];
            }
            ((ArrayNode) parent).remove(Integer.parseInt(slots.get(i)[1]));
            return "removed element " + slots.get(i)[0];
        }
        return "(nothing removed)";
    }

    /** @return {@code how \u0001 text}: the document with one object key written twice (other value). */
    static String duplicateRandomKey(SplittableRandom r, JsonNode root) throws JsonProcessingException {
        List<String[]> slots = new ArrayList<>();
        List<JsonNode> parents = new ArrayList<>();
        collect(root, "", slots, parents);
        List<Integer> objectSlots = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            if (parents.get(i).isObject()) {
                objectSlots.add(i);
            }
        }
        int i = objectSlots.get(r.nextInt(objectSlots.size()));
        ObjectNode parent = (ObjectNode) parents.get(i);
        String key = slots.get(i)[1];
        parent.put(PLACEHOLDER, 0);
        String dup = JSON.writeValueAsString(key) + ": " + JSON.writeValueAsString(randomValue(r, 2));
        String text = JSON.writeValueAsString(root).replace(JSON.writeValueAsString(PLACEHOLDER) + ":0", dup);
        return "duplicated key " + slots.get(i)[0] + "\u0001" + text;
    }

    private static void collect(JsonNode node, String pointer, List<String[]> slots, List<JsonNode> parents) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = pointer + "/" + e.getKey();
                slots.add(new String[] {p, e.getKey()});
                parents.add(node);
                collect(e.getValue(), p, slots, parents);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String p = pointer + "/" + i;
                slots.add(new String[] {p, Integer.toString(i)});
                parents.add(node);
                collect(node.get(i), p, slots, parents);
            }
        }
    }
}
