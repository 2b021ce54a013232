package io.patchwindow.azure.snapshot;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.patchwindow.core.text.AsciiCase;
import io.patchwindow.core.assessment.AssessmentSink;
import io.patchwindow.core.assessment.Classification;
import io.patchwindow.core.assessment.UpdateRecord;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.deployment.ExistingDeployment;
import io.patchwindow.core.deployment.Reboot;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.inventory.MachineKind;
import io.patchwindow.core.inventory.OsFacts;
import io.patchwindow.core.inventory.PatchSettings;
import io.patchwindow.core.inventory.ResourceId;
import io.patchwindow.core.plan.PlatformMasks;
import io.patchwindow.core.text.Quoting;
import org.jspecify.annotations.Nullable;

/** Maps one snapshot element (a JSON object with its path) to core types. Stateless. */
final class Mappers {
    static final String SUC_TYPE = "Microsoft.Automation/automationAccounts/softwareUpdateConfigurations";
    static final String MANAGED_BY_TAG = "managed-by";
    static final String MANAGED_BY_VALUE = "patchwindow";

    private static final String RESOURCE_ID = "an ARM resource id such as "
            + "/subscriptions/<GUID>/resourceGroups/<group>/providers/Microsoft.Compute/virtualMachines/<name>";
    private static final String SOFTWARE_PATCHES = "/patchassessmentresults/softwarepatches";
    private static final String ASSESSMENT_RESULTS = "/patchassessmentresults";
    private static final String RESULTS_SEGMENT = "/patchassessmentresults/";

    private Mappers() {
    }

    // ---------------------------------------------------------------------------------------------- machines

    /**
     * Maps an ARM resource object ({@code az graph query} shape with {@code properties}, or the flattened
     * {@code az vm list} shape) to a machine; null for resource types other than VMs and Arc servers.
     */
    private static @Nullable String shared(Map<String, String> strings, @Nullable String value) {
        if (value == null) {
            return null;
        }
        String prev = strings.putIfAbsent(value, value);
        return prev == null ? value : prev;
    }

    /**
     * Maps a machine; {@code strings} shares equal values of the members that repeat across a fleet
     * (location, tags, image and OS facts, patch mode), so that 100,000 machines do not hold 100,000 copies
     * of each: a smaller live set for the collector to copy.
     */
    static @Nullable Machine machine(Obj m, Map<String, String> strings, ResourceId.Parser ids) {
        String id = m.requiredText("id", RESOURCE_ID);
        String type = m.requiredText("type", "a resource type such as Microsoft.Compute/virtualMachines "
                + "or Microsoft.HybridCompute/machines");
        MachineKind kind = MachineKind.ofResourceType(type).orElse(null);
        if (kind == null) {
            return null;
        }
        ResourceId rid = resourceId(m, "id", id, ids);
        if (!AsciiCase.equalsIgnoreCase(rid.fullType(), kind.resourceType())) {
            throw m.error(m.at("id"), "resource id " + Quoting.quote(id) + " is of type " + rid.fullType()
                    + "; expected a " + kind.resourceType() + " id, as the member 'type' says");
        }
        Machine.Builder b = Machine.builder(rid, kind);
        String location = shared(strings, m.text("location"));
        if (location != null) {
            b.location(location);
        }
        m.textMap("tags").forEach((k, v) -> b.tag(shared(strings, k), shared(strings, v)));
        // az graph query nests the resource properties under "properties"; az vm list flattens them.
        Obj p = m.obj("properties");
        Obj props = p == null ? m : p;
        Obj osProfile = props.obj("osProfile");
        Obj patch = null;
        if (osProfile != null) {
            Obj linux = osProfile.obj("linuxConfiguration");
            patch = linux == null ? null : linux.obj("patchSettings");
        }
        if (kind == MachineKind.AZURE_VM) {
            Obj storage = props.obj("storageProfile");
            Obj image = storage == null ? null : storage.obj("imageReference");
            Obj osDisk = storage == null ? null : storage.obj("osDisk");
            Obj instanceView = props.obj("instanceView");
            String osName = shared(strings, instanceView == null ? null : instanceView.text("osName"));
            if (osName == null) {
                osName = shared(strings, props.text("osName"));
            }
            String osType = shared(strings, osDisk == null ? null : osDisk.text("osType"));
            b.os(new OsFacts(shared(strings, image == null ? null : image.text("publisher")),
                    shared(strings, image == null ? null : image.text("offer")),
                    shared(strings, image == null ? null : image.text("sku")),
                    shared(strings, image == null ? null : image.text("id")), osName, null, osType));
            String computer = osProfile == null ? null : osProfile.text("computerName");
            if (computer == null && instanceView != null) {
                computer = instanceView.text("computerName");
            }
            b.computerName(computer);
        } else {
            b.os(new OsFacts(null, null, null, null, shared(strings, props.text("osName")),
                    shared(strings, props.text("osSku")), shared(strings, props.text("osType"))));
            String computer = osProfile == null ? null : osProfile.text("computerName");
            if (computer == null) {
                computer = props.text("machineFqdn");
            }
            if (computer == null) {
                computer = props.text("displayName");
            }
            b.computerName(computer);
        }
        if (patch != null) {
            Obj auto = patch.obj("automaticByPlatformSettings");
            Boolean bypass = auto == null ? null : auto.bool("bypassPlatformSafetyChecksOnUserSchedule");
            b.patchSettings(new PatchSettings(shared(strings, patch.text("patchMode")), bypass != null && bypass));
        }
        return b.build();
    }

