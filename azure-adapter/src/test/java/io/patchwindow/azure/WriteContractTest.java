package io.patchwindow.azure;

import static io.patchwindow.azure.WriteSide.CLOCK;
import static io.patchwindow.azure.WriteSide.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.patchwindow.azure.automation.AutomationDeploymentTarget;
import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.RecordedRequest;
import io.patchwindow.azure.testing.AzureFleet;
import io.patchwindow.azure.testing.AzureFleetGenerator;
import io.patchwindow.azure.updatemanager.UpdateManagerDeploymentTarget;
import io.patchwindow.azure.updatemanager.WindowsZones;
import io.patchwindow.core.apply.Applier;
import io.patchwindow.core.deployment.ExistingDeployment;
import io.patchwindow.core.deployment.Reboot;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.plan.Grouping;
import io.patchwindow.core.plan.Plan;
import io.patchwindow.core.plan.Planner;
import io.patchwindow.core.plan.Policy;

/**
 * Contract tests of the write side against the official specifications in {@code ../shared/azure-specs}
 * (system property {@code patchwindow.shared}): every Automation {@code PUT} body satisfies the 2019-06-01
 * {@code softwareUpdateConfiguration} schema; every Maintenance body has the 2023-04-01 example shapes and
 * value formats. Skipped, loudly, where the folder is absent.
 */
class WriteContractTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern START = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
    static final Pattern HHMM = Pattern.compile("(\\d{2}):(\\d{2})");
    static final String DAY = "(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
    /** recurEvery grammar of the Maintenance spec: daily, weekly with days, monthly. */
    static final Pattern RECUR = Pattern.compile("(\\d*Days?)|(\\d*Weeks?( " + DAY + "(," + DAY + ")*)?)"
            + "|(\\d*Months?( (day\\d{1,2}(,day\\d{1,2})*|(First|Second|Third|Fourth|Last) " + DAY
            + "( Offset-?[0-6])?))?)");
    /** Skips each test (so that the build log counts every one as skipped) when the specs are absent. */
    @org.junit.jupiter.api.BeforeEach
    void requireSpecs() {
        SharedSpecs.require();
    }

    static JsonNode spec(String file) throws IOException {
        return SharedSpecs.read(file);
    }

    static SwaggerSubset automationSchema() throws IOException {
        // scheduleFrequency lives in stable/2015-10-31/schedule.json, which the shared specs do not hold; its
        // values as generated SDKs list them (azure-reference.md A, [P])
        JsonNode frequency = JSON.readTree("{\"type\":\"string\",\"enum\":[\"OneTime\",\"Day\",\"Hour\",\"Week\","
                + "\"Month\",\"Minute\"]}");
        return new SwaggerSubset(spec("automation-2019-06-01/softwareUpdateConfiguration.json"),
                Map.of("../../stable/2015-10-31/schedule.json#/definitions/scheduleFrequency", frequency));
    }

    @Test
    void everyAutomationPutBody_satisfiesTheSoftwareUpdateConfigurationSchema() throws IOException {
        SwaggerSubset schema = automationSchema();
        // the validator accepts the spec's own example and rejects a broken body
        assertThat(schema.validate(spec("automation-2019-06-01/examples/createSoftwareUpdateConfiguration.json")
                .path("parameters").path("parameters"), "softwareUpdateConfiguration")).isEmpty();
        assertThat(schema.validate(JSON.readTree("{\"properties\":{\"updateConfiguration\":{\"operatingSystem\":"
                + "\"Solaris\",\"linux\":{\"includedPackageNameMasks\":\"openssl\"}},\"scheduleInfo\":{"
                + "\"frequency\":\"Fortnight\",\"isEnabled\":\"yes\"},\"extra\":1}}"), "softwareUpdateConfiguration"))
                .hasSize(5);

        AzureFleet fleet = AzureFleetGenerator.generate(150, 2, 41, NOW);
        String account = "/subscriptions/" + fleet.subscriptions().get(0)
                + "/resourceGroups/ops/providers/Microsoft.Automation/automationAccounts/aa";
        List<Machine> machines = WriteSide.machines(fleet);
        try (AzureEmulator azure = AzureEmulator.start(fleet).now(NOW)) {
            PatchwindowAzure pw = Emulated.connect(azure);
            for (boolean pin : List.of(false, true)) {
                for (Grouping grouping : Grouping.values()) {
                    AutomationDeploymentTarget target = AutomationDeploymentTarget.builder(pw, account)
                            .machines(machines).pinVersions(pin).build();
                    Policy policy = Policy.builder().grouping(grouping).namePrefix(pin ? "pin-" : "pw-").build();
                    Plan plan = Planner.of(policy).plan(machines, WriteSide.assessment(fleet), List.of(), CLOCK);
                    assertThat(Applier.of(target, 4).apply(plan.actions()).anyFailed()).isFalse();
                }
            }
            List<RecordedRequest> puts = azure.requests().stream()
                    .filter(r -> r.method().equals("PUT")).toList();
            assertThat(puts).hasSizeGreaterThan(100);
            boolean sawPinned = false;
            boolean sawGroup = false;
            for (RecordedRequest r : puts) {
                JsonNode body = JSON.readTree(r.body());
                assertThat(schema.validate(body, "softwareUpdateConfiguration")).as(r.body()).isEmpty();
                assertThat(r.query()).contains("api-version=2019-06-01");
                JsonNode uc = body.at("/properties/updateConfiguration");
                JsonNode si = body.at("/properties/scheduleInfo");
                assertThat(uc.get("operatingSystem").asText()).isEqualTo("Linux");
                assertThat(uc.get("linux").has("includedPackageClassifications")).isFalse();
                assertThat(uc.at("/linux/includedPackageNameMasks")).isNotEmpty();
                assertThat(Reboot.parse(uc.at("/linux/rebootSetting").asText())).isEqualTo(Reboot.ALWAYS);
                assertThat(Duration.parse(uc.get("duration").asText())).isEqualTo(Duration.ofHours(2));
                assertThat(si.get("frequency").asText()).isEqualTo("OneTime");
                assertThat(si.get("isEnabled").asBoolean()).isTrue();
                assertThat(si.get("startTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00[+-]\\d\\d:\\d\\d");
                ZoneId zone = ZoneId.of(si.get("timeZone").asText());
                OffsetDateTime start = OffsetDateTime.parse(si.get("startTime").asText());
                assertThat(start.getOffset()).isEqualTo(zone.getRules().getOffset(start.toInstant()));
                assertThat(start.toInstant()).isAfter(NOW.plus(Duration.ofMinutes(10)));
                int targets = uc.path("azureVirtualMachines").size() + uc.path("nonAzureComputerNames").size();
                assertThat(targets).isBetween(1, AutomationDeploymentTarget.MAX_MACHINES);
                sawGroup |= targets > 1;
                sawPinned |= uc.at("/linux/includedPackageNameMasks/0").asText().contains("=");
            }
            assertThat(sawPinned).isTrue();
            assertThat(sawGroup).isTrue();
        }
    }

    @Test
    void automationExampleResponse_isRead() throws IOException {
        JsonNode body = spec("automation-2019-06-01/examples/getSoftwareUpdateConfigurationByName.json")
                .at("/responses/200/body");
        try (AzureEmulator azure = AzureEmulator.start(new AzureFleet())) {
            AutomationDeploymentTarget target = AutomationDeploymentTarget.builder(Emulated.connect(azure),
                    "/subscriptions/51766542-3ed7-4a72-a187-0c8ab644ddab/resourceGroups/mygroup/providers"
                            + "/Microsoft.Automation/automationAccounts/myaccount").build();
            ExistingDeployment e = target.fromJson(body);
            assertThat(e.name()).isEqualTo(body.get("name").asText());
            assertThat(e.deployment().machineIds()).hasSize(body.at("/properties/updateConfiguration/"
                    + "azureVirtualMachines").size() + body.at("/properties/updateConfiguration/nonAzureComputerNames")
                    .size());
            assertThat(e.deployment().start().toInstant())
                    .isEqualTo(OffsetDateTime.parse(body.at("/properties/scheduleInfo/startTime").asText()).toInstant());
        }
    }

    @Test
    void everyMaintenanceBody_hasTheExampleShapesAndFormats() throws IOException {
        JsonNode createExample = spec("maintenance-2023-04-01/examples/MaintenanceConfigurations_CreateOrUpdateForResource.json")
                .at("/parameters/configuration");
        JsonNode linuxExample = spec("maintenance-2023-04-01/examples/MaintenanceConfigurations_GetForResource_GuestOSPatchLinux.json")
                .at("/responses/200/body");
        JsonNode assignmentExample = spec("maintenance-2023-04-01/examples/ConfigurationAssignments_CreateOrUpdate.json")
                .at("/parameters/configurationAssignment");
        // the format rules hold for the examples themselves
        for (JsonNode w : List.of(createExample.at("/properties/maintenanceWindow"),
                linuxExample.at("/properties/maintenanceWindow"))) {
            assertThat(w.get("startDateTime").asText()).matches(START);
            assertThat(w.get("expirationDateTime").asText()).matches(START);
            assertThat(w.get("duration").asText()).matches(HHMM);
            assertThat(w.get("recurEvery").asText()).matches(RECUR);
            assertThat(WindowsZones.ianaZone(w.get("timeZone").asText())).isNotNull();
        }

        AzureFleet fleet = AzureFleetGenerator.generate(300, 2, 43, NOW);
        String group = "/subscriptions/" + fleet.subscriptions().get(0) + "/resourceGroups/rg-schedules";
        List<Machine> machines = WriteSide.machines(fleet);
        try (AzureEmulator azure = AzureEmulator.start(fleet).now(NOW)) {
            PatchwindowAzure pw = Emulated.connect(azure);
            for (boolean pin : List.of(false, true)) {
                Policy policy = Policy.builder().grouping(Grouping.PER_WINDOW).maxGroupSize(3000)
                        .duration(pin ? Duration.ofMinutes(235) : Duration.ofMinutes(90))
                        .namePrefix(pin ? "pin-" : "pw-").build();
                UpdateManagerDeploymentTarget target = UpdateManagerDeploymentTarget.builder(pw, group, CLOCK)
                        .policy(policy).machines(machines).pinVersions(pin).fixPatchMode(true).build();
                Plan plan = Planner.of(policy).plan(machines, WriteSide.assessment(fleet), List.of(), CLOCK);
                assertThat(Applier.of(target, 4).apply(plan.actions()).anyFailed()).isFalse();
            }
            int configs = 0;
            int assignments = 0;
            boolean sawPinned = false;
            for (RecordedRequest r : azure.requests()) {
                if (!r.method().equals("PUT")) {
                    continue;
                }
                assertThat(r.query()).contains("api-version=2023-04-01");
                JsonNode body = JSON.readTree(r.body());
                if (r.path().contains("/configurationAssignments/")) {
                    assignments++;
                    assertKeysWithin(body, assignmentExample, Set.of("location"));
                    assertThat(body.at("/properties/maintenanceConfigurationId").asText())
                            .startsWith(group + "/providers/Microsoft.Maintenance/maintenanceConfigurations/");
                    continue;
                }
                configs++;
                // every key is one the examples use, except the two the docs and the spec add (tags, InGuestPatchMode)
                assertKeysWithin(body, createExample, Set.of("tags", "extensionProperties", "installPatches"));
                assertKeysWithin(body.at("/properties/installPatches"), linuxExample.at("/properties/installPatches"),
                        Set.of());
                for (String key : List.of("location", "properties")) {
                    assertThat(body.has(key)).isTrue();
                }
                JsonNode p = body.get("properties");
                assertThat(p.get("maintenanceScope").asText()).isEqualTo("InGuestPatch");
                assertThat(p.at("/extensionProperties/InGuestPatchMode").asText()).isEqualTo("User");
                assertThat(body.at("/tags/managed-by").asText()).isEqualTo("patchwindow");
                JsonNode w = p.get("maintenanceWindow");
                assertThat(w.get("startDateTime").asText()).matches(START);
                assertThat(w.get("expirationDateTime").asText()).isEqualTo("9999-12-31 00:00");
                Matcher d = HHMM.matcher(w.get("duration").asText());
                assertThat(d.matches()).isTrue();
                int minutes = Integer.parseInt(d.group(1)) * 60 + Integer.parseInt(d.group(2));
                assertThat(minutes).isBetween(90, 235);
                assertThat(w.get("recurEvery").asText()).matches("Week " + DAY).matches(RECUR);
                assertThat(w.get("timeZone").asText()).isEqualTo("Romance Standard Time");
                assertThat(WindowsZones.ianaZone(w.get("timeZone").asText())).isNotNull();
                JsonNode linux = p.at("/installPatches/linuxParameters");
                assertThat(linux.has("classificationsToInclude")).isFalse();
                assertThat(linux.get("packageNameMasksToInclude")).isNotEmpty();
                sawPinned |= linux.at("/packageNameMasksToInclude/0").asText().contains("=");
                assertThat(p.at("/installPatches/rebootSetting").asText()).isIn("IfRequired", "Never", "Always");
            }
            assertThat(configs).isGreaterThan(20);
            assertThat(assignments).isGreaterThan(configs);
            assertThat(sawPinned).isTrue();
        }
    }

    @Test
    void maintenanceExampleResponse_isRead() throws IOException {
        JsonNode body = spec("maintenance-2023-04-01/examples/MaintenanceConfigurations_GetForResource_GuestOSPatchLinux.json")
                .at("/responses/200/body");
        try (AzureEmulator azure = AzureEmulator.start(new AzureFleet())) {
            UpdateManagerDeploymentTarget target = UpdateManagerDeploymentTarget.builder(Emulated.connect(azure),
                    "/subscriptions/5b4b650e-28b9-4790-b3ab-ddbd88d727c4/resourcegroups/examplerg", CLOCK).build();
            ExistingDeployment e = target.fromJson(body, List.of(), Instant.parse("2026-11-25T10:27:00Z"));
            assertThat(e.managed()).isFalse(); // no managed-by tag: never touched
            assertThat(e.deployment().packages()).containsExactly("bin", "binutils");
            assertThat(e.deployment().reboot()).isEqualTo(Reboot.ALWAYS);
            assertThat(e.deployment().duration()).isEqualTo(Duration.ofHours(5));
            assertThat(e.deployment().timeZone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
            assertThat(e.deployment().start().toLocalTime().toString()).isEqualTo("08:00");
        }
    }

    /** Every field of {@code actual} (recursively, objects only) appears in {@code example}, or is allowed. */
    private static void assertKeysWithin(JsonNode actual, JsonNode example, Set<String> allowed) {
        List<String> unknown = new ArrayList<>();
        keys(actual, example, allowed, "$", unknown);
        assertThat(unknown).as("keys absent from the API example").isEmpty();
    }

    private static void keys(JsonNode actual, JsonNode example, Set<String> allowed, String path, List<String> out) {
        for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (allowed.contains(k)) {
                continue;
            }
            if (!example.has(k)) {
                out.add(path + "." + k);
            } else if (actual.get(k).isObject()) {
                keys(actual.get(k), example.get(k), allowed, path + "." + k, out);
            }
        }
    }
}
