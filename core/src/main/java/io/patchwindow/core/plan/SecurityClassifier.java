package io.patchwindow.core.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.patchwindow.core.advisory.AdvisoryIndex;
import io.patchwindow.core.advisory.PackageReason;
import io.patchwindow.core.assessment.Classification;
import io.patchwindow.core.assessment.MachineAssessment;
import io.patchwindow.core.assessment.PendingUpdate;
import io.patchwindow.core.rpm.Evr;
import io.patchwindow.core.text.Quoting;
import org.jspecify.annotations.Nullable;

/**
 * Decides, for one plan, which pending updates of a machine are security updates: the policy's
 * {@link SecuritySource}, Azure's classifications and the {@link AdvisoryIndex}; then drops excluded packages.
 * Versions that do not parse as EVRs cannot be matched against advisories; they are counted for one warning.
 * Not thread-safe (one per plan).
 */
final class SecurityClassifier {
    private static final int MAX_REASONS = 1 << 16;
    private final Policy policy;
    private final SecuritySource source;
    private final @Nullable AdvisoryIndex index;
    /** Parsed versions: a fleet shares a few thousand version texts. Absent value: does not parse. */
    private final Map<String, Optional<Evr>> evrs = new HashMap<>();
    /**
     * The advisories' reason per pending (name, arch, available, installed): a fleet's machines share a few
     * thousand of them, so each is matched once and the machines and deployments share one reason (whose
     * {@link PackageReason#merge} with itself is free). Bounded: past {@value #MAX_REASONS} keys, rows are
     * matched without being remembered.
     */
    private final Map<ReasonKey, Optional<PackageReason>> advisoryReasons = new HashMap<>();
    /** Azure's reason per set of the policy's classifications hit. */
    private final Map<Set<Classification>, PackageReason> azureReasons = new HashMap<>();
    private long unparsedAvailable;
    private @Nullable String unparsedExample;

    SecurityClassifier(Policy policy, SecuritySource source, @Nullable AdvisoryIndex index) {
        this.policy = policy;
        this.source = source;
        this.index = index;
    }

    /** What one machine's assessment yields. */
    static final class Decision {
        /** Planned package name to the newest qualifying version text (empty when unknown). */
        final Map<String, String> packages = new TreeMap<>();
        /** Planned package name to why it is in. */
        final Map<String, PackageReason> reasons = new TreeMap<>();
        /** Security updates kept out by the exclude masks. */
        final TreeSet<String> excluded = new TreeSet<>();
        /** How many distinct package names were pending. */
        int pendingNames;
    }

    Decision decide(MachineAssessment a) {
        Decision d = new Decision();
        String lastName = null;
        for (PendingUpdate u : a.pending()) {
            if (!u.name().equals(lastName)) {
                d.pendingNames++;
                lastName = u.name();
            }
            PackageReason reason = reason(u);
            if (reason == null) {
                continue;
            }
            if (policy.isExcluded(u.name())) {
                d.excluded.add(u.name());
                continue;
            }
            // The same choice of version as the reducer's: the higher text, whatever the arrival order.
            d.packages.merge(u.name(), u.version(), (x, y) -> x.compareTo(y) >= 0 ? x : y);
            d.reasons.merge(u.name(), reason, PackageReason::merge);
        }
        return d;
    }

    private @Nullable PackageReason reason(PendingUpdate u) {
        PackageReason out = null;
        if (source.usesAzure()) {
            Set<Classification> hit = EnumSet.noneOf(Classification.class);
            for (Classification c : u.classifications()) {
                if (policy.classifications().contains(c)) {
                    hit.add(c);
                }
            }
            if (!hit.isEmpty()) {
                out = azureReasons.computeIfAbsent(hit, PackageReason::ofAzure);
            }
        }
        if (source.usesAdvisories() && index != null && index.lists(u.name())) {
            Optional<Evr> available = evr(u.version());
            if (available.isEmpty()) {
                unparsedAvailable++;
                if (unparsedExample == null) {
                    unparsedExample = u.name() + " " + Quoting.quote(u.version());
                }
            } else {
                Evr installed = u.installedVersion() == null ? null : evr(u.installedVersion()).orElse(null);
                Optional<PackageReason> r = advisoryReason(index, new ReasonKey(u.name(), u.arch(), available.get(), installed));
                if (r.isPresent()) {
                    out = out == null ? r.get() : out.merge(r.get());
                }
            }
        }
        return out;
    }