    // ----------------------------------------------------------------------------------------------- updates

    /**
     * Maps a Log Analytics {@code Update} row; false when the row is not a Linux row (ignored).
     */
    static boolean updateRow(Obj row, AssessmentSink sink, RowCache cache) {
        String osType = row.text("OSType");
        if (osType != null && !osType.isBlank() && !osType.strip().equalsIgnoreCase("Linux")) {
            return false;
        }
        Instant time = row.requiredInstant("TimeGenerated");
        // Present but blank, or not a package name: the reducer ignores the row, with a warning.
        String product = row.presentText("Product", "the package name, e.g. openssl");
        String idField = "ResourceId";
        String id = row.text(idField);
        if (id == null || id.isBlank()) {
            String alt = row.text("_ResourceId");
            if (alt != null && !alt.isBlank()) {
                idField = "_ResourceId";
                id = alt;
            }
        }
        String computer = row.text("Computer");
        boolean hasId = id != null && !id.isBlank();
        if (!hasId && (computer == null || computer.isBlank())) {
            throw row.error(row.at("ResourceId"), "missing; expected the machine's ResourceId (or _ResourceId) "
                    + "or its Computer name");
        }
        String machineId = "";
        if (hasId) {
            String member = idField;
            machineId = cache.id(id.strip(), t -> resourceId(row, member, t).id());
        }
        String arch = row.text("ProductArch");
        String classification = row.text("Classification");
        sink.accept(new UpdateRecord(machineId, blankToNull(computer), product.strip(),
                arch == null ? "" : arch.strip(), blankToNull(row.text("ProductVersion")),
                cache.classifications(classification == null ? "" : classification),
                UpdateRecord.isNeededState(row.text("UpdateState")), time));
        return true;
    }

    // -------------------------------------------------------------------------------------- patchAssessments

