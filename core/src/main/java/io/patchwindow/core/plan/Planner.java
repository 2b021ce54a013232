package io.patchwindow.core.plan;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.patchwindow.core.advisory.AdvisoryIndex;
import io.patchwindow.core.advisory.PackageReason;
import io.patchwindow.core.assessment.AssessmentReducer;
import io.patchwindow.core.assessment.MachineAssessment;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.deployment.DeploymentAction;
import io.patchwindow.core.deployment.ExistingDeployment;
import io.patchwindow.core.deployment.Reconciler;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.inventory.MachineKind;
import io.patchwindow.core.inventory.OsSelector;
import io.patchwindow.core.port.AdvisorySource;
import io.patchwindow.core.port.AssessmentRequest;
import io.patchwindow.core.port.AssessmentSource;
import io.patchwindow.core.port.DeploymentTarget;
import io.patchwindow.core.port.MachineInventory;
import io.patchwindow.core.promotion.HeldBack;
import io.patchwindow.core.promotion.HoldReason;
import io.patchwindow.core.promotion.Promotion;
import io.patchwindow.core.promotion.PromotionPolicy;
import io.patchwindow.core.promotion.ProvenVersions;
import io.patchwindow.core.promotion.Verdict;
import io.patchwindow.core.report.InstalledPackage;
import io.patchwindow.core.report.PackageStatus;
import io.patchwindow.core.schedule.WeeklySlot;
import io.patchwindow.core.tag.InvalidPatchTagException;
import io.patchwindow.core.tag.PatchTag;
import io.patchwindow.core.tag.TagGrammar;
import io.patchwindow.core.text.Quoting;
import org.jspecify.annotations.Nullable;

/**
 * Turns an inventory and an assessment into a {@link Plan}: select, assess, plan, reconcile. Pure and
 * deterministic: the same inputs and clock always give an equal plan. Never writes anything.
 *
 * <pre>{@code
 * Plan plan = Planner.of(policy).plan(machines, assessmentSource, List.of(), Clock.fixed(now, ZoneOffset.UTC));
 * }</pre>
 *
 * <p>Every machine ends either in a deployment or in a skip record with a {@link SkipReason}; one bad
 * machine never stops the others. Thread-safe (no mutable state).
 */
public final class Planner {
    private final Policy policy;
    private final boolean prune;
    private final @Nullable AdvisorySource advisories;
    private final MachineNamer namer;
    private final @Nullable PromotionPolicy promotion;
    private final List<InstalledPackage> history;

    private Planner(Policy policy, boolean prune, @Nullable AdvisorySource advisories, MachineNamer namer,
                    @Nullable PromotionPolicy promotion, List<InstalledPackage> history) {
        this.policy = policy;
        this.prune = prune;
        this.advisories = advisories;
        this.namer = namer;
        this.promotion = promotion;
        this.history = history;
    }

    /** Names a machine's deployment; attempt 1 is its name, 2, 3, ... the names to try after a collision. */
    @FunctionalInterface
    interface MachineNamer {
        String name(String prefix, String environment, String machineName, String machineKey, int attempt);
    }

    private static final MachineNamer NAMES = (prefix, env, name, key, attempt) -> attempt == 1
            ? DeploymentNames.forMachineKey(prefix, env, name, key)
            : DeploymentNames.forMachineKey(prefix, env, name, key, attempt);

    /** A copy that names per-machine deployments another way: for tests of name collisions, which SHA-256 makes rare. */
    Planner withMachineNamer(MachineNamer namer) {
        return new Planner(policy, prune, advisories, Objects.requireNonNull(namer, "namer"), promotion,
                history);
    }

    /**
     * Creates a planner for a policy (pending deployments that are no longer planned are kept).
     *
     * @param policy the policy, not null
     * @return the planner, not null
     */
    public static Planner of(Policy policy) {
        return new Planner(Objects.requireNonNull(policy, "policy"), false, null, NAMES, null, List.of());
    }

    /**
     * Returns a copy that deletes pending deployments that are no longer planned.
     *
     * @param prune whether to prune
     * @return a planner, not null
     */
    public Planner withPrune(boolean prune) {
        return new Planner(policy, prune, advisories, namer, promotion, history);
    }

