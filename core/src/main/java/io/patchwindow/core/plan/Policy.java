package io.patchwindow.core.plan;

import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.patchwindow.core.advisory.Severity;
import io.patchwindow.core.assessment.Classification;
import io.patchwindow.core.deployment.Reboot;
import io.patchwindow.core.inventory.OsSelector;
import io.patchwindow.core.tag.TagGrammar;
import io.patchwindow.core.text.Quoting;
import org.jspecify.annotations.Nullable;

/**
 * Everything that decides a plan besides the inputs: environments, time zone, window length, reboot,
 * classifications, lead time, freshness limit, naming, grammar, OS selector, grouping, and who decides what a
 * security update is (security source, minimum advisory severity, advisory age, exclusions).
 *
 * <pre>{@code
 * Policy policy = Policy.builder()
 *         .environments("Q", "R")
 *         .timeZone(ZoneId.of("Europe/Paris"))
 *         .duration(Duration.ofHours(2))
 *         .build();
 * }</pre>
 *
 * <p>Defaults are those of the original runbooks, with their defects fixed: all environments of the
 * grammar, {@code Europe/Paris}, {@code PT2H}, reboot {@code Always}, Critical and Security, lead time
 * {@code PT10M}, assessment younger than {@code PT5H}, prefix {@code pw-}, CentOS, one deployment per
 * machine; security source by default {@link SecuritySource#BOTH} when advisories are given, else
 * {@link SecuritySource#AZURE}; minimum severity {@link Severity#NONE} (every security advisory counts, rated or
 * not, as {@code yum update --security} without {@code --sec-severity}); advisories expected younger than
 * {@code P14D}; no exclusion. Immutable.
 */
