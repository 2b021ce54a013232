package io.patchwindow.azure.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchwindow.core.deployment.ActionKind;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.deployment.DeploymentAction;
import io.patchwindow.core.deployment.Reboot;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.inventory.MachineKind;
import io.patchwindow.core.inventory.OsFacts;
import io.patchwindow.core.plan.Plan;
import io.patchwindow.core.plan.Planner;
import io.patchwindow.core.plan.Policy;
import io.patchwindow.core.plan.Skip;
import io.patchwindow.core.plan.SkipReason;
import org.junit.jupiter.api.Test;

class PlanJsonTest {
    private static final String SUB = "0b1f6471-1bf0-4dda-aec3-cb9272f09590";
    private static final String VM3 = "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-00003";
    private static final String VM4 = "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-00004";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static Plan designExamplePlan() {
        Policy policy = Policy.builder().environments("Q", "R").build();
        Deployment d = new Deployment("pw-vm-00003-1a2b3c4d", List.of(VM3),
                ZonedDateTime.of(2026, 11, 29, 12, 0, 0, 0, PARIS), PARIS, Duration.ofHours(2), Reboot.ALWAYS,
                List.of("vim-minimal", "openssl"), Map.of());
        Skip skip = new Skip(VM4, SkipReason.INVALID_PATCH_TAG,
                "Invalid patch tag 'CENTOS-P-MON-04:00': hour '04:00' is not one of [03:00, 12:00, 22:00]");
        return new Plan(Instant.parse("2026-11-25T10:17:00Z"), policy, List.of(d),
                List.of(new DeploymentAction(ActionKind.CREATE, d, null, "new")), List.of(skip), List.of(), 200, 1);
    }

    @Test
    void toJson_writesTheDesignShape_twoSpaceIndent_newlineAtEnd() {
        String expected = """
                {
                  "schema": "patchwindow.plan/v1",
                  "generatedAt": "2026-11-25T10:17:00Z",
                  "policy": {
                    "environments": [
                      "Q",
                      "R"
                    ],
                    "timeZone": "Europe/Paris",
                    "duration": "PT2H",
                    "reboot": "Always",
                    "classifications": [
                      "Critical",
                      "Security"
                    ],
                    "leadTime": "PT10M"
                  },
                  "deployments": [
                    {
                      "name": "pw-vm-00003-1a2b3c4d",
                      "action": "CREATE",
                      "machineIds": [
                        "%s"
                      ],
                      "start": "2026-11-29T12:00:00+01:00",
                      "timeZone": "Europe/Paris",
                      "duration": "PT2H",
                      "reboot": "Always",
                      "packages": [
                        "openssl",
                        "vim-minimal"
                      ]
                    }
                  ],
                  "skipped": [
                    {
                      "machineId": "%s",
                      "reason": "INVALID_PATCH_TAG",
                      "detail": "Invalid patch tag 'CENTOS-P-MON-04:00': hour '04:00' is not one of [03:00, 12:00, 22:00]"
                    }
                  ],
                  "summary": {
                    "machines": 200,
                    "planned": 1,
                    "skipped": 1,
                    "actions": {
                      "CREATE": 1,
                      "UPDATE": 0,
                      "KEEP": 0,
                      "DELETE": 0
                    }
                  }
                }
                """.formatted(VM3, VM4);

        assertThat(PlanJson.toJson(designExamplePlan())).isEqualTo(expected);
    }

    @Test
    void toJson_fieldByField_matchesDesignSection8() throws Exception {
        JsonNode root = new ObjectMapper().readTree(PlanJson.toJson(designExamplePlan()));

        assertThat(names(root)).containsExactly("schema", "generatedAt", "policy", "deployments", "skipped", "summary");
        assertThat(names(root.get("policy")))
                .containsExactly("environments", "timeZone", "duration", "reboot", "classifications", "leadTime");
        assertThat(names(root.get("deployments").get(0)))
                .containsExactly("name", "action", "machineIds", "start", "timeZone", "duration", "reboot", "packages");
        assertThat(names(root.get("skipped").get(0))).containsExactly("machineId", "reason", "detail");
        assertThat(names(root.get("summary"))).containsExactly("machines", "planned", "skipped", "actions");
        assertThat(names(root.get("summary").get("actions"))).containsExactly("CREATE", "UPDATE", "KEEP", "DELETE");
        assertThat(root.get("summary").get("machines").isInt()).isTrue();
        assertThat(root.get("policy").get("environments").isArray()).isTrue();
    }

    @Test
    void toJson_emptyListsAreCompact_andWarningsAppearOnlyWhenPresent() {
        Plan plan = new Plan(Instant.parse("2026-11-25T10:17:00Z"), Policy.defaults(), List.of(), List.of(), List.of(),
                List.of("a warning"), 0, 0);

        String json = PlanJson.toJson(plan);

        assertThat(json).contains("\"deployments\": [],\n  \"skipped\": [],")
                .endsWith("  \"warnings\": [\n    \"a warning\"\n  ]\n}\n");
        assertThat(PlanJson.toJson(new Plan(Instant.EPOCH, Policy.defaults(), List.of(), List.of(), List.of(),
                List.of(), 0, 0))).doesNotContain("warnings");
    }

