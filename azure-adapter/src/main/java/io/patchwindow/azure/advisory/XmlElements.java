package io.patchwindow.azure.advisory;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.jspecify.annotations.Nullable;

/**
 * The elements of an XML document, read by StAX on a thread of their own while the caller's thread reads
 * them: the advisory readers' checks and tables (ids, EVRs, dates) run beside the parser instead of after
 * each of its events, which is what keeps reading a 200 MB OVAL file close to the time of the parse alone.
 *
 * <p>Only what the readers use is handed over: each element's start and end, its local name and position
 * ({@code line:column} just after the tag, as StAX gives it), and the attributes and texts of the reader's
 * {@link Vocabulary}, chosen by the root element; white space, comments and other attributes are dropped on the
 * parser's thread. The events go in batches through a bounded queue (at most {@value #QUEUED} batches of
 * {@value #EVENTS} events wait), so memory stays small whatever the document's size; a parse error reaches
 * the caller as the parser's own {@link XMLStreamException}, after every event before it, as if the caller had
 * parsed. {@link #close()} stops the parser thread and waits for it, so that the stream is not read once the
 * caller has returned.
 *
 * <p>The API is the part of {@link XMLStreamReader}'s the readers need, with the same meanings: {@link #next()}
 * gives {@code START_ELEMENT}, {@code END_ELEMENT} or {@code END_DOCUMENT}.
 */
final class XmlElements implements AutoCloseable {
    /**
     * What a reader reads of a document: per element (local name), the attributes it asks for, and the elements
     * whose text it asks for. Nothing else is handed over, and asking for anything else is a programming error
     * ({@link IllegalStateException}).
     *
     * @param attributes per element, the local names of the attributes read
     * @param texts the elements whose text is read (the position of their end tag is kept)
     * @param ends other elements whose end tag's position a reader may give in a message (the start tags'
     *             positions of the elements above are kept)
     */
    record Vocabulary(Map<String, Set<String>> attributes, Set<String> texts, Set<String> ends) {
        /** Names and the root's position only: for a document whose root no reader knows. */
        static final Vocabulary NONE = new Vocabulary(Map.of(), Set.of(), Set.of());

        Vocabulary {
            attributes = Map.copyOf(attributes);
            texts = Set.copyOf(texts);
            ends = Set.copyOf(ends);
        }

        /** Per element of the vocabulary, what is read of it: one lookup per start tag. */
        Map<String, Words> words() {
            Map<String, Words> words = new HashMap<>();
            attributes.forEach((element, names) -> words.put(element, new Words(names.toArray(String[]::new), texts.contains(element),
                    texts.contains(element) || ends.contains(element))));
            texts.forEach(element -> words.putIfAbsent(element, new Words(new String[0], true, true)));
            ends.forEach(element -> words.putIfAbsent(element, new Words(new String[0], false, true)));
            return words;
        }
    }

    /** What is read of one element: these attributes, its text or not, its end tag's position or not. */
    private record Words(String[] attributeNames, boolean text, boolean end) {
    }

    /**
     * The words of a vocabulary by element name, for the parser's thread: the parser gives each name as one
     * shared string (its symbol table's), so a small table by identity answers most lookups before the map.
     */
    private static final class Lookup {
        private static final int SLOTS = 64;
        private static final Words ABSENT = new Words(new String[0], false, false);
        private final Map<String, Words> words;
        private final String[] names = new String[SLOTS];
        private final Words[] found = new Words[SLOTS];

        Lookup(Map<String, Words> words) {
            this.words = words;
        }

        @Nullable Words get(String name) {
            int slot = System.identityHashCode(name) & (SLOTS - 1);
            Words w;
            if (names[slot] == name) {
                w = found[slot];
            } else {
                w = words.getOrDefault(name, ABSENT);
                names[slot] = name;
                found[slot] = w;
            }
            return w == ABSENT ? null : w;
        }
    }

    /** Whether a few names hold one (a scan: cheaper than hashing the parser's names). */
    private static boolean contains(String[] names, String name) {
        for (String n : names) {
            if (n.equals(name)) {
                return true;
            }
        }
        return false;
    }

