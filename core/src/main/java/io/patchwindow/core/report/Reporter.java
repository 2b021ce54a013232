package io.patchwindow.core.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.inventory.ResourceId;
import io.patchwindow.core.rpm.Nevra;

/**
 * Joins what was planned with what ran: for each planned deployment's window that closed in the range, each
 * planned machine once, with its matched run and each planned package's result.
 *
 * <pre>{@code
 * Reporter reporter = Reporter.builder()
 *         .planned(deployments)                  // the plan that was applied, or the platform's deployments
 *         .existingNames(namesOnThePlatform)     // optional: tells "deployment removed" from "no result"
 *         .knownMachines(inventoryIds)           // optional: tells "machine deleted"
 *         .recurrence(Recurrence.WEEKLY)         // Update Manager; ONCE for Automation or an archived plan
 *         .range(since, until)
 *         .generatedAt(clock.instant())
 *         .build();
 * Reporter.Join join = reporter.start();
 * history.read(reporter.query(), join);         // any RunHistory
 * Report report = join.finish();
 * }</pre>
 *
 * <h2>Matching</h2>
 * A machine's run belongs to a window when it started from {@value #EARLY_MINUTES} minutes before the window
 * start to the window end, and it does not name another deployment (a run names its deployment directly, or
 * through a {@link DeploymentRun} with its run id). Of several, the one naming the window's deployment wins,
 * then the latest start, then the smallest id. Automation machine runs of non-Azure machines name the
 * computer: it matches a planned machine whose resource name is that computer name (case-insensitive).
 * A package row matches a planned package by name, with or without an architecture suffix
 * ({@code openssl.x86_64} is {@code openssl}); of several rows (architectures) the worst state counts.
 *
 * <h2>Outcomes</h2>
 * No run: {@link DidNotRun#DEPLOYMENT_REMOVED} when the deployment is not among the existing names,
 * {@link DidNotRun#MACHINE_DELETED} when the machine is not among the known machines, else
 * {@link DidNotRun#NO_RESULT}. A run {@code NotStarted}: {@link DidNotRun#NOT_STARTED}. A run in progress:
 * {@link Outcome#IN_PROGRESS}. Otherwise {@link Outcome#FAILED} when the run failed or a planned package
 * failed, {@link Outcome#SUCCEEDED} when every planned package was installed, else
 * {@link Outcome#INCOMPLETE}. Automation machine runs have no package rows: a succeeded run counts its planned
 * packages as installed, a failed one as not reported.
 */
public final class Reporter {
    /** How long before the window start a run still belongs to it. */
    public static final int EARLY_MINUTES = 15;
    private static final Duration EARLY = Duration.ofMinutes(EARLY_MINUTES);
    private static final int MAX_WEEKS = 10 * 53;
    private static final Pattern WINDOW_NAME = Pattern.compile(
            "(.+)-(?:MON|TUE|WED|THU|FRI|SAT|SUN)-\\d{4}-[0-9a-f]{8}(?:-\\d+)?");

    private final List<Deployment> planned;
    private final @Nullable Set<String> existingNames;
    private final @Nullable Set<String> knownMachines;
    private final Recurrence recurrence;
    private final String namePrefix;
    private final Map<String, Map<String, List<String>>> reasons;
    private final Map<String, String> environments;
    private final Instant since;
    private final Instant until;
    private final Instant generatedAt;
    private final List<Window> windows;

    private Reporter(Builder b) {
        this.planned = List.copyOf(b.planned);
        this.existingNames = b.existingNames == null ? null : Set.copyOf(b.existingNames);
        Set<String> known = null;
        if (b.knownMachines != null) {
            known = new HashSet<>();
            for (String id : b.knownMachines) {
                known.add(ResourceId.key(id));
            }
        }
        this.knownMachines = known;
        this.recurrence = b.recurrence;
        this.namePrefix = b.namePrefix;
        this.reasons = Map.copyOf(b.reasons);
        this.environments = Map.copyOf(b.environments);
        this.since = Objects.requireNonNull(b.since, "since (call range)");
        this.until = Objects.requireNonNull(b.until, "until (call range)");
        this.generatedAt = b.generatedAt == null ? b.until : b.generatedAt;
        this.windows = windows();
    }

