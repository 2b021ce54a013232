package io.patchwindow.azure.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;

import io.patchwindow.azure.run.AzureConnector;
import io.patchwindow.azure.run.BackendOptions;
import io.patchwindow.azure.run.OptionValues;
import io.patchwindow.azure.run.ReportRun;
import io.patchwindow.azure.run.SourceOptions;
import io.patchwindow.core.report.Report;
import io.patchwindow.core.report.Tally;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code patchwindow report}: what the managed deployments' past windows installed, joined with what was
 * planned. Exit code 0 when every planned package was installed, 1 when some failed or did not run (the
 * report is still complete).
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Report what the windows that closed in a range installed, per window and machine, joined "
                + "with the packages that were planned: installed (with the version), failed, pending, not "
                + "selected, or did not run. Writes nothing to the platform.",
                "Results go to standard output (or --output-file), progress and errors to standard error."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every planned package was installed",
                "1:some planned packages failed, are pending, or machines did not run (the report is complete)",
                "2:bad usage or bad input (unknown option, bad value, malformed snapshot)",
                "3:Azure authentication failed or the platform is unavailable"})
final class ReportCommand implements Callable<Integer> {
    /** The default range: the week before now. */
    static final Duration DEFAULT_RANGE = Duration.ofDays(7);
    private static final int FILE_BUFFER = 1 << 16;

    @Spec
    private CommandSpec spec;

    @Mixin
    private SourceOptions source = new SourceOptions();

    @Mixin
    private BackendOptions backend = new BackendOptions();

    @picocli.CommandLine.ParentCommand
    private PatchwindowCli parent;

    @Mixin
    private ClockOptions clock = new ClockOptions();

    @Option(names = "--output", paramLabel = "FORMAT", description = "text, json, junit or html (default: text).")
    private String output = "text";

    @Option(names = "--output-file", paramLabel = "FILE", description = "Write the report to this file instead of standard output.")
    private @Nullable Path outputFile;

    @Option(names = "--since", paramLabel = "INSTANT",
            description = "Report windows that started at or after this ISO-8601 instant (default: --until minus 7 days).")
    private @Nullable String since;

    @Option(names = "--until", paramLabel = "INSTANT",
            description = "Report windows that closed by this ISO-8601 instant (default: now).")
    private @Nullable String until;

    @Option(names = "--archive", paramLabel = "DIR",
            description = "Also write, per window, the report as JSON and HTML and the deployment as applied into DIR.")
    private @Nullable Path archive;

    @Option(names = "--name-prefix", paramLabel = "PREFIX", description = "Deployment name prefix (default: pw-).")
    private String namePrefix = "pw-";

    @Override
    public Integer call() {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr(), parent.connector());
    }

    /**
     * Reports and prints.
     *
     * @param out standard output, not null
     * @param err standard error, not null
     * @param connector connects to Azure, not null
     * @return the exit code
     */
    int run(PrintWriter out, PrintWriter err, AzureConnector connector) {
        ReportRun.render(new Report(Instant.EPOCH, Instant.EPOCH, Instant.EPOCH.plusSeconds(1), List.of(), List.of()),
                output); // checks --output before anything is read
        backend.requireHonouredByBackend();
        Instant now = clock.clock().instant();
        Instant to = until == null ? now : OptionValues.instant("--until", until);
        Instant from = since == null ? to.minus(DEFAULT_RANGE) : OptionValues.instant("--since", since);
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("Invalid --since '" + from + "': must be before --until '" + to + "'");
        }
        ReportRun.Result result = ReportRun.run(source, backend, connector, namePrefix, from, to, now);
        Report report = result.report();
        for (String w : report.warnings()) {
            err.print("patchwindow: warning: " + w + "\n");
        }
        Tally t = report.total();
        err.print("patchwindow: " + t.windows() + " windows, " + t.machines() + " machine-windows, " + t.succeeded()
                + " succeeded; " + t.packagesInstalled() + " of " + t.packagesPlanned() + " planned packages installed\n");
        if (archive != null) {
            List<Path> files = ReportRun.archive(report, result.planned(), archive);
            err.print("patchwindow: archived " + files.size() + " files in " + archive + "\n");
        }
        err.flush();
        if (outputFile != null) {
            // streamed: the JSON of 100,000 machines is hundreds of megabytes, never held as one string
            try (Writer file = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(outputFile),
                    StandardCharsets.UTF_8), FILE_BUFFER)) {
                ReportRun.write(report, output, file);
            } catch (java.io.IOException e) {
                throw cannotWrite(e);
            } catch (java.io.UncheckedIOException e) {
                throw cannotWrite(e.getCause());
            }
        } else {
            ReportRun.write(report, output, out);
        }
        return report.allInstalled() ? ExitCodes.OK : ExitCodes.ACTIONS_FAILED;
    }

    private CliException cannotWrite(java.io.IOException e) {
        return new CliException(ExitCodes.BAD_INPUT, "cannot write --output-file " + outputFile + ": " + e.getMessage());
    }
}
