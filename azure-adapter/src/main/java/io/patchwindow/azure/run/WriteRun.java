package io.patchwindow.azure.run;

import java.time.Clock;

import io.patchwindow.core.apply.Applier;
import io.patchwindow.core.plan.Policy;

/**
 * The common start of the commands that write ({@code apply}, {@code cleanup}): the guards (environments
 * required, Azure only, concurrency range, backend location), then the sources and the shaped policy.
 * Every guard runs before anything is sent.
 *
 * @param sources the Azure sources, prepared with the policy and clock
 * @param policy the policy, shaped by the backend
 */
public record WriteRun(AzureSources sources, Policy policy) {

    /**
     * Runs the guards, then opens the sources and shapes the policy.
     *
     * @param command the command name for messages, e.g. {@code apply}
     * @param source the source options (Azure only)
     * @param backend the backend options
     * @param policy the policy options (environments required)
     * @param concurrency the concurrency, 1 to {@link Applier#MAX_CONCURRENCY}
     * @param clock the clock
     * @param connector connects to Azure
     * @return the opened run, not null
     * @throws IllegalArgumentException if a guard refuses
     */
    public static WriteRun open(String command, SourceOptions source, BackendOptions backend, PolicyOptions policy,
                         int concurrency, Clock clock, AzureConnector connector) {
        if (!policy.hasEnvironments()) {
            throw new IllegalArgumentException("Invalid options: " + command + " refuses to run without --environments "
                    + "(e.g. --environments Q,R), so that production is never written by accident");
        }
        if (source.offline()) {
            throw new IllegalArgumentException("Invalid options: " + command + " writes to Azure and cannot read "
                    + "--snapshot; use 'plan --snapshot FILE' to see what would be done");
        }
        if (concurrency < 1 || concurrency > Applier.MAX_CONCURRENCY) {
            throw new IllegalArgumentException("Invalid --concurrency " + concurrency + ": expected from 1 to "
                    + Applier.MAX_CONCURRENCY + ", e.g. 8");
        }
        Policy options = backend.shape(policy.toPolicy(Policy.defaults().maxAssessmentAge()), policy.hasGrouping());
        Backends.requireLocation(source.azure(), backend, command);
        AzureSources sources = AzureSources.open(source.azure(), connector, backend);
        Policy p = policy.withDefaultMaxAssessmentAge(options, sources.defaultMaxAssessmentAge());
        sources.prepare(p, clock);
        return new WriteRun(sources, p);
    }
}
