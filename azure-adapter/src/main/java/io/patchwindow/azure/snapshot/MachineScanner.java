package io.patchwindow.azure.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.inventory.ResourceId;
import org.jspecify.annotations.Nullable;

/**
 * Reads the machines of a document that starts with its {@code machines} array straight from the bytes,
 * when they are plain JSON: objects, arrays, strings of printable ASCII without escapes, {@code true},
 * {@code false} and {@code null}, the shapes that {@code az graph query} and {@code export-snapshot} print.
 * Each machine becomes the tree the parser would build ({@link Tree}: ordered maps, a repeated member in
 * its first position with its last value) and goes through the same mapping, {@link Mappers#machine}.
 *
 * <p>Anything else (a number, an escape, a non-ASCII byte, deep nesting, malformed JSON, a machine the
 * mapping refuses, another first key) gives null: the caller then reads the document with the parser as
 * before, which reads and reports it exactly. When it succeeds, the parser reads the document from the
 * array's closing bracket. A command-line run thus reads its largest section before the rows without
 * the parser's cold start (10,000 machines: about 50 ms less in a fresh JVM).
 */
final class MachineScanner {
    /** The machines read, the resources ignored (other types), and the stream offset of the closing ']'. */
    static final class Result {
        final List<Machine> machines;
        final int ignored;
        final long end;

        Result(List<Machine> machines, int ignored, long end) {
            this.machines = machines;
            this.ignored = ignored;
            this.end = end;
        }
    }

    /** The bytes run out inside an element: read more and read the element again. */
    private static final class More extends Exception {
        private static final long serialVersionUID = 1L;

        More() {
            super(null, null, false, false);
        }
    }

    /** Not plain JSON, or not well-formed: the parser reads the document. */
    private static final class Irregular extends Exception {
        private static final long serialVersionUID = 1L;

        Irregular() {
            super(null, null, false, false);
        }
    }

    private static final More MORE = new More();
    private static final Irregular IRREGULAR = new Irregular();
    private static final byte[] MACHINES = ('"' + Snapshot.MACHINES + '"').getBytes(StandardCharsets.US_ASCII);
    private static final String PATH = JsonPaths.field(JsonPaths.ROOT, Snapshot.MACHINES);
    /** Deeper than any machine resource; the parser has its own limit. */
    private static final int MAX_DEPTH = 64;
    /** Longer strings are left to the parser and its length limits. */
    private static final int MAX_STRING = 1 << 20;
    private static final int MAX_BUFFER = 1 << 28;

    private final InputStream in;
    private byte[] buf;
    private int pos;
    private int end;
    /** The stream offset of {@code buf[0]}. */
    private long offset;
    private boolean eof;

