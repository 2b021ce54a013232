package io.patchwindow.azure.advisory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.patchwindow.core.advisory.Advisory;
import io.patchwindow.core.advisory.AdvisoryFeed;
import io.patchwindow.core.advisory.AdvisorySink;

/**
 * A large OVAL file read in two parts at once ({@link XmlParts}), plain or gzip, gives what reading it whole
 * gives; where the cut would not be a record of its section, the file is read whole, with the same messages.
 */
class XmlPartsTest {
    @TempDir
    Path dir;

    /** Everything a read gave, in order (advisories and feeds). */
    private static List<Object> read(Path file, long partsFrom) {
        List<Object> got = new ArrayList<>();
        AdvisoryFiles.of(List.of(file), partsFrom).read(new AdvisorySink() {
            @Override
            public void accept(Advisory advisory) {
                got.add(advisory);
            }

            @Override
            public void feed(AdvisoryFeed feed) {
                got.add(feed);
            }
        });
        return got;
    }

    /** Whether the file is read in parts, and then what the parts gave equals the whole reading. */
    private static boolean readInParts(Path file) throws IOException {
        List<Advisory> parts = new ArrayList<>();
        boolean split = XmlParts.read(file, file.toString(), new Tally(parts::add), 0) != null;
        List<Object> whole = read(file, Long.MAX_VALUE);
        assertThat(read(file, 0)).isEqualTo(whole);
        if (split) {
            assertThat(parts).isEqualTo(whole.subList(0, whole.size() - 1));
        }
        return split;
    }

