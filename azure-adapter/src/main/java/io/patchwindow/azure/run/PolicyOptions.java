package io.patchwindow.azure.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.patchwindow.core.assessment.Classification;
import io.patchwindow.core.deployment.Reboot;
import io.patchwindow.core.inventory.OsSelector;
import io.patchwindow.core.plan.Grouping;
import io.patchwindow.core.plan.Policy;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Policy options shared by the commands that plan: environments, window placement ({@link WindowOptions}),
 * duration, reboot, classifications, freshness limit, name prefix, OS selector, grouping and the tag
 * grammar ({@link GrammarOptions}). Unset options keep the {@link Policy} defaults.
 *
 * <p>Usable without picocli, with the same texts as on the command line:
 * <pre>{@code
 * Policy policy = new PolicyOptions().environments(List.of("Q", "R")).duration("PT3H")
 *         .toPolicy(Duration.ofHours(5));
 * }</pre>
 */
public final class PolicyOptions {
    @Option(names = "--environments", split = ",", paramLabel = "ENV",
            description = "Environments to plan, comma-separated, e.g. Q,R (default: all of the grammar).")
    private @Nullable List<String> environments;

    @Mixin
    private WindowOptions window = new WindowOptions();

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "Window length, ISO-8601, from PT30M to PT6H (default: PT2H).")
    private @Nullable String duration;

    @Option(names = "--reboot", paramLabel = "SETTING",
            description = "Reboot setting: Always, IfRequired or Never (default: Always).")
    private @Nullable String reboot;

    @Option(names = "--classifications", split = ",", paramLabel = "CLASS",
            description = "Classifications that make a package pending: Critical, Security, Other "
                    + "(default: Critical,Security).")
    private @Nullable List<String> classifications;

    @Option(names = "--max-assessment-age", paramLabel = "DURATION",
            description = "Ignore assessment records older than this, ISO-8601 (default: PT5H for Log Analytics "
                    + "rows, P2D for Resource Graph assessments).")
    private @Nullable String maxAssessmentAge;

    @Option(names = "--name-prefix", paramLabel = "PREFIX",
            description = "Prefix of deployment names, up to 20 of [A-Za-z0-9-_] (default: pw-).")
    private @Nullable String namePrefix;

    @Option(names = "--os", split = ",", paramLabel = "KEYWORD",
            description = "OS keywords matched in the image offer/id or OS name, e.g. centos,almalinux (default: centos).")
    private @Nullable List<String> os;

    @Option(names = "--grouping", paramLabel = "GROUPING",
            description = "per-machine (one deployment per machine) or per-window (default: per-machine).")
    private @Nullable String grouping;

    @Mixin
    private GrammarOptions grammar = new GrammarOptions();

    /**
     * Selects environments, e.g. {@code [Q, R]}.
     *
     * @param environments the codes, not null
     * @return this
     */
    public PolicyOptions environments(List<String> environments) {
        this.environments = new ArrayList<>(environments);
        return this;
    }

    /**
     * Sets the duration text, e.g. {@code PT2H}.
     *
     * @param duration the text, not null
     * @return this
     */
    public PolicyOptions duration(String duration) {
        this.duration = Objects.requireNonNull(duration, "duration");
        return this;
    }

    /**
     * Sets the reboot text, e.g. {@code IfRequired}.
     *
     * @param reboot the text, not null
     * @return this
     */
    public PolicyOptions reboot(String reboot) {
        this.reboot = Objects.requireNonNull(reboot, "reboot");
        return this;
    }

    /**
     * Sets the classifications, e.g. {@code [Critical, Security]}.
     *
     * @param classifications the names, not null
     * @return this
     */
    public PolicyOptions classifications(List<String> classifications) {
        this.classifications = new ArrayList<>(classifications);
        return this;
    }

    /**
     * Sets the freshness limit text, e.g. {@code PT5H}.
     *
     * @param maxAssessmentAge the text, not null
     * @return this
     */
    public PolicyOptions maxAssessmentAge(String maxAssessmentAge) {
        this.maxAssessmentAge = Objects.requireNonNull(maxAssessmentAge, "maxAssessmentAge");
        return this;
    }

    /**
     * Sets the name prefix, e.g. {@code pw-}.
     *
     * @param namePrefix the prefix, not null
     * @return this
     */
    public PolicyOptions namePrefix(String namePrefix) {
        this.namePrefix = Objects.requireNonNull(namePrefix, "namePrefix");
        return this;
    }

    /**
     * Sets the OS keywords, e.g. {@code [centos, almalinux]}.
     *
     * @param os the keywords, not null
     * @return this
     */
    public PolicyOptions os(List<String> os) {
        this.os = new ArrayList<>(os);
        return this;
    }

    /**
     * Sets the grouping text, {@code per-machine} or {@code per-window}.
     *
     * @param grouping the text, not null
     * @return this
     */
    public PolicyOptions grouping(String grouping) {
        this.grouping = Objects.requireNonNull(grouping, "grouping");
        return this;
    }

    /**
     * Returns the window options (time zone, lead time), to set them.
     *
     * @return the options, not null
     */
    public WindowOptions window() {
        return window;
    }

    /**
     * Returns the grammar options, to set them.
     *
     * @return the options, not null
     */
    public GrammarOptions grammar() {
        return grammar;
    }

    /**
     * Returns whether {@code --max-assessment-age} was given.
     *
     * @return true if set
     */
    public boolean hasMaxAssessmentAge() {
        return maxAssessmentAge != null;
    }

    /**
     * Returns whether {@code --environments} was given (apply and cleanup refuse to run without it).
     *
     * @return true if set
     */
    public boolean hasEnvironments() {
        return environments != null && !environments.isEmpty();
    }

    /**
     * Returns whether {@code --grouping} was given.
     *
     * @return true if set
     */
    public boolean hasGrouping() {
        return grouping != null;
    }

    /**
     * Returns a policy with the source's freshness limit when {@code --max-assessment-age} was not given: the
     * policy is built from the options before anything is read, and the default limit depends on the source
     * (for a snapshot, on which section it holds).
     *
     * @param policy the policy built by {@link #toPolicy(Duration)}, not null
     * @param sourceDefault the source's default freshness limit, e.g. {@code PT5H}, not null
     * @return the policy, not null
     */
    public Policy withDefaultMaxAssessmentAge(Policy policy, Duration sourceDefault) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(sourceDefault, "sourceDefault");
        if (hasMaxAssessmentAge() || policy.maxAssessmentAge().equals(sourceDefault)) {
            return policy;
        }
        return policy.toBuilder().maxAssessmentAge(sourceDefault).build();
    }

    /**
     * Builds the policy.
     *
     * @param defaultMaxAssessmentAge the freshness limit when {@code --max-assessment-age} is not given,
     *                                which depends on the assessment source, not null
     * @return the policy, not null
     * @throws IllegalArgumentException if a value is invalid (the message names the value and what is accepted)
     */
    public Policy toPolicy(Duration defaultMaxAssessmentAge) {
        Objects.requireNonNull(defaultMaxAssessmentAge, "defaultMaxAssessmentAge");
        Policy.Builder b = Policy.builder().grammar(grammar.toGrammar());
        if (environments != null) {
            List<String> envs = GrammarOptions.stripAll(environments);
            if (envs.isEmpty()) {
                throw new IllegalArgumentException("Invalid --environments '': select at least one, e.g. Q,R");
            }
            b.environmentList(envs);
        }
        b.timeZone(window.zone());
        b.leadTime(window.lead());
        if (duration != null) {
            b.duration(OptionValues.duration("--duration", duration));
        }
        if (reboot != null) {
            b.reboot(Reboot.parse(reboot));
        }
        if (classifications != null) {
            Set<Classification> set = EnumSet.noneOf(Classification.class);
            for (String c : GrammarOptions.stripAll(classifications)) {
                set.add(Classification.parse(c));
            }
            if (set.isEmpty()) {
                throw new IllegalArgumentException(
                        "Invalid --classifications '': select at least one of [Critical, Security, Other]");
            }
            b.classifications(set);
        }
        b.maxAssessmentAge(maxAssessmentAge == null ? defaultMaxAssessmentAge
                : OptionValues.maxAssessmentAge(maxAssessmentAge));
        if (namePrefix != null) {
            b.namePrefix(namePrefix);
        }
        if (os != null) {
            b.osSelector(OsSelector.of(GrammarOptions.stripAll(os)));
        }
        if (grouping != null) {
            b.grouping(Grouping.parse(grouping));
        }
        return b.build();
    }
}
