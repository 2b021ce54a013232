package io.patchwindow.core.plan;

import java.io.Serializable;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;

import io.patchwindow.core.advisory.AdvisoryFeed;
import io.patchwindow.core.advisory.PackageReason;
import io.patchwindow.core.collect.CpsSafeList;
import io.patchwindow.core.deployment.ActionKind;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.deployment.DeploymentAction;
import io.patchwindow.core.promotion.HeldBack;
import io.patchwindow.core.promotion.PromotionPolicy;
import org.jspecify.annotations.Nullable;

/**
 * The result of planning: the deployment actions (sorted by name), the skipped machines (sorted by
 * machine id), warnings, and counts. {@link #toMap()} gives the {@code patchwindow.plan/v1} document.
 *
 * @serial exclude
 * @param generatedAt the planning instant (the injected clock's now)
 * @param policy the policy used
 * @param deployments the planned deployments (what should exist), sorted by name
 * @param actions the reconciled deployment actions, sorted by name
 * @param skipped the skipped machines, sorted by machine id
 * @param warnings warnings: tolerated tag values sorted by machine id, then the assessment source's warnings
 *                 (partial answers) in the order it reported them, then those about the advisory data (none read,
 *                 older than the maximum advisory age, versions that advisories cannot decide)
 * @param machines how many machines the inventory listed (duplicates included)
 * @param planned how many machines are in a planned deployment
 * @param securitySource who decided what a security update is (the policy's, or its default)
 * @param advisories the advisory feeds read for this plan, in the order the source reported them; empty when
 *                   the plan used no advisories
 * @param promotion the promotion between rings the plan used, or null when it used none
 * @param heldBack every planned package that promotion held back, of deployments and of machines skipped as
 *                 {@link SkipReason#HELD_BACK}, sorted by machine id then package
 */
