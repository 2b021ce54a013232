package io.patchwindow.core.rpm;

import java.util.Objects;

/**
 * rpm's version comparison, {@code rpmvercmp} (rpm 4.15 and later), for one version or release text.
 *
 * <p>The texts are split into segments of ASCII digits or ASCII letters; every other character only
 * separates segments, except {@code ~} (sorts before anything, even the end: {@code 1.0~rc1 < 1.0}) and
 * {@code ^} (sorts after the end but before any further segment: {@code 1.0 < 1.0^git1 < 1.0.1}).
 * Segments compare pairwise: numbers as numbers (leading zeros ignored), letters as ASCII text, a
 * number is newer than letters. When every pair is equal, the text with segments left over is newer.
 * Identical texts are equal; texts that differ only in separators ({@code 1.0} and {@code 1_0}) are equal.
 */
public final class RpmVersions {
    private RpmVersions() {
    }

    /**
     * Compares two version (or release) texts as rpm does.
     *
     * @param a the first text, e.g. {@code 1.0.2k}, not null
     * @param b the second text, not null
     * @return negative if a is older, zero if equal, positive if a is newer
     */
    public static int compare(String a, String b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        int na = a.length();
        int nb = b.length();
        while (i < na || j < nb) {
            while (i < na && isSeparator(a.charAt(i))) {
                i++;
            }
            while (j < nb && isSeparator(b.charAt(j))) {
                j++;
            }
            char ca = i < na ? a.charAt(i) : 0;
            char cb = j < nb ? b.charAt(j) : 0;
            // The tilde sorts before everything else, even the end of the text.
            if (ca == '~' || cb == '~') {
                if (ca != '~') {
                    return 1;
                }
                if (cb != '~') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            // The caret sorts after the end of the text but before any other segment.
            if (ca == '^' || cb == '^') {
                if (i >= na) {
                    return -1;
                }
                if (j >= nb) {
                    return 1;
                }
                if (ca != '^') {
                    return 1;
                }
                if (cb != '^') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (i >= na || j >= nb) {
                break;
            }
            int ei = i;
            int ej = j;
            boolean numeric = isDigit(ca);
            if (numeric) {
                while (ei < na && isDigit(a.charAt(ei))) {
                    ei++;
                }
                while (ej < nb && isDigit(b.charAt(ej))) {
                    ej++;
                }
            } else {
                while (ei < na && isLetter(a.charAt(ei))) {
                    ei++;
                }
                while (ej < nb && isLetter(b.charAt(ej))) {
                    ej++;
                }
            }
            if (ej == j) {
                // Different kinds of segment: a number is newer than letters.
                return numeric ? 1 : -1;
            }
            if (numeric) {
                while (i < ei && a.charAt(i) == '0') {
                    i++;
                }
                while (j < ej && b.charAt(j) == '0') {
                    j++;
                }
                int la = ei - i;
                int lb = ej - j;
                if (la != lb) {
                    return la > lb ? 1 : -1;
                }
            }
            int c = compareRange(a, i, ei, b, j, ej);
            if (c != 0) {
                return c < 0 ? -1 : 1;
            }
            i = ei;
            j = ej;
        }
        if (i >= na && j >= nb) {
            return 0;
        }
        return i >= na ? -1 : 1;
    }

    private static int compareRange(String a, int i, int ei, String b, int j, int ej) {
        while (i < ei && j < ej) {
            int d = a.charAt(i++) - b.charAt(j++);
            if (d != 0) {
                return d;
            }
        }
        return (ei - i) - (ej - j);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isSeparator(char c) {
        return !isDigit(c) && !isLetter(c) && c != '~' && c != '^';
    }
}
