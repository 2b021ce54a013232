package io.patchwindow.azure.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads the rows of the {@code updates} array straight from the file's bytes, for the second pass over a
 * snapshot whose first pass located the array ({@link SectionSkipper}). It accepts a strict subset of JSON:
 * objects whose members are plain ASCII strings without escapes, {@code null}, {@code true}, {@code false}
 * or numbers, with any white space; the values go to an {@link UpdateRowReader}.
 *
 * <p>A row outside that subset (escapes, non-ASCII text, nested values, a column of the wrong type) is
 * parsed by Jackson on its own and mapped by the reference mapping, which reports mapping errors exactly as
 * before. Malformed JSON ends the scan with {@link Malformed}: the caller then reads the section again with
 * the streaming parser, whose message names the exact place. The one fast path of the snapshot: see
 * docs/snapshot.md. Not thread-safe.
 */
final class UpdateRowScanner {
    private static final int MORE = -1;
    private static final int IRREGULAR = -2;
    private static final int MAX_NAME = 256;
    private static final int MAX_NUMBER = 100;

    /** The bytes are not the JSON the first pass saw, or not well-formed: read again with the parser. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private final UpdateRowReader rows;
    private final String sectionPath;
    private byte[] buf;
    private int end;
    /** The stream offset of buf[0]. */
    private long offset;
    private boolean eof;
    private InputStream in = InputStream.nullInputStream();

    // member names of the previous rows, in order (see UpdateRowReader)
    private final byte[][] orderName = new byte[32][];
    private final int[] orderColumn = new int[32];
    private int orderLength;

    UpdateRowScanner(UpdateRowReader rows, String sectionPath, int bufferSize) {
        this.rows = rows;
        this.sectionPath = sectionPath;
        this.buf = new byte[bufferSize];
    }

    /**
     * Reads the rows of an array from a stream positioned at stream offset {@code start}, the first byte
     * after the opening bracket, up to the closing bracket, which must be at offset {@code close}.
     *
     * @return the number of rows read
     * @throws Malformed if the bytes are not well-formed JSON rows ending at {@code close}
     * @throws IOException if reading fails
     */
    long scan(InputStream stream, long start, long close) throws IOException, Malformed {
        this.in = stream;
        this.offset = start;
        this.end = 0;
        this.eof = false;
        int p = 0;
        long index = 0;
        // ws, then ']' or the first row
        while (true) {
            p = ws(p);
            if (p < end) {
                break;
            }
            p = refill(p);
        }
        if (buf[p] == ']') {
            return closed(p, close, index);
        }
        while (true) {
            if (buf[p] != '{') {
                throw new Malformed("expected a row at offset " + (offset + p));
            }
            int r = row(p);
            if (r == MORE) {
                p = refill(p);
                continue;
            }
            if (r == IRREGULAR) {
                int e = skipObject(p);
                if (e == MORE) {
                    p = refill(p);
                    continue;
                }
                rows.reference(parse(p, e), sectionPath, index);
                r = e;
            } else {
                rows.endRow(sectionPath, index);
            }
            index++;
            // ws, then ',' and the next row, or ']'
            p = r;
            int next;
            while (true) {
                next = ws(p);
                if (next < end) {
                    break;
                }
                p = refill(p);
            }
            if (buf[next] == ']') {
                return closed(next, close, index);
            }
            if (buf[next] != ',') {
                throw new Malformed("expected ',' or ']' at offset " + (offset + next));
            }
            p = next + 1;
            while (true) {
                p = ws(p);
                if (p < end) {
                    break;
                }
                p = refill(p);
            }
        }
    }

    private long closed(int p, long close, long index) throws Malformed {
        if (offset + p != close) {
            throw new Malformed("the array ends at offset " + (offset + p) + ", not " + close);
        }
        return index;
    }

