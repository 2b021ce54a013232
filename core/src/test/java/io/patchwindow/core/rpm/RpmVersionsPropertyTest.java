package io.patchwindow.core.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Seeded property tests of {@link RpmVersions#compare} and {@link Evr#compareTo}: reflexive, antisymmetric,
 * transitive, blind to the choice of separator, and equal to a brute-force model of rpmvercmp written from its
 * description (the text as a list of tokens {@code ~ < end < ^ < letters < digits}, compared in order).
 * A failure prints the seed and the case.
 */
class RpmVersionsPropertyTest {
    private static final long SEED = 0x5EC0_2026L;
    private static final int CASES = 20_000;
    /** Pieces that make the interesting cases likely: leading zeros, long numbers, case, every separator kind. */
    private static final String[] PIECES = {"0", "1", "2", "9", "10", "00", "01", "007", "12345678901234567890",
            "a", "b", "z", "A", "Z", "rc", "el", "git", ".", ".", "_", "+", "-", "~", "^"};

    /** A random version text of a few pieces. */
    static String version(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(6);
        for (int i = 0; i < n; i++) {
            sb.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    /** The same text with every separator replaced by another separator: rpm ranks them equal. */
    static String otherSeparators(String s, SplittableRandom r) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            sb.append(".-_+".indexOf(c) >= 0 ? ".-_+".charAt(r.nextInt(4)) : c);
        }
        return sb.toString();
    }

    @Test
    void compare_isReflexiveAndBlindToSeparators() {
        SplittableRandom r = new SplittableRandom(SEED);
        for (int i = 0; i < CASES; i++) {
            String a = version(r);
            String b = otherSeparators(a, r);
            assertThat(RpmVersions.compare(a, a)).as("seed %s case %d: %s", SEED, i, a).isZero();
            assertThat(RpmVersions.compare(a, b)).as("seed %s case %d: %s vs %s", SEED, i, a, b).isZero();
        }
    }

    @Test
    void compare_isAntisymmetric() {
        SplittableRandom r = new SplittableRandom(SEED + 1);
        for (int i = 0; i < CASES; i++) {
            String a = version(r);
            String b = version(r);
            assertThat(RpmVersions.compare(a, b)).as("seed %s case %d: %s vs %s", SEED + 1, i, a, b)
                    .isEqualTo(-RpmVersions.compare(b, a));
        }
    }

    @Test
    void compare_isTransitive() {
        SplittableRandom r = new SplittableRandom(SEED + 2);
        for (int i = 0; i < CASES; i++) {
            // Sort three versions, then every pair must agree with the order.
            String[] v = {version(r), version(r), version(r)};
            java.util.Arrays.sort(v, RpmVersions::compare);
            String msg = "seed " + (SEED + 2) + " case " + i + ": " + String.join(" <= ", v);
            assertThat(RpmVersions.compare(v[0], v[1])).as(msg).isLessThanOrEqualTo(0);
            assertThat(RpmVersions.compare(v[1], v[2])).as(msg).isLessThanOrEqualTo(0);
            assertThat(RpmVersions.compare(v[0], v[2])).as(msg).isLessThanOrEqualTo(0);
            if (RpmVersions.compare(v[0], v[1]) == 0 && RpmVersions.compare(v[1], v[2]) == 0) {
                assertThat(RpmVersions.compare(v[0], v[2])).as(msg).isZero();
            }
            if (RpmVersions.compare(v[0], v[1]) < 0 || RpmVersions.compare(v[1], v[2]) < 0) {
                assertThat(RpmVersions.compare(v[0], v[2])).as(msg).isNegative();
            }
        }
    }

    @Test
    void compare_equalsTheTokenModel() {
        SplittableRandom r = new SplittableRandom(SEED + 3);
        for (int i = 0; i < CASES; i++) {
            String a = version(r);
            String b = r.nextInt(4) == 0 ? a + PIECES[r.nextInt(PIECES.length)] : version(r);
            assertThat(RpmVersions.compare(a, b)).as("seed %s case %d: %s vs %s", SEED + 3, i, a, b)
                    .isEqualTo(model(a, b));
        }
    }

    @Test
    void evrCompareTo_isATotalOrderConsistentWithItsParts() {
        SplittableRandom r = new SplittableRandom(SEED + 4);
        for (int i = 0; i < CASES; i++) {
            Evr[] e = {evr(r), evr(r), evr(r)};
            java.util.Arrays.sort(e);
            String msg = "seed " + (SEED + 4) + " case " + i + ": " + e[0] + " <= " + e[1] + " <= " + e[2];
            assertThat(e[0].compareTo(e[2])).as(msg).isLessThanOrEqualTo(0);
            assertThat(Integer.signum(e[0].compareTo(e[1]))).as(msg).isEqualTo(-Integer.signum(e[1].compareTo(e[0])));
            int expected = e[0].epoch() != e[1].epoch() ? Long.compare(e[0].epoch(), e[1].epoch())
                    : RpmVersions.compare(e[0].version(), e[1].version()) != 0
                    ? RpmVersions.compare(e[0].version(), e[1].version())
                    : e[0].release().isEmpty() || e[1].release().isEmpty()
                    ? Boolean.compare(!e[0].release().isEmpty(), !e[1].release().isEmpty())
                    : RpmVersions.compare(e[0].release(), e[1].release());
            assertThat(Integer.signum(e[0].compareTo(e[1]))).as(msg).isEqualTo(Integer.signum(expected));
        }
    }

    /** A random EVR; versions hold no dash, releases may be empty. */
    static Evr evr(SplittableRandom r) {
        String v = version(r).replace('-', '.').replace(':', '.');
        while (v.isEmpty()) {
            v = version(r).replace('-', '.');
        }
        String rel = r.nextInt(5) == 0 ? "" : version(r).replace('-', '.');
        return Evr.of(r.nextInt(4) == 0 ? r.nextInt(3) : 0, v, rel);
    }

    // ---- the brute-force model ------------------------------------------------------------------------

    /** Token kinds in rpm's order; END is where a text has no more tokens. */
    private enum Kind { TILDE, END, CARET, LETTERS, DIGITS }

    private record Token(Kind kind, String text) {
    }

    private static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '~') {
                out.add(new Token(Kind.TILDE, "~"));
                i++;
            } else if (c == '^') {
                out.add(new Token(Kind.CARET, "^"));
                i++;
            } else if (c >= '0' && c <= '9') {
                int j = i;
                while (j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
                    j++;
                }
                out.add(new Token(Kind.DIGITS, s.substring(i, j)));
                i = j;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                int j = i;
                while (j < s.length() && Character.isLetter(s.charAt(j)) && s.charAt(j) < 128) {
                    j++;
                }
                out.add(new Token(Kind.LETTERS, s.substring(i, j)));
                i = j;
            } else {
                i++; // a separator
            }
        }
        return out;
    }

    private static int model(String a, String b) {
        List<Token> x = tokens(a);
        List<Token> y = tokens(b);
        for (int k = 0; ; k++) {
            Token p = k < x.size() ? x.get(k) : new Token(Kind.END, "");
            Token q = k < y.size() ? y.get(k) : new Token(Kind.END, "");
            if (p.kind != q.kind) {
                return p.kind.compareTo(q.kind) < 0 ? -1 : 1;
            }
            int c = switch (p.kind) {
                case END -> 0;
                case DIGITS -> new BigInteger(p.text).compareTo(new BigInteger(q.text));
                case LETTERS -> Integer.signum(p.text.compareTo(q.text));
                default -> 0;
            };
            if (p.kind == Kind.END) {
                return 0;
            }
            if (c != 0) {
                return c;
            }
        }
    }
}
