package io.patchwindow.core.inventory;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.patchwindow.core.text.Quoting;
import org.jspecify.annotations.Nullable;

/**
 * A parsed Azure Resource Manager id of a top-level resource, e.g.
 * {@code /subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm1}.
 *
 * <p>Ids are compared case-insensitively, as ARM does: {@link #key()} is the lower-cased id (see
 * {@link #key(String)} for non-ASCII letters). Parsing is strict (GUID subscription, one provider segment,
 * names of letters, digits and {@code . _ - ( ) ~} that do not end with a period, as Azure requires, so never
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
                         String name) implements Serializable {

    private static final Pattern PATTERN = Pattern.compile(
            "/subscriptions/([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})"
                    + "/resource[Gg]roups/([-\\w._()]{1,90})"
                    + "/providers/([A-Za-z][A-Za-z0-9.]*)/([A-Za-z][A-Za-z0-9]*)/([\\p{L}\\p{N}._\\-()~]{1,256})",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);

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
     * @throws NullPointerException if any component is null
     */
    public ResourceId {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(resourceGroup, "resourceGroup");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
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
     */
    static @Nullable ResourceId parseAscii(String t) {
        int n = t.length();
        for (int i = 0; i < n; i++) {
            if (t.charAt(i) >= 0x80) {
                return null;
            }
        }
        if (!t.regionMatches(true, 0, "/subscriptions/", 0, 15) || n < 15 + 36 + 1) {
            return null;
        }
        for (int i = 0; i < 36; i++) {
            char c = t.charAt(15 + i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-' : Character.digit(c, 16) >= 0;
            if (!ok) {
                return null;
            }
        }
        int p = 15 + 36;
        if (!t.regionMatches(true, p, "/resourcegroups/", 0, 16)) {
            return null;
        }
        p += 16;
        int groupEnd = segmentEnd(t, p, 90, ResourceId::groupChar);
        if (groupEnd < 0 || !t.regionMatches(true, groupEnd, "/providers/", 0, 11)) {
            return null;
        }
        int ns = groupEnd + 11;
        int nsEnd = segmentEnd(t, ns, Integer.MAX_VALUE, c -> letter(c) || digit(c) || c == '.');
        if (nsEnd < 0 || !letter(t.charAt(ns)) || nsEnd >= n) {
            return null;
        }
        int type = nsEnd + 1;
        int typeEnd = segmentEnd(t, type, Integer.MAX_VALUE, c -> letter(c) || digit(c));
        if (typeEnd < 0 || !letter(t.charAt(type)) || typeEnd >= n) {
            return null;
        }
        int name = typeEnd + 1;
        int nameEnd = segmentEnd(t, name, 256, ResourceId::nameChar);
        if (nameEnd != n) {
            return null;
        }
        String group = t.substring(p, groupEnd);
        String resourceName = t.substring(name, n);
        if (dotsOrTrailingPeriod(group) || dotsOrTrailingPeriod(resourceName)) {
            return null;
        }
        return new ResourceId(t, t.substring(15, 15 + 36).toLowerCase(Locale.ROOT), group, known(t, ns, nsEnd),
                known(t, type, typeEnd), resourceName);
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

    /** The end of a segment of 1 to max characters of a class, at the next '/' or the end; -1 otherwise. */
    private static int segmentEnd(String t, int from, int max, java.util.function.IntPredicate allowed) {
        int i = from;
        while (i < t.length() && t.charAt(i) != '/') {
            if (!allowed.test(t.charAt(i))) {
                return -1;
            }
            i++;
        }
        int len = i - from;
        return len >= 1 && len <= max ? i : -1;
    }

    private static boolean letter(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean digit(int c) {
        return c >= '0' && c <= '9';
    }

    /** [-\w._()] for ASCII: \w is letters, digits and the underscore. */
    private static boolean groupChar(int c) {
        return letter(c) || digit(c) || c == '_' || c == '-' || c == '.' || c == '(' || c == ')';
    }

    /** [\p{L}\p{N}._\-()~] for ASCII. */
    private static boolean nameChar(int c) {
        return letter(c) || digit(c) || c == '.' || c == '_' || c == '-' || c == '(' || c == ')' || c == '~';
    }

    private static boolean dotsOrTrailingPeriod(String s) {
        return s.endsWith("."); // a name of only dots also ends with one
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
     * Returns the case-insensitive comparison key: the id in lower case.
     *
     * @return the key, not null
     */
    public String key() {
        return key(id);
    }

    /**
     * Returns the comparison key of any id text: lower case, without a trailing slash. Two ids have the same
     * key when they are equal after mapping each character to upper case, the ordinal case-insensitive comparison
     * that ARM's names ask for. For ASCII the key is {@code id.toLowerCase(Locale.ROOT)};
     * unlike {@code String.toLowerCase}, it maps each character on its own, so that {@code Σ}, {@code σ} and
     * final {@code ς} give one key wherever they stand, and a character whose lower case would stand for
     * another upper case (such as {@code İ}) keeps its upper case.
     *
     * @param id an id, not null
     * @return the key, not null
     */
    public static String key(String id) {
        Objects.requireNonNull(id, "id");
        String t = id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
        if (ascii(t)) {
            return t.toLowerCase(Locale.ROOT); // the fold of an ASCII character is its lower case
        }
        StringBuilder sb = new StringBuilder(t.length());
        t.codePoints().forEach(cp -> sb.appendCodePoint(fold(cp)));
        return sb.toString();
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The lower-case representative of the characters that have the same upper case as {@code cp}. */
    private static int fold(int cp) {
        int upper = Character.toUpperCase(cp);
        int lower = Character.toLowerCase(upper);
        return Character.toUpperCase(lower) == upper ? lower : upper;
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
