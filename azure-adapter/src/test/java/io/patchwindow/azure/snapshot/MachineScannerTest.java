package io.patchwindow.azure.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.SplittableRandom;

import io.patchwindow.core.assessment.AssessmentReducer;
import io.patchwindow.core.assessment.Classification;
import io.patchwindow.core.inventory.ResourceId;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The machines read from the bytes are those the parser reads: documents of random machines, regular and
 * irregular, give the same machines, counts, deployments, assessments and errors with and without the
 * {@link MachineScanner}, and the scanner is taken for the plain ones.
 */
class MachineScannerTest {
    private static final long SEED = 20261127L;
    private static final String SUB = "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590";

    /** What a reader of the snapshot sees, or the error it gets. */
    private static String outcome(Snapshot s) {
        try {
            StringBuilder sb = new StringBuilder();
            sb.append(s.machines()).append('\n').append(s.ignoredResources()).append('\n');
            sb.append(s.deployments("pw-").size()).append('\n');
            AssessmentReducer reducer = new AssessmentReducer(s.machines(),
                    Set.of(Classification.SECURITY, Classification.CRITICAL), Instant.parse("2026-11-01T00:00:00Z"));
            sb.append(s.readAssessments(reducer)).append(' ').append(reducer.accepted()).append('\n');
            for (var m : s.machines()) {
                sb.append(reducer.assessment(m)).append('\n');
            }
            return sb.toString();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static String ws(SplittableRandom r) {
        switch (r.nextInt(8)) {
            case 0:
                return " ";
            case 1:
                return "\n  ";
            case 2:
                return "\t";
            default:
                return "";
        }
    }

    /** A member value: mostly strings, sometimes other JSON (or irregular text when {@code irregular}). */
    private static String value(SplittableRandom r, boolean irregular) {
        int k = r.nextInt(irregular ? 14 : 10);
        switch (k) {
            case 0:
                return "null";
            case 1:
                return "true";
            case 2:
                return "false";
            case 3:
                return "[" + ws(r) + "\"a\"" + ws(r) + "," + ws(r) + "{}" + ws(r) + "]";
            case 4:
                return "{" + ws(r) + "\"x\"" + ws(r) + ":" + ws(r) + "[]" + ws(r) + "}";
            case 10:
                return Integer.toString(r.nextInt(1000));
            case 11:
                return "\"a\\\"b\"";
            case 12:
                return "\"caf\u00e9\"";
            case 13:
                return "tru";
            default:
                return "\"v" + r.nextInt(5) + "\"";
        }
    }

    private static String machine(SplittableRandom r, int i, boolean irregular) {
        boolean arc = r.nextInt(3) == 0;
        String type = arc ? "Microsoft.HybridCompute/machines" : "Microsoft.Compute/virtualMachines";
        if (r.nextInt(20) == 0) {
            type = "Microsoft.Network/networkInterfaces"; // ignored
        }
        if (r.nextInt(4) == 0) {
            type = type.toLowerCase(java.util.Locale.ROOT); // as Resource Graph spells it
        }
        String group = "rg-" + r.nextInt(3);
        String name = (arc ? "srv-" : "vm-") + i + (r.nextInt(40) == 0 ? "." : "");
        String id = SUB + "/resourceGroups/" + group + "/providers/" + (arc ? "Microsoft.HybridCompute/machines/"
                : "Microsoft.Compute/virtualMachines/") + name;
        List<String> members = new ArrayList<>();
        members.add("\"id\"" + ws(r) + ":" + ws(r) + (r.nextInt(50) == 0 ? "7" : "\"" + id + "\""));
        members.add("\"name\":\"" + name + "\"");
        members.add("\"type\":\"" + type + "\"");
        if (r.nextBoolean()) {
            members.add("\"location\":" + (r.nextInt(10) == 0 ? value(r, irregular) : "\"westeurope\""));
        }
        if (r.nextInt(5) > 0) {
            String tags = r.nextInt(15) == 0 ? value(r, irregular)
                    : "{\"patch\":\"CENTOS-" + "PQR".charAt(r.nextInt(3)) + "-MON-03:00\"" + (r.nextBoolean()
                    ? ",\"owner\":" + (r.nextInt(8) == 0 ? "null" : "\"team\"") : "") + "}";
            members.add("\"tags\":" + ws(r) + tags);
        }
        String os = "\"osProfile\":{\"computerName\":\"" + name + "\",\"linuxConfiguration\":{\"patchSettings\":"
                + "{\"patchMode\":\"AutomaticByPlatform\",\"automaticByPlatformSettings\":"
                + "{\"bypassPlatformSafetyChecksOnUserSchedule\":" + (r.nextInt(10) == 0 ? value(r, irregular) : "true")
                + "}}}}";
        String storage = "\"storageProfile\":{\"imageReference\":{\"publisher\":\"OpenLogic\",\"offer\":\"CentOS\","
                + "\"sku\":" + (r.nextInt(12) == 0 ? value(r, irregular) : "\"7_9\"") + "},\"osDisk\":{\"osType\":\"Linux\"}}";
        String props = os + "," + storage + (r.nextInt(4) == 0 ? ",\"extra\":" + value(r, irregular) : "")
                + (arc ? ",\"osName\":\"centos\",\"osSku\":\"CentOS Linux 7\",\"osType\":\"linux\"" : "");
        if (r.nextInt(6) == 0) {
            members.add(props); // az vm list flattens the properties
        } else {
            members.add("\"properties\":" + ws(r) + "{" + props + "}");
        }
        if (r.nextInt(8) == 0) {
            members.add("\"name\":\"again-" + i + "\""); // a repeated member
        }
        if (r.nextInt(8) == 0) {
            members.add("\"location\":\"northeurope\""); // repeated when the location is there already
        }
        if (r.nextInt(12) == 0) {
            members.add("\"tags\":{\"patch\":\"CENTOS-Q-TUE-12:00\"}");
        }
        if (r.nextInt(10) == 0) {
            members.add("\"zones\":" + value(r, irregular));
        }
        java.util.Collections.shuffle(members, new java.util.Random(r.nextLong()));
        StringBuilder sb = new StringBuilder("{").append(ws(r));
        for (int k = 0; k < members.size(); k++) {
            sb.append(k == 0 ? "" : "," + ws(r)).append(members.get(k));
        }
        return sb.append(ws(r)).append("}").toString();
    }

    private static String row(int i, String day) {
        String id = SUB + "/resourceGroups/rg-0/providers/Microsoft.Compute/virtualMachines/vm-" + i;
        return "{\"TimeGenerated\":\"2026-11-" + day + "T08:00:00Z\",\"ResourceId\":\"" + id + "\",\"Computer\":\"vm-"
                + i + "\",\"Product\":\"openssl\",\"ProductArch\":\"x86_64\",\"ProductVersion\":\"1.0." + day
                + "\",\"Classification\":\"Security Updates\",\"UpdateState\":\"Needed\",\"OSType\":\"Linux\"}";
    }

    /** A document: machines first (usually), then rows, deployments, sometimes something malformed. */
    private static String document(SplittableRandom r, boolean irregular) {
        int n = r.nextInt(12);
        StringBuilder machines = new StringBuilder("[").append(ws(r));
        for (int i = 0; i < n; i++) {
            machines.append(i == 0 ? "" : "," + ws(r)).append(machine(r, i, irregular && r.nextInt(3) == 0));
        }
        if (irregular && r.nextInt(15) == 0) {
            machines.append(",");
        }
        machines.append(ws(r)).append("]");
        StringBuilder rows = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            rows.append(i == 0 ? "" : ",").append(row(i, r.nextBoolean() ? "20" : "24"));
        }
        rows.append("]");
        String m = "\"machines\"" + ws(r) + ":" + ws(r) + machines;
        String u = "\"updates\":" + rows;
        String d = "\"deployments\":[]";
        String body = r.nextInt(10) == 0 ? u + "," + m + "," + d : m + "," + ws(r) + u + "," + d;
        if (irregular && r.nextInt(20) == 0) {
            body = body + ",\"machines\":[]"; // a repeated section
        }
        String doc = ws(r) + "{" + ws(r) + body + ws(r) + "}" + ws(r);
        if (irregular && r.nextInt(25) == 0) {
            doc = doc.substring(0, r.nextInt(doc.length())); // truncated
        }
        return doc;
    }

    @Test
    void snapshot_withAndWithoutTheScanner_readsTheSame() {
        SplittableRandom r = new SplittableRandom(SEED);
        int scanned = 0;
        for (int k = 0; k < 3000; k++) {
            boolean irregular = k % 2 == 1;
            String doc = document(r, irregular);
            Snapshot scanning = Snapshot.ofJson("fleet.json", doc);
            Snapshot parsing = Snapshot.ofJson("fleet.json", doc).withoutMachineScan();
            assertThat(outcome(scanning)).as("seed %d case %d: %s", SEED, k, doc).isEqualTo(outcome(parsing));
            if (scan(doc, 1 << 20) != null) {
                scanned++;
            }
        }
        assertThat(scanned).as("documents whose machines the scanner read").isGreaterThan(700);
    }

    private static MachineScanner.Result scan(String doc, int buffer) {
        try {
            return MachineScanner.read(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)), buffer,
                    "fleet.json", new HashMap<>(), ResourceId.parser());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void read_withAnyBufferSize_givesTheSameMachinesAndTheOffsetOfTheClosingBracket() {
        SplittableRandom r = new SplittableRandom(SEED + 1);
        for (int k = 0; k < 300; k++) {
            String doc = document(r, false);
            MachineScanner.Result whole = scan(doc, 1 << 20);
            for (int buffer : new int[] {1, 7, 64, 333}) {
                MachineScanner.Result small = scan(doc, buffer);
                if (whole == null) {
                    assertThat(small).as("case %d, buffer %d", k, buffer).isNull();
                    continue;
                }
                assertThat(small).as("case %d, buffer %d", k, buffer).isNotNull();
                assertThat(small.machines).isEqualTo(whole.machines);
                assertThat(small.ignored).isEqualTo(whole.ignored);
                assertThat(small.end).isEqualTo(whole.end);
            }
            if (whole != null) {
                assertThat(doc.getBytes(StandardCharsets.UTF_8)[(int) whole.end]).isEqualTo((byte) ']');
            }
        }
    }

    @Test
    void read_plainMachines_isTaken_andAnythingElseIsLeftToTheParser() {
        String vm = "{\"id\":\"" + SUB + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1\","
                + "\"type\":\"Microsoft.Compute/virtualMachines\",\"tags\":{\"patch\":\"CENTOS-P-MON-03:00\"}}";
        assertThat(scan("{\"machines\":[" + vm + "],\"updates\":[]}", 16)).isNotNull()
                .satisfies(res -> assertThat(res.machines).hasSize(1));
        assertThat(scan(" {\n \"machines\" : [ ] }", 16)).isNotNull()
                .satisfies(res -> assertThat(res.machines).isEmpty());
        for (String other : new String[] {
            "{\"updates\":[],\"machines\":[" + vm + "]}",               // another first key
            "{\"machines\":[" + vm.replace("vm1", "vm\\u0031") + "]}",  // an escape
            "{\"machines\":[" + vm.replace("vm1", "vm\u00e91") + "]}",  // non-ASCII
            "{\"machines\":[" + vm.replace("}}", "},\"n\":1}") + "]}",  // a number
            "{\"machines\":[" + vm + ",]}",                             // a trailing comma
            "{\"machines\":[" + vm,                                     // truncated
            "{\"machines\":[" + vm.replace("virtualMachines/vm1", "virtualMachines/vm1.") + "]}", // refused id
            "{\"machines\":{}}",
            "\ufeff{\"machines\":[]}",
        }) {
            assertThat(scan(other, 16)).as(other).isNull();
        }
    }
}
