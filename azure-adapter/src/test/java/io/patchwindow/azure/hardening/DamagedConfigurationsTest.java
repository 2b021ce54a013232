package io.patchwindow.azure.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.patchwindow.azure.PatchwindowAzure;
import io.patchwindow.azure.automation.AutomationDeploymentTarget;
import io.patchwindow.azure.internal.ArmJson;
import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.CliRun;
import io.patchwindow.azure.testing.EmulatorFixture;
import io.patchwindow.azure.updatemanager.UpdateManagerDeploymentTarget;
import io.patchwindow.core.assessment.PackageNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Configurations that Azure gives back damaged, end to end through the command line and the emulator, for both
 * backends. After a first apply, one of this run's configurations gets an include mask that hides a command in a
 * version pin ({@code openssl=1.0; reboot}: read split at {@code =}, it used to compare equal to the plan, so it was
 * kept and handed to yum forever), a pending configuration of the run's environment that the plan does not make gets
 * a wildcard mask, and a production configuration gets {@code <script>}. Expected: the plan rewrites the first (one
 * note line that quotes the mask and names the rule), deletes the second without {@code --prune}, never touches the
 * third; apply leaves only masks that pass the rule; the next plan keeps everything and writes nothing.
 */
class DamagedConfigurationsTest {
    static final Instant NOW = Instant.parse("2026-11-25T10:17:00Z");
    EmulatorFixture setup;
    AzureEmulator azure;
    PatchwindowAzure pw;
    ArmJson arm;

    @BeforeEach
    void start() {
        setup = EmulatorFixture.generate(60, 1, 77, NOW);
        azure = setup.start().now(NOW).resourceGroupLocation(setup.scheduleGroup(), "westeurope");
        pw = EmulatorFixture.connect(azure, "damaged-token", 2, Duration.ofMillis(1));
        arm = new ArmJson(pw.httpPipeline());
    }

    @AfterEach
    void stop() {
        azure.close();
    }

    CliRun run(List<String> args) {
        return CliRun.run(EmulatorFixture.connector(azure, "damaged-token", 2, Duration.ofMillis(1)), args);
    }

    /** Writes a resource as another client would (the portal, a script): a PUT through the emulator's API. */
    void put(String id, String apiVersion, JsonNode body) {
        ArmJson.Answer a = arm.send(HttpMethod.PUT, azure.endpoint() + id + "?api-version=" + apiVersion, body);
        assertThat(a.ok()).as("PUT %s: %s", id, a.body()).isTrue();
    }