    /**
     * Starts a builder.
     *
     * @return a new builder, not null
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the environment of a window-group deployment from its name,
     * {@code <prefix><ENV>-<DAY>-<HHMM>-<hash>[-<shard>]}, e.g. {@code Q} for {@code pw-Q-WED-1200-3f2a9c1d}.
     *
     * @param deploymentName the name, not null
     * @param prefix the name prefix, e.g. {@code pw-}, not null
     * @return the environment, or {@code ""} when the name is not a window-group name
     */
    public static String environmentOf(String deploymentName, String prefix) {
        Objects.requireNonNull(deploymentName, "deploymentName");
        Objects.requireNonNull(prefix, "prefix");
        if (!deploymentName.startsWith(prefix)) {
            return "";
        }
        Matcher m = WINDOW_NAME.matcher(deploymentName.substring(prefix.length()));
        return m.matches() ? m.group(1) : "";
    }

    /**
     * Returns the query to send to a {@link io.patchwindow.core.port.RunHistory}: from {@value #EARLY_MINUTES}
     * minutes before the range to its end, for the planned machines.
     *
     * @return the query, not null
     */
    public RunQuery query() {
        Set<String> ids = new java.util.TreeSet<>();
        for (Window w : windows) {
            ids.addAll(w.deployment.machineIds());
        }
        return new RunQuery(since.minus(EARLY), until, new ArrayList<>(ids));
    }

    /**
     * Returns the windows the report covers: (deployment name, start) pairs, sorted by start then name.
     *
     * @return the window starts by deployment name, not null
     */
    public List<Map.Entry<String, ZonedDateTime>> windowStarts() {
        List<Map.Entry<String, ZonedDateTime>> out = new ArrayList<>();
        for (Window w : windows) {
            out.add(Map.entry(w.deployment.name(), w.start));
        }
        return out;
    }

    /**
     * Starts a join: a sink that keeps only the results of planned machines and packages, and makes the
     * report when the history has been read.
     *
     * @return a new join, not null
     */
    public Join start() {
        return new Join();
    }

    private List<Window> windows() {
        List<Window> out = new ArrayList<>();
        for (Deployment d : planned) {
            ZonedDateTime s = d.start();
            for (int k = 0; k <= (recurrence == Recurrence.WEEKLY ? MAX_WEEKS : 0); k++) {
                ZonedDateTime start = s.minusWeeks(k);
                ZonedDateTime end = start.plus(d.duration());
                if (!end.toInstant().isAfter(since)) {
                    break;
                }
                if (!start.toInstant().isBefore(since) && !end.toInstant().isAfter(until)) {
                    out.add(new Window(d, start));
                }
            }
        }
        out.sort(Comparator.comparing((Window w) -> w.start.toInstant()).thenComparing(w -> w.deployment.name()));
        return out;
    }

