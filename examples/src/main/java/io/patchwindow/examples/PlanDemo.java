package io.patchwindow.examples;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;

import io.patchwindow.azure.embed.Patchwindow;
import io.patchwindow.core.deployment.ActionKind;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.deployment.DeploymentAction;
import io.patchwindow.core.plan.Plan;
import io.patchwindow.core.plan.Skip;
import io.patchwindow.core.plan.SkipReason;

/**
 * Plans the demo fleet from Java, as Azure Update Manager assesses it today (every CentOS update classified
 * {@code Other}) with the example Red Hat OVAL advisories, and prints a short summary: machines planned and
 * skipped, actions by kind, the next window, skips by reason.
 *
 * <pre>{@code
 * java -cp ... io.patchwindow.examples.PlanDemo [examples/fleet/demo-snapshot.json [examples/advisories/rhel-7.oval.xml]]
 * }</pre>
 */
public final class PlanDemo {
    /** The demo snapshot, relative to the repository root. */
    public static final String DEMO_SNAPSHOT = "examples/fleet/demo-snapshot.json";
    /** The example advisories (Red Hat OVAL), relative to the repository root. */
    public static final String DEMO_ADVISORIES = "examples/advisories/rhel-7.oval.xml";

    private PlanDemo() {
    }

    /**
     * Plans environments Q and R of a snapshot at 2026-11-25T10:17:00Z and prints the summary on standard
     * output.
     *
     * @param args optionally the snapshot file (default {@value #DEMO_SNAPSHOT}) and the advisories (default
     *             {@value #DEMO_ADVISORIES})
     */
    public static void main(String[] args) {
        String snapshot = args.length > 0 ? args[0] : DEMO_SNAPSHOT;
        String advisories = args.length > 1 ? args[1] : DEMO_ADVISORIES;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.print(summary(snapshot, advisories));
        out.flush();
    }

    /**
     * Returns the summary of the demo plan of a snapshot with the example advisories.
     *
     * @param snapshot the snapshot file, not null
     * @return four lines of text, not null
     */
    public static String summary(String snapshot) {
        return summary(snapshot, DEMO_ADVISORIES);
    }

    /**
     * Returns the summary of the demo plan of a snapshot with advisories.
     *
     * @param snapshot the snapshot file, not null
     * @param advisories the advisory file or directory, not null
     * @return four lines of text, not null
     */
    public static String summary(String snapshot, String advisories) {
        // tag::plan[]
        // tag::call[]
        Plan plan = Patchwindow.planSnapshot(snapshot, advisories, "Q,R", "2026-11-25T10:17:00Z");

        StringBuilder out = new StringBuilder();
        out.append(plan.planned()).append(" of ").append(plan.machines()).append(" machines planned, ")
                .append(plan.skipped().size()).append(" skipped\n");
        // end::call[]
        out.append("actions:");
        for (ActionKind kind : ActionKind.values()) {
            out.append(' ').append(kind).append(' ').append(plan.count(kind));
        }
        out.append('\n');
        plan.actions().stream()
                .filter(a -> a.kind() != ActionKind.DELETE)
                .map(DeploymentAction::deployment)
                .min(Comparator.comparing(d -> d.start().toInstant()))
                .ifPresent(d -> out.append("next window: ").append(Deployment.formatStart(d.start())).append(' ')
                        .append(d.name()).append(' ').append(d.packages()).append('\n'));
        Map<SkipReason, Integer> reasons = new EnumMap<>(SkipReason.class);
        for (Skip skip : plan.skipped()) {
            reasons.merge(skip.reason(), 1, Integer::sum);
        }
        out.append("skipped: ").append(reasons).append('\n');
        // end::plan[]
        return out.toString();
    }
}
