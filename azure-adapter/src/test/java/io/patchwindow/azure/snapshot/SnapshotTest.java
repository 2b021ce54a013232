package io.patchwindow.azure.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import io.patchwindow.core.assessment.AssessmentSink;
import io.patchwindow.core.assessment.Classification;
import io.patchwindow.core.assessment.UpdateRecord;
import io.patchwindow.core.deployment.ExistingDeployment;
import io.patchwindow.core.deployment.Reboot;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.inventory.MachineKind;
import io.patchwindow.core.inventory.PatchSettings;
import io.patchwindow.core.port.AssessmentRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {
    static final String SUB = "0b1f6471-1bf0-4dda-aec3-cb9272f09590";
    static final String VM1 = "/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm1";
    static final String VM2 = "/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm2";
    static final String ARC1 = "/subscriptions/" + SUB + "/resourceGroups/rg-onprem/providers/Microsoft.HybridCompute/machines/arc1";

    /** Both machine shapes (Resource Graph with properties, az vm list flattened), an Arc server, another type. */
    static final String MACHINES = """
            [
              {"id": "%s", "name": "vm1", "type": "Microsoft.Compute/virtualMachines", "location": "westeurope",
               "tags": {"patch": "CENTOS-Q-WED-12:00", "owner": "team-a"}, "zones": ["1"],
               "properties": {
                 "storageProfile": {"imageReference": {"publisher": "OpenLogic", "offer": "CentOS", "sku": "7_9",
                                    "version": "latest"}, "osDisk": {"osType": "Linux"}},
                 "instanceView": {"osName": "centos", "osVersion": "7.9.2009"},
                 "osProfile": {"computerName": "vm1-host", "linuxConfiguration": {"patchSettings": {
                    "patchMode": "AutomaticByPlatform",
                    "automaticByPlatformSettings": {"bypassPlatformSafetyChecksOnUserSchedule": true}}}}}},
              {"id": "%s", "name": "vm2", "type": "microsoft.compute/VIRTUALMACHINES", "location": "northeurope",
               "tags": null,
               "storageProfile": {"imageReference": {"id": "/subscriptions/%s/resourceGroups/img/providers/Microsoft.Compute/galleries/g/images/centos7-hardened"}},
               "osProfile": {"computerName": "vm2"}},
              {"id": "%s", "name": "arc1", "type": "Microsoft.HybridCompute/machines", "location": "westeurope",
               "tags": {"patch": "CENTOS-R-SUN-03:00"},
               "properties": {"osName": "linux", "osSku": "CentOS Linux 7 (Core)", "osType": "linux",
                              "machineFqdn": "arc1.corp.example", "displayName": "arc1", "status": "Connected"}},
              {"id": "/subscriptions/%s/resourceGroups/rg-app/providers/Microsoft.Storage/storageAccounts/st1",
               "type": "Microsoft.Storage/storageAccounts", "name": "st1"}
            ]""".formatted(VM1, VM2, SUB, ARC1, SUB);

    static final String UPDATES = """
            [
              {"TimeGenerated": "2026-11-25T08:00:00Z", "ResourceId": "%s", "Computer": "vm1-host",
               "SourceComputerId": "5c3b6a1e-0000-0000-0000-000000000001", "Product": "openssl", "ProductArch": "x86_64",
               "ProductVersion": "1.0.2k-26.el7_9", "Classification": "Security Updates", "UpdateState": "Needed",
               "BulletinID": "RHSA-2026:0001", "OSType": "Linux"},
              {"TimeGenerated": "2026-11-25T08:00:00.1234567Z", "_ResourceId": "%s", "Product": "bash",
               "Classification": "Other Updates", "UpdateState": "Installed", "OSType": "Linux"},
              {"TimeGenerated": "2026-11-25T09:00:00+01:00", "Computer": "arc1.corp.example", "Product": "glibc",
               "ProductArch": "x86_64", "Classification": "Critical Updates", "UpdateState": "needed"},
              {"TimeGenerated": "2026-11-25T08:00:00Z", "Computer": "win01", "Product": "KB5000001",
               "Classification": "Security Updates", "UpdateState": "Needed", "OSType": "Windows"}
            ]""".formatted(VM1.toLowerCase(), VM2);

    static final String PATCH_ASSESSMENTS = """
            [
              {"id": "%s/patchAssessmentResults/latest", "type": "microsoft.compute/virtualmachines/patchassessmentresults",
               "properties": {"lastModifiedDateTime": "2026-11-24T23:00:00Z", "osType": "Linux"}},
              {"id": "%s/patchAssessmentResults/latest/softwarePatches/openssl-1.0.2k", "name": "openssl-1.0.2k",
               "type": "microsoft.compute/virtualmachines/patchassessmentresults/softwarepatches",
               "properties": {"patchName": "openssl", "version": "1.0.2k-26.el7_9", "classifications": ["Security"],
                              "lastModifiedDateTime": "2026-11-24T23:00:00Z", "rebootRequired": false}},
              {"id": "%s/PATCHASSESSMENTRESULTS/latest/softwarePatches/glibc", "type": "Microsoft.HybridCompute/machines/patchAssessmentResults/softwarePatches",
               "properties": {"patchName": "glibc", "classifications": "Critical, Security",
                              "lastModifiedDateTime": "2026-11-24T22:00:00Z"}},
              {"id": "%s/patchInstallationResults/1234", "type": "microsoft.compute/virtualmachines/patchinstallationresults",
               "properties": {}}
            ]""".formatted(VM1, VM1, ARC1, VM1);

    static String doc(String machines, String updates, String patchAssessments, String deployments) {
        return "{\"schemaVersion\": 7, \"machines\": " + machines + ", \"updates\": " + updates
                + ", \"patchAssessments\": " + patchAssessments + ", \"deployments\": " + deployments
                + ", \"extra\": {\"nested\": [1, 2, {\"a\": null}]}}";
    }

    static List<UpdateRecord> records(Snapshot s) {
        List<UpdateRecord> out = new ArrayList<>();
        s.readAssessments(out::add);
        return out;
    }

    // ------------------------------------------------------------------------------------------ machines

    @Test
    void machines_readsVmsOfBothShapesAndArcServers_ignoresOtherTypes() {
        Snapshot s = Snapshot.ofJson("fleet.json", doc(MACHINES, "[]", "[]", "[]"));

        List<Machine> machines = s.machines();

        assertThat(machines).extracting(Machine::name).containsExactly("vm1", "vm2", "arc1");
        assertThat(s.ignoredResources()).isEqualTo(1);

        Machine vm1 = machines.get(0);
        assertThat(vm1.kind()).isEqualTo(MachineKind.AZURE_VM);
        assertThat(vm1.id()).isEqualTo(VM1);
        assertThat(vm1.location()).isEqualTo("westeurope");
        assertThat(vm1.tags()).containsExactly(Map.entry("patch", "CENTOS-Q-WED-12:00"), Map.entry("owner", "team-a"));
        assertThat(vm1.os().imagePublisher()).isEqualTo("OpenLogic");
        assertThat(vm1.os().imageOffer()).isEqualTo("CentOS");
        assertThat(vm1.os().imageSku()).isEqualTo("7_9");
        assertThat(vm1.os().osName()).isEqualTo("centos");
        assertThat(vm1.os().osType()).isEqualTo("Linux");
        assertThat(vm1.computerName()).isEqualTo("vm1-host");
        assertThat(vm1.patchSettings()).isEqualTo(new PatchSettings("AutomaticByPlatform", true));

        Machine vm2 = machines.get(1);
        assertThat(vm2.kind()).isEqualTo(MachineKind.AZURE_VM);
        assertThat(vm2.location()).isEqualTo("northeurope");
        assertThat(vm2.tags()).isEmpty();
        assertThat(vm2.os().imageId()).endsWith("/images/centos7-hardened");
        assertThat(vm2.computerName()).isEqualTo("vm2");
        assertThat(vm2.patchSettings()).isNull();

        Machine arc = machines.get(2);
        assertThat(arc.kind()).isEqualTo(MachineKind.ARC_SERVER);
        assertThat(arc.os().osName()).isEqualTo("linux");
        assertThat(arc.os().osSku()).isEqualTo("CentOS Linux 7 (Core)");
        assertThat(arc.os().osType()).isEqualTo("linux");
        assertThat(arc.computerName()).isEqualTo("arc1.corp.example");
    }

    @Test
    void machines_vmOsNameAtTopOfProperties_andArcComputerNameFromOsProfile() {
        String machines = """
                [{"id": "%s", "type": "Microsoft.Compute/virtualMachines", "properties": {"osName": "CentOS Linux"}},
                 {"id": "%s", "type": "Microsoft.HybridCompute/machines",
                  "properties": {"osProfile": {"computerName": "arc1-host"}, "machineFqdn": "arc1.corp.example"}}]"""
                .formatted(VM1, ARC1);

        List<Machine> read = Snapshot.ofJson("s.json", "{\"machines\": " + machines + "}").machines();

        assertThat(read.get(0).os().osName()).isEqualTo("CentOS Linux");
        assertThat(read.get(0).location()).isEmpty();
        assertThat(read.get(1).computerName()).isEqualTo("arc1-host");
    }

    // ------------------------------------------------------------------------------------------- updates

    @Test
    void updates_rowsBecomeRecords_nonLinuxRowsIgnored() {
        Snapshot s = Snapshot.ofJson("fleet.json", doc(MACHINES, UPDATES, PATCH_ASSESSMENTS, "[]"));

        // Both sections hold rows: today's Update Manager rows are the default, the legacy rows are asked for.
        assertThat(s.assessmentSection()).isEqualTo(AssessmentSection.PATCH_ASSESSMENTS);
        assertThat(s.rows(AssessmentSection.UPDATES)).isEqualTo(4);
        List<UpdateRecord> records = new ArrayList<>();
        s.readAssessments(AssessmentSection.UPDATES, records::add);

        assertThat(records).containsExactly(
                new UpdateRecord(VM1.toLowerCase(), "vm1-host", "openssl", "x86_64", "1.0.2k-26.el7_9",
                        EnumSet.of(Classification.SECURITY), true, Instant.parse("2026-11-25T08:00:00Z")),
                new UpdateRecord(VM2, null, "bash", "", null, EnumSet.of(Classification.OTHER), false,
                        Instant.parse("2026-11-25T08:00:00.1234567Z")),
                new UpdateRecord("", "arc1.corp.example", "glibc", "x86_64", null, EnumSet.of(Classification.CRITICAL),
                        true, Instant.parse("2026-11-25T08:00:00Z")));
    }

    @Test
    void patchAssessments_usedWhenUpdatesEmpty_softwarePatchesAndSummaries() {
        Snapshot s = Snapshot.ofJson("fleet.json", doc(MACHINES, "[]", PATCH_ASSESSMENTS, "[]"));
        List<UpdateRecord> records = new ArrayList<>();
        List<String> reported = new ArrayList<>();
        AssessmentSink sink = new AssessmentSink() {
            @Override
            public void accept(UpdateRecord record) {
                records.add(record);
            }

            @Override
            public void machineReported(String machineId, Instant at) {
                reported.add(machineId + "@" + at);
            }
        };

        assertThat(s.assessmentSection()).isEqualTo(AssessmentSection.PATCH_ASSESSMENTS);
        assertThat(s.assessmentSection().defaultMaxAge()).hasDays(2);
        long delivered = s.readAssessments(sink);

        assertThat(delivered).isEqualTo(3);
        assertThat(reported).containsExactly(VM1 + "@2026-11-24T23:00:00Z");
        assertThat(records).containsExactly(
                new UpdateRecord(VM1, null, "openssl", "", "1.0.2k-26.el7_9", EnumSet.of(Classification.SECURITY), true,
                        Instant.parse("2026-11-24T23:00:00Z")),
                new UpdateRecord(ARC1, null, "glibc", "", null,
                        EnumSet.of(Classification.CRITICAL, Classification.SECURITY), true,
                        Instant.parse("2026-11-24T22:00:00Z")));
    }

    @Test
    void assessmentSection_noneWhenNoRows_andAbsentOrNullSectionsAreEmpty() {
        Snapshot s = Snapshot.ofJson("s.json", "{\"machines\": [], \"updates\": null}");

        assertThat(s.assessmentSection()).isEqualTo(AssessmentSection.NONE);
        assertThat(s.assessmentSection().defaultMaxAge()).hasHours(5);
        assertThat(records(s)).isEmpty();
        assertThat(s.deployments("pw-")).isEmpty();
    }

    @Test
    void readTwice_givesTheSameResult() {
        Snapshot s = Snapshot.ofJson("fleet.json", doc(MACHINES, UPDATES, "[]", "[]"));
        SnapshotAssessmentSource source = new SnapshotAssessmentSource(s);
        SnapshotInventory inventory = new SnapshotInventory(s);
        AssessmentRequest request = new AssessmentRequest(List.of(VM1), Instant.EPOCH);

        List<UpdateRecord> first = new ArrayList<>();
        source.read(request, first::add);
        List<UpdateRecord> second = new ArrayList<>();
        source.read(request, second::add);

        assertThat(first).hasSize(3).isEqualTo(second);
        assertThat(source.lastReadCount()).isEqualTo(3);
        assertThat(inventory.machines()).isEqualTo(inventory.machines()).hasSize(3);
    }

    @Test
    void readAssessments_deliversRowsWhileReading_neverLoadsTheSection() {
        // The stream fails after the first rows: the sink must already have received them.
        StringBuilder sb = new StringBuilder("{\"machines\": [], \"updates\": [");
        for (int i = 0; i < 10_000; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"TimeGenerated\": \"2026-11-25T08:00:00Z\", \"ResourceId\": \"")
                    .append(VM1).append("\", \"Product\": \"pkg").append(i).append("\"}");
        }
        byte[] all = sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        Snapshot s = Snapshot.of("big.json", () -> new FailingAfter(all, all.length / 2));
        List<String> seen = new ArrayList<>();

        SnapshotException e = catchThrowableOfType(SnapshotException.class,
                () -> s.readAssessments(AssessmentSection.UPDATES, r -> seen.add(r.product())));

        assertThat(e.getMessage()).contains("big.json").contains("cannot read the file");
        assertThat(seen).hasSizeGreaterThan(1000).hasSizeLessThan(10_000);
    }

    @Test
    void readAssessments_streamsManyRowsFromAGeneratedFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("many.json");
        int rows = 200_000;
        try (var w = Files.newBufferedWriter(file)) {
            w.write("{\"updates\": [");
            for (int i = 0; i < rows; i++) {
                w.write(i == 0 ? "" : ",\n");
                w.write("{\"TimeGenerated\": \"2026-11-25T08:00:00Z\", \"ResourceId\": \"" + VM1
                        + "\", \"Product\": \"pkg" + (i % 500) + "\", \"ProductArch\": \"x86_64\", "
                        + "\"Classification\": \"Security Updates\", \"UpdateState\": \"Needed\", \"OSType\": \"Linux\"}");
            }
            w.write("], \"machines\": []}");
        }
        Snapshot s = Snapshot.of(file);
        long[] count = {0};

        assertThat(s.rows(AssessmentSection.UPDATES)).isEqualTo(rows);
        assertThat(s.readAssessments(r -> count[0]++)).isEqualTo(rows);
        assertThat(count[0]).isEqualTo(rows);
    }

    @Test
    void plan_opensTheFileTwice_andReadsItTwiceAtMost_sameResultsAsReadingDeploymentsFirst() {
        // A plan reads machines, rows, deployments and the counts: one first pass (the index) and one pass
        // over the rows. About 7 MB: several of the reader's 1 MiB buffers.
        StringBuilder sb = new StringBuilder("{\"machines\": " + MACHINES + ", \"updates\": [");
        int rows = 30_000;
        for (int i = 0; i < rows; i++) {
            sb.append(i == 0 ? "" : ",\n").append("{\"TimeGenerated\": \"2026-11-25T08:00:00Z\", \"ResourceId\": \"")
                    .append(i % 2 == 0 ? VM1 : ARC1).append("\", \"Product\": \"pkg").append(i % 700)
                    .append("\", \"ProductArch\": \"x86_64\", \"Classification\": \"Security Updates\", ")
                    .append("\"UpdateState\": \"Needed\", \"OSType\": \"Linux\"}");
        }
        byte[] all = sb.append("], \"deployments\": ").append(DEPLOYMENTS).append("}").toString()
                .getBytes(StandardCharsets.UTF_8);
        long[] read = {0};
        int[] opened = {0};
        Snapshot.Opener counting = () -> {
            opened[0]++;
            return new java.io.FilterInputStream(new java.io.ByteArrayInputStream(all)) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    read[0] += Math.max(n, 0);
                    return n;
                }
            };
        };
        Snapshot inOrder = Snapshot.of("big.json", counting);
        io.patchwindow.core.plan.Plan plan = io.patchwindow.core.plan.Planner.of(io.patchwindow.core.plan.Policy.defaults())
                .plan(new SnapshotInventory(inOrder), new SnapshotAssessmentSource(inOrder),
                        new SnapshotDeployments(inOrder), java.time.Clock.fixed(Instant.parse("2026-11-25T10:17:00Z"),
                                java.time.ZoneOffset.UTC));
        inOrder.rows(inOrder.assessmentSection());
        inOrder.ignoredResources();

        assertThat(plan.planned()).isPositive();
        assertThat(opened[0]).isEqualTo(2);
        assertThat(read[0]).as("bytes read (file: %d)", all.length).isLessThanOrEqualTo(2L * all.length);
        opened[0] = 0;
        read[0] = 0;

        List<Machine> machines = inOrder.machines();
        AssessmentSection section = inOrder.assessmentSection();
        List<UpdateRecord> records = records(inOrder);
        List<ExistingDeployment> deployments = inOrder.deployments("pw-");

        assertThat(opened[0]).as("the index is kept; the rows are read again").isEqualTo(1);

        Snapshot deploymentsFirst = Snapshot.of("big.json", () -> new java.io.ByteArrayInputStream(all));
        assertThat(deploymentsFirst.deployments("pw-")).usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(deployments).isNotEmpty();
        assertThat(records(deploymentsFirst)).usingRecursiveFieldByFieldElementComparator().isEqualTo(records)
                .hasSize(rows);
        assertThat(deploymentsFirst.machines()).usingRecursiveFieldByFieldElementComparator().isEqualTo(machines);
        assertThat(section).isEqualTo(AssessmentSection.UPDATES);
        assertThat(inOrder.rows(AssessmentSection.UPDATES)).isEqualTo(rows)
                .isEqualTo(deploymentsFirst.rows(AssessmentSection.UPDATES));
        assertThat(inOrder.rows(AssessmentSection.PATCH_ASSESSMENTS)).isZero()
                .isEqualTo(deploymentsFirst.rows(AssessmentSection.PATCH_ASSESSMENTS));
        assertThat(records(inOrder)).as("read again").usingRecursiveFieldByFieldElementComparator().isEqualTo(records);
    }

    @Test
    void rows_reachTheSinkInRowOrder_acrossBatchesAndRowsLeftToTheReferenceMapping() {
        // Fast rows are handed to the sink in batches; a row with an escape goes through the reference
        // mapping, which must not overtake the fast rows before it.
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 700; i++) {
            String product = i % 97 == 3 ? "p\\u0030" + i : "p" + i; // an escape: the reference mapping
            rows.append(i == 0 ? "" : ",").append("{\"TimeGenerated\": \"2026-11-25T08:00:00Z\", \"ResourceId\": \"")
                    .append(VM1).append("\", \"Product\": \"").append(product)
                    .append("\", \"Classification\": \"Security Updates\", \"UpdateState\": \"Needed\"}");
        }
        String json = "{\"machines\": " + MACHINES + ", \"updates\": [" + rows + "]}";
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            expected.add(i % 97 == 3 ? "p0" + i : "p" + i);
        }
        Snapshot s = Snapshot.ofJson("s.json", json);
        s.machines(); // the first pass: the rows are then read from their bytes
        List<String> fromBytes = new ArrayList<>();
        s.readAssessments(r -> fromBytes.add(r.product()));
        assertThat(fromBytes).isEqualTo(expected);
        List<String> fromParser = new ArrayList<>();
        Snapshot.ofJson("s.json", json).readAssessments(AssessmentSection.UPDATES, r -> fromParser.add(r.product()));
        assertThat(fromParser).isEqualTo(expected);
    }

    @Test
    void malformedRow_theSinkHasTheRowsBeforeIt_asFromTheStreamingParser() {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            rows.append("{\"TimeGenerated\": \"2026-11-25T08:00:00Z\", \"ResourceId\": \"").append(VM1)
                    .append("\", \"Product\": \"p").append(i).append("\", \"UpdateState\": \"Needed\"},");
        }
        String json = "{\"machines\": " + MACHINES + ", \"updates\": [" + rows + "{\"Product\": }]}";

        RowsRead fromBytes = RowsRead.fromBytes(json);
        RowsRead fromParser = RowsRead.byTheStreamingParser(json);

        assertThat(fromBytes.error()).isNotNull().isEqualTo(fromParser.error());
        assertThat(fromBytes.products()).hasSize(10).isEqualTo(fromParser.products());
    }

    /** The products of a document's rows as a sink received them, and the message of the error that ended the read. */
    private record RowsRead(List<String> products, String error) {
        /** After a first pass, which stops at the rows: they are then read from their bytes. */
        static RowsRead fromBytes(String json) {
            Snapshot s = Snapshot.ofJson("s.json", json);
            s.machines();
            List<String> products = new ArrayList<>();
            Throwable e = catchThrowableOfType(SnapshotException.class,
                    () -> s.readAssessments(r -> products.add(r.product())));
            return new RowsRead(products, e == null ? null : e.getMessage());
        }

        /** Without a first pass: the streaming parser reads the rows. */
        static RowsRead byTheStreamingParser(String json) {
            List<String> products = new ArrayList<>();
            Throwable e = catchThrowableOfType(SnapshotException.class, () -> Snapshot.ofJson("s.json", json)
                    .readAssessments(AssessmentSection.UPDATES, r -> products.add(r.product())));
            return new RowsRead(products, e == null ? null : e.getMessage());
        }
    }

    @Test
    void rowStrings_specialCharactersAtEveryPositionOfAnEightByteWord_sameAsTheStreamingParser() {
        // The byte scanner looks at eight bytes at a time; a quote, backslash, control or non-ASCII character
        // may fall anywhere in a word. Rows read from their bytes (after a first pass) must equal rows read by
        // the streaming parser (no first pass), and malformed ones must fail with the same message.
        String[] specials = {"\\\"", "\\\\", "\u00e9", "\\u0041", "\t", "\u0001", "\\n"};
        for (String special : specials) {
            for (int k = 0; k < 17; k++) {
                String product = "p".repeat(k) + special + "q".repeat(17 - k);
                String json = "{\"machines\": " + MACHINES + ", \"updates\": [{\"TimeGenerated\": "
                        + "\"2026-11-25T08:00:00Z\", \"ResourceId\": \"" + VM1 + "\", \"Product\": \"" + product
                        + "\", \"Classification\": \"Security Updates\", \"UpdateState\": \"Needed\"}]}";
                RowsRead fromBytes = RowsRead.fromBytes(json);
                RowsRead fromParser = RowsRead.byTheStreamingParser(json);

                assertThat(fromBytes.products()).as("%s at %d", special, k).isEqualTo(fromParser.products());
                assertThat(fromBytes.error()).as("%s at %d", special, k).isEqualTo(fromParser.error());
                assertThat(fromBytes.products().size() + (fromBytes.error() == null ? 0 : 1)).isEqualTo(1);
            }
        }
    }

    // --------------------------------------------------------------------------------------- deployments

    static final String DEPLOYMENTS = """
            [
              {"id": "/subscriptions/%1$s/resourceGroups/rg-ops/providers/Microsoft.Automation/automationAccounts/aa/softwareUpdateConfigurations/pw-vm1-1a2b3c4d",
               "name": "pw-vm1-1a2b3c4d", "type": "Microsoft.Automation/automationAccounts/softwareUpdateConfigurations",
               "properties": {
                 "updateConfiguration": {"operatingSystem": "Linux",
                   "linux": {"includedPackageNameMasks": ["openssl=1.0.2k-26.el7_9", "vim-minimal"], "rebootSetting": "IfRequired"},
                   "duration": "PT2H", "azureVirtualMachines": ["%2$s"], "nonAzureComputerNames": ["ARC1.corp.example", "unknown-box"]},
                 "scheduleInfo": {"startTime": "2026-11-29T12:00:00+01:00", "timeZone": "Europe/Paris", "frequency": "OneTime",
                                  "nextRun": "2026-11-29T12:00:00+01:00", "isEnabled": true}}},
              {"name": "weekly-by-hand", "type": "microsoft.automation/automationaccounts/softwareupdateconfigurations",
               "properties": {
                 "updateConfiguration": {"operatingSystem": "Linux", "linux": {"rebootSetting": "RebootOnly"},
                   "duration": "PT3H", "azureVirtualMachines": null},
                 "scheduleInfo": {"startTime": "2026-11-30T06:00:00Z", "timeZone": "America/Los_Angeles", "nextRun": null}}},
              {"name": "pw-tagged-elsewhere", "tags": {"Managed-By": "PatchWindow"},
               "properties": {"updateConfiguration": {"duration": "PT1H"}, "startTime": "2026-11-30T06:00:00Z"}},
              {"name": "pw-tagged-other", "tags": {"owner": "someone"},
               "properties": {"updateConfiguration": {"duration": "PT1H"}, "startTime": "2026-11-30T06:00:00Z"}},
              {"name": "mc1", "type": "Microsoft.Maintenance/maintenanceConfigurations", "properties": {}}
            ]""".formatted(SUB, VM1);

    @Test
    void deployments_readAsExistingDeployments() {
        Snapshot s = Snapshot.ofJson("fleet.json", doc(MACHINES, "[]", "[]", DEPLOYMENTS));

        List<ExistingDeployment> all = s.deployments("pw-");

        assertThat(all).extracting(ExistingDeployment::name)
                .containsExactly("pw-vm1-1a2b3c4d", "weekly-by-hand", "pw-tagged-elsewhere", "pw-tagged-other");
        ExistingDeployment pw = all.get(0);
        assertThat(pw.managed()).isTrue();
        assertThat(pw.resourceId()).endsWith("/softwareUpdateConfigurations/pw-vm1-1a2b3c4d");
        assertThat(pw.nextRun()).isEqualTo(Instant.parse("2026-11-29T11:00:00Z"));
        assertThat(pw.deployment().start()).isEqualTo(ZonedDateTime.of(2026, 11, 29, 12, 0, 0, 0, ZoneId.of("Europe/Paris")));
        assertThat(pw.deployment().timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(pw.deployment().duration()).hasHours(2);
        assertThat(pw.deployment().reboot()).isEqualTo(Reboot.IF_REQUIRED);
        assertThat(pw.deployment().packages()).containsExactly("openssl", "vim-minimal");
        assertThat(pw.deployment().versions()).containsExactly(Map.entry("openssl", "1.0.2k-26.el7_9"));
        // the Arc server targeted by computer name maps back to its resource id; an unknown name stays as is
        assertThat(pw.deployment().machineIds()).containsExactlyInAnyOrder(VM1, ARC1, "unknown-box");

        ExistingDeployment byHand = all.get(1);
        assertThat(byHand.managed()).isFalse();
        assertThat(byHand.nextRun()).isNull();
        assertThat(byHand.deployment().reboot()).isEqualTo(Reboot.IF_REQUIRED); // RebootOnly: not ours, stand-in
        assertThat(byHand.deployment().start().toLocalDateTime()).hasToString("2026-11-29T22:00");
        assertThat(byHand.deployment().machineIds()).isEmpty();

        assertThat(all.get(2).managed()).isTrue();   // tag managed-by: patchwindow (case-insensitive)
        assertThat(all.get(3).managed()).isFalse();  // has tags, but not ours, despite the prefix
        assertThat(all.get(2).deployment().timeZone()).isEqualTo(java.time.ZoneOffset.UTC);

        assertThat(new SnapshotDeployments(s).existing("pw-")).extracting(ExistingDeployment::name)
                .containsExactly("pw-vm1-1a2b3c4d", "pw-tagged-elsewhere", "pw-tagged-other");
    }

    // Issue 14: masks of a snapshot's deployments were stripped, split at '=' and taken unchecked (' --exclude=x'
    // became the package '--exclude'); expected: read as the Azure targets read them back, verbatim and flagged damaged.
    @Test
    void deployments_masksThatBreakTheRule_areReadVerbatim_andDamaged() {
        String damaged = DEPLOYMENTS.replace("[\"openssl=1.0.2k-26.el7_9\", \"vim-minimal\"]",
                "[\"openssl=1.0.2k-26.el7_9\", \" --exclude=x\", \"vim-minimal\"], \"excludedPackageNameMasks\": [\"kernel*\"]");
        assertThat(damaged).isNotEqualTo(DEPLOYMENTS);
        Snapshot s = Snapshot.ofJson("fleet.json", doc(MACHINES, "[]", "[]", damaged));

        ExistingDeployment pw = s.deployments("pw-").get(0);

        assertThat(pw.deployment().packages()).containsExactly(" --exclude=x", "openssl", "vim-minimal");
        assertThat(pw.deployment().versions()).containsExactly(Map.entry("openssl", "1.0.2k-26.el7_9"));
        assertThat(pw.deployment().excludes()).containsExactly("kernel*");
        assertThat(pw.damage()).startsWith("package mask ' --exclude=x' breaks the package-name rule (");
        assertThat(Snapshot.ofJson("fleet.json", doc(MACHINES, "[]", "[]", DEPLOYMENTS)).deployments("pw-").get(0)
                .damaged()).isFalse();
    }

    @Test
    void deployments_snapshotTargetRefusesWrites() {
        Snapshot s = Snapshot.ofJson("fleet.json", doc(MACHINES, "[]", "[]", DEPLOYMENTS));
        ExistingDeployment e = s.deployments("pw-").get(0);
        var target = new SnapshotDeployments(s);

        var keep = new io.patchwindow.core.deployment.DeploymentAction(
                io.patchwindow.core.deployment.ActionKind.KEEP, e.deployment(), e, "unchanged");
        var delete = new io.patchwindow.core.deployment.DeploymentAction(
                io.patchwindow.core.deployment.ActionKind.DELETE, e.deployment(), e, "expired");

        assertThat(target.apply(keep).ok()).isTrue();
        assertThat(target.apply(delete).ok()).isFalse();
        assertThat(target.apply(delete).errorCode()).isEqualTo(SnapshotDeployments.READ_ONLY);
    }

    // ---------------------------------------------------------------------------------------------- misc

    @Test
    void missingFile_isASnapshotException(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");

        assertThatThrownBy(() -> Snapshot.of(missing).machines())
                .isInstanceOf(SnapshotException.class)
                .hasMessage("Invalid snapshot " + missing + ": $: no such file; expected a snapshot JSON file");
    }

    @Test
    void utf8ByteOrderMarkAndUnknownMembersAreAccepted() {
        String json = "\uFEFF{\"machines\": [{\"id\": \"" + VM1 + "\", \"type\": \"Microsoft.Compute/virtualMachines\","
                + " \"unknown\": {\"deep\": [1]}, \"properties\": {\"hardwareProfile\": {\"vmSize\": \"B2s\"}}}]}";

        assertThat(Snapshot.ofJson("bom.json", json).machines()).hasSize(1);
    }

    /** Delivers a prefix of the bytes, then fails, like a disk error in the middle of a big file. */
    private static final class FailingAfter extends InputStream {
        private final ByteArrayInputStream in;
        private int left;

        FailingAfter(byte[] bytes, int limit) {
            this.in = new ByteArrayInputStream(bytes);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left-- <= 0) {
                throw new IOException("simulated read error");
            }
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                throw new IOException("simulated read error");
            }
            int n = in.read(b, off, Math.min(len, Math.min(left, 512)));
            left -= Math.max(n, 0);
            return n;
        }
    }
}