    /** The name of a package without an architecture suffix: {@code openssl.x86_64} is {@code openssl}. */
    static String baseName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot > 0 && Nevra.ARCHES.contains(name.substring(dot + 1))) {
            return name.substring(0, dot);
        }
        return name;
    }

    private static String lastSegment(String key) {
        int slash = key.lastIndexOf('/');
        return slash < 0 ? key : key.substring(slash + 1);
    }

    private record Window(Deployment deployment, ZonedDateTime start) {
    }

    /**
     * The sink of one report: keeps the runs of planned machines, the package rows of planned packages and
     * the deployment runs, then {@link #finish()} joins them. Not thread-safe: feed it from one thread.
     */
    public final class Join implements RunSink {
        /** The planned package names (without architecture) by machine key; machines of one deployment share a set. */
        private final Map<String, Set<String>> plannedNames = new HashMap<>();
        /** Every planned package name (without architecture), each to itself: the one copy the kept rows are keyed by. */
        private final Map<String, String> plannedBases = new HashMap<>();
        private final Map<String, List<String>> keysByComputerName = new HashMap<>();
        private final Map<String, List<InstallationRun>> runs = new HashMap<>();
        private final Map<String, Map<String, PatchResult>> patches = new HashMap<>();
        private final Map<String, String> deploymentByRunId = new HashMap<>();
        private final List<String> warnings = new ArrayList<>();
        // The previous package row's machine and run: a run's rows come one after the other, with the same id
        // strings (equal, often the same instance), so their keys are not made and looked up again for each row.
        private @Nullable String lastMachineId;
        private @Nullable Set<String> lastNames;
        private @Nullable String lastInstallationId;
        private @Nullable Map<String, PatchResult> lastRows;

        private Join() {
            Map<Deployment, Set<String>> namesOf = new java.util.IdentityHashMap<>();
            for (Window w : windows) {
                Set<String> names = namesOf.computeIfAbsent(w.deployment, d -> {
                    Set<String> bases = new HashSet<>();
                    for (String p : d.packages()) {
                        String base = baseName(p);
                        bases.add(plannedBases.computeIfAbsent(base, b -> b));
                    }
                    return Set.copyOf(bases);
                });
                for (String id : w.deployment.machineIds()) {
                    String key = ResourceId.key(id);
                    plannedNames.merge(key, names, Join::union);
                    List<String> keys = keysByComputerName.computeIfAbsent(lastSegment(key), k -> new ArrayList<>());
                    if (!keys.contains(key)) {
                        keys.add(key);
                    }
                }
            }
        }

        /**
         * Keeps the run when it is a planned machine's.
         *
         * @param run the run, not null
         */
        @Override
        public void run(InstallationRun run) {
            Objects.requireNonNull(run, "run");
            for (String key : keysOf(run.machineId())) {
                runs.computeIfAbsent(key, k -> new ArrayList<>()).add(run);
            }
        }

        /**
         * Keeps the row when it is a planned package of a planned machine (the worst of several rows).
         *
         * @param patch the row, not null
         */
        @Override
        public void patch(PatchResult patch) {
            Objects.requireNonNull(patch, "patch");
            if (!patch.machineId().equals(lastMachineId)) {
                lastMachineId = patch.machineId();
                lastNames = plannedNames.get(ResourceId.key(patch.machineId()));
            }
            Set<String> names = lastNames;
            if (names == null) {
                return;
            }
            String base = plannedBases.get(baseName(patch.name()));
            if (base == null || !names.contains(base)) {
                return;
            }
            Map<String, PatchResult> rows = lastRows;
            if (rows == null || !patch.installationId().equals(lastInstallationId)) {
                rows = patches.computeIfAbsent(ResourceId.key(patch.installationId()), k -> new HashMap<>());
                lastInstallationId = patch.installationId();
                lastRows = rows;
            }
            rows.merge(base, patch, Join::worse);
        }

        /**
         * Keeps the link from the run id to its deployment.
         *
         * @param run the run, not null
         */
        @Override
        public void deploymentRun(DeploymentRun run) {
            Objects.requireNonNull(run, "run");
            deploymentByRunId.merge(run.runId().toLowerCase(Locale.ROOT), run.deploymentName(),
                    (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }

        /**
         * Keeps a warning for the report.
         *
         * @param message the warning, not null
         */
        @Override
        public void warning(String message) {
            warnings.add(Objects.requireNonNull(message, "message"));
        }

        /**
         * Makes the report.
         *
         * @return the report, not null
         */
        public Report finish() {
            List<WindowReport> out = new ArrayList<>(windows.size());
            for (Window w : windows) {
                Deployment d = w.deployment;
                Map<String, String> byKey = new TreeMap<>();
                for (String id : d.machineIds()) {
                    byKey.putIfAbsent(ResourceId.key(id), id);
                }
                List<MachineReport> machines = new ArrayList<>(byKey.size());
                for (Map.Entry<String, String> e : byKey.entrySet()) {
                    machines.add(machine(w, e.getKey(), e.getValue()));
                }
                String env = environments.getOrDefault(d.name(), environmentOf(d.name(), namePrefix));
                out.add(new WindowReport(d.name(), env, w.start, d.duration(), machines));
            }
            return new Report(generatedAt, since, until, out, warnings);
        }

        private MachineReport machine(Window w, String key, String id) {
            Deployment d = w.deployment;
            InstallationRun run = match(w, key);
            Map<String, List<String>> why = reasons.getOrDefault(d.name(), Map.of());
            if (run == null) {
                DidNotRun reason = existingNames != null && !existingNames.contains(d.name())
                        ? DidNotRun.DEPLOYMENT_REMOVED
                        : knownMachines != null && !knownMachines.contains(key) ? DidNotRun.MACHINE_DELETED
                        : DidNotRun.NO_RESULT;
                return new MachineReport(id, Outcome.DID_NOT_RUN, reason, null, notReported(d, why));
            }
            if (run.status() == RunStatus.NOT_STARTED) {
                return new MachineReport(id, Outcome.DID_NOT_RUN, DidNotRun.NOT_STARTED, run, notReported(d, why));
            }
            Map<String, PatchResult> rows = patches.getOrDefault(ResourceId.key(run.id()), Map.of());
            boolean ok = run.status() == RunStatus.SUCCEEDED || run.status() == RunStatus.COMPLETED_WITH_WARNINGS;
            List<PackageReport> packages = new ArrayList<>(d.packages().size());
            boolean anyFailed = false;
            boolean allInstalled = true;
            for (String p : d.packages()) {
                PackageStatus status;
                String version = null;
                if (run.patchDetails()) {
                    PatchResult row = rows.get(baseName(p));
                    status = row == null ? PackageStatus.NOT_REPORTED : PackageStatus.of(row.state());
                    version = row == null ? null : row.version();
                } else {
                    status = ok ? PackageStatus.INSTALLED : PackageStatus.NOT_REPORTED;
                }
                packages.add(new PackageReport(p, plannedVersion(d, p), why.getOrDefault(p, List.of()), status,
                        version));
                anyFailed |= status == PackageStatus.FAILED;
                allInstalled &= status == PackageStatus.INSTALLED;
            }
            Outcome outcome;
            if (run.status() == RunStatus.IN_PROGRESS) {
                outcome = Outcome.IN_PROGRESS;
            } else if (run.status() == RunStatus.FAILED || anyFailed) {
                outcome = Outcome.FAILED;
            } else if (allInstalled) {
                outcome = Outcome.SUCCEEDED;
            } else {
                outcome = Outcome.INCOMPLETE;
            }
            return new MachineReport(id, outcome, null, run, packages);
        }

        private @Nullable InstallationRun match(Window w, String key) {
            List<InstallationRun> candidates = runs.get(key);
            if (candidates == null) {
                return null;
            }
            Instant from = w.start.toInstant().minus(EARLY);
            Instant to = w.start.plus(w.deployment.duration()).toInstant();
            InstallationRun best = null;
            int bestRank = Integer.MAX_VALUE;
            for (InstallationRun r : candidates) {
                if (r.start().isBefore(from) || r.start().isAfter(to)) {
                    continue;
                }
                String named = r.deploymentName();
                if (named == null && r.runId() != null) {
                    named = deploymentByRunId.get(r.runId().toLowerCase(Locale.ROOT));
                }
                int rank;
                if (named == null) {
                    rank = 1;
                } else if (named.equalsIgnoreCase(w.deployment.name())) {
                    rank = 0;
                } else {
                    continue; // another deployment's run
                }
                if (best == null || rank < bestRank
                        || rank == bestRank && (r.start().isAfter(best.start())
                        || r.start().equals(best.start()) && r.id().compareTo(best.id()) < 0)) {
                    best = r;
                    bestRank = rank;
                }
            }
            return best;
        }

        private List<String> keysOf(String machineId) {
            if (machineId.indexOf('/') >= 0) {
                String key = ResourceId.key(machineId);
                return plannedNames.containsKey(key) ? List.of(key) : List.of();
            }
            return keysByComputerName.getOrDefault(machineId.toLowerCase(Locale.ROOT), List.of());
        }

        private List<PackageReport> notReported(Deployment d, Map<String, List<String>> why) {
            List<PackageReport> out = new ArrayList<>(d.packages().size());
            for (String p : d.packages()) {
                out.add(new PackageReport(p, plannedVersion(d, p), why.getOrDefault(p, List.of()),
                        PackageStatus.NOT_REPORTED, null));
            }
            return out;
        }

        private static @Nullable String plannedVersion(Deployment d, String p) {
            String v = d.versions().get(p);
            return v == null || v.isEmpty() ? null : v;
        }

        /** The names of a machine planned in two windows: one set when they plan the same packages. */
        private static Set<String> union(Set<String> a, Set<String> b) {
            if (a == b || a.containsAll(b)) {
                return a;
            }
            Set<String> both = new HashSet<>(a);
            both.addAll(b);
            return Set.copyOf(both);
        }

        private static PatchResult worse(PatchResult a, PatchResult b) {
            int c = Integer.compare(PackageStatus.of(a.state()).severity(), PackageStatus.of(b.state()).severity());
            if (c != 0) {
                return c > 0 ? a : b;
            }
            // same state: the smaller name, then version, so the row kept does not depend on the reading order
            int n = a.name().compareTo(b.name());
            if (n != 0) {
                return n < 0 ? a : b;
            }
            String va = a.version() == null ? "" : a.version();
            String vb = b.version() == null ? "" : b.version();
            return va.compareTo(vb) <= 0 ? a : b;
        }
    }

    /** Configures a {@link Reporter}. Not thread-safe. */
    public static final class Builder {
        private final List<Deployment> planned = new ArrayList<>();
        private @Nullable Collection<String> existingNames;
        private @Nullable Collection<String> knownMachines;
        private Recurrence recurrence = Recurrence.ONCE;
        private String namePrefix = "pw-";
        private final Map<String, Map<String, List<String>>> reasons = new LinkedHashMap<>();
        private final Map<String, String> environments = new LinkedHashMap<>();
        private @Nullable Instant since;
        private @Nullable Instant until;
        private @Nullable Instant generatedAt;

        private Builder() {
        }

        /**
         * Adds the planned deployments (the plan that was applied, or the platform's managed deployments).
         *
         * @param deployments the deployments, not null
         * @return this builder
         */
        public Builder planned(Collection<Deployment> deployments) {
            for (Deployment d : Objects.requireNonNull(deployments, "deployments")) {
                planned.add(Objects.requireNonNull(d, "deployment"));
            }
            return this;
        }

        /**
         * Sets the names of the deployments the platform still has; a planned deployment not among them
         * that reported nothing did not run because it was removed. Default: unknown (never inferred).
         *
         * @param names the names, not null
         * @return this builder
         */
        public Builder existingNames(Collection<String> names) {
            this.existingNames = List.copyOf(names);
            return this;
        }

        /**
         * Sets the machines the inventory lists; a planned machine not among them that reported nothing was
         * deleted. Default: unknown (never inferred).
         *
         * @param machineIds resource ids, not null
         * @return this builder
         */
        public Builder knownMachines(Collection<String> machineIds) {
            this.knownMachines = List.copyOf(machineIds);
            return this;
        }

        /**
         * Sets how the deployments' windows repeat (default {@link Recurrence#ONCE}).
         *
         * @param recurrence the recurrence, not null
         * @return this builder
         */
        public Builder recurrence(Recurrence recurrence) {
            this.recurrence = Objects.requireNonNull(recurrence, "recurrence");
            return this;
        }

        /**
         * Sets the deployment name prefix, from which window-group names give their environment (default
         * {@code pw-}).
         *
         * @param prefix the prefix, not null
         * @return this builder
         */
        public Builder namePrefix(String prefix) {
            this.namePrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Sets the environment of a deployment, which otherwise comes from its window-group name.
         *
         * @param deploymentName the deployment, not null
         * @param environment the environment, e.g. {@code Q}, not null
         * @return this builder
         */
        public Builder environment(String deploymentName, String environment) {
            environments.put(Objects.requireNonNull(deploymentName, "deploymentName"),
                    Objects.requireNonNull(environment, "environment"));
            return this;
        }

        /**
         * Sets why a deployment's packages were planned (advisory ids, {@code azure:<class>}).
         *
         * @param deploymentName the deployment, not null
         * @param byPackage reasons by package name, not null
         * @return this builder
         */
        public Builder reasons(String deploymentName, Map<String, List<String>> byPackage) {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            byPackage.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            reasons.put(Objects.requireNonNull(deploymentName, "deploymentName"), copy);
            return this;
        }

        /**
         * Sets the range: windows that started at or after {@code since} and closed by {@code until}.
         *
         * @param since the start, not null
         * @param until the end, not null
         * @return this builder
         * @throws IllegalArgumentException if {@code until} is not after {@code since}
         */
        public Builder range(Instant since, Instant until) {
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(until, "until");
            if (!until.isAfter(since)) {
                throw new IllegalArgumentException("Invalid report range '" + since + "' .. '" + until
                        + "': --until must be after --since");
            }
            this.since = since;
            this.until = until;
            return this;
        }

        /**
         * Sets when the report is made (default: the end of the range).
         *
         * @param now the instant, not null
         * @return this builder
         */
        public Builder generatedAt(Instant now) {
            this.generatedAt = Objects.requireNonNull(now, "now");
            return this;
        }

        /**
         * Builds the reporter.
         *
         * @return the reporter, not null
         * @throws NullPointerException if the range was not set
         */
        public Reporter build() {
            return new Reporter(this);
        }
    }
}
