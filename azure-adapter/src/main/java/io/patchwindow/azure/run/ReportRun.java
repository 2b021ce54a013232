package io.patchwindow.azure.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.patchwindow.azure.json.PlanJson;
import io.patchwindow.azure.report.ReportHtml;
import io.patchwindow.azure.report.ReportJson;
import io.patchwindow.azure.report.ReportJunit;
import io.patchwindow.azure.report.ReportText;
import io.patchwindow.azure.snapshot.SnapshotRunHistory;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.deployment.ExistingDeployment;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.plan.DeploymentNames;
import io.patchwindow.core.plan.Policy;
import io.patchwindow.core.port.RunHistory;
import io.patchwindow.core.report.Recurrence;
import io.patchwindow.core.report.Report;
import io.patchwindow.core.report.Reporter;
import io.patchwindow.core.report.WindowReport;
import io.patchwindow.core.tag.TagGrammar;
import io.patchwindow.core.text.Quoting;

/**
 * One run of the report, shared by {@code patchwindow report} and {@code PatchwindowJob.report()}: the managed
 * deployments of the source (their windows that closed in the range) joined with the installation results of
 * the backend (a snapshot's {@code installations}; Update Manager: Resource Graph; Automation: the account's
 * runs), and the output formats.
 */
public final class ReportRun {
    private static final DateTimeFormatter ARCHIVE_NAME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HHmmX",
            Locale.ROOT);

    private ReportRun() {
    }

    /**
     * Makes the report.
     *
     * @param source the source options (snapshot or Azure), not null
     * @param backend the backend options, not null
     * @param connector connects to Azure, not null
     * @param namePrefix the deployment name prefix, not null
     * @param since the start of the range, not null
     * @param until the end of the range, not null
     * @param now when the report is made, not null
     * @return the report and the deployments it was made from, not null
     * @throws IllegalArgumentException if an option is invalid
     */
    public static Result run(SourceOptions source, BackendOptions backend, AzureConnector connector, String namePrefix,
                             Instant since, Instant until, Instant now) {
        Objects.requireNonNull(source, "source");
        DeploymentNames.checkPrefix(namePrefix);
        PlanSources sources = source.open(connector, backend);
        sources.prepare(backend.shape(Policy.defaults(), false), java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
        return run(sources, source, backend, namePrefix, since, until, now);
    }

    /**
     * Makes the report from sources that are open and prepared already (promotion between rings reads the history
     * from the sources of its plan).
     *
     * @param sources the open sources, not null
     * @param source the source options they were opened from, not null
     * @param backend the backend options, not null
     * @param namePrefix the deployment name prefix, not null
     * @param since the start of the range, not null
     * @param until the end of the range, not null
     * @param now when the report is made, not null
     * @return the report and the deployments it was made from, not null
     * @throws IllegalArgumentException if an option is invalid
     */
    public static Result run(PlanSources sources, SourceOptions source, BackendOptions backend, String namePrefix,
                             Instant since, Instant until, Instant now) {
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(source, "source");
        DeploymentNames.checkPrefix(namePrefix);
        List<ExistingDeployment> existing = sources.deployments().existing(namePrefix);
        List<Deployment> planned = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ExistingDeployment e : existing) {
            if (e.managed()) {
                planned.add(e.deployment());
                names.add(e.name());
            }
        }
        List<Machine> machines = sources.inventory().machines();
        List<String> known = new ArrayList<>(machines.size());
        for (Machine m : machines) {
            known.add(m.id());
        }
        RunHistory history;
        Recurrence recurrence;
        Path file = source.snapshotFile();
        if (file != null) {
            history = sources.installations().orElseGet(() -> SnapshotRunHistory.of(file));
            recurrence = backend.backend() == BackendOptions.Backend.UPDATE_MANAGER ? Recurrence.WEEKLY : Recurrence.ONCE;
        } else {
            AzureSources azure = (AzureSources) sources;
            if (backend.backend() == BackendOptions.Backend.UPDATE_MANAGER) {
                history = azure.azure().resourceGraphRunHistory(source.azure().subscriptionIds());
                recurrence = Recurrence.WEEKLY;
            } else {
                String account = source.azure().automationAccountId();
                if (account == null) {
                    throw new IllegalArgumentException("Invalid options: the Automation backend's report reads the "
                            + "account's runs; give --automation-account ID");
                }
                history = azure.azure().automationRunHistory(account);
                recurrence = Recurrence.ONCE;
            }
        }
        Reporter.Builder builder = Reporter.builder().planned(planned).existingNames(names).knownMachines(known)
                .recurrence(recurrence).namePrefix(namePrefix).range(since, until).generatedAt(now);
        Map<String, String> envByMachine = null; // read from the patch tags when a deployment needs them
        for (Deployment d : planned) {
            // a per-machine deployment's name does not say its environment: its machines' patch tags do
            if (Reporter.environmentOf(d.name(), namePrefix).isEmpty()) {
                if (envByMachine == null) {
                    envByMachine = environments(machines);
                }
                java.util.Set<String> envs = new java.util.TreeSet<>();
                for (String id : d.machineIds()) {
                    String env = envByMachine.get(io.patchwindow.core.inventory.ResourceId.key(id));
                    if (env != null) {
                        envs.add(env);
                    }
                }
                if (envs.size() == 1) {
                    builder.environment(d.name(), envs.iterator().next());
                }
            }
        }
        Reporter reporter = builder.build();
        Reporter.Join join = reporter.start();
        history.read(reporter.query(), join);
        return new Result(join.finish(), planned);
    }

    /** The environment of each machine's patch tag, by machine key. */
    private static Map<String, String> environments(List<Machine> machines) {
        Map<String, String> out = new java.util.HashMap<>();
        TagGrammar grammar = TagGrammar.standard();
        for (Machine m : machines) {
            grammar.tagValue(m.tags()).flatMap(grammar::tryParse).ifPresent(tag -> out.put(m.key(), tag.environment()));
        }
        return out;
    }

    /**
     * A report and the deployments it was made from.
     *
     * @param report the report
     * @param planned the managed deployments read
     */
    public record Result(Report report, List<Deployment> planned) {
        /**
         * Copies the components.
         *
         * @param report the report, not null
         * @param planned the deployments, not null
         */
        public Result {
            Objects.requireNonNull(report, "report");
            planned = List.copyOf(planned);
        }
    }

    /**
     * Renders a report in a format.
     *
     * @param report the report, not null
     * @param format {@code text}, {@code json}, {@code junit} or {@code html}, not null
     * @return the document, not null
     * @throws IllegalArgumentException if the format is none of these
     */
    public static String render(Report report, String format) {
        Objects.requireNonNull(report, "report");
        switch (Objects.requireNonNull(format, "format").strip().toLowerCase(Locale.ROOT)) {
            case "text":
                return ReportText.render(report);
            case "json":
                return ReportJson.toJson(report);
            case "junit":
                return ReportJunit.toXml(report);
            case "html":
                return ReportHtml.render(report);
            default:
                throw new IllegalArgumentException("Invalid --output " + Quoting.quote(format)
                        + ": expected text, json, junit or html");
        }
    }

    /**
     * Writes a report in a format: the text of {@link #render}, with the JSON streamed window by window
     * ({@link ReportJson#write}) rather than held as one string. The writer is flushed, not closed.
     *
     * @param report the report, not null
     * @param format {@code text}, {@code json}, {@code junit} or {@code html}, not null
     * @param out the writer, not null
     * @throws IllegalArgumentException if the format is none of these
     * @throws UncheckedIOException if writing fails
     */
    public static void write(Report report, String format, Writer out) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(out, "out");
        if (Objects.requireNonNull(format, "format").strip().toLowerCase(Locale.ROOT).equals("json")) {
            ReportJson.write(report, out);
            return;
        }
        String text = render(report, format);
        try {
            out.write(text);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the evidence of each window into a directory: {@code <start>_<deployment>.json} (the report of that
     * window), {@code .html} and {@code .plan.json} (the deployment as planned and applied: machines, window,
     * packages, versions), where {@code <start>} is the window start in UTC, e.g.
     * {@code 2026-11-28T0200Z_pw-Q-SAT-0300-3f2a9c1d.json}. Files of the same window are replaced.
     *
     * @param report the report, not null
     * @param planned the deployments the report was made from, not null
     * @param dir the directory, created when missing, not null
     * @return the files written, not null
     * @throws UncheckedIOException if writing fails
     */
    public static List<Path> archive(Report report, List<Deployment> planned, Path dir) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(dir, "dir");
        Map<String, Deployment> byName = new LinkedHashMap<>();
        for (Deployment d : planned) {
            byName.put(d.name(), d);
        }
        List<Path> out = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (WindowReport w : report.windows()) {
                String base = ARCHIVE_NAME.format(w.start().toInstant().atOffset(java.time.ZoneOffset.UTC)) + "_"
                        + w.deploymentName();
                Report one = new Report(report.generatedAt(), report.since(), report.until(), List.of(w),
                        report.warnings());
                out.add(write(dir.resolve(base + ".json"), ReportJson.toJson(one)));
                out.add(write(dir.resolve(base + ".html"), ReportHtml.render(one)));
                Deployment d = byName.get(w.deploymentName());
                if (d != null) {
                    Map<String, Object> plan = new LinkedHashMap<>();
                    plan.put("schema", "patchwindow.applied/v1");
                    Map<String, Object> dm = d.toMap();
                    dm.put("start", Deployment.formatStart(w.start()));
                    dm.put("versions", d.versions());
                    plan.put("deployment", dm);
                    out.add(write(dir.resolve(base + ".plan.json"), PlanJson.toJson(plan)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report archive in " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