    /**
     * Returns a copy that also decides from published security advisories: each {@link #plan} reads the
     * source once, into an {@link AdvisoryIndex}, and a pending update is a security update when the policy's
     * {@link Policy#securitySource(boolean) security source} says so (by default {@link SecuritySource#BOTH}:
     * Azure classifies it as one of the policy's classifications, or an advisory of at least
     * {@link Policy#minSeverity()} is fixed by it, by the rule of {@link AdvisoryIndex}). The plan then records
     * the feeds read, a reason per package, and warns when the newest advisory is older than
     * {@link Policy#maxAdvisoryAge()}.
     *
     * @param advisories the advisory source, read once per plan, not null
     * @return a planner, not null
     */
    public Planner withAdvisories(AdvisorySource advisories) {
        return new Planner(policy, prune, Objects.requireNonNull(advisories, "advisories"), namer, promotion, history);
    }

    /**
     * Returns a copy that promotes between rings: each planned package of each machine is decided by
     * {@link ProvenVersions} over the installation results of the promotion's source environments (e.g. what
     * {@code Report.installations()} lists), for the machine's window start. A promoted package keeps the version
     * the assessment offers, written pinned ({@code name=version}: the plan's policy then has
     * {@link Policy#pinVersions()}), with a {@link Promotion} record in {@link Deployment#promotions()}; any other
     * is held back ({@link Deployment#heldBack()}, {@link Plan#heldBack()}), and a machine whose packages are all
     * held back is skipped as {@link SkipReason#HELD_BACK}. In a window group, two machines offering different
     * promotable versions of one package get the newest; the other machines hold it back as
     * {@link HoldReason#DIFFERENT_VERSION}.
     *
     * @param promotion the promotion policy; its source environments must be environments of the grammar and
     *                  not among the policy's (target) environments, not null
     * @param history installation results: of the source rings and any others (not read), not null
     * @return a planner, not null
     */
    public Planner withPromotion(PromotionPolicy promotion, Collection<InstalledPackage> history) {
        Objects.requireNonNull(promotion, "promotion");
        Objects.requireNonNull(history, "history");
        for (String e : promotion.sourceEnvironments()) {
            if (!policy.grammar().environments().contains(e)) {
                throw new IllegalArgumentException("Invalid --promote-from environment " + Quoting.quote(e)
                        + ": not one of " + policy.grammar().environments() + " (the grammar's environments)");
            }
            if (policy.environments().contains(e)) {
                throw new IllegalArgumentException("Invalid --promote-from environment " + Quoting.quote(e)
                        + ": it is also a target environment " + policy.environments()
                        + "; promote into other rings, e.g. --environments P --promote-from Q,R");
            }
        }
        return new Planner(policy, prune, advisories, namer, promotion, List.copyOf(history));
    }

    /**
     * Returns the policy.
     *
     * @return the policy, not null
     */
    public Policy policy() {
        return policy;
    }

    /**
     * Plans from ports: machines from the inventory, records from the source, existing deployments from
     * the target (read only), in that order (a snapshot file is then read in one pass).
     *
     * @param inventory the inventory, not null
     * @param assessments the assessment source, not null
     * @param target the deployment target, read for existing deployments, not null
     * @param clock the clock giving now, not null
     * @return the plan, not null
     */
    public Plan plan(MachineInventory inventory, AssessmentSource assessments, DeploymentTarget target, Clock clock) {
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(target, "target");
        return plan(inventory.machines(), assessments, () -> target.existing(policy.namePrefix()), clock);
    }

    /**
     * Plans.
     *
     * @param machines the inventory, not null
     * @param assessments the assessment source, not null
     * @param existing deployments that exist on the platform, not null
     * @param clock the clock giving now, not null
     * @return the plan, not null
     */
    public Plan plan(Collection<Machine> machines, AssessmentSource assessments,
                     Collection<ExistingDeployment> existing, Clock clock) {
        Objects.requireNonNull(existing, "existing");
        return plan(machines, assessments, () -> existing, clock);
    }

