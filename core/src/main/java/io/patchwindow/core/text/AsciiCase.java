package io.patchwindow.core.text;

import java.util.Locale;
import java.util.Objects;

/**
 * Case-insensitive comparison of identifiers (resource ids, tag names, types) that folds ASCII letters only.
 * {@code String.equalsIgnoreCase} and {@code toLowerCase} follow Unicode, which maps the long s {@code ſ}
 * (U+017F) to {@code s}, the Kelvin sign (U+212A) to {@code k} and the dotted {@code İ} to {@code i}: a
 * tag named {@code patch-tſ} or an id spelled {@code Microſoft} would then stand for another one.
 */
public final class AsciiCase {
    private AsciiCase() {
    }

    /**
     * Returns the text with {@code A-Z} lower-cased and every other character kept.
     *
     * @param text the text, not null
     * @return the folded text, not null
     */
    public static String lower(String text) {
        Objects.requireNonNull(text, "text");
        int first = -1;
        int seen = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            seen |= c;
            if (first < 0 && c >= 'A' && c <= 'Z') {
                first = i;
            }
        }
        if (first < 0) {
            return text;
        }
        if (seen < 0x80) {
            // ASCII only: Unicode's lower case is ASCII's, and the JDK folds such a text without a char[] copy
            return text.toLowerCase(Locale.ROOT);
        }
        char[] chars = text.toCharArray();
        for (int i = first; i < chars.length; i++) {
            chars[i] = fold(chars[i]);
        }
        return new String(chars);
    }

    /**
     * Tells whether two texts are equal ignoring the case of ASCII letters, e.g. {@code patch} and
     * {@code PATCH}; never {@code ſ} and {@code s}.
     *
     * @param a a text, not null
     * @param b a text, not null
     * @return true if equal after {@link #lower}
     */
    public static boolean equalsIgnoreCase(String a, String b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && fold(x) != fold(y)) {
                return false;
            }
        }
        return true;
    }

    private static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
