package io.patchwindow.azure.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.patchwindow.azure.run.GrammarOptions;
import io.patchwindow.azure.run.WindowOptions;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.tag.InvalidPatchTagException;
import io.patchwindow.core.tag.PatchTag;
import io.patchwindow.core.tag.TagGrammar;
import io.patchwindow.core.text.Quoting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code patchwindow check-tag VALUE...}: says for each tag value whether it is valid under the grammar,
 * what it means and when its next window starts; or names the bad field.
 */
@Command(name = "check-tag", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Explain whether patch tag values are valid and when their next window starts.",
                "One line per value on standard output; invalid values name the bad field."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every value is valid",
                "2:at least one value is invalid (each is explained on standard output), or bad usage"})
final class CheckTagCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "VALUE", arity = "1..*", description = "Tag values, e.g. CENTOS-P-MON-03:00.")
    private List<String> values = new ArrayList<>();

    @Mixin
    private WindowOptions window = new WindowOptions();

    @Mixin
    private GrammarOptions grammar = new GrammarOptions();

    @Mixin
    private ClockOptions clock = new ClockOptions();

    @Override
    public Integer call() {
        TagGrammar g = grammar.toGrammar();
        ZoneId zone = window.zone();
        Duration lead = window.lead();
        Clock now = clock.clock();
        StringBuilder sb = new StringBuilder();
        int invalid = 0;
        for (String value : values) {
            try {
                PatchTag tag = g.parse(value);
                ZonedDateTime next = tag.slot().nextWindow(zone, now, lead);
                sb.append(Quoting.quote(value)).append(": valid: prefix ").append(tag.prefix())
                        .append(", environment ").append(tag.environment()).append(", day ").append(tag.slot().dayCode())
                        .append(", time ").append(tag.time()).append("; next window ")
                        .append(Deployment.formatStart(next)).append(" (").append(zone.getId()).append(')');
                if (tag.tolerated()) {
                    sb.append("; warning: white space or lower case tolerated");
                }
                sb.append('\n');
            } catch (InvalidPatchTagException e) {
                invalid++;
                sb.append(Quoting.escape(e.getMessage())).append('\n');
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(sb);
        out.flush();
        if (invalid > 0) {
            PrintWriter err = spec.commandLine().getErr();
            err.print("patchwindow: " + invalid + " of " + values.size() + " tag values invalid\n");
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.OK;
    }
}
