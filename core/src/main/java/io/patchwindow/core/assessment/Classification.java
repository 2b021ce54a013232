package io.patchwindow.core.assessment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import io.patchwindow.core.text.Quoting;

/**
 * Update classifications as the cloud assessment reports them.
 *
 * <p>{@link #parseAll(String)} reads every spelling Azure uses, case-insensitively: Log Analytics
 * {@code Critical Updates}, {@code Security Updates}, {@code Other Updates}, the Linux
 * {@code Critical and security updates}, Resource Graph {@code Security}, {@code Critical},
 * {@code Other}, {@code Others}, comma- or semicolon-separated lists and JSON-style arrays such as
 * {@code ["Security","Critical"]}. Any other text (a Windows-only category such as {@code Definition
 * Updates}) counts as {@link #OTHER}, so it is never installed by a security-only plan.
 */
public enum Classification {
    /** Critical updates. */
    CRITICAL("Critical"),
    /** Security updates. */
    SECURITY("Security"),
    /** Everything else, including unclassified updates. */
    OTHER("Other");

    /** The separators of a list of classifications (compiled once: the text of every assessment row is split). */
    private static final Pattern SEPARATORS = Pattern.compile("[,;\\[\\]\"]");

    private final String displayName;

    Classification(String displayName) {
        this.displayName = displayName;
    }

    /**
     * Returns the name used in plans and Azure requests: {@code Critical}, {@code Security} or {@code Other}.
     *
     * @return the display name, not null
     */
    public String displayName() {
        return displayName;
    }

    /**
     * Reads the classifications an assessment record carries.
     *
     * @param text the classification text, e.g. {@code Security Updates} or {@code ["Critical","Security"]}
     * @return the classifications, never empty: unknown or blank text gives {@code [OTHER]}
     */
    public static Set<Classification> parseAll(String text) {
        Objects.requireNonNull(text, "text");
        EnumSet<Classification> out = EnumSet.noneOf(Classification.class);
        for (String token : SEPARATORS.split(text)) {
            String t = token.strip().toLowerCase(Locale.ROOT);
            if (t.isEmpty()) {
                continue;
            }
            boolean known = false;
            if (t.contains("critical")) {
                out.add(CRITICAL);
                known = true;
            }
            if (t.contains("security")) {
                out.add(SECURITY);
                known = true;
            }
            if (!known) {
                out.add(OTHER);
            }
        }
        if (out.isEmpty()) {
            out.add(OTHER);
        }
        return out;
    }

    /**
     * Reads the classifications of a list of texts, e.g. a Resource Graph {@code classifications} array.
     *
     * @param texts the texts, not null
     * @return the union, never empty
     */
    public static Set<Classification> parseAll(Collection<String> texts) {
        Objects.requireNonNull(texts, "texts");
        EnumSet<Classification> out = EnumSet.noneOf(Classification.class);
        for (String t : texts) {
            if (t != null) {
                out.addAll(parseAll(t));
            }
        }
        if (out.isEmpty()) {
            out.add(OTHER);
        }
        return out;
    }

    /**
     * Parses one policy classification name strictly: {@code Critical}, {@code Security} or {@code Other}
     * (case-insensitive, also {@code Others}, {@code Critical Updates}, {@code Security Updates}).
     *
     * @param name the name, not null
     * @return the classification, not null
     * @throws IllegalArgumentException if the name is none of those
     */
    public static Classification parse(String name) {
        Objects.requireNonNull(name, "name");
        String t = name.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "critical":
            case "critical updates":
                return CRITICAL;
            case "security":
            case "security updates":
                return SECURITY;
            case "other":
            case "others":
            case "other updates":
                return OTHER;
            default:
                throw new IllegalArgumentException("Invalid classification " + Quoting.quote(name)
                        + ": expected one of [Critical, Security, Other]");
        }
    }

    /**
     * Parses a comma-separated list of classification names, e.g. {@code Critical,Security}.
     *
     * @param list the list, not null
     * @return the classifications, not empty
     * @throws IllegalArgumentException if empty or a name is unknown
     */
    public static Set<Classification> parseList(String list) {
        Objects.requireNonNull(list, "list");
        EnumSet<Classification> out = EnumSet.noneOf(Classification.class);
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                out.add(parse(part));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("Invalid classifications " + Quoting.quote(list)
                    + ": expected a comma-separated list of [Critical, Security, Other]");
        }
        return out;
    }

    /**
     * Returns display names in enum order, e.g. {@code [Critical, Security]}.
     *
     * @param set the classifications, not null
     * @return the names, not null
     */
    public static List<String> displayNames(Collection<Classification> set) {
        List<String> out = new ArrayList<>();
        for (Classification c : values()) {
            if (set.contains(c)) {
                out.add(c.displayName);
            }
        }
        return out;
    }
}
