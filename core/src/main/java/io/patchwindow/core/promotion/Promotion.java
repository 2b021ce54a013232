package io.patchwindow.core.promotion;

import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A package version proven in the source rings and promoted: the target installs exactly this version
 * ({@code name=version} mask).
 *
 * @serial exclude
 * @param name the package name
 * @param version the version as the target's assessment offers it (rpm-equal to the proven one), written in the mask
 * @param from the source environments where it installed successfully in time, sorted, each once
 * @param machines how many distinct source machines installed it at least the soak time before the window
 * @param failed how many failed results of this version the source rings have (any time)
 * @param firstInstalled the earliest success in the source rings
 */
public record Promotion(String name, String version, List<String> from, int machines, int failed,
                        Instant firstInstalled) implements Verdict, Serializable {

    /**
     * Validates the components.
     *
     * @param name the package name
     * @param version the version
     * @param from the source environments
     * @param machines the number of machines, at least 1
     * @param failed the number of failed results, not negative
     * @param firstInstalled the earliest success
     * @throws IllegalArgumentException if a count is out of range
     */
    public Promotion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(firstInstalled, "firstInstalled");
        from = List.copyOf(new TreeSet<>(from));
        if (machines < 1 || failed < 0) {
            throw new IllegalArgumentException("Invalid promotion of " + name + ": " + machines + " machines, "
                    + failed + " failed; expected at least 1 machine and no negative count");
        }
    }

    /**
     * Returns the record as the ordered map of the plan JSON: {@code version}, {@code from}, {@code machines},
     * {@code failed}, {@code firstInstalled}.
     *
     * @return a new ordered map, not null
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version);
        m.put("from", from);
        m.put("machines", machines);
        m.put("failed", failed);
        m.put("firstInstalled", firstInstalled.toString());
        return m;
    }

    /**
     * Describes the record in a few words, e.g. {@code 1:1.0.2k-26.el7_9 from Q,R on 3 machines since 2026-11-23T02:05:00Z}.
     *
     * @return the text, not null
     */
    public String describe() {
        return version + " from " + String.join(",", from) + " on " + machines + (machines == 1 ? " machine" : " machines")
                + " since " + firstInstalled;
    }
}
