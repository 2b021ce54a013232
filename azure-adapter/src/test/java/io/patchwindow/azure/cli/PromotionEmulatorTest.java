package io.patchwindow.azure.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.patchwindow.azure.updatemanager.UpdateManagerDeploymentTarget;
import io.patchwindow.azure.testing.EmulatorFixture;
import io.patchwindow.azure.testing.CliRun;
import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.AzureFleet;

/**
 * Rings end to end through the emulator, Update Manager backend: {@code apply --environments Q,R} writes the Q/R
 * window groups; their windows "run" (each assigned machine installs its pending packages that match its
 * configuration's masks, as the Linux patch extension does, and writes {@code patchinstallationresources} rows;
 * some installs fail); a week later {@code apply --environments P --promote-from Q,R --soak P3D} writes P's
 * configurations, whose masks must be exactly the promotable versions as {@code name=version}, and a second apply
 * is all KEEP.
 *
 * <p>The scenario, the P windows being Saturday 28 and Sunday 29 November 03:00 Paris (02:00Z), soak 3 days:
 * <ul>
 * <li>openssl: installed on q1, q2 (Friday 20) and r1 (Monday 23): promoted everywhere.</li>
 * <li>curl: installed on q1, failed on r1 (injected): failure rate 0.5, held back.</li>
 * <li>sudo: installed on q3 only, Wednesday 25 at 02:27Z: younger than the soak before Saturday 02:00Z, older than
 *     the soak before Sunday 02:00Z: held back on Saturday, promoted on Sunday.</li>
 * <li>bash: r2 installed 4.2.46-35, P is offered 4.2.46-36: a different version, held back.</li>
 * <li>kernel: pending only in P: never installed in the source rings, held back.</li>
 * </ul>
 */
class PromotionEmulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUB = "7c1f2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    private static final String SCHEDULES = "/subscriptions/" + SUB + "/resourceGroups/rg-patch-schedules";
    /** When Q/R are applied: Thursday; their windows follow on Friday, Monday and Wednesday. */
    private static final Instant QR_NOW = Instant.parse("2026-11-19T08:00:00Z");
    /** When P is applied: Wednesday, after the Q/R windows. */
    private static final Instant P_NOW = Instant.parse("2026-11-25T10:17:00Z");
    /** How long a simulated window takes: the result's last modification is its start plus this. */
    private static final Duration RUN = Duration.ofMinutes(27);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private static final String OPENSSL = "1:1.0.2k-26.el7_9";
    private static final String CURL = "7.29.0-59.el7_9.2";
    private static final String SUDO = "1.8.23-10.el7_9.3";

    AzureEmulator azure;
    AzureFleet fleet;

    static String vm(String name) {
        return "/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/" + name;
    }

    /** A CentOS VM ready for Update Manager user schedules. */
    static ObjectNode machine(String name, String tag) {
        ObjectNode m = JSON.createObjectNode();
        m.put("id", vm(name)).put("name", name).put("type", "Microsoft.Compute/virtualMachines")
                .put("location", "westeurope");
        m.putObject("tags").put("patch", tag);
        ObjectNode p = m.putObject("properties");
        ObjectNode sp = p.putObject("storageProfile");
        sp.putObject("imageReference").put("publisher", "OpenLogic").put("offer", "CentOS").put("sku", "7_9");
        sp.putObject("osDisk").put("osType", "Linux");
        ObjectNode os = p.putObject("osProfile");
        os.put("computerName", name + ".corp.example");
        os.putObject("linuxConfiguration").putObject("patchSettings").put("patchMode", "AutomaticByPlatform")
                .putObject("automaticByPlatformSettings").put("bypassPlatformSafetyChecksOnUserSchedule", true);
        p.put("provisioningState", "Succeeded");
        return m;
    }

    /** Adds a machine and its Resource Graph assessment: pending security updates as name and version pairs. */
    void machine(String name, String tag, Instant assessedAt, String... nameVersion) {
        fleet.machine(machine(name, tag));
        String summaryId = vm(name) + "/patchAssessmentResults/latest";
        String type = "microsoft.compute/virtualmachines/patchassessmentresults";
        ObjectNode s = JSON.createObjectNode();
        s.put("id", summaryId).put("type", type);
        s.putObject("properties").put("osType", "Linux").put("patchServiceUsed", "YUM").put("status", "Succeeded")
                .put("startDateTime", assessedAt.minusSeconds(120).toString())
                .put("lastModifiedDateTime", assessedAt.toString()).put("rebootPending", false);
        fleet.patchAssessment(s);
        for (int i = 0; i < nameVersion.length; i += 2) {
            ObjectNode r = JSON.createObjectNode();
            r.put("id", summaryId + "/softwarePatches/" + nameVersion[i] + "_" + i).put("type", type + "/softwarepatches");
            ObjectNode rp = r.putObject("properties");
            rp.put("patchName", nameVersion[i]).put("version", nameVersion[i + 1])
                    .put("lastModifiedDateTime", assessedAt.toString()).put("rebootBehavior", "NeverReboots");
            rp.putArray("classifications").add("Security");
            fleet.patchAssessment(r);
        }
    }

    @BeforeEach
    void start() {
        fleet = new AzureFleet().subscription(SUB);
        Instant qr = QR_NOW.minus(Duration.ofHours(1));
        machine("q1", "CENTOS-Q-FRI-03:00", qr, "openssl", OPENSSL, "curl", CURL);
        machine("q2", "CENTOS-Q-FRI-03:00", qr, "openssl", OPENSSL);
        machine("q3", "CENTOS-Q-WED-03:00", qr, "sudo", SUDO);
        machine("r1", "CENTOS-R-MON-03:00", qr, "openssl", OPENSSL, "curl", CURL);
        machine("r2", "CENTOS-R-MON-03:00", qr, "bash", "4.2.46-35.el7_9");
        Instant p = P_NOW.minus(Duration.ofHours(1));
        String[] offered = {"openssl", OPENSSL, "curl", CURL, "sudo", SUDO, "bash", "4.2.46-36.el7_9",
            "kernel", "3.10.0-1160.80.1.el7"};
        machine("p1", "CENTOS-P-SAT-03:00", p, offered);
        machine("p2", "CENTOS-P-SAT-03:00", p, "openssl", OPENSSL, "curl", CURL, "kernel", "3.10.0-1160.80.1.el7");
        machine("p3", "CENTOS-P-SUN-03:00", p, offered);
        azure = AzureEmulator.start(fleet).now(QR_NOW).resourceGroupLocation(SCHEDULES, "westeurope");
    }

    @AfterEach
    void stop() {
        azure.close();
    }

    CliRun run(Instant now, String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--now", now.toString(), "--subscription", SUB,
                "--backend", "update-manager", "--schedule-resource-group", SCHEDULES));
        args.addAll(List.of(extra));
        return CliRun.run(EmulatorFixture.connector(azure, "promotion-token", 4, Duration.ofMillis(5)), args);
    }

    /** The written configurations of an environment: name to masks. */
    Map<String, List<String>> masks(String environment) {
        Map<String, List<String>> out = new TreeMap<>();
        for (ObjectNode c : azure.maintenanceConfigurations()) {
            if (environment.equals(c.path("tags").path(UpdateManagerDeploymentTarget.ENVIRONMENT_TAG).asText())) {
                List<String> m = new ArrayList<>();
                c.path("properties").path("installPatches").path("linuxParameters").path("packageNameMasksToInclude")
                        .forEach(n -> m.add(n.asText()));
                out.put(c.path("name").asText(), m);
            }
        }
        return out;
    }

    /**
     * Runs the windows of the written Q/R configurations once, as the Linux patch extension would: on each assigned
     * machine, every pending package that a mask names is installed (or fails when listed in {@code failures} as
     * {@code machine/package}); the results are seeded as Resource Graph installation rows.
     */
    List<String> runWindows(Set<String> failures) {
        List<ObjectNode> rows = new ArrayList<>();
        List<String> ran = new ArrayList<>();
        for (ObjectNode c : azure.maintenanceConfigurations()) {
            String env = c.path("tags").path(UpdateManagerDeploymentTarget.ENVIRONMENT_TAG).asText();
            if (!env.equals("Q") && !env.equals("R")) {
                continue;
            }
            ZoneId zone = ZoneId.of(c.path("tags").path(UpdateManagerDeploymentTarget.ZONE_TAG).asText());
            Instant start = LocalDateTime.parse(c.path("properties").path("maintenanceWindow").path("startDateTime")
                    .asText(), LOCAL).atZone(zone).toInstant();
            Set<String> masks = new TreeSet<>();
            c.path("properties").path("installPatches").path("linuxParameters").path("packageNameMasksToInclude")
                    .forEach(n -> masks.add(n.asText()));
            for (ObjectNode a : azure.configurationAssignments()) {
                if (!a.path("properties").path("maintenanceConfigurationId").asText().equalsIgnoreCase(c.path("id").asText())) {
                    continue;
                }
                String machineId = a.path("properties").path("resourceId").asText();
                String name = machineId.substring(machineId.lastIndexOf('/') + 1);
                String guid = "run-" + name + "-" + start.getEpochSecond();
                String runId = machineId + "/patchInstallationResults/" + guid;
                int installed = 0;
                int failed = 0;
                for (ObjectNode p : fleet.patchAssessments()) {
                    String pkg = p.path("properties").path("patchName").asText();
                    String version = p.path("properties").path("version").asText();
                    if (!p.path("id").asText().startsWith(machineId + "/patchAssessmentResults/latest/softwarePatches/")
                            || !(masks.contains(pkg) || masks.contains(pkg + "=" + version))) {
                        continue;
                    }
                    boolean fails = failures.contains(name + "/" + pkg);
                    installed += fails ? 0 : 1;
                    failed += fails ? 1 : 0;
                    ObjectNode r = JSON.createObjectNode();
                    r.put("id", runId + "/softwarePatches/" + pkg + ".x86_64_" + version);
                    r.put("type", "microsoft.compute/virtualmachines/patchinstallationresults/softwarepatches");
                    r.putObject("properties").put("patchName", pkg + ".x86_64").put("version", version)
                            .put("installationState", fails ? "Failed" : "Installed").putArray("classifications")
                            .add("Other");
                    rows.add(r);
                    ran.add(name + " " + pkg + "=" + version + " " + (fails ? "failed" : "installed") + " " + start);
                }
                ObjectNode s = JSON.createObjectNode();
                s.put("id", runId).put("type", "microsoft.compute/virtualmachines/patchinstallationresults");
                ObjectNode sp = s.putObject("properties");
                sp.put("status", failed > 0 ? "Failed" : "Succeeded").put("startDateTime", start.toString())
                        .put("lastModifiedDateTime", start.plus(RUN).toString()).put("maintenanceRunId", guid)
                        .put("maintenanceWindowExceeded", false).put("rebootStatus", "Completed")
                        .put("installedPatchCount", installed).put("failedPatchCount", failed)
                        .put("pendingPatchCount", 0).put("excludedPatchCount", 0).put("notSelectedPatchCount", 0)
                        .put("osType", "Linux").put("startedBy", "Platform");
                if (failed > 0) {
                    sp.putObject("errorDetails").put("code", "PatchInstallFailed")
                            .put("message", failed + " packages failed").putArray("details");
                }
                rows.add(s);
            }
        }
        azure.seedInstallationRows(rows);
        ran.sort(null);
        return ran;
    }

    @Test
    void production_writesExactlyThePromotableVersionsPinned_heldBackNotWritten_secondApplyKeeps() throws Exception {
        CliRun qr = run(QR_NOW, "apply", "--environments", "Q,R");
        assertThat(qr.code()).as(qr.err()).isZero();
        assertThat(masks("Q").values()).isNotEmpty();
        assertThat(masks("P")).isEmpty();

        List<String> ran = runWindows(Set.of("r1/curl"));
        // what the Q/R windows did: the tags' next windows after Thursday 19, Paris time
        assertThat(ran).containsExactly(
                "q1 curl=" + CURL + " installed 2026-11-20T02:00:00Z",
                "q1 openssl=" + OPENSSL + " installed 2026-11-20T02:00:00Z",
                "q2 openssl=" + OPENSSL + " installed 2026-11-20T02:00:00Z",
                "q3 sudo=" + SUDO + " installed 2026-11-25T02:00:00Z",
                "r1 curl=" + CURL + " failed 2026-11-23T02:00:00Z",
                "r1 openssl=" + OPENSSL + " installed 2026-11-23T02:00:00Z",
                "r2 bash=4.2.46-35.el7_9 installed 2026-11-23T02:00:00Z");

        azure.now(P_NOW);
        String[] promote = {"--environments", "P", "--promote-from", "Q,R", "--soak", "P3D"};
        CliRun plan = run(P_NOW, "plan", append(promote, "--output", "json"));
        assertThat(plan.code()).as(plan.err()).isZero();
        JsonNode doc = JSON.readTree(plan.out());
        List<String> held = new ArrayList<>();
        for (JsonNode d : doc.path("deployments")) {
            String group = d.path("name").asText().substring(0, "pw-P-SAT".length());
            d.path("heldBack").forEach(h -> held.add(group + " " + h.path("machineId").asText()
                    .replaceAll(".*/", "") + " " + h.path("package").asText() + " " + h.path("reason").asText()));
        }
        held.sort(null);
        assertThat(held).containsExactly(
                "pw-P-SAT p1 bash DIFFERENT_VERSION", "pw-P-SAT p1 curl FAILED_IN_SOURCE",
                "pw-P-SAT p1 kernel NEVER_INSTALLED_IN_SOURCE", "pw-P-SAT p1 sudo NOT_YET_SOAKED",
                "pw-P-SAT p2 curl FAILED_IN_SOURCE", "pw-P-SAT p2 kernel NEVER_INSTALLED_IN_SOURCE",
                "pw-P-SUN p3 bash DIFFERENT_VERSION", "pw-P-SUN p3 curl FAILED_IN_SOURCE",
                "pw-P-SUN p3 kernel NEVER_INSTALLED_IN_SOURCE");

        CliRun first = run(P_NOW, "apply", promote);
        assertThat(first.code()).as(first.err()).isZero();
        Map<String, List<String>> written = masks("P");
        assertThat(written.entrySet()).extracting(e -> e.getKey().substring(0, "pw-P-SAT-0300".length()), Map.Entry::getValue)
                .containsExactly(tuple("pw-P-SAT-0300", List.of("openssl=" + OPENSSL)),
                        tuple("pw-P-SUN-0300", List.of("openssl=" + OPENSSL, "sudo=" + SUDO)));
        // every written version was installed in Q or R at least the soak before its window, and never failed there
        for (ObjectNode c : azure.maintenanceConfigurations()) {
            if (!written.containsKey(c.path("name").asText())) {
                continue;
            }
            Instant start = LocalDateTime.parse(c.path("properties").path("maintenanceWindow").path("startDateTime")
                    .asText(), LOCAL).atZone(ZoneId.of("Europe/Paris")).toInstant();
            for (String mask : written.get(c.path("name").asText())) {
                assertThat(ran).as(mask).noneMatch(r -> r.contains(" " + mask + " failed"))
                        .anyMatch(r -> r.contains(" " + mask + " installed ")
                                && !Instant.parse(r.substring(r.lastIndexOf(' ') + 1)).plus(RUN)
                                        .isAfter(start.minus(Duration.ofDays(3))));
            }
        }
        assertThat(azure.configurationAssignments()).filteredOn(a -> a.path("name").asText().startsWith("pw-P-"))
                .extracting(a -> a.path("properties").path("resourceId").asText().replaceAll(".*/", ""))
                .containsExactlyInAnyOrder("p1", "p2", "p3");

        azure.resetCounters();
        CliRun second = run(P_NOW, "apply", promote);
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(azure.writeRequestCount()).isZero();
        JsonNode again = JSON.readTree(run(P_NOW, "plan", append(promote, "--output", "json")).out());
        assertThat(again.path("deployments")).extracting(d -> d.path("action").asText()).containsOnly("KEEP");
    }

    private static String[] append(String[] a, String... more) {
        List<String> out = new ArrayList<>(List.of(a));
        out.addAll(List.of(more));
        return out.toArray(new String[0]);
    }
}
