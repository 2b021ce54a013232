package io.patchwindow.azure.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchwindow.azure.automation.AutomationDeploymentTarget;
import io.patchwindow.azure.AzureAdapterException;
import io.patchwindow.azure.PatchwindowAzure;
import io.patchwindow.azure.updatemanager.UpdateManagerDeploymentTarget;
import io.patchwindow.azure.testing.EmulatorFixture;
import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.Fault;
import io.patchwindow.core.assessment.AssessmentReducer;
import io.patchwindow.core.assessment.AssessmentSink;
import io.patchwindow.core.assessment.Classification;
import io.patchwindow.core.assessment.MachineAssessment;
import io.patchwindow.core.assessment.PackageNames;
import io.patchwindow.core.assessment.UpdateRecord;
import io.patchwindow.core.deployment.ActionKind;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.deployment.DeploymentAction;
import io.patchwindow.core.deployment.ExistingDeployment;
import io.patchwindow.core.deployment.Reconciler;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.plan.Plan;
import io.patchwindow.core.plan.Planner;
import io.patchwindow.core.plan.Policy;
import io.patchwindow.core.plan.Skip;
import io.patchwindow.core.plan.SkipReason;
import io.patchwindow.core.port.AssessmentRequest;
import io.patchwindow.core.port.AssessmentSource;
import io.patchwindow.core.text.Quoting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing of the Azure answers the adapter reads, served by the emulator as canned answers: Resource Graph
 * rows, Log Analytics tables, ARM VM and Arc lists, software update configuration and maintenance
 * configuration lists and GETs, with members missing, null or of the wrong type, and whole answers that are
 * not what the API documents. Property: a result or an {@link AzureAdapterException} (never another exception
 * type, never a hang); a malformed machine row is skipped and never hides the well-formed ones. Every record or
 * deployment read satisfies the invariants of its type and came from the answer (an assessment record names a
 * package by the package-name rule, at a time the answer gave; a deployment has a name of the answer), and the
 * well-formed part of an answer is still read.
 */
class AzureAnswersFuzzTest {
    static final Instant NOW = Instant.parse("2026-11-25T10:17:00Z");
    static final String WORKSPACE = EmulatorFixture.WORKSPACE;
    static AzureEmulator azure;
    static PatchwindowAzure pw;
    static String sub;
    static String account;
    static String group;
    static List<ObjectNode> goodMachines;
    /** The fleet's machines as the inventory reads them from an answer without faults. */
    static List<Machine> fleetMachines;

    @BeforeAll
    static void start() {
        EmulatorFixture setup = EmulatorFixture.generate(12, 1, 31, NOW);
        sub = setup.subscription();
        account = setup.account();
        group = setup.scheduleGroup();
        azure = setup.start().now(NOW);
        goodMachines = setup.fleet().machines();
        pw = EmulatorFixture.connect(azure, "fuzz-token", 1, Duration.ofMillis(1));
        fleetMachines = pw.resourceGraphInventory(List.of(sub)).machines();
    }

    @AfterAll
    static void stop() {
        azure.close();
    }

    @AfterEach
    void clear() {
        azure.clearFaults();
    }

    /** Runs a read; only a result or an AzureAdapterException with a one-line message is acceptable. */
    static <T> T resultOrAdapterError(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (AzureAdapterException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
            return null;
        }
    }

    /**
     * The oracle on the records read from a fuzzed assessment answer: each has classifications and a time that the
     * answer gave; every row that the generator left well-formed is among them; and what the records make of the
     * fleet's machines (the {@link AssessmentReducer} of every plan) names only packages that pass
     * {@link PackageNames}' rule, with versions that pass it too (the sources pass names on as reported; the rule
     * is applied where the records meet).
     */
    static void checkRecords(List<UpdateRecord> got, Set<String> wellFormed, Instant earliest) {
        AssessmentReducer reducer = new AssessmentReducer(fleetMachines, EnumSet.allOf(Classification.class), earliest);
        for (UpdateRecord rec : got) {
            assertThat(rec.classifications()).as("classifications of %s", rec).isNotEmpty();
            assertThat(rec.time()).as("time of %s", rec).isBetween(earliest, NOW);
            reducer.accept(rec);
        }
        Set<String> read = got.stream().map(rec -> rec.machineId().toLowerCase() + " " + rec.product())
                .collect(Collectors.toSet());
        assertThat(read).as("the well-formed rows").containsAll(wellFormed);
        for (Machine m : fleetMachines) {
            reducer.assessment(m).packages().forEach((name, version) -> {
                assertThat(PackageNames.isValidName(name)).as("package %s of %s", name, m.id()).isTrue();
                assertThat(version.isEmpty() || PackageNames.isValidVersion(version))
                        .as("version %s of %s", version, m.id()).isTrue();
            });
        }
    }

