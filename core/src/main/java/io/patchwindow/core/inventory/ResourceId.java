package io.patchwindow.core.inventory;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.patchwindow.core.text.AsciiCase;
import io.patchwindow.core.text.Quoting;
import org.jspecify.annotations.Nullable;

/**
 * A parsed Azure Resource Manager id of a top-level resource, e.g.
 * {@code /subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm1}.
 *
 * <p>Ids are compared ignoring the case of ASCII letters: {@link #key()} is the id with {@code A-Z} lower-cased
 * and every other character kept (see {@link #key(String)}). Parsing is strict (the literal segments, the
 * provider namespace and the type in ASCII letters of any case, GUID subscription, one provider segment, a
 * resource group of letters, decimal digits and {@code . _ - ( )}, a name of letters, digits and
 * {@code . _ - ( ) ~}, neither ending with a period, as Azure requires, so never
 * {@code .} or {@code ..}), so an id can be used to build request URLs without splicing arbitrary user text
 * into them.
 *
 * @serial exclude
 * @param id the id as given (original case, no trailing slash)
 * @param subscriptionId the subscription GUID, lower case
 * @param resourceGroup the resource group name
 * @param namespace the provider namespace, e.g. {@code Microsoft.Compute}
 * @param type the resource type within the namespace, e.g. {@code virtualMachines}
 * @param name the resource name
 */
