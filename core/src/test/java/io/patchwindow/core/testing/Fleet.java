package io.patchwindow.core.testing;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import io.patchwindow.core.assessment.Classification;
import io.patchwindow.core.assessment.UpdateRecord;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.inventory.MachineKind;
import io.patchwindow.core.inventory.OsFacts;
import org.jspecify.annotations.Nullable;

/**
 * Terse test data: machines with valid resource ids and update records.
 *
 * <pre>{@code
 * Machine vm = Fleet.vm("vm1").tag("patch", "CENTOS-P-MON-03:00").build();          // CentOS 7.9 marketplace VM
 * Machine arc = Fleet.arc("srv1").tag("patch", "CENTOS-Q-WED-12:00").build();       // CentOS Arc server
 * Machine other = Fleet.vm(Fleet.OTHER_SUBSCRIPTION, "vm1").build();                 // same name, other subscription
 * UpdateRecord r = Fleet.update(vm.id(), "openssl").arch("i686").at(t).build();     // Needed, Security
 * }</pre>
 */
public final class Fleet {
    /** A valid subscription GUID, used by default. */
    public static final String SUBSCRIPTION = "0b1f6471-1bf0-4dda-aec3-cb9272f09590";
    /** A second valid subscription GUID, for machines that share a name across subscriptions. */
    public static final String OTHER_SUBSCRIPTION = "5c3d7e2a-9f41-4b6c-8d2e-1a0f3b4c5d6e";
    /** The resource group of the machines made here. */
    public static final String RESOURCE_GROUP = "rg-patch";
    /** The OS facts of a CentOS 7.9 marketplace image. */
    public static final OsFacts CENTOS_IMAGE = OsFacts.marketplace("OpenLogic", "CentOS", "7_9");
    /** The OS facts of an Arc server running CentOS 7. */
    public static final OsFacts CENTOS_ARC = new OsFacts(null, null, null, null, "CentOS Linux", "CentOS Linux 7 (Core)",
            "Linux");

    private Fleet() {
    }

    /**
     * Returns the id of an Azure VM in the default subscription.
     *
     * @param name the VM name, e.g. {@code vm1}
     * @return the resource id, not null
     */
    public static String vmId(String name) {
        return vmId(SUBSCRIPTION, name);
    }

    /**
     * Returns the id of an Azure VM.
     *
     * @param subscription the subscription GUID
     * @param name the VM name
     * @return the resource id, not null
     */
    public static String vmId(String subscription, String name) {
        return "/subscriptions/" + subscription + "/resourceGroups/" + RESOURCE_GROUP
                + "/providers/Microsoft.Compute/virtualMachines/" + name;
    }

    /**
     * Returns the id of an Arc server in the default subscription.
     *
     * @param name the machine name
     * @return the resource id, not null
     */
    public static String arcId(String name) {
        return "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + RESOURCE_GROUP
                + "/providers/Microsoft.HybridCompute/machines/" + name;
    }

    /**
     * Starts a CentOS marketplace VM in {@code westeurope}, default subscription, no tags.
     *
     * @param name the VM name
     * @return a machine builder, not null
     */
    public static Machine.Builder vm(String name) {
        return vm(SUBSCRIPTION, name);
    }

    /**
     * Starts a CentOS marketplace VM in {@code westeurope} in a subscription, no tags.
     *
     * @param subscription the subscription GUID
     * @param name the VM name
     * @return a machine builder, not null
     */
    public static Machine.Builder vm(String subscription, String name) {
        return Machine.builder(vmId(subscription, name), MachineKind.AZURE_VM).location("westeurope").os(CENTOS_IMAGE);
    }

    /**
     * Starts a CentOS Arc server in {@code westeurope}, default subscription, no tags.
     *
     * @param name the machine name (also its computer name)
     * @return a machine builder, not null
     */
    public static Machine.Builder arc(String name) {
        return Machine.builder(arcId(name), MachineKind.ARC_SERVER).location("westeurope").os(CENTOS_ARC);
    }

