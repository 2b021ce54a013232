package io.patchwindow.core.deployment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.patchwindow.core.inventory.ResourceId;
import org.jspecify.annotations.Nullable;

/**
 * Compares planned deployments with the ones patchwindow made earlier. Pure: no I/O.
 *
 * <ul>
 *   <li>planned, absent: {@link ActionKind#CREATE};</li>
 *   <li>planned, present and identical ({@link Deployment#sameAs}): {@link ActionKind#KEEP};</li>
 *   <li>planned, present and different: {@link ActionKind#UPDATE} (the reason lists what differs);</li>
 *   <li>present, not planned, expired: {@link ActionKind#DELETE};</li>
 *   <li>present, not planned, still pending: {@link ActionKind#DELETE} with {@code prune}, else
 *       {@link ActionKind#KEEP} with a reason saying so.</li>
 * </ul>
 * Names are matched without case, as Azure compares resource names ({@code pw-VM1-1a2b3c4d} and
 * {@code pw-vm1-1a2b3c4d} are one deployment). Existing deployments that are not managed by patchwindow or whose
 * name lacks the prefix are never touched. Actions come sorted by name.
 *
 * <h2>Damaged deployments</h2>
 * An existing deployment that its target read back {@link ExistingDeployment#damaged() damaged} (an include mask
 * that breaks the package-name rule, say) is never kept as it is, since the platform would hand what it holds to
 * the package manager: planned, it is an {@link ActionKind#UPDATE} even when the comparison finds no difference
 * (the reason ends with {@code damaged: } and the target's one line); not planned, it is a
 * {@link ActionKind#DELETE} with that reason, {@code prune} or not. One whose environment is unknown is still only
 * deleted when it expires (a KEEP whose reason says it is damaged), and one of another environment is out of scope
 * as every other.
 *
 * <h2>Scope</h2>
 * With {@link #withScope(Set)} (the {@code Planner} always sets it to the policy's environments) a run for
 * environments E touches only deployments made for an environment in E. The environment of an existing deployment
 * is the one its name carries ({@link NameForms#environmentOf}), else the one the
 * platform recorded ({@link ExistingDeployment#environment()}, e.g. a tag), else unknown:
 * <ul>
 *   <li>known, not in E: no action at all (never written, never deleted, not even when expired);</li>
 *   <li>unknown (a name made before version 0.2): deleted when expired; a pending one is deleted when it is a
 *       per-machine deployment of the old name form whose machines are all planned by this run under the new name
 *       (it is replaced: DELETE old plus CREATE new); any other pending one is a KEEP whose reason says why.</li>
 * </ul>
 * The existing deployment of every action carries its environment as found here (null: unknown).
 * Without a scope every deployment is in scope, unknown ones included, as before 0.2.
 */
public final class Reconciler {
    private final String namePrefix;
    private final boolean prune;
    private final boolean pinVersions;
    private final @Nullable Set<String> scope;

    private Reconciler(String namePrefix, boolean prune, boolean pinVersions, @Nullable Set<String> scope) {
        this.namePrefix = namePrefix;
        this.prune = prune;
        this.pinVersions = pinVersions;
        this.scope = scope;
    }

    /**
     * Creates a reconciler without a scope (every environment).
     *
     * @param namePrefix the prefix of patchwindow's deployment names, e.g. {@code pw-}
     * @param prune whether to delete pending deployments that are no longer planned
     * @return the reconciler, not null
     */
    public static Reconciler of(String namePrefix, boolean prune) {
        return new Reconciler(Objects.requireNonNull(namePrefix, "namePrefix"), prune, false, null);
    }

    /**
     * Returns a copy that also compares package versions, for deployments written with pinned versions
     * ({@code name=version} masks): a version-only change is then an UPDATE.
     *
     * @param pinVersions whether versions count
     * @return a reconciler, not null
     */
    public Reconciler withPinnedVersions(boolean pinVersions) {
        return new Reconciler(namePrefix, prune, pinVersions, scope);
    }

    /**
     * Returns a copy that touches only deployments of the given environments (see the class comment).
     *
     * @param environments the environment codes of the run, e.g. {@code [Q, R]}, not null
     * @return a reconciler, not null
     */
    public Reconciler withScope(Set<String> environments) {
        Objects.requireNonNull(environments, "environments");
        return new Reconciler(namePrefix, prune, pinVersions, Set.copyOf(environments));
    }

    /**
     * Returns the environment an existing deployment was made for: the one its name carries, else the one the
     * platform recorded, else null (unknown).
     *
     * @param existing the deployment, not null
     * @return the environment code, or null when it cannot be told
     */
    public @Nullable String environmentOf(ExistingDeployment existing) {
        Objects.requireNonNull(existing, "existing");
        return NameForms.environmentOf(namePrefix, existing.name()).orElse(existing.environment());
    }

    /**
     * Returns whether this reconciler may write or delete an existing deployment at all: its environment is in
     * the scope, or unknown (then only expired or replaced ones are deleted), or there is no scope.
     *
     * @param existing the deployment, not null
     * @return false for a deployment known to belong to another environment
     */
    public boolean inScope(ExistingDeployment existing) {
        String env = environmentOf(existing);
        return scope == null || env == null || scope.contains(env);
    }