    static ObjectNode first(List<ObjectNode> resources, String namePrefix, String masksPointer) {
        return resources.stream().filter(r -> r.path("name").asText().startsWith(namePrefix))
                .filter(r -> r.at(masksPointer).size() > 0).findFirst().orElseThrow();
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The plan's notes, as the text output prints them. */
    static List<String> notes(CliRun plan) {
        return plan.out().lines().filter(l -> l.startsWith("  note: ")).toList();
    }

    static Optional<String> note(CliRun plan, String action, String name) {
        return notes(plan).stream().filter(l -> l.startsWith("  note: " + action + " " + name + ": ")).findFirst();
    }

    static Map<String, String> byName(List<ObjectNode> resources) {
        Map<String, String> out = new TreeMap<>();
        resources.forEach(r -> out.put(r.path("name").asText(), r.toString()));
        return out;
    }

    @Test
    void automation_damagedConfigurations_areRewrittenOrDeleted_productionUntouched_thenTheRunSettles() {
        String masks = "/properties/updateConfiguration/linux/includedPackageNameMasks";
        for (String env : List.of("P", "Q,R")) {
            CliRun r = run(setup.automationArgs("apply", NOW, "--environments", env));
            assertThat(r.code()).as(r.err()).isZero();
        }
        List<ObjectNode> stored = azure.softwareUpdateConfigurations();
        ObjectNode planned = first(stored, "pw-Q-", masks);
        ObjectNode production = first(stored, "pw-P-", masks);
        String pinned = planned.at(masks).get(0).asText() + "=1.0; reboot";

        ObjectNode damaged = planned.deepCopy();
        ((ArrayNode) damaged.at(masks)).set(0, damaged.textNode(pinned));
        put(planned.path("id").asText(), AutomationDeploymentTarget.API_VERSION, damaged);
        String gone = "pw-Q-gone-0123456789abcdef";
        ObjectNode unplanned = planned.deepCopy();
        ((ArrayNode) unplanned.at(masks)).removeAll().add("kernel*");
        put(setup.account() + "/softwareUpdateConfigurations/" + gone, AutomationDeploymentTarget.API_VERSION,
                unplanned);
        ObjectNode hostile = production.deepCopy();
        ((ArrayNode) hostile.at(masks)).add("<script>");
        put(production.path("id").asText(), AutomationDeploymentTarget.API_VERSION, hostile);
        String productionBefore = byName(azure.softwareUpdateConfigurations()).get(production.path("name").asText());

        checkPlanApplyAndSettle(setup.automationArgs("plan", NOW, "--environments", "Q,R"),
                setup.automationArgs("apply", NOW, "--environments", "Q,R"), planned.path("name").asText(), pinned,
                gone, "kernel*");
        Map<String, String> after = byName(azure.softwareUpdateConfigurations());
        assertThat(after).doesNotContainKey(gone);
        assertThat(after.get(production.path("name").asText())).as("production, byte for byte")
                .isEqualTo(productionBefore);
        for (ObjectNode s : azure.softwareUpdateConfigurations()) {
            if (!s.path("name").asText().startsWith("pw-P-")) {
                assertThat(texts(s.at(masks))).as("the masks of %s", s.path("name").asText())
                        .allSatisfy(m -> assertThat(PackageNames.isValidName(m)).as(m).isTrue());
            }
        }
    }

    @Test
    void updateManager_damagedConfigurations_areRewrittenOrDeleted_productionUntouched_thenTheRunSettles() {
        String masks = "/properties/installPatches/linuxParameters/packageNameMasksToInclude";
        for (String env : List.of("P", "Q,R")) {
            CliRun r = run(setup.updateManagerArgs("apply", NOW, "--environments", env));
            assertThat(r.code()).as(r.err()).isZero();
        }
        List<ObjectNode> stored = azure.maintenanceConfigurations();
        ObjectNode planned = first(stored, "pw-Q-", masks);
        ObjectNode production = first(stored, "pw-P-", masks);
        String pinned = planned.at(masks).get(0).asText() + "=1.0; reboot";

        ObjectNode damaged = planned.deepCopy();
        ((ArrayNode) damaged.at(masks)).set(0, damaged.textNode(pinned));
        put(planned.path("id").asText(), UpdateManagerDeploymentTarget.API_VERSION, damaged);
        String gone = "pw-Q-SUN-0100-0badc0de";
        ObjectNode unplanned = planned.deepCopy();
        ((ArrayNode) unplanned.at(masks)).removeAll().add("kernel*");
        put(setup.scheduleGroup() + "/providers/Microsoft.Maintenance/maintenanceConfigurations/" + gone,
                UpdateManagerDeploymentTarget.API_VERSION, unplanned);
        ObjectNode hostile = production.deepCopy();
        ((ArrayNode) hostile.at(masks)).add("<script>");
        put(production.path("id").asText(), UpdateManagerDeploymentTarget.API_VERSION, hostile);
        String productionBefore = byName(azure.maintenanceConfigurations()).get(production.path("name").asText());

        checkPlanApplyAndSettle(setup.updateManagerArgs("plan", NOW, "--environments", "Q,R"),
                setup.updateManagerArgs("apply", NOW, "--environments", "Q,R"), planned.path("name").asText(), pinned,
                gone, "kernel*");
        Map<String, String> after = byName(azure.maintenanceConfigurations());
        assertThat(after).doesNotContainKey(gone);
        assertThat(after.get(production.path("name").asText())).as("production, byte for byte")
                .isEqualTo(productionBefore);
        for (ObjectNode c : azure.maintenanceConfigurations()) {
            if (!c.path("name").asText().startsWith("pw-P-")) {
                assertThat(texts(c.at(masks))).as("the masks of %s", c.path("name").asText())
                        .allSatisfy(m -> assertThat(PackageNames.isValidName(m)).as(m).isTrue());
            }
        }
    }

    /**
     * Plans (one UPDATE note for the damaged planned configuration, one DELETE note for the damaged unplanned one,
     * nothing about production), applies (exit 0), plans again (KEEP) and applies again (no write).
     */
    void checkPlanApplyAndSettle(List<String> planArgs, List<String> applyArgs, String planned, String pinned,
                                 String gone, String goneMask) {
        CliRun plan = run(planArgs);
        assertThat(plan.code()).as(plan.err()).isZero();
        assertThat(note(plan, "UPDATE", planned)).as(plan.out()).hasValueSatisfying(n -> assertThat(n)
                .contains("damaged: package mask '" + pinned + "' pins a version that breaks the version rule ("
                        + PackageNames.VERSION_RULE + ")"));
        assertThat(note(plan, "DELETE", gone)).as(plan.out()).hasValueSatisfying(n -> assertThat(n)
                .contains("no longer planned; damaged: package mask '" + goneMask
                        + "' breaks the package-name rule (" + PackageNames.RULE + ")"));
        assertThat(plan.out()).doesNotContain("pw-P-").doesNotContain("<script>");
        assertThat(notes(plan)).allSatisfy(n -> assertThat(n).doesNotContain("\r").hasSizeLessThan(400));

        CliRun apply = run(applyArgs);
        assertThat(apply.code()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.out()).doesNotContain("FAILED");

        CliRun again = run(planArgs);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).doesNotContain("damaged").doesNotContain(gone);
        assertThat(again.out().lines().filter(l -> l.strip().startsWith("KEEP ") && l.contains(planned))).as(again.out())
                .hasSize(1);
        azure.resetCounters();
        CliRun settled = run(applyArgs);
        assertThat(settled.code()).as(settled.err()).isZero();
        assertThat(azure.writeRequestCount()).as("writes of the apply after the repair").isZero();
    }
}
