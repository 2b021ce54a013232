package io.patchwindow.azure.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchwindow.core.deployment.ExistingDeployment;
import io.patchwindow.core.deployment.Reboot;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Reads the official Automation API example (azure-rest-api-specs, 2019-06-01) as a snapshot's
 * {@code deployments}. The shared folder is found through the system property {@code patchwindow.shared},
 * which the build sets; the test is skipped, loudly, when the file is not there.
 */
class OfficialExamplesTest {
    private static final String LIST_EXAMPLE = "azure-specs/automation-2019-06-01/examples/listSoftwareUpdateConfigurations.json";

    private static Path example(String relative) {
        String shared = System.getProperty("patchwindow.shared");
        Path file = shared == null ? null : Path.of(shared).resolve(relative);
        boolean present = file != null && Files.isRegularFile(file);
        if (!present) {
            String reason = "SKIPPED: official example " + relative + " not found (system property patchwindow.shared = "
                    + shared + "); run the build from the repository checkout next to the shared folder";
            System.err.println(reason);
            System.out.println(reason);
            Assumptions.assumeTrue(false, reason);
        }
        return file;
    }

    @Test
    void listSoftwareUpdateConfigurations_responseBody_readsAsDeployments() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode value = mapper.readTree(example(LIST_EXAMPLE).toFile()).at("/responses/200/body/value");
        assertThat(value.isArray()).as("responses.200.body.value").isTrue();
        ObjectNode doc = mapper.createObjectNode();
        doc.putArray("machines");
        doc.set("deployments", value);

        Snapshot snapshot = Snapshot.ofJson("listSoftwareUpdateConfigurations.json", mapper.writeValueAsString(doc));
        List<ExistingDeployment> deployments = snapshot.deployments("testpatch-");

        assertThat(deployments).extracting(ExistingDeployment::name).containsExactly("testpatch-01", "testpatch-02");
        ExistingDeployment first = deployments.get(0);
        assertThat(first.managed()).isTrue(); // no tags: recognised by the prefix
        assertThat(first.resourceId()).endsWith("/softwareUpdateConfigurations/testpatch-01");
        // list items carry startTime/nextRun directly under properties and no time zone: the offset stands in
        assertThat(first.deployment().start().toOffsetDateTime()).hasToString("2017-10-19T12:22-07:00");
        assertThat(first.deployment().timeZone()).isEqualTo(ZoneOffset.ofHours(-7));
        assertThat(first.nextRun()).isEqualTo(Instant.parse("2017-10-23T19:22:00Z"));
        assertThat(first.deployment().duration()).isEqualTo(Duration.ofHours(2));
        assertThat(first.deployment().reboot()).isEqualTo(Reboot.IF_REQUIRED); // Windows, no reboot setting given
        assertThat(first.deployment().packages()).isEmpty();
        assertThat(first.deployment().machineIds()).hasSize(3).allMatch(id -> id.contains("/virtualMachines/vm-0"));
        assertThat(deployments.get(1).deployment().duration()).isEqualTo(Duration.ofMinutes(150));
        assertThat(snapshot.deployments("pw-")).noneMatch(ExistingDeployment::managed);
        assertThat(new SnapshotDeployments(snapshot).existing("pw-")).isEmpty();
    }
}
