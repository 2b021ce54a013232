package io.patchwindow.azure.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * In-memory data that the {@link AzureEmulator} serves: subscriptions, machines as ARM JSON objects
 * ({@code id, name, type, location, tags, properties}), Log Analytics {@code Update} rows keyed by column
 * name, Resource Graph {@code patchassessmentresources} rows, and Automation accounts linked to
 * workspaces. Mutable and thread-safe enough for tests (all lists are synchronized). Azure's side of a fleet, as
 * JSON; core's {@code io.patchwindow.core.testing.Fleet} builds domain machines and records instead.
 */
public final class AzureFleet {
    private final List<String> subscriptions = Collections.synchronizedList(new ArrayList<>());
    private final List<ObjectNode> machines = Collections.synchronizedList(new ArrayList<>());
    private final List<ObjectNode> updateRows = Collections.synchronizedList(new ArrayList<>());
    private final List<ObjectNode> patchAssessments = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> linkedWorkspaces = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, String> workspaceCustomerIds = Collections.synchronizedMap(new LinkedHashMap<>());

    /**
     * Adds a subscription.
     *
     * @param subscriptionId the GUID
     * @return this fleet
     */
    public AzureFleet subscription(String subscriptionId) {
        subscriptions.add(Objects.requireNonNull(subscriptionId, "subscriptionId"));
        return this;
    }

    /**
     * Adds a machine (an ARM object of type {@code Microsoft.Compute/virtualMachines} or
     * {@code Microsoft.HybridCompute/machines}).
     *
     * @param machine the ARM JSON
     * @return this fleet
     */
    public AzureFleet machine(ObjectNode machine) {
        machines.add(Objects.requireNonNull(machine, "machine"));
        return this;
    }

    /**
     * Adds a Log Analytics {@code Update} row keyed by column name ({@code TimeGenerated} as ISO text).
     *
     * @param row the row
     * @return this fleet
     */
    public AzureFleet updateRow(ObjectNode row) {
        updateRows.add(Objects.requireNonNull(row, "row"));
        return this;
    }

    /**
     * Adds a Resource Graph {@code patchassessmentresources} row ({@code id, type, properties}).
     *
     * @param row the row
     * @return this fleet
     */
    public AzureFleet patchAssessment(ObjectNode row) {
        patchAssessments.add(Objects.requireNonNull(row, "row"));
        return this;
    }

    /**
     * Links an Automation account to a Log Analytics workspace.
     *
     * @param automationAccountId the account's ARM id
     * @param workspaceResourceId the workspace's ARM id
     * @param workspaceCustomerId the workspace GUID used by the query API
     * @return this fleet
     */
    public AzureFleet linkedWorkspace(String automationAccountId, String workspaceResourceId, String workspaceCustomerId) {
        linkedWorkspaces.put(automationAccountId.toLowerCase(Locale.ROOT), workspaceResourceId);
        workspaceCustomerIds.put(workspaceResourceId.toLowerCase(Locale.ROOT), workspaceCustomerId);
        return this;
    }

    /** @return the subscriptions, a snapshot copy */
    public List<String> subscriptions() {
        synchronized (subscriptions) {
            return List.copyOf(subscriptions);
        }
    }

    /** @return the machines, a snapshot copy */
    public List<ObjectNode> machines() {
        synchronized (machines) {
            return List.copyOf(machines);
        }
    }

    /** @return the update rows, a snapshot copy */
    public List<ObjectNode> updateRows() {
        synchronized (updateRows) {
            return List.copyOf(updateRows);
        }
    }

    /** @return the patch assessment rows, a snapshot copy */
    public List<ObjectNode> patchAssessments() {
        synchronized (patchAssessments) {
            return List.copyOf(patchAssessments);
        }
    }

    /** @return how many patch assessment rows there are (no copy) */
    public int patchAssessmentCount() {
        return patchAssessments.size();
    }

    String linkedWorkspace(String automationAccountId) {
        return linkedWorkspaces.get(automationAccountId.toLowerCase(Locale.ROOT));
    }

    String workspaceCustomerId(String workspaceResourceId) {
        return workspaceCustomerIds.get(workspaceResourceId.toLowerCase(Locale.ROOT));
    }

    boolean knownWorkspace(String customerId) {
        synchronized (workspaceCustomerIds) {
            return workspaceCustomerIds.values().stream().anyMatch(customerId::equalsIgnoreCase);
        }
    }
}