public record ResourceId(String id, String subscriptionId, String resourceGroup, String namespace, String type,
                         String name, String key) implements Serializable {

    private static final Pattern PATTERN = Pattern.compile(
            "/subscriptions/([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})"
                    + "/resource[Gg]roups/([-\\p{L}\\p{Nd}_.()]{1,90})"
                    + "/providers/([A-Za-z][A-Za-z0-9.]*)/([A-Za-z][A-Za-z0-9]*)/([\\p{L}\\p{N}._\\-()~]{1,256})",
            // ASCII case folding only: with Unicode folding, '/ſubscriptions/' (U+017F) and 'Microſoft' matched.
            Pattern.CASE_INSENSITIVE);

    /** A path segment of nothing but dots ({@code .}, {@code ..}) would climb the URL path built from the id. */
    private static final Pattern DOTS = Pattern.compile("\\.+");

    private static final Pattern GUID =
            Pattern.compile("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");

    /**
     * Validates the components.
     *
     * @param id the id as given (original case, no trailing slash)
     * @param subscriptionId the subscription GUID, lower case
     * @param resourceGroup the resource group name
     * @param namespace the provider namespace, e.g. {@code Microsoft.Compute}
     * @param type the resource type within the namespace, e.g. {@code virtualMachines}
     * @param name the resource name
     * @param key the comparison key, {@link #key(String) key(id)}: held, so that a plan of a million machines
     *            computes each key once
     * @throws NullPointerException if any component is null
     * @throws IllegalArgumentException if the key is not the key of the id
     */
    public ResourceId {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(resourceGroup, "resourceGroup");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        if (!key.equals(key(id))) {
            throw new IllegalArgumentException("Invalid key " + Quoting.quote(key) + " of resource id "
                    + Quoting.quote(id) + ": expected its lower case");
        }
    }

    /**
     * Creates a resource id from its components; the key is computed.
     *
     * @param id the id as given (original case, no trailing slash)
     * @param subscriptionId the subscription GUID, lower case
     * @param resourceGroup the resource group name
     * @param namespace the provider namespace, e.g. {@code Microsoft.Compute}
     * @param type the resource type within the namespace, e.g. {@code virtualMachines}
     * @param name the resource name
     * @throws NullPointerException if any component is null
     */
    public ResourceId(String id, String subscriptionId, String resourceGroup, String namespace, String type,
                      String name) {
        this(id, subscriptionId, resourceGroup, namespace, type, name, key(Objects.requireNonNull(id, "id")));
    }

    /**
     * Parses a top-level ARM resource id.
     *
     * @param text the id, e.g. {@code /subscriptions/<guid>/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1}
     * @return the parsed id, not null
     * @throws IllegalArgumentException if the text is not such an id
     */
    public static ResourceId parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        ResourceId ascii = parseAscii(trimmed);
        return ascii != null ? ascii : parseRegex(text, trimmed);
    }

    /**
     * Returns a parser for many ids, such as an inventory's: see {@link Parser}.
     *
     * @return a new parser, not null
     */
    public static Parser parser() {
        return new Parser();
    }

    /**
     * Parses many ids as {@link ResourceId#parse} does, with the same results and errors, sharing the work
     * and the strings of the part that ids have in common: the machines of one resource group differ only in
     * their names, so an id that starts with the text of the previous valid id up to its name has only its
     * name checked, and gets the previous id's subscription, group, namespace and type. Not thread-safe.
     */
    public static final class Parser {
        private @Nullable ResourceId last;
        private int lastPrefix;

        private Parser() {
        }

        /**
         * Parses a top-level ARM resource id.
         *
         * @param text the id, not null
         * @return the parsed id, not null
         * @throws IllegalArgumentException if the text is not such an id, with the message of
         *         {@link ResourceId#parse}
         */
        public ResourceId parse(String text) {
            Objects.requireNonNull(text, "text");
            ResourceId previous = last;
            if (previous != null) {
                int p = lastPrefix;
                int n = text.endsWith("/") ? text.length() - 1 : text.length();
                if (n > p && text.regionMatches(0, previous.id(), 0, p) && segmentEnd(text, p, NAME) == n
                        && n - p <= 256 && text.charAt(n - 1) != '.') {
                    String t = n == text.length() ? text : text.substring(0, n);
                    return new ResourceId(t, previous.subscriptionId(), previous.resourceGroup(),
                            previous.namespace(), previous.type(), t.substring(p));
                }
            }
            ResourceId id = ResourceId.parse(text);
            last = id;
            lastPrefix = id.id().length() - id.name().length();
            return id;
        }
    }

    /** The reference parse: the pattern, then the rules on dots; every message comes from here. */
    static ResourceId parseRegex(String text, String trimmed) {
        Matcher m = PATTERN.matcher(trimmed);
        if (!m.matches()) {
            throw new IllegalArgumentException("Invalid resource id " + Quoting.quote(text)
                    + ": expected /subscriptions/<GUID>/resourceGroups/<group>/providers/<Namespace>/<type>/<name>");
        }
        if (DOTS.matcher(m.group(2)).matches() || DOTS.matcher(m.group(5)).matches()) {
            throw new IllegalArgumentException("Invalid resource id " + Quoting.quote(text)
                    + ": a resource group or name of only dots is a relative path, not a name");
        }
        if (m.group(2).endsWith(".") || m.group(5).endsWith(".")) {
            throw new IllegalArgumentException("Invalid resource id " + Quoting.quote(text)
                    + ": a resource group or name must not end with a period (Azure's naming rule)");
        }
        return new ResourceId(trimmed, m.group(1).toLowerCase(Locale.ROOT), m.group(2), m.group(3), m.group(4),
                m.group(5));
    }

    /**
     * The common case without the pattern: an id of ASCII characters that {@link #PATTERN} accepts and the
     * rules on dots allow gives the same components; anything else gives null and goes to the reference
     * parse (for ASCII text the case-insensitive, Unicode-aware pattern means exactly the classes below).
     * One pass, each character checked once against {@link #CLASSES}: the first ids of a run are parsed
     * before the JIT compiles anything, and a short method is also quick to compile.
     */
    static @Nullable ResourceId parseAscii(String t) {
        int n = t.length();
        if (n < 15 + 36 + 1 || !literal(t, 0, "/subscriptions/")) {
            return null;
        }
        for (int i = 15; i < 15 + 36; i++) {
            char c = t.charAt(i);
            if (i == 23 || i == 28 || i == 33 || i == 38 ? c != '-' : !is(c, HEX)) {
                return null;
            }
        }
        if (!literal(t, 51, "/resourcegroups/")) {
            return null;
        }
        int group = 51 + 16;
        int groupEnd = segmentEnd(t, group, GROUP);
        if (groupEnd < 0 || groupEnd - group > 90 || !literal(t, groupEnd, "/providers/")) {
            return null;
        }
        int ns = groupEnd + 11;
        int nsEnd = segmentEnd(t, ns, NAMESPACE);
        if (nsEnd < 0 || nsEnd >= n || !is(t.charAt(ns), LETTER)) {
            return null;
        }
        int type = nsEnd + 1;
        int typeEnd = segmentEnd(t, type, TYPE);
        if (typeEnd < 0 || typeEnd >= n || !is(t.charAt(type), LETTER)) {
            return null;
        }
        int name = typeEnd + 1;
        int nameEnd = segmentEnd(t, name, NAME);
        // a name or group of only dots also ends with one
        if (nameEnd != n || n - name > 256 || t.charAt(groupEnd - 1) == '.' || t.charAt(n - 1) == '.') {
            return null;
        }
        return new ResourceId(t, t.substring(15, 15 + 36).toLowerCase(Locale.ROOT), t.substring(group, groupEnd),
                known(t, ns, nsEnd), known(t, type, typeEnd), t.substring(name, n));
    }

    // The character classes of the pattern for ASCII, one bit each.
    private static final int LETTER = 1;
    private static final int DIGIT = 2;
    private static final int HEX = 4;
    private static final int NAMESPACE = 8;  // [A-Za-z0-9.]
    private static final int TYPE = 16;      // [A-Za-z0-9]
    private static final int GROUP = 32;     // [-\w._()]: \w is letters, digits and the underscore
    private static final int NAME = 64;      // [\p{L}\p{N}._\-()~]
    private static final byte[] CLASSES = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            boolean digit = c >= '0' && c <= '9';
            boolean hex = digit || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            int bits = (letter ? LETTER : 0) | (digit ? DIGIT : 0) | (hex ? HEX : 0)
                    | (letter || digit || c == '.' ? NAMESPACE : 0)
                    | (letter || digit ? TYPE : 0)
                    | (letter || digit || c == '_' || c == '-' || c == '.' || c == '(' || c == ')' ? GROUP : 0)
                    | (letter || digit || c == '.' || c == '_' || c == '-' || c == '(' || c == ')' || c == '~' ? NAME : 0);
            CLASSES[c] = (byte) bits;
        }
    }

    private static boolean is(char c, int mask) {
        return c < 128 && (CLASSES[c] & mask) != 0;
    }

    /** Whether t has, at from, the lower-case ASCII literal in any case (never for non-ASCII text). */
    private static boolean literal(String t, int from, String literal) {
        if (from + literal.length() > t.length()) {
            return false;
        }
        for (int i = 0; i < literal.length(); i++) {
            char c = t.charAt(from + i);
            char l = literal.charAt(i);
            if (c != l && (l < 'a' || l > 'z' || c != l - ('a' - 'A'))) {
                return false;
            }
        }
        return true;
    }

    /** The machine namespaces and types, shared by every id that spells them so. */
    private static final String[] KNOWN = {"Microsoft.Compute", "virtualMachines", "Microsoft.HybridCompute", "machines"};

    private static String known(String t, int from, int to) {
        for (String k : KNOWN) {
            if (k.length() == to - from && t.startsWith(k, from)) {
                return k;
            }
        }
        return t.substring(from, to);
    }

    /**
     * The end of a non-empty segment of characters of a class, at the next '/' or the end of t; -1 for an
     * empty segment or a character outside the class.
     */
    private static int segmentEnd(String t, int from, int mask) {
        int n = t.length();
        int i = from;
        for (; i < n; i++) {
            char c = t.charAt(i);
            if (c == '/') {
                break;
            }
            if (!is(c, mask)) {
                return -1;
            }
        }
        return i > from ? i : -1;
    }

    /**
     * Returns whether a text is a GUID such as a subscription or workspace id.
     *
     * @param text the text, not null
     * @return true for {@code 8-4-4-4-12} hexadecimal digits
     */
    public static boolean isGuid(String text) {
        return GUID.matcher(Objects.requireNonNull(text, "text")).matches();
    }

    /**
     * Returns the comparison key: the id with ASCII letters in lower case (see {@link #key(String)}).
     *
     * @return the key, not null
     */
    @Override
    public String key() {
        return key;
    }

    /**
     * Returns the comparison key of any id text: ASCII letters in lower case, every other character as it is,
     * without a trailing slash. Only ASCII is folded: Unicode case rules map the long s {@code ſ} (U+017F) to
     * {@code s} and the Kelvin sign (U+212A) to {@code k}, so that {@code /ſubscriptions/...} would be the key of
     * another machine's id; two ids that differ in the case of a non-ASCII letter have different keys (a record
     * so spelled matches no machine rather than a wrong one).
     *
     * @param id an id, not null
     * @return the key, not null
     */
    public static String key(String id) {
        Objects.requireNonNull(id, "id");
        String t = id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
        return AsciiCase.lower(t);
    }

    /** Whether every character is ASCII. No allocation: it runs for every key of every machine of a plan. */
    static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the full type, e.g. {@code Microsoft.Compute/virtualMachines}.
     *
     * @return the type, not null
     */
    public String fullType() {
        return namespace + "/" + type;
    }

    @Override
    public String toString() {
        return id;
    }
}
