package io.patchwindow.azure.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

import io.patchwindow.azure.run.AdvisoryOptions;
import io.patchwindow.azure.run.AzureSources;
import io.patchwindow.azure.run.BackendOptions;
import io.patchwindow.azure.run.PolicyOptions;
import io.patchwindow.azure.run.PromotionOptions;
import io.patchwindow.azure.run.SourceOptions;
import io.patchwindow.azure.run.WriteRun;
import io.patchwindow.core.apply.Applier;
import io.patchwindow.core.deployment.ActionKind;
import io.patchwindow.core.deployment.ApplyReport;
import io.patchwindow.core.deployment.DeploymentAction;
import io.patchwindow.core.plan.Plan;
import io.patchwindow.core.plan.Planner;
import io.patchwindow.core.plan.Policy;
import io.patchwindow.core.port.DeploymentTarget;
import io.patchwindow.core.promotion.PromotionPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code patchwindow apply}: plan, reconcile with what patchwindow made earlier, and write. Refuses to run
 * without {@code --environments}, so production is never written by accident. Every action reports OK or
 * FAILED with the platform's error code; one failure never stops the others; exit code 1 when any failed.
 * Safe to repeat: a second run right after the first writes nothing.
 */
@Command(name = "apply", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Plan, reconcile with the deployments patchwindow made earlier, and write: create, update "
                + "and delete deployments with bounded concurrency. Needs --environments.",
                "Results go to standard output, progress and errors to standard error."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every action succeeded (or nothing had to change)",
                "1:some actions failed; the others were done (see the report); or the assessment was incomplete "
                        + "for some machines (skipped as ASSESSMENT_INCOMPLETE, the others applied)",
                "2:bad usage or bad input (including a missing --environments)",
                "3:Azure authentication failed or the platform is unavailable"})
final class ApplyCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @ParentCommand
    private PatchwindowCli parent;

    @Mixin
    private SourceOptions source = new SourceOptions();

    @Mixin
    private BackendOptions backend = new BackendOptions();

    @Mixin
    private PolicyOptions policy = new PolicyOptions();

    @Mixin
    private AdvisoryOptions advisories = new AdvisoryOptions();

    @Mixin
    private ClockOptions clock = new ClockOptions();

    @Mixin
    private PromotionOptions promotion = new PromotionOptions();

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Writes in flight at once, 1 to " + Applier.MAX_CONCURRENCY + " (default: 8).")
    private int concurrency = 8;

    @Option(names = "--prune",
            description = "Also delete pending deployments that are no longer planned (default: keep them).")
    private boolean prune;

    @Option(names = "--output", paramLabel = "FORMAT", description = "text or json (default: text).")
    private String output = "text";

    @Override
    public Integer call() {
        boolean json = PlanCommand.outputIsJson(output);
        Clock now = clock.clock();
        PromotionPolicy promote = promotion.toPolicy();
        advisories.apply(Policy.defaults()); // every advisory option is checked before anything is sent
        backend.requireHonouredByBackend();
        if (promote != null) {
            backend.pinVersions(true); // production installs exactly the proven versions
            Planner.of(backend.shape(policy.toPolicy(Policy.defaults().maxAssessmentAge()), policy.hasGrouping()))
                    .withPromotion(promote, List.of()); // checks the rings before anything is read
        }
        WriteRun run = WriteRun.open("apply", source, backend, policy, concurrency, now, parent.connector());
        AzureSources sources = run.sources();
        Policy p = advisories.apply(run.policy());

        Planner planner = advisories.planner(Planner.of(p).withPrune(prune));
        if (promote != null) {
            planner = planner.withPromotion(promote,
                    PromotionOptions.history(sources, source, backend, p, promote, now.instant()));
        }
        Plan plan = planner.plan(sources.inventory(), sources.assessments(), sources.deployments(), now);
        DeploymentTarget target = sources.target();
        List<DeploymentAction> actions = sources.actionsToApply(plan.actions());
        PrintWriter err = spec.commandLine().getErr();
        for (String w : PlanCommand.runWarnings(plan, sources, advisories)) {
            err.print(PatchwindowCli.line("warning: " + w) + "\n");
        }
        long writes = actions.stream().filter(DeploymentAction::writes).count();
        err.print(PatchwindowCli.line(sources.describe()) + "; " + plan.planned() + " planned, " + plan.skipped().size()
                + " skipped; " + writes + " writes (" + count(actions, ActionKind.CREATE) + " create, "
                + count(actions, ActionKind.UPDATE) + " update, " + count(actions, ActionKind.DELETE) + " delete)\n");
        err.flush();

        ApplyReport report = Applier.of(target, concurrency).apply(actions);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? ApplyText.json(now.instant(), report) : ApplyText.render("apply", report));
        out.flush();
        return report.anyFailed() || plan.assessmentIncomplete() ? ExitCodes.ACTIONS_FAILED : ExitCodes.OK;
    }

    private static long count(List<DeploymentAction> actions, ActionKind kind) {
        return actions.stream().filter(a -> a.kind() == kind).count();
    }
}
