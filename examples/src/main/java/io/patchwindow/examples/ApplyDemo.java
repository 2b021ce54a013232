package io.patchwindow.examples;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.patchwindow.azure.embed.Patchwindow;
import io.patchwindow.core.deployment.ActionResult;
import io.patchwindow.core.deployment.ApplyReport;
import io.patchwindow.core.deployment.DeploymentAction;
import io.patchwindow.core.deployment.ExistingDeployment;
import io.patchwindow.core.port.DeploymentTarget;

/**
 * Applies the demo plan to a deployment target of your own: here one that only records what it is asked
 * to write, like a dry run. Real targets write Automation software update configurations or Update
 * Manager maintenance configurations.
 */
public final class ApplyDemo {
    private ApplyDemo() {
    }

    /**
     * Applies environments Q and R of a snapshot to a recording target and prints the report's summary
     * and the recorded writes.
     *
     * @param args optionally the snapshot file (default {@value PlanDemo#DEMO_SNAPSHOT}) and the advisories
     *             (default {@value PlanDemo#DEMO_ADVISORIES})
     */
    public static void main(String[] args) {
        String snapshot = args.length > 0 ? args[0] : PlanDemo.DEMO_SNAPSHOT;
        String advisories = args.length > 1 ? args[1] : PlanDemo.DEMO_ADVISORIES;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        RecordingTarget target = new RecordingTarget();
        ApplyReport report = apply(snapshot, advisories, target);
        out.println(report.toMap().get("summary"));
        target.writes().stream().limit(3).forEach(out::println);
        out.flush();
    }

    /**
     * Plans a snapshot and applies the plan to a target.
     *
     * @param snapshot the snapshot file, not null
     * @param advisories the advisory file or directory, not null
     * @param target the target, not null
     * @return the report, not null
     */
    public static ApplyReport apply(String snapshot, String advisories, DeploymentTarget target) {
        // tag::apply[]
        ApplyReport report = Patchwindow.job()
                .snapshot(snapshot)
                .advisories(advisories)         // which pending updates fix security advisories
                .environments("Q,R")            // apply refuses to run without environments
                .now("2026-11-25T10:17:00Z")
                .deploymentTarget(target)       // reconciled against, then written to
                .concurrency(4)
                .apply();
        for (ActionResult r : report.results()) {
            Map<String, Object> m = r.toMap();  // name, action, status (OK or FAILED), errorCode, message
            if (!r.ok()) {
                System.err.println(m);
            }
        }
        // end::apply[]
        return report;
    }

    /** A target that has no deployments and records every write it is asked for. Thread-safe. */
    public static final class RecordingTarget implements DeploymentTarget {
        private final List<String> writes = new ArrayList<>();

        /** Creates an empty target. */
        public RecordingTarget() {
        }

        @Override
        public List<ExistingDeployment> existing(String namePrefix) {
            return List.of();
        }

        @Override
        public synchronized ActionResult apply(DeploymentAction action) {
            writes.add(action.kind() + " " + action.name() + " " + action.deployment().packages());
            return ActionResult.ok(action);
        }

        /**
         * Returns the recorded writes, sorted, e.g. {@code CREATE pw-Q-vm-00003-1a2b3c4d5e6f7a8b [openssl, sudo]}.
         *
         * @return a new sorted list, not null
         */
        public synchronized List<String> writes() {
            List<String> out = new ArrayList<>(writes);
            out.sort(null);
            return out;
        }
    }
}