public final class Policy implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The longest window accepted (the Automation limit). */
    public static final Duration MAX_DURATION = Duration.ofHours(6);
    /** The shortest window accepted (the Automation limit). */
    public static final Duration MIN_DURATION = Duration.ofMinutes(30);
    /** The default age of the newest advisory above which a plan warns: 14 days. */
    public static final Duration DEFAULT_MAX_ADVISORY_AGE = Duration.ofDays(14);

    /** The selected environments, in grammar order. */

    private final List<String> environments;
    /** The default time zone of windows. */
    private final ZoneId timeZone;
    /** The window length. */
    private final Duration duration;
    /** The reboot setting. */
    private final Reboot reboot;
    /** The classifications that make a package pending. */
    private final Set<Classification> classifications;
    /** The minimum time between now and a window start. */
    private final Duration leadTime;
    /** The freshness limit of assessment records. */
    private final Duration maxAssessmentAge;
    /** The deployment name prefix. */
    private final String namePrefix;
    /** The tag grammar. */
    private final TagGrammar grammar;
    /** The OS selector. */
    private final OsSelector osSelector;
    /** How machines are packed into deployments. */
    private final Grouping grouping;
    /** The largest window-group size before sharding. */
    private final int maxGroupSize;
    /** Whether Azure VMs need patch mode AutomaticByPlatform with user schedules. */
    private final boolean requireUserSchedulePatchMode;
    /** The name of the per-machine time zone tag. */
    private final String zoneTagName;
    /** Whether deployments install exactly the assessed versions. */
    private final boolean pinVersions;
    /** The zones the backend can write, besides being IANA region ids. */
    private final ZoneRule zoneRule;
    /** What {@link #zoneRule} accepts, for messages. */
    private final String zoneRuleDescription;

    /** What every policy accepts as a zone: an IANA region id, e.g. {@code Europe/Paris}. */
    public static final String IANA_ZONES = "an IANA time zone id such as Europe/Paris or UTC";
    /** Who decides what a security update is; null: the default (both with advisories, else azure). */
    private final @Nullable SecuritySource securitySource;
    /** The lowest advisory severity that counts. */
    private final Severity minSeverity;
    /** The age of the newest advisory above which the plan warns. */
    private final Duration maxAdvisoryAge;
    /** Package name masks never planned (and written as exclude masks). */
    private final List<PackageMask> excludes;
    /** The advisory platforms used (upper case, e.g. EL7); empty means every platform. */
    private final List<String> advisoryPlatforms;

    private Policy(Builder b) {
        this.grammar = b.grammar;
        List<String> envs = b.environments == null ? grammar.environments() : b.environments;
        for (String e : envs) {
            if (!grammar.environments().contains(e)) {
                throw new IllegalArgumentException("Invalid environment " + Quoting.quote(e) + ": not one of "
                        + grammar.environments() + " (the grammar's environments)");
            }
        }
        // Grammar order, as documented: '--environments R,Q' and 'Q,R' give the same policy and plan JSON.
        List<String> ordered = new ArrayList<>();
        for (String e : grammar.environments()) {
            if (envs.contains(e)) {
                ordered.add(e);
            }
        }
        this.environments = List.copyOf(ordered);
        this.timeZone = b.timeZone;
        this.duration = b.duration;
        this.reboot = b.reboot;
        this.classifications = Set.copyOf(b.classifications);
        this.leadTime = b.leadTime;
        this.maxAssessmentAge = b.maxAssessmentAge;
        this.namePrefix = b.namePrefix;
        this.osSelector = b.osSelector;
        this.grouping = b.grouping;
        this.maxGroupSize = b.maxGroupSize;
        this.requireUserSchedulePatchMode = b.requireUserSchedulePatchMode;
        this.zoneTagName = b.zoneTagName;
        this.pinVersions = b.pinVersions;
        this.securitySource = b.securitySource;
        this.minSeverity = b.minSeverity;
        this.maxAdvisoryAge = b.maxAdvisoryAge;
        this.excludes = List.copyOf(b.excludes);
        this.advisoryPlatforms = List.copyOf(b.advisoryPlatforms);
        this.zoneRule = b.zoneRule;
        this.zoneRuleDescription = b.zoneRuleDescription;
        String bad = zoneProblem(timeZone);
        if (bad != null) {
            throw new IllegalArgumentException("Invalid time zone " + Quoting.quote(timeZone.getId()) + ": " + bad);
        }
    }

    /**
     * Returns why a zone cannot be a window's zone under this policy, or null if it can: it must be an IANA region
     * id ({@code ZoneId.getAvailableZoneIds()}, so no fixed offset such as {@code +01:00} or {@code UTC+1}: they have
     * no DST rules and no Windows name) and satisfy the backend's {@link ZoneRule}. The planner applies the same
     * check to each machine's {@code patch-tz} tag.
     *
     * @param zone the zone, not null
     * @return the reason, e.g. {@code expected an IANA time zone id such as Europe/Paris or UTC}, or null
     */
    public @org.jspecify.annotations.Nullable String zoneProblem(ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        if (!ianaRegion(zone.getId())) {
            return "expected " + IANA_ZONES + " (a fixed offset has no DST rules)";
        }
        return zoneRule.accepts(zone) ? null : "expected " + zoneRuleDescription;
    }

    /**
     * Returns whether a text is an IANA region id that this JDK knows (a fixed offset is not).
     *
     * @param id the text, not null
     * @return true for e.g. {@code Europe/Paris} and {@code UTC}, false for {@code +01:00} or {@code UTC+1}
     */
    public static boolean ianaRegion(String id) {
        Objects.requireNonNull(id, "id");
        return IanaIds.IDS.contains(id);
    }

    /** The JDK's region ids, read once ({@code ZoneId.getAvailableZoneIds()} copies the set on every call). */
    private static final class IanaIds {
        static final Set<String> IDS = Set.copyOf(ZoneId.getAvailableZoneIds());
    }

    /** @return the description of the zones the backend accepts, e.g. {@code an IANA zone that has a Windows name} */
    public String zoneRuleDescription() {
        return zoneRuleDescription;
    }

    /**
     * Returns the default policy.
     *
     * @return the default policy, not null
     */
    public static Policy defaults() {
        return builder().build();
    }

    /**
     * Returns a builder with the defaults.
     *
     * @return a new builder, not null
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder initialised with this policy.
     *
     * @return a new builder, not null
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.environments = new ArrayList<>(environments);
        b.timeZone = timeZone;
        b.duration = duration;
        b.reboot = reboot;
        b.classifications = EnumSet.copyOf(classifications);
        b.leadTime = leadTime;
        b.maxAssessmentAge = maxAssessmentAge;
        b.namePrefix = namePrefix;
        b.grammar = grammar;
        b.osSelector = osSelector;
        b.grouping = grouping;
        b.maxGroupSize = maxGroupSize;
        b.requireUserSchedulePatchMode = requireUserSchedulePatchMode;
        b.zoneTagName = zoneTagName;
        b.pinVersions = pinVersions;
        b.zoneRule = zoneRule;
        b.zoneRuleDescription = zoneRuleDescription;
        b.securitySource = securitySource;
        b.minSeverity = minSeverity;
        b.maxAdvisoryAge = maxAdvisoryAge;
        b.excludes = new ArrayList<>(excludes);
        b.advisoryPlatforms = new ArrayList<>(advisoryPlatforms);
        return b;
    }

    /** @return the selected environments, in grammar order, e.g. {@code [Q, R]} */
    public List<String> environments() {
        return environments;
    }

    /** @return the default time zone of windows */
    public ZoneId timeZone() {
        return timeZone;
    }

    /** @return the window length */
    public Duration duration() {
        return duration;
    }

    /** @return the reboot setting */
    public Reboot reboot() {
        return reboot;
    }

    /** @return the classifications that make a package pending */
    public Set<Classification> classifications() {
        return classifications;
    }

    /** @return the minimum time between now and a window start */
    public Duration leadTime() {
        return leadTime;
    }

    /** @return the freshness limit of assessment records */
    public Duration maxAssessmentAge() {
        return maxAssessmentAge;
    }

    /** @return the deployment name prefix, e.g. {@code pw-} */
    public String namePrefix() {
        return namePrefix;
    }

    /** @return the tag grammar */
    public TagGrammar grammar() {
        return grammar;
    }

    /** @return the OS selector */
    public OsSelector osSelector() {
        return osSelector;
    }

    /** @return how machines are packed into deployments */
    public Grouping grouping() {
        return grouping;
    }

    /** @return the largest number of machines in one window-group deployment before it is sharded */
    public int maxGroupSize() {
        return maxGroupSize;
    }

    /** @return whether Azure VMs need patch mode AutomaticByPlatform with user schedules (Update Manager) */
    public boolean requireUserSchedulePatchMode() {
        return requireUserSchedulePatchMode;
    }

    /** @return whether deployments install exactly the assessed versions ({@code name=version} masks) */
    public boolean pinVersions() {
        return pinVersions;
    }

    /** @return the name of the optional per-machine time zone tag, e.g. {@code patch-tz} */
    public String zoneTagName() {
        return zoneTagName;
    }

    /**
     * Returns who decides what a security update is, as set; null means the default, which depends on whether
     * the planner has advisories (see {@link #securitySource(boolean)}).
     *
     * @return the source as set, or null for the default
     */
    public @Nullable SecuritySource securitySource() {
        return securitySource;
    }

    /**
     * Returns the security source in effect: the one set, else {@link SecuritySource#BOTH} when advisories
     * are given and {@link SecuritySource#AZURE} when not.
     *
     * @param advisoriesGiven whether the planner has an advisory source
     * @return the source in effect, not null
     */
    public SecuritySource securitySource(boolean advisoriesGiven) {
        if (securitySource != null) {
            return securitySource;
        }
        return advisoriesGiven ? SecuritySource.BOTH : SecuritySource.AZURE;
    }

    /**
     * Returns the lowest severity of a security advisory that makes a package a security update;
     * {@link Severity#NONE} (the default) lets every security advisory count, rated or not.
     *
     * @return the minimum severity, not null
     */
    public Severity minSeverity() {
        return minSeverity;
    }

    /**
     * Returns the age above which the newest advisory makes the plan warn that the advisory data is old
     * (default {@code P14D}); old data is still used.
     *
     * @return the age, positive, not null
     */
    public Duration maxAdvisoryAge() {
        return maxAdvisoryAge;
    }

    /**
     * Returns the package name masks that are never planned, in the order given; deployments also carry them
     * as exclude masks so that no dependency pulls such a package in.
     *
     * @return the masks, possibly empty, not null
     */
    public List<PackageMask> excludes() {
        return excludes;
    }

    /**
     * Returns whether a package name matches one of {@link #excludes()}.
     *
     * @param packageName the package name, not null
     * @return true if it is excluded
     */
    public boolean isExcluded(String packageName) {
        Objects.requireNonNull(packageName, "packageName");
        for (PackageMask m : excludes) {
            if (m.matches(packageName)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the platforms whose advisories are used, e.g. {@code [EL7]}: an advisory of another platform is
     * ignored, one without a platform always counts. Empty (the default) means every platform, and a plan
     * whose advisories hold several platforms then warns.
     *
     * @return the platforms, upper case, sorted, not null
     */
    public List<String> advisoryPlatforms() {
        return advisoryPlatforms;
    }

    /**
     * Returns whether an advisory of a platform is used: always for an advisory without a platform.
     *
     * @param platform the advisory's platform, e.g. {@code EL7}, empty when it names none, not null
     * @return true if the advisory counts
     */
    public boolean usesAdvisoryPlatform(String platform) {
        Objects.requireNonNull(platform, "platform");
        return advisoryPlatforms.isEmpty() || platform.isEmpty()
                || advisoryPlatforms.contains(platform.toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * Returns the texts of {@link #excludes()}, e.g. {@code [kernel*, glibc*]}.
     *
     * @return the texts, in order, not null
     */
    public List<String> excludeMasks() {
        List<String> out = new ArrayList<>(excludes.size());
        for (PackageMask m : excludes) {
            out.add(m.text());
        }
        return List.copyOf(out);
    }

    /**
     * Returns the policy as the ordered map of the plan JSON: {@code environments}, {@code timeZone},
     * {@code duration}, {@code reboot}, {@code classifications}, {@code leadTime}; then, only where they differ
     * from the defaults (so that a plan without advisories keeps its document): {@code securitySource} when set,
     * {@code minSeverity} when not {@code None}, {@code maxAdvisoryAge} when not {@code P14D}, {@code exclude}
     * when not empty. {@link Plan#toMap()} adds the security source in effect and the advisory feeds when the
     * plan used advisories.
     *
     * @return a new ordered map, not null
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("environments", environments);
        m.put("timeZone", timeZone.getId());
        m.put("duration", duration.toString());
        m.put("reboot", reboot.apiName());
        m.put("classifications", Classification.displayNames(classifications));
        m.put("leadTime", leadTime.toString());
        if (securitySource != null) {
            m.put("securitySource", securitySource.cliName());
        }
        if (minSeverity != Severity.NONE) {
            m.put("minSeverity", minSeverity.displayName());
        }
        if (!maxAdvisoryAge.equals(DEFAULT_MAX_ADVISORY_AGE)) {
            m.put("maxAdvisoryAge", formatAge(maxAdvisoryAge));
        }
        if (!excludes.isEmpty()) {
            m.put("exclude", excludeMasks());
        }
        if (!advisoryPlatforms.isEmpty()) {
            m.put("advisoryPlatforms", advisoryPlatforms);
        }
        return m;
    }

    /**
     * Compares every setting, so that equal inputs give equal {@link Plan}s.
     *
     * @param o the other object
     * @return true if every setting is equal
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Policy)) {
            return false;
        }
        Policy p = (Policy) o;
        return environments.equals(p.environments) && timeZone.equals(p.timeZone) && duration.equals(p.duration)
                && reboot == p.reboot && classifications.equals(p.classifications) && leadTime.equals(p.leadTime)
                && maxAssessmentAge.equals(p.maxAssessmentAge) && namePrefix.equals(p.namePrefix)
                && grammar.equals(p.grammar) && osSelector.equals(p.osSelector) && grouping == p.grouping
                && maxGroupSize == p.maxGroupSize && requireUserSchedulePatchMode == p.requireUserSchedulePatchMode
                && zoneTagName.equals(p.zoneTagName) && pinVersions == p.pinVersions
                && securitySource == p.securitySource && minSeverity == p.minSeverity
                && maxAdvisoryAge.equals(p.maxAdvisoryAge) && excludes.equals(p.excludes)
                && advisoryPlatforms.equals(p.advisoryPlatforms)
                && zoneRuleDescription.equals(p.zoneRuleDescription);
    }

    /** An age as the CLI takes it: whole days as {@code P14D} (Duration writes {@code PT336H}), else ISO-8601. */
    static String formatAge(Duration age) {
        return age.toSeconds() % 86_400 == 0 ? "P" + age.toDays() + "D" : age.toString();
    }

    @Override
    public int hashCode() {
        return Objects.hash(environments, timeZone, duration, reboot, classifications, leadTime, maxAssessmentAge,
                namePrefix, grammar, osSelector, grouping, maxGroupSize, requireUserSchedulePatchMode, zoneTagName,
                pinVersions, securitySource, minSeverity, maxAdvisoryAge, excludes, advisoryPlatforms, zoneRuleDescription);
    }

    @Override
    public String toString() {
        return "Policy" + toMap();
    }

    /**
     * Builds a {@link Policy}. Not thread-safe.
     */
    public static final class Builder {
        private @org.jspecify.annotations.Nullable List<String> environments;
        private ZoneId timeZone = ZoneId.of("Europe/Paris");
        private Duration duration = Duration.ofHours(2);
        private Reboot reboot = Reboot.ALWAYS;
        private Set<Classification> classifications = EnumSet.of(Classification.CRITICAL, Classification.SECURITY);
        private Duration leadTime = Duration.ofMinutes(10);
        private Duration maxAssessmentAge = Duration.ofHours(5);
        private String namePrefix = "pw-";
        private TagGrammar grammar = TagGrammar.standard();
        private OsSelector osSelector = OsSelector.centos();
        private Grouping grouping = Grouping.PER_MACHINE;
        private int maxGroupSize = 1000;
        private boolean requireUserSchedulePatchMode;
        private String zoneTagName = "patch-tz";
        private boolean pinVersions;
        private ZoneRule zoneRule = zone -> true;
        private String zoneRuleDescription = IANA_ZONES;
        private @Nullable SecuritySource securitySource;
        private Severity minSeverity = Severity.NONE;
        private Duration maxAdvisoryAge = DEFAULT_MAX_ADVISORY_AGE;
        private List<PackageMask> excludes = new ArrayList<>();
        private List<String> advisoryPlatforms = new ArrayList<>();

        private Builder() {
        }

        /**
         * Restricts the time zones to those a backend can write (default: every IANA region id). The policy's zone
         * must satisfy it ({@link #build} throws otherwise), and machines whose {@code patch-tz} tag it refuses are
         * skipped as {@link SkipReason#INVALID_PATCH_TAG}.
         *
         * @param rule the zones accepted, not null
         * @param description what it accepts, for messages, e.g.
         *        {@code an IANA zone that Update Manager can write (one with a Windows name), e.g. Europe/Paris}
         * @return this builder
         * @throws IllegalArgumentException if the description is blank
         */
        public Builder zoneRule(ZoneRule rule, String description) {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(description, "description");
            if (description.isBlank()) {
                throw new IllegalArgumentException("Invalid zone rule description '': say what is accepted");
            }
            this.zoneRule = rule;
            this.zoneRuleDescription = description;
            return this;
        }

        /**
         * Sets who decides what a security update is ({@code --security-source}); null restores the default:
         * {@link SecuritySource#BOTH} when the planner has advisories, else {@link SecuritySource#AZURE}.
         *
         * @param securitySource the source, or null for the default
         * @return this builder
         */
        public Builder securitySource(@Nullable SecuritySource securitySource) {
            this.securitySource = securitySource;
            return this;
        }

        /**
         * Sets the lowest severity of a security advisory that counts ({@code --min-severity}); {@link Severity#NONE}
         * lets every security advisory count.
         *
         * @param minSeverity the minimum, not null
         * @return this builder
         */
        public Builder minSeverity(Severity minSeverity) {
            this.minSeverity = Objects.requireNonNull(minSeverity, "minSeverity");
            return this;
        }

        /**
         * Sets the age above which the newest advisory makes the plan warn ({@code --max-advisory-age}),
         * from one hour to 366 days.
         *
         * @param maxAdvisoryAge e.g. {@code P14D}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxAdvisoryAge(Duration maxAdvisoryAge) {
            Objects.requireNonNull(maxAdvisoryAge, "maxAdvisoryAge");
            if (maxAdvisoryAge.compareTo(Duration.ofHours(1)) < 0 || maxAdvisoryAge.compareTo(Duration.ofDays(366)) > 0) {
                throw new IllegalArgumentException("Invalid maximum advisory age '" + maxAdvisoryAge
                        + "': expected from PT1H to P366D, e.g. P14D");
            }
            this.maxAdvisoryAge = maxAdvisoryAge;
            return this;
        }

        /**
         * Sets the package name masks never planned ({@code --exclude kernel*,glibc*}); each argument may itself be
         * a comma-separated list. No argument: no exclusion.
         *
         * @param masks shell-style masks, e.g. {@code "kernel*", "glibc*"}
         * @return this builder
         * @throws IllegalArgumentException if a mask is invalid (see {@link PackageMask#parse})
         */
        public Builder excludes(String... masks) {
            return excludeList(List.of(masks));
        }

        /**
         * Sets the package name masks never planned, from a list; each element may be a comma-separated list.
         *
         * @param masks shell-style masks, not null
         * @return this builder
         * @throws IllegalArgumentException if a mask is invalid (see {@link PackageMask#parse})
         */
        public Builder excludeList(List<String> masks) {
            Objects.requireNonNull(masks, "masks");
            List<PackageMask> out = new ArrayList<>();
            for (String m : masks) {
                for (PackageMask p : PackageMask.parseList(Objects.requireNonNull(m, "mask"))) {
                    if (!out.contains(p)) {
                        out.add(p);
                    }
                }
            }
            this.excludes = out;
            return this;
        }

        /**
         * Uses only the advisories of these platforms, e.g. {@code EL7} for CentOS 7 (Red Hat's OVAL and CSAF
         * per stream, OSV per major release); advisories without a platform always count. Default: every
         * platform.
         *
         * @param platforms the platforms, e.g. {@code [EL7]}; letters and digits, case-insensitive, not null
         * @return this builder
         * @throws IllegalArgumentException if a platform is blank or holds other characters
         */
        public Builder advisoryPlatforms(List<String> platforms) {
            Objects.requireNonNull(platforms, "platforms");
            java.util.TreeSet<String> out = new java.util.TreeSet<>();
            for (String p : platforms) {
                String t = Objects.requireNonNull(p, "platform").strip();
                if (t.isEmpty() || !t.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
                    throw new IllegalArgumentException("Invalid advisory platform " + Quoting.quote(p)
                            + ": expected letters and digits, e.g. EL7");
                }
                out.add(t.toUpperCase(java.util.Locale.ROOT));
            }
            this.advisoryPlatforms = new ArrayList<>(out);
            return this;
        }

        /**
         * Sets whether deployments install exactly the assessed versions ({@code name=version} masks); a
         * version-only change then updates the deployment.
         *
         * @param pinVersions true to pin
         * @return this builder
         */
        public Builder pinVersions(boolean pinVersions) {
            this.pinVersions = pinVersions;
            return this;
        }

        /**
         * Selects environments, e.g. {@code "Q", "R"}; upper-cased; they must be in the grammar.
         *
         * @param environments at least one code
         * @return this builder
         * @throws IllegalArgumentException if none is given
         */
        public Builder environments(String... environments) {
            return environmentList(List.of(environments));
        }

        /**
         * Selects environments from a list.
         *
         * @param environments at least one code
         * @return this builder
         * @throws IllegalArgumentException if none is given or one is blank
         */
        public Builder environmentList(List<String> environments) {
            Objects.requireNonNull(environments, "environments");
            if (environments.isEmpty()) {
                throw new IllegalArgumentException("Invalid environments []: select at least one, e.g. Q,R");
            }
            List<String> out = new ArrayList<>();
            for (String e : environments) {
                Objects.requireNonNull(e, "environment");
                String u = e.strip().toUpperCase(Locale.ROOT);
                if (u.isEmpty()) {
                    throw new IllegalArgumentException("Invalid environment '': expected a code such as P, Q or R");
                }
                if (!out.contains(u)) {
                    out.add(u);
                }
            }
            this.environments = out;
            return this;
        }

        /**
         * Sets the default time zone.
         *
         * @param timeZone an IANA zone, e.g. {@code Europe/Paris}
         * @return this builder
         */
        public Builder timeZone(ZoneId timeZone) {
            this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
            return this;
        }

        /**
         * Sets the window length, from 30 minutes to 6 hours.
         *
         * @param duration e.g. {@code PT2H}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder duration(Duration duration) {
            Objects.requireNonNull(duration, "duration");
            if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0) {
                throw new IllegalArgumentException("Invalid duration '" + duration + "': expected from "
                        + MIN_DURATION + " to " + MAX_DURATION + ", e.g. PT2H");
            }
            this.duration = duration;
            return this;
        }

        /**
         * Sets the reboot setting.
         *
         * @param reboot the setting
         * @return this builder
         */
        public Builder reboot(Reboot reboot) {
            this.reboot = Objects.requireNonNull(reboot, "reboot");
            return this;
        }

        /**
         * Sets the classifications that make a package pending.
         *
         * @param classifications at least one
         * @return this builder
         * @throws IllegalArgumentException if empty
         */
        public Builder classifications(Set<Classification> classifications) {
            Objects.requireNonNull(classifications, "classifications");
            if (classifications.isEmpty()) {
                throw new IllegalArgumentException(
                        "Invalid classifications []: select at least one of [Critical, Security, Other]");
            }
            this.classifications = EnumSet.copyOf(classifications);
            return this;
        }

        /**
         * Sets the lead time between now and the earliest window start (not negative).
         *
         * @param leadTime e.g. {@code PT10M}
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder leadTime(Duration leadTime) {
            Objects.requireNonNull(leadTime, "leadTime");
            if (leadTime.isNegative() || leadTime.compareTo(Duration.ofDays(7)) > 0) {
                throw new IllegalArgumentException(
                        "Invalid lead time '" + leadTime + "': expected from PT0S to P7D, e.g. PT10M");
            }
            this.leadTime = leadTime;
            return this;
        }

        /**
         * Sets the freshness limit of assessment records (positive).
         *
         * @param maxAssessmentAge e.g. {@code PT5H}
         * @return this builder
         * @throws IllegalArgumentException if not positive, or longer than ten years ({@code P3650D})
         */
        public Builder maxAssessmentAge(Duration maxAssessmentAge) {
            Objects.requireNonNull(maxAssessmentAge, "maxAssessmentAge");
            if (maxAssessmentAge.isZero() || maxAssessmentAge.isNegative()) {
                throw new IllegalArgumentException(
                        "Invalid maximum assessment age '" + maxAssessmentAge + "': must be positive, e.g. PT5H");
            }
            if (maxAssessmentAge.compareTo(Duration.ofDays(3650)) > 0) {
                // now minus such an age would leave the range of Instant.
                throw new IllegalArgumentException(
                        "Invalid maximum assessment age '" + maxAssessmentAge + "': at most P3650D, e.g. PT5H");
            }
            this.maxAssessmentAge = maxAssessmentAge;
            return this;
        }

        /**
         * Sets the deployment name prefix.
         *
         * @param namePrefix up to 20 characters of {@code [A-Za-z0-9-_]}, e.g. {@code pw-}
         * @return this builder
         * @throws IllegalArgumentException if invalid
         */
        public Builder namePrefix(String namePrefix) {
            this.namePrefix = DeploymentNames.checkPrefix(namePrefix);
            return this;
        }

        /**
         * Sets the tag grammar.
         *
         * @param grammar the grammar
         * @return this builder
         */
        public Builder grammar(TagGrammar grammar) {
            this.grammar = Objects.requireNonNull(grammar, "grammar");
            return this;
        }

        /**
         * Sets the OS selector.
         *
         * @param osSelector the selector
         * @return this builder
         */
        public Builder osSelector(OsSelector osSelector) {
            this.osSelector = Objects.requireNonNull(osSelector, "osSelector");
            return this;
        }

        /**
         * Sets the grouping.
         *
         * @param grouping the grouping
         * @return this builder
         */
        public Builder grouping(Grouping grouping) {
            this.grouping = Objects.requireNonNull(grouping, "grouping");
            return this;
        }

        /**
         * Sets the largest window-group size before sharding (Automation 1,000; Update Manager 3,000).
         *
         * @param maxGroupSize from 1 to 3000
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxGroupSize(int maxGroupSize) {
            if (maxGroupSize < 1 || maxGroupSize > 3000) {
                throw new IllegalArgumentException(
                        "Invalid maximum group size " + maxGroupSize + ": expected from 1 to 3000");
            }
            this.maxGroupSize = maxGroupSize;
            return this;
        }

        /**
         * Requires Azure VMs to have patch mode AutomaticByPlatform with user schedules (Update Manager);
         * others are skipped as {@link SkipReason#NOT_READY}.
         *
         * @param require true to require
         * @return this builder
         */
        public Builder requireUserSchedulePatchMode(boolean require) {
            this.requireUserSchedulePatchMode = require;
            return this;
        }

        /**
         * Sets the name of the per-machine time zone tag (default {@code patch-tz}).
         *
         * @param zoneTagName a non-blank tag name
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder zoneTagName(String zoneTagName) {
            Objects.requireNonNull(zoneTagName, "zoneTagName");
            if (zoneTagName.isBlank()) {
                throw new IllegalArgumentException("Invalid zone tag name '': must not be blank, e.g. patch-tz");
            }
            this.zoneTagName = zoneTagName;
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy, not null
         * @throws IllegalArgumentException if a selected environment is not in the grammar, or the time zone is not
         *         an IANA region id or not accepted by the zone rule
         */
        public Policy build() {
            return new Policy(this);
        }
    }
}
