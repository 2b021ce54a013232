package io.patchwindow.core.plan;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A machine left out of the plan, with the reason and a human-readable detail.
 *
 * @serial exclude
 * @param machineId the machine resource id
 * @param reason the stable reason
 * @param detail what was found, e.g. {@code Invalid patch tag 'CENTOS-P-MON-04:00': hour '04:00' is not one of [03:00, 12:00, 22:00]}
 */
public record Skip(String machineId, SkipReason reason, String detail) implements Serializable {

    /**
     * Validates the components.
     *
     * @param machineId the machine resource id
     * @param reason the stable reason
     * @param detail what was found, e.g. {@code Invalid patch tag 'CENTOS-P-MON-04:00': hour '04:00' is not one of [03:00, 12:00, 22:00]}
     * @throws NullPointerException if a component is null
     */
    public Skip {
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * Returns the skip as an ordered JSON-ready map: {@code machineId}, {@code reason}, {@code detail}.
     *
     * @return a new ordered map, not null
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("machineId", machineId);
        m.put("reason", reason.name());
        m.put("detail", detail);
        return m;
    }
}
