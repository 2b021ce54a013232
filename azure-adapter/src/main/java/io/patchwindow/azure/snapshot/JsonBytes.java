package io.patchwindow.azure.snapshot;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Scans of JSON text in UTF-8 bytes, eight bytes at a time where most bytes are inside strings: the byte
 * scanners of the snapshot ({@link SectionSkipper}, {@link UpdateRowScanner}) use them.
 */
final class JsonBytes {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5c5c5c5c5c5c5c5cL;
    private static final long SPACES = 0x2020202020202020L;
    /** Bytes allowed unescaped in a plain string: printable ASCII but the quote and the backslash. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int c = 0x20; c < 0x80; c++) {
            PLAIN[c] = c != '"' && c != '\\';
        }
    }

    private JsonBytes() {
    }

    /** The position of the first quote or backslash from {@code p}, or {@code end} when there is none. */
    static int quoteOrBackslash(byte[] a, int p, int end) {
        while (p + 8 <= end) {
            long w = (long) LONGS.get(a, p);
            long q = w ^ QUOTES;
            long s = w ^ BACKSLASHES;
            long hit = ((q - ONES) & ~q | (s - ONES) & ~s) & HIGHS;
            if (hit != 0) {
                return p + (Long.numberOfTrailingZeros(hit) >>> 3);
            }
            p += 8;
        }
        while (p < end && a[p] != '"' && a[p] != '\\') {
            p++;
        }
        return p;
    }

    /**
     * The position of the first byte from {@code p} that a plain string cannot hold unescaped (a quote, a
     * backslash, a control character or a non-ASCII byte), or {@code end} when there is none.
     */
    static int plainEnd(byte[] a, int p, int end) {
        while (p + 8 <= end) {
            long w = (long) LONGS.get(a, p);
            long q = w ^ QUOTES;
            long s = w ^ BACKSLASHES;
            long hit = (((q - ONES) & ~q) | ((s - ONES) & ~s) | ((w - SPACES) & ~w) | w) & HIGHS;
            if (hit != 0) {
                // Each term's lowest bit is exact (a borrow only reaches bytes above a byte that matched):
                // the lowest bit set is the first byte that a plain string cannot hold.
                return p + (Long.numberOfTrailingZeros(hit) >>> 3);
            }
            p += 8;
        }
        while (p < end && PLAIN[a[p] & 0xff]) {
            p++;
        }
        return p;
    }

    /** JSON white space. */
    static boolean isSpace(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }
}