    static String json(JsonNode n) {
        try {
            return JsonFuzz.JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A machine object with one value damaged, or a random value. */
    static JsonNode badMachine(SplittableRandom r) {
        if (r.nextInt(5) == 0) {
            return JsonFuzz.randomValue(r, 3);
        }
        ObjectNode m = goodMachines.get(r.nextInt(goodMachines.size())).deepCopy();
        m.put("id", m.get("id").asText() + "-bad" + r.nextInt(1000));
        JsonFuzz.replaceRandomValue(r, m, r.nextBoolean() ? JsonFuzz.randomValue(r, 2)
                : JsonFuzz.JSON.getNodeFactory().textNode(JsonFuzz.HOSTILE_STRINGS.get(r.nextInt(JsonFuzz.HOSTILE_STRINGS.size()))));
        return m;
    }

    record Answer(int status, String body, Set<String> goodIds, Set<String> badIds, boolean arc) {
        Answer(int status, String body, Set<String> goodIds, Set<String> badIds) {
            this(status, body, goodIds, badIds, false);
        }

        String show() {
            return status + " " + body;
        }
    }

    // ----------------------------------------------------------------------------------------- inventory

    static Answer graphMachines(SplittableRandom r) {
        ArrayNode data = JsonFuzz.JSON.createArrayNode();
        Set<String> good = new HashSet<>();
        Set<String> bad = new HashSet<>();
        for (ObjectNode m : goodMachines) {
            if (r.nextInt(3) != 0) {
                // a copy: the shapes below damage values inside the answer, and the good machines are the fleet's
                // own nodes (served by the emulator, reused by every later case)
                data.add(m.deepCopy());
                good.add(m.get("id").asText().toLowerCase());
            }
            if (r.nextInt(3) == 0) {
                JsonNode b = badMachine(r);
                data.add(b);
                bad.add(b.path("id").asText().toLowerCase());
            }
        }
        ObjectNode out = JsonFuzz.JSON.createObjectNode();
        out.put("totalRecords", data.size()).put("count", data.size()).put("resultTruncated", "false");
        out.set("data", data);
        int shape = r.nextInt(8);
        if (shape == 0) {
            out.set("data", JsonFuzz.randomValue(r, 2));
            return new Answer(200, json(out), Set.of(), null);
        } else if (shape == 1) {
            JsonFuzz.replaceRandomValue(r, out, JsonFuzz.randomValue(r, 1));
            return new Answer(200, json(out), Set.of(), null);
        } else if (shape == 2) {
            return new Answer(200, json(JsonFuzz.randomValue(r, 4)), Set.of(), Set.of());
        }
        return new Answer(r.nextInt(10) == 0 ? errorStatus(r) : 200, json(out), good, bad);
    }

    /**
     * An error status of 400 to 599 but 429: a lasting 429 is "not yet", not bad data, and the pager waits it out
     * (up to {@code GraphPager.MAX_THROTTLED_PAGE_RETRIES} times, minutes), which a case's time limit cannot hold.
     */
    static int errorStatus(SplittableRandom r) {
        int status = 400 + r.nextInt(199);
        return status >= 429 ? status + 1 : status;
    }

    @Test
    void resourceGraphInventory_malformedRowsAreSkipped_wellFormedOnesKept() {
        Property.forAll("Resource Graph inventory answers", 1101L, 40, Duration.ofSeconds(20),
                AzureAnswersFuzzTest::graphMachines, Answer::show, a -> {
                    azure.clearFaults();
                    azure.inject("ResourceGraph", Fault.answer(a.status(), a.body()), -1);
                    List<Machine> ms = resultOrAdapterError(() -> pw.resourceGraphInventory(List.of(sub)).machines());
                    if (ms != null && a.status() == 200) {
                        Set<String> ids = ms.stream().map(Machine::key).collect(Collectors.toSet());
                        assertThat(ids).containsAll(a.goodIds());
                        if (a.badIds() != null) {
                            Set<String> allowed = new HashSet<>(a.goodIds());
                            allowed.addAll(a.badIds());
                            assertThat(allowed).containsAll(ids);
                        }
                    }
                });
    }

    static Answer armList(SplittableRandom r) {
        ArrayNode value = JsonFuzz.JSON.createArrayNode();
        Set<String> good = new HashSet<>();
        Set<String> bad = new HashSet<>();
        boolean arc = r.nextBoolean();
        for (ObjectNode m : goodMachines) {
            if (m.get("type").asText().contains("HybridCompute") != arc) {
                continue;
            }
            value.add(m.deepCopy());
            good.add(m.get("id").asText().toLowerCase());
            if (r.nextInt(3) == 0) {
                JsonNode b = badMachine(r);
                value.add(b);
                bad.add(b.path("id").asText().toLowerCase());
            }
        }
        ObjectNode out = JsonFuzz.JSON.createObjectNode();
        out.set("value", value);
        int shape = r.nextInt(8);
        if (shape == 0) {
            out.set("value", JsonFuzz.randomValue(r, 2));
            good.clear();
        } else if (shape == 1) {
            out.set("nextLink", List.of(JsonFuzz.JSON.getNodeFactory().nullNode(),
                    JsonFuzz.JSON.getNodeFactory().textNode(""), JsonFuzz.JSON.getNodeFactory().numberNode(42),
                    JsonFuzz.JSON.getNodeFactory().textNode("not a url"),
                    JsonFuzz.JSON.getNodeFactory().textNode("https://127.0.0.1:1/other-host?x=1"),
                    JsonFuzz.JSON.getNodeFactory().textNode(azure.endpoint() + "/subscriptions/" + sub
                            + "/../../providers?$skiptoken=%2e%2e")).get(r.nextInt(6)));
        } else if (shape == 2) {
            return new Answer(200, json(JsonFuzz.randomValue(r, 4)), Set.of(), Set.of(), arc);
        }
        return new Answer(r.nextInt(10) == 0 ? 400 + r.nextInt(200) : 200, json(out),
                arc ? good : Set.of(), arc ? bad : Set.of(), arc);
    }

    @Test
    void armInventory_malformedAnswers_giveAResultOrAnAdapterError() {
        Property.forAll("ARM inventory answers", 2202L, 40, Duration.ofSeconds(20), AzureAnswersFuzzTest::armList,
                Answer::show, a -> {
                    azure.clearFaults();
                    boolean arc = a.arc();
                    azure.inject(arc ? "HybridCompute/machines$" : "Compute/virtualMachines$",
                            Fault.answer(a.status(), a.body()), 1);
                    List<Machine> ms = resultOrAdapterError(() -> pw.armInventory(List.of(sub)).machines());
                    if (ms != null && arc && a.status() == 200) {
                        Set<String> ids = ms.stream().map(Machine::key).collect(Collectors.toSet());
                        assertThat(ids).containsAll(a.goodIds());
                    }
                });
    }

    // ---------------------------------------------------------------------------------------- assessment

    static Answer logAnalyticsTable(SplittableRandom r) {
        String[] columns = {"TimeGenerated", "ResourceId", "Computer", "SourceComputerId", "Product", "ProductArch",
                "ProductVersion", "Classification", "UpdateState", "OSType"};
        ObjectNode out = JsonFuzz.JSON.createObjectNode();
        ObjectNode t = out.putArray("tables").addObject();
        t.put("name", "PrimaryResult");
        ArrayNode cols = t.putArray("columns");
        boolean intactColumns = true;
        for (String c : columns) {
            if (r.nextInt(12) != 0) {
                boolean odd = r.nextInt(10) == 0;
                intactColumns &= !odd;
                cols.addObject().put("name", c).put("type", odd
                        ? List.of("long", "bool", "dynamic", "real", "guid", "timespan").get(r.nextInt(6))
                        : c.equals("TimeGenerated") ? "datetime" : "string");
            } else {
                intactColumns = false;
            }
        }
        Set<String> wellFormed = new HashSet<>();
        ArrayNode rows = t.putArray("rows");
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            ArrayNode row = rows.addArray();
            int width = r.nextInt(8) == 0 ? r.nextInt(14) : cols.size();
            boolean clean = width == cols.size();
            String id = "";
            for (int c = 0; c < width; c++) {
                String name = c < cols.size() ? cols.get(c).get("name").asText() : "extra";
                int roll = r.nextInt(6);
                if (roll == 0) {
                    row.add(JsonFuzz.randomValue(r, 1));
                    clean = false;
                } else if (roll == 1) {
                    row.add(JsonFuzz.HOSTILE_STRINGS.get(r.nextInt(JsonFuzz.HOSTILE_STRINGS.size())));
                    clean = false;
                } else if (name.equals("TimeGenerated")) {
                    row.add(NOW.minusSeconds(r.nextInt(7200)).toString());
                } else if (name.equals("ResourceId")) {
                    id = goodMachines.get(r.nextInt(goodMachines.size())).get("id").asText();
                    row.add(id);
                } else if (name.equals("UpdateState")) {
                    row.add("Needed");
                } else if (name.equals("Classification")) {
                    row.add("Security Updates");
                } else if (name.equals("OSType")) {
                    row.add("Linux");
                } else if (name.equals("ProductArch")) {
                    row.add("x86_64");
                } else if (name.equals("ProductVersion")) {
                    row.add("1.0.2k-26.el7_9");
                } else {
                    row.add("openssl");
                }
            }
            if (clean && intactColumns && cols.size() == columns.length) {
                wellFormed.add(id.toLowerCase() + " openssl");
            }
        }
        int shape = r.nextInt(10);
        if (shape == 0) {
            out.set("tables", JsonFuzz.randomValue(r, 3));
        } else if (shape == 1) {
            out.putObject("error").put("code", "PartialError").set("details", JsonFuzz.randomValue(r, 2));
        } else if (shape == 2) {
            return new Answer(200, json(JsonFuzz.randomValue(r, 4)), Set.of(), Set.of());
        } else if (shape == 3) {
            JsonFuzz.replaceRandomValue(r, out, JsonFuzz.randomValue(r, 1));
        }
        boolean intact = shape > 3;
        return new Answer(r.nextInt(10) == 0 ? 400 + r.nextInt(200) : 200, json(out),
                intact ? wellFormed : Set.of(), Set.of());
    }

    @Test
    void logAnalytics_malformedTables_giveRecordsOrAnAdapterError() {
        AssessmentRequest request = new AssessmentRequest(List.of(), NOW.minusSeconds(5 * 3600));
        Property.forAll("Log Analytics answers", 3303L, 40, Duration.ofSeconds(20),
                AzureAnswersFuzzTest::logAnalyticsTable, Answer::show, a -> {
                    azure.clearFaults();
                    azure.inject("/query$", Fault.answer(a.status(), a.body()), -1);
                    List<UpdateRecord> got = resultOrAdapterError(() -> {
                        List<UpdateRecord> records = new ArrayList<>();
                        pw.logAnalyticsAssessment(WORKSPACE).read(request, new AssessmentSink() {
                            @Override
                            public void accept(UpdateRecord record) {
                                records.add(record);
                            }
                        });
                        return records;
                    });
                    if (got != null) {
                        checkRecords(got, a.status() == 200 ? a.goodIds() : Set.of(), NOW.minusSeconds(7200));
                    } else {
                        assertThat(a.goodIds()).as("a well-formed answer read without error").isEmpty();
                    }
                });
    }

    /** The patches a packed row may list: name and version, all valid by the package-name rule. */
    static final List<String[]> PATCHES = List.of(new String[] {"openssl", "1:1.0.2k-26.el7_9"},
            new String[] {"curl", "7.29.0-59.el7_9.2"}, new String[] {"sudo", "1.8.23-10.el7_9.3"},
            new String[] {"bash", "4.2.46-35.el7_9"});

    /**
     * A packed assessment answer ({@code ResourceGraphAssessmentSource.packedQuery}: one row per machine, its
     * patches packed) and what it promises about the rows the generator left intact.
     *
     * @param status the HTTP status
     * @param body the answer
     * @param intact per intact row (machine id, lower case): the products of its intact patch entries
     * @param complete the intact rows whose every patch entry is intact and whose count is the list's length
     * @param truncated the intact rows that count more patches than they list
     * @param offered per row id (stripped, lower case) of the answer: every patch name it lists
     */
    record Packed(int status, String body, Map<String, Set<String>> intact, Set<String> complete,
                  Set<String> truncated, Map<String, Set<String>> offered) {
        String show() {
            return status + " " + body;
        }

        /** @return every (machine, product) of an intact patch entry of an intact row */
        Set<String> wellFormed() {
            Set<String> out = new HashSet<>();
            intact.forEach((m, products) -> products.forEach(p -> out.add(m + " " + p)));
            return out;
        }
    }

    /** A value that damages a packed row or patch entry: another type, or a hostile string. */
    static JsonNode damage(SplittableRandom r) {
        return r.nextBoolean() ? JsonFuzz.randomValue(r, 2)
                : JsonFuzz.JSON.getNodeFactory().textNode(JsonFuzz.HOSTILE_STRINGS.get(r.nextInt(JsonFuzz.HOSTILE_STRINGS.size())));
    }

    static Packed packedAssessments(SplittableRandom r) {
        ArrayNode data = JsonFuzz.JSON.createArrayNode();
        Map<String, Set<String>> intact = new HashMap<>();
        Set<String> complete = new HashSet<>();
        Set<String> truncated = new HashSet<>();
        for (ObjectNode m : goodMachines) {
            if (r.nextInt(4) == 0) {
                continue; // not assessed: no row
            }
            String machine = m.get("id").asText().toLowerCase(Locale.ROOT);
            Instant reported = NOW.minusSeconds(r.nextInt(7200));
            ObjectNode row = data.addObject();
            row.put("id", machine).put("reported", reported.toString());
            ArrayNode patches = row.putArray("patches");
            Set<String> products = new HashSet<>();
            boolean allIntact = true;
            int n = r.nextInt(PATCHES.size() + 1);
            for (int i = 0; i < n; i++) {
                ObjectNode p = patches.addObject();
                p.put("patchName", PATCHES.get(i)[0]).put("version", PATCHES.get(i)[1]);
                p.putArray("classifications").add(r.nextBoolean() ? "Security" : "Critical");
                p.put("lastModifiedDateTime", reported.toString());
                if (r.nextInt(3) == 0) {
                    // a damaged entry: a name that breaks the rule, a wrong type, no time, ...
                    JsonFuzz.replaceRandomValue(r, p, damage(r));
                    allIntact = false;
                } else {
                    products.add(PATCHES.get(i)[0]);
                }
            }
            if (r.nextInt(8) == 0) {
                patches.add(damage(r)); // an entry that is no object
                allIntact = false;
            }
            boolean cut = r.nextInt(6) == 0;
            row.put("patchCount", patches.size() + (cut ? 1 + r.nextInt(3) : 0));
            if (r.nextInt(4) == 0) {
                // a damaged row: its id, time, count or list (or a value inside an entry) replaced
                JsonFuzz.replaceRandomValue(r, row, damage(r));
            } else {
                intact.put(machine, products);
                if (cut) {
                    truncated.add(machine);
                } else if (allIntact) {
                    complete.add(machine);
                }
            }
        }
        if (r.nextInt(6) == 0) {
            data.insert(r.nextInt(data.size() + 1), damage(r)); // a row that is no object
        }
        ObjectNode out = JsonFuzz.JSON.createObjectNode();
        out.put("totalRecords", data.size()).put("count", data.size()).put("resultTruncated", "false");
        out.putArray("facets");
        out.set("data", data);
        int shape = r.nextInt(12);
        if (shape == 0) {
            out.set("data", JsonFuzz.randomValue(r, 2)); // not the object array of the format asked for
            return new Packed(200, json(out), Map.of(), Set.of(), Set.of(), offered(out.get("data")));
        } else if (shape == 1) {
            return new Packed(200, json(JsonFuzz.randomValue(r, 4)), Map.of(), Set.of(), Set.of(), Map.of());
        } else if (shape == 2) {
            // an error status (429 left out: the pager waits out the quota on it)
            int status = List.of(400, 401, 403, 404, 409, 500, 502, 503).get(r.nextInt(8));
            return new Packed(status, json(out), Map.of(), Set.of(), Set.of(), Map.of());
        }
        return new Packed(200, json(out), intact, complete, truncated, offered(data));
    }

    /** Per row id (stripped, lower case) of an answer's data, every patch name its list gives. */
    static Map<String, Set<String>> offered(JsonNode data) {
        Map<String, Set<String>> out = new HashMap<>();
        if (data == null || !data.isArray()) {
            return out;
        }
        for (JsonNode row : data) {
            JsonNode id = row.path("id");
            if (!id.isValueNode() || id.isNull()) {
                continue;
            }
            Set<String> names = out.computeIfAbsent(id.asText().strip().toLowerCase(Locale.ROOT), k -> new HashSet<>());
            for (JsonNode p : row.path("patches")) {
                JsonNode name = p.path("patchName");
                if (name.isValueNode() && !name.isNull()) {
                    names.add(name.asText());
                }
            }
        }
        return out;
    }

    /**
     * The per-machine oracle on a packed answer read without error: a machine with no row reports nothing; an
     * intact row that counts more patches than it lists makes its machine incomplete ({@code PatchListTruncated})
     * and never planned; an intact row of intact entries gives exactly its packages; any other machine gets only
     * valid packages that its row named. Then the plan: every machine once, in a deployment or skipped with a
     * one-line reason; a deployment installs only valid packages that the answer named for each of its machines.
     */
    static void checkPacked(Packed a, AssessmentReducer reducer, Plan plan) {
        for (Machine m : fleetMachines) {
            String key = m.id().toLowerCase(Locale.ROOT);
            MachineAssessment got = reducer.assessment(m);
            Set<String> offered = a.offered().getOrDefault(key, Set.of());
            if (a.truncated().contains(key)) {
                assertThat(got.status()).as("%s counts more patches than it lists", key)
                        .isEqualTo(MachineAssessment.Status.INCOMPLETE);
                assertThat(reducer.incompleteDetail(m)).as("why %s is incomplete", key).hasValueSatisfying(
                        d -> assertThat(d).contains("PatchListTruncated").doesNotContain("\n"));
            } else if (a.complete().contains(key)) {
                assertThat(got.status()).as("%s: an intact row", key).isEqualTo(MachineAssessment.Status.CURRENT);
                assertThat(got.packages().keySet()).as("the packages of %s", key).isEqualTo(a.intact().get(key));
            } else if (a.intact().containsKey(key)) {
                assertThat(got.packages().keySet()).as("the intact entries of %s", key).containsAll(a.intact().get(key));
            } else if (offered.isEmpty() && !a.offered().containsKey(key)) {
                assertThat(got.status()).as("%s has no row", key).isEqualTo(MachineAssessment.Status.NOT_REPORTING);
            }
            got.packages().forEach((name, version) -> {
                assertThat(PackageNames.isValidName(name)).as("package %s of %s", name, key).isTrue();
                assertThat(version.isEmpty() || PackageNames.isValidVersion(version))
                        .as("version %s of %s", version, key).isTrue();
                assertThat(offered).as("package %s of %s came from its row", name, key)
                        .anyMatch(o -> o.equals(name) || o.startsWith(name + "."));
            });
        }
        Map<String, Integer> placed = new HashMap<>();
        for (Deployment d : plan.deployments()) {
            for (String id : d.machineIds()) {
                String key = id.toLowerCase(Locale.ROOT);
                placed.merge(key, 1, Integer::sum);
                assertThat(a.truncated()).as("%s is planned from a partial list", key).doesNotContain(key);
                for (String p : d.packages()) {
                    assertThat(PackageNames.isValidName(p)).as("package %s of %s", p, d.name()).isTrue();
                    assertThat(a.offered().getOrDefault(key, Set.of())).as("package %s for %s came from the answer", p, key)
                            .anyMatch(o -> o.equals(p) || o.startsWith(p + "."));
                }
            }
        }
        for (Skip s : plan.skipped()) {
            placed.merge(s.machineId().toLowerCase(Locale.ROOT), 1, Integer::sum);
            assertThat(s.detail()).as("why %s is skipped", s.machineId()).isNotBlank().doesNotContain("\n");
            if (a.truncated().contains(s.machineId().toLowerCase(Locale.ROOT))
                    && s.reason() == SkipReason.ASSESSMENT_INCOMPLETE) {
                assertThat(s.detail()).contains("PatchListTruncated");
            }
        }
        for (Machine m : fleetMachines) {
            assertThat(placed.get(m.id().toLowerCase(Locale.ROOT))).as("%s in the plan once", m.id()).isEqualTo(1);
        }
    }

    // Reported: the oracle expected per-row softwarepatches while the source reads one packed row per machine
    // (issue 15); expected: the packed rows' oracle, per machine, and the plan made of them.
    @Test
    void resourceGraphAssessment_malformedRows_giveRecordsOrAnAdapterError() {
        Instant earliest = NOW.minus(Duration.ofDays(2));
        AssessmentRequest request = new AssessmentRequest(
                goodMachines.stream().map(m -> m.get("id").asText()).collect(Collectors.toList()), earliest);
        Planner planner = Planner.of(Policy.builder().environments("P", "Q", "R").build());
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Property.forAll("Resource Graph packed assessment answers", 4404L, 40, Duration.ofSeconds(20),
                AzureAnswersFuzzTest::packedAssessments, Packed::show, a -> {
                    azure.clearFaults();
                    azure.inject("ResourceGraph", Fault.answer(a.status(), a.body()), -1);
                    AssessmentSource source = pw.resourceGraphAssessment(List.of(sub));
                    List<UpdateRecord> records = new ArrayList<>();
                    AssessmentReducer reducer = new AssessmentReducer(fleetMachines,
                            EnumSet.allOf(Classification.class), earliest);
                    List<UpdateRecord> got = resultOrAdapterError(() -> {
                        source.read(request, new AssessmentSink() {
                            @Override
                            public void accept(UpdateRecord record) {
                                records.add(record);
                                reducer.accept(record);
                            }

                            @Override
                            public void machineReported(String machineId, Instant at) {
                                reducer.machineReported(machineId, at);
                            }

                            @Override
                            public void incomplete(String machineId, String code, String detail) {
                                reducer.incomplete(machineId, code, detail);
                            }

                            @Override
                            public void incompleteForAll(String code, String detail) {
                                reducer.incompleteForAll(code, detail);
                            }
                        });
                        return records;
                    });
                    if (got == null) {
                        assertThat(a.intact()).as("a well-formed answer read without error").isEmpty();
                        return;
                    }
                    checkRecords(got, a.wellFormed(), earliest);
                    Plan plan = resultOrAdapterError(() -> planner.plan(fleetMachines, source, List.of(), clock));
                    assertThat(plan).as("the plan of an answer read once without error").isNotNull();
                    checkPacked(a, reducer, plan);
                });
    }

    // Reported: a Resource Graph answer 200 whose body is JSON null made the pager throw a NullPointerException
    // (found by the packed-assessment fuzz, seed 1); expected: an AzureAdapterException naming the format.
    @Test
    void resourceGraph_nullAnswer_isAnAdapterError() {
        azure.inject("ResourceGraph", Fault.answer(200, "null"), -1);
        AssessmentRequest request = new AssessmentRequest(List.of(), NOW.minus(Duration.ofDays(2)));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> pw.resourceGraphAssessment(List.of(sub)).read(request, records -> { }))
                .isInstanceOf(AzureAdapterException.class)
                .hasMessage("Resource Graph assessment query failed: unexpected result format (an empty answer; "
                        + "expected an object with data)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pw.resourceGraphInventory(List.of(sub)).machines())
                .isInstanceOf(AzureAdapterException.class).hasMessageContaining("unexpected result format");
    }

    // ------------------------------------------------------------------------------------ deployments

    static ObjectNode validSuc(String name) {
        ObjectNode s = JsonFuzz.JSON.createObjectNode();
        s.put("id", account + "/softwareUpdateConfigurations/" + name).put("name", name);
        ObjectNode p = s.putObject("properties");
        ObjectNode uc = p.putObject("updateConfiguration");
        uc.put("operatingSystem", "Linux").put("duration", "PT2H");
        uc.putObject("linux").put("rebootSetting", "Always").putArray("includedPackageNameMasks").add("openssl");
        uc.putArray("azureVirtualMachines").add(goodMachines.get(0).get("id").asText());
        uc.putArray("nonAzureComputerNames").add("arc-00004.corp.example");
        ObjectNode si = p.putObject("scheduleInfo");
        si.put("frequency", "OneTime").put("startTime", "2026-11-29T12:00:00+01:00").put("timeZone", "Europe/Paris")
                .put("isEnabled", true).put("nextRun", "2026-11-29T12:00:00+01:00");
        p.put("frequency", "OneTime").put("startTime", "2026-11-20T12:00:00+01:00");
        return s;
    }

    record Sucs(String list, String get) {
        String show() {
            return "list " + list + "\nget " + get;
        }
    }

    static Sucs sucAnswers(SplittableRandom r) {
        ObjectNode list = JsonFuzz.JSON.createObjectNode();
        ArrayNode value = list.putArray("value");
        for (int i = 0; i < 1 + r.nextInt(3); i++) {
            ObjectNode item = validSuc("pw-fuzz-" + i);
            ((ObjectNode) item.get("properties")).remove("nextRun");
            if (r.nextBoolean()) {
                JsonFuzz.replaceRandomValue(r, item, JsonFuzz.randomValue(r, 2));
            }
            value.add(item);
        }
        if (r.nextInt(5) == 0) {
            value.add(JsonFuzz.randomValue(r, 2));
        }
        ObjectNode get = validSuc("pw-fuzz-0");
        JsonFuzz.replaceRandomValue(r, get, r.nextBoolean() ? JsonFuzz.randomValue(r, 2)
                : JsonFuzz.JSON.getNodeFactory().textNode(JsonFuzz.HOSTILE_STRINGS.get(r.nextInt(JsonFuzz.HOSTILE_STRINGS.size()))));
        return new Sucs(json(list), json(get));
    }

    @Test
    void automationTarget_malformedConfigurations_giveDeploymentsOrAnAdapterError() {
        AutomationDeploymentTarget target = AutomationDeploymentTarget.builder(pw, account).build();
        Property.forAll("software update configuration answers", 5505L, 50, Duration.ofSeconds(20),
                AzureAnswersFuzzTest::sucAnswers, Sucs::show, a -> {
                    azure.clearFaults();
                    azure.inject("softwareUpdateConfigurations$", Fault.answer(200, a.list()), -1);
                    azure.inject("softwareUpdateConfigurations/", Fault.answer(200, a.get()), -1);
                    List<ExistingDeployment> got = resultOrAdapterError(() -> target.existing("pw-"));
                    if (got != null) {
                        checkDeployments(got, Set.of("pw-fuzz-0", "pw-fuzz-1", "pw-fuzz-2"), Set.of(),
                                "includedPackageNameMasks", a.list(), a.get());
                    }
                    resultOrAdapterError(() -> target.cleanupActions("pw-", NOW.plus(Duration.ofDays(30))));
                });
    }

    /**
     * The oracle on the deployments read from a fuzzed answer: each has a name that the answer listed, valid as a
     * deployment name; every package (and pinned name) came from an include mask of the answer, verbatim; an intact
     * deployment's packages and versions pass the package-name rule, and one that does not is flagged damaged with
     * one safe line, which the reconcile never keeps as it is; every configuration that the generator left
     * well-formed is among them, intact.
     *
     * @param includeMember the answers' member of include masks
     * @param answers the answers' JSON texts
     */
    static void checkDeployments(List<ExistingDeployment> got, Set<String> names, Set<String> wellFormed,
                                 String includeMember, String... answers) {
        Set<String> offered = offeredMasks(includeMember, answers);
        for (ExistingDeployment e : got) {
            assertThat(e.name()).as("a name of the answer").isIn(names);
            assertThat(e.name()).as("a deployment name").matches("[A-Za-z0-9_-]{1,64}");
            for (String p : e.deployment().packages()) {
                String version = e.deployment().versions().get(p);
                assertThat(offered).as("package %s of %s came from the answer", p, e.name())
                        .contains(version == null ? p : p + "=" + version);
            }
            if (e.damaged()) {
                assertThat(e.damage()).as("why %s is damaged", e.name()).isNotBlank()
                        .satisfies(d -> assertThat(Quoting.isSafe(d)).as("one safe line: %s", d).isTrue());
                // the reconcile never keeps it as it is: managed, not planned and in scope, it is deleted
                List<DeploymentAction> actions = Reconciler.of("pw-", false).reconcile(List.of(), List.of(e), NOW);
                assertThat(actions).as("the reconcile of damaged %s", e.name())
                        .allSatisfy(a -> assertThat(a.kind()).isEqualTo(ActionKind.DELETE))
                        .hasSize(e.managed() ? 1 : 0);
            } else {
                for (String p : e.deployment().packages()) {
                    assertThat(PackageNames.isValidName(p)).as("package %s of intact %s", p, e.name()).isTrue();
                }
                e.deployment().versions().forEach((p, v) -> assertThat(PackageNames.isValidVersion(v))
                        .as("version %s of %s of intact %s", v, p, e.name()).isTrue());
            }
        }
        Map<String, ExistingDeployment> byName = got.stream()
                .collect(Collectors.toMap(ExistingDeployment::name, e -> e, (x, y) -> x));
        assertThat(byName.keySet()).containsAll(wellFormed);
        for (String w : wellFormed) {
            assertThat(byName.get(w).damage()).as("well-formed %s", w).isNull();
        }
    }

    /**
     * Every include mask of the answers as served (UTF-8, where a lone surrogate is sent as {@code ?}), verbatim: the
     * texts of the member's lists, other values as JSON text.
     */
    static Set<String> offeredMasks(String member, String... answers) {
        Set<String> out = new HashSet<>();
        for (String answer : answers) {
            JsonNode root;
            try {
                root = JsonFuzz.JSON.readTree(answer.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                continue;
            }
            for (JsonNode list : root.findValues(member)) {
                if (list.isArray()) {
                    list.forEach(m -> out.add(m.isTextual() ? m.textValue() : m.toString()));
                } else {
                    out.add(list.toString());
                }
            }
        }
        return out;
    }

    record Configurations(String list, Set<String> names, Set<String> wellFormed) {
    }

    static Configurations maintenanceList(SplittableRandom r) {
        Set<String> names = new HashSet<>();
        Set<String> wellFormed = new HashSet<>();
        ObjectNode list = JsonFuzz.JSON.createObjectNode();
        ArrayNode value = list.putArray("value");
        for (int i = 0; i < 1 + r.nextInt(3); i++) {
            String name = "pw-Q-WED-1200-3f2a9c1" + i;
            names.add(name);
            ObjectNode c = value.addObject();
            c.put("id", group + "/providers/Microsoft.Maintenance/maintenanceConfigurations/" + name).put("name", name)
                    .put("location", "westeurope");
            c.putObject("tags").put("managed-by", "patchwindow").put("patchwindow-time-zone", "Europe/Paris");
            ObjectNode p = c.putObject("properties");
            p.put("maintenanceScope", "InGuestPatch");
            p.putObject("maintenanceWindow").put("startDateTime", "2026-12-02 12:00").put("duration", "02:00")
                    .put("timeZone", "Romance Standard Time").put("recurEvery", "Week Wednesday")
                    .put("expirationDateTime", "9999-12-31 00:00");
            p.putObject("installPatches").put("rebootSetting", "Always").putObject("linuxParameters")
                    .putArray("packageNameMasksToInclude").add("openssl");
            if (r.nextInt(3) != 0) {
                JsonFuzz.replaceRandomValue(r, c, r.nextBoolean() ? JsonFuzz.randomValue(r, 2)
                        : JsonFuzz.JSON.getNodeFactory().textNode(JsonFuzz.HOSTILE_STRINGS.get(r.nextInt(JsonFuzz.HOSTILE_STRINGS.size()))));
            } else {
                wellFormed.add(name);
            }
        }
        return new Configurations(json(list), names, wellFormed);
    }

    @Test
    void updateManagerTarget_malformedConfigurations_giveDeploymentsOrAnAdapterError() {
        UpdateManagerDeploymentTarget target = UpdateManagerDeploymentTarget.builder(pw, group,
                Clock.fixed(NOW, ZoneOffset.UTC)).location("westeurope").build();
        Property.forAll("maintenance configuration answers", 6606L, 25, Duration.ofSeconds(20),
                AzureAnswersFuzzTest::maintenanceList, Configurations::list, a -> {
                    azure.clearFaults();
                    azure.inject("maintenanceConfigurations$", Fault.answer(200, a.list()), -1);
                    List<ExistingDeployment> got = resultOrAdapterError(() -> target.existing("pw-"));
                    if (got != null) {
                        checkDeployments(got, a.names(), a.wellFormed(), "packageNameMasksToInclude", a.list());
                    }
                    resultOrAdapterError(() -> target.cleanupActions("pw-"));
                });
    }
}
