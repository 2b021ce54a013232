package io.patchwindow.azure.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.report.InstallationRun;
import io.patchwindow.core.report.MachineReport;
import io.patchwindow.core.report.Outcome;
import io.patchwindow.core.report.PackageReport;
import io.patchwindow.core.report.PackageStatus;
import io.patchwindow.core.report.Report;
import io.patchwindow.core.report.Tally;
import io.patchwindow.core.report.WindowReport;

/**
 * Renders a report for people: a summary line, a table of windows, the share installed per environment, and
 * every machine that did not succeed with its planned packages. Lines end with {@code \n}; control characters
 * in names are shown as {@code ?}.
 */
public final class ReportText {
    private ReportText() {
    }

    /**
     * Renders a report.
     *
     * @param report the report, not null
     * @return the text, not null
     */
    public static String render(Report report) {
        Objects.requireNonNull(report, "report");
        StringBuilder sb = new StringBuilder();
        Tally t = report.total();
        sb.append("Report of windows from ").append(report.since()).append(" to ").append(report.until())
                .append(" (at ").append(report.generatedAt()).append(")\n");
        sb.append(summary(t)).append('\n');
        if (report.windows().isEmpty()) {
            sb.append("\nWindows: none closed in this range\n");
        } else {
            sb.append("\nWindows: ").append(report.windows().size()).append('\n');
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"START", "ENV", "DEPLOYMENT", "MACHINES", "OK", "FAILED", "INCOMPLETE",
                    "NOT-RUN", "INSTALLED"});
            for (WindowReport w : report.windows()) {
                Tally x = w.tally();
                rows.add(new String[] {Deployment.formatStart(w.start()), env(w.environment()),
                        Names.plain(w.deploymentName()), String.valueOf(x.machines()), String.valueOf(x.succeeded()),
                        String.valueOf(x.failed()), String.valueOf(x.incomplete() + x.inProgress()),
                        String.valueOf(x.didNotRun()), x.installedPercent() + "%"});
            }
            table(sb, rows);
            sb.append("\nEnvironments:\n");
            for (Map.Entry<String, Tally> e : report.environments().entrySet()) {
                Tally x = e.getValue();
                sb.append("  ").append(env(e.getKey())).append(": ").append(x.packagesInstalled()).append(" of ")
                        .append(x.packagesPlanned()).append(" planned packages installed (")
                        .append(x.installedPercent()).append("%) on ").append(x.machines()).append(" machine-windows, ")
                        .append(x.succeeded()).append(" succeeded\n");
            }
        }
        List<String> problems = new ArrayList<>();
        for (WindowReport w : report.windows()) {
            for (MachineReport m : w.machines()) {
                if (m.outcome() != Outcome.SUCCEEDED) {
                    problems.add(problem(w, m));
                }
            }
        }
        if (!problems.isEmpty()) {
            sb.append("\nNot fully patched: ").append(problems.size()).append('\n');
            problems.forEach(sb::append);
        }
        if (!report.warnings().isEmpty()) {
            sb.append("\nWarnings:\n");
            for (String w : report.warnings()) {
                sb.append("  ").append(Names.plain(w)).append('\n');
            }
        }
        return sb.toString();
    }

    private static String summary(Tally t) {
        return "Summary: " + t.windows() + " windows, " + t.machines() + " machine-windows: " + t.succeeded()
                + " succeeded, " + t.failed() + " failed, " + t.incomplete() + " incomplete, " + t.inProgress()
                + " in progress, " + t.didNotRun() + " did not run; " + t.packagesInstalled() + " of "
                + t.packagesPlanned() + " planned packages installed (" + t.installedPercent() + "%)";
    }

    private static String problem(WindowReport w, MachineReport m) {
        StringBuilder sb = new StringBuilder();
        sb.append("  ").append(Names.plain(Names.machineName(m.machineId()))).append("  ")
                .append(Names.plain(w.deploymentName())).append(' ').append(Deployment.formatStart(w.start()))
                .append(": ").append(Names.outcomeText(m));
        InstallationRun r = m.run();
        if (r != null) {
            sb.append(" (run ").append(r.status().apiName());
            if (r.rebootStatus() != null) {
                sb.append(", reboot ").append(Names.plain(r.rebootStatus()));
            }
            if (r.windowExceeded()) {
                sb.append(", window exceeded");
            }
            sb.append(')');
            if (r.error() != null) {
                sb.append(" error: ").append(Names.plain(r.error()));
            }
        }
        sb.append('\n');
        for (PackageReport p : m.packages()) {
            if (p.status() != PackageStatus.INSTALLED) {
                sb.append("      ").append(Names.plain(p.name())).append(' ').append(p.status().name());
                if (p.version() != null) {
                    sb.append(' ').append(Names.plain(p.version()));
                }
                if (!p.reasons().isEmpty()) {
                    sb.append("  [").append(Names.plain(String.join(", ", p.reasons()))).append(']');
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String env(String e) {
        return e.isEmpty() ? "-" : Names.plain(e);
    }

    private static void table(StringBuilder sb, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < r.length; i++) {
                line.append(r[i]);
                if (i < r.length - 1) {
                    line.append(" ".repeat(width[i] - r[i].length() + 2));
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
