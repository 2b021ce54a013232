package io.patchwindow.core.inventory;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A machine as the inventory reports it: an Azure VM or an Arc server.
 *
 * <p>Build with {@link #builder(String, MachineKind)}:
 * <pre>{@code
 * Machine vm = Machine.builder("/subscriptions/<guid>/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1",
 *                 MachineKind.AZURE_VM)
 *         .location("westeurope")
 *         .tag("patch", "CENTOS-P-MON-03:00")
 *         .os(OsFacts.marketplace("OpenLogic", "CentOS", "7_9"))
 *         .build();
 * }</pre>
 *
 * @serial exclude
 * @param resourceId the parsed resource id
 * @param kind Azure VM or Arc server
 * @param location the Azure region, e.g. {@code westeurope}
 * @param tags the resource tags (insertion order kept; names compared case-insensitively by the grammar)
 * @param os operating system facts
 * @param computerName the guest computer name (Log Analytics {@code Computer}), if known
 * @param patchSettings the VM guest patch settings, if known
 */
public record Machine(ResourceId resourceId, MachineKind kind, String location, Map<String, String> tags,
                      OsFacts os, @Nullable String computerName, @Nullable PatchSettings patchSettings)
        implements Serializable {

    /**
     * Validates and copies the components.
     *
     * @param resourceId the parsed resource id
     * @param kind Azure VM or Arc server
     * @param location the Azure region, e.g. {@code westeurope}
     * @param tags the resource tags (insertion order kept; names compared case-insensitively by the grammar)
     * @param os operating system facts
     * @param computerName the guest computer name (Log Analytics {@code Computer}), if known
     * @param patchSettings the VM guest patch settings, if known
     * @throws NullPointerException if a required component is null
     */
    public Machine {
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(os, "os");
        // sized for its entries: the copy constructor's 16-slot table is most of a machine's tags for two tags
        Map<String, String> copy = new LinkedHashMap<>(tags.size() * 4 / 3 + 1);
        copy.putAll(tags);
        tags = Collections.unmodifiableMap(copy);
    }

    /**
     * Starts a builder.
     *
     * @param id the ARM resource id, not null
     * @param kind the kind, not null
     * @return a builder, not null
     * @throws IllegalArgumentException if the id is not a valid resource id
     */
    public static Builder builder(String id, MachineKind kind) {
        return new Builder(ResourceId.parse(id), kind);
    }

    /**
     * Returns a builder for a machine whose id is already parsed.
     *
     * @param id the resource id, not null
     * @param kind the kind, not null
     * @return a new builder, not null
     */
    public static Builder builder(ResourceId id, MachineKind kind) {
        return new Builder(Objects.requireNonNull(id, "id"), kind);
    }

    /**
     * Returns the resource id as given.
     *
     * @return the id, not null
     */
    public String id() {
        return resourceId.id();
    }

    /**
     * Returns the case-insensitive key of the id (lower case).
     *
     * @return the key, not null
     */
    public String key() {
        return resourceId.key();
    }

    /**
     * Returns the resource name, e.g. {@code vm1}.
     *
     * @return the name, not null
     */
    public String name() {
        return resourceId.name();
    }

    /**
     * Returns the subscription id (lower case).
     *
     * @return the subscription id, not null
     */
    public String subscriptionId() {
        return resourceId.subscriptionId();
    }

    /**
     * Builds a {@link Machine}. Not thread-safe.
     */
    public static final class Builder {
        private final ResourceId resourceId;
        private final MachineKind kind;
        private String location = "";
        private final Map<String, String> tags = new LinkedHashMap<>();
        private OsFacts os = OsFacts.NONE;
        private @Nullable String computerName;
        private @Nullable PatchSettings patchSettings;

        private Builder(ResourceId resourceId, MachineKind kind) {
            this.resourceId = resourceId;
            this.kind = Objects.requireNonNull(kind, "kind");
        }

        /**
         * Sets the region.
         *
         * @param location e.g. {@code westeurope}
         * @return this builder
         */
        public Builder location(String location) {
            this.location = Objects.requireNonNull(location, "location");
            return this;
        }

        /**
         * Adds a tag.
         *
         * @param name the tag name
         * @param value the tag value
         * @return this builder
         */
        public Builder tag(String name, String value) {
            tags.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Adds tags.
         *
         * @param tags the tags
         * @return this builder
         */
        public Builder tags(Map<String, String> tags) {
            tags.forEach(this::tag);
            return this;
        }

        /**
         * Sets the OS facts.
         *
         * @param os the facts
         * @return this builder
         */
        public Builder os(OsFacts os) {
            this.os = Objects.requireNonNull(os, "os");
            return this;
        }

        /**
         * Sets the guest computer name (Log Analytics {@code Computer}).
         *
         * @param computerName the name, or null if unknown
         * @return this builder
         */
        public Builder computerName(@Nullable String computerName) {
            this.computerName = computerName;
            return this;
        }

        /**
         * Sets the VM guest patch settings.
         *
         * @param patchSettings the settings, or null if unknown
         * @return this builder
         */
        public Builder patchSettings(@Nullable PatchSettings patchSettings) {
            this.patchSettings = patchSettings;
            return this;
        }

        /**
         * Builds the machine.
         *
         * @return the machine, not null
         */
        public Machine build() {
            return new Machine(resourceId, kind, location, tags, os, computerName, patchSettings);
        }
    }
}