    static final int EVENTS = 4096;
    static final int QUEUED = 16;
    private static final byte START = XMLStreamConstants.START_ELEMENT;
    private static final byte END = XMLStreamConstants.END_ELEMENT;

    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED);
    /** Batches the caller has read, for the parser to fill again (fewer arrays to collect). */
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(QUEUED);
    private final Thread parser;
    private final Map<String, Vocabulary> vocabularies;
    private volatile boolean cancelled;
    /** Chosen by the parser's thread at the root, before its first batch is handed over. */
    private Vocabulary vocabulary = Vocabulary.NONE;

    private Batch batch = new Batch();
    /** The current event's index in {@link #batch}; -1 before the first. */
    private int at = -1;
    private boolean ended;

    private XmlElements(InputStream in, XMLInputFactory factory, Map<String, Vocabulary> vocabularies) {
        this.vocabularies = vocabularies;
        parser = new Thread(() -> parse(in, factory), "patchwindow-xml-parser");
        parser.setDaemon(true);
        parser.start();
    }

    /**
     * Starts reading a document on a parser thread.
     *
     * @param in the document's bytes; read by the parser thread until {@link #close()} returns, not closed
     * @param factory the StAX factory
     * @param vocabularies by the root element's local name, what is read of the document
     * @return the elements, to be closed
     */
    static XmlElements open(InputStream in, XMLInputFactory factory, Map<String, Vocabulary> vocabularies) {
        return new XmlElements(in, factory, vocabularies);
    }

    /** @return whether events are left: false once {@link #next()} gave {@code END_DOCUMENT} */
    boolean hasNext() {
        return !ended;
    }

    /**
     * @return the next event: {@code START_ELEMENT}, {@code END_ELEMENT} or, at the end, {@code END_DOCUMENT}
     * @throws XMLStreamException where the parser found the document not well-formed, or the stream failed
     */
    int next() throws XMLStreamException {
        if (ended) {
            throw new IllegalStateException("no event is left after END_DOCUMENT");
        }
        if (++at >= batch.size) {
            Batch read = batch;
            batch = take();
            free.offer(read);
            at = 0;
            if (batch.size == 0) {
                at = -1;
                Throwable failure = batch.failure;
                if (failure != null) {
                    ended = true;
                    if (failure instanceof XMLStreamException e) {
                        throw e;
                    }
                    if (failure instanceof RuntimeException e) {
                        throw e;
                    }
                    throw (Error) failure;
                }
                ended = true;
                return XMLStreamConstants.END_DOCUMENT;
            }
        }
        return batch.kind[at];
    }

    private Batch take() throws XMLStreamException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XMLStreamException("interrupted while reading", (Throwable) new InterruptedIOException("interrupted"));
        }
    }

    /** @return whether the current event is a start tag */
    boolean isStartElement() {
        return at >= 0 && batch.kind[at] == START;
    }

    /** @return the current start tag's local name */
    String getLocalName() {
        String name = batch.name[current()];
        if (name == null) {
            throw new IllegalStateException("only a start tag's name is handed over");
        }
        return name;
    }

    /** @return the current start tag's attributes of the vocabulary, in document order */
    int getAttributeCount() {
        return batch.attributeCount[current()];
    }

    /** @return the local name of the current start tag's attribute {@code i} */
    String getAttributeLocalName(int i) {
        return batch.attributes[batch.firstAttribute[current()] + 2 * attribute(i)];
    }

    /** @return the value of the current start tag's attribute {@code i} */
    String getAttributeValue(int i) {
        return batch.attributes[batch.firstAttribute[current()] + 2 * attribute(i) + 1];
    }

    /** @return the first attribute of that local name (of any namespace), null when absent */
    @Nullable String attribute(String localName) {
        int e = current();
        String element = getLocalName();
        if (!vocabulary.attributes().getOrDefault(element, Set.of()).contains(localName)) {
            throw new IllegalStateException("attribute " + localName + " of <" + element + "> is not in the vocabulary");
        }
        for (int i = batch.firstAttribute[e], end = i + 2 * batch.attributeCount[e]; i < end; i += 2) {
            if (batch.attributes[i].equals(localName)) {
                return batch.attributes[i + 1];
            }
        }
        return null;
    }

    /**
     * Reads the text of the current start tag's element, a text-only element of the vocabulary's texts, and moves
     * to its end tag.
     *
     * @return the text, empty when there is none
     * @throws XMLStreamException when the element holds elements, as StAX says it
     */
    String getElementText() throws XMLStreamException {
        String name = getLocalName();
        int e = at;
        String text = batch.text[e];
        if (batch.mixed[e]) {
            throw new XMLStreamException("elementGetText() function expects text only element but START_ELEMENT was"
                    + " encountered.", location(batch.line[e], batch.column[e]));
        }
        if (text == null && vocabulary.texts().contains(name)) {
            // the parser failed inside the element: what it found comes next
            next();
        }
        if (text == null) {
            throw new IllegalStateException("the text of <" + name + "> is not in the vocabulary: " + vocabulary.texts());
        }
        next();
        return text;
    }

    /**
     * @return {@code line:column} just after the current tag, as StAX gives it, for the root's start tag, the
     *         start tags of the vocabulary's elements and the end tags of its texts and ends; for other tags, whose
     *         position is not kept, the last kept one before it in the batch; empty before the first
     */
    String position() {
        for (int e = at; e >= 0; e--) {
            if (batch.line[e] > 0) {
                return batch.line[e] + ":" + batch.column[e];
            }
        }
        return "";
    }

    private int current() {
        if (at < 0) {
            throw new IllegalStateException("no current element");
        }
        return at;
    }

    private int attribute(int i) {
        if (i < 0 || i >= batch.attributeCount[current()]) {
            throw new IndexOutOfBoundsException("attribute " + i + " of " + batch.attributeCount[at]);
        }
        return i;
    }

    /** Stops the parser thread and waits for it: the stream is no longer read when this returns. */
    @Override
    public void close() {
        cancelled = true;
        queue.clear();
        Handoff.join(parser);
    }

    // ---- the parser's thread

    private void parse(InputStream in, XMLInputFactory factory) {
        Batch out = new Batch();
        Throwable failure = null;
        XMLStreamReader r = null;
        try {
            r = factory.createXMLStreamReader(in);
            Lookup words = null;
            // per open element, whether its end tag's position is kept: only where a reader may say it
            boolean[] endPosition = new boolean[64];
            int depth = 0;
            int pending = -1;
            while (!cancelled) {
                int event = pending >= 0 ? pending : r.hasNext() ? r.next() : XMLStreamConstants.END_DOCUMENT;
                pending = -1;
                if (event == XMLStreamConstants.END_DOCUMENT) {
                    break;
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (out.size >= EVENTS) {
                        out = hand(out);
                    }
                    String name = r.getLocalName();
                    if (words == null) {
                        Vocabulary chosen = vocabularies.getOrDefault(name, Vocabulary.NONE);
                        vocabulary = chosen;
                        words = new Lookup(chosen.words());
                    }
                    Words read = words.get(name);
                    // a position only where a reader may say it: its elements' tags and the root's
                    int e = read != null || depth == 0 ? out.add(START, name, r.getLocation()) : out.add(START, name);
                    if (depth == endPosition.length) {
                        endPosition = Arrays.copyOf(endPosition, depth * 2);
                    }
                    endPosition[depth++] = read != null && read.end();
                    if (read == null) {
                        continue;
                    }
                    String[] wanted = read.attributeNames();
                    if (wanted.length > 0) {
                        for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
                            String attribute = r.getAttributeLocalName(i);
                            if (contains(wanted, attribute)) {
                                out.attribute(e, attribute, r.getAttributeValue(i));
                            }
                        }
                    }
                    if (read.text()) {
                        pending = text(r, out, e);
                        if (pending < 0) {
                            depth--;
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (out.size >= EVENTS) {
                        out = hand(out);
                    }
                    if (endPosition[--depth]) {
                        out.add(END, null, r.getLocation());
                    } else {
                        out.add(END);
                    }
                }
            }
        } catch (XMLStreamException | RuntimeException | Error e) {
            failure = e;
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // the stream is the caller's to close
                }
            }
            // the last batch: its events, then an empty one that says the end (or the failure)
            if (out.size > 0) {
                out = hand(out);
            }
            out.failure = failure;
            hand(out);
        }
    }

    /**
     * Reads a text element's content after its start tag: the text (comments and processing instructions
     * dropped) is set on the start event, and its end tag is added. Where an element starts inside, the text is
     * not kept (the element is marked mixed) and that start is left to the loop.
     *
     * @return the event left to the loop ({@code START_ELEMENT}), or -1 when the end tag was added
     */
    private static int text(XMLStreamReader r, Batch out, int start) throws XMLStreamException {
        String text = null;
        StringBuilder more = null;
        while (true) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE,
                        XMLStreamConstants.ENTITY_REFERENCE -> {
                    String chunk = r.getText();
                    if (text == null) {
                        text = chunk;
                    } else {
                        if (more == null) {
                            more = new StringBuilder(text);
                        }
                        more.append(chunk);
                    }
                }
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                    // not text
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    out.text[start] = more != null ? more.toString() : text == null ? "" : text;
                    // the end tag goes in the same batch as its start: a batch holds EVENTS + 1 at most
                    out.add(END, null, r.getLocation());
                    return -1;
                }
                default -> {
                    out.mixed[start] = true;
                    out.text[start] = "";
                    return event;
                }
            }
        }
    }

    /** Hands a full batch to the caller's thread; returns an empty one, one the caller has read where it can. */
    private Batch hand(Batch full) {
        if (!Handoff.put(queue, full, () -> cancelled)) {
            cancelled = true;
        }
        Batch read = free.poll();
        if (read == null) {
            return new Batch();
        }
        read.size = 0;
        read.attributesUsed = 0;
        return read;
    }

    private static Location location(int line, int column) {
        return new Location() {
            @Override
            public int getLineNumber() {
                return line;
            }

            @Override
            public int getColumnNumber() {
                return column;
            }

            @Override
            public int getCharacterOffset() {
                return -1;
            }

            @Override
            public @Nullable String getPublicId() {
                return null;
            }

            @Override
            public @Nullable String getSystemId() {
                return null;
            }
        };
    }

    /** Events in parallel arrays; attributes as name, value pairs. */
    private static final class Batch {
        final byte[] kind = new byte[EVENTS + 1];
        final @Nullable String[] name = new String[EVENTS + 1];
        final @Nullable String[] text = new String[EVENTS + 1];
        final boolean[] mixed = new boolean[EVENTS + 1];
        final int[] line = new int[EVENTS + 1];
        final int[] column = new int[EVENTS + 1];
        final int[] firstAttribute = new int[EVENTS + 1];
        final int[] attributeCount = new int[EVENTS + 1];
        String[] attributes = new String[2 * EVENTS];
        int attributesUsed;
        int size;
        /** In the last batch, which has no events: why the parse stopped, null at the document's end. */
        @Nullable Throwable failure;

        int add(byte eventKind, @Nullable String localName, Location where) {
            int e = add(eventKind);
            name[e] = localName;
            line[e] = where.getLineNumber();
            column[e] = where.getColumnNumber();
            return e;
        }

        /** An event without position. */
        int add(byte eventKind, String localName) {
            int e = add(eventKind);
            name[e] = localName;
            return e;
        }

        /** An event without name or position. */
        int add(byte eventKind) {
            int e = size++;
            kind[e] = eventKind;
            name[e] = null;
            text[e] = null;
            mixed[e] = false;
            line[e] = -1;
            column[e] = -1;
            firstAttribute[e] = attributesUsed;
            attributeCount[e] = 0;
            return e;
        }

        void attribute(int e, String localName, String value) {
            if (attributesUsed + 2 > attributes.length) {
                attributes = Arrays.copyOf(attributes, attributes.length * 2);
            }
            attributes[attributesUsed++] = localName;
            attributes[attributesUsed++] = value;
            attributeCount[e]++;
        }
    }
}
