package io.patchwindow.azure.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;

import io.patchwindow.azure.PatchwindowAzure;
import io.patchwindow.azure.run.AzureConnector;

/**
 * The set-up the emulator tests share: a generated fleet whose first subscription holds the Automation account
 * {@code aa} (resource group {@code ops}) linked to the Log Analytics workspace {@code law} ({@link #WORKSPACE})
 * and the resource group {@code rg-patch-schedules} for Update Manager schedules; the emulator serving it; the
 * adapter and the command line pointed at the emulator, with short fixed retry delays.
 *
 * <pre>{@code
 * EmulatorFixture setup = EmulatorFixture.generate(600, 2, 77, NOW);
 * AzureEmulator azure = setup.start().now(NOW);
 * CliRun r = CliRun.run(EmulatorFixture.connector(azure, "token", 4, Duration.ofMillis(5)),
 *         setup.automationArgs("apply", NOW, "--environments", "Q,R"));
 * }</pre>
 */
public final class EmulatorFixture {
    /** The customer id (GUID) of the workspace {@code law}: what {@code --workspace-id} names. */
    public static final String WORKSPACE = "0f4e5d6c-7b8a-4c9d-8e1f-2a3b4c5d6e7f";

    private final AzureFleet fleet;
    private final String subscription;

    private EmulatorFixture(AzureFleet fleet) {
        this.fleet = fleet;
        this.subscription = fleet.subscriptions().get(0);
        fleet.linkedWorkspace(account(), workspaceResourceId(), WORKSPACE);
    }

    /**
     * Generates a fleet ({@link AzureFleetGenerator#generate}) and links its Automation account to the workspace.
     *
     * @param machines how many machines
     * @param subscriptions how many subscriptions, at least 1
     * @param seed the generator's seed
     * @param now the present of the fleet's assessments
     * @return the set-up; its emulator is not started yet, so that the fleet can still be changed
     */
    public static EmulatorFixture generate(int machines, int subscriptions, long seed, Instant now) {
        return new EmulatorFixture(AzureFleetGenerator.generate(machines, subscriptions, seed, now));
    }

    /** @return the fleet, still mutable */
    public AzureFleet fleet() {
        return fleet;
    }

    /** @return the first subscription, which holds the account, the workspace and the schedule group */
    public String subscription() {
        return subscription;
    }

    /** @return every subscription, comma-separated, as {@code --subscription} takes them */
    public String subscriptions() {
        return String.join(",", fleet.subscriptions());
    }

    /** @return the Automation account's id, as {@code --automation-account} takes it */
    public String account() {
        return "/subscriptions/" + subscription + "/resourceGroups/ops/providers/Microsoft.Automation"
                + "/automationAccounts/aa";
    }

    /** @return the workspace's ARM id */
    public String workspaceResourceId() {
        return "/subscriptions/" + subscription + "/resourceGroups/ops/providers/Microsoft.OperationalInsights"
                + "/workspaces/law";
    }

    /** @return the resource group of Update Manager schedules, as {@code --schedule-resource-group} takes it */
    public String scheduleGroup() {
        return "/subscriptions/" + subscription + "/resourceGroups/rg-patch-schedules";
    }

    /** @return an emulator serving the fleet; close it after use */
    public AzureEmulator start() {
        return AzureEmulator.start(fleet);
    }

    /**
     * Returns the arguments of a command of the Automation backend.
     *
     * @param command e.g. {@code plan}, {@code apply}, {@code cleanup}
     * @param now the {@code --now}
     * @param extra more arguments, e.g. {@code "--environments", "Q,R"}
     * @return {@code command --now <now> --subscription <all> --automation-account <account> extra...}
     */
    public List<String> automationArgs(String command, Instant now, String... extra) {
        List<String> a = new ArrayList<>(List.of(command, "--now", now.toString(), "--subscription", subscriptions(),
                "--automation-account", account()));
        a.addAll(List.of(extra));
        return a;
    }

    /**
     * Returns the arguments of a command of the Update Manager backend, which fixes the patch mode (but for
     * {@code cleanup}, which writes no VM and refuses {@code --fix-patch-mode}).
     *
     * @param command e.g. {@code plan}, {@code apply}, {@code cleanup}
     * @param now the {@code --now}
     * @param extra more arguments
     * @return {@code command --now <now> --subscription <all> --backend update-manager --schedule-resource-group
     *         <group> [--fix-patch-mode] extra...}
     */
    public List<String> updateManagerArgs(String command, Instant now, String... extra) {
        List<String> a = new ArrayList<>(List.of(command, "--now", now.toString(), "--subscription", subscriptions(),
                "--backend", "update-manager", "--schedule-resource-group", scheduleGroup()));
        if (!command.equals("cleanup")) {
            a.add("--fix-patch-mode");
        }
        a.addAll(List.of(extra));
        return a;
    }

    /**
     * Returns an adapter configuration pointed at an emulator (HTTP client, Log Analytics endpoint) with fixed
     * retry delays.
     *
     * @param azure the emulator
     * @param retries how many times a request is retried
     * @param delay the delay between tries
     * @return the configuration, to authenticate or to configure further
     */
    public static PatchwindowAzure.Configurable configure(AzureEmulator azure, int retries, Duration delay) {
        Objects.requireNonNull(azure, "azure");
        return PatchwindowAzure.configure()
                .withHttpClient(azure.httpClient())
                .withRetryOptions(new RetryOptions(new FixedDelayOptions(retries, delay)))
                .withLogAnalyticsEndpoint(azure.logAnalyticsEndpoint());
    }

    /**
     * Returns an adapter pointed at an emulator, authenticated with a fixed token.
     *
     * @param azure the emulator
     * @param token the token, e.g. {@code cli-e2e-token}
     * @param retries how many times a request is retried
     * @param delay the delay between tries
     * @return the adapter
     */
    public static PatchwindowAzure connect(AzureEmulator azure, String token, int retries, Duration delay) {
        return configure(azure, retries, delay).authenticate(AzureEmulator.credential(token), azure.profile());
    }

    /**
     * Returns how the command line connects to an emulator: {@link #connect} for every run.
     *
     * @param azure the emulator
     * @param token the token
     * @param retries how many times a request is retried
     * @param delay the delay between tries
     * @return the connector
     */
    public static AzureConnector connector(AzureEmulator azure, String token, int retries, Duration delay) {
        return options -> connect(azure, token, retries, delay);
    }
}
