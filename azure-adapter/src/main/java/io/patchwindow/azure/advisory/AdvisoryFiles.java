package io.patchwindow.azure.advisory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import org.jspecify.annotations.Nullable;

import io.patchwindow.core.advisory.AdvisorySink;
import io.patchwindow.core.port.AdvisorySource;

/**
 * Security advisories read from files and directories, in the formats their publishers use:
 * a yum/dnf {@code updateinfo.xml}, Red Hat OVAL v2 ({@code rhel-7.oval.xml}), OSV JSON (one entry, an
 * array of entries, or a zip of entry files such as OSV's per-ecosystem {@code all.zip}) and CSAF 2.0 JSON.
 *
 * <pre>{@code
 * AdvisoryFiles files = AdvisoryFiles.of(List.of(Path.of("rhel-7.oval.xml.bz2"), Path.of("osv/")));
 * files.read(advisory -> System.out.println(advisory.id()));
 * }</pre>
 *
 * <p>The format is recognised by content, not by name: gzip, bzip2, xz and zstd by their magic bytes
 * (whatever the extension), then XML by its root element ({@code <updates>}, {@code <oval_definitions>}),
 * JSON by its fields, a zip by its signature. Every file is streamed: an XML document is never held whole,
 * a JSON file is read one advisory object at a time.
 *
 * <p>A directory is read recursively in the order of its paths (by name, so the result does not depend on
 * the file system); hidden files and directories (names starting with {@code .}) are left out, and so are
 * files that are not advisory files (a {@code repomd.xml}, a {@code README}); a directory without any
 * advisory file is an error. A file named directly must be an advisory file. After each path given, the
 * sink receives one {@link io.patchwindow.core.advisory.AdvisoryFeed} per format found under it, named by
 * the path as given.
 *
 * <p>A file that cannot be read or is not well-formed stops the read with an {@link AdvisoryFileException}
 * naming the file, the position and what was expected; values are checked (package names, EVRs through
 * {@link io.patchwindow.core.rpm.Evr#parse}, dates, CVE ids) before they reach the sink. Instances are
 * immutable; each {@link #read} reads the files anew.
 */
public final class AdvisoryFiles implements AdvisorySource {
    private final List<Path> paths;
    /** OVAL documents (decoded) of at least this size are read in two parts at once ({@link XmlParts}). */
    private final long partsFrom;

    private AdvisoryFiles(List<Path> paths, long partsFrom) {
        this.paths = paths;
        this.partsFrom = partsFrom;
    }

    /**
     * Creates a source over files and directories, read in the order given.
     *
     * @param paths the files and directories, not null, none null
     * @return the source, not null
     */
    public static AdvisoryFiles of(List<Path> paths) {
        return of(paths, XmlParts.MIN_SIZE);
    }

    /** A source that reads OVAL documents of at least {@code partsFrom} bytes in two parts at once (tests). */
    static AdvisoryFiles of(List<Path> paths, long partsFrom) {
        Objects.requireNonNull(paths, "paths");
        return new AdvisoryFiles(List.copyOf(paths), partsFrom);
    }

    /**
     * Creates a source over one file or directory.
     *
     * @param path the file or directory, not null
     * @return the source, not null
     */
    public static AdvisoryFiles of(Path path) {
        return of(List.of(Objects.requireNonNull(path, "path")));
    }

    /**
     * Returns the paths, in the order they are read.
     *
     * @return the paths, unmodifiable, not null
     */
    public List<Path> paths() {
        return paths;
    }

    /**
     * Reads every advisory of every path into the sink, then one feed summary per path and format.
     *
     * @param sink receives the advisories and feeds, not null
     * @throws AdvisoryFileException if a path does not exist, cannot be read, or holds a malformed file
     */
    @Override
    public void read(AdvisorySink sink) {
        Objects.requireNonNull(sink, "sink");
        Tally tally = new Tally(sink);
        for (Path path : paths) {
            String source = path.toString();
            if (Files.isDirectory(path)) {
                for (Path file : filesUnder(path)) {
                    readFile(file, file.toString(), tally, true, partsFrom);
                }
                if (tally.isEmpty()) {
                    throw new AdvisoryFileException(source, "", "the directory holds no advisory file; expected"
                            + " updateinfo.xml, OVAL XML, OSV or CSAF JSON files, or an OSV zip, plain or compressed", null);
                }
            } else if (Files.exists(path)) {
                readFile(path, source, tally, false, partsFrom);
            } else {
                throw new AdvisoryFileException(source, "", "no such file or directory", null);
            }
            tally.flush(source);
        }
    }

