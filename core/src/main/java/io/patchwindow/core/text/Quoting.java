package io.patchwindow.core.text;

import org.jspecify.annotations.Nullable;

/**
 * Quotes user-supplied text for one-line error messages: single quotes around it, control characters
 * and line breaks escaped, very long values shortened.
 */
public final class Quoting {
    /** Longest value quoted in full; longer ones are cut with an ellipsis. */
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
        if (value == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(Math.min(value.length(), MAX_QUOTED) + 8).append('\'');
        int n = 0;
        for (int i = 0; i < value.length(); i++) {
            if (n >= MAX_QUOTED) {
                sb.append("...(").append(value.length()).append(" chars)");
                break;
            }
            char c = value.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
            n++;
        }
        return sb.append('\'').toString();
    }
}
