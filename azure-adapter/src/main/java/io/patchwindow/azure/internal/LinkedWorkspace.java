package io.patchwindow.azure.internal;

import java.util.Objects;

import com.azure.core.management.profile.AzureProfile;
import com.fasterxml.jackson.databind.JsonNode;

import io.patchwindow.azure.AzureAdapterException;
import io.patchwindow.core.inventory.ResourceId;
import io.patchwindow.core.text.Quoting;

/**
 * Finds the Log Analytics workspace linked to an Automation account:
 * {@code GET {account}/linkedWorkspace?api-version=2015-10-31} gives the workspace's ARM id, then
 * {@code GET {workspace}?api-version=2022-10-01} gives its {@code properties.customerId}, the GUID the
 * query API takes.
 */
public final class LinkedWorkspace {
    static final String AUTOMATION_API_VERSION = "2015-10-31";
    static final String WORKSPACE_API_VERSION = "2022-10-01";

    private final ArmJson arm;
    private final String endpoint;

    /**
     * Looks up through a pipeline.
     *
     * @param pipeline the Resource Manager pipeline, not null
     * @param profile the cloud, not null
     */
    public LinkedWorkspace(com.azure.core.http.HttpPipeline pipeline, AzureProfile profile) {
        this.arm = new ArmJson(pipeline);
        this.endpoint = Arm.endpoint(profile);
    }

    /**
     * Parses an Automation account id.
     *
     * @param automationAccountId the ARM id, not null
     * @return the id, not null
     * @throws IllegalArgumentException if it is not an Automation account id
     */
    public static ResourceId parseAccount(String automationAccountId) {
        Objects.requireNonNull(automationAccountId, "automationAccountId");
        ResourceId id = ResourceId.parse(automationAccountId);
        if (!id.fullType().equalsIgnoreCase("Microsoft.Automation/automationAccounts")) {
            throw new IllegalArgumentException("Invalid Automation account id " + Quoting.quote(automationAccountId)
                    + ": expected /subscriptions/<GUID>/resourceGroups/<group>/providers/"
                    + "Microsoft.Automation/automationAccounts/<name>");
        }
        return id;
    }

    /**
     * Returns the GUID (customer id) of the workspace linked to an account.
     *
     * @param account the Automation account, not null
     * @return the workspace GUID, not null
     * @throws AzureAdapterException if Azure refuses or the account links no valid workspace
     */
    public String workspaceId(ResourceId account) {
        JsonNode linked;
        try {
            linked = arm.get(endpoint + account.id() + "/linkedWorkspace?api-version=" + AUTOMATION_API_VERSION);
        } catch (RuntimeException e) {
            throw AzureAdapterException.wrap("Reading the workspace linked to Automation account " + account.id(), e);
        }
        String wsId = Arm.text(linked.get("id"));
        if (wsId == null || wsId.isBlank()) {
            throw new AzureAdapterException("Automation account " + account.id() + " has no linked Log Analytics "
                    + "workspace", "NoLinkedWorkspace", 200, null);
        }
        ResourceId ws;
        try {
            ws = ResourceId.parse(wsId);
        } catch (IllegalArgumentException e) {
            throw new AzureAdapterException("Automation account " + account.id() + " links an invalid workspace id: "
                    + e.getMessage(), "InvalidLinkedWorkspace", 200, e);
        }
        JsonNode workspace;
        try {
            workspace = arm.get(endpoint + ws.id() + "?api-version=" + WORKSPACE_API_VERSION);
        } catch (RuntimeException e) {
            throw AzureAdapterException.wrap("Reading Log Analytics workspace " + ws.id(), e);
        }
        String customerId = Arm.text(workspace.path("properties").get("customerId"));
        if (customerId == null || !ResourceId.isGuid(customerId)) {
            throw new AzureAdapterException("Log Analytics workspace " + ws.id() + " has no valid customerId",
                    "InvalidWorkspace", 200, null);
        }
        return customerId;
    }
}