    private static List<Path> filesUnder(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = new ArrayList<>();
            walk.filter(p -> !hidden(root, p) && Files.isRegularFile(p)).forEach(files::add);
            files.sort(Comparator.comparing(p -> relative(root, p)));
            return files;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new AdvisoryFileException(root.toString(), "", "the directory cannot be listed: " + e.getMessage(), e);
        }
    }

    private static boolean hidden(Path root, Path p) {
        for (Path part : root.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String relative(Path root, Path p) {
        StringBuilder sb = new StringBuilder();
        for (Path part : root.relativize(p)) {
            sb.append('/').append(part);
        }
        return sb.toString();
    }

    private static void readFile(Path file, String name, Tally tally, boolean lenient, long partsFrom) {
        // a gzip file of XML decodes to up to about 30 times its size
        if (size(file) >= partsFrom / 32 && XmlParts.read(file, name, tally, partsFrom) != null) {
            return;
        }
        try (InputStream raw = Files.newInputStream(file)) {
            readStream(raw, name, tally, lenient);
        } catch (NoSuchFileException e) {
            throw new AdvisoryFileException(name, "", "no such file or directory", e);
        } catch (IOException e) {
            throw new AdvisoryFileException(name, "", "cannot be read: " + e.getMessage(), e);
        }
    }

    /** The file's size; -1 when it cannot be told (the reading then says why). */
    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Reads one file's bytes: decompressed, then XML, JSON or zip by its first bytes. */
    static @Nullable AdvisoryFormat readStream(InputStream raw, String name, Tally tally, boolean lenient) throws IOException {
        Decompression.Opened opened;
        try {
            opened = Decompression.open(raw);
        } catch (IOException e) {
            throw new AdvisoryFileException(name, "", "cannot be read: " + e.getMessage(), e);
        }
        try (InputStream in = opened.in()) {
            return read(in, opened.compression(), name, tally, lenient);
        }
    }

    private static @Nullable AdvisoryFormat read(InputStream in, @Nullable String compression, String name, Tally tally,
                                                 boolean lenient) throws IOException {
        int first = firstSignificant(in);
        if (first == '<') {
            return XmlAdvisories.read(in, name, tally, lenient);
        }
        if (first == '{' || first == '[') {
            return JsonAdvisories.read(in, name, tally, lenient);
        }
        if (first == 'P' && isZip(in)) {
            return zip(in, name, tally, lenient);
        }
        if (lenient) {
            return null;
        }
        String what = first < 0 ? "the file is empty" : String.format(Locale.ROOT, "the content starts with byte 0x%02x", first);
        throw new AdvisoryFileException(name, "", what + (compression == null ? "" : " after " + compression
                + " decompression") + "; expected updateinfo.xml, OVAL XML, OSV or CSAF JSON, or an OSV zip,"
                + " plain or compressed with gzip, bzip2, xz or zstd", null);
    }

    /** The first byte that is not white space or a UTF-8 byte order mark, or -1; the stream is reset to its start. */
    private static int firstSignificant(InputStream in) throws IOException {
        in.mark(8192);
        try {
            for (int i = 0; i < 8192; i++) {
                int b = in.read();
                if (b < 0) {
                    return -1;
                }
                if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0xEF || b == 0xBB || b == 0xBF) {
                    continue;
                }
                return b;
            }
            return 0;
        } finally {
            in.reset();
        }
    }

    private static boolean isZip(InputStream in) throws IOException {
        in.mark(4);
        try {
            byte[] sig = in.readNBytes(4);
            return sig.length == 4 && sig[0] == 'P' && sig[1] == 'K' && sig[2] == 3 && sig[3] == 4;
        } finally {
            in.reset();
        }
    }

    private static @Nullable AdvisoryFormat zip(InputStream in, String name, Tally tally, boolean lenient) throws IOException {
        AdvisoryFormat format = null;
        ZipInputStream zip = new ZipInputStream(in);
        try {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String entryName = entry.getName();
                if (entry.isDirectory() || entryName.startsWith(".") || entryName.contains("/.")) {
                    continue;
                }
                AdvisoryFormat f = readStream(new FilterInputStream(zip) {
                    @Override
                    public void close() {
                        // the archive's stream stays open for the next entry
                    }
                }, name + "!/" + entryName, tally, true);
                format = format == null ? f : format;
            }
        } catch (ZipException e) {
            throw new AdvisoryFileException(name, "", "not a readable zip archive: " + e.getMessage()
                    + "; expected a zip of OSV JSON files such as OSV's all.zip", e);
        }
        if (format == null && !lenient) {
            throw new AdvisoryFileException(name, "", "the zip archive holds no advisory file; expected OSV or CSAF JSON entries", null);
        }
        return format;
    }
}
