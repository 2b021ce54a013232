package io.patchwindow.core.deployment;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One reconcile decision: the kind, the deployment it concerns, and why.
 *
 * @serial exclude
 * @param kind CREATE, UPDATE, KEEP or DELETE
 * @param deployment the desired deployment (CREATE, UPDATE, KEEP) or the existing one (DELETE, kept pending)
 * @param existing the existing deployment, if there is one
 * @param reason a short human-readable reason, e.g. {@code packages differ}
 */
public record DeploymentAction(ActionKind kind, Deployment deployment, @Nullable ExistingDeployment existing,
                               String reason) implements Serializable {

    /**
     * Validates the components.
     *
     * @param kind CREATE, UPDATE, KEEP or DELETE
     * @param deployment the desired deployment (CREATE, UPDATE, KEEP) or the existing one (DELETE, kept pending)
     * @param existing the existing deployment, if there is one
     * @param reason a short human-readable reason, e.g. {@code packages differ}
     * @throws NullPointerException if a required component is null
     */
    public DeploymentAction {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * Returns the deployment name.
     *
     * @return the name, not null
     */
    public String name() {
        return deployment.name();
    }

    /**
     * Returns whether applying this action writes anything.
     *
     * @return true for CREATE, UPDATE and DELETE
     */
    public boolean writes() {
        return kind != ActionKind.KEEP;
    }

    /**
     * Returns the action as an ordered JSON-ready map: {@code name}, {@code action}, then the
     * deployment's fields.
     *
     * @return a new ordered map, not null
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", deployment.name());
        m.put("action", kind.name());
        deployment.putFields(m);
        return m;
    }
}