    /**
     * Maps a Resource Graph {@code patchassessmentresources} row: a software patch becomes a record, an
     * assessment summary a sign of life; false for other types (ignored).
     */
    static boolean patchAssessment(Obj row, AssessmentSink sink, RowCache cache) {
        String id = row.requiredText("id", "the id of the assessment resource, e.g. "
                + "<machineId>/patchAssessmentResults/latest/softwarePatches/<patch>");
        String type = row.requiredText("type",
                "microsoft.compute/virtualmachines/patchassessmentresults[/softwarepatches]");
        String t = type.strip().toLowerCase(Locale.ROOT);
        boolean patch = t.endsWith(SOFTWARE_PATCHES);
        boolean summary = !patch && t.endsWith(ASSESSMENT_RESULTS);
        if (!patch && !summary) {
            return false;
        }
        int cut = AsciiCase.lower(id).indexOf(RESULTS_SEGMENT); // same indices as id
        if (cut <= 0) {
            throw row.error(row.at("id"), "id " + Quoting.quote(id) + " has no '/patchAssessmentResults/' segment; "
                    + "expected <machineId>/patchAssessmentResults/...");
        }
        String machineId = cache.id(id.substring(0, cut), text -> resourceId(row, "id", text).id());
        Obj props = row.obj("properties");
        if (props == null) {
            throw row.error(row.at("properties"), "missing; expected an object with lastModifiedDateTime"
                    + (patch ? ", patchName, version and classifications" : ""));
        }
        Instant time = props.requiredInstant("lastModifiedDateTime");
        if (summary) {
            sink.machineReported(machineId, time);
            return true;
        }
        String name = props.presentText("patchName", "the package name, e.g. openssl");
        Set<Classification> classes;
        if (props.has("classifications") && !props.isArray("classifications")) {
            classes = cache.classifications(props.requiredText("classifications", "an array of classifications"));
        } else {
            List<String> texts = props.textList("classifications");
            classes = texts.size() == 1 ? cache.classifications(texts.get(0)) : Classification.parseAll(texts);
        }
        sink.accept(new UpdateRecord(machineId, null, name.strip(), "", blankToNull(props.text("version")), classes,
                true, time));
        return true;
    }

    // ----------------------------------------------------------------------------------------- deployments