    /**
     * Reconciles.
     *
     * @param planned the planned deployments, names unique, not null
     * @param existing what exists on the platform, not null
     * @param now the current instant, not null
     * @return the actions sorted by deployment name, not null
     * @throws IllegalArgumentException if two planned deployments share a name (compared without case)
     */
    public List<DeploymentAction> reconcile(Collection<Deployment> planned, Collection<ExistingDeployment> existing,
                                            Instant now) {
        Objects.requireNonNull(planned, "planned");
        Objects.requireNonNull(existing, "existing");
        Objects.requireNonNull(now, "now");
        Map<String, ExistingDeployment> byName = new HashMap<>();
        for (ExistingDeployment e : existing) {
            if (e.managed() && e.name().startsWith(namePrefix) && inScope(e)) {
                byName.merge(nameKey(e.name()), e.withEnvironment(environmentOf(e)), (a, b) -> a);
            }
        }
        List<DeploymentAction> out = new ArrayList<>(planned.size() + byName.size());
        Map<String, String> plannedMachines = new HashMap<>();
        for (Deployment d : planned) {
            for (String id : d.machineIds()) {
                plannedMachines.putIfAbsent(ResourceId.key(id), d.name());
            }
        }
        Set<String> seen = new HashSet<>();
        for (Deployment d : planned) {
            if (!seen.add(nameKey(d.name()))) {
                throw new IllegalArgumentException("Invalid plan: deployment name '" + d.name() + "' is used twice");
            }
            ExistingDeployment e = byName.remove(nameKey(d.name()));
            if (e == null) {
                out.add(new DeploymentAction(ActionKind.CREATE, d, null, "new"));
            } else {
                List<String> diff = d.differences(e.deployment(), pinVersions);
                String differ = diff.isEmpty() ? "" : String.join(", ", diff) + " differ";
                if (e.damaged()) {
                    out.add(new DeploymentAction(ActionKind.UPDATE, d, e, damaged(differ, e)));
                } else if (diff.isEmpty()) {
                    out.add(new DeploymentAction(ActionKind.KEEP, d, e, "unchanged"));
                } else {
                    out.add(new DeploymentAction(ActionKind.UPDATE, d, e, differ));
                }
            }
        }
        for (ExistingDeployment e : byName.values()) {
            String replacedBy = e.environment() == null ? replacement(e, plannedMachines) : null;
            if (e.expiredAt(now)) {
                out.add(new DeploymentAction(ActionKind.DELETE, e.deployment(), e, damaged("expired", e)));
            } else if (replacedBy != null) {
                out.add(new DeploymentAction(ActionKind.DELETE, e.deployment(), e,
                        damaged("replaced by '" + replacedBy + "' (name form before 0.2)", e)));
            } else if (scope != null && e.environment() == null) {
                out.add(new DeploymentAction(ActionKind.KEEP, e.deployment(), e, damaged("environment unknown (name "
                        + "without environment, made before 0.2): left alone until it expires", e)));
            } else if (e.damaged()) {
                // pending and in scope: the platform would run what it holds; never left as it is
                out.add(new DeploymentAction(ActionKind.DELETE, e.deployment(), e, damaged("no longer planned", e)));
            } else if (prune) {
                out.add(new DeploymentAction(ActionKind.DELETE, e.deployment(), e, "no longer planned (prune)"));
            } else {
                out.add(new DeploymentAction(ActionKind.KEEP, e.deployment(), e,
                        "no longer planned, still pending (delete with --prune)"));
            }
        }
        out.sort((x, y) -> x.name().compareTo(y.name()));
        return out;
    }

    /**
     * The planned deployment that replaces a per-machine deployment of the old name form: it must target machines
     * that are all planned now, in one deployment; null when there is none.
     */
    private @Nullable String replacement(ExistingDeployment e, Map<String, String> plannedMachines) {
        List<String> ids = e.deployment().machineIds();
        if (ids.isEmpty() || !NameForms.isLegacyMachineName(namePrefix, e.name())) {
            return null;
        }
        String by = null;
        for (String id : ids) {
            String d = plannedMachines.get(ResourceId.key(id));
            if (d == null || (by != null && !by.equals(d))) {
                return null;
            }
            by = d;
        }
        return by;
    }

    /** The longest reason an action carries (a line of the plan, as every message of the project). */
    static final int MAX_REASON = 300;

    /**
     * A reason, with the damage of the existing deployment after it when it has any; the damage is shortened
     * (ending with {@code ...}) when the line would be longer than {@link #MAX_REASON} characters.
     */
    private static String damaged(String reason, ExistingDeployment e) {
        String damage = e.damage();
        if (damage == null) {
            return reason;
        }
        String line = reason.isEmpty() ? "damaged: " + damage : reason + "; damaged: " + damage;
        if (line.length() <= MAX_REASON) {
            return line;
        }
        int end = MAX_REASON - 3;
        if (Character.isHighSurrogate(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(0, end) + "...";
    }

    private static String nameKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
