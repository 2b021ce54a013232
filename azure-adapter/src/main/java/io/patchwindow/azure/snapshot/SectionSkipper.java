package io.patchwindow.azure.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Passes a snapshot document through unchanged except for the contents of the top-level arrays
 * {@code updates}, {@code patchAssessments} and {@code installations}, which are dropped (the parser sees
 * {@code []}) and only counted. The first pass over a snapshot needs the machines and deployments, not the
 * millions of assessment or installation rows: scanning their bytes for brackets and quotes is several times
 * cheaper than tokenizing them.
 *
 * <p>The scan only tracks strings (with escapes) and brackets; it does not validate what it drops. The
 * rows are validated by the pass that reads them. When the brackets do not match (malformed input), it
 * fails with {@link Desync} so that the caller can read the document again without this filter and
 * report the parser's exact error. Input that is not UTF-8 passes through unchanged (nothing matches).
 */
final class SectionSkipper extends InputStream {
    private static final byte[][] DROPPED = {
        SnapshotParser.UPDATES.getBytes(StandardCharsets.UTF_8),
        SnapshotParser.PATCH_ASSESSMENTS.getBytes(StandardCharsets.UTF_8),
        SnapshotRunHistory.SECTION.getBytes(StandardCharsets.UTF_8),
    };
    private static final int MAX_DEPTH = 2048;
    private static final int MAX_KEY = 32;

    /** Signals brackets that do not match: the document is malformed and must be read without the filter. */
    static final class Desync extends IOException {
        private static final long serialVersionUID = 1L;

        Desync(String message) {
            super(message);
        }
    }

    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int end;
    private boolean eof;

    private final byte[] stack = new byte[MAX_DEPTH];
    private int depth;
    private boolean inString;
    private boolean escape;

    // top-level key tracking (depth 1 of the root object)
    private boolean expectKey;
    private boolean capturing;
    private final byte[] key = new byte[MAX_KEY];
    private int keyLength;
    private int lastKey = -1;
    private boolean afterColon;

    // dropping
    private boolean dropping;
    private int dropped = -1;
    private boolean sawElement;
    private long commas;
    private boolean pendingClose;
    private final long[] counts = new long[DROPPED.length];
    private final long[] starts = new long[DROPPED.length];
    private final long[] ends = new long[DROPPED.length];
    /** Bytes read from the stream before the current buffer. */
    private long base;

    // cuts of the installations rows: a row separator every cutBytes or more, where a reader can start
    private static final int CUT_SECTION = 2;
    private final long cutBytes;
    private long nextCut;
    private final List<Cut> cuts = new ArrayList<>();

    /**
     * A separator between two rows of a dropped array: a reader of the rows can start after it.
     *
     * @param comma the stream offset of the ',' between the rows
     * @param row the index of the row after it in the array
     */
    record Cut(long comma, long row) {
    }

    SectionSkipper(InputStream in, int bufferSize) {
        this(in, bufferSize, Long.MAX_VALUE);
    }

    /** With the {@code installations} rows' separators recorded every {@code cutBytes} or more ({@link #cuts}). */
    SectionSkipper(InputStream in, int bufferSize, long cutBytes) {
        this.in = Objects.requireNonNull(in, "in");
        this.buf = new byte[bufferSize];
        this.cutBytes = cutBytes;
        Arrays.fill(counts, -1);
        Arrays.fill(starts, -1);
        Arrays.fill(ends, -1);
    }

    private int section(String section) {
        for (int i = 0; i < DROPPED.length; i++) {
            if (Arrays.equals(DROPPED[i], section.getBytes(StandardCharsets.UTF_8))) {
                return i;
            }
        }
        throw new IllegalArgumentException(section);
    }

    /** The offset in the stream of the first byte after the opening bracket of a dropped section; -1 when not seen. */
    long start(String section) {
        return starts[section(section)];
    }

    /** The offset in the stream of the closing bracket of a dropped section; -1 when not seen. */
    long end(String section) {
        return ends[section(section)];
    }

    /**
     * The separators of the {@code installations} rows recorded as they were dropped, in file order: the first
     * one at least the cut size after the array's '[', each further one at least that far after the previous.
     */
    List<Cut> cuts() {
        return List.copyOf(cuts);
    }

