package io.patchwindow.azure.advisory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

import org.jspecify.annotations.Nullable;

import io.patchwindow.core.advisory.Advisory;
import io.patchwindow.core.advisory.AdvisorySink;


/**
 * Reads an XML advisory file with StAX, on a parser thread beside the reader's ({@link XmlElements}): the
 * root element says the format ({@code <updates>} for updateinfo, {@code <oval_definitions>} for OVAL). DTDs
 * and external entities are refused (the data is untrusted).
 */
final class XmlAdvisories {
    private static final XMLInputFactory FACTORY = factory();
    /** What each reader reads, by the root element that says the format. */
    private static final Map<String, XmlElements.Vocabulary> VOCABULARIES = Map.of(
            "updates", UpdateinfoReader.VOCABULARY, "oval_definitions", OvalReader.VOCABULARY);

    private XmlAdvisories() {
    }

    /** The StAX factory every XML read uses (also the benchmark's bare pass): namespace-aware, no DTD, no external entities. */
    static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /**
     * Reads one XML file.
     *
     * @param in the decompressed bytes
     * @param file the file as named, for messages
     * @param sink receives the advisories, counted per format
     * @param lenient whether an XML file of another kind (e.g. {@code repomd.xml} in a directory) is skipped
     *                rather than refused
     * @return the format read, or null when the file was skipped
     */
    static @Nullable AdvisoryFormat read(InputStream in, String file, Tally sink, boolean lenient) {
        try (XmlElements r = XmlElements.open(in, FACTORY, VOCABULARIES)) {
            while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
                // only the end of the document comes before the root
            }
            if (!r.isStartElement()) {
                throw new AdvisoryFileException(file, r.position(), "the document has no root element; expected <updates> (updateinfo) or <oval_definitions> (OVAL)", null);
            }
            String root = r.getLocalName();
            if (root.equals("updates")) {
                UpdateinfoReader.read(r, file, sink.to(AdvisoryFormat.UPDATEINFO));
                return AdvisoryFormat.UPDATEINFO;
            }
            if (root.equals("oval_definitions")) {
                OvalReader.read(r, file, sink.to(AdvisoryFormat.OVAL));
                return AdvisoryFormat.OVAL;
            }
            if (lenient) {
                return null;
            }
            throw new AdvisoryFileException(file, r.position(), "root element <" + root
                    + "> is not an advisory document; expected <updates> (updateinfo) or <oval_definitions> (OVAL)", null);
        } catch (XMLStreamException e) {
            throw notWellFormed(file, e);
        }
    }

    /**
     * Reads one part of a large document ({@link XmlParts}) without giving its advisories to anyone yet.
     *
     * @param in the part's bytes, a well-formed document of the format's root
     * @param file the file as named, for messages
     * @param root the root element's local name the part must have
     * @return what the part holds
     * @throws AdvisoryFileException or {@link XMLStreamException} where the part is not a document of that root
     */
    static Part readPart(InputStream in, String file, String root) throws XMLStreamException {
        try (XmlElements r = XmlElements.open(in, FACTORY, VOCABULARIES)) {
            while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
                // only the end of the document comes before the root
            }
            if (!r.isStartElement() || !r.getLocalName().equals(root)) {
                throw new AdvisoryFileException(file, r.position(), "the part's root is not <" + root + ">", null);
            }
            if (root.equals("updates")) {
                List<Advisory> advisories = new ArrayList<>();
                UpdateinfoReader.read(r, file, advisories::add);
                return new Part(AdvisoryFormat.UPDATEINFO, advisories, null);
            }
            return new Part(AdvisoryFormat.OVAL, List.of(), OvalReader.tables(r, file));
        }
    }

    /**
     * What a part of a document gave: the advisories of an updateinfo part, the tables of an OVAL one. The
     * parts, appended in document order, give what the document read whole gives.
     */
    static final class Part {
        private final AdvisoryFormat format;
        private final List<Advisory> advisories;
        private final @Nullable OvalReader oval;

        private Part(AdvisoryFormat format, List<Advisory> advisories, @Nullable OvalReader oval) {
            this.format = format;
            this.advisories = advisories;
            this.oval = oval;
        }

        AdvisoryFormat format() {
            return format;
        }

        /** Appends the part that follows this one in the document (of the same root). */
        void append(Part later) {
            if (later.format != format) {
                throw new IllegalArgumentException("parts of " + format + " and " + later.format);
            }
            if (oval != null) {
                oval.append(Objects.requireNonNull(later.oval, "later.oval"));
            } else {
                advisories.addAll(later.advisories);
            }
        }

        /** Gives the advisories, in document order. */
        void emit(AdvisorySink sink) {
            if (oval != null) {
                oval.emit(sink);
            } else {
                advisories.forEach(sink::accept);
            }
        }
    }

    /** The one-line error for a document StAX could not read: its position and the parser's own words. */
    static AdvisoryFileException notWellFormed(String file, XMLStreamException e) {
        Throwable nested = e.getNestedException() != null ? e.getNestedException() : e.getCause();
        if (nested instanceof IOException || nested instanceof UncheckedIOException) {
            return new AdvisoryFileException(file, "", "cannot be read: " + nested.getMessage(), e);
        }
        Location l = e.getLocation();
        String position = l == null || l.getLineNumber() < 0 ? "" : l.getLineNumber() + ":" + l.getColumnNumber();
        String message = String.valueOf(e.getMessage());
        int idx = message.indexOf("Message: ");
        if (idx >= 0) {
            message = message.substring(idx + "Message: ".length());
        }
        return new AdvisoryFileException(file, position, "not well-formed XML: " + message.strip()
                + "; expected a complete updateinfo or OVAL document", e);
    }

    /**
     * Moves to the next child of the current element, whose earlier children were read through their end tags
     * (to walk deeper, use {@link Descendants}).
     *
     * @return the child's local name, the reader on its start tag; null at the current element's end tag
     */
    static @Nullable String nextChild(XmlElements r) throws XMLStreamException {
        while (true) {
            int event = r.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                return null;
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                return r.getLocalName();
            }
        }
    }

    /** The {@code date} attribute of the current element ({@link Fields#date}); null when absent or blank. */
    static @Nullable LocalDate date(XmlElements r) {
        String date = r.attribute("date");
        return date == null || date.isBlank() ? null : Fields.date(date);
    }

    /** Skips the current element with everything inside it; the reader is left on its end tag. */
    static void skipElement(XmlElements r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

}
