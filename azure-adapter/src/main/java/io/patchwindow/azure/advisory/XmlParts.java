package io.patchwindow.azure.advisory;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;


import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.io.input.BoundedInputStream;
import org.jspecify.annotations.Nullable;

/**
 * A large OVAL file, plain or gzip, read in two parts at once, each by a reader of its own on a thread
 * of its own: a 200 MB OVAL file is then read in about the time of a StAX pass over half of it instead of the
 * whole (docs/benchmarks.md "Advisory reading"). A gzip file is decoded from its start by each part (the
 * second skips the first's bytes): decoding takes a tenth of the parse. Other compressions are read whole:
 * bzip2 and xz decode slower than they parse, and the size of a zstd document is not always said.
 *
 * <p>The document is cut just before the start tag of a record nearest its middle (of the size a plain file
 * has or a gzip trailer says), found in the bytes up to {@value #SEARCH} either side of it: an OVAL
 * {@code <definition>}, {@code rpminfo_test}, {@code rpminfo_object} or {@code rpminfo_state} (of any namespace
 * prefix; children of {@code <definitions>}, {@code <tests>}, {@code <objects>} and {@code <states>} under
 * {@code <oval_definitions>}). The first part is the bytes before the cut with the end tags of the record's
 * section and of the root added; the second, the document's prolog and root start tag (its namespace
 * declarations included) and the section's start tag, followed by the bytes from the cut. Each part is parsed
 * as a document by StAX. If the first is well-formed, the cut was the start of a tag in that section (in a
 * comment, a CDATA section or a processing instruction, in another element or deeper in the tree, the added
 * end tags would not close the document); the OVAL reader uses local names only and reads no attribute of
 * the sections, so the two parts, appended, give what the document read whole gives. Anything else (no record
 * near the middle, a document type declaration, a root this class does not know, a part that fails for any
 * reason) reads the file whole instead, so that every message is the one a whole reading gives, with its
 * position.
 */
final class XmlParts {
    /** Files below this size are read whole: a thread more would save little. */
    static final long MIN_SIZE = 8L << 20;
    /** Each part holds at least this share of the file, or the file is read whole. */
    private static final int MIN_SHARE = 8;
    private static final int HEAD = 64 * 1024;
    /** How far from the middle a record's start tag is looked for. */
    private static final int SEARCH = 1 << 20;
    private static final int BUFFER = 1 << 16;
    /** The longest namespace prefix of a record's tag looked for. */
    private static final int PREFIX = 32;
    /**
     * The records before which an OVAL document may be cut, each with its section (a child of the root). OVAL
     * only: an updateinfo document's reading already keeps two cores busy (its reader's thread does more per
     * byte), and reading it in two parts at once was slower (1.73 times a bare pass against 1.46 whole;
     * docs/benchmarks.md).
     */
    private static final Map<String, String> RECORDS = Map.of("definition", "definitions", "rpminfo_test", "tests",
            "rpminfo_object", "objects", "rpminfo_state", "states");
    private static final String ROOT = "oval_definitions";

    private XmlParts() {
    }

    /** The root start tag, as found in the first bytes. */
    private record Root(String qualifiedName, String prefix, int end) {
    }

    /**
     * Reads a file in two parts if it is a large plain or gzip XML advisory document that can be cut.
     *
     * @param file the file
     * @param name the file as named, for messages
     * @param tally receives the advisories, in document order, on this thread
     * @param minSize documents (decoded) smaller than this are not read here
     * @return the format read, or null when the file was not read (read it whole: where it cannot be read, that
     *         reading says why, with its usual message)
     */
    static @Nullable AdvisoryFormat read(Path file, String name, Tally tally, long minSize) {
        try {
            Source source = Source.of(file);
            long size = source.size();
            if (size < minSize) {
                return null;
            }
            byte[] head;
            try (InputStream in = source.from(0)) {
                head = in.readNBytes((int) Math.min(HEAD, size));
            }
            Root root = root(head);
            if (root == null) {
                return null;
            }
            Cut cut = cut(source, size, root);
            if (cut == null) {
                return null;
            }
            String section = (root.prefix().isEmpty() ? "" : root.prefix() + ":") + cut.section();
            byte[] ends = ("</" + section + "></" + root.qualifiedName() + ">").getBytes(StandardCharsets.US_ASCII);
            byte[] start = ("<" + section + ">").getBytes(StandardCharsets.US_ASCII);
            byte[] prolog = Arrays.copyOf(head, root.end() + start.length);
            System.arraycopy(start, 0, prolog, root.end(), start.length);
            long at = cut.at();
            OvalReader joined = readBoth(() -> {
                try (InputStream before = source.from(0)) {
                    InputStream bounded = BoundedInputStream.builder().setInputStream(before).setMaxCount(at).get();
                    return XmlAdvisories.readOvalPart(new BufferedInputStream(new SequenceInputStream(bounded,
                            new ByteArrayInputStream(ends)), BUFFER), name);
                }
            }, () -> {
                try (InputStream after = source.from(at)) {
                    return XmlAdvisories.readOvalPart(new BufferedInputStream(new SequenceInputStream(
                            new ByteArrayInputStream(prolog), after), BUFFER), name);
                }
            });
            if (joined == null) {
                return null;
            }
            joined.emit(tally.to(AdvisoryFormat.OVAL));
            return AdvisoryFormat.OVAL;
        } catch (IOException e) {
            return null;
        }
    }

