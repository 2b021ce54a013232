package io.patchwindow.core.testing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import io.patchwindow.core.advisory.Advisory;
import io.patchwindow.core.advisory.AdvisoryFeed;
import io.patchwindow.core.advisory.AdvisorySink;
import io.patchwindow.core.advisory.AdvisoryType;
import io.patchwindow.core.advisory.FixedPackage;
import io.patchwindow.core.advisory.Severity;
import io.patchwindow.core.port.AdvisorySource;
import io.patchwindow.core.rpm.Evr;
import org.jspecify.annotations.Nullable;

/**
 * An {@link AdvisorySource} over a fixed list of advisories, reported as one feed (source {@code in-memory},
 * format {@code memory}, unless {@link #named} says otherwise); {@link #security} builds an advisory in one line.
 *
 * <pre>{@code
 * AdvisorySource source = InMemoryAdvisorySource.of(
 *         InMemoryAdvisorySource.security("RHSA-2024:1234", Severity.IMPORTANT, LocalDate.of(2024, 3, 5),
 *                 "openssl-libs-1:1.0.2k-26.el7_9.x86_64"));
 * }</pre>
 *
 * <p>{@link #read} streams every advisory, then the feed summary; it counts how often it was read. Immutable
 * apart from that count; thread-safe.
 */
public final class InMemoryAdvisorySource implements AdvisorySource {
    private final List<Advisory> advisories;
    private final String source;
    private final String format;
    private final AtomicInteger reads = new AtomicInteger();

    private InMemoryAdvisorySource(List<Advisory> advisories, String source, String format) {
        this.advisories = List.copyOf(advisories);
        this.source = source;
        this.format = format;
    }

    /**
     * Creates a source over advisories.
     *
     * @param advisories the advisories, in streaming order
     * @return the source, not null
     */
    public static InMemoryAdvisorySource of(Advisory... advisories) {
        return new InMemoryAdvisorySource(Arrays.asList(advisories), "in-memory", "memory");
    }

    /**
     * Creates a source over a list of advisories.
     *
     * @param advisories the advisories, in streaming order, not null
     * @return the source, not null
     */
    public static InMemoryAdvisorySource ofList(List<Advisory> advisories) {
        return new InMemoryAdvisorySource(Objects.requireNonNull(advisories, "advisories"), "in-memory", "memory");
    }

    /**
     * Returns a copy whose feed summary names another source and format, e.g. {@code updateinfo.xml.gz}, {@code updateinfo}.
     *
     * @param source the source name, not null
     * @param format the format, not null
     * @return the copy, not null
     */
    public InMemoryAdvisorySource named(String source, String format) {
        return new InMemoryAdvisorySource(advisories, Objects.requireNonNull(source, "source"),
                Objects.requireNonNull(format, "format"));
    }

    /**
     * Builds a security advisory whose fixed packages are NEVRA texts ({@code name-[epoch:]version-release[.arch]}),
     * with one CVE id made of the advisory's year and number ({@code RHSA-2024:1234} gives {@code CVE-2024-1234}).
     *
     * @param id the advisory id, e.g. {@code RHSA-2024:1234}
     * @param severity the severity
     * @param issued the issue date, or null
     * @param nevras the fixed packages, e.g. {@code openssl-libs-1:1.0.2k-26.el7_9.x86_64}
     * @return the advisory, not null
     */
    public static Advisory security(String id, Severity severity, @Nullable LocalDate issued, String... nevras) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{4})\\D(\\d+)").matcher(id);
        return advisory(id, AdvisoryType.SECURITY, severity, issued,
                m.find() ? List.of("CVE-" + m.group(1) + "-" + m.group(2)) : List.of(), nevras);
    }

    /**
     * Builds an advisory of any type, with CVE ids.
     *
     * @param id the advisory id
     * @param type the type
     * @param severity the severity
     * @param issued the issue date, or null
     * @param cves the CVE ids
     * @param nevras the fixed packages as NEVRA texts
     * @return the advisory, not null
     */
    public static Advisory advisory(String id, AdvisoryType type, Severity severity, @Nullable LocalDate issued,
                                    List<String> cves, String... nevras) {
        List<FixedPackage> packages = new ArrayList<>();
        for (String n : nevras) {
            io.patchwindow.core.rpm.Nevra nevra = io.patchwindow.core.rpm.Nevra.parse(n);
            packages.add(new FixedPackage(nevra.name(), nevra.evr(), nevra.arch()));
        }
        return new Advisory(id, type, severity, issued, null, cves, packages, "EL7");
    }

    /**
     * Builds a fixed package.
     *
     * @param name the package name
     * @param evr the EVR text, e.g. {@code 1:1.0.2k-26.el7_9}
     * @param arch the architecture, or empty for any
     * @return the fixed package, not null
     */
    public static FixedPackage fixed(String name, String evr, String arch) {
        return new FixedPackage(name, Evr.parse(evr), arch);
    }

    @Override
    public void read(AdvisorySink sink) {
        Objects.requireNonNull(sink, "sink");
        reads.incrementAndGet();
        LocalDate newest = null;
        for (Advisory a : advisories) {
            sink.accept(a);
            LocalDate d = a.newestDate();
            if (d != null && (newest == null || d.isAfter(newest))) {
                newest = d;
            }
        }
        sink.feed(new AdvisoryFeed(source, format, advisories.size(), newest));
    }

    /**
     * Returns how many times {@link #read} was called.
     *
     * @return the count
     */
    public int reads() {
        return reads.get();
    }
}