    private Path write(String name, String xml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, xml, StandardCharsets.UTF_8);
        return file;
    }

    private static String id(String type, int i) {
        return "oval:com.redhat.rhsa:" + type + ":2026" + (1000 + i) + "001";
    }

    /**
     * An OVAL document of {@code n} patch definitions, each fixing one package, with {@code middle} put before
     * the definition in the middle.
     */
    private static String oval(int n, String middle) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<oval_definitions"
                + " xmlns=\"http://oval.mitre.org/XMLSchema/oval-definitions-5\""
                + " xmlns:red-def=\"http://oval.mitre.org/XMLSchema/oval-definitions-5#linux\">\n  <definitions>\n");
        for (int i = 0; i < n; i++) {
            if (i == n / 2) {
                sb.append(middle);
            }
            String rhsa = "RHSA-2026:" + (1000 + i);
            sb.append("    <definition class=\"patch\" id=\"").append(id("def", i)).append("\" version=\"1\"><metadata><title>")
                    .append(rhsa).append(": pkg").append(i).append(" security update (Important)</title><affected family=\"unix\">"
                            + "<platform>Red Hat Enterprise Linux 7</platform></affected><reference ref_id=\"")
                    .append(rhsa).append("\" source=\"RHSA\"/><advisory><severity>Important</severity><issued date=\"2026-11-")
                    .append(10 + i % 18).append("\"/><cve>CVE-2026-").append(2000 + i).append("</cve></advisory></metadata>"
                            + "<criteria operator=\"AND\"><criterion test_ref=\"").append(id("tst", i))
                    .append("\"/></criteria></definition>\n");
        }
        sb.append("  </definitions>\n  <tests>\n");
        for (int i = 0; i < n; i++) {
            sb.append("    <red-def:rpminfo_test check=\"at least one\" id=\"").append(id("tst", i)).append("\" version=\"1\">"
                    + "<red-def:object object_ref=\"").append(id("obj", i)).append("\"/><red-def:state state_ref=\"")
                    .append(id("ste", i)).append("\"/></red-def:rpminfo_test>\n");
        }
        sb.append("  </tests>\n  <objects>\n");
        for (int i = 0; i < n; i++) {
            sb.append("    <red-def:rpminfo_object id=\"").append(id("obj", i)).append("\" version=\"1\"><red-def:name>pkg")
                    .append(i).append("</red-def:name></red-def:rpminfo_object>\n");
        }
        sb.append("  </objects>\n  <states>\n");
        for (int i = 0; i < n; i++) {
            sb.append("    <red-def:rpminfo_state id=\"").append(id("ste", i)).append("\" version=\"1\"><red-def:evr"
                    + " datatype=\"evr_string\" operation=\"less than\">0:1.").append(i)
                    .append("-1.el7_9</red-def:evr></red-def:rpminfo_state>\n");
        }
        return sb.append("  </states>\n</oval_definitions>\n").toString();
    }

    /** Text between white space that puts it at the middle of the bytes of {@link #oval}, far from any record. */
    private static String atTheMiddle(String text) {
        return " ".repeat(40_000) + text + " ".repeat(40_000);
    }

    @Test
    void examples_ovalReadInParts_giveTheWholeReading_updateinfoReadWhole() throws IOException {
        assertThat(readInParts(AdvisoryFilesTest.OVAL)).isTrue();
        assertThat(readInParts(AdvisoryFilesTest.UPDATEINFO)).isFalse();
    }

    @Test
    void manyDefinitions_readInParts() throws IOException {
        Path file = write("oval.xml", oval(400, ""));
        assertThat(readInParts(file)).isTrue();
        assertThat(read(file, 0)).hasSize(401);
    }

    @Test
    void cutInEachSection_readInParts_giveTheWholeReading() throws IOException {
        // white space before the 20th record of a section puts the middle there: the cut is in that section
        for (String record : List.of("<definition ", "<red-def:rpminfo_test ", "<red-def:rpminfo_object ", "<red-def:rpminfo_state ")) {
            String oval = oval(40, "");
            int at = -1;
            for (int k = 0; k < 20; k++) {
                at = oval.indexOf(record, at + 1);
            }
            // as long as the rest: the middle is in it, between the 19th and the 20th record
            Path file = write("section.xml", oval.substring(0, at) + " ".repeat(oval.length()) + oval.substring(at));
            assertThat(readInParts(file)).as(record).isTrue();
            assertThat(read(file, 0)).hasSize(41);
        }
    }

    @Test
    void ovalWithPrefixedSectionsAndRecords_readInParts() throws IOException {
        String oval = oval(400, "")
                .replace("<oval_definitions xmlns=", "<o:oval_definitions xmlns:o=\"http://oval.mitre.org/XMLSchema/oval-definitions-5\" xmlns=")
                .replace("</oval_definitions>", "</o:oval_definitions>")
                .replace("<definitions>", "<o:definitions>").replace("</definitions>", "</o:definitions>")
                .replace("<tests>", "<o:tests>").replace("</tests>", "</o:tests>")
                .replace("<objects>", "<o:objects>").replace("</objects>", "</o:objects>")
                .replace("<states>", "<o:states>").replace("</states>", "</o:states>")
                .replace("<definition ", "<o:definition ").replace("</definition>", "</o:definition>");
        assertThat(readInParts(write("prefixed.xml", oval))).isTrue();
    }

    @Test
    void recordTagInACommentCdataOrInstruction_atTheMiddle_fileReadWhole() throws IOException {
        String record = "<definition class=\"patch\" id=\"oval:x:def:1\">";
        for (String middle : List.of("<!-- " + record + " -->\n", "<x><![CDATA[ " + record + " ]]></x>\n",
                "<?note " + record + " ?>\n")) {
            Path file = write("hidden.xml", oval(40, atTheMiddle(middle)));
            assertThat(readInParts(file)).as(middle).isFalse();
            assertThat(read(file, 0)).hasSize(41);
        }
    }

    @Test
    void recordTagDeeperInTheTree_orInAnotherSection_atTheMiddle_fileReadWhole() throws IOException {
        Path nested = write("nested.xml", oval(40, atTheMiddle("<other><definition class=\"compliance\" id=\"oval:x:def:1\">"
                + "<metadata/></definition></other>\n")));
        assertThat(readInParts(nested)).isFalse();
        // a test among the definitions: the added end tag of <tests> does not close <definitions>
        Path elsewhere = write("elsewhere.xml", oval(40, atTheMiddle("<red-def:rpminfo_test id=\"oval:x:tst:1\"/>\n")));
        assertThat(readInParts(elsewhere)).isFalse();
    }

    @Test
    void documentTypeDeclaration_orARootNotCut_fileReadWhole() throws IOException {
        Path doctype = write("doctype.xml", oval(40, "").replace("<oval_definitions", "<!DOCTYPE oval_definitions>\n<oval_definitions"));
        assertThat(XmlParts.read(doctype, "doctype.xml", new Tally(a -> { }), 0)).isNull();
        Path repomd = write("repomd.xml", "<?xml version=\"1.0\"?>\n<repomd><definition>x</definition></repomd>\n");
        assertThat(XmlParts.read(repomd, "repomd.xml", new Tally(a -> { }), 0)).isNull();
    }

    @Test
    void malformedInEitherPart_theWholeReadingsMessage_withItsPosition() throws IOException {
        String good = oval(40, "");
        for (int at : new int[] {good.length() / 4, good.length() / 2 + good.length() / 4}) {
            int end = good.indexOf("</", at) + 2;
            Path file = write("broken.xml", good.substring(0, end) + "x" + good.substring(end));
            String whole = messageOf(file, Long.MAX_VALUE);
            assertThat(whole).contains("not well-formed XML");
            assertThat(messageOf(file, 0)).isEqualTo(whole);
        }
        Path badValue = write("bad-evr.xml", oval(40, "").replace("0:1.35-1.el7_9", "0:1 35-1.el7_9"));
        String whole = messageOf(badValue, Long.MAX_VALUE);
        assertThat(whole).contains("Invalid RPM EVR");
        assertThat(messageOf(badValue, 0)).isEqualTo(whole);
    }

    @Test
    void truncatedFile_theWholeReadingsMessage() throws IOException {
        String good = oval(40, "");
        Path file = write("truncated.xml", good.substring(0, good.length() - 40));
        assertThatThrownBy(() -> read(file, 0)).hasMessage(messageOf(file, Long.MAX_VALUE));
    }

    private Path gzip(String name, byte[]... members) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (byte[] member : members) {
                try (GZIPOutputStream gz = new GZIPOutputStream(new FilterOutputStream(out) {
                    @Override
                    public void close() throws IOException {
                        flush(); // the next member follows in the same file
                    }
                })) {
                    gz.write(member);
                }
            }
        }
        return file;
    }

    @Test
    void gzipFiles_readInParts_giveTheWholeReading() throws IOException {
        assertThat(readInParts(gzip("oval.xml.gz", Files.readAllBytes(AdvisoryFilesTest.OVAL)))).isTrue();
        assertThat(readInParts(gzip("many.xml.gz", oval(400, "").getBytes(StandardCharsets.UTF_8)))).isTrue();
    }

    @Test
    void concatenatedGzipMembers_whoseLastTrailerGivesAnotherSize_giveTheWholeReading() throws IOException {
        byte[] xml = oval(400, "").getBytes(StandardCharsets.UTF_8);
        int third = xml.length / 3;
        // the last member's trailer says a third of the size: the middle is looked for in the wrong place
        Path file = gzip("pigz.xml.gz", Arrays.copyOfRange(xml, 0, xml.length - third),
                Arrays.copyOfRange(xml, xml.length - third, xml.length));
        readInParts(file);
        assertThat(read(file, 0)).hasSize(401);
    }

    @Test
    void truncatedGzip_theWholeReadingsMessage() throws IOException {
        Path whole = gzip("cut.xml.gz", oval(400, "").getBytes(StandardCharsets.UTF_8));
        byte[] bytes = Files.readAllBytes(whole);
        Path file = dir.resolve("truncated.xml.gz");
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
        String message = messageOf(file, Long.MAX_VALUE);
        assertThat(message).contains("truncated.xml.gz");
        assertThat(messageOf(file, 0)).isEqualTo(message);
    }

    private static String messageOf(Path file, long partsFrom) {
        try {
            read(file, partsFrom);
        } catch (AdvisoryFileException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error reading " + file);
    }
}
