package io.patchwindow.core.advisory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.patchwindow.core.rpm.Evr;
import org.jspecify.annotations.Nullable;

/**
 * The security advisories of a plan, indexed by package name, and the rule that decides from them whether a
 * pending update is a security update.
 *
 * <h2>The rule</h2>
 * A pending update (package name, architecture, available EVR, installed EVR where known) is a security
 * update when a {@link AdvisoryType#SECURITY security} advisory of at least the minimum severity lists a fixed
 * package ({@link FixedPackage}) of that name and a fitting architecture ({@link FixedPackage#fitsArch}: the
 * same, or either side {@code noarch} or not reported) with
 * <pre>
 *   installed &lt; fixed &lt;= available          (installed known)
 *   fixed &lt;= available                      (installed unknown: the plan says so)
 * </pre>
 * compared as rpm compares EVRs ({@link Evr#compareTo}). Bug fix and enhancement advisories never count, nor
 * source package entries (architecture {@code src} or {@code nosrc}).
 *
 * <h2>Where this differs from {@code yum update --security}</h2>
 * yum (and dnf) read the {@code updateinfo} of the enabled repositories; an advisory applies when an
 * installed package of the same name and architecture is older than the advisory's package and an update to
 * at least that version is available. patchwindow follows it, except:
 * <ul>
 *   <li>Azure's assessments (Resource Graph, Log Analytics) give only the available version, so the installed
 *       one is usually unknown: then every advisory fixed at or below the available version counts, including
 *       one the machine may already have (the package is pending anyway, so it is only ever updated to a newer
 *       version); the reason records {@link PackageReason#installedUnknown()}.</li>
 *   <li>Resource Graph reports no architecture, and OVAL and OSV name none: a missing architecture fits any.</li>
 *   <li>The advisories come from the files given, not from the machine's repositories, and their platform
 *       ({@link Advisory#platform()}) is not checked: give the data of the machines' product stream
 *       (e.g. RHEL 7 for CentOS 7).</li>
 *   <li>Only the newest available version is assessed; yum sees every version in the repositories. For
 *       "some available version is at least the fixed one" that is the same.</li>
 *   <li>{@link Evr} orders a missing release before every release of the same version, while rpm skips the
 *       release when one side has none; for a fixed package without release both give the same decisions.</li>
 *   <li>The minimum severity is that of {@code yum --sec-severity}; {@link Severity#NONE} admits every
 *       security advisory, rated or not, as plain {@code --security}.</li>
 * </ul>
 *
 * <h2>Cost</h2>
 * Per package name, the fixed entries are sorted by EVR: a lookup is two binary searches plus the entries
 * between installed and available, so matching grows with the pending rows, not rows times advisories.
 *
 * <pre>{@code
 * AdvisoryIndex.Builder b = AdvisoryIndex.builder();
 * source.read(b);                       // b is the AdvisorySink
 * AdvisoryIndex index = b.build();
 * index.matches("openssl-libs", "x86_64", Evr.parse("1:1.0.2k-26.el7_9"), null, Severity.NONE);
 * }</pre>
 *
 * <p>Immutable once built; thread-safe.
 */
public final class AdvisoryIndex {
    private static final Comparator<Entry> BY_EVR = Comparator.comparing(e -> e.evr);

    private final Map<String, Entry[]> byName;
    private final List<AdvisoryFeed> feeds;
    private final long advisories;
    private final long ignored;
    private final long entries;
    private final @Nullable LocalDate newest;

    private AdvisoryIndex(Builder b) {
        Map<String, Entry[]> m = new HashMap<>(b.byName.size() * 2);
        long n = 0;
        for (Map.Entry<String, List<Entry>> e : b.byName.entrySet()) {
            Entry[] arr = e.getValue().toArray(new Entry[0]);
            java.util.Arrays.sort(arr, BY_EVR);
            m.put(e.getKey(), arr);
            n += arr.length;
        }
        this.byName = m;
        this.feeds = List.copyOf(b.feeds);
        this.advisories = b.advisories;
        this.ignored = b.ignored;
        this.entries = n;
        LocalDate newestDate = b.newest;
        for (AdvisoryFeed f : feeds) {
            if (f.newest() != null && (newestDate == null || f.newest().isAfter(newestDate))) {
                newestDate = f.newest();
            }
        }
        this.newest = newestDate;
    }

    /**
     * Returns an empty builder; it is the {@link AdvisorySink} a source reads into.
     *
     * @return a new builder, not null
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds an index of a collection of advisories (no feed summaries).
     *
     * @param advisories the advisories, not null
     * @return the index, not null
     */
    public static AdvisoryIndex of(Collection<Advisory> advisories) {
        Objects.requireNonNull(advisories, "advisories");
        Builder b = builder();
        advisories.forEach(b::accept);
        return b.build();
    }

