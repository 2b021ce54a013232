package io.patchwindow.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.patchwindow.azure.automation.AutomationDeploymentTarget;
import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.EmulatorFixture;
import io.patchwindow.azure.testing.Fault;
import io.patchwindow.azure.updatemanager.UpdateManagerDeploymentTarget;
import io.patchwindow.core.assessment.PackageNames;
import io.patchwindow.core.deployment.ActionKind;
import io.patchwindow.core.deployment.ActionResult;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.deployment.DeploymentAction;
import io.patchwindow.core.deployment.ExistingDeployment;
import io.patchwindow.core.deployment.Reboot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What both targets read back from Azure is checked before it is trusted, and what they write is checked before it
 * is sent: regression tests for what the answers fuzz found (issue 14, {@code -Dpatchwindow.fuzz.factor=5}, seeds
 * 4404 and 1).
 */
class ReadBackTest {
    static final Instant NOW = Instant.parse("2026-11-25T10:17:00Z");
    static final ObjectMapper JSON = new ObjectMapper();
    static EmulatorFixture setup;
    static AzureEmulator azure;
    static AutomationDeploymentTarget automation;
    static UpdateManagerDeploymentTarget updateManager;

    @BeforeAll
    static void start() {
        setup = EmulatorFixture.generate(12, 1, 31, NOW);
        azure = setup.start().now(NOW);
        PatchwindowAzure pw = EmulatorFixture.connect(azure, "read-back-token", 1, Duration.ofMillis(1));
        automation = AutomationDeploymentTarget.builder(pw, setup.account()).build();
        updateManager = UpdateManagerDeploymentTarget.builder(pw, setup.scheduleGroup(), Clock.fixed(NOW, ZoneOffset.UTC))
                .location("westeurope").build();
    }

    @AfterAll
    static void stop() {
        azure.close();
    }

    @AfterEach
    void clear() {
        azure.clearFaults();
        azure.resetCounters();
    }

