package io.patchwindow.azure.advisory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Map;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

import org.jspecify.annotations.Nullable;


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
     * Reads the tables of one part of a large OVAL document ({@link XmlParts}), without joining them yet.
     *
     * @param in the part's bytes, a well-formed document
     * @param file the file as named, for messages
     * @return the part's tables
     * @throws AdvisoryFileException or {@link XMLStreamException} where the part is not an OVAL document
     */
    static OvalReader readOvalPart(InputStream in, String file) throws XMLStreamException {
        try (XmlElements r = XmlElements.open(in, FACTORY, VOCABULARIES)) {
            while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
                // only the end of the document comes before the root
            }
            if (!r.isStartElement() || !r.getLocalName().equals("oval_definitions")) {
                throw new AdvisoryFileException(file, r.position(), "the part's root is not <oval_definitions>", null);
            }
            return OvalReader.tables(r, file);
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
