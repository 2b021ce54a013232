package io.patchwindow.azure.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import io.patchwindow.azure.snapshot.AssessmentSection;
import io.patchwindow.azure.snapshot.Snapshot;
import io.patchwindow.azure.snapshot.SnapshotAssessmentSource;
import io.patchwindow.azure.snapshot.SnapshotDeployments;
import io.patchwindow.azure.snapshot.SnapshotInventory;
import io.patchwindow.core.port.AssessmentSource;
import io.patchwindow.core.port.DeploymentTarget;
import io.patchwindow.core.port.MachineInventory;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where a command reads from: {@code --snapshot FILE} (offline). The Azure options ({@code --subscription},
 * {@code --backend}, ...) belong here too; they are not implemented in this version, so a command without
 * {@code --snapshot} fails with exit code 2.
 */
public final class SourceOptions {
    @Option(names = "--snapshot", paramLabel = "FILE",
            description = "Read machines, assessments and deployments from a snapshot JSON file (offline mode).")
    private @Nullable Path snapshot;

    /**
     * Sets the snapshot file.
     *
     * @param snapshot the file, not null
     * @return this
     */
    public SourceOptions snapshot(Path snapshot) {
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
        return this;
    }

    /**
     * Opens the sources. Nothing is read until the ports are used, except that the snapshot's first use
     * reads its machines and deployments.
     *
     * @return the sources, not null
     * @throws CliException with exit code 2 when no source is given
     */
    public PlanSources open() {
        if (snapshot == null) {
            throw new CliException(ExitCodes.BAD_INPUT, "no input: give --snapshot FILE; reading from Azure "
                    + "needs the Azure options (--subscription, --backend, ...), which this version does not have yet");
        }
        return new SnapshotSources(Snapshot.of(snapshot));
    }

    private static final class SnapshotSources implements PlanSources {
        private final Snapshot snapshot;
        private final SnapshotAssessmentSource assessments;

        SnapshotSources(Snapshot snapshot) {
            this.snapshot = snapshot;
            this.assessments = new SnapshotAssessmentSource(snapshot);
        }

        @Override
        public MachineInventory inventory() {
            return new SnapshotInventory(snapshot);
        }

        @Override
        public AssessmentSource assessments() {
            return assessments;
        }

        @Override
        public DeploymentTarget deployments() {
            return new SnapshotDeployments(snapshot);
        }

        @Override
        public Duration defaultMaxAssessmentAge() {
            return snapshot.assessmentSection().defaultMaxAge();
        }

        @Override
        public String describe() {
            AssessmentSection section = snapshot.assessmentSection();
            String rows = section == AssessmentSection.NONE ? "no assessment rows"
                    : snapshot.rows(section) + " " + section.key() + " rows";
            String ignored = snapshot.ignoredResources() == 0 ? ""
                    : " (" + snapshot.ignoredResources() + " other resources ignored)";
            return "snapshot " + snapshot.name() + ": " + snapshot.machines().size() + " machines" + ignored + ", "
                    + rows;
        }
    }
}
