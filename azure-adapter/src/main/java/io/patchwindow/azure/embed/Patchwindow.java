package io.patchwindow.azure.embed;

import java.util.Objects;

import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.DefaultAzureCredentialBuilder;

import io.patchwindow.azure.AzureLibraries;
import io.patchwindow.core.plan.Plan;

/**
 * The one-call entry point for Java, Groovy scripts and Jenkins pipelines: plan from a snapshot file or
 * from Azure with the defaults, or start a {@link PatchwindowJob} for everything else.
 *
 * <pre>{@code
 * Plan plan = Patchwindow.planSnapshot("examples/fleet/demo-snapshot.json", "Q,R", "2026-11-25T10:17:00Z");
 *
 * String json = Patchwindow.job()
 *         .snapshot("fleet.json")
 *         .environments("Q,R")
 *         .timeZone("Europe/Paris")
 *         .duration("PT3H")
 *         .planJson();                 // exactly what 'patchwindow plan --output json' prints
 * }</pre>
 *
 * <p>Every method takes texts as the command line does (comma-separated lists, ISO-8601 instants and
 * durations, IANA zones), throws only unchecked exceptions, and returns {@link java.io.Serializable}
 * results that offer {@code toMap()} (ordered maps of strings, numbers and lists), so a pipeline can pass
 * them to {@code writeJSON} or {@code groovy.json.JsonOutput.toJson}. Bad input is an
 * {@link IllegalArgumentException} whose message quotes the input, names the rule and says what is
 * accepted; a malformed snapshot is a {@link io.patchwindow.azure.snapshot.SnapshotException}; an Azure
 * failure is an {@link io.patchwindow.azure.AzureAdapterException}.
 */
public final class Patchwindow {
    private Patchwindow() {
    }

    /**
     * Starts a job with the defaults of the command line: no source yet, all environments of the grammar,
     * {@code Europe/Paris}, {@code PT2H}, reboot {@code Always}, Critical and Security, lead time
     * {@code PT10M}, the system clock.
     *
     * @return a new job, not null
     */
    public static PatchwindowJob job() {
        return new PatchwindowJob();
    }

    /**
     * Plans from a snapshot file with the default policy, like
     * {@code patchwindow plan --snapshot FILE --environments ENVS --now NOW}.
     *
     * @param snapshotFile the snapshot JSON file, e.g. {@code examples/fleet/demo-snapshot.json}, not null
     * @param environments the environments to plan, comma-separated, e.g. {@code Q,R}, not null
     * @param now the planning instant, ISO-8601, e.g. {@code 2026-11-25T10:17:00Z}, not null
     * @return the plan, not null
     * @throws IllegalArgumentException if an environment or the instant is invalid
     * @throws io.patchwindow.azure.snapshot.SnapshotException if the file is missing, unreadable or malformed
     */
    public static Plan planSnapshot(String snapshotFile, String environments, String now) {
        Objects.requireNonNull(snapshotFile, "snapshotFile");
        Objects.requireNonNull(environments, "environments");
        Objects.requireNonNull(now, "now");
        return job().snapshot(snapshotFile).environments(environments).now(now).plan();
    }

    /**
     * Plans a snapshot with published security advisories, with the defaults: what CentOS machines under
     * Azure Update Manager need, since its assessment classifies every CentOS update {@code Other}.
     *
     * <pre>{@code
     * Plan plan = Patchwindow.planSnapshot("examples/fleet/demo-snapshot.json", "examples/advisories/rhel-7.oval.xml",
     *         "Q,R", "2026-11-25T10:17:00Z");
     * }</pre>
     *
     * @param snapshotFile the snapshot file, not null
     * @param advisories an advisory file or directory (updateinfo, OVAL, OSV or CSAF), not null
     * @param environments the environments to plan, comma-separated, e.g. {@code Q,R}, not null
     * @param now the instant to plan at, ISO-8601, e.g. {@code 2026-11-25T10:17:00Z}, not null
     * @return the plan, not null
     * @throws IllegalArgumentException if a value is invalid or the advisory path does not exist
     * @throws io.patchwindow.azure.snapshot.SnapshotException if the snapshot is missing, unreadable or malformed
     * @throws io.patchwindow.azure.advisory.AdvisoryFileException if an advisory file is malformed
     */
    public static Plan planSnapshot(String snapshotFile, String advisories, String environments, String now) {
        Objects.requireNonNull(snapshotFile, "snapshotFile");
        Objects.requireNonNull(advisories, "advisories");
        Objects.requireNonNull(environments, "environments");
        Objects.requireNonNull(now, "now");
        return job().snapshot(snapshotFile).advisories(advisories).environments(environments).now(now).plan();
    }

    /**
     * Plans from Azure with the defaults, now: {@code DefaultAzureCredential}, the public cloud
     * ({@code AZURE_TENANT_ID} and {@code AZURE_SUBSCRIPTION_ID} are read from the environment when set),
     * every subscription the credential can see, the Resource Graph inventory and the Resource Graph
     * assessment ({@code patchassessmentresources}, records younger than {@code P2D}).
     *
     * <p>This version reconciles against no existing deployments (every action is CREATE) until the
     * deployment backends are configured; use {@link #job()} with
     * {@link PatchwindowJob#deploymentTarget(io.patchwindow.core.port.DeploymentTarget)} to reconcile.
     *
     * @param environments the environments to plan, comma-separated, e.g. {@code Q,R}, not null
     * @return the plan, not null
     * @throws IllegalArgumentException if an environment is invalid
     * @throws IllegalStateException if the optional Azure SDK libraries are missing ({@link AzureLibraries})
     * @throws io.patchwindow.azure.AzureAdapterException if authentication fails or Azure refuses or fails
     */
    public static Plan planAzure(String environments) {
        Objects.requireNonNull(environments, "environments");
        AzureLibraries.require("Patchwindow.planAzure");
        return job()
                .azure(new DefaultAzureCredentialBuilder().build(), new AzureProfile(AzureEnvironment.AZURE))
                .environments(environments)
                .plan();
    }

    /**
     * Plans from Azure as {@link #planAzure(String)} does, with published security advisories: what CentOS
     * machines need under Update Manager, whose assessment classifies every CentOS update {@code Other}.
     *
     * @param environments the environments to plan, comma-separated, e.g. {@code Q,R}, not null
     * @param advisories an advisory file or directory (updateinfo, OVAL, OSV or CSAF), not null
     * @return the plan, not null
     * @throws IllegalArgumentException if an environment is invalid or the advisory path does not exist
     * @throws IllegalStateException if the optional Azure SDK libraries are missing ({@link AzureLibraries})
     * @throws io.patchwindow.azure.AzureAdapterException if authentication fails or Azure refuses or fails
     */
    public static Plan planAzure(String environments, String advisories) {
        Objects.requireNonNull(environments, "environments");
        Objects.requireNonNull(advisories, "advisories");
        AzureLibraries.require("Patchwindow.planAzure");
        return job()
                .advisories(advisories)
                .azure(new DefaultAzureCredentialBuilder().build(), new AzureProfile(AzureEnvironment.AZURE))
                .environments(environments)
                .plan();
    }
}