    /** The element count of a dropped section (e.g. {@code installations}); -1 when not seen. */
    long count(String section) {
        return counts[section(section)];
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int out = off;
        int limit = off + len;
        while (out == off) {
            if (pendingClose) {
                b[out++] = ']';
                pendingClose = false;
                continue;
            }
            if (pos >= end && !fill()) {
                return -1;
            }
            if (dropping) {
                drop();
            } else {
                out = pass(b, out, limit);
            }
        }
        return out - off;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        base += end;
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            eof = n < 0;
            pos = 0;
            end = 0;
            return !eof;
        }
        pos = 0;
        end = n;
        return true;
    }

    /** Copies bytes while tracking the structure; stops at the start of a dropped array's content. */
    private int pass(byte[] b, int out, int limit) throws IOException {
        final byte[] a = buf;
        final int from = pos;
        final int stop = Math.min(end, pos + (limit - out));
        int p = pos;
        while (p < stop) {
            if (inString) {
                if (escape) {
                    escape = false;
                    capturing = false; // an escaped key never matches: it is read as is
                    p++;
                    continue;
                }
                if (!capturing) {
                    p = JsonBytes.quoteOrBackslash(a, p, stop); // most bytes are inside strings
                    if (p == stop) {
                        break;
                    }
                }
                byte c = a[p++];
                if (c == '\\') {
                    escape = true;
                } else if (c == '"') {
                    inString = false;
                    if (capturing) {
                        capturing = false;
                        lastKey = match();
                    }
                } else if (capturing) {
                    if (keyLength < MAX_KEY) {
                        key[keyLength++] = c;
                    } else {
                        capturing = false;
                    }
                }
                continue;
            }
            byte c = a[p++];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                continue;
            }
            boolean top = depth == 1 && stack[0] == '{';
            boolean value = top && afterColon;
            if (top) {
                afterColon = false;
            }
            switch (c) {
                case '"':
                    inString = true;
                    if (top && expectKey) {
                        expectKey = false;
                        capturing = true;
                        keyLength = 0;
                        lastKey = -1;
                    }
                    break;
                case ':':
                    if (top) {
                        afterColon = true;
                    }
                    break;
                case ',':
                    if (top) {
                        expectKey = true;
                        lastKey = -1;
                    }
                    break;
                case '[':
                case '{':
                    push(c);
                    if (depth == 1 && c == '{') {
                        expectKey = true;
                    } else if (value && c == '[' && lastKey >= 0) {
                        dropping = true;
                        dropped = lastKey;
                        starts[dropped] = base + p;
                        nextCut = base + p + cutBytes;
                        sawElement = false;
                        commas = 0;
                        return copy(b, out, from, p);
                    }
                    break;
                case ']':
                case '}':
                    pop(c);
                    break;
                default:
                    break;
            }
        }
        return copy(b, out, from, p);
    }

    /** Copies the bytes from {@code from} to {@code to} of the buffer, all passed, to the reader's array. */
    private int copy(byte[] b, int out, int from, int to) {
        System.arraycopy(buf, from, b, out, to - from);
        pos = to;
        return out + (to - from);
    }

    /** Skips the content of a dropped array up to its closing bracket, counting its elements. */
    private void drop() throws IOException {
        final byte[] a = buf;
        int p = pos;
        final int e = end;
        while (p < e) {
            if (inString) {
                if (escape) {
                    escape = false;
                    p++;
                    continue;
                }
                p = JsonBytes.quoteOrBackslash(a, p, e); // most of the skipped bytes are inside strings
                if (p == e) {
                    break;
                }
                if (a[p++] == '\\') {
                    escape = true;
                } else {
                    inString = false;
                }
                continue;
            }
            byte c = a[p++];
            switch (c) {
                case ' ':
                case '\n':
                case '\r':
                case '\t':
                    continue;
                case '"':
                    inString = true;
                    break;
                case '[':
                case '{':
                    push(c);
                    break;
                case ']':
                case '}':
                    if (depth == 2 && c == ']') {
                        pop(c);
                        counts[dropped] = sawElement ? commas + 1 : 0;
                        ends[dropped] = base + p - 1;
                        dropping = false;
                        pendingClose = true;
                        pos = p;
                        return;
                    }
                    pop(c);
                    break;
                case ',':
                    if (depth == 2) {
                        commas++;
                        if (dropped == CUT_SECTION && base + p - 1 >= nextCut) {
                            cuts.add(new Cut(base + p - 1, commas));
                            nextCut = base + p - 1 + cutBytes;
                        }
                    }
                    continue;
                default:
                    break;
            }
            if (depth >= 2) {
                sawElement = true;
            }
        }
        pos = p;
    }

    private void push(byte c) throws Desync {
        if (depth >= MAX_DEPTH) {
            throw new Desync("nesting deeper than " + MAX_DEPTH);
        }
        stack[depth++] = c;
    }

    private void pop(byte c) throws Desync {
        if (depth == 0 || stack[depth - 1] != (c == ']' ? '[' : '{')) {
            throw new Desync("unbalanced '" + (char) c + "'");
        }
        depth--;
    }

    private int match() {
        for (int i = 0; i < DROPPED.length; i++) {
            if (Arrays.equals(DROPPED[i], 0, DROPPED[i].length, key, 0, keyLength)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