public record Plan(Instant generatedAt, Policy policy, List<Deployment> deployments, List<DeploymentAction> actions, List<Skip> skipped,
                   List<String> warnings, int machines, int planned, SecuritySource securitySource,
                   List<AdvisoryFeed> advisories, @Nullable PromotionPolicy promotion, List<HeldBack> heldBack)
        implements Serializable {

    /**
     * Creates a plan without promotion between rings.
     *
     * @param generatedAt the planning instant
     * @param policy the policy used
     * @param deployments the planned deployments
     * @param actions the reconciled deployment actions
     * @param skipped the skipped machines
     * @param warnings warnings
     * @param machines how many machines the inventory listed
     * @param planned how many machines are in a planned deployment
     * @param securitySource who decided what a security update is
     * @param advisories the advisory feeds read for this plan
     * @throws NullPointerException if a component is null
     */
    public Plan(Instant generatedAt, Policy policy, List<Deployment> deployments, List<DeploymentAction> actions,
                List<Skip> skipped, List<String> warnings, int machines, int planned, SecuritySource securitySource,
                List<AdvisoryFeed> advisories) {
        this(generatedAt, policy, deployments, actions, skipped, warnings, machines, planned, securitySource,
                advisories, null, List.of());
    }

    /**
     * Creates a plan decided by Azure's classification alone, without advisories.
     *
     * @param generatedAt the planning instant
     * @param policy the policy used
     * @param deployments the planned deployments
     * @param actions the reconciled deployment actions
     * @param skipped the skipped machines
     * @param warnings warnings
     * @param machines how many machines the inventory listed
     * @param planned how many machines are in a planned deployment
     * @throws NullPointerException if a component is null
     */
    public Plan(Instant generatedAt, Policy policy, List<Deployment> deployments, List<DeploymentAction> actions,
                List<Skip> skipped, List<String> warnings, int machines, int planned) {
        this(generatedAt, policy, deployments, actions, skipped, warnings, machines, planned, SecuritySource.AZURE,
                List.of());
    }

    /** The schema identifier of the plan JSON. */
    public static final String SCHEMA = "patchwindow.plan/v1";

    /**
     * Validates, copies and sorts the components.
     *
     * @param generatedAt the planning instant (the injected clock's now)
     * @param policy the policy used
     * @param deployments the planned deployments (what should exist), sorted by name
     * @param actions the reconciled deployment actions, sorted by name
     * @param skipped the skipped machines, sorted by machine id
     * @param warnings warnings: tolerated tag values sorted by machine id, then the assessment source's warnings (partial answers) in the order it reported them
     * @param machines how many machines the inventory listed (duplicates included)
     * @param planned how many machines are in a planned deployment
     * @param securitySource who decided what a security update is
     * @param advisories the advisory feeds read for this plan
     * @param promotion the promotion between rings, or null
     * @param heldBack every planned package that promotion held back
     * @throws NullPointerException if a component is null
     */
    public Plan {
        Objects.requireNonNull(securitySource, "securitySource");
        advisories = CpsSafeList.copyOf(advisories);
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(policy, "policy");
        List<Deployment> d = new ArrayList<>(deployments);
        d.sort((x, y) -> x.name().compareTo(y.name()));
        deployments = CpsSafeList.copyOf(d);
        List<DeploymentAction> a = new ArrayList<>(actions);
        a.sort((x, y) -> x.name().compareTo(y.name()));
        actions = CpsSafeList.copyOf(a);
        List<Skip> s = new ArrayList<>(skipped);
        s.sort((x, y) -> {
            int c = x.machineId().compareTo(y.machineId());
            return c != 0 ? c : x.reason().compareTo(y.reason());
        });
        skipped = CpsSafeList.copyOf(s);
        warnings = CpsSafeList.copyOf(warnings);
        List<HeldBack> h = new ArrayList<>(heldBack);
        h.sort(Deployment.HELD_BACK_ORDER);
        heldBack = CpsSafeList.copyOf(h);
    }

    /**
     * Counts the actions of a kind.
     *
     * @param kind the kind, not null
     * @return the count
     */
    public long count(ActionKind kind) {
        return actions.stream().filter(a -> a.kind() == kind).count();
    }

    /**
     * Tells whether the assessment was incomplete for some machine: they are skipped as
     * {@link SkipReason#ASSESSMENT_INCOMPLETE}, and the command line exits 1 after printing (or applying) the
     * plan of the others.
     *
     * @return whether any skip has reason {@code ASSESSMENT_INCOMPLETE}
     */
    public boolean assessmentIncomplete() {
        return skipped.stream().anyMatch(s -> s.reason() == SkipReason.ASSESSMENT_INCOMPLETE);
    }

    /**
     * Returns the plan JSON document as ordered maps and lists: {@code schema}, {@code generatedAt},
     * {@code policy}, {@code deployments}, {@code skipped}, {@code summary}, and {@code warnings} when there
     * are any. A deployment whose action has a reason beyond {@code new} or {@code unchanged} carries it as
     * {@code note} (e.g. {@code packages differ}, {@code expired}, {@code no longer planned}), as the text shows it;
     * {@code summary} holds {@code machines}, {@code planned}, {@code skipped} and {@code actions}, the count per
     * action kind ({@code CREATE}, {@code UPDATE}, {@code KEEP}, {@code DELETE}). When the security source uses advisories, {@code policy} also holds {@code securitySource},
     * {@code minSeverity} and {@code advisories} (per feed: {@code source}, {@code format}, {@code advisories},
     * {@code newest}), and each planned deployment {@code reasons}: per package {@code advisories},
     * {@code severity}, {@code cves}, {@code azure}, {@code installedUnknown}. With promotion between rings,
     * {@code policy.promotion} holds {@code from}, {@code soak}, {@code minSuccesses}, {@code maxFailureRate}; each
     * deployment {@code promotion} (per package: {@code version}, {@code from}, {@code machines}, {@code failed},
     * {@code firstInstalled}) and {@code heldBack} when any (a list of {@code machineId}, {@code package},
     * {@code version}, {@code reason}, {@code detail}, {@code proven}, {@code promotableAt}); each
     * {@code HELD_BACK} skip its {@code heldBack} list; and {@code summary.heldBack} their count. Without advisories
     * and promotion the document is the one of earlier versions. The {@code skipped} list is read-only and
     * serializable; each of its maps is made when it is read.
     *
     * @return a new ordered map, not null
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", SCHEMA);
        m.put("generatedAt", generatedAt.toString());
        Map<String, Object> p = policy.toMap();
        boolean advised = securitySource.usesAdvisories();
        if (advised) {
            p.put("securitySource", securitySource.cliName());
            p.put("minSeverity", policy.minSeverity().displayName());
            List<Object> feeds = new ArrayList<>(advisories.size());
            for (AdvisoryFeed f : advisories) {
                Map<String, Object> fm = new LinkedHashMap<>();
                fm.put("source", f.source());
                fm.put("format", f.format());
                fm.put("advisories", f.advisories());
                fm.put("newest", f.newest() == null ? null : f.newest().toString());
                feeds.add(fm);
            }
            p.put("advisories", feeds);
        }
        if (promotion != null) {
            p.put("promotion", promotion.toMap());
        }
        m.put("policy", p);
        List<Object> ds = new ArrayList<>(actions.size());
        for (DeploymentAction a : actions) {
            Map<String, Object> am = a.toMap();
            if (!a.reason().equals("new") && !a.reason().equals("unchanged")) {
                am.put("note", a.reason()); // what the text shows as a note: packages differ, expired, no longer planned
            }
            Map<String, PackageReason> reasons = a.deployment().reasons();
            if (advised && !reasons.isEmpty()) {
                Map<String, Object> rm = new LinkedHashMap<>();
                reasons.forEach((k, v) -> rm.put(k, v.toMap()));
                am.put("reasons", rm);
            }
            if (promotion != null && a.kind() != ActionKind.DELETE) {
                Map<String, Object> pm = new LinkedHashMap<>();
                a.deployment().promotions().forEach((k, v) -> pm.put(k, v.toMap()));
                am.put("promotion", pm);
                if (!a.deployment().heldBack().isEmpty()) {
                    am.put("heldBack", heldBackMaps(a.deployment().heldBack()));
                }
            }
            ds.add(am);
        }
        m.put("deployments", ds);
        Map<String, List<HeldBack>> heldByMachine = new java.util.HashMap<>();
        for (HeldBack h : heldBack) {
            heldByMachine.computeIfAbsent(h.machineId(), k -> new ArrayList<>()).add(h);
        }
        // A view that makes each skip's map when it is read: the plan JSON of a million skipped machines is then
        // written one map at a time instead of holding a million maps (a quarter of a gigabyte) at once.
        m.put("skipped", new MappedList(skipped, heldByMachine));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("machines", machines);
        summary.put("planned", planned);
        summary.put("skipped", skipped.size());
        Map<String, Object> counts = new LinkedHashMap<>();
        for (ActionKind k : ActionKind.values()) {
            counts.put(k.name(), Math.toIntExact(count(k)));
        }
        summary.put("actions", counts);
        if (promotion != null) {
            summary.put("heldBack", heldBack.size());
        }
        m.put("summary", summary);
        if (!warnings.isEmpty()) {
            m.put("warnings", warnings);
        }
        return m;
    }

    private static List<Object> heldBackMaps(List<HeldBack> held) {
        List<Object> out = new ArrayList<>(held.size());
        for (HeldBack h : held) {
            out.add(h.toMap());
        }
        return out;
    }

    /** A read-only list of the {@code toMap()} of skips, made on each read. */
    private static final class MappedList extends AbstractList<Object> implements RandomAccess, Serializable {
        private static final long serialVersionUID = 1L;
        private final List<Skip> items;
        /** With promotion: the held-back packages per machine id, listed with {@code HELD_BACK} skips. */
        private final Map<String, List<HeldBack>> heldBack;

        MappedList(List<Skip> items, Map<String, List<HeldBack>> heldBack) {
            this.items = items;
            this.heldBack = heldBack;
        }

        @Override
        public Object get(int index) {
            Skip s = items.get(index);
            Map<String, Object> m = s.toMap();
            List<HeldBack> held = s.reason() == SkipReason.HELD_BACK ? heldBack.get(s.machineId()) : null;
            if (held != null) {
                m.put("heldBack", heldBackMaps(held));
            }
            return m;
        }

        @Override
        public int size() {
            return items.size();
        }
    }
}
