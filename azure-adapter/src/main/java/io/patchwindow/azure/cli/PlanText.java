package io.patchwindow.azure.cli;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.patchwindow.core.advisory.AdvisoryFeed;
import io.patchwindow.core.assessment.Classification;
import io.patchwindow.core.deployment.ActionKind;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.deployment.DeploymentAction;
import io.patchwindow.core.inventory.ResourceId;
import io.patchwindow.core.plan.Plan;
import io.patchwindow.core.plan.Policy;
import io.patchwindow.core.plan.Skip;
import io.patchwindow.core.plan.SkipReason;
import io.patchwindow.core.promotion.HeldBack;
import io.patchwindow.core.promotion.PromotionPolicy;
import io.patchwindow.core.text.Quoting;

/**
 * Renders a plan for people: the policy line, a table of deployment actions, the skipped machines grouped
 * by reason with counts, warnings, and a summary line. When the plan used advisories, the policy line names the
 * security source and minimum severity, an {@code Advisories:} line lists the feeds, and each deployment has a
 * {@code why} note with the reason of each package, e.g. {@code openssl (RHSA-2024:1234 Important)}; a
 * deployment whose machines had security updates excluded has an {@code excluded} note. With promotion between
 * rings, the policy line names the source rings and soak, and each deployment has a {@code promoted} note (per
 * package: version, rings, machines, first success) and a {@code held back} note (per package: reason and detail).
 * Without advisories, exclusions or promotion the text is that of earlier versions. At most {@value #MAX_SKIPS_PER_REASON} machines are
 * listed per reason; the JSON output has them all. Lines end with {@code \n}.
 * Every value from the data (names, packages, ids, details, warnings) is printed through {@link Quoting#escape}: a line
 * break in a machine name cannot split the table, and no control, bidi or zero-width character reaches the terminal.
 */
public final class PlanText {
    /** The most machines listed under one skip reason. */
    public static final int MAX_SKIPS_PER_REASON = 50;

    private PlanText() {
    }

    /**
     * Renders a plan.
     *
     * @param plan the plan, not null
     * @return the text, not null
     */
    public static String render(Plan plan) {
        Objects.requireNonNull(plan, "plan");
        StringBuilder sb = new StringBuilder();
        Policy p = plan.policy();
        sb.append("Plan at ").append(plan.generatedAt()).append(": environments ")
                .append(String.join(",", p.environments())).append("; time zone ").append(p.timeZone().getId())
                .append("; duration ").append(p.duration()).append("; reboot ").append(p.reboot().apiName())
                .append("; ").append(String.join(",", Classification.displayNames(p.classifications())))
                .append("; lead time ").append(p.leadTime());
        boolean advised = plan.securitySource().usesAdvisories();
        if (advised) {
            sb.append("; security source ").append(plan.securitySource().cliName()).append("; min severity ")
                    .append(p.minSeverity().displayName());
        }
        if (!p.excludes().isEmpty()) {
            sb.append("; exclude ").append(String.join(",", p.excludeMasks()));
        }
        PromotionPolicy promotion = plan.promotion();
        if (promotion != null) {
            sb.append("; promote from ").append(String.join(",", promotion.sourceEnvironments())).append(" soaked ")
                    .append(PromotionPolicy.formatSoak(promotion.soak())).append(", at least ")
                    .append(promotion.minSuccesses()).append(promotion.minSuccesses() == 1 ? " machine" : " machines")
                    .append(", failure rate at most ").append(promotion.maxFailureRateText());
        }
        sb.append('\n');
        if (advised) {
            sb.append("Advisories: ");
            if (plan.advisories().isEmpty()) {
                sb.append("none read");
            }
            List<String> feeds = new ArrayList<>();
            for (AdvisoryFeed f : plan.advisories()) {
                feeds.add(f.source() + " (" + f.format() + ", " + f.advisories() + " advisories, newest "
                        + (f.newest() == null ? "undated" : f.newest().toString()) + ")");
            }
            sb.append(Quoting.escape(String.join("; ", feeds))).append('\n');
            if (allInstalledUnknown(plan)) {
                sb.append("Installed versions unknown (the assessment gives only the available one): a package counts "
                        + "when an advisory's fixed version is at most the available version\n");
            }
        }

        sb.append('\n');
        List<DeploymentAction> actions = plan.actions();
        if (actions.isEmpty()) {
            sb.append("Deployments: none\n");
        } else {
            sb.append("Deployments: ").append(actions.size()).append('\n');
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ACTION", "NAME", "START", "MACHINES", "PACKAGES"});
            List<String> notes = new ArrayList<>();
            boolean unknown = advised && allInstalledUnknown(plan);
            for (DeploymentAction a : actions) {
                Deployment d = a.deployment();
                rows.add(new String[] {a.kind().name(), Quoting.escape(d.name()), Deployment.formatStart(d.start()),
                        String.valueOf(d.machineIds().size()), d.packages().size() + (d.packages().isEmpty() ? ""
                                : " " + Quoting.escape(String.join(", ", d.packages())))});
                if (!a.reason().equals("new") && !a.reason().equals("unchanged")) {
                    notes.add(a.kind().name() + " " + d.name() + ": " + a.reason());
                }
                if (advised && !d.reasons().isEmpty()) {
                    List<String> why = new ArrayList<>();
                    d.reasons().forEach((pkg, r) -> why.add(pkg + " (" + r.describe(!unknown) + ")"));
                    notes.add("why " + d.name() + ": " + String.join(", ", why));
                }
                if (promotion != null && a.kind() != ActionKind.DELETE) {
                    promotionNotes(d, notes);
                }
                if (!d.excluded().isEmpty()) {
                    List<String> ex = new ArrayList<>();
                    d.excluded().forEach((id, pkgs) -> ex.add(shortId(id) + ": " + String.join(", ", pkgs)));
                    notes.add("excluded " + d.name() + ": " + String.join("; ", ex));
                }
            }
            table(sb, rows);
            for (String n : notes) {
                sb.append("  note: ").append(Quoting.escape(n)).append('\n');
            }
        }

        sb.append('\n');
        if (plan.skipped().isEmpty()) {
            sb.append("Skipped: none\n");
        } else {
            sb.append("Skipped: ").append(plan.skipped().size()).append('\n');
            Map<SkipReason, List<Skip>> byReason = new EnumMap<>(SkipReason.class);
            for (Skip s : plan.skipped()) {
                byReason.computeIfAbsent(s.reason(), r -> new ArrayList<>()).add(s);
            }
            for (Map.Entry<SkipReason, List<Skip>> e : byReason.entrySet()) {
                List<Skip> skips = e.getValue();
                sb.append("  ").append(e.getKey().name()).append(": ").append(skips.size()).append('\n');
                int shown = Math.min(skips.size(), MAX_SKIPS_PER_REASON);
                for (int i = 0; i < shown; i++) {
                    Skip s = skips.get(i);
                    sb.append("    ").append(Quoting.escape(shortId(s.machineId()))).append("  ")
                            .append(Quoting.escape(s.detail())).append('\n');
                }
                if (shown < skips.size()) {
                    sb.append("    ... and ").append(skips.size() - shown).append(" more (--output json lists all)\n");
                }
            }
        }

        if (!plan.warnings().isEmpty()) {
            sb.append('\n').append("Warnings: ").append(plan.warnings().size()).append('\n');
            for (String w : plan.warnings()) {
                sb.append("  ").append(Quoting.escape(w)).append('\n');
            }
        }

        sb.append('\n').append("Summary: ").append(plan.machines()).append(" machines, ").append(plan.planned())
                .append(" planned, ").append(plan.skipped().size()).append(" skipped; actions: ");
        List<String> counts = new ArrayList<>();
        for (ActionKind k : ActionKind.values()) {
            counts.add(plan.count(k) + " " + k.name());
        }
        sb.append(String.join(", ", counts)).append('\n');
        return sb.toString();
    }

