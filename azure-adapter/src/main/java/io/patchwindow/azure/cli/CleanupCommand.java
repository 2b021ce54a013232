package io.patchwindow.azure.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.patchwindow.azure.AutomationDeploymentTarget;
import io.patchwindow.azure.UpdateManagerDeploymentTarget;
import io.patchwindow.core.apply.Applier;
import io.patchwindow.core.deployment.ApplyReport;
import io.patchwindow.core.deployment.DeploymentAction;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.inventory.ResourceId;
import io.patchwindow.core.plan.Policy;
import io.patchwindow.core.port.DeploymentTarget;
import io.patchwindow.core.tag.PatchTag;
import io.patchwindow.core.tag.TagGrammar;
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
 * deployments of the selected environments are deleted (window-group deployments carry their environment
 * in the name; a per-machine deployment takes the environment of its machines' patch tags, and counts as
 * unknown, deleted only when every environment is selected, when a machine is gone or untagged).
 */
@Command(name = "cleanup", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Delete the expired deployments that patchwindow made (and only those). Needs --environments."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every expired deployment was deleted (or there was none)",
                "1:some deletes failed; the others were done",
                "2:bad usage or bad input (including a missing --environments)",
                "3:Azure authentication failed or the platform is unavailable"})
final class CleanupCommand implements Callable<Integer> {
    private static final String UNKNOWN = "?";

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
        WriteRun run = WriteRun.open("cleanup", source, backend, policy, concurrency, now, parent.connector());
        AzureSources sources = run.sources();
        Policy p = run.policy();

        List<Machine> machines = sources.inventory().machines();
        DeploymentTarget target = sources.target();
        List<DeploymentAction> candidates;
        if (target instanceof AutomationDeploymentTarget) {
            candidates = ((AutomationDeploymentTarget) target).cleanupActions(p.namePrefix(), now.instant());
        } else {
            candidates = ((UpdateManagerDeploymentTarget) target).cleanupActions(p.namePrefix());
        }
        List<DeploymentAction> selected = new ArrayList<>();
        int outOfScope = 0;
        Map<String, String> envByMachine = environments(machines, p.grammar());
        for (DeploymentAction a : candidates) {
            if (inScope(a, p, envByMachine)) {
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

    private static Map<String, String> environments(List<Machine> machines, TagGrammar grammar) {
        Map<String, String> out = new HashMap<>();
        for (Machine m : machines) {
            Optional<PatchTag> tag = grammar.tagValue(m.tags()).flatMap(grammar::tryParse);
            out.put(m.key(), tag.map(PatchTag::environment).orElse(UNKNOWN));
        }
        return out;
    }

    private static boolean inScope(DeploymentAction a, Policy p, Map<String, String> envByMachine) {
        Matcher m = Pattern.compile(Pattern.quote(p.namePrefix()) + "([A-Za-z0-9]+)-(MON|TUE|WED|THU|FRI|SAT|SUN)"
                + "-[0-9]{4}-[0-9a-f]{8}(-[0-9]+)?").matcher(a.name());
        if (m.matches() && p.grammar().environments().contains(m.group(1))) {
            return p.environments().contains(m.group(1));
        }
        boolean all = p.environments().containsAll(p.grammar().environments());
        if (a.deployment().machineIds().isEmpty()) {
            return all;
        }
        for (String id : a.deployment().machineIds()) {
            String env = envByMachine.getOrDefault(ResourceId.key(id), UNKNOWN);
            if (env.equals(UNKNOWN) ? !all : !p.environments().contains(env)) {
                return false;
            }
        }
        return true;
    }
}
