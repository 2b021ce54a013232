package io.patchwindow.azure.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchwindow.azure.assessment.LogAnalyticsAssessmentSource;
import io.patchwindow.azure.assessment.ResourceGraphAssessmentSource;
import io.patchwindow.azure.inventory.ResourceGraphInventory;
import io.patchwindow.azure.updatemanager.UpdateManagerDeploymentTarget;
import io.patchwindow.azure.testing.EmulatorFixture;
import io.patchwindow.azure.testing.CliRun;
import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.RecordedRequest;
import io.patchwindow.azure.testing.AzureFleet;
import io.patchwindow.azure.testing.AzureFleetGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Injection: nothing from options, tags, names or Azure answers is ever spliced into a KQL query, a Resource
 * Graph query or an ARM URL without validation. Hostile option values are refused (exit 2) before any request;
 * hostile machine names, tag values, computer names and package names served by Azure never change the text of
 * a query (every query the emulator receives equals the adapter's constant), and every URL path is built from
 * parsed ids (no {@code ..}, no encoded separators, no spaces or quotes, names of the expected grammar).
 */
class InjectionTest {
    static final Instant NOW = Instant.parse("2026-11-25T10:17:00Z");
    static final String WORKSPACE = EmulatorFixture.WORKSPACE;
    static final String GUID = "0b1f6471-1bf0-4dda-aec3-cb9272f09590";
    static final List<String> HOSTILE = List.of("'", "\"", "x' | take 1 //", "a|b", "a\nb", "a\r\nb", "../x", "..",
            "x/../y", "?x=1", "#f", "%2F", "%2e%2e", " ", "x y", "\u202E", "\uFF0F", "ü", "\u0000", "*", "a;b");

    AzureEmulator azure;
    String sub;
    String account;
    String group;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        EmulatorFixture setup = EmulatorFixture.generate(30, 2, 909, NOW);
        sub = setup.subscription();
        account = setup.account();
        group = setup.scheduleGroup();
        addHostileMachines(setup.fleet());
        azure = setup.start().now(NOW).resourceGroupLocation(group, "westeurope");
    }

    @AfterEach
    void stop() {
        azure.close();
    }

    /** Machines whose names, ids, tags, computer names and packages carry hostile text. */
    void addHostileMachines(AzureFleet fleet) {
        List<String> names = new ArrayList<>();
        for (String h : HOSTILE) {
            names.add("vm-" + h);
        }
        names.add("vm-ünïcødé");
        names.add("vm-名前");
        names.add("vm.");
        names.add("vm~(x)");
        int i = 0;
        for (String name : names) {
            boolean arc = i % 3 == 2;
            String id = "/subscriptions/" + sub + "/resourceGroups/" + (i % 4 == 0 ? "rg-" + HOSTILE.get(i % HOSTILE.size())
                    : "rg-hostile") + "/providers/" + (arc ? "Microsoft.HybridCompute/machines/" : "Microsoft.Compute/virtualMachines/")
                    + name;
            ObjectNode m = JsonFuzz.JSON.createObjectNode();
            m.put("id", id).put("name", name).put("type", arc ? "Microsoft.HybridCompute/machines"
                    : "Microsoft.Compute/virtualMachines").put("location", i % 5 == 0 ? "west europe'|" : "westeurope");
            String env = i % 2 == 0 ? "Q" : "R";
            m.putObject("tags").put("patch", i % 6 == 5 ? HOSTILE.get(i % HOSTILE.size()) : "CENTOS-" + env + "-WED-12:00")
                    .put("owner", HOSTILE.get((i + 3) % HOSTILE.size())).put("patch-tz", i % 7 == 3 ? "../../etc" : "Europe/Paris");
            ObjectNode p = m.putObject("properties");
            String computer = HOSTILE.get((i + 5) % HOSTILE.size()) + ".corp";
            if (arc) {
                p.put("osName", "linux").put("osSku", "CentOS Linux 7 (Core)").put("osType", "linux");
                p.putObject("osProfile").put("computerName", computer);
            } else {
                ObjectNode sp = p.putObject("storageProfile");
                sp.putObject("imageReference").put("publisher", "OpenLogic").put("offer", "CentOS").put("sku", "7_9");
                sp.putObject("osDisk").put("osType", "Linux");
                ObjectNode os = p.putObject("osProfile");
                os.put("computerName", computer);
                os.putObject("linuxConfiguration").putObject("patchSettings").put("patchMode", "AutomaticByPlatform")
                        .putObject("automaticByPlatformSettings").put("bypassPlatformSafetyChecksOnUserSchedule", true);
            }
            fleet.machine(m);
            String product = i % 2 == 0 ? "openssl" : HOSTILE.get(i % HOSTILE.size()) + "-pkg";
            fleet.updateRow(AzureFleetGenerator.updateRow(NOW.minus(Duration.ofHours(1)), id, computer, "src-" + i, product,
                    "x86_64", "1.0'|" + i, "Security Updates", "Needed"));
            ObjectNode pa = JsonFuzz.JSON.createObjectNode();
            pa.put("id", id + "/patchAssessmentResults/latest/softwarePatches/" + HOSTILE.get(i % HOSTILE.size()));
            pa.put("type", (arc ? "microsoft.hybridcompute/machines" : "microsoft.compute/virtualmachines")
                    + "/patchassessmentresults/softwarepatches");
            pa.putObject("properties").put("patchName", product).put("version", "2.0\"" + i)
                    .put("lastModifiedDateTime", NOW.minus(Duration.ofHours(1)).toString())
                    .putArray("classifications").add("Security");
            fleet.patchAssessment(pa);
            i++;
        }
    }

    CliRun run(String... args) {
        return CliRun.run(EmulatorFixture.connector(azure, "injection-token", 2, Duration.ofMillis(5)), args);
    }

    @Test
    void hostileIdOptions_areRefusedWithExit2_beforeAnyRequest() {
        List<String[]> cases = new ArrayList<>();
        for (String h : HOSTILE) {
            if (h.isBlank() || h.matches("\\p{L}+")) {
                continue; // surrounding white space is stripped, Unicode letters are valid in names (as in Azure)
            }
            cases.add(new String[] {"plan", "--subscription", GUID + h});
            cases.add(new String[] {"plan", "--subscription", h});
            cases.add(new String[] {"plan", "--tenant", h + GUID});
            cases.add(new String[] {"plan", "--workspace-id", GUID.substring(0, 30) + h});
            cases.add(new String[] {"plan", "--automation-account", "/subscriptions/" + GUID + "/resourceGroups/ops"
                    + h + "/providers/Microsoft.Automation/automationAccounts/aa"});
            cases.add(new String[] {"plan", "--automation-account", "/subscriptions/" + GUID + "/resourceGroups/ops"
                    + "/providers/Microsoft.Automation/automationAccounts/aa" + h});
            cases.add(new String[] {"apply", "--environments", "Q", "--backend", "update-manager",
                    "--schedule-resource-group", "/subscriptions/" + GUID + "/resourceGroups/rg" + h});
            if (!h.contains(" ")) { // 'West Europe' is accepted as westeurope (it goes into a body, not a URL)
                cases.add(new String[] {"apply", "--environments", "Q", "--backend", "update-manager",
                        "--schedule-resource-group", "/subscriptions/" + GUID + "/resourceGroups/rg",
                        "--schedule-location", "westeurope" + h});
            }
            cases.add(new String[] {"apply", "--environments", "Q", "--automation-account", account, "--name-prefix",
                    "pw" + h});
        }
        // dot segments that a URL normaliser would resolve (reported by this test: they were accepted)
        for (String dots : List.of("..", ".", "...", "rg.")) {
            cases.add(new String[] {"apply", "--environments", "Q", "--backend", "update-manager",
                    "--schedule-resource-group", "/subscriptions/" + GUID + "/resourceGroups/" + dots});
            cases.add(new String[] {"plan", "--automation-account", "/subscriptions/" + GUID + "/resourceGroups/" + dots
                    + "/providers/Microsoft.Automation/automationAccounts/aa"});
            cases.add(new String[] {"plan", "--automation-account", "/subscriptions/" + GUID + "/resourceGroups/ops"
                    + "/providers/Microsoft.Automation/automationAccounts/" + dots});
        }
        List<String> sentRequests = new ArrayList<>();
        for (String[] args : cases) {
            azure.resetCounters();
            String[] argv = new String[args.length + 2];
            System.arraycopy(args, 0, argv, 0, args.length);
            argv[args.length] = "--now";
            argv[args.length + 1] = NOW.toString();
            CliRun r = run(argv);
            assertThat(r.code()).as("%s -> %s", String.join(" ", args), r.err()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().lines()).hasSize(1);
            if (!azure.requests().isEmpty()) {
                sentRequests.add(String.join(" ", args) + " -> " + r.err());
            }
        }
        assertThat(sentRequests).as("runs that sent requests before refusing their options").isEmpty();
    }

    static final Pattern PACKED_PART = Pattern.compile("\\| where hash\\(machineId, [0-9]{1,4}\\) == [0-9]{1,4}\\n");
    static final Set<String> GRAPH_QUERIES = Set.of(ResourceGraphInventory.QUERY, ResourceGraphAssessmentSource.QUERY,
            UpdateManagerDeploymentTarget.ASSIGNMENT_QUERY, ResourceGraphAssessmentSource.packedQuery(1, 0),
            PACKED_PART.matcher(ResourceGraphAssessmentSource.packedQuery(2, 1))
                    .replaceAll("| where hash(machineId, K) == I\n"));
    static final Pattern DATETIME = Pattern.compile("datetime\\([^)]*\\)");
    static final Pattern SEGMENT = Pattern.compile("[\\p{L}\\p{N}._\\-()~]+");
    static final Pattern DEPLOYMENT = Pattern.compile("(?i).*/(softwareUpdateConfigurations|maintenanceConfigurations"
            + "|configurationAssignments)/([^/]+)$");

    /** Every query equals a constant of the adapter, every path is made of well-formed segments. */
    void assertEveryRequestIsBuiltFromParsedParts() throws Exception {
        String laTemplate = DATETIME.matcher(LogAnalyticsAssessmentSource.query(NOW)).replaceAll("datetime()");
        List<RecordedRequest> requests = azure.requests();
        assertThat(requests).isNotEmpty();
        for (RecordedRequest r : requests) {
            String what = r.method() + " " + r.rawPath();
            // the JDK server hands raw non-ASCII path bytes over as ISO-8859-1 characters
            String raw = new String(r.rawPath().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            assertThat(raw).as(what).doesNotContain(" ").doesNotContain("'").doesNotContain("\"").doesNotContain("|")
                    .doesNotContainIgnoringCase("%2f").doesNotContainIgnoringCase("%2e").doesNotContainIgnoringCase("%3f")
                    .doesNotContainIgnoringCase("%23").doesNotContainIgnoringCase("%20").doesNotContain("\\");
            String decoded = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
            assertThat(decoded).as(what).startsWith("/");
            for (String seg : decoded.substring(1).split("/", -1)) {
                assertThat(seg).as("segment of %s", what).matches(SEGMENT).isNotIn(".", "..");
            }
            java.util.regex.Matcher dm = DEPLOYMENT.matcher(decoded);
            if (dm.matches()) {
                assertThat(dm.group(2)).as(what).matches("[A-Za-z0-9_-]{1,64}");
            }
            if (r.method().equals("POST") && decoded.equalsIgnoreCase("/providers/Microsoft.ResourceGraph/resources")) {
                JsonNode body = JsonFuzz.JSON.readTree(r.body());
                // the packed assessment query varies only by its part numbers, both written by the adapter
                String query = PACKED_PART.matcher(body.path("query").asText())
                        .replaceAll("| where hash(machineId, K) == I\n");
                assertThat(GRAPH_QUERIES).as(what).contains(query);
                body.path("subscriptions").forEach(s -> assertThat(s.asText()).matches(
                        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
            }
            if (r.method().equals("POST") && decoded.endsWith("/query")) {
                JsonNode body = JsonFuzz.JSON.readTree(r.body());
                assertThat(DATETIME.matcher(body.path("query").asText()).replaceAll("datetime()")).as(what)
                        .isEqualTo(laTemplate);
                assertThat(decoded).matches("/v1/workspaces/[0-9a-fA-F-]{36}/query");
            }
        }
    }

    @Test
    void hostileAzureContent_neverChangesAQueryNorAUrl_automation() throws Exception {
        CliRun plan = run("plan", "--now", NOW.toString(), "--subscription", sub, "--automation-account", account,
                "--output", "json");
        assertThat(plan.code()).as(plan.err()).isZero();
        CliRun apply = run("apply", "--now", NOW.toString(), "--subscription", sub, "--automation-account", account,
                "--environments", "Q,R", "--inventory", "arm");
        assertThat(apply.code()).as(apply.err()).isIn(0, 1);
        CliRun cleanup = run("cleanup", "--now", NOW.plus(Duration.ofDays(9)).toString(), "--subscription", sub,
                "--automation-account", account, "--environments", "Q,R");
        assertThat(cleanup.code()).as(cleanup.err()).isIn(0, 1);
        CliRun export = run("export-snapshot", "--now", NOW.toString(), "--subscription", sub, "--workspace-id", WORKSPACE,
                "--output", dir.resolve("s.json").toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertEveryRequestIsBuiltFromParsedParts();
        assertThat(azure.softwareUpdateConfigurations()).isNotEmpty();
        for (ObjectNode suc : azure.softwareUpdateConfigurations()) {
            assertThat(suc.path("name").asText()).matches("[A-Za-z0-9_-]{1,64}");
        }
    }

    @Test
    void hostileAzureContent_neverChangesAQueryNorAUrl_updateManager() throws Exception {
        CliRun apply = run("apply", "--now", NOW.toString(), "--subscription", sub, "--backend", "update-manager",
                "--schedule-resource-group", group, "--environments", "Q,R", "--fix-patch-mode", "--assessment",
                "resource-graph");
        assertThat(apply.code()).as(apply.err()).isIn(0, 1);
        CliRun cleanup = run("cleanup", "--now", NOW.toString(), "--subscription", sub, "--backend", "update-manager",
                "--schedule-resource-group", group, "--environments", "Q,R");
        assertThat(cleanup.code()).as(cleanup.err()).isIn(0, 1);
        assertEveryRequestIsBuiltFromParsedParts();
        assertThat(azure.configurationAssignments()).isNotEmpty();
        for (ObjectNode c : azure.maintenanceConfigurations()) {
            assertThat(c.path("name").asText()).matches("[A-Za-z0-9_-]{1,64}");
            c.path("properties").path("installPatches").path("linuxParameters").path("packageNameMasksToInclude")
                    .forEach(mask -> assertThat(mask.asText().toLowerCase(Locale.ROOT)).doesNotContain("\n"));
        }
    }
}
