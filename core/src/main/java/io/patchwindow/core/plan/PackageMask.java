package io.patchwindow.core.plan;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import io.patchwindow.core.text.Quoting;

/**
 * A shell-style package name mask, as yum's {@code --exclude} and Azure's {@code packageNameMasksToExclude}
 * read it: {@code *} any text, {@code ?} one character, {@code [...]} one of a set ({@code [0-9]} ranges,
 * {@code [!...]} or {@code [^...]} negated), every other character itself, case-sensitive, e.g.
 * {@code kernel*} or {@code glibc?[a-z]*}.
 *
 * <pre>{@code
 * PackageMask.parse("kernel*").matches("kernel-tools")   // true
 * PackageMask.parseList("kernel*, glibc*")                // [kernel*, glibc*]
 * }</pre>
 *
 * <p>A mask holds only the characters of RPM package names ({@code A-Z a-z 0-9 . _ + -}) and the wildcards
 * {@code * ? [ ] ! ^}. Immutable; equal when the texts are equal.
 *
 * @serial exclude
 */
public final class PackageMask implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The mask as written. */
    private final String text;
    /** The mask as a regular expression. */
    private final Pattern pattern;

    private PackageMask(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    /**
     * Parses one mask.
     *
     * @param text the mask, e.g. {@code kernel*}; surrounding white space is ignored
     * @return the mask, not null
     * @throws IllegalArgumentException if the mask is blank, holds a character that is neither a package name
     *         character nor a wildcard, or has an unclosed or empty {@code [...]} (the message quotes it)
     */
    public static PackageMask parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("Invalid package mask " + Quoting.quote(text)
                    + ": must not be blank; expected a package name with shell wildcards, e.g. kernel*");
        }
        StringBuilder re = new StringBuilder(t.length() + 8);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[') {
                int close = t.indexOf(']', i + 1);
                int first = i + 1;
                if (first < t.length() && (t.charAt(first) == '!' || t.charAt(first) == '^')) {
                    first++;
                }
                // A ']' right after '[' or '[!' is a member, as in fnmatch.
                if (close == first) {
                    close = t.indexOf(']', first + 1);
                }
                if (close < 0) {
                    throw new IllegalArgumentException("Invalid package mask " + Quoting.quote(text)
                            + ": '[' at position " + (i + 1) + " is not closed by ']'; expected e.g. kernel-[0-9]*");
                }
                re.append('[');
                if (first > i + 1) {
                    re.append('^');
                }
                for (int k = first; k < close; k++) {
                    char m = t.charAt(k);
                    if (!isNameChar(m) && m != '^' && m != '!' && m != ']') {
                        throw bad(text, m);
                    }
                    // '-' between two members is a range; elsewhere, and every other member, is literal.
                    if (m == '-' && k > first && k < close - 1) {
                        re.append('-');
                    } else if (Character.isLetterOrDigit(m)) {
                        re.append(m);
                    } else {
                        re.append('\\').append(m);
                    }
                }
                re.append(']');
                i = close;
            } else if (isNameChar(c)) {
                re.append(Pattern.quote(String.valueOf(c)));
            } else {
                throw bad(text, c);
            }
        }
        return new PackageMask(t, Pattern.compile(re.toString()));
    }

    private static IllegalArgumentException bad(String text, char c) {
        return new IllegalArgumentException("Invalid package mask " + Quoting.quote(text) + ": character "
                + Quoting.quote(String.valueOf(c)) + " is not allowed; expected package name characters"
                + " [A-Za-z0-9._+-] and the wildcards * ? [...], e.g. kernel*");
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '+' || c == '-';
    }

    /**
     * Parses a comma-separated list of masks, e.g. {@code kernel*,glibc*}; empty parts are ignored,
     * duplicates kept once, in the order given.
     *
     * @param list the list, not null; may be empty (no mask)
     * @return the masks, not null
     * @throws IllegalArgumentException if a mask is invalid (see {@link #parse})
     */
    public static List<PackageMask> parseList(String list) {
        Objects.requireNonNull(list, "list");
        List<PackageMask> out = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            if (!part.isBlank()) {
                PackageMask m = parse(part);
                if (!out.contains(m)) {
                    out.add(m);
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * Returns whether a package name matches the whole mask.
     *
     * @param packageName the name, e.g. {@code kernel-tools}, not null
     * @return true if it matches
     */
    public boolean matches(String packageName) {
        Objects.requireNonNull(packageName, "packageName");
        return pattern.matcher(packageName).matches();
    }

    /**
     * Returns the mask as written (stripped), e.g. {@code kernel*}.
     *
     * @return the text, not null
     */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PackageMask && ((PackageMask) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** @return the mask as written */
    @Override
    public String toString() {
        return text;
    }
}
