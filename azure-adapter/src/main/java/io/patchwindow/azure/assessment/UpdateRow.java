package io.patchwindow.azure.assessment;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.patchwindow.core.assessment.Classification;
import io.patchwindow.core.assessment.UpdateRecord;

/**
 * One row of the Log Analytics {@code Update} table, with the columns the patchwindow query projects.
 *
 * @serial exclude
 * @param timeGenerated {@code TimeGenerated}
 * @param resourceId {@code ResourceId} (may be empty for non-Azure computers)
 * @param computer {@code Computer}
 * @param sourceComputerId {@code SourceComputerId}
 * @param product {@code Product}, the package name
 * @param productArch {@code ProductArch}, e.g. {@code x86_64} (empty when absent)
 * @param productVersion {@code ProductVersion}
 * @param classification {@code Classification}, e.g. {@code Security Updates}
 * @param updateState {@code UpdateState}, e.g. {@code Needed}
 * @param osType {@code OSType}, e.g. {@code Linux}
 */
public record UpdateRow(Instant timeGenerated, String resourceId, @Nullable String computer,
                        @Nullable String sourceComputerId, String product, String productArch,
                        @Nullable String productVersion, String classification, String updateState,
                        @Nullable String osType) implements Serializable {

    /**
     * Validates the components.
     *
     * @param timeGenerated {@code TimeGenerated}
     * @param resourceId {@code ResourceId} (may be empty for non-Azure computers)
     * @param computer {@code Computer}
     * @param sourceComputerId {@code SourceComputerId}
     * @param product {@code Product}, the package name
     * @param productArch {@code ProductArch}, e.g. {@code x86_64} (empty when absent)
     * @param productVersion {@code ProductVersion}
     * @param classification {@code Classification}, e.g. {@code Security Updates}
     * @param updateState {@code UpdateState}, e.g. {@code Needed}
     * @param osType {@code OSType}, e.g. {@code Linux}
     * @throws NullPointerException if a required component is null
     */
    public UpdateRow {
        Objects.requireNonNull(timeGenerated, "timeGenerated");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(productArch, "productArch");
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(updateState, "updateState");
    }

    /**
     * Converts to a core record.
     *
     * @return the record, not null (a blank product too: the reducer ignores it)
     */
    public UpdateRecord toRecord() {
        return new UpdateRecord(resourceId, computer, product, productArch, productVersion,
                Classification.parseAll(classification), UpdateRecord.isNeededState(updateState), timeGenerated);
    }
}