    /** Both parts read at once (the second on a thread of its own) and joined; null when either fails. */
    private static @Nullable OvalReader readBoth(Callable<OvalReader> first, Callable<OvalReader> second) {
        FutureTask<OvalReader> later = new FutureTask<>(second);
        Thread thread = new Thread(later, "patchwindow-xml-part");
        thread.setDaemon(true);
        thread.start();
        try {
            OvalReader part;
            try {
                part = first.call();
            } catch (Exception e) {
                later.cancel(true);
                return null;
            }
            OvalReader rest = done(later);
            if (rest == null) {
                return null;
            }
            part.append(rest);
            return part;
        } finally {
            later.cancel(true);
            Handoff.join(thread); // the file is not read once this returns
        }
    }

    private static @Nullable OvalReader done(FutureTask<OvalReader> later) {
        try {
            return later.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * The root start tag after the prolog (a byte order mark, the XML declaration, comments, processing
     * instructions and white space), when it is one of the roots known here and not empty; null otherwise,
     * also for a document type declaration or a name that is not ASCII.
     */
    static @Nullable Root root(byte[] b) {
        int n = b.length;
        int i = n >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF ? 3 : 0;
        while (true) {
            while (i < n && isSpace(b[i])) {
                i++;
            }
            if (i + 1 >= n || b[i] != '<') {
                return null;
            }
            if (b[i + 1] == '?') {
                i = indexOf(b, "?>", i + 2);
            } else if (startsWith(b, i, "<!--")) {
                i = indexOf(b, "-->", i + 4);
            } else if (b[i + 1] == '!') {
                return null; // a document type declaration
            } else {
                break;
            }
            if (i < 0) {
                return null;
            }
        }
        int start = i + 1;
        int j = start;
        while (j < n && isNameChar(b[j])) {
            j++;
        }
        if (j == start || j >= n || !(isSpace(b[j]) || b[j] == '>' || b[j] == '/')) {
            return null;
        }
        String qualified = new String(b, start, j - start, StandardCharsets.US_ASCII);
        byte quote = 0;
        for (; j < n; j++) {
            byte c = b[j];
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                break;
            } else if (c == '<') {
                return null;
            }
        }
        if (j >= n || b[j - 1] == '/') {
            return null; // no end in the first bytes, or an empty root
        }
        int colon = qualified.indexOf(':');
        if (!qualified.substring(colon + 1).equals(ROOT)) {
            return null;
        }
        return new Root(qualified, colon < 0 ? "" : qualified.substring(0, colon), j + 1);
    }

    /** Where a document is cut: the first byte of a record's start tag, and the record's section. */
    private record Cut(long at, String section) {
    }

    /**
     * Where to cut: the start tag of a record nearest the middle, within {@value #SEARCH} bytes of it; null when
     * there is none that leaves each part its share.
     */
    private static @Nullable Cut cut(Source source, long size, Root root) throws IOException {
        String[] names = RECORDS.keySet().stream().sorted().toArray(String[]::new);
        int overlap = PREFIX + Arrays.stream(names).mapToInt(String::length).max().orElse(0) + 2;
        long middle = size / 2;
        long from = Math.max(Math.max(root.end(), size / MIN_SHARE), middle - SEARCH);
        long to = Math.min(size - size / MIN_SHARE, middle + SEARCH);
        if (from >= to) {
            return null;
        }
        byte[] window;
        try (InputStream in = source.from(from)) {
            window = in.readNBytes((int) (to - from + overlap));
        }
        String text = new String(window, StandardCharsets.ISO_8859_1);
        int at = (int) (middle - from);
        int limit = (int) Math.min(to - from, window.length);
        Cut after = find(text, names, at, limit, false);
        Cut before = find(text, names, 0, at, true);
        Cut found = after == null ? before
                : before == null || after.at() - at <= at - before.at() ? after : before;
        return found == null ? null
                : new Cut(from + found.at(), found.section());
    }

    /**
     * The first (or with {@code last}, the last) start tag beginning in {@code [from, to)} of the text, of one of
     * the local names, with or without a namespace prefix, followed by white space, {@code >} or {@code /}; null
     * when there is none. The cut it gives is an index of the text.
     */
    private static @Nullable Cut find(String text, String[] names, int from, int to, boolean last) {
        Cut best = null;
        for (String name : names) {
            int at = last ? text.lastIndexOf(name, to + PREFIX) : text.indexOf(name, from);
            while (at >= 0) {
                int tag = tagStart(text, at, name.length());
                if (tag >= from && tag < to) {
                    if (best == null || (last ? tag > best.at() : tag < best.at())) {
                        best = new Cut(tag, Objects.requireNonNull(RECORDS.get(name), "section"));
                    }
                    break;
                }
                if (last ? at < from : tag >= to || at >= to + PREFIX) {
                    break;
                }
                at = last ? (at == 0 ? -1 : text.lastIndexOf(name, at - 1)) : text.indexOf(name, at + 1);
            }
        }
        return best;
    }

    /**
     * Where the start tag of the local name at {@code at} begins ({@code <name} or {@code <prefix:name}, then
     * white space, {@code >} or {@code /}); -1 when the text there is not such a tag.
     */
    private static int tagStart(String text, int at, int length) {
        int next = at + length;
        if (next >= text.length() || !(isSpace((byte) text.charAt(next)) || text.charAt(next) == '>' || text.charAt(next) == '/')) {
            return -1;
        }
        if (at >= 1 && text.charAt(at - 1) == '<') {
            return at - 1;
        }
        if (at < 1 || text.charAt(at - 1) != ':') {
            return -1;
        }
        int i = at - 2;
        while (i >= 0 && at - i <= PREFIX && text.charAt(i) != '<' && isNameChar((byte) text.charAt(i)) && text.charAt(i) != ':') {
            i--;
        }
        return i >= 0 && i < at - 2 && text.charAt(i) == '<' ? i : -1;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isNameChar(byte c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
                || c == '.' || c == ':';
    }

    private static boolean startsWith(byte[] b, int at, String s) {
        if (at + s.length() > b.length) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (b[at + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The index just after the first {@code s} at or after {@code from}; -1 when absent. */
    private static int indexOf(byte[] b, String s, int from) {
        for (int i = from; i + s.length() <= b.length; i++) {
            if (startsWith(b, i, s)) {
                return i + s.length();
            }
        }
        return -1;
    }

    /** A document's bytes, opened at an offset: a plain file's, or a gzip file's decoded. */
    private interface Source {
        /** The gzip magic bytes. */
        int GZIP = 0x8b1f;

        /**
         * The source of a file: gzip when it starts with gzip's magic bytes, else plain.
         *
         * @throws IOException if the file cannot be opened
         */
        static Source of(Path file) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer magic = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN);
                channel.read(magic, 0);
                if (magic.position() == 2 && magic.getShort(0) == (short) GZIP) {
                    // the decoded size mod 2^32, as the (last) member's trailer says
                    ByteBuffer trailer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                    long size = channel.size() >= 18 && channel.read(trailer, channel.size() - 4) == 4
                            ? Integer.toUnsignedLong(trailer.getInt(0)) : 0;
                    return new Gzip(file, size);
                }
                return new Plain(file, channel.size());
            }
        }

        /** The document's size in bytes (of a gzip file, as its trailer says: only where to look depends on it). */
        long size();

        /** The document's bytes from an offset, to be closed. */
        InputStream from(long offset) throws IOException;
    }

    /** A plain file: each stream reads it through a channel of its own, from the offset. */
    private record Plain(Path file, long size) implements Source {
        @Override
        public InputStream from(long offset) throws IOException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            try {
                return Channels.newInputStream(channel.position(offset));
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
    }

    /**
     * A gzip file, decoded from its start by each stream (Commons Compress, concatenated members read on, as
     * {@link Decompression} reads them): decoding is fast next to the parse (82 ms for 213 MB of OVAL), so the second part decodes the first part's bytes again to skip them.
     */
    private record Gzip(Path file, long size) implements Source {
        @Override
        public InputStream from(long offset) throws IOException {
            InputStream in = new GzipCompressorInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER), true);
            try {
                in.skipNBytes(offset);
                return in;
            } catch (IOException | RuntimeException e) {
                in.close();
                throw e;
            }
        }
    }
}
