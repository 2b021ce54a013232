package io.patchwindow.azure.history;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.databind.JsonNode;

import io.patchwindow.azure.internal.Arm;
import io.patchwindow.core.report.DeploymentRun;
import io.patchwindow.core.report.InstallationRun;
import io.patchwindow.core.report.InstallationState;
import io.patchwindow.core.report.PatchCounts;
import io.patchwindow.core.report.PatchResult;
import io.patchwindow.core.report.RunSink;
import io.patchwindow.core.report.RunStatus;
import io.patchwindow.core.text.Quoting;
import io.patchwindow.core.text.AsciiCase;

/**
 * Maps installation-result rows, as Azure returns them, to the core report model:
 * <ul>
 * <li>Resource Graph {@code patchinstallationresources}: {@code .../patchinstallationresults} summaries
 *     ({@code status}, {@code startDateTime}, {@code lastModifiedDateTime}, {@code maintenanceRunId},
 *     {@code maintenanceWindowExceeded}, {@code rebootStatus}, the five {@code ...PatchCount}s,
 *     {@code errorDetails}) and their {@code .../softwarepatches} ({@code patchName}, {@code version},
 *     {@code installationState}, {@code classifications});</li>
 * <li>Resource Graph {@code maintenanceresources} {@code microsoft.maintenance/applyupdates}
 *     ({@code maintenanceConfigurationId}, {@code correlationId}, {@code status}, {@code startDateTime},
 *     {@code endDateTime}, {@code resourceId});</li>
 * <li>Automation (2019-06-01) {@code softwareUpdateConfigurationRuns} and
 *     {@code softwareUpdateConfigurationMachineRuns} list items ({@code status}, {@code startTime},
 *     {@code endTime}, {@code computerCount}, {@code failedCount}, {@code targetComputer},
 *     {@code correlationId}, {@code error}), recognised by their id.</li>
 * </ul>
 * The row's {@code type} is matched case-insensitively. The same mapping serves the Azure readers and the
 * snapshot's {@code installations} section.
 */
public final class InstallationRows {
    private static final String RESULTS = "/patchinstallationresults/";
    private static final String PATCHES = "/softwarepatches/";

    private InstallationRows() {
    }

    /**
     * Maps one row into the sink.
     *
     * @param row the row object, not null
     * @param sink receives the mapped result, not null
     * @return false when the row is of a kind the report does not use (it is ignored)
     * @throws IllegalArgumentException if a row of a known kind lacks a required member or has a bad value; the
     *         message names the member and quotes the value
     */
    public static boolean map(JsonNode row, RunSink sink) {
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(sink, "sink");
        String id = Arm.text(row.get("id"));
        String type = lower(Arm.text(row.get("type")));
        JsonNode p = row.path("properties");
        String lid = lower(id);
        if (isPatch(type, lid)) {
            sink.patch(patch(id, lid, Arm.text(p.get("patchName")), Arm.text(p.get("version")),
                    Arm.text(p.get("installationState")), texts(p.get("classifications"))));
            return true;
        }
        if (type.endsWith("/patchinstallationresults") || type.isEmpty() && lid.contains(RESULTS)) {
            String rid = required(id, "id");
            sink.run(new InstallationRun(rid, machineOf(rid, lid, RESULTS), null, Arm.text(p.get("maintenanceRunId")),
                    status(Arm.text(p.get("status"))),
                    instant(required(Arm.text(p.get("startDateTime")), "properties.startDateTime"),
                            "properties.startDateTime"),
                    optionalInstant(Arm.text(p.get("lastModifiedDateTime")), "properties.lastModifiedDateTime"),
                    new PatchCounts(count(p, "installedPatchCount"), count(p, "failedPatchCount"),
                            count(p, "pendingPatchCount"), count(p, "excludedPatchCount"),
                            count(p, "notSelectedPatchCount")),
                    p.path("maintenanceWindowExceeded").asBoolean(false), Arm.text(p.get("rebootStatus")),
                    error(p.get("errorDetails")), true));
            return true;
        }
        if (type.equals("microsoft.maintenance/applyupdates")) {
            String config = required(Arm.text(p.get("maintenanceConfigurationId")),
                    "properties.maintenanceConfigurationId");
            String machine = Arm.text(p.get("resourceId"));
            if (machine == null && id != null) {
                int cut = lower(id).indexOf("/providers/microsoft.maintenance/");
                machine = cut < 0 ? null : id.substring(0, cut);
            }
            sink.deploymentRun(new DeploymentRun(lastSegment(config),
                    required(Arm.text(p.get("correlationId")), "properties.correlationId"), machine,
                    status(Arm.text(p.get("status"))),
                    instant(required(Arm.text(p.get("startDateTime")), "properties.startDateTime"),
                            "properties.startDateTime"),
                    optionalInstant(Arm.text(p.get("endDateTime")), "properties.endDateTime"), -1, -1));
            return true;
        }
        if (lid.contains("/softwareupdateconfigurationmachineruns/")) {
            String rid = required(id, "id");
            sink.run(new InstallationRun(rid, required(Arm.text(p.get("targetComputer")),
                    "properties.targetComputer"), Arm.text(p.path("softwareUpdateConfiguration").get("name")),
                    Arm.text(p.get("correlationId")), status(Arm.text(p.get("status"))),
                    instant(required(Arm.text(p.get("startTime")), "properties.startTime"), "properties.startTime"),
                    optionalInstant(Arm.text(p.get("endTime")), "properties.endTime"), PatchCounts.UNKNOWN,
                    false, null, error(p.get("error")), false));
            return true;
        }
        if (lid.contains("/softwareupdateconfigurationruns/")) {
            String rid = required(id, "id");
            String name = Arm.text(row.get("name"));
            sink.deploymentRun(new DeploymentRun(required(Arm.text(p.path("softwareUpdateConfiguration")
                    .get("name")), "properties.softwareUpdateConfiguration.name"),
                    name != null ? name : lastSegment(rid), null, status(Arm.text(p.get("status"))),
                    instant(required(Arm.text(p.get("startTime")), "properties.startTime"), "properties.startTime"),
                    optionalInstant(Arm.text(p.get("endTime")), "properties.endTime"),
                    p.path("computerCount").asInt(-1), p.path("failedCount").asInt(-1)));
            return true;
        }
        return false;
    }

