package io.patchwindow.azure.run;

import io.patchwindow.azure.advisory.AdvisoryFiles;
import io.patchwindow.core.advisory.Severity;
import io.patchwindow.core.plan.Planner;
import io.patchwindow.core.plan.Policy;
import io.patchwindow.core.plan.SecuritySource;
import io.patchwindow.core.port.AdvisorySource;
import io.patchwindow.core.text.Quoting;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The options that decide which pending updates are security fixes: {@code --advisories PATH} (repeatable: a
 * file or a directory of yum {@code updateinfo.xml}, Red Hat OVAL, OSV or CSAF files, plain or compressed),
 * {@code --security-source azure|advisories|both}, {@code --min-severity}, {@code --max-advisory-age},
 * {@code --advisory-platform} and {@code --exclude MASKS}. Used by {@code plan}, {@code apply} and
 * {@code export-snapshot}.
 *
 * <p>Usable without picocli: {@code new AdvisoryOptions().advisories(List.of("updateinfo.xml.gz")).apply(policy)}.
 */
public final class AdvisoryOptions {
    @Option(names = "--advisories", paramLabel = "PATH",
            description = "Security advisories: a file or directory of yum updateinfo.xml, Red Hat OVAL, OSV or "
                    + "CSAF files, plain or gzip/bzip2/xz/zstd; repeatable. Needed for CentOS under Update Manager, "
                    + "which classifies every CentOS update Other.")
    private @Nullable List<String> advisories;

    @Option(names = "--security-source", paramLabel = "SOURCE",
            description = "Who decides that a pending update is a security fix: azure (its classification), "
                    + "advisories, or both (default: both with --advisories, else azure).")
    private @Nullable String securitySource;

    @Option(names = "--min-severity", paramLabel = "SEVERITY",
            description = "Lowest advisory severity that counts: None, Low, Moderate, Important or Critical "
                    + "(default: None, every security advisory).")
    private @Nullable String minSeverity;

    @Option(names = "--max-advisory-age", paramLabel = "DURATION",
            description = "Warn when the newest advisory is older than this, ISO-8601 (default: P14D).")
    private @Nullable String maxAdvisoryAge;

    @Option(names = "--advisory-platform", split = ",", paramLabel = "PLATFORM",
            description = "Use only advisories for these platforms, e.g. EL7 (default: all; advisories "
                    + "without a platform always count).")
    private @Nullable List<String> platforms;

    @Option(names = "--exclude", split = ",", paramLabel = "MASK",
            description = "Never plan these packages, shell-style masks, e.g. kernel*,glibc*; also written as the "
                    + "deployment's exclude masks so that no dependency pulls them in.")
    private @Nullable List<String> excludes;

    /**
     * Sets the advisory paths, as {@code --advisories} would.
     *
     * @param paths files or directories, not null
     * @return this
     */
    public AdvisoryOptions advisories(List<String> paths) {
        this.advisories = new ArrayList<>(Objects.requireNonNull(paths, "paths"));
        return this;
    }

    /**
     * Sets {@code --security-source}.
     *
     * @param source {@code azure}, {@code advisories} or {@code both}, not null
     * @return this
     */
    public AdvisoryOptions securitySource(String source) {
        this.securitySource = Objects.requireNonNull(source, "source");
        return this;
    }

    /**
     * Sets {@code --min-severity}.
     *
     * @param severity e.g. {@code Important}, not null
     * @return this
     */
    public AdvisoryOptions minSeverity(String severity) {
        this.minSeverity = Objects.requireNonNull(severity, "severity");
        return this;
    }

    /**
     * Sets {@code --max-advisory-age}.
     *
     * @param age ISO-8601, e.g. {@code P14D}, not null
     * @return this
     */
    public AdvisoryOptions maxAdvisoryAge(String age) {
        this.maxAdvisoryAge = Objects.requireNonNull(age, "age");
        return this;
    }

    /**
     * Sets {@code --advisory-platform}.
     *
     * @param platforms e.g. {@code [EL7]}, not null
     * @return this
     */
    public AdvisoryOptions platforms(List<String> platforms) {
        this.platforms = new ArrayList<>(Objects.requireNonNull(platforms, "platforms"));
        return this;
    }