    static ObjectNode suc(String name, String masks) {
        try {
            return (ObjectNode) JSON.readTree("{\"id\":\"" + setup.account() + "/softwareUpdateConfigurations/" + name
                    + "\",\"name\":\"" + name + "\",\"properties\":{\"updateConfiguration\":{\"operatingSystem\":"
                    + "\"Linux\",\"duration\":\"PT2H\",\"linux\":{\"rebootSetting\":\"Always\","
                    + "\"includedPackageNameMasks\":" + masks + "},\"azureVirtualMachines\":[\""
                    + setup.fleet().machines().get(0).get("id").asText() + "\"]},\"scheduleInfo\":{\"frequency\":"
                    + "\"OneTime\",\"startTime\":\"2026-11-29T12:00:00+01:00\",\"timeZone\":\"Europe/Paris\","
                    + "\"isEnabled\":true,\"nextRun\":\"2026-11-29T12:00:00+01:00\"}}}");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode maintenance(String name, String masks, String duration) {
        try {
            return (ObjectNode) JSON.readTree("{\"id\":\"" + setup.scheduleGroup()
                    + "/providers/Microsoft.Maintenance/maintenanceConfigurations/" + name + "\",\"name\":\"" + name
                    + "\",\"location\":\"westeurope\",\"tags\":{\"managed-by\":\"patchwindow\","
                    + "\"patchwindow-time-zone\":\"Europe/Paris\"},\"properties\":{\"maintenanceScope\":\"InGuestPatch\","
                    + "\"maintenanceWindow\":{\"startDateTime\":\"2026-12-02 12:00\",\"duration\":\"" + duration
                    + "\",\"timeZone\":\"Romance Standard Time\",\"recurEvery\":\"Week Wednesday\","
                    + "\"expirationDateTime\":\"9999-12-31 00:00\"},\"installPatches\":{\"rebootSetting\":\"Always\","
                    + "\"linuxParameters\":{\"packageNameMasksToInclude\":" + masks + "}}}}");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // Reported (fuzz, seed 4404): a mask '--exclude=x' was read back split at '=' as the package '--exclude' with the
    // version 'x', and '<script>' or '?' as packages; expected: kept whole and the configuration flagged damaged.
    @Test
    void automation_masksThatBreakTheRule_areReadVerbatim_andDamaged() {
        ExistingDeployment e = automation.fromJson(suc("pw-Q-WED-1200-cc31b47c", "[\"openssl\",\"--exclude=x\",\"?\"]"));

        assertThat(e.deployment().packages()).containsExactly("--exclude=x", "?", "openssl");
        assertThat(e.deployment().versions()).isEmpty();
        assertThat(e.damage()).isEqualTo("package mask '--exclude=x' (and 1 more) breaks the package-name rule ("
                + PackageNames.RULE + ")");
        ExistingDeployment pinned = automation.fromJson(suc("pw-Q-WED-1200-cc31b47c", "[\"openssl=1:1.0.2k-26\"]"));
        assertThat(pinned.deployment().versions()).isEqualTo(Map.of("openssl", "1:1.0.2k-26"));
        assertThat(pinned.damaged()).isFalse();
    }

    // Reported (fuzz, seeds 4404 and 1): a mask that was no text became '' (an object), its number's text, or the
    // values of an object standing for the list; expected: its JSON text, verbatim, and one line saying what it is.
    @Test
    void bothTargets_masksThatAreNoTexts_areTheirJsonText_andDamaged() {
        ExistingDeployment number = automation.fromJson(suc("pw-Q-WED-1200-cc31b47c", "[\"openssl\",123]"));
        assertThat(number.deployment().packages()).containsExactly("123", "openssl");
        assertThat(number.damage()).isEqualTo("updateConfiguration.linux.includedPackageNameMasks[1] is not a text "
                + "(found '123'); expected a package name, e.g. \"openssl\"");

        ExistingDeployment object = updateManager.fromJson(maintenance("pw-Q-WED-1200-cc31b47c",
                "{\"a\":\"kernel*\",\"b\":\"bash\"}", "02:00"), List.of(), NOW);
        assertThat(object.deployment().packages()).containsExactly("{\"a\":\"kernel*\",\"b\":\"bash\"}");
        assertThat(object.damage()).isEqualTo("installPatches.linuxParameters.packageNameMasksToInclude is not a list "
                + "of texts (found '{\"a\":\"kernel*\",\"b\":\"bash\"}'); expected e.g. [\"openssl\"]");

        ExistingDeployment blank = updateManager.fromJson(maintenance("pw-Q-WED-1200-cc31b47c", "[\"\",{}]", "02:00"),
                List.of(), NOW);
        assertThat(blank.deployment().packages()).containsExactly("", "{}");
        assertThat(blank.damage()).contains("packageNameMasksToInclude[1] is not a text (found '{}')");
        assertThat(updateManager.fromJson(maintenance("pw-Q-WED-1200-cc31b47c", "[\"openssl\"]", "02:00"), List.of(),
                NOW).damage()).isNull();
    }

    // Reported (fuzz, seed 1): the Automation read took a deployment's name from its GET answer, so an answer
    // naming another configuration, or a number (1.4481100308629214E299), came back as a deployment of that name;
    // expected: a GET that does not name the listed configuration is left out, and the others are read.
    @Test
    void automation_aGetThatNamesAnotherConfiguration_isLeftOut_theOthersRead() {
        ObjectNode list = JSON.createObjectNode();
        list.putArray("value").add(suc("pw-Q-WED-1200-00000001", "[\"openssl\"]"))
                .add(suc("pw-Q-WED-1200-00000002", "[\"openssl\"]")).add(suc("pw-Q-WED-1200-00000003", "[\"bash\"]"));
        ObjectNode numbered = suc("pw-Q-WED-1200-00000002", "[\"openssl\"]");
        numbered.put("name", 1.4481100308629214E299);
        azure.inject("softwareUpdateConfigurations$", Fault.answer(200, list.toString()), -1);
        azure.inject("softwareUpdateConfigurations/pw-Q-WED-1200-00000001",
                Fault.answer(200, suc("pw-Q-WED-1200-00000009", "[\"openssl\"]").toString()), -1);
        azure.inject("softwareUpdateConfigurations/pw-Q-WED-1200-00000002", Fault.answer(200, numbered.toString()), -1);
        azure.inject("softwareUpdateConfigurations/pw-Q-WED-1200-00000003",
                Fault.answer(200, suc("PW-q-wed-1200-00000003", "[\"bash\"]").toString()), -1);

        assertThat(automation.existing("pw-")).extracting(ExistingDeployment::name)
                .containsExactly("PW-q-wed-1200-00000003");
        assertThatIllegalArgumentException().isThrownBy(() -> automation.fromJson(numbered))
                .withMessage("Invalid software update configuration name '1.4481100308629214E299': expected 1 to 64 "
                        + "characters of [A-Za-z0-9-_]");
    }

    // Found with the read-back fix: a software update configuration without a startTime was read as starting on
    // 1970-01-01, so it looked expired and cleanup (or an apply) deleted it on a guess; expected: unreadable, left out
    // of what exists (a planned one of that name is rewritten) and never deleted by cleanup.
    @Test
    void automation_aConfigurationWithoutAStart_isLeftOut_neverDeletedOnAGuess() {
        ObjectNode noStart = suc("pw-Q-WED-1200-00000001", "[\"openssl\"]");
        ((ObjectNode) noStart.path("properties").path("scheduleInfo")).remove("startTime");
        ObjectNode listed = noStart.deepCopy();
        ((ObjectNode) listed.path("properties")).remove("scheduleInfo");
        ObjectNode list = JSON.createObjectNode();
        list.putArray("value").add(listed).add(suc("pw-Q-WED-1200-00000002", "[\"bash\"]"));
        azure.inject("softwareUpdateConfigurations$", Fault.answer(200, list.toString()), -1);
        azure.inject("softwareUpdateConfigurations/pw-Q-WED-1200-00000001", Fault.answer(200, noStart.toString()), -1);
        azure.inject("softwareUpdateConfigurations/pw-Q-WED-1200-00000002",
                Fault.answer(200, suc("pw-Q-WED-1200-00000002", "[\"bash\"]").toString()), -1);

        assertThat(automation.existing("pw-")).extracting(ExistingDeployment::name)
                .containsExactly("pw-Q-WED-1200-00000002");
        assertThat(automation.cleanupActions("pw-", NOW.plus(java.time.Duration.ofDays(30))))
                .extracting(DeploymentAction::name).doesNotContain("pw-Q-WED-1200-00000001");
    }

    // Found with the read-back fix: one maintenance configuration that cannot be read (a duration of 00:00 is no
    // window) made the whole read fail with an IllegalArgumentException; expected: it is left out, the others read.
    @Test
    void updateManager_anUnreadableConfiguration_isLeftOut_theOthersRead() {
        ObjectNode list = JSON.createObjectNode();
        list.putArray("value").add(maintenance("pw-Q-WED-1200-00000001", "[\"openssl\"]", "00:00"))
                .add(maintenance("pw-Q-WED-1200-00000002", "[\"openssl\"]", "02:00"));
        azure.inject("maintenanceConfigurations$", Fault.answer(200, list.toString()), -1);

        assertThat(updateManager.existing("pw-")).extracting(ExistingDeployment::name)
                .containsExactly("pw-Q-WED-1200-00000002");
    }

    static Deployment deployment(List<String> packages, Map<String, String> versions) {
        return new Deployment("pw-Q-WED-1200-cc31b47c", List.of(setup.fleet().machines().get(0).get("id").asText()),
                java.time.ZonedDateTime.parse("2026-12-02T12:00:00+01:00[Europe/Paris]"),
                java.time.ZoneId.of("Europe/Paris"), Duration.ofHours(2), Reboot.ALWAYS, packages, versions);
    }

    // Nothing unchecked reaches a package manager: a deployment whose masks break the rule (for example one read back
    // damaged and passed on) is refused by both targets before any request, one line naming it and the rule.
    @Test
    void bothTargets_refuseToWriteMasksThatBreakTheRule_beforeAnyRequest() {
        Deployment bad = deployment(List.of("openssl", "<script>"), Map.of());
        for (var target : List.of(automation, updateManager)) {
            for (ActionKind kind : List.of(ActionKind.CREATE, ActionKind.UPDATE)) {
                ActionResult r = target.apply(new DeploymentAction(kind, bad, null, "new"));
                assertThat(r.ok()).isFalse();
                assertThat(r.errorCode()).isEqualTo("InvalidPackageMask");
                assertThat(r.message()).isEqualTo("deployment 'pw-Q-WED-1200-cc31b47c' not written: package mask "
                        + "'<script>' breaks the package-name rule (" + PackageNames.RULE + ")");
            }
        }
        assertThat(azure.writeRequestCount()).isZero();
    }

    // Reported (fuzz oracle, issue 14): an Update Manager configuration read back damaged but comparing equal (a pin
    // that is not written without --pin-versions) was not PUT by an UPDATE; expected: a damaged one is always rewritten.
    @Test
    void updateManager_anUpdateOfADamagedConfiguration_rewritesIt_evenWhenItComparesEqual() {
        Deployment planned = deployment(List.of("openssl"), Map.of());
        ExistingDeployment read = updateManager.fromJson(maintenance(planned.name(), "[\"openssl=1.0; reboot\"]",
                "02:00"), planned.machineIds(), NOW);
        assertThat(read.damaged()).isTrue();
        ExistingDeployment sameButDamaged = new ExistingDeployment(planned, read.resourceId(), true, read.nextRun(), "Q",
                read.damage());

        ActionResult r = updateManager.apply(new DeploymentAction(ActionKind.UPDATE, planned, sameButDamaged,
                "damaged: " + read.damage()));

        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(azure.writeRequestCounts()).isEqualTo(Map.of("PUT maintenanceConfigurations", 1));
        JsonNode stored = azure.maintenanceConfigurations().stream()
                .filter(c -> c.path("name").asText().equals(planned.name())).findFirst().orElseThrow();
        assertThat(stored.at("/properties/installPatches/linuxParameters/packageNameMasksToInclude").toString())
                .isEqualTo("[\"openssl\"]");
    }
}
