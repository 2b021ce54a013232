package io.patchwindow.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.patchwindow.core.inventory.OsSelector.Outcome;
import io.patchwindow.core.testing.Fleet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InventoryTest {

    @Test
    void resourceId_parsesTheParts_andKeysCaseInsensitively() {
        ResourceId id = ResourceId.parse("/subscriptions/0B1F6471-1BF0-4DDA-AEC3-CB9272F09590/resourcegroups/RG-App"
                + "/providers/Microsoft.Compute/virtualMachines/vm1/");

        assertThat(id.id()).doesNotEndWith("/");
        assertThat(id.subscriptionId()).isEqualTo(Fleet.SUBSCRIPTION);
        assertThat(id.resourceGroup()).isEqualTo("RG-App");
        assertThat(id.fullType()).isEqualTo("Microsoft.Compute/virtualMachines");
        assertThat(id.name()).isEqualTo("vm1");
        assertThat(id.key()).isEqualTo(id.id().toLowerCase()).isEqualTo(ResourceId.key(id.id().toUpperCase() + "/"));
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', value = {
        "/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1",
        "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines",
        "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1/extensions/x",
        "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/../x",
        "vm1",
    })
    void resourceId_rejectsAnythingButATopLevelId(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> ResourceId.parse(text))
                .withMessageStartingWith("Invalid resource id '" + text.substring(0, Math.min(text.length(), 100)))
                .withMessageEndingWith("': expected /subscriptions/<GUID>/resourceGroups/<group>/providers/<Namespace>/<type>/<name>");
    }

    @Test
    void machineKind_isFoundFromTheResourceTypeCaseInsensitively() {
        assertThat(MachineKind.ofResourceType("microsoft.compute/VIRTUALMACHINES")).contains(MachineKind.AZURE_VM);
        assertThat(MachineKind.ofResourceType("Microsoft.HybridCompute/machines")).contains(MachineKind.ARC_SERVER);
        assertThat(MachineKind.ofResourceType("Microsoft.Compute/virtualMachineScaleSets")).isEmpty();
        assertThat(MachineKind.ofResourceType(" Microsoft.Compute/virtualMachines\t")).contains(MachineKind.AZURE_VM);
        // Letters that equalsIgnoreCase folds to ASCII but lower-casing keeps: not the resource type.
        assertThat(MachineKind.ofResourceType("Microsoft.Compute/virtualMachine\u017f")).isEmpty();
        assertThat(MachineKind.ofResourceType("Microsoft.HybridCompute/machınes")).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0} offer={1} id={2} osName={3} sku={4} -> {5}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "AZURE_VM   | CentOS       | -                                      | -                   | -                      | SELECTED",
        "AZURE_VM   | centos-8     | -                                      | -                   | -                      | SELECTED",
        "AZURE_VM   | -            | /subscriptions/x/images/CENTOS7-golden | -                   | -                      | SELECTED",
        "AZURE_VM   | UbuntuServer | -                                      | CentOS Linux        | -                      | NOT_SELECTED",
        "AZURE_VM   | -            | -                                      | CentOS Linux 7      | -                      | SELECTED",
        "AZURE_VM   | -            | -                                      | -                   | -                      | UNKNOWN",
        "ARC_SERVER | -            | -                                      | -                   | CentOS Linux 7 (Core)  | SELECTED",
        "ARC_SERVER | CentOS       | -                                      | Ubuntu 22.04        | -                      | NOT_SELECTED",
        "ARC_SERVER | -            | -                                      | '   '               | -                      | UNKNOWN",
    })
    void osSelector_decidesFromImageFirst_thenGuestOsName(MachineKind kind, String offer, String imageId, String osName,
                                                          String osSku, Outcome expected) {
        Machine m = Machine.builder(kind == MachineKind.AZURE_VM ? Fleet.vmId("m") : Fleet.arcId("m"), kind)
                .os(new OsFacts(null, offer, null, imageId, osName, osSku, null)).build();

        assertThat(OsSelector.centos().select(m).outcome()).isEqualTo(expected);
        assertThat(OsSelector.centos().outcome(m)).isEqualTo(expected);
    }

    /** Property (seeded): {@code outcome} is the outcome of {@code select}, for any facts and keywords. */
    @Test
    void osSelector_outcome_isTheOutcomeOfSelect() {
        String[] texts = {null, "", " ", "CentOS", "centos-7", "UbuntuServer", "RockyLinux", "rhel", "ALMA linux",
            "/subscriptions/x/galleries/gold/images/centos-7", "Windows"};
        java.util.SplittableRandom random = new java.util.SplittableRandom(20261127);
        OsSelector[] selectors = {OsSelector.centos(), OsSelector.of("rocky", "alma"), OsSelector.of("linux")};
        for (int i = 0; i < 2000; i++) {
            MachineKind kind = random.nextBoolean() ? MachineKind.AZURE_VM : MachineKind.ARC_SERVER;
            String[] f = new String[6];
            for (int k = 0; k < f.length; k++) {
                f[k] = texts[random.nextInt(texts.length)];
            }
            Machine m = Machine.builder(kind == MachineKind.AZURE_VM ? Fleet.vmId("m") : Fleet.arcId("m"), kind)
                    .os(new OsFacts(f[0], f[1], f[2], f[3], f[4], f[5], null)).build();
            for (OsSelector s : selectors) {
                assertThat(s.outcome(m)).as("case %d, %s, %s", i, s, m.os()).isEqualTo(s.select(m).outcome());
            }
        }
    }

    @Test
    void osSelector_withSeveralKeywords() {
        OsSelector s = OsSelector.of("CentOS", " almalinux ", "rocky", "centos");
        Machine rocky = Fleet.vm("vm1").os(OsFacts.marketplace("resf", "rockylinux-x86_64", "9-base")).build();

        assertThat(s.keywords()).containsExactly("centos", "almalinux", "rocky");
        assertThat(s.select(rocky).outcome()).isEqualTo(Outcome.SELECTED);
        assertThat(s.select(rocky).detail()).isEqualTo("image offer 'rockylinux-x86_64' matches 'rocky'");
        assertThatIllegalArgumentException().isThrownBy(() -> OsSelector.of(" "))
                .withMessage("Invalid OS keyword ' ': must not be blank; expected e.g. centos, almalinux, rocky");
    }

    @Test
    void patchSettings_readyOnlyWithAutomaticByPlatformAndBypass() {
        assertThat(new PatchSettings("AutomaticByPlatform", true).readyForUserSchedule()).isTrue();
        assertThat(new PatchSettings("automaticbyplatform", true).readyForUserSchedule()).isTrue();
        assertThat(new PatchSettings("AutomaticByPlatform", false).readyForUserSchedule()).isFalse();
        assertThat(new PatchSettings("ImageDefault", true).readyForUserSchedule()).isFalse();
        assertThat(new PatchSettings(null, true).readyForUserSchedule()).isFalse();
    }

    @Test
    void osSelector_isAValue_ofItsKeywords() {
        OsSelector s = OsSelector.of("centos", "rocky");

        assertThat(s).isEqualTo(OsSelector.of(" CentOS ", "ROCKY")).hasSameHashCodeAs(OsSelector.of("centos", "rocky"))
                .isNotEqualTo(OsSelector.centos()).isNotEqualTo("centos,rocky").hasToString("centos,rocky");
        assertThat(s.hashCode()).isNotEqualTo(OsSelector.centos().hashCode());
        assertThat(OsSelector.centos()).hasToString("centos");
    }

    @Test
    void osFacts_isEmpty_onlyWhenNoFieldCarriesText() {
        assertThat(OsFacts.NONE.isEmpty()).isTrue();
        assertThat(new OsFacts(" ", "", null, "\t", null, " ", "Linux").isEmpty()).as("osType alone says nothing").isTrue();
        for (int i = 0; i < 6; i++) {
            String[] f = new String[6];
            f[i] = "CentOS";
            assertThat(new OsFacts(f[0], f[1], f[2], f[3], f[4], f[5], null).isEmpty()).as("field %d", i).isFalse();
        }
        assertThat(OsFacts.marketplace("OpenLogic", "CentOS", "7_9").isEmpty()).isFalse();
    }

    @Test
    void machineBuilder_tags_addsEveryTagInOrder() {
        java.util.Map<String, String> tags = new java.util.LinkedHashMap<>();
        tags.put("patch", "CENTOS-P-MON-03:00");
        tags.put("owner", "ops");

        Machine m = Fleet.vm("vm1").tag("env", "p").tags(tags).build();

        assertThat(m.tags()).containsExactly(java.util.Map.entry("env", "p"), java.util.Map.entry("patch", "CENTOS-P-MON-03:00"),
                java.util.Map.entry("owner", "ops"));
        assertThat(m.subscriptionId()).isEqualTo(Fleet.SUBSCRIPTION);
    }
}