    /**
     * Returns a CentOS VM with a patch tag.
     *
     * @param name the VM name
     * @param patchTag the {@code patch} tag value, e.g. {@code CENTOS-P-MON-03:00}
     * @return the machine, not null
     */
    public static Machine centosVm(String name, String patchTag) {
        return vm(name).tag("patch", patchTag).build();
    }

    /**
     * Starts an update record: {@code Needed}, classified Security, architecture {@code x86_64}, no version,
     * no computer name, generated at the epoch until {@link UpdateBuilder#at} says otherwise.
     *
     * @param machineId the machine resource id (may be empty to rely on the computer name)
     * @param product the package name
     * @return a record builder, not null
     */
    public static UpdateBuilder update(String machineId, String product) {
        return new UpdateBuilder(machineId, product);
    }

    /**
     * Returns a Needed, Security, {@code x86_64} record of a package at a time.
     *
     * @param machineId the machine resource id
     * @param product the package name
     * @param at when the record was generated
     * @return the record, not null
     */
    public static UpdateRecord needed(String machineId, String product, Instant at) {
        return update(machineId, product).at(at).build();
    }

    /**
     * Builds an {@link UpdateRecord}. Not thread-safe.
     */
    public static final class UpdateBuilder {
        private final String machineId;
        private final String product;
        private String arch = "x86_64";
        private @Nullable String version;
        private @Nullable String computer;
        private Set<Classification> classifications = EnumSet.of(Classification.SECURITY);
        private boolean needed = true;
        private Instant at = Instant.EPOCH;
        private @Nullable String installedVersion;

        private UpdateBuilder(String machineId, String product) {
            this.machineId = Objects.requireNonNull(machineId, "machineId");
            this.product = Objects.requireNonNull(product, "product");
        }

        /**
         * Sets the architecture.
         *
         * @param arch e.g. {@code i686}, or empty
         * @return this builder
         */
        public UpdateBuilder arch(String arch) {
            this.arch = Objects.requireNonNull(arch, "arch");
            return this;
        }

        /**
         * Sets the available version.
         *
         * @param version e.g. {@code 1.0.2k-26.el7_9}
         * @return this builder
         */
        public UpdateBuilder version(@Nullable String version) {
            this.version = version;
            return this;
        }

        /**
         * Sets the computer name (Log Analytics {@code Computer}).
         *
         * @param computer the name
         * @return this builder
         */
        public UpdateBuilder computer(@Nullable String computer) {
            this.computer = computer;
            return this;
        }

        /**
         * Sets the classifications.
         *
         * @param first a classification
         * @param rest more classifications
         * @return this builder
         */
        public UpdateBuilder classifications(Classification first, Classification... rest) {
            this.classifications = EnumSet.of(first, rest);
            return this;
        }

        /**
         * Sets the classifications from a cloud text, e.g. {@code Critical Updates}.
         *
         * @param text the text, read by {@link Classification#parseAll(String)}
         * @return this builder
         */
        public UpdateBuilder classification(String text) {
            this.classifications = Classification.parseAll(text);
            return this;
        }

        /**
         * Sets the installed version (which Azure's assessments do not report).
         *
         * @param installedVersion e.g. {@code 1:1.0.2k-25.el7_9}, or null for unknown
         * @return this builder
         */
        public UpdateBuilder installedVersion(@Nullable String installedVersion) {
            this.installedVersion = installedVersion;
            return this;
        }

        /**
         * Makes the record {@code Installed} (not needed).
         *
         * @return this builder
         */
        public UpdateBuilder installed() {
            this.needed = false;
            return this;
        }

        /**
         * Sets the generation time.
         *
         * @param at the time
         * @return this builder
         */
        public UpdateBuilder at(Instant at) {
            this.at = Objects.requireNonNull(at, "at");
            return this;
        }

        /**
         * Builds the record.
         *
         * @return the record, not null
         */
        public UpdateRecord build() {
            return new UpdateRecord(machineId, computer, product, arch, version, classifications, needed, at,
                    installedVersion);
        }
    }
}
