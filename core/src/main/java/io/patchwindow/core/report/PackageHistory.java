package io.patchwindow.core.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.patchwindow.core.inventory.ResourceId;
import io.patchwindow.core.rpm.Nevra;

/**
 * Collects the package rows of installation runs as flat {@link InstalledPackage} results without joining them with
 * planned deployments: what promotion between rings counts when the history has package rows (Update Manager's
 * {@code patchinstallationresources}, a snapshot's {@code installations}). Automation runs have no package rows;
 * their results come from the {@link Reporter}'s join ({@link Report#installations()}).
 *
 * <pre>{@code
 * PackageHistory sink = PackageHistory.of(since, now);
 * history.read(new RunQuery(since, now, List.of()), sink);
 * List<InstalledPackage> rows = sink.installations(id -> environmentOf(id));
 * }</pre>
 *
 * <p>Only rows {@code Installed} or {@code Failed} are kept, of runs that started in the range (inclusive); a row
 * whose run is not among them is dropped. The package name loses its architecture suffix
 * ({@code openssl.x86_64} is {@code openssl}); the time of a result is its run's last modification, else its start.
 * Not thread-safe: feed it from one thread.
 */
public final class PackageHistory implements RunSink {
    private final Instant since;
    private final Instant until;
    private final Map<String, InstallationRun> runs = new HashMap<>();
    private final List<PatchResult> patches = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private PackageHistory(Instant since, Instant until) {
        this.since = since;
        this.until = until;
    }

    /**
     * Creates a sink for the runs that started in a range.
     *
     * @param since the start of the range, inclusive, not null
     * @param until the end of the range, inclusive, not null
     * @return a new sink, not null
     * @throws IllegalArgumentException if since is after until
     */
    public static PackageHistory of(Instant since, Instant until) {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        if (since.isAfter(until)) {
            throw new IllegalArgumentException("Invalid range " + since + " to " + until + ": the start is after the end");
        }
        return new PackageHistory(since, until);
    }

    /** Keeps a run of the range. */
    @Override
    public void run(InstallationRun run) {
        Objects.requireNonNull(run, "run");
        if (!run.start().isBefore(since) && !run.start().isAfter(until)) {
            runs.put(ResourceId.key(run.id()), run);
        }
    }

    /** Keeps an installed or failed row. */
    @Override
    public void patch(PatchResult patch) {
        Objects.requireNonNull(patch, "patch");
        if (patch.state() == InstallationState.INSTALLED || patch.state() == InstallationState.FAILED) {
            patches.add(patch);
        }
    }

    /** Not needed: package rows name their run. */
    @Override
    public void deploymentRun(DeploymentRun run) {
        Objects.requireNonNull(run, "run");
    }

    /** Keeps the source's warning. */
    @Override
    public void warning(String message) {
        warnings.add(Objects.requireNonNull(message, "message"));
    }

    /**
     * Returns the results, sorted by time, then machine id, then package name.
     *
     * @param environmentOf the environment of a machine id ({@code ""} when unknown), not null
     * @return the results, a new list, not null
     */
    public List<InstalledPackage> installations(Function<String, String> environmentOf) {
        Objects.requireNonNull(environmentOf, "environmentOf");
        List<InstalledPackage> out = new ArrayList<>();
        for (PatchResult p : patches) {
            InstallationRun run = runs.get(ResourceId.key(p.installationId()));
            if (run == null) {
                continue;
            }
            Instant at = run.lastModified() != null ? run.lastModified() : run.start();
            String env = Objects.requireNonNullElse(environmentOf.apply(run.machineId()), "");
            out.add(new InstalledPackage(run.machineId(), env, Objects.requireNonNullElse(run.deploymentName(), ""),
                    run.start(), baseName(p.name()), p.version(),
                    p.state() == InstallationState.INSTALLED ? PackageStatus.INSTALLED : PackageStatus.FAILED, at));
        }
        out.sort((a, b) -> {
            int c = Objects.requireNonNull(a.at()).compareTo(Objects.requireNonNull(b.at()));
            c = c != 0 ? c : a.machineId().compareTo(b.machineId());
            return c != 0 ? c : a.name().compareTo(b.name());
        });
        return out;
    }

    /**
     * Returns the source's warnings, in the order reported.
     *
     * @return the warnings, not null
     */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    private static String baseName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && Nevra.ARCHES.contains(name.substring(dot + 1)) ? name.substring(0, dot) : name;
    }
}
