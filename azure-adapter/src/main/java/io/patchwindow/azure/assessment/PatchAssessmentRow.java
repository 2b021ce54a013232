package io.patchwindow.azure.assessment;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.patchwindow.core.text.AsciiCase;
import io.patchwindow.core.assessment.Classification;
import io.patchwindow.core.assessment.UpdateRecord;

/**
 * One Resource Graph {@code patchassessmentresources} row: an assessment summary
 * ({@code .../patchassessmentresults}) or a pending package ({@code .../patchassessmentresults/softwarepatches}).
 *
 * @serial exclude
 * @param id e.g. {@code <machineId>/patchAssessmentResults/latest/softwarePatches/<name>}
 * @param type e.g. {@code microsoft.compute/virtualmachines/patchassessmentresults/softwarepatches}
 * @param patchName {@code properties.patchName} (software patches only)
 * @param version {@code properties.version}
 * @param classifications {@code properties.classifications}
 * @param lastModifiedDateTime {@code properties.lastModifiedDateTime}
 */
public record PatchAssessmentRow(String id, String type, @Nullable String patchName, @Nullable String version,
                                 List<String> classifications, @Nullable Instant lastModifiedDateTime)
        implements Serializable {

    private static final String MARKER = "/patchassessmentresults/";

    /**
     * Validates and copies the components.
     *
     * @param id e.g. {@code <machineId>/patchAssessmentResults/latest/softwarePatches/<name>}
     * @param type e.g. {@code microsoft.compute/virtualmachines/patchassessmentresults/softwarepatches}
     * @param patchName {@code properties.patchName} (software patches only)
     * @param version {@code properties.version}
     * @param classifications {@code properties.classifications}
     * @param lastModifiedDateTime {@code properties.lastModifiedDateTime}
     * @throws NullPointerException if a required component is null
     */
    public PatchAssessmentRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        classifications = List.copyOf(classifications);
    }

    /**
     * Returns whether this row is a pending package (type ends with {@code /softwarepatches}).
     *
     * @return true for a software patch, false for a summary
     */
    public boolean isSoftwarePatch() {
        return type.toLowerCase(Locale.ROOT).endsWith("/softwarepatches");
    }

    /**
     * Returns the machine id: the part of the id before {@code /patchAssessmentResults/}.
     *
     * @return the machine id, or the whole id when the marker is absent
     */
    public String machineId() {
        int i = AsciiCase.lower(id).indexOf(MARKER); // same indices as id
        return i < 0 ? id : id.substring(0, i);
    }

    /**
     * Converts a software patch row to a core record (pending, no architecture).
     *
     * @return the record, not null
     * @throws IllegalStateException if this is a summary row or it lacks a name or time
     */
    public UpdateRecord toRecord() {
        if (!isSoftwarePatch() || patchName == null || lastModifiedDateTime == null) {
            throw new IllegalStateException("Not a complete software patch row: " + id);
        }
        return new UpdateRecord(machineId(), null, patchName, "", version, Classification.parseAll(classifications),
                true, lastModifiedDateTime);
    }
}
