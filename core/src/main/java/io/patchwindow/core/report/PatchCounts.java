package io.patchwindow.core.report;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The package counts of an Update Manager installation summary ({@code installedPatchCount},
 * {@code failedPatchCount}, {@code pendingPatchCount}, {@code excludedPatchCount},
 * {@code notSelectedPatchCount}); -1 where the platform does not say.
 *
 * @serial exclude
 * @param installed installed packages
 * @param failed failed packages
 * @param pending pending packages
 * @param excluded excluded packages
 * @param notSelected packages not selected
 */
public record PatchCounts(int installed, int failed, int pending, int excluded, int notSelected)
        implements Serializable {

    /** Counts that the platform did not report (Automation machine runs). */
    public static final PatchCounts UNKNOWN = new PatchCounts(-1, -1, -1, -1, -1);

    /**
     * Validates the components.
     *
     * @param installed installed packages
     * @param failed failed packages
     * @param pending pending packages
     * @param excluded excluded packages
     * @param notSelected packages not selected
     * @throws IllegalArgumentException if a count is below -1
     */
    public PatchCounts {
        if (installed < -1 || failed < -1 || pending < -1 || excluded < -1 || notSelected < -1) {
            throw new IllegalArgumentException("Invalid patch counts " + installed + "/" + failed + "/" + pending
                    + "/" + excluded + "/" + notSelected + ": expected counts of at least 0, or -1 for unknown");
        }
    }

    /**
     * Returns the counts as an ordered map (unknown counts as null).
     *
     * @return a new ordered map, not null
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("installed", installed < 0 ? null : installed);
        m.put("failed", failed < 0 ? null : failed);
        m.put("pending", pending < 0 ? null : pending);
        m.put("excluded", excluded < 0 ? null : excluded);
        m.put("notSelected", notSelected < 0 ? null : notSelected);
        return m;
    }
}
