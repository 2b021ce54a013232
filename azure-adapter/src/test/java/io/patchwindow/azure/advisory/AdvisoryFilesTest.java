package io.patchwindow.azure.advisory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.patchwindow.core.advisory.Advisory;
import io.patchwindow.core.advisory.AdvisoryFeed;
import io.patchwindow.core.advisory.AdvisorySink;
import io.patchwindow.core.advisory.AdvisoryType;
import io.patchwindow.core.advisory.FixedPackage;
import io.patchwindow.core.advisory.Severity;
import io.patchwindow.core.rpm.Evr;

class AdvisoryFilesTest {
    static final Path EXAMPLES = Path.of(System.getProperty("patchwindow.examples", "../examples"), "advisories");
    static final Path UPDATEINFO = EXAMPLES.resolve("updateinfo.xml");
    static final Path OVAL = EXAMPLES.resolve("rhel-7.oval.xml");
    static final Path OSV = EXAMPLES.resolve("osv");
    static final Path CSAF = EXAMPLES.resolve("csaf");

    /** What a read gave: the advisories in order and the feeds. */
    record Read(List<Advisory> advisories, List<AdvisoryFeed> feeds) {
        Advisory byId(String id) {
            return advisories.stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
        }

        List<String> ids() {
            return advisories.stream().map(Advisory::id).collect(Collectors.toList());
        }
    }

    static Read read(Path... paths) {
        List<Advisory> advisories = new ArrayList<>();
        List<AdvisoryFeed> feeds = new ArrayList<>();
        AdvisoryFiles.of(List.of(paths)).read(new AdvisorySink() {
            @Override
            public void accept(Advisory advisory) {
                advisories.add(advisory);
            }

            @Override
            public void feed(AdvisoryFeed feed) {
                feeds.add(feed);
            }
        });
        return new Read(advisories, feeds);
    }

    static final List<String> SECURITY_IDS = List.of("RHSA-2026:8197", "RHSA-2026:8231", "RHSA-2026:8244",
            "RHSA-2026:8302", "RHSA-2026:8310", "RHSA-2026:8315");

    @Test
    void updateinfo_readsEveryUpdateWithItsFields() {
        Read read = read(UPDATEINFO);

        assertThat(read.ids()).containsExactlyElementsOf(concat(SECURITY_IDS, "RHBA-2026:8320"));
        Advisory openssl = read.byId("RHSA-2026:8231");
        assertThat(openssl.type()).isEqualTo(AdvisoryType.SECURITY);
        assertThat(openssl.severity()).isEqualTo(Severity.IMPORTANT);
        assertThat(openssl.issued()).isEqualTo(LocalDate.of(2026, 11, 18));
        assertThat(openssl.cves()).containsExactly("CVE-2026-31790", "CVE-2026-31791");
        assertThat(openssl.platform()).isEqualTo("EL7");
        assertThat(openssl.packages()).containsExactly(
                new FixedPackage("openssl", Evr.parse("1.5.14-36.el7_9"), "x86_64"),
                new FixedPackage("openssl-libs", Evr.parse("2.0.16-26.el7_9"), "i686"),
                new FixedPackage("openssl-libs", Evr.parse("2.0.16-26.el7_9"), "x86_64"));
        assertThat(read.byId("RHSA-2026:8302").updated()).isEqualTo(LocalDate.of(2026, 11, 21));
        Advisory tzdata = read.byId("RHBA-2026:8320");
        assertThat(tzdata.type()).isEqualTo(AdvisoryType.BUGFIX);
        assertThat(tzdata.severity()).isEqualTo(Severity.NONE);
        assertThat(tzdata.packages()).containsExactly(new FixedPackage("tzdata", Evr.parse("3.0.22-2.el7_9"), "noarch"));
        assertThat(read.feeds()).containsExactly(new AdvisoryFeed(UPDATEINFO.toString(), "updateinfo", 7, LocalDate.of(2026, 11, 24)));
    }

