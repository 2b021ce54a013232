package io.patchwindow.azure.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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
 * Renders the report as one self-contained HTML page: summary cards, a weekly calendar of the windows (machine
 * counts and a bar of outcome colours per window), the share of planned fixes installed per environment, and
 * the machines that were not fully patched with their packages.
 *
 * <p>The page has no script, no external style sheet, font or image: styles are inline CSS, pictures inline
 * SVG, and a {@code Content-Security-Policy} meta element ({@code default-src 'none'}) forbids any fetch, so a
 * browser opening the file makes no network request. Every text from the report is HTML-escaped, control
 * characters replaced. The same report gives the same bytes.
 */
public final class ReportHtml {
    /** The most not-fully-patched machines listed; the JSON has them all. */
    public static final int MAX_PROBLEMS = 500;
    /** The most weeks the calendar shows (the latest ones). */
    public static final int MAX_WEEKS = 26;

    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ROOT);
    private static final Outcome[] ORDER = {Outcome.SUCCEEDED, Outcome.INCOMPLETE, Outcome.IN_PROGRESS,
            Outcome.FAILED, Outcome.DID_NOT_RUN};

    private static final String CSS = String.join("\n",
            ":root{--ok:#2e7d32;--failed:#c62828;--incomplete:#ef6c00;--progress:#1565c0;--notrun:#757575;"
                    + "--ink:#1f2933;--muted:#616e7c;--line:#e4e7eb;--bg:#f5f7fa}",
            "*{box-sizing:border-box}",
            "body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,'Segoe UI',"
                    + "Roboto,'Helvetica Neue',Arial,sans-serif}",
            "main{max-width:1200px;margin:0 auto;padding:24px}",
            "h1{font-size:24px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 10px}",
            ".muted{color:var(--muted)}",
            ".cards{display:flex;flex-wrap:wrap;gap:12px;margin-top:16px}",
            ".card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 14px;min-width:118px}",
            ".card b{display:block;font-size:26px}.card.big b{font-size:34px}",
            ".card.ok b{color:var(--ok)}.card.failed b{color:var(--failed)}.card.incomplete b{color:var(--incomplete)}"
                    + ".card.notrun b{color:var(--notrun)}",
            "table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--line);border-radius:8px}",
            "th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}",
            "th{background:#fafbfc;font-weight:600;font-size:13px}",
            ".cal td{width:13.5%;height:84px}.cal th.week,.cal td.week{width:8%;white-space:nowrap;font-size:12px;color:var(--muted)}",
            ".cal .date{font-size:12px;color:var(--muted)}",
            ".win{border-left:4px solid var(--ok);background:#f8faf8;border-radius:4px;padding:3px 6px;margin:4px 0;"
                    + "font-size:12px}",
            ".win.FAILED{border-color:var(--failed);background:#fdf3f3}"
                    + ".win.INCOMPLETE{border-color:var(--incomplete);background:#fff7ef}"
                    + ".win.IN_PROGRESS{border-color:var(--progress)}"
                    + ".win.DID_NOT_RUN{border-color:var(--notrun);background:#f4f4f4}",
            ".win .name{display:block;overflow-wrap:anywhere;color:var(--muted)}",
            ".bar{display:block;width:100%;height:8px;margin-top:3px}",
            ".env{display:grid;grid-template-columns:90px 1fr 210px;gap:8px;align-items:center;background:#fff;"
                    + "border:1px solid var(--line);border-radius:8px;padding:8px 12px;margin-bottom:6px}",
            ".legend span{display:inline-block;margin-right:14px;font-size:12px}",
            ".legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px}",
            ".badge{display:inline-block;border-radius:10px;padding:0 7px;font-size:12px;color:#fff;"
                    + "background:var(--notrun)}",
            ".badge.FAILED{background:var(--failed)}.badge.INCOMPLETE{background:var(--incomplete)}"
                    + ".badge.IN_PROGRESS{background:var(--progress)}",
            ".pkg{display:inline-block;border:1px solid var(--line);border-radius:4px;padding:0 5px;margin:1px 2px;"
                    + "font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}",
            ".pkg.FAILED{border-color:var(--failed);color:var(--failed)}.pkg.PENDING{border-color:var(--incomplete);color:#b45309}",
            ".id{font-size:11px;color:var(--muted);overflow-wrap:anywhere}",
            "footer{margin-top:28px;font-size:12px;color:var(--muted)}");

    private ReportHtml() {
    }

    /**
     * Renders a report as an HTML document, ending with a newline.
     *
     * @param report the report, not null
     * @return the page, not null
     */
    public static String render(Report report) {
        Objects.requireNonNull(report, "report");
        StringBuilder h = new StringBuilder(16_384);
        Tally t = report.total();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>patchwindow report ").append(esc(report.since().toString())).append(" to ")
                .append(esc(report.until().toString())).append("</title>\n<style>\n").append(CSS)
                .append("\n</style>\n</head>\n<body>\n<main>\n");
        h.append("<h1>Patch windows report</h1>\n<div class=\"muted\">Windows that closed from ")
                .append(esc(report.since().toString())).append(" to ").append(esc(report.until().toString()))
                .append(" &middot; generated ").append(esc(report.generatedAt().toString())).append("</div>\n");
        cards(h, t);
        calendar(h, report);
        environments(h, report);
        problems(h, report);
        if (!report.warnings().isEmpty()) {
            h.append("<h2>Warnings</h2>\n<ul>\n");
            for (String w : report.warnings()) {
                h.append("<li>").append(esc(w)).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("<footer>").append(esc(Report.SCHEMA)).append(" &middot; the JSON output "
                + "(<code>--output json</code>) holds every machine and package.</footer>\n</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void cards(StringBuilder h, Tally t) {
        h.append("<div class=\"cards\">\n");
        card(h, "big", t.installedPercent() + "%", "planned fixes installed (" + t.packagesInstalled() + " of "
                + t.packagesPlanned() + ")");
        card(h, "", String.valueOf(t.windows()), "windows");
        card(h, "", String.valueOf(t.machines()), "machine-windows");
        card(h, "ok", String.valueOf(t.succeeded()), "succeeded");
        card(h, "failed", String.valueOf(t.failed()), "failed");
        card(h, "incomplete", String.valueOf(t.incomplete() + t.inProgress()), "incomplete or running");
        card(h, "notrun", String.valueOf(t.didNotRun()), "did not run");
        h.append("</div>\n");
    }

    private static void card(StringBuilder h, String cls, String value, String label) {
        h.append("<div class=\"card ").append(cls).append("\"><b>").append(esc(value)).append("</b>")
                .append(esc(label)).append("</div>\n");
    }

    private static void calendar(StringBuilder h, Report report) {
        h.append("<h2>Windows by week</h2>\n");
        legend(h);
        ZoneId zone = report.windows().isEmpty() ? ZoneOffset.UTC : report.windows().get(0).start().getZone();
        LocalDate first = report.since().atZone(zone).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate last = report.until().minusNanos(1).atZone(zone).toLocalDate();
        for (WindowReport w : report.windows()) {
            LocalDate d = w.start().toLocalDate();
            if (d.isBefore(first)) {
                first = d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            }
            if (d.isAfter(last)) {
                last = d;
            }
        }
        LocalDate lastMonday = last.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate earliest = lastMonday.minusWeeks(MAX_WEEKS - 1L);
        if (first.isBefore(earliest)) {
            first = earliest;
        }
        Map<LocalDate, List<WindowReport>> byDay = new TreeMap<>();
        for (WindowReport w : report.windows()) {
            byDay.computeIfAbsent(w.start().toLocalDate(), k -> new ArrayList<>()).add(w);
        }
        h.append("<table class=\"cal\">\n<tr><th class=\"week\">Week</th>");
        for (DayOfWeek d : DayOfWeek.values()) {
            h.append("<th>").append(d.getDisplayName(TextStyle.SHORT, Locale.ROOT)).append("</th>");
        }
        h.append("</tr>\n");
        for (LocalDate monday = first; !monday.isAfter(lastMonday); monday = monday.plusWeeks(1)) {
            h.append("<tr><td class=\"week\">").append(esc(monday.toString())).append("</td>");
            for (int i = 0; i < 7; i++) {
                LocalDate day = monday.plusDays(i);
                h.append("<td><div class=\"date\">").append(esc(DAY.format(day))).append("</div>");
                for (WindowReport w : byDay.getOrDefault(day, List.of())) {
                    Tally x = w.tally();
                    h.append("<div class=\"win ").append(worst(w).name()).append("\" title=\"")
                            .append(esc(w.deploymentName() + " " + Deployment.formatStart(w.start()))).append("\">")
                            .append("<b>").append(esc(HHMM.format(w.start()))).append("</b> ")
                            .append(w.environment().isEmpty() ? "" : "<b>" + esc(w.environment()) + "</b> ")
                            .append(x.machines()).append(x.machines() == 1 ? " machine" : " machines")
                            .append("<span class=\"name\">").append(esc(w.deploymentName())).append("</span>");
                    bar(h, x);
                    h.append("</div>");
                }
                h.append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void legend(StringBuilder h) {
        h.append("<div class=\"legend muted\">");
        for (Outcome o : ORDER) {
            h.append("<span><i style=\"background:").append(colour(o)).append("\"></i>")
                    .append(esc(label(o))).append("</span>");
        }
        h.append("</div>\n");
    }

    /** A stacked bar of outcome counts, widths in percent of the machines. */
    private static void bar(StringBuilder h, Tally x) {
        h.append("<svg class=\"bar\" viewBox=\"0 0 100 8\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"")
                .append(x.succeeded()).append(" succeeded, ").append(x.failed()).append(" failed, ")
                .append(x.incomplete() + x.inProgress()).append(" incomplete, ").append(x.didNotRun())
                .append(" did not run\"><rect width=\"100\" height=\"8\" fill=\"#e4e7eb\"/>");
        int[] counts = {x.succeeded(), x.incomplete(), x.inProgress(), x.failed(), x.didNotRun()};
        BigDecimal offset = BigDecimal.ZERO;
        for (int i = 0; i < ORDER.length; i++) {
            if (counts[i] == 0 || x.machines() == 0) {
                continue;
            }
            BigDecimal width = BigDecimal.valueOf(counts[i] * 100L).divide(BigDecimal.valueOf(x.machines()), 2,
                    RoundingMode.HALF_UP);
            h.append("<rect x=\"").append(offset.toPlainString()).append("\" width=\"").append(width.toPlainString())
                    .append("\" height=\"8\" fill=\"").append(colour(ORDER[i])).append("\"/>");
            offset = offset.add(width);
        }
        h.append("</svg>");
    }

    private static void environments(StringBuilder h, Report report) {
        h.append("<h2>Planned fixes installed per environment</h2>\n");
        if (report.environments().isEmpty()) {
            h.append("<p class=\"muted\">No window closed in this range.</p>\n");
            return;
        }
        for (Map.Entry<String, Tally> e : report.environments().entrySet()) {
            Tally x = e.getValue();
            BigDecimal pct = x.installedPercent();
            String fill = pct.compareTo(BigDecimal.valueOf(100)) >= 0 ? colour(Outcome.SUCCEEDED)
                    : pct.compareTo(BigDecimal.valueOf(75)) >= 0 ? colour(Outcome.INCOMPLETE) : colour(Outcome.FAILED);
            h.append("<div class=\"env\"><b>").append(e.getKey().isEmpty() ? "(none)" : esc(e.getKey()))
                    .append("</b><svg viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" height=\"16\" width=\"100%\"")
                    .append(" role=\"img\" aria-label=\"").append(pct.toPlainString()).append(" percent\">")
                    .append("<rect width=\"100\" height=\"10\" rx=\"2\" fill=\"#e4e7eb\"/><rect width=\"")
                    .append(pct.toPlainString()).append("\" height=\"10\" rx=\"2\" fill=\"").append(fill)
                    .append("\"/></svg><span><b>").append(pct.toPlainString()).append("%</b> <span class=\"muted\">")
                    .append(x.packagesInstalled()).append(" of ").append(x.packagesPlanned()).append(" packages, ")
                    .append(x.windows()).append(x.windows() == 1 ? " window" : " windows").append("</span></span></div>\n");
        }
    }

    private static void problems(StringBuilder h, Report report) {
        List<String> rows = new ArrayList<>();
        int total = 0;
        for (WindowReport w : report.windows()) {
            for (MachineReport m : w.machines()) {
                if (m.outcome() == Outcome.SUCCEEDED) {
                    continue;
                }
                total++;
                if (rows.size() < MAX_PROBLEMS) {
                    rows.add(problem(w, m));
                }
            }
        }
        h.append("<h2>Machines not fully patched</h2>\n");
        if (total == 0) {
            h.append("<p>Every planned package was installed.</p>\n");
            return;
        }
        h.append("<table>\n<tr><th>Machine</th><th>Window</th><th>Outcome</th><th>Run</th>"
                + "<th>Packages not installed</th></tr>\n");
        rows.forEach(h::append);
        h.append("</table>\n");
        if (total > rows.size()) {
            h.append("<p class=\"muted\">and ").append(total - rows.size())
                    .append(" more: see the JSON output.</p>\n");
        }
    }

    private static String problem(WindowReport w, MachineReport m) {
        StringBuilder h = new StringBuilder();
        h.append("<tr><td><b>").append(esc(Names.machineName(m.machineId()))).append("</b><div class=\"id\">")
                .append(esc(m.machineId())).append("</div></td><td>").append(esc(w.deploymentName()))
                .append("<div class=\"muted\">").append(esc(Deployment.formatStart(w.start())))
                .append(w.environment().isEmpty() ? "" : " &middot; " + esc(w.environment())).append("</div></td>")
                .append("<td><span class=\"badge ").append(m.outcome().name()).append("\">")
                .append(esc(Names.outcomeText(m))).append("</span></td><td>");
        InstallationRun r = m.run();
        if (r == null) {
            h.append("<span class=\"muted\">no run</span>");
        } else {
            h.append(esc(r.status().apiName()));
            if (r.rebootStatus() != null) {
                h.append("<div class=\"muted\">reboot ").append(esc(r.rebootStatus())).append("</div>");
            }
            if (r.windowExceeded()) {
                h.append("<div class=\"muted\">window exceeded</div>");
            }
            if (r.error() != null) {
                h.append("<div class=\"muted\">").append(esc(r.error())).append("</div>");
            }
        }
        h.append("</td><td>");
        for (PackageReport p : m.packages()) {
            if (p.status() != PackageStatus.INSTALLED) {
                h.append("<span class=\"pkg ").append(p.status().name()).append("\" title=\"")
                        .append(esc(p.reasons().isEmpty() ? p.status().name() : String.join(", ", p.reasons())))
                        .append("\">").append(esc(p.name())).append(' ')
                        .append(esc(p.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
                if (p.version() != null) {
                    h.append(' ').append(esc(p.version()));
                }
                h.append("</span>");
            }
        }
        h.append("</td></tr>\n");
        return h.toString();
    }

    private static Outcome worst(WindowReport w) {
        Tally x = w.tally();
        if (x.failed() > 0) {
            return Outcome.FAILED;
        }
        if (x.didNotRun() > 0) {
            return Outcome.DID_NOT_RUN;
        }
        if (x.incomplete() > 0) {
            return Outcome.INCOMPLETE;
        }
        if (x.inProgress() > 0) {
            return Outcome.IN_PROGRESS;
        }
        return Outcome.SUCCEEDED;
    }

    private static String colour(Outcome o) {
        switch (o) {
            case SUCCEEDED:
                return "#2e7d32";
            case FAILED:
                return "#c62828";
            case INCOMPLETE:
                return "#ef6c00";
            case IN_PROGRESS:
                return "#1565c0";
            default:
                return "#757575";
        }
    }

    private static String label(Outcome o) {
        return o == Outcome.DID_NOT_RUN ? "did not run" : o.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** HTML-escapes text for element content and quoted attributes; control characters become U+FFFD. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&':
                    sb.append("&amp;");
                    break;
                case '<':
                    sb.append("&lt;");
                    break;
                case '>':
                    sb.append("&gt;");
                    break;
                case '"':
                    sb.append("&quot;");
                    break;
                case '\'':
                    sb.append("&#39;");
                    break;
                default:
                    sb.append(Character.isISOControl(c) ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }
}
