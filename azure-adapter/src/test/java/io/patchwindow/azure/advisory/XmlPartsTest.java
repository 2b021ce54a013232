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
 * A large plain XML file read in two parts at once ({@link XmlParts}) gives what reading it whole gives; where
 * the cut would not be a record of the root's section, the file is read whole, with the same messages.
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

    private static String update(int i) {
        return "  <update type=\"security\"><id>RHSA-2026:" + (1000 + i) + "</id><severity>Important</severity>"
                + "<issued date=\"2026-11-" + (10 + i % 18) + "\"/><references><reference type=\"cve\" id=\"CVE-2026-"
                + (2000 + i) + "\"/></references><pkglist><collection><package name=\"pkg" + i
                + "\" epoch=\"0\" version=\"1." + i + "\" release=\"1.el7_9\" arch=\"x86_64\"/></collection></pkglist>"
                + "</update>\n";
    }

    /** An updateinfo document of {@code n} updates with {@code middle} put before the update in the middle. */
    private static String updates(int n, String middle) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<updates>\n");
        for (int i = 0; i < n; i++) {
            if (i == n / 2) {
                sb.append(middle);
            }
            sb.append(update(i));
        }
        return sb.append("</updates>\n").toString();
    }

    /** Text between white space that puts it at the middle of the bytes of {@link #updates}, far from any record. */
    private static String atTheMiddle(String text) {
        return " ".repeat(40_000) + text + " ".repeat(40_000);
    }

    @Test
    void examples_readInParts_giveTheWholeReading() throws IOException {
        assertThat(readInParts(AdvisoryFilesTest.OVAL)).isTrue();
        assertThat(readInParts(AdvisoryFilesTest.UPDATEINFO)).isTrue();
    }

    @Test
    void updateinfo_manyUpdates_readInParts() throws IOException {
        Path file = write("updateinfo.xml", updates(400, ""));
        assertThat(readInParts(file)).isTrue();
        assertThat(read(file, 0)).hasSize(401);
    }

    @Test
    void ovalWithPrefixedSectionsAndRecords_readInParts() throws IOException {
        String oval = Files.readString(AdvisoryFilesTest.OVAL, StandardCharsets.UTF_8)
                .replace("<oval_definitions xmlns=", "<o:oval_definitions xmlns:o=\"http://oval.mitre.org/XMLSchema/oval-definitions-5\" xmlns=")
                .replace("</oval_definitions>", "</o:oval_definitions>")
                .replace("<tests>", "<o:tests>").replace("</tests>", "</o:tests>")
                .replace("<definitions>", "<o:definitions>").replace("</definitions>", "</o:definitions>");
        assertThat(readInParts(write("prefixed.xml", oval))).isTrue();
    }

    @Test
    void recordTagInACommentCdataOrInstruction_atTheMiddle_fileReadWhole() throws IOException {
        for (String middle : List.of("<!-- <update type=\"security\"> -->\n", "<x><![CDATA[ <update > ]]></x>\n",
                "<?note <update/> ?>\n")) {
            Path file = write("hidden.xml", updates(40, atTheMiddle(middle)));
            assertThat(readInParts(file)).as(middle).isFalse();
            assertThat(read(file, 0)).hasSize(41);
        }
    }

    @Test
    void recordTagDeeperInTheTree_atTheMiddle_fileReadWhole() throws IOException {
        Path file = write("nested.xml", updates(40, atTheMiddle("<other><update type=\"bugfix\"><id>X-1</id></update></other>\n")));
        assertThat(readInParts(file)).isFalse();
    }

    @Test
    void documentTypeDeclaration_orAnUnknownRoot_fileReadWhole() throws IOException {
        Path doctype = write("doctype.xml", updates(40, "").replace("<updates>", "<!DOCTYPE updates>\n<updates>"));
        assertThat(XmlParts.read(doctype, "doctype.xml", new Tally(a -> { }), 0)).isNull();
        Path repomd = write("repomd.xml", "<?xml version=\"1.0\"?>\n<repomd><update>x</update></repomd>\n");
        assertThat(XmlParts.read(repomd, "repomd.xml", new Tally(a -> { }), 0)).isNull();
    }

    @Test
    void malformedInEitherPart_theWholeReadingsMessage_withItsPosition() throws IOException {
        String good = updates(40, "");
        int middle = good.length() / 2;
        for (int at : new int[] {good.length() / 4, middle + good.length() / 4}) {
            int cut = good.indexOf("<severity>", at);
            Path file = write("broken.xml", good.substring(0, cut) + "<severity>Important</sev>" + good.substring(cut + 30));
            String whole = messageOf(file, Long.MAX_VALUE);
            assertThat(whole).contains("not well-formed XML");
            assertThat(messageOf(file, 0)).isEqualTo(whole);
        }
        Path badValue = write("bad-evr.xml", updates(40, "").replace("version=\"1.35\"", "version=\"1 35\""));
        String whole = messageOf(badValue, Long.MAX_VALUE);
        assertThat(whole).contains("<package>: Invalid RPM EVR");
        assertThat(messageOf(badValue, 0)).isEqualTo(whole);
    }

    @Test
    void truncatedFile_theWholeReadingsMessage() throws IOException {
        String good = updates(40, "");
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
        assertThat(readInParts(gzip("updates.xml.gz", updates(400, "").getBytes(StandardCharsets.UTF_8)))).isTrue();
    }

    @Test
    void concatenatedGzipMembers_whoseLastTrailerGivesAnotherSize_giveTheWholeReading() throws IOException {
        byte[] xml = updates(400, "").getBytes(StandardCharsets.UTF_8);
        int third = xml.length / 3;
        // the last member's trailer says a third of the size: the middle is looked for in the wrong place
        Path file = gzip("pigz.xml.gz", Arrays.copyOfRange(xml, 0, xml.length - third),
                Arrays.copyOfRange(xml, xml.length - third, xml.length));
        readInParts(file);
        assertThat(read(file, 0)).hasSize(401);
    }

    @Test
    void truncatedGzip_theWholeReadingsMessage() throws IOException {
        Path whole = gzip("cut.xml.gz", updates(400, "").getBytes(StandardCharsets.UTF_8));
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
