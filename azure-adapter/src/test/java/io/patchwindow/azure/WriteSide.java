package io.patchwindow.azure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.patchwindow.azure.assessment.UpdateRow;
import io.patchwindow.azure.inventory.ArmMachines;
import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.AzureFleet;
import io.patchwindow.azure.testing.EmulatorFixture;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.port.AssessmentSource;

/** Test helpers for the write side: the fleet as core machines and assessment, and patient connections. */
public final class WriteSide {
    public static final Instant NOW = Instant.parse("2026-11-25T10:17:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private WriteSide() {
    }

    /** @return the fleet's machines as the inventory would map them */
    public static List<Machine> machines(AzureFleet fleet) {
        List<Machine> out = new ArrayList<>();
        for (ObjectNode m : fleet.machines()) {
            out.add(ArmMachines.fromJson(m));
        }
        return out;
    }

    /** @return the fleet's Log Analytics rows as an assessment source (no HTTP: the write side is under test) */
    public static AssessmentSource assessment(AzureFleet fleet) {
        return (request, sink) -> {
            for (JsonNode r : fleet.updateRows()) {
                sink.accept(new UpdateRow(Instant.parse(r.get("TimeGenerated").asText()), r.get("ResourceId").asText(),
                        r.get("Computer").asText(), r.get("SourceComputerId").asText(), r.get("Product").asText(),
                        r.get("ProductArch").asText(), r.get("ProductVersion").asText(),
                        r.get("Classification").asText(), r.get("UpdateState").asText(), r.get("OSType").asText())
                        .toRecord());
            }
        };
    }

    /** @return an adapter with many fast retries (fault tests: 20 % of writes fail once or more) */
    public static PatchwindowAzure patient(AzureEmulator azure) {
        return EmulatorFixture.connect(azure, Emulated.TOKEN, 12, Duration.ofMillis(2));
    }

    /** Sets a machine's patch tag in the fleet (as a user would in the portal). */
    public static void retag(AzureFleet fleet, String machineId, String value) {
        for (ObjectNode m : fleet.machines()) {
            if (m.path("id").asText().equalsIgnoreCase(machineId)) {
                ObjectNode tags = m.with("tags");
                tags.remove("Patch");
                tags.put("patch", value);
            }
        }
    }
}
