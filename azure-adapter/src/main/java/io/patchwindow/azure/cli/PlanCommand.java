package io.patchwindow.azure.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.patchwindow.azure.json.PlanJson;
import io.patchwindow.azure.run.AdvisoryOptions;
import io.patchwindow.azure.run.AzureConnector;
import io.patchwindow.azure.run.BackendOptions;
import io.patchwindow.azure.run.PlanSources;
import io.patchwindow.azure.run.PolicyOptions;
import io.patchwindow.azure.run.PromotionOptions;
import io.patchwindow.azure.run.SourceOptions;
import io.patchwindow.core.plan.Plan;
import io.patchwindow.core.plan.Planner;
import io.patchwindow.core.plan.Policy;
import io.patchwindow.core.promotion.PromotionPolicy;
import io.patchwindow.core.text.Quoting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code patchwindow plan}: computes the plan and prints it (text table, or the plan JSON with
 * {@code --output json}). Never writes anything to the platform.
 */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compute and print the plan: which machines get which security packages in which window, "
                + "and what would be created, updated, kept or deleted. Writes nothing.",
                "Results go to standard output, progress and errors to standard error."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the plan was printed",
                "1:the plan was printed, but the assessment was incomplete for some machines (skipped as "
                        + "ASSESSMENT_INCOMPLETE)",
                "2:bad usage or bad input (unknown option, bad value, malformed snapshot, unknown environment)",
                "3:Azure authentication failed or the platform is unavailable"})
final class PlanCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private SourceOptions source = new SourceOptions();

    @Mixin
    private BackendOptions backend = new BackendOptions();

    @Mixin
    private PolicyOptions policy = new PolicyOptions();

    @Mixin
    private AdvisoryOptions advisories = new AdvisoryOptions();

    @picocli.CommandLine.ParentCommand
    private PatchwindowCli parent;

    @Mixin
    private ClockOptions clock = new ClockOptions();

    @Option(names = "--prune",
            description = "Preview 'apply --prune': also delete pending deployments that are no longer planned "
                    + "(default: keep them).")
    private boolean prune;
    @Mixin
    private PromotionOptions promotion = new PromotionOptions();

    @Option(names = "--output", paramLabel = "FORMAT", description = "text or json (default: text).")
    private String output = "text";

    @Override
    public Integer call() {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr(), parent.connector());
    }

    /**
     * Plans and prints.
     *
     * @param out standard output, not null
     * @param err standard error, not null
     * @param connector connects to Azure, not null
     * @return the exit code
     */
    int run(PrintWriter out, PrintWriter err, AzureConnector connector) {
        boolean json = outputIsJson(output);
        Clock now = clock.clock();
        // Every option is checked before anything is read; the freshness default depends on the source.
        PromotionPolicy promote = promotion.toPolicy();
        if (promote != null) {
            backend.pinVersions(true); // production installs exactly the proven versions
        }
        Policy options = advisories.apply(backend.shape(policy.toPolicy(Policy.defaults().maxAssessmentAge()),
                policy.hasGrouping()));
        backend.requireHonouredByBackend();
        if (promote != null) {
            Planner.of(options).withPromotion(promote, java.util.List.of()); // checks the rings before reading
        }
        PlanSources sources = source.open(connector, backend);
        Policy p = policy.withDefaultMaxAssessmentAge(options, sources.defaultMaxAssessmentAge());
        sources.prepare(p, now);
        Planner planner = advisories.planner(Planner.of(p).withPrune(prune));
        if (promote != null) {
            planner = planner.withPromotion(promote,
                    PromotionOptions.history(sources, source, backend, p, promote, now.instant()));
        }
        Plan plan = planner.plan(sources.inventory(), sources.assessments(), sources.deployments(), now);
        String text = json ? null : PlanText.render(plan);

        for (String w : runWarnings(plan, sources, advisories)) {
            err.print(PatchwindowCli.line("warning: " + w) + "\n");
        }
        err.print(PatchwindowCli.line(sources.describe()) + "; " + plan.planned() + " planned, "
                + plan.skipped().size() + " skipped\n");
        err.flush();
        if (text == null) {
            PlanJson.write(plan, out); // streamed: tens of megabytes for 100,000 machines
        } else {
            out.print(text);
            out.flush();
        }
        // a plan of the other machines is printed, but a run that could not assess every machine is not a success
        return plan.assessmentIncomplete() ? ExitCodes.ACTIONS_FAILED : ExitCodes.OK;
    }

    /**
     * The warnings of a run: the plan's, those of reading the advisories, and the one that explains why no CentOS
     * machine is planned when the assessment comes from Update Manager (Resource Graph) and no advisories are given.
     */
    static List<String> runWarnings(Plan plan, PlanSources sources, AdvisoryOptions advisories) {
        List<String> out = new ArrayList<>(plan.warnings());
        if (!advisories.given() && sources.classifiesLinuxAsOther()
                && plan.policy().osSelector().keywords().contains("centos")
                && !plan.policy().classifications().contains(io.patchwindow.core.assessment.Classification.OTHER)) {
            long nothing = 0;
            for (io.patchwindow.core.plan.Skip s : plan.skipped()) {
                if (s.reason() == io.patchwindow.core.plan.SkipReason.NO_SECURITY_UPDATES) {
                    nothing++;
                }
            }
            if (nothing > 0) {
                out.add("the assessment comes from Azure Update Manager, which classifies every CentOS update Other "
                        + "(yum --security finds nothing on CentOS): " + nothing + " assessed machine(s) had no update "
                        + "classified Security or Critical; give --advisories PATH (yum updateinfo.xml, Red Hat OVAL, "
                        + "OSV or CSAF; see docs/advisories.md) to decide from published security advisories");
            }
        }
        return out;
    }

    static boolean outputIsJson(String output) {
        switch (output.strip().toLowerCase(Locale.ROOT)) {
            case "json":
                return true;
            case "text":
                return false;
            default:
                throw new IllegalArgumentException("Invalid --output " + Quoting.quote(output)
                        + ": expected text or json");
        }
    }
}