    /** What the index says of a pending update, remembered for the rows that follow (see {@link #advisoryReasons}). */
    private Optional<PackageReason> advisoryReason(AdvisoryIndex index, ReasonKey k) {
        Optional<PackageReason> r = advisoryReasons.get(k);
        if (r == null) {
            r = index.reason(k.name(), k.arch(), k.available(), k.installed(), policy.minSeverity());
            if (advisoryReasons.size() < MAX_REASONS) {
                advisoryReasons.put(k, r);
            }
        }
        return r;
    }

    /** A pending update as the advisory rule reads it. */
    private record ReasonKey(String name, String arch, Evr available, @Nullable Evr installed) {
    }

    private Optional<Evr> evr(String text) {
        return evrs.computeIfAbsent(text, t -> {
            if (t.isBlank()) {
                return Optional.empty();
            }
            try {
                return Optional.of(Evr.parse(t.strip()));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /** The detail of a machine with no security update, as the policy and its sources decide. */
    String noSecurityUpdatesDetail(MachineAssessment a, Decision d) {
        String classes = String.join(" or ", Classification.displayNames(policy.classifications()));
        String excluded = d.excluded.isEmpty() ? ""
                : "; excluded by " + String.join(",", policy.excludeMasks()) + ": " + String.join(", ", d.excluded);
        if (!source.usesAdvisories()) {
            return "assessed " + a.lastReport() + ": no pending update classified " + classes + excluded;
        }
        StringBuilder sb = new StringBuilder("assessed ").append(a.lastReport()).append(": ");
        if (d.pendingNames == 0) {
            sb.append("no pending update");
        } else {
            sb.append(d.pendingNames).append(d.pendingNames == 1 ? " pending update, none " : " pending updates, none ");
            if (source.usesAzure()) {
                sb.append("classified ").append(classes).append(" by Azure nor ");
            }
            sb.append("fixing a security advisory");
            if (policy.minSeverity() != io.patchwindow.core.advisory.Severity.NONE) {
                sb.append(" of severity ").append(policy.minSeverity().displayName()).append(" or higher");
            }
        }
        AdvisoryIndex idx = Objects.requireNonNull(index);
        sb.append(" (").append(idx.advisories()).append(" security advisories from ").append(idx.feeds().size())
                .append(idx.feeds().size() == 1 ? " advisory file)" : " advisory files)");
        return sb.append(excluded).toString();
    }

    /** Warnings about the advisory data: none read, too old, versions that cannot be compared. */
    List<String> warnings(Instant now) {
        List<String> out = new ArrayList<>();
        if (index == null) {
            return out;
        }
        if (index.advisories() == 0) {
            out.add("advisories: the advisory sources (" + index.feeds().size() + " files) hold no security advisory:"
                    + " no pending update is classified from advisories");
        }
        LocalDate newest = index.newest();
        Instant limit = now.minus(policy.maxAdvisoryAge());
        if (index.advisories() > 0 && (newest == null || newest.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                .isBefore(limit))) {
            out.add("advisories: the newest advisory is " + (newest == null ? "undated" : "of " + newest)
                    + ", older than the maximum advisory age " + Policy.formatAge(policy.maxAdvisoryAge()) + " (before "
                    + limit + "): updates fixed since are not known; download the advisory data again");
        }
        if (unparsedAvailable > 0) {
            out.add("advisories: " + unparsedAvailable + " pending updates have an available version that is not an"
                    + " RPM [epoch:]version-release, e.g. " + unparsedExample
                    + "; advisories cannot decide them");
        }
        return out;
    }
}