    /**
     * The promotion notes of a deployment: {@code promoted NAME: openssl 1:1.0.2k-26.el7_9 from Q,R on 3 machines since
     * ...}, and {@code held back NAME: bash NOT_YET_SOAKED: <detail>}, one entry per package, reason and detail, with
     * the number of machines when more than one.
     */
    private static void promotionNotes(Deployment d, List<String> notes) {
        if (!d.promotions().isEmpty()) {
            List<String> promoted = new ArrayList<>();
            d.promotions().forEach((pkg, pr) -> promoted.add(pkg + " " + pr.describe()));
            notes.add("promoted " + d.name() + ": " + String.join(", ", promoted));
        }
        if (!d.heldBack().isEmpty()) {
            Map<String, Integer> held = new java.util.TreeMap<>();
            for (HeldBack h : d.heldBack()) {
                held.merge(h.name() + " " + h.reason().name() + ": " + h.detail(), 1, Integer::sum);
            }
            List<String> items = new ArrayList<>();
            held.forEach((text, n) -> items.add(n == 1 ? text : text + " (" + n + " machines)"));
            notes.add("held back " + d.name() + ": " + String.join("; ", items));
        }
    }

    /** {@code resourceGroup/name} of a machine id, or the id itself if it does not parse. */
    static String shortId(String machineId) {
        try {
            ResourceId id = ResourceId.parse(machineId);
            return id.resourceGroup() + "/" + id.name();
        } catch (IllegalArgumentException e) {
            return machineId;
        }
    }

    private static void table(StringBuilder sb, List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < cols; c++) {
                line.append(r[c]);
                if (c < cols - 1) {
                    line.append(" ".repeat(width[c] - r[c].length() + 2));
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
    }

    /** Whether every package reason of the plan says the installed version was unknown (then it is said once). */
    private static boolean allInstalledUnknown(Plan plan) {
        boolean any = false;
        for (Deployment d : plan.deployments()) {
            for (io.patchwindow.core.advisory.PackageReason r : d.reasons().values()) {
                if (!r.installedUnknown()) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }
}
