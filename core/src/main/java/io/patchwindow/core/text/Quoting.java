package io.patchwindow.core.text;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Quotes and escapes user-supplied text for one-line messages and text output, so that data read from Azure
 * or a file can neither split a line nor reach a terminal as a control sequence, nor look like something it
 * is not.
 *
 * <p>Escaped, as {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX}: every control character
 * (Unicode category Cc, which holds ESC, NUL, DEL and the C1 controls), every format character (Cf: the
 * bidirectional controls U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069, and the zero-width
 * characters U+200B to U+200D, U+2060, U+FEFF, among others), the line and paragraph separators U+2028 and
 * U+2029, and a surrogate that is not half of a pair. Everything else, letters of any script included, is
 * printed as it is. A backslash is not escaped: the text stays readable, and an escape cannot produce a
 * control character.
 */
public final class Quoting {
    /** Longest value quoted in full (in code points); longer ones are cut with an ellipsis. */
    public static final int MAX_QUOTED = 120;

    private Quoting() {
    }

    /**
     * Quotes a value, e.g. {@code quote("a\nb")} gives {@code 'a\nb'} with the line break escaped.
     *
     * @param value the value, may be null (quoted as {@code null})
     * @return the quoted text on one line, not null
     */
    public static String quote(@Nullable String value) {
        return quote(value, MAX_QUOTED);
    }

    /**
     * Quotes a value as {@link #quote(String)} does, cut after fewer code points, e.g. {@code quote(longName, 40)}
     * for a value inside a message that names a rule too.
     *
     * @param value the value, may be null (quoted as {@code null})
     * @param maxCodePoints the most code points quoted in full, at least 1
     * @return the quoted text on one line, not null
     * @throws IllegalArgumentException if {@code maxCodePoints} is less than 1
     */
    public static String quote(@Nullable String value, int maxCodePoints) {
        if (maxCodePoints < 1) {
            throw new IllegalArgumentException("Invalid length " + maxCodePoints + ": expected at least 1, e.g. "
                    + MAX_QUOTED);
        }
        if (value == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(Math.min(value.length(), maxCodePoints) + 8).append('\'');
        int n = 0;
        for (int i = 0; i < value.length(); ) {
            if (n >= maxCodePoints) {
                sb.append("...(").append(value.length()).append(" chars)");
                break;
            }
            i = append(sb, value, i);
            n++;
        }
        return sb.append('\'').toString();
    }

    /**
     * Escapes a whole value without quotes or shortening, e.g. {@code escape("web\u001b[2J")} gives
     * {@code web\u001b[2J} with the ESC written as six characters; for a column of a table or a line of output.
     *
     * @param value the value, not null
     * @return the value with every character that {@link #isSafe} refuses escaped; the value itself when there
     *         is none
     */
    public static String escape(String value) {
        Objects.requireNonNull(value, "value");
        if (isSafe(value)) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); ) {
            i = append(sb, value, i);
        }
        return sb.toString();
    }

    /**
     * Tells whether a text holds nothing that {@link #escape} would escape: no control, format, line or
     * paragraph separator character, no lone surrogate.
     *
     * @param text the text, not null
     * @return true if the text prints as it is
     */
    public static boolean isSafe(CharSequence text) {
        Objects.requireNonNull(text, "text");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f && mustEscape(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= text.length()
                        || !Character.isLowSurrogate(text.charAt(i + 1)) || mustEscape(Character.toCodePoint(c, text.charAt(i + 1)))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /** Appends the code point at i, escaped if need be; returns the index after it. */
    private static int append(StringBuilder sb, String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, value.charAt(i + 1));
            if (mustEscape(cp)) {
                sb.append(String.format("\\u%04x\\u%04x", (int) c, (int) value.charAt(i + 1)));
            } else {
                sb.appendCodePoint(cp);
            }
            return i + 2;
        }
        if (c == '\n') {
            sb.append("\\n");
        } else if (c == '\r') {
            sb.append("\\r");
        } else if (c == '\t') {
            sb.append("\\t");
        } else if (mustEscape(c)) {
            sb.append(String.format("\\u%04x", (int) c));
        } else {
            sb.append(c);
        }
        return i + 1;
    }

    /** Whether a code point (a lone surrogate included) is escaped. */
    private static boolean mustEscape(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SURROGATE:
                return true;
            default:
                return false;
        }
    }
}
