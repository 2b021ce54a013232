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

    /** A name as {@link #PATTERN} accepts it (the parser's check of a name after a known prefix). */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._\\-()~]+");

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
        return parseRegex(text, trimmed);
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
                if (n > p && n - p <= 256 && text.regionMatches(0, previous.id(), 0, p)
                        && NAME.matcher(text).region(p, n).matches() && text.charAt(n - 1) != '.') {
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