    /**
     * Maps an Automation software update configuration (the ARM GET shape with {@code scheduleInfo}, or the
     * list item shape with {@code startTime} and {@code nextRun} directly under {@code properties}); null for
     * other resource types.
     *
     * @param arcByComputer Arc servers' resource ids by lower-cased computer name (ambiguous names absent)
     */
    static @Nullable ExistingDeployment deployment(Obj d, String namePrefix, Map<String, String> arcByComputer) {
        String type = d.text("type");
        if (type != null && !type.strip().equalsIgnoreCase(SUC_TYPE)) {
            return null;
        }
        String name = d.requiredText("name", "the deployment name, e.g. pw-vm1-1a2b3c4d");
        String id = d.text("id");
        Map<String, String> tags = d.textMap("tags");
        boolean managed;
        if (tags.isEmpty()) {
            managed = name.startsWith(namePrefix);
        } else {
            managed = false;
            for (Map.Entry<String, String> e : tags.entrySet()) {
                if (AsciiCase.equalsIgnoreCase(e.getKey(), MANAGED_BY_TAG)
                        && AsciiCase.equalsIgnoreCase(e.getValue().strip(), MANAGED_BY_VALUE)) {
                    managed = true;
                }
            }
        }
        Obj props = d.obj("properties");
        if (props == null) {
            throw d.error(d.at("properties"), "missing; expected an object with updateConfiguration and scheduleInfo");
        }
        Obj uc = props.obj("updateConfiguration");
        if (uc == null) {
            throw props.error(props.at("updateConfiguration"),
                    "missing; expected an object with operatingSystem, linux, duration and azureVirtualMachines");
        }
        Obj schedule = props.obj("scheduleInfo");
        if (schedule == null) {
            schedule = props; // list item shape: startTime, nextRun and frequency directly under properties
        }
        OffsetDateTime start = schedule.dateTime("startTime");
        if (start == null) {
            throw schedule.error(schedule.at("startTime"),
                    "missing; expected an ISO-8601 date-time with an offset, e.g. 2026-11-29T12:00:00+01:00");
        }
        ZoneId zone = start.getOffset();
        String zoneText = schedule.text("timeZone");
        if (zoneText != null && !zoneText.isBlank()) {
            try {
                zone = ZoneId.of(zoneText.strip());
            } catch (DateTimeException e) {
                if (managed) {
                    throw schedule.error(schedule.at("timeZone"), "invalid time zone " + Quoting.quote(zoneText)
                            + "; expected an IANA time zone id, e.g. Europe/Paris", e);
                }
                // Not patchwindow's: never touched, so the start offset is enough.
            }
        }
        OffsetDateTime nextRun = schedule.dateTime("nextRun");

        String durationText = uc.requiredText("duration", "an ISO-8601 duration, e.g. PT2H");
        Duration duration;
        try {
            duration = Duration.parse(durationText.strip());
        } catch (DateTimeParseException e) {
            throw uc.error(uc.at("duration"), "invalid duration " + Quoting.quote(durationText)
                    + "; expected an ISO-8601 duration, e.g. PT2H", e);
        }
        if (duration.isZero() || duration.isNegative()) {
            throw uc.error(uc.at("duration"), "duration " + Quoting.quote(durationText) + " is not positive; "
                    + "expected e.g. PT2H");
        }

        Obj linux = uc.obj("linux");
        Obj windows = uc.obj("windows");
        // verbatim, as the Azure targets read them back: a mask that breaks its rule is kept whole and flagged
        PlatformMasks.Included included = PlatformMasks.readIncluded(
                linux == null ? List.of() : linux.textList("includedPackageNameMasks"));
        List<String> excludes = linux == null ? List.of() : linux.textList("excludedPackageNameMasks");
        String damage = included.damage() != null ? included.damage() : PlatformMasks.excludedDamage(excludes);
        Obj rebootOwner = linux != null && linux.has("rebootSetting") ? linux : windows;
        Reboot reboot = Reboot.IF_REQUIRED;
        String rebootText = rebootOwner == null ? null : rebootOwner.text("rebootSetting");
        if (rebootText != null && !rebootText.isBlank()) {
            try {
                reboot = Reboot.parse(rebootText);
            } catch (IllegalArgumentException e) {
                if (managed) {
                    throw rebootOwner.error(rebootOwner.at("rebootSetting"), "invalid reboot setting "
                            + Quoting.quote(rebootText) + "; expected one of [Always, IfRequired, Never]", e);
                }
                // Not patchwindow's (e.g. RebootOnly): never touched, IfRequired stands in.
            }
        }

        List<String> machineIds = new ArrayList<>();
        List<String> vms = uc.textList("azureVirtualMachines");
        for (int i = 0; i < vms.size(); i++) {
            String vm = vms.get(i).strip();
            try {
                machineIds.add(ResourceId.parse(vm).id());
            } catch (IllegalArgumentException e) {
                throw uc.error(JsonPaths.index(uc.at("azureVirtualMachines"), i), "invalid resource id "
                        + Quoting.quote(vm) + "; expected " + RESOURCE_ID, e);
            }
        }
        for (String computer : uc.textList("nonAzureComputerNames")) {
            String arcId = arcByComputer.get(computer.strip().toLowerCase(Locale.ROOT));
            machineIds.add(arcId != null ? arcId : computer.strip());
        }

        Deployment deployment;
        try {
            deployment = new Deployment(name, machineIds, start.atZoneSameInstant(zone), zone, duration, reboot,
                    included.packages(), included.versions()).withExcludes(excludes);
        } catch (IllegalArgumentException e) {
            throw d.error(d.path(), e.getMessage(), e);
        }
        return new ExistingDeployment(deployment, blankToNull(id), managed,
                nextRun == null ? null : nextRun.toInstant(), null, damage);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static ResourceId resourceId(Obj o, String member, String text) {
        return resourceId(o, member, text, null);
    }

    private static ResourceId resourceId(Obj o, String member, String text, ResourceId.@Nullable Parser parser) {
        try {
            return parser == null ? ResourceId.parse(text) : parser.parse(text);
        } catch (IllegalArgumentException e) {
            throw o.error(o.at(member), "invalid resource id " + Quoting.quote(text) + "; expected " + RESOURCE_ID, e);
        }
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
