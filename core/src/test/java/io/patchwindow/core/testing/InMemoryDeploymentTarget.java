package io.patchwindow.core.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import io.patchwindow.core.deployment.ActionResult;
import io.patchwindow.core.deployment.DeploymentAction;
import io.patchwindow.core.deployment.ExistingDeployment;
import io.patchwindow.core.port.DeploymentTarget;

/**
 * A {@link DeploymentTarget} that keeps deployments in a map keyed by name, for tests and demos.
 *
 * <pre>{@code
 * InMemoryDeploymentTarget target = new InMemoryDeploymentTarget()
 *         .failOn("pw-vm2-0a1b2c3d", "AuthorizationFailed", "no write permission");
 * for (DeploymentAction a : plan.actions()) {
 *     ActionResult r = target.apply(a);
 * }
 * assertThat(target.writes()).isEqualTo(plan.actions().stream().filter(DeploymentAction::writes).count() - 1);
 * }</pre>
 *
 * <p>{@link #apply} performs CREATE and UPDATE as an upsert (like an ARM {@code PUT}) storing a managed
 * deployment whose next run is its start, DELETE as a removal (deleting a missing name succeeds, like an
 * ARM {@code DELETE}), and KEEP as nothing. A name registered with {@link #failOn} makes every writing
 * action on it fail with the given error code, without changing the map. Successful writes are counted.
 * Thread-safe: adapters may apply actions concurrently.
 */
public final class InMemoryDeploymentTarget implements DeploymentTarget {
    private final Map<String, ExistingDeployment> deployments = new TreeMap<>();
    private final Map<String, String[]> failures = new HashMap<>();
    private final List<ActionResult> results = new ArrayList<>();
    private int writes;

    /**
     * Creates an empty target.
     */
    public InMemoryDeploymentTarget() {
    }

    /**
     * Creates a target holding existing deployments.
     *
     * @param existing the deployments, not null
     * @return the target, not null
     */
    public static InMemoryDeploymentTarget of(ExistingDeployment... existing) {
        InMemoryDeploymentTarget t = new InMemoryDeploymentTarget();
        Arrays.stream(existing).forEach(t::put);
        return t;
    }

    /**
     * Stores a deployment as if it already existed on the platform (not counted as a write).
     *
     * @param existing the deployment, not null
     * @return this target
     */
    public synchronized InMemoryDeploymentTarget put(ExistingDeployment existing) {
        Objects.requireNonNull(existing, "existing");
        deployments.put(existing.name(), existing);
        return this;
    }

    /**
     * Makes every writing action on a deployment name fail, as the platform would refuse it.
     *
     * @param name the deployment name, not null
     * @param errorCode the platform error code to report, e.g. {@code AuthorizationFailed}, not null
     * @param message the platform message to report, not null
     * @return this target
     */
    public synchronized InMemoryDeploymentTarget failOn(String name, String errorCode, String message) {
        failures.put(Objects.requireNonNull(name, "name"), new String[] {
            Objects.requireNonNull(errorCode, "errorCode"), Objects.requireNonNull(message, "message")});
        return this;
    }

    /**
     * Lists the deployments whose name starts with the prefix, sorted by name.
     *
     * @param namePrefix the prefix, e.g. {@code pw-}, not null
     * @return a new list, not null
     */
    @Override
    public synchronized List<ExistingDeployment> existing(String namePrefix) {
        Objects.requireNonNull(namePrefix, "namePrefix");
        List<ExistingDeployment> out = new ArrayList<>();
        for (ExistingDeployment e : deployments.values()) {
            if (e.name().startsWith(namePrefix)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Applies one action to the map: CREATE and UPDATE store, DELETE removes, KEEP does nothing.
     *
     * @param action the action, not null
     * @return OK, or FAILED with the error code registered by {@link #failOn}
     */
    @Override
    public synchronized ActionResult apply(DeploymentAction action) {
        Objects.requireNonNull(action, "action");
        ActionResult result;
        String[] failure = failures.get(action.name());
        if (!action.writes()) {
            result = ActionResult.ok(action);
        } else if (failure != null) {
            result = ActionResult.failed(action, failure[0], failure[1]);
        } else {
            switch (action.kind()) {
                case CREATE:
                case UPDATE:
                    deployments.put(action.name(), new ExistingDeployment(action.deployment(),
                            "inmemory:" + action.name(), true, action.deployment().start().toInstant()));
                    break;
                case DELETE:
                    deployments.remove(action.name());
                    break;
                default:
                    throw new IllegalStateException("Unexpected action kind " + action.kind());
            }
            writes++;
            result = ActionResult.ok(action);
        }
        results.add(result);
        return result;
    }

    /**
     * Marks a deployment as having run: the platform reports no next run any more.
     *
     * @param name the deployment name, not null
     * @return this target
     * @throws IllegalArgumentException if there is no deployment of that name
     */
    public synchronized InMemoryDeploymentTarget markRun(String name) {
        ExistingDeployment e = deployments.get(Objects.requireNonNull(name, "name"));
        if (e == null) {
            throw new IllegalArgumentException("Unknown deployment '" + name + "': nothing to mark as run");
        }
        deployments.put(name, new ExistingDeployment(e.deployment(), e.resourceId(), e.managed(), null));
        return this;
    }

    /**
     * Returns the deployment of a name.
     *
     * @param name the name, not null
     * @return the deployment, or empty if absent
     */
    public synchronized Optional<ExistingDeployment> get(String name) {
        return Optional.ofNullable(deployments.get(Objects.requireNonNull(name, "name")));
    }

    /**
     * Returns every deployment held, whatever its name, sorted by name.
     *
     * @return a new list, not null
     */
    public synchronized List<ExistingDeployment> all() {
        return new ArrayList<>(deployments.values());
    }

    /**
     * Returns how many CREATE, UPDATE and DELETE actions succeeded.
     *
     * @return the count
     */
    public synchronized int writes() {
        return writes;
    }

    /**
     * Returns the results of every {@link #apply} call, in order.
     *
     * @return an immutable copy, not null
     */
    public synchronized List<ActionResult> results() {
        return List.copyOf(results);
    }
}