    @Test
    void oval_joinsDefinitionsToTestsObjectsAndStates_ignoringSignatureAndReleaseTests() {
        Read read = read(OVAL);

        assertThat(read.ids()).containsExactlyElementsOf(SECURITY_IDS);
        Advisory glibc = read.byId("RHSA-2026:8302");
        assertThat(glibc.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(glibc.issued()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(glibc.updated()).isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(glibc.cves()).containsExactly("CVE-2026-0915");
        assertThat(glibc.platform()).isEqualTo("EL7");
        assertThat(glibc.packages()).containsExactly(
                new FixedPackage("glibc", Evr.parse("0:3.9.14-4.el7_9"), ""),
                new FixedPackage("glibc-common", Evr.parse("0:3.0.0-40.el7_9"), ""));
        assertThat(read.feeds()).containsExactly(new AdvisoryFeed(OVAL.toString(), "oval", 6, LocalDate.of(2026, 11, 23)));
    }

    @Test
    void osvDirectory_readsEachEntry_oneFeedForTheDirectory() {
        Read read = read(OSV);

        assertThat(read.ids()).containsExactlyElementsOf(SECURITY_IDS);
        Advisory curl = read.byId("RHSA-2026:8315");
        assertThat(curl.severity()).isEqualTo(Severity.LOW);
        assertThat(curl.platform()).isEqualTo("EL7");
        assertThat(curl.packages()).containsExactly(new FixedPackage("curl", Evr.parse("1.5.20-40.el7_9"), ""),
                new FixedPackage("libcurl", Evr.parse("4.6.14-8.el7_9"), ""));
        assertThat(read.feeds()).containsExactly(new AdvisoryFeed(OSV.toString(), "osv", 6, LocalDate.of(2026, 11, 23)));
    }

    @Test
    void csafDirectory_resolvesFixedProductsThroughRelationshipsAndPurls_skippingSourcePackages() {
        Read read = read(CSAF);

        assertThat(read.ids()).containsExactlyElementsOf(SECURITY_IDS);
        Advisory nss = read.byId("RHSA-2026:8197");
        assertThat(nss.severity()).isEqualTo(Severity.IMPORTANT);
        assertThat(nss.issued()).isEqualTo(LocalDate.of(2026, 11, 12));
        assertThat(nss.platform()).isEqualTo("EL7");
        assertThat(nss.packages()).containsExactly(
                new FixedPackage("nss", Evr.parse("3.3.11-20.el7_9"), "i686"),
                new FixedPackage("nss", Evr.parse("3.3.11-20.el7_9"), "x86_64"),
                new FixedPackage("nss-util", Evr.parse("3.9.25-21.el7_9"), "i686"),
                new FixedPackage("nss-util", Evr.parse("3.9.25-21.el7_9"), "x86_64"));
        assertThat(read.feeds()).containsExactly(new AdvisoryFeed(CSAF.toString(), "csaf", 6, LocalDate.of(2026, 11, 23)));
    }

    @Test
    void everyFormat_givesTheSameSecurityAdvisories() {
        Map<String, String> updateinfo = decisions(read(UPDATEINFO));
        assertThat(updateinfo).hasSize(6);
        assertThat(decisions(read(OVAL))).isEqualTo(updateinfo);
        assertThat(decisions(read(OSV))).isEqualTo(updateinfo);
        assertThat(decisions(read(CSAF))).isEqualTo(updateinfo);
    }

    /** Per security advisory: severity, dates, CVEs, platform and the fixed name-EVR pairs (arch aside). */
    static Map<String, String> decisions(Read read) {
        Map<String, String> out = new TreeMap<>();
        for (Advisory a : read.advisories()) {
            if (a.type() != AdvisoryType.SECURITY) {
                continue;
            }
            Set<String> fixed = new TreeSet<>();
            a.packages().forEach(p -> fixed.add(p.name() + "-" + p.evr()));
            out.put(a.id(), a.severity() + " " + a.issued() + " " + a.updated() + " " + a.cves() + " " + a.platform() + " " + fixed);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {CompressorStreamFactory.GZIP, CompressorStreamFactory.BZIP2, CompressorStreamFactory.XZ,
            CompressorStreamFactory.ZSTANDARD})
    void compressedFiles_areRecognisedByTheirMagicBytes_whateverTheirName(String compression, @TempDir Path dir) throws Exception {
        Path updateinfo = compress(UPDATEINFO, dir.resolve("updateinfo.data"), compression);
        Path oval = compress(OVAL, dir.resolve("rhel-7.oval.xml"), compression);

        assertThat(decisions(read(updateinfo))).isEqualTo(decisions(read(UPDATEINFO)));
        assertThat(read(oval).advisories()).isEqualTo(read(OVAL).advisories());
        assertThat(read(oval).feeds()).extracting(AdvisoryFeed::format, AdvisoryFeed::advisories)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("oval", 6L));
    }

    @Test
    void concatenatedGzipMembers_areReadWhole(@TempDir Path dir) throws Exception {
        // pigz and "cat a.gz b.gz" give several members; the second half must not be dropped
        String xml = Files.readString(OSV.resolve("RHSA-2026-8231.json"));
        Path file = dir.resolve("osv.json.gz");
        try (OutputStream out = Files.newOutputStream(file)) {
            for (String part : List.of("[" + xml + ",", Files.readString(OSV.resolve("RHSA-2026-8244.json")) + "]")) {
                out.write(gzip(part.getBytes(StandardCharsets.UTF_8)));
            }
        }
        assertThat(read(file).ids()).containsExactly("RHSA-2026:8231", "RHSA-2026:8244");
    }

    @Test
    void osvZipExport_readsEveryEntry(@TempDir Path dir) throws IOException {
        Path zip = dir.resolve("all.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> files = Files.list(OSV)) {
            for (Path f : files.sorted().collect(Collectors.toList())) {
                out.putNextEntry(new ZipEntry(f.getFileName().toString()));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        Read read = read(zip);
        assertThat(read.advisories()).isEqualTo(read(OSV).advisories());
        assertThat(read.feeds()).containsExactly(new AdvisoryFeed(zip.toString(), "osv", 6, LocalDate.of(2026, 11, 23)));
    }

    @Test
    void directory_isReadRecursivelyInNameOrder_skippingHiddenAndOtherFiles(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("b/repodata"));
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/broken.json"), "{not json");
        Files.writeString(dir.resolve("README.md"), "# advisories\n");
        Files.writeString(dir.resolve("b/repodata/repomd.xml"), "<?xml version=\"1.0\"?><repomd xmlns=\"http://linux.duke.edu/metadata/repo\"/>");
        compress(UPDATEINFO, dir.resolve("b/repodata/0f3a-updateinfo.xml.bz2"), CompressorStreamFactory.BZIP2);
        Files.copy(OVAL, dir.resolve("a-rhel-7.oval.xml"));
        Files.copy(OSV.resolve("RHSA-2026-8315.json"), dir.resolve("c.json"));

        Read read = read(dir);

        assertThat(read.ids()).containsExactlyElementsOf(concat(concat(SECURITY_IDS, SECURITY_IDS), "RHBA-2026:8320", "RHSA-2026:8315"));
        assertThat(read.feeds()).containsExactly(
                new AdvisoryFeed(dir.toString(), "updateinfo", 7, LocalDate.of(2026, 11, 24)),
                new AdvisoryFeed(dir.toString(), "oval", 6, LocalDate.of(2026, 11, 23)),
                new AdvisoryFeed(dir.toString(), "osv", 1, LocalDate.of(2026, 11, 23)));
    }

    @Test
    void updateinfo_acceptsTheDateFormatsYumAndDnfSee_andDefaultsEpochAndArch(@TempDir Path dir) throws IOException {
        Path file = write(dir, "updateinfo.xml", "<updates>"
                + update("CESA-2024:3211", "<issued date=\"1716366096\"/><updated date=\"2024-05-23 10:00:00 UTC\"/>",
                "<package name=\"openssl\" version=\"1.0.2k\" release=\"26.el7_9\"/>")
                + update("CESA-2024:3212", "<issued date=\"2024-05-24\"/><updated date=\"2024-05-25 01:02\"/>",
                "<package name=\"bash\" epoch=\"\" version=\"4.2.46\" release=\"35.el7_9\" arch=\"x86_64\"/>")
                + "</updates>");

        Read read = read(file);

        Advisory first = read.byId("CESA-2024:3211");
        assertThat(first.issued()).isEqualTo(LocalDate.of(2024, 5, 22));
        assertThat(first.updated()).isEqualTo(LocalDate.of(2024, 5, 23));
        assertThat(first.packages()).containsExactly(new FixedPackage("openssl", Evr.of(0, "1.0.2k", "26.el7_9"), ""));
        assertThat(read.byId("CESA-2024:3212").updated()).isEqualTo(LocalDate.of(2024, 5, 25));
        assertThat(read.byId("CESA-2024:3212").packages().get(0).evr().epoch()).isZero();
    }

    @Test
    void osv_splitsAnEntryPerPlatform_andSkipsOtherEcosystems(@TempDir Path dir) throws IOException {
        Path file = write(dir, "ALSA-2024-3501.json", "{\"id\": \"ALSA-2024:3501\", \"modified\": \"2024-06-07T12:00:00Z\","
                + "\"published\": \"2024-06-05T00:00:00Z\", \"related\": [\"CVE-2024-28182\", \"GHSA-xxxx\"],"
                + "\"database_specific\": {\"severity\": \"Moderate\"}, \"affected\": ["
                + affected("AlmaLinux:8", "libnghttp2", "1.33.0-6.el8_10.1")
                + "," + affected("AlmaLinux:9", "libnghttp2", "1.43.0-5.el9_4.3")
                + "," + affected("npm", "nghttp2", "1.2.0")
                + "," + affected("AlmaLinux:8", "nghttp2", "1.33.0-6.el8_10.1") + "]}");

        Read read = read(file);

        assertThat(read.advisories()).extracting(Advisory::id, Advisory::platform, Advisory::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ALSA-2024:3501", "EL8", Severity.MODERATE),
                        org.assertj.core.groups.Tuple.tuple("ALSA-2024:3501", "EL9", Severity.MODERATE));
        assertThat(read.advisories().get(0).packages()).extracting(FixedPackage::name).containsExactly("libnghttp2", "nghttp2");
        assertThat(read.advisories().get(0).cves()).containsExactly("CVE-2024-28182");
        assertThat(read.advisories().get(1).issued()).isEqualTo(LocalDate.of(2024, 6, 5));
        assertThat(read.feeds()).containsExactly(new AdvisoryFeed(file.toString(), "osv", 2, LocalDate.of(2024, 6, 7)));
    }

    // --- bad input: one line naming the file, the position and what was expected (StAX reports the
    // position at the end of the start tag it has read)

    @Test
    void truncatedXml_namesTheFileAndPosition(@TempDir Path dir) throws IOException {
        String xml = Files.readString(UPDATEINFO);
        Path file = write(dir, "updateinfo.xml", xml.substring(0, xml.indexOf("<id>RHSA-2026:8244")));

        assertThatThrownBy(() -> read(file)).isInstanceOf(AdvisoryFileException.class)
                .hasMessageStartingWith("Invalid advisory file " + file + " at ")
                .hasMessageContaining(": not well-formed XML: ")
                .hasMessageEndingWith("; expected a complete updateinfo or OVAL document")
                .hasMessageNotContaining("\n");
    }

    @Test
    void truncatedBzip2_isAnAdvisoryFileException(@TempDir Path dir) throws Exception {
        Path whole = compress(OVAL, dir.resolve("whole.bz2"), CompressorStreamFactory.BZIP2);
        byte[] bytes = Files.readAllBytes(whole);
        Path file = dir.resolve("rhel-7.oval.xml.bz2");
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> read(file)).isInstanceOf(AdvisoryFileException.class)
                .hasMessageStartingWith("Invalid advisory file " + file);
    }

    @Test
    void wrongRoot_isRefusedWhenNamed() throws IOException {
        Path file = write(Files.createTempDirectory("adv"), "repomd.xml", "<?xml version=\"1.0\"?>\n<repomd/>");

        assertThatThrownBy(() -> read(file)).isInstanceOf(AdvisoryFileException.class)
                .hasMessage("Invalid advisory file " + file + " at 2:10: root element <repomd> is not an advisory document;"
                        + " expected <updates> (updateinfo) or <oval_definitions> (OVAL)");
    }

    @Test
    void badEvr_inUpdateinfo_namesThePackageElement(@TempDir Path dir) throws IOException {
        Path file = write(dir, "updateinfo.xml", "<updates>\n" + update("RHSA-2024:1",
                "", "\n<package name=\"openssl\" version=\"1.0 2k\" release=\"26.el7_9\" arch=\"x86_64\"/>") + "</updates>");

        assertThatThrownBy(() -> read(file)).isInstanceOf(AdvisoryFileException.class)
                .hasMessage("Invalid advisory file " + file + " at 3:76: <package>: Invalid RPM EVR '0:1.0 2k-26.el7_9':"
                        + " expected [epoch:]version-release of printable ASCII, e.g. 1:1.0.2k-26.el7_9");
    }

    @Test
    void controlCharacterInAPackageName_isRefused(@TempDir Path dir) throws IOException {
        Path file = write(dir, "updateinfo.xml", "<updates>" + update("RHSA-2024:1",
                "", "<package name=\"open&#9;ssl\" version=\"1\" release=\"1.el7\"/>") + "</updates>");

        assertThatThrownBy(() -> read(file)).isInstanceOf(AdvisoryFileException.class)
                .hasMessageContaining("<package>: package name 'open\\tssl': expected printable ASCII without white space");
    }

    @Test
    void missingUpdateId_isRefused(@TempDir Path dir) throws IOException {
        Path file = write(dir, "updateinfo.xml", "<updates><update type=\"security\"><severity>Low</severity></update></updates>");

        assertThatThrownBy(() -> read(file)).hasMessage("Invalid advisory file " + file
                + " at 1:34: <update> has no <id>; expected e.g. <id>RHSA-2024:3211</id>");
    }

    @Test
    void unknownSeverity_isRefused(@TempDir Path dir) throws IOException {
        Path file = write(dir, "updateinfo.xml", "<updates><update type=\"security\"><id>RHSA-2024:1</id><severity>Severe</severity></update></updates>");

        assertThatThrownBy(() -> read(file)).hasMessageContaining("<severity>: Invalid severity 'Severe': expected one of"
                + " [None, Low, Moderate, Important, Critical]");
    }

    @Test
    void badDate_isRefused(@TempDir Path dir) throws IOException {
        Path file = write(dir, "updateinfo.xml", "<updates>" + update("RHSA-2024:1", "<issued date=\"22/05/2024\"/>", "") + "</updates>");

        assertThatThrownBy(() -> read(file)).hasMessageContaining("<issued>: date '22/05/2024': expected a date such as 2024-05-22");
    }

    @Test
    void ovalTestReferringToAMissingState_isRefused(@TempDir Path dir) throws IOException {
        String xml = Files.readString(OVAL).replace("<red-def:rpminfo_state id=\"oval:com.redhat.rhsa:ste:20268231001\"",
                "<red-def:rpminfo_state id=\"oval:com.redhat.rhsa:ste:gone\"");
        Path file = write(dir, "rhel-7.oval.xml", xml);

        assertThatThrownBy(() -> read(file)).hasMessage("Invalid advisory file " + file
                + ": definition oval:com.redhat.rhsa:def:20268231: a test refers to state oval:com.redhat.rhsa:ste:20268231001,"
                + " which the file does not define; expected it under <states>");
    }

    @Test
    void malformedJson_givesLineAndColumn(@TempDir Path dir) throws IOException {
        Path file = write(dir, "RHSA-2024-1.json", "{\"id\": \"RHSA-2024:1\",\n \"affected\": [");

        assertThatThrownBy(() -> read(file)).isInstanceOf(AdvisoryFileException.class)
                .hasMessageStartingWith("Invalid advisory file " + file + " at 2:")
                .hasMessageContaining("not well-formed JSON: ")
                .hasMessageEndingWith("; expected a complete OSV or CSAF document");
    }

    @Test
    void badFixedVersionInOsv_givesItsJsonPath(@TempDir Path dir) throws IOException {
        Path file = write(dir, "RHSA-2024-1.json", "{\"id\": \"RHSA-2024:1\", \"modified\": \"2024-01-01T00:00:00Z\", \"affected\": ["
                + affected("Red Hat:enterprise_linux:7::server", "openssl", "1:1.0.2k") + "]}");

        assertThatThrownBy(() -> read(file)).hasMessage("Invalid advisory file " + file
                + " at $.affected[0].ranges[0].events[1].fixed: version '1:1.0.2k': has no release; expected"
                + " [epoch:]version-release, e.g. 1:1.0.2k-26.el7_9");
    }

    @Test
    void osvFieldOfTheWrongType_givesItsJsonPath(@TempDir Path dir) throws IOException {
        Path file = write(dir, "RHSA-2024-1.json", "{\"id\": \"RHSA-2024:1\", \"modified\": 20240101, \"affected\": []}");

        assertThatThrownBy(() -> read(file)).hasMessage("Invalid advisory file " + file
                + " at $.modified: a number '20240101'; expected a string");
    }

    @Test
    void jsonOfAnotherKind_isRefusedWhenNamed(@TempDir Path dir) throws IOException {
        Path file = write(dir, "package.json", "{\"name\": \"x\"}");

        assertThatThrownBy(() -> read(file)).hasMessage("Invalid advisory file " + file + " at $: neither an OSV entry"
                + " (id, modified, affected) nor a CSAF document (document.csaf_version); expected one of those");
    }

    @Test
    void unsupportedCompressionAndOtherContent_areRefused(@TempDir Path dir) throws Exception {
        Path lz4 = compress(UPDATEINFO, dir.resolve("updateinfo.xml.lz4"), CompressorStreamFactory.LZ4_FRAMED);
        Path text = write(dir, "notes.txt", "hello");

        assertThatThrownBy(() -> read(lz4)).hasMessage("Invalid advisory file " + lz4
                + ": cannot be read: compressed with lz4-framed, which is not read; accepted: plain, gzip, bzip2, xz or zstd");
        assertThatThrownBy(() -> read(text)).hasMessage("Invalid advisory file " + text + ": the content starts with byte 0x68;"
                + " expected updateinfo.xml, OVAL XML, OSV or CSAF JSON, or an OSV zip, plain or compressed with gzip, bzip2, xz or zstd");
    }

    @Test
    void missingPathAndEmptyDirectory_areRefused(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nothing.xml");
        Path empty = Files.createDirectory(dir.resolve("empty"));

        assertThatThrownBy(() -> read(missing)).hasMessage("Invalid advisory file " + missing + ": no such file or directory");
        assertThatThrownBy(() -> read(empty)).hasMessage("Invalid advisory file " + empty + ": the directory holds no advisory"
                + " file; expected updateinfo.xml, OVAL XML, OSV or CSAF JSON files, or an OSV zip, plain or compressed");
    }

    @Test
    void doctype_isNotExpanded(@TempDir Path dir) throws IOException {
        // untrusted data: an external entity must not be read
        Path secret = write(dir, "secret.txt", "RHSA-9999:1");
        Path file = write(dir, "updateinfo.xml", "<?xml version=\"1.0\"?><!DOCTYPE updates [<!ENTITY x SYSTEM \""
                + secret.toUri() + "\">]><updates><update type=\"security\"><id>&x;</id></update></updates>");

        assertThatThrownBy(() -> read(file)).isInstanceOf(AdvisoryFileException.class);
    }

    // --- helpers

    static String update(String id, String dates, String packages) {
        return "<update type=\"security\"><id>" + id + "</id><severity>Important</severity>" + dates
                + "<pkglist><collection short=\"x\">" + packages + "</collection></pkglist></update>";
    }

    static String affected(String ecosystem, String name, String fixed) {
        return "{\"package\": {\"ecosystem\": \"" + ecosystem + "\", \"name\": \"" + name + "\"},"
                + " \"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"0\"}, {\"fixed\": \"" + fixed + "\"}]}]}";
    }

    static Path write(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    static Path compress(Path source, Path target, String compression) throws Exception {
        try (OutputStream out = new CompressorStreamFactory().createCompressorOutputStream(compression, Files.newOutputStream(target))) {
            Files.copy(source, out);
        }
        return target;
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new java.util.zip.GZIPOutputStream(buffer)) {
            out.write(bytes);
        }
        return buffer.toByteArray();
    }

    static List<String> concat(List<String> list, String... more) {
        List<String> out = new ArrayList<>(list);
        out.addAll(List.of(more));
        return out;
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