    /**
     * Tells whether a row is a {@code .../patchinstallationresults/softwarepatches} row, the kind
     * {@link #patch} maps (by its type, or, without a type, by its id).
     *
     * @param type the row's {@code type} in lower case ({@code ""} when absent), not null
     * @param id the row's {@code id} in lower case ({@code ""} when absent), not null
     * @return true for a software patch row
     */
    public static boolean isPatch(String type, String id) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        return type.endsWith("/patchinstallationresults/softwarepatches")
                || type.isEmpty() && id.contains(RESULTS) && id.contains(PATCHES);
    }

    /**
     * Maps the members of a software patch row (one {@link #isPatch} accepts), as {@link #map} does, for
     * readers that take the members from a token stream instead of a tree.
     *
     * @param id the row's {@code id} as given, or null when absent
     * @param lowerId the same in lower case ({@code ""} when absent), not null
     * @param patchName {@code properties.patchName} as text, or null when absent or null
     * @param version {@code properties.version} as text, or null
     * @param installationState {@code properties.installationState} as text, or null
     * @param classifications the texts of {@code properties.classifications}, not null
     * @return the result, not null
     * @throws IllegalArgumentException if a required member is missing or a value is bad; the message names the
     *         member and quotes the value
     */
    public static PatchResult patch(@Nullable String id, String lowerId, @Nullable String patchName,
                                    @Nullable String version, @Nullable String installationState,
                                    List<String> classifications) {
        Objects.requireNonNull(lowerId, "lowerId");
        Objects.requireNonNull(classifications, "classifications");
        String rid = required(id, "id");
        int cut = lowerId.indexOf(PATCHES);
        String installation = cut < 0 ? rid : rid.substring(0, cut);
        String lowerInstallation = cut < 0 ? lowerId : lowerId.substring(0, cut);
        return new PatchResult(installation, machineOf(installation, lowerInstallation, RESULTS),
                required(patchName, "properties.patchName"), version, state(installationState), classifications);
    }

    /**
     * Maps software patch rows as {@link #patch} does, one after the other, sharing the installation and machine
     * ids between consecutive rows of one run: Resource Graph and a snapshot give a run's rows together, so the
     * 2,000,000 rows of 100,000 machines hold 100,000 copies of each id instead of 4,000,000, and a sink can
     * recognise a repeated id by {@link String#equals} without lowering it again. Not thread-safe: one per read.
     */
    public static final class PatchMapper {
        private String installation = "";
        private String machine = "";
        /** Whether {@link #installation} was cut before a {@code /softwarePatches/}: rows may continue it. */
        private boolean cut;

        /** Starts with no previous row. */
        public PatchMapper() {
        }

        /**
         * Maps the members of a software patch row, as {@link InstallationRows#patch} does (same results and
         * errors), with the ids of the previous row's run when the row belongs to the same run. A row that
         * continues the previous run's id with {@code /softwarePatches/} (in any ASCII case) is not lowered: the
         * first such marker of its lowered id is there, as it was in the row that cut the run's id.
         *
         * @param id the row's {@code id} as given, or null when absent
         * @param patchName {@code properties.patchName} as text, or null when absent or null
         * @param version {@code properties.version} as text, or null
         * @param installationState {@code properties.installationState} as text, or null
         * @param classifications the texts of {@code properties.classifications}, not null
         * @return the result, not null
         * @throws IllegalArgumentException if a required member is missing or a value is bad; the message names
         *         the member and quotes the value
         */
        public PatchResult patch(@Nullable String id, @Nullable String patchName, @Nullable String version,
                                 @Nullable String installationState, List<String> classifications) {
            Objects.requireNonNull(classifications, "classifications");
            String rid = required(id, "id");
            if (!continuesRun(rid)) {
                // another run: its ids as patch(..) gives them, kept for the rows that follow
                String lowerId = lower(rid);
                int at = lowerId.indexOf(PATCHES);
                cut = at >= 0;
                installation = cut ? rid.substring(0, at) : rid;
                String lowerInstallation = cut ? lowerId.substring(0, at) : lowerId;
                machine = machineOf(installation, lowerInstallation, RESULTS);
            }
            return new PatchResult(installation, machine, required(patchName, "properties.patchName"), version,
                    state(installationState), classifications);
        }

        private boolean continuesRun(String rid) {
            int n = installation.length();
            return cut && rid.length() >= n + PATCHES.length() && rid.regionMatches(0, installation, 0, n)
                    && patchesAt(rid, n);
        }

        /** Whether {@code /softwarepatches/} is at that place of the id, in any ASCII case. */
        private static boolean patchesAt(String id, int at) {
            for (int i = 0; i < PATCHES.length(); i++) {
                char c = id.charAt(at + i);
                if ((c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) != PATCHES.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static String machineOf(String id, String lowerId, String marker) {
        int i = lowerId.indexOf(marker);
        return i < 0 ? id : id.substring(0, i);
    }

    private static String lastSegment(String id) {
        String t = id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
        return t.substring(t.lastIndexOf('/') + 1);
    }

    private static String lower(@Nullable String s) {
        // ASCII letters only, as resource ids compare (AsciiCase): the lowered id keeps the id's length, so a
        // place found in one is the same place in the other (Unicode would lower 'İ' to two chars)
        return s == null ? "" : AsciiCase.lower(s);
    }

    private static String required(@Nullable String value, String member) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(member + ": missing; expected a non-empty text");
        }
        return value;
    }

    private static RunStatus status(@Nullable String text) {
        String t = required(text, "properties.status");
        return RunStatus.tryParse(t).orElseThrow(() -> new IllegalArgumentException("properties.status "
                + Quoting.quote(t) + ": expected one of NotStarted, InProgress, Failed, Succeeded, "
                + "CompletedWithWarnings (or Automation's Running, Completed, Cancelled, Stopped, Scheduled)"));
    }

    private static InstallationState state(@Nullable String text) {
        String t = required(text, "properties.installationState");
        return InstallationState.tryParse(t).orElseThrow(() -> new IllegalArgumentException(
                "properties.installationState " + Quoting.quote(t)
                        + ": expected one of Installed, Failed, Pending, NotSelected, Excluded"));
    }

    private static int count(JsonNode p, String member) {
        JsonNode n = p.get(member);
        if (n == null || n.isNull()) {
            return -1;
        }
        if (!n.canConvertToInt() || n.asInt() < 0 || !(n.isIntegralNumber() || n.isTextual() && n.asText().matches("\\d+"))) {
            throw new IllegalArgumentException("properties." + member + " " + Quoting.quote(n.asText())
                    + ": expected a count of at least 0");
        }
        return n.isTextual() ? Integer.parseInt(n.asText()) : n.asInt();
    }

    private static List<String> texts(@Nullable JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(x -> {
                if (x.isTextual()) {
                    out.add(x.asText());
                }
            });
        } else if (n != null && n.isTextual()) {
            out.add(n.asText());
        }
        return out;
    }

    private static @Nullable String error(@Nullable JsonNode n) {
        if (n == null || n.isNull() || n.isObject() && n.isEmpty()) {
            return null;
        }
        if (n.isTextual()) {
            return n.asText().isBlank() ? null : n.asText();
        }
        JsonNode e = n.has("error") ? n.get("error") : n;
        String code = Arm.text(e.get("code"));
        String message = Arm.text(e.get("message"));
        List<String> parts = new ArrayList<>();
        if (code != null && !code.isBlank()) {
            parts.add(code);
        }
        if (message != null && !message.isBlank()) {
            parts.add(message);
        }
        JsonNode details = e.get("details");
        if (details != null && details.isArray()) {
            for (JsonNode d : details) {
                String m = Arm.text(d.get("message"));
                if (m != null && !m.isBlank()) {
                    parts.add(m);
                }
            }
        }
        return parts.isEmpty() ? null : String.join(": ", parts);
    }

    private static Instant instant(String text, String member) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException(member + " " + Quoting.quote(text)
                        + ": expected an ISO-8601 date-time such as 2026-11-28T02:00:00Z");
            }
        }
    }

    private static @Nullable Instant optionalInstant(@Nullable String text, String member) {
        return text == null || text.isBlank() ? null : instant(text, member);
    }
}
