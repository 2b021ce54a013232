package io.patchwindow.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.patchwindow.azure.assessment.PatchAssessmentRow;
import io.patchwindow.azure.assessment.ResourceGraphAssessmentSource;
import io.patchwindow.azure.assessment.RowSink;
import io.patchwindow.azure.assessment.UpdateRow;
import io.patchwindow.azure.export.SnapshotWriter;
import io.patchwindow.azure.inventory.ArmMachines;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.inventory.MachineKind;
import io.patchwindow.core.inventory.OsFacts;
import io.patchwindow.core.inventory.PatchSettings;
import io.patchwindow.core.port.AssessmentRequest;

class SnapshotWriterTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SUB = "0b1f6471-1bf0-4dda-aec3-cb9272f09590";
    static final Instant T = Instant.parse("2026-11-25T09:00:00Z");

    static final Machine VM = Machine.builder("/subscriptions/" + SUB + "/resourceGroups/rg/providers/"
                    + "Microsoft.Compute/virtualMachines/vm1", MachineKind.AZURE_VM)
            .location("westeurope").tag("patch", "CENTOS-Q-WED-12:00").tag("owner", "ops")
            .os(new OsFacts("OpenLogic", "CentOS", "7_9", null, "CentOS Linux", null, "Linux"))
            .computerName("vm1.corp").patchSettings(new PatchSettings("AutomaticByPlatform", true)).build();
    static final Machine ARC = Machine.builder("/subscriptions/" + SUB + "/resourceGroups/rg/providers/"
                    + "Microsoft.HybridCompute/machines/arc1", MachineKind.ARC_SERVER)
            .location("francecentral").os(new OsFacts(null, null, null, null, "linux", "CentOS Linux 7 (Core)", "linux"))
            .computerName("arc1.corp").build();
    static final Machine BARE = Machine.builder("/subscriptions/" + SUB + "/resourceGroups/rg/providers/"
            + "Microsoft.Compute/virtualMachines/a-bare", MachineKind.AZURE_VM).build();

    private static String write(RowSink<UpdateRow> warnings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SnapshotWriter w = SnapshotWriter.create(out)) {
            w.machines(List.of(VM, ARC, BARE));
            w.updateRows((req, sink) -> {
                sink.accept(new UpdateRow(T, VM.id(), "vm1.corp", "scid", "openssl", "x86_64", "1.0.2k-26.el7",
                        "Security Updates", "Needed", "Linux"));
                sink.accept(new UpdateRow(T, "", "box.corp", null, "bash", "", null, "Critical Updates", "Needed",
                        null));
                sink.warning("partial");
            }, new AssessmentRequest(List.of(), T));
            w.patchAssessmentRows((req, sink) -> {
                sink.accept(new PatchAssessmentRow(ARC.id() + "/patchAssessmentResults/latest",
                        "microsoft.hybridcompute/machines/patchassessmentresults", null, null, List.of(), T));
                sink.accept(new PatchAssessmentRow(ARC.id() + "/patchAssessmentResults/latest/softwarePatches/x",
                        "microsoft.hybridcompute/machines/patchassessmentresults/softwarepatches", "openssl",
                        "1:1.0.2k-26.el7", List.of("Security", "Critical"), T));
            }, new AssessmentRequest(List.of(), T));
            assertThat(w.warnings()).containsExactly("partial");
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesArmObjectsUpdateRowsAndPatchAssessments_inOrder() throws Exception {
        String text = write(r -> { });
        JsonNode root = JSON.readTree(text);
        assertThat(root.fieldNames()).toIterable().containsExactly("machines", "updates", "patchAssessments");
        JsonNode machines = root.get("machines");
        assertThat(machines).hasSize(3);
        // sorted by lower-case id: .../microsoft.compute/... before .../microsoft.hybridcompute/...
        assertThat(machines.findValuesAsText("name")).containsExactly("a-bare", "vm1", "arc1");
        JsonNode vm = machines.get(1);
        assertThat(vm.get("type").asText()).isEqualTo("Microsoft.Compute/virtualMachines");
        assertThat(vm.at("/properties/storageProfile/imageReference/offer").asText()).isEqualTo("CentOS");
        assertThat(vm.at("/properties/osProfile/linuxConfiguration/patchSettings/patchMode").asText())
                .isEqualTo("AutomaticByPlatform");
        assertThat(vm.at("/properties/osProfile/linuxConfiguration/patchSettings/automaticByPlatformSettings"
                + "/bypassPlatformSafetyChecksOnUserSchedule").asBoolean()).isTrue();
        assertThat(vm.at("/tags/patch").asText()).isEqualTo("CENTOS-Q-WED-12:00");
        assertThat(machines.get(2).at("/properties/osSku").asText()).isEqualTo("CentOS Linux 7 (Core)");
        assertThat(machines.get(0).get("properties")).isEmpty();

        List<Machine> back = new ArrayList<>();
        machines.forEach(m -> back.add(ArmMachines.fromJson(m)));
        assertThat(back).containsExactly(BARE, VM, ARC);

        JsonNode u = root.get("updates").get(0);
        assertThat(u.fieldNames()).toIterable().containsExactly("TimeGenerated", "ResourceId", "Computer",
                "SourceComputerId", "Product", "ProductArch", "ProductVersion", "Classification", "UpdateState", "OSType");
        assertThat(u.get("TimeGenerated").asText()).isEqualTo("2026-11-25T09:00:00Z");
        assertThat(root.get("updates").get(1).get("ProductVersion").isNull()).isTrue();

        JsonNode summary = root.get("patchAssessments").get(0);
        assertThat(summary.at("/properties/lastModifiedDateTime").asText()).isEqualTo("2026-11-25T09:00:00Z");
        assertThat(summary.at("/properties").has("patchName")).isFalse();
        JsonNode patch = root.get("patchAssessments").get(1);
        assertThat(patch.at("/properties/classifications").toString()).isEqualTo("[\"Security\",\"Critical\"]");
        assertThat(ResourceGraphAssessmentSource.toRow(patch).toRecord().machineId()).isEqualTo(ARC.id());
    }

    @Test
    void sameInputs_giveIdenticalBytes_withUnixLineEnds() {
        String a = write(r -> { });
        assertThat(write(r -> { })).isEqualTo(a);
        assertThat(a).doesNotContain("\r").endsWith("}\n").contains("\n  \"machines\" : [");
    }

    @Test
    void aSectionIsWrittenOnce() {
        SnapshotWriter w = SnapshotWriter.create(new ByteArrayOutputStream());
        w.machines(List.of());
        assertThatThrownBy(() -> w.machines(List.of())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("machines");
        w.close();
    }
}
