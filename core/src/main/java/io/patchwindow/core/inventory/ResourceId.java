package io.patchwindow.core.inventory;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.patchwindow.core.text.Quoting;

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