    /**
     * Returns the security advisories that a pending update fixes, by the rule above: distinct by id, sorted
     * by id.
     *
     * @param name the package name, e.g. {@code openssl-libs}, not null
     * @param arch the pending package's architecture, empty when not reported, not null
     * @param available the available (pending) version, not null
     * @param installed the installed version, or null when unknown
     * @param minimum the lowest severity that counts, not null
     * @return the matching advisories, empty when none, not null
     */
    public List<Advisory> matches(String name, String arch, Evr available, @Nullable Evr installed, Severity minimum) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(available, "available");
        Objects.requireNonNull(minimum, "minimum");
        Entry[] list = byName.get(name);
        if (list == null) {
            return List.of();
        }
        int to = firstAfter(list, available);
        int from = installed == null ? 0 : firstAfter(list, installed);
        if (from >= to) {
            return List.of();
        }
        Map<String, Advisory> out = new LinkedHashMap<>();
        for (int i = from; i < to; i++) {
            Entry e = list[i];
            if (e.advisory.severity().isAtLeast(minimum) && FixedPackage.fitsArch(e.arch, arch)) {
                out.putIfAbsent(e.advisory.id(), e.advisory);
            }
        }
        if (out.isEmpty()) {
            return List.of();
        }
        List<Advisory> sorted = new ArrayList<>(out.values());
        sorted.sort(Comparator.comparing(Advisory::id));
        return List.copyOf(sorted);
    }

    /**
     * Returns why a pending update is a security update, if it is one: {@link #matches} as a
     * {@link PackageReason} that says whether the installed version was unknown.
     *
     * @param name the package name, not null
     * @param arch the architecture, empty when not reported, not null
     * @param available the available version, not null
     * @param installed the installed version, or null when unknown
     * @param minimum the lowest severity that counts, not null
     * @return the reason, empty when no advisory matches
     */
    public Optional<PackageReason> reason(String name, String arch, Evr available, @Nullable Evr installed,
                                          Severity minimum) {
        List<Advisory> m = matches(name, arch, available, installed, minimum);
        return m.isEmpty() ? Optional.empty() : Optional.of(PackageReason.ofAdvisories(m, installed == null));
    }

    /**
     * Returns whether any security advisory lists a fixed package of this name.
     *
     * @param name the package name, not null
     * @return true if the index has entries for it
     */
    public boolean lists(String name) {
        return byName.containsKey(Objects.requireNonNull(name, "name"));
    }

    /** The index of the first entry whose EVR is newer than {@code evr}, or the length. */
    private static int firstAfter(Entry[] list, Evr evr) {
        int lo = 0;
        int hi = list.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (list[mid].evr.compareTo(evr) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Returns the feed summaries the source reported, in its order.
     *
     * @return the feeds, not null
     */
    public List<AdvisoryFeed> feeds() {
        return feeds;
    }

    /**
     * Returns how many security advisories were indexed.
     *
     * @return the count
     */
    public long advisories() {
        return advisories;
    }

    /**
     * Returns how many advisories were read and ignored because they are not security advisories.
     *
     * @return the count
     */
    public long ignored() {
        return ignored;
    }

    /**
     * Returns how many fixed-package entries were indexed.
     *
     * @return the count
     */
    public long entries() {
        return entries;
    }

    /**
     * Returns the newest issue or update date of every advisory read (and of the feed summaries).
     *
     * @return the date, or null when no advisory has one
     */
    public @Nullable LocalDate newest() {
        return newest;
    }

    /** One fixed package of one advisory. */
    private static final class Entry {
        final Evr evr;
        final String arch;
        final Advisory advisory;

        Entry(Evr evr, String arch, Advisory advisory) {
            this.evr = evr;
            this.arch = arch;
            this.advisory = advisory;
        }
    }

    /**
     * Collects advisories as a source streams them ({@link AdvisorySink}), then {@link #build()}s the index.
     * Not thread-safe.
     */
    public static final class Builder implements AdvisorySink {
        private final Map<String, List<Entry>> byName = new HashMap<>();
        private final List<AdvisoryFeed> feeds = new ArrayList<>();
        private long advisories;
        private long ignored;
        private @Nullable LocalDate newest;

        private Builder() {
        }

        /**
         * Takes one advisory: a security advisory is indexed under each of its fixed packages; any other is
         * counted and dropped. The newest date counts for every advisory.
         *
         * @param advisory the advisory, not null
         */
        @Override
        public void accept(Advisory advisory) {
            Objects.requireNonNull(advisory, "advisory");
            LocalDate d = advisory.newestDate();
            if (d != null && (newest == null || d.isAfter(newest))) {
                newest = d;
            }
            if (advisory.type() != AdvisoryType.SECURITY) {
                ignored++;
                return;
            }
            advisories++;
            for (FixedPackage p : advisory.packages()) {
                // Source packages are never installed: a src entry would only shadow the binary of the same name.
                if (p.arch().equals("src") || p.arch().equals("nosrc")) {
                    continue;
                }
                byName.computeIfAbsent(p.name(), k -> new ArrayList<>(2)).add(new Entry(p.evr(), p.arch(), advisory));
            }
        }

        /**
         * Records a feed summary.
         *
         * @param feed the summary, not null
         */
        @Override
        public void feed(AdvisoryFeed feed) {
            feeds.add(Objects.requireNonNull(feed, "feed"));
        }

        /**
         * Builds the index; the builder may be used on, and builds again from everything it received.
         *
         * @return the index, not null
         */
        public AdvisoryIndex build() {
            return new AdvisoryIndex(this);
        }
    }
}
