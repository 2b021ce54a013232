package io.patchwindow.core.report;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts over machines of one or more windows: outcomes and planned packages (one per machine and package).
 *
 * @serial exclude
 * @param windows windows counted
 * @param machines machine-window pairs
 * @param succeeded pairs with outcome SUCCEEDED
 * @param failed pairs with outcome FAILED
 * @param incomplete pairs with outcome INCOMPLETE
 * @param inProgress pairs with outcome IN_PROGRESS
 * @param didNotRun pairs with outcome DID_NOT_RUN
 * @param packagesPlanned planned packages (per machine)
 * @param packagesInstalled planned packages installed
 * @param packagesFailed planned packages failed
 */
public record Tally(int windows, int machines, int succeeded, int failed, int incomplete, int inProgress,
                    int didNotRun, long packagesPlanned, long packagesInstalled, long packagesFailed)
        implements Serializable {

    /** Nothing counted. */
    public static final Tally ZERO = new Tally(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * Returns the counts of one window's machines.
     *
     * @param machines the machines, not null
     * @return the counts (windows = 1), not null
     */
    public static Tally of(Iterable<MachineReport> machines) {
        int n = 0;
        int[] outcomes = new int[Outcome.values().length];
        long planned = 0;
        long installed = 0;
        long failedPackages = 0;
        for (MachineReport m : machines) {
            n++;
            outcomes[m.outcome().ordinal()]++;
            planned += m.packages().size();
            installed += m.count(PackageStatus.INSTALLED);
            failedPackages += m.count(PackageStatus.FAILED);
        }
        return new Tally(1, n, outcomes[Outcome.SUCCEEDED.ordinal()], outcomes[Outcome.FAILED.ordinal()],
                outcomes[Outcome.INCOMPLETE.ordinal()], outcomes[Outcome.IN_PROGRESS.ordinal()],
                outcomes[Outcome.DID_NOT_RUN.ordinal()], planned, installed, failedPackages);
    }

    /**
     * Adds two tallies.
     *
     * @param o the other, not null
     * @return the sum, not null
     */
    public Tally plus(Tally o) {
        return new Tally(windows + o.windows, machines + o.machines, succeeded + o.succeeded, failed + o.failed,
                incomplete + o.incomplete, inProgress + o.inProgress, didNotRun + o.didNotRun,
                packagesPlanned + o.packagesPlanned, packagesInstalled + o.packagesInstalled,
                packagesFailed + o.packagesFailed);
    }

    /**
     * Returns the share of planned packages installed, in percent with one decimal (rounded half up), e.g.
     * {@code 87.5}; 100 when nothing was planned.
     *
     * @return the percentage, not null
     */
    public BigDecimal installedPercent() {
        if (packagesPlanned == 0) {
            return BigDecimal.valueOf(1000, 1);
        }
        return BigDecimal.valueOf(packagesInstalled * 100L).divide(BigDecimal.valueOf(packagesPlanned), 1,
                RoundingMode.HALF_UP);
    }

    /**
     * Returns whether every machine succeeded.
     *
     * @return true when nothing failed, is incomplete, in progress or did not run
     */
    public boolean allSucceeded() {
        return succeeded == machines;
    }

    /**
     * Returns the counts as an ordered map of JSON-ready values.
     *
     * @return a new ordered map, not null
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("windows", windows);
        m.put("machines", machines);
        m.put("succeeded", succeeded);
        m.put("failed", failed);
        m.put("incomplete", incomplete);
        m.put("inProgress", inProgress);
        m.put("didNotRun", didNotRun);
        m.put("packagesPlanned", packagesPlanned);
        m.put("packagesInstalled", packagesInstalled);
        m.put("packagesFailed", packagesFailed);
        m.put("installedPercent", installedPercent());
        return m;
    }
}
