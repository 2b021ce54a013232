package io.patchwindow.azure.advisory;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

import org.jspecify.annotations.Nullable;

/**
 * Walks the elements inside the current element of a StAX reader, depth first, and keeps the depth, so that a
 * reader of one element can read a descendant's text or skip it without counting end tags itself:
 *
 * <pre>{@code
 * Descendants d = new Descendants(r);            // r is on <update>
 * for (String name = d.next(); name != null; name = d.next()) {
 *     if (name.equals("id") && d.isChild()) {
 *         id = d.text();
 *     }
 * }                                              // r is on </update>
 * }</pre>
 */
final class Descendants {
    private final XmlElements r;
    /** How many elements are open from the walked one (1: only the walked one). */
    private int depth = 1;

    /** @param r the reader, on the start tag of the element to walk */
    Descendants(XmlElements r) {
        this.r = r;
    }

    /** @return the local name of the next start tag inside the walked element; null at its end tag */
    @Nullable String next() throws XMLStreamException {
        while (depth > 0) {
            int event = r.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                return r.getLocalName();
            }
        }
        return null;
    }

    /** @return whether the element that {@link #next()} gave is a child of the walked one (not deeper) */
    boolean isChild() {
        return depth == 2;
    }

    /** @return the text of the element that {@link #next()} gave, read through its end tag */
    String text() throws XMLStreamException {
        String text = r.getElementText();
        depth--;
        return text;
    }

    /** Skips the element that {@link #next()} gave, with everything inside it. */
    void skip() throws XMLStreamException {
        XmlAdvisories.skipElement(r);
        depth--;
    }
}
