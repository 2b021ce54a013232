package io.patchwindow.azure.advisory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.junit.jupiter.api.Test;

class XmlElementsTest {
    private static final XmlElements.Vocabulary WORDS = new XmlElements.Vocabulary(
            Map.of("item", Set.of("id", "kind"), "name", Set.of("lang")), Set.of("name", "note"), Set.of("item"));
    private static final Map<String, XmlElements.Vocabulary> BY_ROOT = Map.of("doc", WORDS);

    private static XmlElements open(String xml) {
        return XmlElements.open(bytes(xml), XmlAdvisories.factory(), BY_ROOT);
    }

    private static InputStream bytes(String xml) {
        return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether an element's tags keep their position: the root's and the vocabulary's. */
    private static boolean positioned(String name) {
        return name.equals("doc") || WORDS.attributes().containsKey(name) || WORDS.texts().contains(name);
    }

    /** What StAX itself gives of a document, as a line per start tag (name, position, vocabulary attributes, text). */
    private static List<String> stax(String xml) throws XMLStreamException {
        List<String> out = new ArrayList<>();
        XMLStreamReader r = XmlAdvisories.factory().createXMLStreamReader(bytes(xml));
        while (r.hasNext()) {
            if (r.next() != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String name = r.getLocalName();
            StringBuilder line = new StringBuilder(name);
            if (positioned(name)) {
                line.append(" at ").append(r.getLocation().getLineNumber()).append(':').append(r.getLocation().getColumnNumber());
            }
            for (int i = 0; i < r.getAttributeCount(); i++) {
                if (WORDS.attributes().getOrDefault(name, Set.of()).contains(r.getAttributeLocalName(i))) {
                    line.append(' ').append(r.getAttributeLocalName(i)).append('=').append(r.getAttributeValue(i));
                }
            }
            if (WORDS.texts().contains(name)) {
                line.append(" text=").append(r.getElementText()).append(" end at ").append(r.getLocation().getLineNumber())
                        .append(':').append(r.getLocation().getColumnNumber());
            }
            out.add(line.toString());
        }
        return out;
    }

    /** The same lines from the elements handed over. */
    private static List<String> handedOver(String xml) throws XMLStreamException {
        List<String> out = new ArrayList<>();
        try (XmlElements r = open(xml)) {
            while (r.hasNext()) {
                if (r.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String name = r.getLocalName();
                StringBuilder line = new StringBuilder(name);
                if (positioned(name)) {
                    line.append(" at ").append(r.position());
                }
                for (int i = 0; i < r.getAttributeCount(); i++) {
                    line.append(' ').append(r.getAttributeLocalName(i)).append('=').append(r.getAttributeValue(i));
                }
                if (WORDS.texts().contains(name)) {
                    line.append(" text=").append(r.getElementText()).append(" end at ").append(r.position());
                }
                out.add(line.toString());
            }
        }
        return out;
    }

    @Test
    void startTags_attributesAndTexts_areWhatStaxGives() throws XMLStreamException {
        String xml = "<?xml version=\"1.0\"?>\n<!-- c -->\n<doc xmlns:x=\"urn:x\">\n  <item id=\"1\" other=\"dropped\" x:kind=\"a\">"
                + "<name lang=\"en\">first <!-- no -->item</name>\n  <note><![CDATA[<raw>]]> &amp; more</note></item>\n"
                + "  <item kind=\"b\" id=\"2\" id2=\"x\"><other>t</other><name/></item>\n</doc>\n";

        assertThat(handedOver(xml)).isEqualTo(stax(xml)).containsExactly("doc at 3:22",
                "item at 4:43 id=1 kind=a", "name at 4:59 lang=en text=first item end at 4:87",
                "note at 5:9 text=<raw> & more end at 5:44", "item at 6:33 kind=b id=2", "other", "name at 6:56 text= end at 6:56");
    }

    @Test
    void endTagPositions_areKeptForTextsAndEnds_othersGiveTheLastKept() throws XMLStreamException {
        try (XmlElements r = open("<doc>\n<item id=\"1\">\n<other>x</other>\n</item>\n</doc>")) {
            r.next(); // <doc>
            r.next(); // <item>
            assertThat(r.position()).isEqualTo("2:14");
            r.next(); // <other>: not kept
            assertThat(r.position()).isEqualTo("2:14");
            r.next(); // </other>: not kept
            assertThat(r.position()).isEqualTo("2:14");
            assertThat(r.next()).isEqualTo(XMLStreamConstants.END_ELEMENT); // </item>: an end of the vocabulary
            assertThat(r.position()).isEqualTo("4:8");
        }
    }

    @Test
    void aDocumentOfManyBatches_comesWholeAndInOrder() throws XMLStreamException {
        StringBuilder xml = new StringBuilder("<doc>\n");
        for (int i = 0; i < 5 * XmlElements.EVENTS; i++) {
            xml.append("<item id=\"").append(i).append("\"><name>n").append(i).append("</name></item>\n");
        }
        xml.append("</doc>");

        List<String> lines = handedOver(xml.toString());

        assertThat(lines).hasSize(1 + 2 * 5 * XmlElements.EVENTS).isEqualTo(stax(xml.toString()));
        assertThat(lines.get(lines.size() - 1)).startsWith("name at " + (1 + 5 * XmlElements.EVENTS) + ":").contains("text=n20479");
    }

    @Test
    void aParseError_comesAfterEveryEventBeforeIt() {
        String xml = "<doc>\n<item id=\"1\"/>\n<item id=\"2\"/>\n<item id=\"3\"></doc>";
        List<String> ids = new ArrayList<>();

        assertThatThrownBy(() -> {
            try (XmlElements r = open(xml)) {
                while (r.hasNext()) {
                    if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("item")) {
                        ids.add(r.attribute("id"));
                    }
                }
            }
        }).isInstanceOf(XMLStreamException.class).hasMessageContaining("item").satisfies(e ->
                assertThat(((XMLStreamException) e).getLocation().getLineNumber()).isEqualTo(4));
        assertThat(ids).containsExactly("1", "2", "3");
    }

    @Test
    void textOfAnElementThatHoldsElements_isRefusedAsStaxRefusesIt() throws XMLStreamException {
        try (XmlElements r = open("<doc><name>a<b/>c</name><note>ok</note></doc>")) {
            r.next();
            assertThat(r.next()).isEqualTo(XMLStreamConstants.START_ELEMENT);
            assertThat(r.getLocalName()).isEqualTo("name");
            assertThatThrownBy(r::getElementText).isInstanceOf(XMLStreamException.class).hasMessageContaining("text only");
            // the elements inside still come, and what follows
            assertThat(r.next()).isEqualTo(XMLStreamConstants.START_ELEMENT);
            assertThat(r.getLocalName()).isEqualTo("b");
            assertThat(r.next()).isEqualTo(XMLStreamConstants.END_ELEMENT);
            assertThat(r.next()).isEqualTo(XMLStreamConstants.END_ELEMENT);
            assertThat(r.next()).isEqualTo(XMLStreamConstants.START_ELEMENT);
            assertThat(r.getElementText()).isEqualTo("ok");
        }
    }

    @Test
    void askingForWhatIsNotInTheVocabulary_isAProgrammingError() throws XMLStreamException {
        try (XmlElements r = open("<doc><item id=\"1\" size=\"2\"/></doc>")) {
            r.next();
            r.next();
            assertThat(r.attribute("id")).isEqualTo("1");
            assertThatThrownBy(() -> r.attribute("size")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("attribute size of <item> is not in the vocabulary");
            assertThatThrownBy(r::getElementText).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("the text of <item> is not in the vocabulary");
        }
    }

    @Test
    void aRootNoReaderKnows_givesNamesOnly() throws XMLStreamException {
        try (XmlElements r = open("<repomd><item id=\"1\"/></repomd>".replace("repomd", "other"))) {
            r.next();
            assertThat(r.getLocalName()).isEqualTo("other");
            r.next();
            assertThat(r.getAttributeCount()).isZero();
        }
    }

    @Test
    void closingBeforeTheEnd_stopsTheParserThread() {
        // an endless document: the parser would never stop by itself
        InputStream endless = new SequenceInputStream(bytes("<doc>"), new InputStream() {
            private final byte[] item = "<item id=\"7\"/>\n".getBytes(StandardCharsets.US_ASCII);
            private int i;

            @Override
            public int read() {
                return item[i++ % item.length];
            }
        });
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            XmlElements r = XmlElements.open(endless, XmlAdvisories.factory(), BY_ROOT);
            for (int i = 0; i < 3 * XmlElements.EVENTS; i++) {
                r.next();
            }
            r.close();
            assertThat(parserThreads()).isZero();
        });
    }

    @Test
    void aFailingStream_isTheParsersIoFailure(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        InputStream failing = new SequenceInputStream(bytes("<updates><update type=\"security\"><id>RHSA-1:1</id>"),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("disk gone");
                    }
                });
        java.nio.file.Path file = Files.writeString(dir.resolve("x"), "");

        assertThatThrownBy(() -> XmlAdvisories.read(failing, file.toString(), new Tally(a -> { }), false))
                .isInstanceOf(AdvisoryFileException.class).hasMessage("Invalid advisory file " + file + ": cannot be read: disk gone");
        assertThat(parserThreads()).isZero();
    }

    private static long parserThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("patchwindow-xml-parser"))
                .filter(Thread::isAlive).count();
    }
}