    private Plan plan(Collection<Machine> machines, AssessmentSource assessments,
                      Supplier<? extends Collection<ExistingDeployment>> existingDeployments, Clock clock) {
        Objects.requireNonNull(machines, "machines");
        Objects.requireNonNull(assessments, "assessments");
        Instant now = Objects.requireNonNull(clock, "clock").instant();
        SecuritySource source = policy.securitySource(advisories != null);
        AdvisoryIndex index = null;
        String platformWarning = null;
        if (source.usesAdvisories()) {
            if (advisories == null) {
                throw new IllegalArgumentException("Invalid policy: security source '" + source.cliName()
                        + "' needs advisories; give them (Planner.withAdvisories, --advisories PATH) or use 'azure'");
            }
            // Read first: a bad advisory file stops the plan before the assessment is read.
            AdvisoryIndex.Builder b = AdvisoryIndex.builder();
            java.util.TreeSet<String> platforms = new java.util.TreeSet<>();
            advisories.read(new io.patchwindow.core.advisory.AdvisorySink() {
                @Override
                public void accept(io.patchwindow.core.advisory.Advisory advisory) {
                    if (!advisory.platform().isEmpty()) {
                        platforms.add(advisory.platform().toUpperCase(java.util.Locale.ROOT));
                    }
                    if (policy.usesAdvisoryPlatform(advisory.platform())) {
                        b.accept(advisory);
                    }
                }

                @Override
                public void feed(io.patchwindow.core.advisory.AdvisoryFeed feed) {
                    b.feed(feed);
                }
            });
            index = b.build();
            if (policy.advisoryPlatforms().isEmpty() && platforms.size() > 1) {
                platformWarning = "advisories: the sources hold advisories for several platforms " + platforms
                        + ", all matched by package name and version; choose your machines' release, e.g. "
                        + "--advisory-platform " + platforms.first();
            }
        }
        SecurityClassifier classifier = new SecurityClassifier(policy, source, index);
        ProvenVersions proven = promotion == null ? null : proven(promotion);
        Policy effective = promotion == null || policy.pinVersions() ? policy : policy.toBuilder().pinVersions(true).build();

        List<Skip> skips = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, Candidate> candidates = new LinkedHashMap<>();
        Map<String, Boolean> seen = new HashMap<>();
        Map<String, TagReading> tags = new HashMap<>();
        Map<String, String> zoneProblems = new HashMap<>();
        for (Machine m : machines) {
            String key = m.key();
            if (seen.put(key, Boolean.TRUE) != null) {
                skips.add(new Skip(m.id(), SkipReason.DUPLICATE_MACHINE,
                        "the inventory lists this resource id more than once; the first entry is planned"));
                continue;
            }
            select(m, key, skips, warnings, tags, zoneProblems).ifPresent(c -> candidates.put(key, c));
        }
        // Tag warnings start with the machine id: sort them so the plan does not depend on inventory order.
        warnings.sort(null);

        List<Machine> selected = new ArrayList<>(candidates.size());
        for (Candidate c : candidates.values()) {
            selected.add(c.machine);
        }
        Instant notBefore = now.minus(policy.maxAssessmentAge());
        AssessmentReducer reducer = new AssessmentReducer(selected, policy.classifications(), notBefore);
        List<String> ids = new ArrayList<>(selected.size());
        for (Machine m : selected) {
            ids.add(m.id());
        }
        assessments.read(new AssessmentRequest(ids, notBefore), reducer);
        warnings.addAll(reducer.warnings());
        int incomplete = reducer.incompleteCount();
        if (incomplete > 0) {
            warnings.add("the assessment is incomplete for " + incomplete + (incomplete == 1 ? " machine" : " machines")
                    + ": skipped as " + SkipReason.ASSESSMENT_INCOMPLETE + ", never planned from a partial list");
        }

        Instant earliest = now.plus(policy.leadTime());
        List<Planned> planned = new ArrayList<>();
        int stale = 0;
        int fresh = 0;
        Instant newestStale = null;
        List<HeldBack> heldBack = new ArrayList<>();
        for (Candidate c : candidates.values()) {
            MachineAssessment a = reducer.assessment(c.machine);
            if (a.status() == MachineAssessment.Status.INCOMPLETE) {
                skips.add(new Skip(c.machine.id(), SkipReason.ASSESSMENT_INCOMPLETE,
                        reducer.incompleteDetail(c.machine).orElse("the assessment source's answer is incomplete")));
                continue;
            }
            if (a.status() == MachineAssessment.Status.STALE) {
                stale++;
                if (a.lastReport() != null && (newestStale == null || a.lastReport().isAfter(newestStale))) {
                    newestStale = a.lastReport();
                }
            } else if (a.status() != MachineAssessment.Status.NOT_REPORTING) {
                fresh++;
            }
            Optional<Skip> skip = assessmentSkip(c.machine, a, notBefore);
            if (skip.isPresent()) {
                skips.add(skip.get());
                continue;
            }
            SecurityClassifier.Decision decision = classifier.decide(a);
            if (decision.packages.isEmpty()) {
                skips.add(new Skip(c.machine.id(), SkipReason.NO_SECURITY_UPDATES,
                        classifier.noSecurityUpdatesDetail(a, decision)));
                continue;
            }
            if (policy.requireUserSchedulePatchMode() && c.machine.kind() == MachineKind.AZURE_VM
                    && (c.machine.patchSettings() == null || !c.machine.patchSettings().readyForUserSchedule())) {
                skips.add(new Skip(c.machine.id(), SkipReason.NOT_READY, notReadyDetail(c.machine)));
                continue;
            }
            ZonedDateTime start = c.reading.window(c.zone, earliest);
            Planned p = new Planned(c, decision, start);
            if (proven != null) {
                promote(p, proven);
                if (decision.packages.isEmpty()) {
                    heldBack.addAll(p.heldBack);
                    skips.add(new Skip(c.machine.id(), SkipReason.HELD_BACK, heldBackDetail(p.heldBack)));
                    continue;
                }
            }
            planned.add(p);
        }
        if (stale > 0 && fresh == 0 && newestStale != null) {
            warnings.add(staleWarning(stale, newestStale, now));
        }
        warnings.addAll(classifier.warnings(now));
        if (platformWarning != null) {
            warnings.add(platformWarning);
        }
        if (proven != null) {
            warnings.addAll(promotionWarnings(proven));
        }

        List<Deployment> deployments = policy.grouping() == Grouping.PER_MACHINE
                ? perMachine(planned, warnings)
                : perWindow(planned);
        Collection<ExistingDeployment> existing =
                Objects.requireNonNull(existingDeployments.get(), "existing deployments");
        List<DeploymentAction> actions =
                Reconciler.of(policy.namePrefix(), prune).withPinnedVersions(effective.pinVersions())
                        .withScope(new HashSet<>(policy.environments())).reconcile(deployments, existing, now);
        shareDetails(skips);
        for (Deployment d : deployments) {
            heldBack.addAll(d.heldBack());
        }
        return new Plan(now, effective, deployments, actions, skips, warnings, machines.size(), planned.size(), source,
                index == null ? List.of() : index.feeds(), promotion, heldBack);
    }

