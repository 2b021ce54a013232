package io.patchwindow.azure.history;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import io.patchwindow.azure.AzureAdapterException;
import io.patchwindow.azure.PatchwindowAzure;
import io.patchwindow.azure.automation.AutomationDeploymentTarget;
import io.patchwindow.azure.internal.Arm;
import io.patchwindow.azure.internal.ArmJson;
import io.patchwindow.core.inventory.ResourceId;
import io.patchwindow.core.port.RunHistory;
import io.patchwindow.core.report.RunQuery;
import io.patchwindow.core.report.RunSink;
import io.patchwindow.core.text.Quoting;

/**
 * Reads the legacy backend's results (api-version {@value AutomationDeploymentTarget#API_VERSION}) of one
 * Automation account: {@code softwareUpdateConfigurationRuns} (which configuration ran when, how many machines,
 * how many failed) and {@code softwareUpdateConfigurationMachineRuns} (per machine: {@code targetComputer}, the
 * resource id of an Azure VM or the computer name of a non-Azure machine, {@code status}, {@code error}), each
 * filtered by {@code properties/startTime ge <since>} and every {@code nextLink} page read, through the
 * {@link PatchwindowAzure} pipeline. Runs outside the query's range are dropped; an unreadable item is a
 * warning. Machine runs carry no per-package rows: a succeeded machine run counts its planned packages as
 * installed. Obtain from {@link PatchwindowAzure#automationRunHistory(String)}.
 */
public final class AutomationRunHistory implements RunHistory {
    private final ArmJson arm;
    private final String endpoint;
    private final ResourceId account;

    /**
     * Reads an account's runs. Used by {@link io.patchwindow.azure.PatchwindowAzure}, which applications obtain a history from.
     *
     * @param azure the entry point whose pipeline is used, not null
     * @param account the Automation account, not null
     */
    public AutomationRunHistory(PatchwindowAzure azure, ResourceId account) {
        this.arm = new ArmJson(azure.httpPipeline());
        this.endpoint = Arm.endpoint(azure.profile());
        this.account = account;
    }

    /**
     * Reads the runs and machine runs into the sink.
     *
     * @param query the range, not null
     * @param sink receives the results, not null
     * @throws AzureAdapterException if Azure refuses or fails
     */
    @Override
    public void read(RunQuery query, RunSink sink) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(sink, "sink");
        RunSink ranged = InRange.of(query, sink);
        list("softwareUpdateConfigurationRuns", query.since(), ranged);
        list("softwareUpdateConfigurationMachineRuns", query.since(), ranged);
    }

    private void list(String collection, Instant since, RunSink sink) {
        // the filter is built from an Instant, never from user text
        String filter = "properties/startTime ge " + since.truncatedTo(ChronoUnit.SECONDS);
        String url = endpoint + account.id() + "/" + collection + "?api-version=" + AutomationDeploymentTarget.API_VERSION
                + "&$filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
        try {
            for (JsonNode item : arm.list(url)) {
                try {
                    InstallationRows.map(item, sink);
                } catch (IllegalArgumentException e) {
                    sink.warning("Ignoring " + collection + " item " + Quoting.quote(Arm.text(item.get("id")))
                            + ": " + e.getMessage());
                }
            }
        } catch (AzureAdapterException e) {
            throw e;
        } catch (RuntimeException e) {
            throw AzureAdapterException.wrap("Listing " + collection + " of " + account.id(), e);
        }
    }
}