    /**
     * Sets {@code --exclude}.
     *
     * @param masks e.g. {@code [kernel*, glibc*]}, not null
     * @return this
     */
    public AdvisoryOptions excludes(List<String> masks) {
        this.excludes = new ArrayList<>(Objects.requireNonNull(masks, "masks"));
        return this;
    }

    /**
     * Returns whether advisory files were given.
     *
     * @return true with {@code --advisories}
     */
    public boolean given() {
        return advisories != null && !advisories.isEmpty();
    }

    /**
     * Returns whether any of these options was given (for commands that refuse them).
     *
     * @return true if one was set
     */
    public boolean anyGiven() {
        return given() || securitySource != null || minSeverity != null || maxAdvisoryAge != null
                || platforms != null || excludes != null;
    }

    /**
     * Adds these options to a policy. Every value is checked here, before anything is read.
     *
     * @param policy the policy, not null
     * @return the policy with the security source, minimum severity, advisory age and exclusions, not null
     * @throws IllegalArgumentException if a value is invalid, or {@code --security-source advisories} is
     *         given without {@code --advisories}
     */
    public Policy apply(Policy policy) {
        Objects.requireNonNull(policy, "policy");
        if (!anyGiven()) {
            return policy;
        }
        Policy.Builder b = policy.toBuilder();
        if (securitySource != null) {
            SecuritySource s = named("--security-source", securitySource, () -> SecuritySource.parse(securitySource));
            if (s.usesAdvisories() && !given()) {
                throw new IllegalArgumentException("Invalid options: --security-source " + s.cliName()
                        + " needs --advisories PATH (a file or directory of security advisories)");
            }
            b.securitySource(s);
        }
        if (minSeverity != null) {
            b.minSeverity(named("--min-severity", minSeverity, () -> Severity.parse(minSeverity)));
        }
        if (maxAdvisoryAge != null) {
            b.maxAdvisoryAge(OptionValues.duration("--max-advisory-age", maxAdvisoryAge));
        }
        if (platforms != null) {
            if (!given()) {
                throw new IllegalArgumentException("Invalid options: --advisory-platform needs --advisories PATH");
            }
            List<String> list = GrammarOptions.stripAll(platforms);
            named("--advisory-platform", String.join(",", platforms), () -> b.advisoryPlatforms(list));
        }
        if (excludes != null) {
            List<String> masks = GrammarOptions.stripAll(excludes);
            named("--exclude", String.join(",", excludes), () -> b.excludeList(masks));
        }
        return b.build();
    }

    /**
     * Gives the planner the advisory files, when there are any.
     *
     * @param planner the planner, not null
     * @return the planner, with advisories when {@code --advisories} was given, not null
     * @throws IllegalArgumentException if a path is blank or does not exist
     */
    public Planner planner(Planner planner) {
        Objects.requireNonNull(planner, "planner");
        AdvisorySource source = source();
        return source == null ? planner : planner.withAdvisories(source);
    }

    /**
     * Returns the advisory source of {@code --advisories} (the policy's {@code --advisory-platform} filters it).
     *
     * @return the source, or null without {@code --advisories}
     * @throws IllegalArgumentException if a path is blank or does not exist
     */
    public @Nullable AdvisorySource source() {
        if (!given()) {
            return null;
        }
        List<Path> paths = new ArrayList<>();
        for (String a : Objects.requireNonNull(advisories)) {
            if (a.isBlank()) {
                throw new IllegalArgumentException("Invalid --advisories " + Quoting.quote(a)
                        + ": expected the path of an advisory file or directory");
            }
            Path p = Path.of(a);
            if (!java.nio.file.Files.exists(p)) {
                throw new IllegalArgumentException("Invalid --advisories " + Quoting.quote(a)
                        + ": no such file or directory; expected updateinfo.xml, an OVAL, OSV or CSAF file, or a "
                        + "directory of them");
            }
            paths.add(p);
        }
        return AdvisoryFiles.of(paths);
    }

    private interface Value<T> {
        T get();
    }

    /** Runs a parse and puts the option's name in front of its message. */
    private static <T> T named(String option, String text, Value<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            throw new IllegalArgumentException(m.startsWith("Invalid " + option) ? m
                    : "Invalid " + option + " " + Quoting.quote(text) + ": " + m, e);
        }
    }
}
