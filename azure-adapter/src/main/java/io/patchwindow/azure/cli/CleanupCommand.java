package io.patchwindow.azure.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;

import io.patchwindow.azure.automation.AutomationDeploymentTarget;
import io.patchwindow.azure.run.AzureSources;
import io.patchwindow.azure.run.BackendOptions;
import io.patchwindow.azure.run.PolicyOptions;
import io.patchwindow.azure.run.SourceOptions;
import io.patchwindow.azure.run.WriteRun;
import io.patchwindow.azure.updatemanager.UpdateManagerDeploymentTarget;
import io.patchwindow.core.apply.Applier;
import io.patchwindow.core.deployment.ApplyReport;
import io.patchwindow.core.deployment.DeploymentAction;
import io.patchwindow.core.deployment.ExistingDeployment;
import io.patchwindow.core.deployment.Reconciler;
import io.patchwindow.core.plan.Policy;
import io.patchwindow.core.port.DeploymentTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code patchwindow cleanup}: deletes expired managed deployments only. Automation: software update
 * configurations with the name prefix, OneTime, with no next run (every page); Update Manager: maintenance
 * configurations with the prefix and the {@code managed-by: patchwindow} tag that have no assignment.
 * Nothing patchwindow did not create is ever touched. Refuses to run without {@code --environments}; only
 * deployments of the selected environments are deleted: the environment is the one the name carries (both name
 * forms do since 0.2), else the Update Manager tag {@code patchwindow-environment}. An expired software update
 * configuration whose environment cannot be told (a per-machine name from before 0.2) is deleted by any run; a
 * maintenance configuration whose environment cannot be told is left alone.
 */
@Command(name = "cleanup", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Delete the expired deployments that patchwindow made (and only those). Needs --environments."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every expired deployment was deleted (or there was none)",
                "1:some deletes failed; the others were done",
                "2:bad usage or bad input (including a missing --environments)",
                "3:Azure authentication failed or the platform is unavailable"})
final class CleanupCommand implements Callable<Integer> {
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
    private ClockOptions clock = new ClockOptions();

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Deletes in flight at once, 1 to " + Applier.MAX_CONCURRENCY + " (default: 8).")
    private int concurrency = 8;

    @Option(names = "--output", paramLabel = "FORMAT", description = "text or json (default: text).")
    private String output = "text";

    @Override
    public Integer call() {
        boolean json = PlanCommand.outputIsJson(output);
        Clock now = clock.clock();
        backend.requireHonouredByBackend();
        WriteRun run = WriteRun.open("cleanup", source, backend, policy, concurrency, now, parent.connector());
        AzureSources sources = run.sources();
        Policy p = run.policy();

        DeploymentTarget target = sources.target();
        List<DeploymentAction> candidates;
        if (target instanceof AutomationDeploymentTarget) {
            candidates = ((AutomationDeploymentTarget) target).cleanupActions(p.namePrefix(), now.instant());
        } else {
            candidates = ((UpdateManagerDeploymentTarget) target).cleanupActions(p.namePrefix());
        }
        List<DeploymentAction> selected = new ArrayList<>();
        int outOfScope = 0;
        Reconciler scope = Reconciler.of(p.namePrefix(), false).withScope(new HashSet<>(p.environments()));
        boolean expiredOnly = target instanceof AutomationDeploymentTarget;
        for (DeploymentAction a : candidates) {
            ExistingDeployment e = a.existing();
            String env = e == null ? null : scope.environmentOf(e);
            // Automation candidates have expired, and an expired deployment of unknown environment may go; an Update
            // Manager candidate has merely no assignment, so one of unknown environment stays.
            if (env != null ? p.environments().contains(env) : expiredOnly) {
                selected.add(a);
            } else {
                outOfScope++;
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        err.print("patchwindow: " + candidates.size() + " expired managed deployments, " + selected.size()
                + " in environments " + p.environments() + (outOfScope == 0 ? "" : ", " + outOfScope + " left alone")
                + "\n");
        err.flush();
        ApplyReport report = Applier.of(target, concurrency).apply(selected);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? ApplyText.json(now.instant(), report) : ApplyText.render("cleanup", report));
        out.flush();
        return report.anyFailed() ? ExitCodes.ACTIONS_FAILED : ExitCodes.OK;
    }
}