    @Test
    void toJson_sameInputs_byteIdenticalOutput_alsoThroughPlanner() {
        List<Machine> machines = new ArrayList<>();
        for (int i = 20; i > 0; i--) {
            machines.add(Machine.builder(VM3 + "x" + i, MachineKind.AZURE_VM)
                    .tag("patch", "CENTOS-Q-WED-12:00").os(OsFacts.marketplace("OpenLogic", "CentOS", "7_9")).build());
        }
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:17:00Z"), ZoneOffset.UTC);
        Planner planner = Planner.of(Policy.defaults());

        String first = PlanJson.toJson(planner.plan(machines, (request, sink) -> { }, List.of(), clock));
        String second = PlanJson.toJson(planner.plan(new ArrayList<>(machines), (request, sink) -> { }, List.of(), clock));

        assertThat(first.getBytes(StandardCharsets.UTF_8)).isEqualTo(second.getBytes(StandardCharsets.UTF_8));
        assertThat(first).doesNotContain("\r").endsWith("}\n");
    }

    @Test
    void write_toStream_isUtf8AndIdenticalToToJson() {
        Plan plan = new Plan(Instant.EPOCH, Policy.defaults(), List.of(),
                List.of(), List.of(new Skip(VM4, SkipReason.OS_NOT_SELECTED, "image offer 'Débian' matches none of [centos]")),
                List.of(), 1, 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        PlanJson.write(plan, out);

        assertThat(out.toByteArray()).isEqualTo(PlanJson.toJson(plan).getBytes(StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("'Débian'");
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    @Test
    void toJson_withAdvisories_addsPolicyFeedsReasonsAndExcluded() throws Exception {
        Machine vm = Machine.builder(VM3, MachineKind.AZURE_VM)
                .tag("patch", "CENTOS-Q-SUN-12:00").os(OsFacts.marketplace("OpenLogic", "CentOS", "7_9")).build();
        Instant now = Instant.parse("2026-11-25T10:17:00Z");
        io.patchwindow.core.assessment.UpdateRecord openssl = io.patchwindow.core.testing.Fleet.update(VM3, "openssl-libs")
                .arch("").version("1:1.0.2k-26.el7_9").classifications(io.patchwindow.core.assessment.Classification.OTHER)
                .at(now.minusSeconds(60)).build();
        io.patchwindow.core.assessment.UpdateRecord kernel = io.patchwindow.core.testing.Fleet.update(VM3, "kernel")
                .arch("").version("3.10.0-1160.119.1.el7").classifications(io.patchwindow.core.assessment.Classification.OTHER)
                .at(now.minusSeconds(60)).build();
        io.patchwindow.core.testing.InMemoryAdvisorySource advisories = io.patchwindow.core.testing.InMemoryAdvisorySource.of(
                io.patchwindow.core.testing.InMemoryAdvisorySource.security("RHSA-2026:1234",
                        io.patchwindow.core.advisory.Severity.IMPORTANT, java.time.LocalDate.of(2026, 11, 20),
                        "openssl-libs-1:1.0.2k-26.el7_9.x86_64"),
                io.patchwindow.core.testing.InMemoryAdvisorySource.security("RHSA-2026:3001",
                        io.patchwindow.core.advisory.Severity.CRITICAL, java.time.LocalDate.of(2026, 11, 21),
                        "kernel-3.10.0-1160.119.1.el7.x86_64")).named("updateinfo.xml.gz", "updateinfo");
        Plan plan = Planner.of(Policy.builder().environments("Q").excludes("kernel*").build()).withAdvisories(advisories)
                .plan(List.of(vm), io.patchwindow.core.testing.InMemoryAssessmentSource.of(openssl, kernel), List.of(),
                        Clock.fixed(now, ZoneOffset.UTC));

        JsonNode json = new ObjectMapper().readTree(PlanJson.toJson(plan));

        JsonNode policy = json.path("policy");
        assertThat(policy.path("securitySource").asText()).isEqualTo("both");
        assertThat(policy.path("minSeverity").asText()).isEqualTo("None");
        assertThat(policy.path("exclude").toString()).isEqualTo("[\"kernel*\"]");
        assertThat(policy.path("advisories").toString()).isEqualTo("[{\"source\":\"updateinfo.xml.gz\","
                + "\"format\":\"updateinfo\",\"advisories\":2,\"newest\":\"2026-11-21\"}]");
        JsonNode d = json.path("deployments").get(0);
        assertThat(d.path("packages").toString()).isEqualTo("[\"openssl-libs\"]");
        assertThat(d.path("reasons").toString()).isEqualTo("{\"openssl-libs\":{\"advisories\":[\"RHSA-2026:1234\"],"
                + "\"severity\":\"Important\",\"cves\":[\"CVE-2026-1234\"],\"azure\":[],\"installedUnknown\":true}}");
        assertThat(d.path("excluded").toString()).isEqualTo("{\"" + VM3 + "\":[\"kernel\"]}");
        assertThat(PlanJson.toJson(plan)).isEqualTo(PlanJson.toJson(Planner.of(plan.policy()).withAdvisories(advisories)
                .plan(List.of(vm), io.patchwindow.core.testing.InMemoryAssessmentSource.of(kernel, openssl), List.of(),
                        Clock.fixed(now, ZoneOffset.UTC))));

        String text = io.patchwindow.azure.cli.PlanText.render(plan);
        assertThat(text).contains("; security source both; min severity None; exclude kernel*\n")
                .contains("Advisories: updateinfo.xml.gz (updateinfo, 2 advisories, newest 2026-11-21)\n"
                        + "Installed versions unknown (the assessment gives only the available one): a package counts "
                        + "when an advisory's fixed version is at most the available version\n")
                // said once for the plan, not after every package
                .contains("  note: why " + plan.deployments().get(0).name()
                        + ": openssl-libs (RHSA-2026:1234 Important)\n")
                .contains("  note: excluded " + plan.deployments().get(0).name() + ": rg/vm-00003: kernel\n");
    }
}
