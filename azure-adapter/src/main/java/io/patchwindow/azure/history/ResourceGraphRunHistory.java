package io.patchwindow.azure.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import io.patchwindow.azure.AzureAdapterException;
import io.patchwindow.azure.PatchwindowAzure;
import io.patchwindow.azure.internal.Arm;
import io.patchwindow.azure.internal.GraphPager;
import io.patchwindow.core.inventory.ResourceId;
import io.patchwindow.core.port.RunHistory;
import io.patchwindow.core.report.RunQuery;
import io.patchwindow.core.report.RunSink;
import io.patchwindow.core.text.Quoting;

/**
 * Reads Update Manager installation results from Resource Graph: {@link #INSTALLATIONS_QUERY} over
 * {@code patchinstallationresources} (summaries and their software patches, VMs and Arc servers; Resource
 * Graph keeps them 30 days) and {@link #RUNS_QUERY} over {@code maintenanceresources} {@code applyupdates}
 * (which configuration ran which machine). Paged by {@code $skipToken} like the inventory; a truncated answer
 * is an error. The queries are constants: the range is applied to the rows read (a row is kept when its run
 * started in the range), never spliced into the KQL. Obtain from {@link PatchwindowAzure#resourceGraphRunHistory(List)}.
 */
public final class ResourceGraphRunHistory implements RunHistory {

    /** The installation results query. */
    public static final String INSTALLATIONS_QUERY = "patchinstallationresources\n"
            + "| where type in~ ('microsoft.compute/virtualmachines/patchinstallationresults', "
            + "'microsoft.compute/virtualmachines/patchinstallationresults/softwarepatches', "
            + "'microsoft.hybridcompute/machines/patchinstallationresults', "
            + "'microsoft.hybridcompute/machines/patchinstallationresults/softwarepatches')\n"
            + "| project id, type, properties\n"
            + "| order by id asc";

    /** The maintenance runs query. */
    public static final String RUNS_QUERY = "maintenanceresources\n"
            + "| where type =~ 'microsoft.maintenance/applyupdates'\n"
            + "| project id, type, properties\n"
            + "| order by id asc";

    private final GraphPager pager;
    private final List<String> subscriptions;

    /**
     * Queries through a pager. Used by {@link io.patchwindow.azure.PatchwindowAzure}, which applications obtain a history from.
     *
     * @param pager the Resource Graph pager, not null
     * @param subscriptions validated lower-case subscription GUIDs (empty: all the credential sees)
     */
    public ResourceGraphRunHistory(GraphPager pager, List<String> subscriptions) {
        this.pager = Objects.requireNonNull(pager, "pager");
        this.subscriptions = List.copyOf(subscriptions);
    }

    /**
     * Reads the results into the sink; an unreadable row is a warning naming it, the others are read.
     *
     * @param query the range and machines (their subscriptions scope the queries when none were configured)
     * @param sink receives the results
     * @throws AzureAdapterException if Azure refuses, fails or truncates the answer
     */
    @Override
    public void read(RunQuery query, RunSink sink) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(sink, "sink");
        List<String> subs = subscriptions;
        if (subs.isEmpty()) {
            TreeSet<String> set = new TreeSet<>();
            for (String id : query.machineIds()) {
                try {
                    set.add(ResourceId.parse(id).subscriptionId());
                } catch (IllegalArgumentException e) {
                    // not an ARM id (an Automation computer name): nothing to scope
                }
            }
            subs = new ArrayList<>(set);
        }
        if (subs.isEmpty()) {
            return;
        }
        RunSink ranged = InRange.of(query, sink);
        pager.forEachRow(INSTALLATIONS_QUERY, subs, "Resource Graph installation results query",
                row -> mapOne(row, ranged));
        pager.forEachRow(RUNS_QUERY, subs, "Resource Graph maintenance runs query", row -> mapOne(row, ranged));
    }

    private static void mapOne(com.fasterxml.jackson.databind.JsonNode row, RunSink sink) {
        try {
            InstallationRows.map(row, sink);
        } catch (IllegalArgumentException e) {
            sink.warning("Ignoring installation result " + Quoting.quote(Arm.text(row.get("id")))
                    + ": " + e.getMessage());
        }
    }
}
