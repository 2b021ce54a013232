package io.patchwindow.core.deployment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

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
 */
public final class Reconciler {
    private final String namePrefix;
    private final boolean prune;
    private final boolean pinVersions;

    private Reconciler(String namePrefix, boolean prune, boolean pinVersions) {
        this.namePrefix = namePrefix;
        this.prune = prune;
        this.pinVersions = pinVersions;
    }

    /**
     * Creates a reconciler.
     *
     * @param namePrefix the prefix of patchwindow's deployment names, e.g. {@code pw-}
     * @param prune whether to delete pending deployments that are no longer planned
     * @return the reconciler, not null
     */
    public static Reconciler of(String namePrefix, boolean prune) {
        return new Reconciler(Objects.requireNonNull(namePrefix, "namePrefix"), prune, false);
    }

    /**
     * Returns a copy that also compares package versions, for deployments written with pinned versions
     * ({@code name=version} masks): a version-only change is then an UPDATE.
     *
     * @param pinVersions whether versions count
     * @return a reconciler, not null
     */
    public Reconciler withPinnedVersions(boolean pinVersions) {
        return new Reconciler(namePrefix, prune, pinVersions);
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
            if (e.managed() && e.name().startsWith(namePrefix)) {
                byName.merge(nameKey(e.name()), e, (a, b) -> a);
            }
        }
        List<DeploymentAction> out = new ArrayList<>(planned.size() + byName.size());
        Map<String, Boolean> seen = new HashMap<>();
        for (Deployment d : planned) {
            if (seen.put(nameKey(d.name()), Boolean.TRUE) != null) {
                throw new IllegalArgumentException("Invalid plan: deployment name '" + d.name() + "' is used twice");
            }
            ExistingDeployment e = byName.remove(nameKey(d.name()));
            if (e == null) {
                out.add(new DeploymentAction(ActionKind.CREATE, d, null, "new"));
            } else {
                List<String> diff = d.differences(e.deployment(), pinVersions);
                if (diff.isEmpty()) {
                    out.add(new DeploymentAction(ActionKind.KEEP, d, e, "unchanged"));
                } else {
                    out.add(new DeploymentAction(ActionKind.UPDATE, d, e, String.join(", ", diff) + " differ"));
                }
            }
        }
        for (ExistingDeployment e : byName.values()) {
            if (e.expiredAt(now)) {
                out.add(new DeploymentAction(ActionKind.DELETE, e.deployment(), e, "expired"));
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

    private static String nameKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
