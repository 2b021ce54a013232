/**
 * Which updates each machine needs: the {@link io.patchwindow.core.port.AssessmentSource} implementations.
 * {@link io.patchwindow.azure.assessment.ResourceGraphAssessmentSource} reads Update Manager's
 * {@code patchassessmentresources} from Resource Graph (today's Azure);
 * {@link io.patchwindow.azure.assessment.LogAnalyticsAssessmentSource} reads the legacy {@code Update} table of a
 * Log Analytics workspace. Their raw rows ({@link io.patchwindow.azure.assessment.PatchAssessmentRow},
 * {@link io.patchwindow.azure.assessment.UpdateRow}) can also be streamed to a
 * {@link io.patchwindow.azure.assessment.RowSink}, which is how a snapshot is exported.
 */
@NullMarked
package io.patchwindow.azure.assessment;

import org.jspecify.annotations.NullMarked;
