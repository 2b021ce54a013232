package io.patchwindow.azure.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.patchwindow.azure.assessment.LogAnalyticsAssessmentSource;
import io.patchwindow.azure.assessment.ResourceGraphAssessmentSource;
import io.patchwindow.azure.export.SnapshotWriter;
import io.patchwindow.azure.run.AdvisoryOptions;
import io.patchwindow.azure.run.AzureSources;
import io.patchwindow.azure.run.BackendOptions;
import io.patchwindow.azure.run.OptionValues;
import io.patchwindow.azure.run.SourceOptions;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.port.AssessmentRequest;
import io.patchwindow.core.port.AssessmentSource;
import io.patchwindow.core.text.Quoting;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code patchwindow export-snapshot --output FILE}: reads machines and assessment from Azure and writes
 * them as a snapshot file (docs/contracts.md#snapshot-file), so that any run can be replayed offline with
 * {@code plan --snapshot FILE}. The file is written to a temporary file first and moved into place, so a
 * failed export never leaves a partial snapshot.
 */
@Command(name = "export-snapshot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Read machines and pending updates from Azure and write them as a snapshot file, "
                + "to replay any run offline with 'plan --snapshot FILE'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the snapshot was written",
                "1:the snapshot was written, but the source's answer was incomplete (see the warnings)",
                "2:bad usage or bad input",
                "3:Azure authentication failed or the platform is unavailable"})
final class ExportSnapshotCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @ParentCommand
    private PatchwindowCli parent;

    @Mixin
    private SourceOptions source = new SourceOptions();

    @Mixin
    private ClockOptions clock = new ClockOptions();

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "The snapshot file to write (replaced if it exists).")
    private Path output;

    @Option(names = "--max-assessment-age", paramLabel = "DURATION",
            description = "Export assessment records not older than this, ISO-8601 (default: PT5H for Log "
                    + "Analytics, P2D for Resource Graph).")
    private @Nullable String maxAssessmentAge;

    @Option(names = "--advisories", paramLabel = "PATH",
            description = "Advisory files the snapshot is meant to be planned with (repeatable): they are read and "
                    + "checked, and their summary (file, format, count, newest date) is written, not their data.")
    private @Nullable List<String> advisories;

    @Override
    public Integer call() {
        Instant now = clock.clock().instant();
        Duration age = maxAssessmentAge == null ? null : OptionValues.maxAssessmentAge(maxAssessmentAge);
        Path parentDir = output.toAbsolutePath().getParent();
        if (parentDir == null || !Files.isDirectory(parentDir)) {
            throw new IllegalArgumentException("Invalid --output " + Quoting.quote(output.toString())
                    + ": its folder does not exist");
        }
        List<io.patchwindow.core.advisory.AdvisoryFeed> feeds = new ArrayList<>();
        if (advisories != null) {
            io.patchwindow.core.port.AdvisorySource files = new AdvisoryOptions().advisories(advisories)
                    .source();
            java.util.Objects.requireNonNull(files).read(new io.patchwindow.core.advisory.AdvisorySink() {
                @Override
                public void accept(io.patchwindow.core.advisory.Advisory advisory) {
                }

                @Override
                public void feed(io.patchwindow.core.advisory.AdvisoryFeed feed) {
                    feeds.add(feed);
                }
            });
        }
        AzureSources sources = AzureSources.open(source.azure(), parent.connector(), new BackendOptions());
        Duration limit = age != null ? age : sources.defaultMaxAssessmentAge();

        List<Machine> machines = sources.inventory().machines();
        List<String> ids = new ArrayList<>(machines.size());
        for (Machine m : machines) {
            ids.add(m.id());
        }
        AssessmentRequest request = new AssessmentRequest(ids, now.minus(limit));
        Path tmp;
        List<String> warnings;
        try {
            tmp = Files.createTempFile(parentDir, ".patchwindow-export-", ".json");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write in " + parentDir, e);
        }
        try {
            try (OutputStream out = Files.newOutputStream(tmp); SnapshotWriter w = SnapshotWriter.create(out)) {
                w.machines(machines);
                if (advisories != null) {
                    w.advisories(feeds);
                }
                AssessmentSource a = sources.assessments();
                if (a instanceof LogAnalyticsAssessmentSource) {
                    w.updates((LogAnalyticsAssessmentSource) a, request);
                } else {
                    w.patchAssessments((ResourceGraphAssessmentSource) a, request);
                }
                warnings = w.warnings();
            }
            Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: the temporary file is hidden and named as ours
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        for (String w : warnings) {
            err.print(PatchwindowCli.line("warning: " + w) + "\n");
        }
        err.print(PatchwindowCli.line(sources.describe() + "; snapshot written to " + output) + "\n");
        err.flush();
        // a warning says the source's answer was incomplete: the file is written, but it is not the whole truth
        return warnings.isEmpty() ? ExitCodes.OK : ExitCodes.ACTIONS_FAILED;
    }
}