    /**
     * Moves the bytes from {@code keep} to the start of the buffer (growing it when {@code keep} is 0 and it
     * is full) and reads more; the position of the kept byte is then 0.
     */
    private int refill(int keep) throws IOException, Malformed {
        if (eof) {
            throw new Malformed("the file ends inside the updates array");
        }
        if (keep > 0) {
            System.arraycopy(buf, keep, buf, 0, end - keep);
            end -= keep;
            offset += keep;
        } else if (end == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
        return 0;
    }

    private int ws(int p) {
        byte[] b = buf;
        int e = end;
        while (p < e) {
            byte c = b[p];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            p++;
        }
        return p;
    }

    /** The position of the closing quote of a plain string starting at p, MORE, or IRREGULAR. */
    private int plain(int p) {
        p = JsonBytes.plainEnd(buf, p, end);
        if (p >= end) {
            return MORE;
        }
        return buf[p] == '"' ? p : IRREGULAR;
    }

    /** Reads one row at p (its '{'): the position after its '}', MORE, or IRREGULAR. */
    private int row(int p) {
        byte[] b = buf;
        rows.beginRow();
        p = ws(p + 1);
        if (p >= end) {
            return MORE;
        }
        if (b[p] == '}') {
            return p + 1;
        }
        for (int k = 0;; k++) {
            if (b[p] != '"') {
                return IRREGULAR;
            }
            int column;
            int q;
            byte[] expected = k < orderLength ? orderName[k] : null;
            if (expected != null && p + expected.length + 2 <= end && b[p + expected.length + 1] == '"'
                    && Arrays.equals(b, p + 1, p + 1 + expected.length, expected, 0, expected.length)) {
                column = orderColumn[k];
                q = p + expected.length + 2;
            } else {
                int close = plain(p + 1);
                if (close < 0) {
                    return close;
                }
                if (close - p - 1 > MAX_NAME) {
                    return IRREGULAR;
                }
                column = learn(k, p + 1, close);
                q = close + 1;
            }
            p = ws(q);
            if (p >= end) {
                return MORE;
            }
            if (b[p] != ':') {
                return IRREGULAR;
            }
            p = ws(p + 1);
            if (p >= end) {
                return MORE;
            }
            byte c = b[p];
            if (c == '"') {
                int close = plain(p + 1);
                if (close < 0) {
                    return close;
                }
                if (column >= 0) {
                    rows.string(column, b, p + 1, close - p - 1);
                }
                p = close + 1;
            } else if (c == 'n') {
                p = literal(p, NULL);
                if (p < 0) {
                    return p;
                }
                if (column >= 0) {
                    rows.nul(column);
                }
            } else if (column >= 0) {
                return IRREGULAR; // a known column of another type: the reference mapping reports it
            } else if (c == 't') {
                p = literal(p, TRUE);
            } else if (c == 'f') {
                p = literal(p, FALSE);
            } else {
                p = number(p);
            }
            if (p < 0) {
                return p;
            }
            p = ws(p);
            if (p >= end) {
                return MORE;
            }
            c = b[p];
            if (c == '}') {
                return p + 1;
            }
            if (c != ',') {
                return IRREGULAR;
            }
            p = ws(p + 1);
            if (p >= end) {
                return MORE;
            }
        }
    }

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    private int literal(int p, byte[] word) {
        if (p + word.length > end) {
            return MORE;
        }
        return Arrays.equals(buf, p, p + word.length, word, 0, word.length) ? p + word.length : IRREGULAR;
    }

    /** A JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?; the position after it, MORE, or IRREGULAR. */
    private int number(int p) {
        byte[] b = buf;
        int start = p;
        if (p < end && b[p] == '-') {
            p++;
        }
        if (p >= end) {
            return MORE;
        }
        if (b[p] == '0') {
            p++;
        } else if (b[p] >= '1' && b[p] <= '9') {
            p = digits(p);
        } else {
            return IRREGULAR;
        }
        if (p >= end) {
            return MORE;
        }
        if (b[p] == '.') {
            int d = digits(p + 1);
            if (d >= end) {
                return MORE;
            }
            if (d == p + 1) {
                return IRREGULAR;
            }
            p = d;
        }
        if (b[p] == 'e' || b[p] == 'E') {
            p++;
            if (p < end && (b[p] == '+' || b[p] == '-')) {
                p++;
            }
            int d = digits(p);
            if (d >= end) {
                return MORE;
            }
            if (d == p) {
                return IRREGULAR;
            }
            p = d;
        }
        return p - start > MAX_NUMBER ? IRREGULAR : p;
    }

    private int digits(int p) {
        while (p < end && buf[p] >= '0' && buf[p] <= '9') {
            p++;
        }
        return p;
    }

    /** Remembers the k-th member name (plain ASCII in [from, to)) as the guess for the next rows; its column. */
    private int learn(int k, int from, int to) {
        String name = new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
        int column = UpdateRowReader.column(name);
        if (k < orderName.length) {
            orderName[k] = Arrays.copyOfRange(buf, from, to);
            orderColumn[k] = column;
            orderLength = Math.max(orderLength, k + 1);
        }
        return column;
    }

    /** The position after the object starting at p (brackets and strings tracked, nothing validated), or MORE. */
    private int skipObject(int p) throws Malformed {
        byte[] b = buf;
        byte[] stack = new byte[64];
        int depth = 0;
        boolean string = false;
        for (int i = p; i < end; i++) {
            byte c = b[i];
            if (string) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    string = false;
                }
                continue;
            }
            switch (c) {
                case '"':
                    string = true;
                    break;
                case '{':
                case '[':
                    if (depth == stack.length) {
                        stack = Arrays.copyOf(stack, depth * 2);
                    }
                    stack[depth++] = c;
                    break;
                case '}':
                case ']':
                    if (depth == 0 || stack[depth - 1] != (c == '}' ? '{' : '[')) {
                        throw new Malformed("unbalanced '" + (char) c + "' at offset " + (offset + i));
                    }
                    if (--depth == 0) {
                        return i + 1;
                    }
                    break;
                default:
                    break;
            }
        }
        return MORE;
    }

    /** Parses a row's bytes with Jackson, as the streaming parser would read it. */
    private Map<String, Object> parse(int from, int to) throws Malformed {
        try (JsonParser p = SnapshotParser.JSON.createParser(buf, from, to - from)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new Malformed("not an object at offset " + (offset + from));
            }
            return Tree.object(p);
        } catch (JsonProcessingException e) {
            throw new Malformed("malformed row at offset " + (offset + from) + ": " + JsonProblems.describe(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new Malformed("unreadable row at offset " + (offset + from) + ": " + e);
        }
    }
}
