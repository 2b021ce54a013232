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

import io.patchwindow.core.deployment.ActionKind;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.deployment.DeploymentAction;

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
 *                 (partial answers) in the order it reported them
 * @param machines how many machines the inventory listed (duplicates included)
 * @param planned how many machines are in a planned deployment
 */
public record Plan(Instant generatedAt, Policy policy, List<Deployment> deployments, List<DeploymentAction> actions, List<Skip> skipped,
                   List<String> warnings, int machines, int planned) implements Serializable {

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
     * @throws NullPointerException if a component is null
     */
    public Plan {
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(policy, "policy");
        List<Deployment> d = new ArrayList<>(deployments);
        d.sort((x, y) -> x.name().compareTo(y.name()));
        deployments = List.copyOf(d);
        List<DeploymentAction> a = new ArrayList<>(actions);
        a.sort((x, y) -> x.name().compareTo(y.name()));
        actions = List.copyOf(a);
        List<Skip> s = new ArrayList<>(skipped);
        s.sort((x, y) -> {
            int c = x.machineId().compareTo(y.machineId());
            return c != 0 ? c : x.reason().compareTo(y.reason());
        });
        skipped = List.copyOf(s);
        warnings = List.copyOf(warnings);
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
     * Returns the plan JSON document as ordered maps and lists: {@code schema}, {@code generatedAt},
     * {@code policy}, {@code deployments}, {@code skipped}, {@code summary}, and {@code warnings} when there
     * are any. The {@code deployments} and {@code skipped} lists are read-only and serializable; each of their
     * maps is made when it is read.
     *
     * @return a new ordered map, not null
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", SCHEMA);
        m.put("generatedAt", generatedAt.toString());
        m.put("policy", policy.toMap());
        // Views that make each element's map when it is read: the plan JSON of a million skipped machines is then
        // written one map at a time instead of holding a million maps (a quarter of a gigabyte) at once.
        m.put("deployments", new MappedList(actions));
        m.put("skipped", new MappedList(skipped));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("machines", machines);
        summary.put("planned", planned);
        summary.put("skipped", skipped.size());
        m.put("summary", summary);
        if (!warnings.isEmpty()) {
            m.put("warnings", warnings);
        }
        return m;
    }

    /** A read-only list of the {@code toMap()} of actions or skips, made on each read. */
    private static final class MappedList extends AbstractList<Object> implements RandomAccess, Serializable {
        private static final long serialVersionUID = 1L;
        private final List<?> items;

        MappedList(List<?> items) {
            this.items = items;
        }

        @Override
        public Object get(int index) {
            Object o = items.get(index);
            return o instanceof Skip ? ((Skip) o).toMap() : ((DeploymentAction) o).toMap();
        }

        @Override
        public int size() {
            return items.size();
        }
    }
}
