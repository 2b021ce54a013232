package io.patchwindow.core.deployment;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of applying one action: OK, or FAILED with the platform's error code and message.
 *
 * @serial exclude
 * @param action the action
 * @param ok whether it succeeded
 * @param errorCode the platform error code (e.g. ARM {@code InvalidParameter}), null when ok
 * @param message the platform message, empty when ok
 */
public record ActionResult(DeploymentAction action, boolean ok, @Nullable String errorCode, String message)
        implements Serializable {

    /**
     * Validates the components.
     *
     * @param action the action
     * @param ok whether it succeeded
     * @param errorCode the platform error code (e.g. ARM {@code InvalidParameter}), null when ok
     * @param message the platform message, empty when ok
     * @throws NullPointerException if a required component is null
     */
    public ActionResult {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Returns a success.
     *
     * @param action the action, not null
     * @return the result, not null
     */
    public static ActionResult ok(DeploymentAction action) {
        return new ActionResult(action, true, null, "");
    }

    /**
     * Returns a failure.
     *
     * @param action the action, not null
     * @param errorCode the platform error code, not null
     * @param message the platform message, not null
     * @return the result, not null
     */
    public static ActionResult failed(DeploymentAction action, String errorCode, String message) {
        return new ActionResult(action, false, Objects.requireNonNull(errorCode, "errorCode"), message);
    }

    /**
     * Returns the result as an ordered JSON-ready map: {@code name}, {@code action}, {@code status}
     * ({@code OK} or {@code FAILED}), {@code errorCode}, {@code message}.
     *
     * @return a new ordered map, not null
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", action.name());
        m.put("action", action.kind().name());
        m.put("status", ok ? "OK" : "FAILED");
        m.put("errorCode", errorCode);
        m.put("message", message);
        return m;
    }
}
