package io.patchwindow.core.promotion;

import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A planned package of a target machine that is not installed, because its offered version is not promotable.
 *
 * @serial exclude
 * @param machineId the target machine's resource id
 * @param name the package name
 * @param version the version the machine's assessment offers, {@code ""} when it gives none
 * @param reason why it is held back
 * @param detail the explanation, e.g. {@code installed on 2 machines of Q,R since ...; soaked at ...}
 * @param proven the newest promotable version of the package, when it is not the offered one, else null
 * @param promotableAt when the offered version becomes promotable ({@link HoldReason#NOT_YET_SOAKED}), else null
 */
public record HeldBack(String machineId, String name, String version, HoldReason reason, String detail,
                       @Nullable String proven, @Nullable Instant promotableAt) implements Verdict, Serializable {

    /**
     * Validates the components.
     *
     * @param machineId the machine id
     * @param name the package name
     * @param version the offered version
     * @param reason the reason
     * @param detail the explanation
     * @param proven the promotable version, or null
     * @param promotableAt when it becomes promotable, or null
     * @throws NullPointerException if a required component is null
     */
    public HeldBack {
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * Returns the record as the ordered map of the plan JSON: {@code machineId}, {@code package}, {@code version},
     * {@code reason}, {@code detail}, then {@code proven} and {@code promotableAt} when known.
     *
     * @return a new ordered map, not null
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("machineId", machineId);
        m.put("package", name);
        m.put("version", version);
        m.put("reason", reason.name());
        m.put("detail", detail);
        if (proven != null) {
            m.put("proven", proven);
        }
        if (promotableAt != null) {
            m.put("promotableAt", promotableAt.toString());
        }
        return m;
    }
}