    private ProvenVersions proven(PromotionPolicy promotion) {
        ProvenVersions.Builder b = ProvenVersions.builder(promotion);
        for (InstalledPackage r : history) {
            if (r.status() == PackageStatus.INSTALLED) {
                b.installed(r.environment(), r.machineId(), r.name(), r.version(), r.at());
            } else if (r.status() == PackageStatus.FAILED) {
                b.failed(r.environment(), r.machineId(), r.name(), r.version(), r.at());
            }
        }
        return b.build();
    }

    /** Decides each planned package of a machine: promoted ones stay (pinned), the others move to held back. */
    private static void promote(Planned p, ProvenVersions proven) {
        String id = p.candidate.machine.id();
        java.util.Iterator<Map.Entry<String, String>> it = p.decision.packages.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, String> e = it.next();
            Verdict v = proven.decide(id, e.getKey(), e.getValue(), p.start.toInstant());
            if (v instanceof Promotion) {
                p.promotions.put(e.getKey(), (Promotion) v);
            } else {
                p.heldBack.add((HeldBack) v);
                p.decision.reasons.remove(e.getKey());
                it.remove();
            }
        }
    }

    private static String heldBackDetail(List<HeldBack> held) {
        List<String> parts = new ArrayList<>(held.size());
        for (HeldBack h : held) {
            parts.add(h.name() + " (" + h.reason().name() + ")");
        }
        return "every security update held back by promotion: " + String.join(", ", parts);
    }

    private static List<String> promotionWarnings(ProvenVersions proven) {
        List<String> out = new ArrayList<>();
        String rings = String.join(",", proven.policy().sourceEnvironments());
        if (proven.counted() == 0) {
            out.add("promotion: no installation result of " + rings + " in the history: every package is held back");
        }
        if (proven.ignored() > 0) {
            out.add("promotion: " + proven.ignored() + " installation results of " + rings
                    + " cannot count (no version, or a success without a time), e.g. " + proven.ignoredExample().orElse(""));
        }
        return out;
    }

    private Optional<Candidate> select(Machine m, String key, List<Skip> skips, List<String> warnings,
                                       Map<String, TagReading> tags, Map<String, String> zoneProblems) {
        Optional<String> conflict = TagGrammar.caseConflict(m.tags(), policy.grammar().tagName())
                .or(() -> TagGrammar.caseConflict(m.tags(), policy.zoneTagName()));
        if (conflict.isPresent()) {
            skips.add(new Skip(m.id(), SkipReason.INVALID_PATCH_TAG, conflict.get()));
            return Optional.empty();
        }
        Optional<String> value = policy.grammar().tagValue(m.tags());
        if (value.isEmpty()) {
            skips.add(new Skip(m.id(), SkipReason.NO_PATCH_TAG, "no tag '" + policy.grammar().tagName() + "'"
                    + (m.tags().isEmpty() ? " (the machine has no tags)" : " (tags: " + m.tags().keySet() + ")")));
            return Optional.empty();
        }
        // A fleet has a few dozen distinct tag values: each is read once per plan.
        TagReading reading = tags.computeIfAbsent(value.get(), this::read);
        if (reading.invalid != null) {
            skips.add(new Skip(m.id(), SkipReason.INVALID_PATCH_TAG, reading.invalid));
            return Optional.empty();
        }
        if (reading.tolerated != null) {
            warnings.add(m.id() + reading.tolerated);
        }
        if (reading.otherEnvironment != null) {
            skips.add(new Skip(m.id(), SkipReason.OTHER_ENVIRONMENT, reading.otherEnvironment));
            return Optional.empty();
        }
        // The explanation only for a machine that is skipped: selected machines are most of a fleet.
        if (policy.osSelector().outcome(m) != OsSelector.Outcome.SELECTED) {
            OsSelector.Selection os = policy.osSelector().select(m);
            skips.add(new Skip(m.id(), os.outcome() == OsSelector.Outcome.UNKNOWN ? SkipReason.OS_UNKNOWN
                    : SkipReason.OS_NOT_SELECTED, os.detail()));
            return Optional.empty();
        }
        ZoneId zone = policy.timeZone();
        Optional<String> zoneTag = tagValue(m, policy.zoneTagName());
        if (zoneTag.isPresent()) {
            String zoneId = zoneTag.get().strip();
            // ZoneId.of also accepts offsets such as '+01:00' or 'UTC+1': those are not IANA ids (no DST rules, no
            // Windows zone mapping for Update Manager); Policy.zoneProblem refuses them, and what the backend cannot
            // write. Zones are few: each distinct value is checked once per plan.
            String problem = zoneProblems.computeIfAbsent(zoneId, this::zoneProblem);
            if (!problem.isEmpty()) {
                skips.add(new Skip(m.id(), SkipReason.INVALID_PATCH_TAG, "tag '" + policy.zoneTagName() + "' value "
                        + Quoting.quote(zoneTag.get()) + problem));
                return Optional.empty();
            }
            zone = ZoneId.of(zoneId);
        }
        return Optional.of(new Candidate(m, key, reading, zone));
    }

    /**
     * Makes equal skip details one string: a million skipped machines have a few hundred distinct details (e.g.
     * {@code no tag 'patch' (tags: [owner])}), which a plan otherwise holds once per machine.
     */
    private static void shareDetails(List<Skip> skips) {
        Map<String, String> texts = new HashMap<>();
        for (int i = 0; i < skips.size(); i++) {
            Skip s = skips.get(i);
            String shared = texts.putIfAbsent(s.detail(), s.detail());
            if (shared != null && shared != s.detail()) {
                skips.set(i, new Skip(s.machineId(), s.reason(), shared));
            }
        }
    }

    /** Why a {@code patch-tz} value cannot be a window's zone (the end of the skip detail), or "" when it can. */
    private String zoneProblem(String zoneId) {
        if (!Policy.ianaRegion(zoneId)) {
            return " is not an IANA time zone id; expected e.g. Europe/Paris";
        }
        String p = policy.zoneProblem(ZoneId.of(zoneId));
        return p == null ? "" : ": the backend cannot write this zone; " + p;
    }

    /** Reads a tag value: the tag, or why it is invalid; the tolerance warning; why it is not planned. */
    private TagReading read(String value) {
        PatchTag tag;
        try {
            tag = policy.grammar().parse(value);
        } catch (InvalidPatchTagException e) {
            return new TagReading(null, e.getMessage(), null, null);
        }
        String tolerated = !tag.tolerated() ? null : ": patch tag " + Quoting.quote(tag.raw()) + " read as '"
                + tag.prefix() + "-" + tag.environment() + "-" + tag.slot().dayCode() + "-" + tag.time()
                + "' (white space or lower case tolerated)";
        String otherEnvironment = policy.environments().contains(tag.environment()) ? null
                : "environment '" + tag.environment() + "' is not selected " + policy.environments();
        return new TagReading(tag, null, tolerated, otherEnvironment);
    }

    private static Optional<String> tagValue(Machine m, String name) {
        return TagGrammar.tagValue(m.tags(), name);
    }

    /**
     * The one warning of a plan in which every assessed machine is stale: typically a snapshot planned long after
     * it was taken, without the time it was taken as now.
     */
    private String staleWarning(int stale, Instant newest, Instant now) {
        return "every assessed machine (" + stale + ") is " + SkipReason.STALE_ASSESSMENT + ": the newest assessment "
                + "record is " + newest + ", " + java.time.Duration.between(newest, now).toDays() + " days before now ("
                + now + ") and older than the limit " + policy.maxAssessmentAge() + "; to plan a snapshot as of when it "
                + "was taken, give --now " + newest + " (the library: now(..)), or raise --max-assessment-age "
                + "(maxAssessmentAge(..))";
    }

    private Optional<Skip> assessmentSkip(Machine m, MachineAssessment a, Instant notBefore) {
        switch (a.status()) {
            case NOT_REPORTING:
                return Optional.of(new Skip(m.id(), SkipReason.NO_ASSESSMENT,
                        "no assessment record for this resource id: the machine is not reporting"));
            case STALE:
                return Optional.of(new Skip(m.id(), SkipReason.STALE_ASSESSMENT, "newest assessment record "
                        + a.lastReport() + " is older than the limit " + policy.maxAssessmentAge()
                        + " (before " + notBefore + ")"));
            default:
                return Optional.empty();
        }
    }

    private static String notReadyDetail(Machine m) {
        String mode = m.patchSettings() == null || m.patchSettings().patchMode() == null
                ? "not reported" : "'" + m.patchSettings().patchMode() + "'";
        boolean bypass = m.patchSettings() != null && m.patchSettings().bypassPlatformSafetyChecksOnUserSchedule();
        return "Update Manager schedules need patch mode AutomaticByPlatform with "
                + "bypassPlatformSafetyChecksOnUserSchedule=true; found patch mode " + mode + ", bypass " + bypass
                + "; fix: set osProfile.linuxConfiguration.patchSettings (or run apply with --fix-patch-mode)";
    }

    private List<Deployment> perMachine(List<Planned> planned, List<String> warnings) {
        String prefix = DeploymentNames.checkPrefix(policy.namePrefix());
        // Names are unique unless two machine keys share the first 64 bits of their SHA-256: then the machine with
        // the lower key keeps the name and the other is named with another hash, whatever the inventory order.
        List<Planned> byKey = new ArrayList<>(planned);
        byKey.sort((a, b) -> a.candidate.key.compareTo(b.candidate.key));
        Map<String, Planned> owners = new HashMap<>();
        List<Deployment> out = new ArrayList<>(planned.size());
        List<Planned> clashing = new ArrayList<>();
        for (Planned p : byKey) {
            Machine m = p.candidate.machine;
            String name = namer.name(prefix, p.candidate.tag.environment(), m.name(), p.candidate.key, 1);
            if (owners.putIfAbsent(name.toLowerCase(Locale.ROOT), p) == null) {
                out.add(deployment(name, p));
            } else {
                clashing.add(p);
            }
        }
        for (Planned p : clashing) {
            Machine m = p.candidate.machine;
            String first = namer.name(prefix, p.candidate.tag.environment(), m.name(), p.candidate.key, 1);
            Planned owner = Objects.requireNonNull(owners.get(first.toLowerCase(Locale.ROOT)), "the first name's owner");
            String name = first;
            // bounded: a namer that gives one name for every attempt is a programming error
            for (int attempt = 2; owners.containsKey(name.toLowerCase(Locale.ROOT)); attempt++) {
                if (attempt > 1000) {
                    throw new IllegalStateException("No free deployment name for " + m.id() + " after 1000 attempts");
                }
                name = namer.name(prefix, p.candidate.tag.environment(), m.name(), p.candidate.key, attempt);
            }
            owners.put(name.toLowerCase(Locale.ROOT), p);
            // ids in full (a checked resource id holds no control character): the reader must tell the two apart
            warnings.add("deployment name " + Quoting.quote(first) + " fits two machines, "
                    + owner.candidate.machine.id() + " and " + m.id()
                    + " (a hash collision): the second is named " + Quoting.quote(name));
            out.add(deployment(name, p));
        }
        return out;
    }

    private Deployment deployment(String name, Planned p) {
        Machine m = p.candidate.machine;
        List<String> names = new ArrayList<>(p.decision.packages.keySet());
        return new Deployment(name, List.of(m.id()), p.start, p.candidate.zone, policy.duration(), policy.reboot(),
                names, p.decision.packages, policy.excludeMasks(), p.decision.reasons,
                p.decision.excluded.isEmpty() ? Map.of() : Map.of(m.id(), List.copyOf(p.decision.excluded)),
                p.promotions, p.heldBack);
    }

    private List<Deployment> perWindow(List<Planned> planned) {
        Map<String, List<Planned>> groups = new TreeMap<>();
        for (Planned p : planned) {
            String key = DeploymentNames.forWindow(policy.namePrefix(), p.candidate.tag.environment(),
                    p.candidate.tag.slot(), p.candidate.zone, 1);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        }
        List<Deployment> out = new ArrayList<>();
        for (List<Planned> group : groups.values()) {
            group.sort((a, b) -> a.candidate.key.compareTo(b.candidate.key));
            Planned first = group.get(0);
            for (int from = 0, shard = 1; from < group.size(); from += policy.maxGroupSize(), shard++) {
                List<Planned> part = group.subList(from, Math.min(group.size(), from + policy.maxGroupSize()));
                List<String> ids = new ArrayList<>(part.size());
                Map<String, String> versions = new TreeMap<>();
                Map<String, PackageReason> reasons = new TreeMap<>();
                Map<String, List<String>> excluded = new TreeMap<>();
                Map<String, Promotion> promotions = new TreeMap<>();
                List<HeldBack> held = new ArrayList<>();
                for (Planned p : part) {
                    ids.add(p.candidate.machine.id());
                    p.decision.packages.forEach((k, v) -> versions.merge(k, v, (x, y) -> x.compareTo(y) >= 0 ? x : y));
                    p.decision.reasons.forEach((k, v) -> reasons.merge(k, v, PackageReason::merge));
                    if (!p.decision.excluded.isEmpty()) {
                        excluded.put(p.candidate.machine.id(), List.copyOf(p.decision.excluded));
                    }
                    p.promotions.forEach((k, v) -> promotions.merge(k, v, Planner::newer));
                    held.addAll(p.heldBack);
                }
                if (promotion != null) {
                    groupPromotions(part, versions, promotions, held);
                }
                WeeklySlot slot = first.candidate.tag.slot();
                out.add(new Deployment(
                        DeploymentNames.forWindow(policy.namePrefix(), first.candidate.tag.environment(), slot,
                                first.candidate.zone, shard),
                        ids, first.start, first.candidate.zone, policy.duration(), policy.reboot(),
                        new ArrayList<>(versions.keySet()), versions, policy.excludeMasks(), reasons, excluded,
                        promotions, held));
            }
        }
        return out;
    }

    /** Of two promotions of one package, the one of the newer version (rpm order), then the smaller text. */
    private static Promotion newer(Promotion a, Promotion b) {
        int c = io.patchwindow.core.rpm.Evr.parse(a.version()).compareTo(io.patchwindow.core.rpm.Evr.parse(b.version()));
        if (c == 0) {
            c = b.version().compareTo(a.version());
        }
        return c >= 0 ? a : b;
    }

    /**
     * In one window group, one mask per package: the promoted version (the newest when machines differ); a machine
     * whose promoted version is another holds the package back. The versions map is the promoted ones.
     */
    private static void groupPromotions(List<Planned> part, Map<String, String> versions,
                                        Map<String, Promotion> promotions, List<HeldBack> held) {
        for (Planned p : part) {
            for (Map.Entry<String, Promotion> e : p.promotions.entrySet()) {
                Promotion chosen = Objects.requireNonNull(promotions.get(e.getKey()), "the group's promotion");
                if (!chosen.version().equals(e.getValue().version())) {
                    held.add(new HeldBack(p.candidate.machine.id(), e.getKey(), e.getValue().version(),
                            HoldReason.DIFFERENT_VERSION, "offered " + e.getValue().version() + " is proven too, but "
                            + "this window group installs the newer proven " + chosen.version(), chosen.version(), null));
                }
            }
        }
        promotions.forEach((k, v) -> versions.put(k, v.version()));
    }

    /** What a plan makes of one distinct tag value, for every machine that carries it. */
    private static final class TagReading {
        final @Nullable PatchTag tag;
        final @Nullable String invalid;
        final @Nullable String tolerated;
        final @Nullable String otherEnvironment;
        private @Nullable ZoneId lastZone;
        private @Nullable ZonedDateTime lastWindow;

        TagReading(@Nullable PatchTag tag, @Nullable String invalid, @Nullable String tolerated,
                   @Nullable String otherEnvironment) {
            this.tag = tag;
            this.invalid = invalid;
            this.tolerated = tolerated;
            this.otherEnvironment = otherEnvironment;
        }

        /**
         * The tag's next window in a zone after earliest, which is the same for every call of one plan; the last
         * window is kept, as most machines of a fleet share a zone.
         */
        ZonedDateTime window(ZoneId zone, Instant earliest) {
            if (!zone.equals(lastZone)) {
                lastWindow = Objects.requireNonNull(tag).slot().nextWindow(zone, earliest);
                lastZone = zone;
            }
            return Objects.requireNonNull(lastWindow);
        }
    }

    private static final class Candidate {
        final Machine machine;
        final String key;
        final TagReading reading;
        final PatchTag tag;
        final ZoneId zone;

        Candidate(Machine machine, String key, TagReading reading, ZoneId zone) {
            this.machine = machine;
            this.key = key;
            this.reading = reading;
            this.tag = Objects.requireNonNull(reading.tag);
            this.zone = zone;
        }
    }

    private static final class Planned {
        final Candidate candidate;
        final SecurityClassifier.Decision decision;
        final ZonedDateTime start;
        /** With promotion: the promoted packages. */
        final Map<String, Promotion> promotions = new TreeMap<>();
        /** With promotion: the held-back packages. */
        final List<HeldBack> heldBack = new ArrayList<>();

        Planned(Candidate candidate, SecurityClassifier.Decision decision, ZonedDateTime start) {
            this.candidate = candidate;
            this.decision = decision;
            this.start = start;
        }
    }
}