    private MachineScanner(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    /**
     * Reads the machines from the start of a document, or gives null (see the class comment).
     *
     * @param in the document from its first byte; read up to the machines' closing bracket at most
     * @param file the file name, for the mapping's messages
     * @param strings the mapping's shared strings
     * @param ids the mapping's id parser
     */
    static @Nullable Result read(InputStream in, int bufferSize, String file, Map<String, String> strings,
                                 ResourceId.Parser ids) throws IOException {
        return new MachineScanner(in, bufferSize).read(file, strings, ids);
    }

    private @Nullable Result read(String file, Map<String, String> strings, ResourceId.Parser ids)
            throws IOException {
        List<Machine> machines = new ArrayList<>();
        int ignored = 0;
        try {
            head();
            long index = 0;
            while (true) {
                int start = pos;
                Map<String, Object> node;
                try {
                    if (index > 0) {
                        ws();
                        if (buf[pos] == ']') {
                            return new Result(machines, ignored, offset + pos);
                        }
                        if (buf[pos] != ',') {
                            return null;
                        }
                        pos++;
                    }
                    ws();
                    if (index == 0 && buf[pos] == ']') {
                        return new Result(machines, ignored, offset + pos);
                    }
                    if (buf[pos] != '{') {
                        return null;
                    }
                    node = object(1);
                } catch (More e) {
                    refill(start);
                    continue;
                }
                Machine m;
                try {
                    m = Mappers.machine(new Obj(file, JsonPaths.index(PATH, (int) Math.min(index, Integer.MAX_VALUE)),
                            node), strings, ids);
                } catch (RuntimeException e) {
                    return null; // the parser's pass reports it, at the same machine
                }
                if (m == null) {
                    ignored++;
                } else {
                    machines.add(m);
                }
                index++;
            }
        } catch (Irregular e) {
            return null;
        }
    }

    /** {@code {"machines":[}, with white space; the position after the bracket. */
    private void head() throws IOException, Irregular {
        while (true) {
            try {
                pos = 0;
                ws();
                expect('{');
                ws();
                if (end - pos < MACHINES.length) {
                    throw MORE;
                }
                if (!Arrays.equals(buf, pos, pos + MACHINES.length, MACHINES, 0, MACHINES.length)) {
                    throw IRREGULAR;
                }
                pos += MACHINES.length;
                ws();
                expect(':');
                ws();
                expect('[');
                return;
            } catch (More e) {
                refill(0);
            }
        }
    }

    private void expect(char c) throws Irregular {
        if (buf[pos] != c) {
            throw IRREGULAR;
        }
        pos++;
    }

    /** Skips white space; something must follow. */
    private void ws() throws More {
        while (pos < end && JsonBytes.isSpace(buf[pos])) {
            pos++;
        }
        if (pos >= end) {
            throw MORE;
        }
    }

    private Object value(int depth) throws More, Irregular {
        switch (buf[pos]) {
            case '"':
                return string();
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return Tree.NULL;
            default:
                throw IRREGULAR; // numbers among them: the parser decides their Java type
        }
    }

    private void literal(String word) throws More, Irregular {
        if (end - pos < word.length()) {
            throw MORE;
        }
        for (int i = 0; i < word.length(); i++) {
            if (buf[pos + i] != word.charAt(i)) {
                throw IRREGULAR;
            }
        }
        pos += word.length();
    }

    private String string() throws More, Irregular {
        int from = pos + 1;
        int close = JsonBytes.plainEnd(buf, from, end);
        if (close >= end) {
            throw MORE;
        }
        if (buf[close] != '"' || close - from > MAX_STRING) {
            throw IRREGULAR;
        }
        pos = close + 1;
        return new String(buf, from, close - from, StandardCharsets.ISO_8859_1);
    }

    /** An object at pos ('{'), as {@link Tree#object} builds it; pos after its '}'. */
    private Map<String, Object> object(int depth) throws More, Irregular {
        if (depth > MAX_DEPTH) {
            throw IRREGULAR;
        }
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        ws();
        if (buf[pos] == '}') {
            pos++;
            return map;
        }
        while (true) {
            if (buf[pos] != '"') {
                throw IRREGULAR;
            }
            String name = string();
            ws();
            expect(':');
            ws();
            map.put(name, value(depth));
            ws();
            if (buf[pos] == '}') {
                pos++;
                return map;
            }
            expect(',');
            ws();
        }
    }

    private List<Object> array(int depth) throws More, Irregular {
        if (depth > MAX_DEPTH) {
            throw IRREGULAR;
        }
        pos++;
        List<Object> list = new ArrayList<>();
        ws();
        if (buf[pos] == ']') {
            pos++;
            return list;
        }
        while (true) {
            list.add(value(depth));
            ws();
            if (buf[pos] == ']') {
                pos++;
                return list;
            }
            expect(',');
            ws();
        }
    }

    /** Keeps the bytes from {@code keep} (moved to the start, growing the buffer when full) and reads more. */
    private void refill(int keep) throws IOException, Irregular {
        if (eof) {
            throw IRREGULAR; // the document ends inside the machines: the parser says where
        }
        System.arraycopy(buf, keep, buf, 0, end - keep);
        end -= keep;
        offset += keep;
        pos = 0;
        if (end == buf.length) {
            if (buf.length >= MAX_BUFFER) {
                throw IRREGULAR;
            }
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }
}
