package io.patchwindow.azure.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.patchwindow.azure.snapshot.AssessmentSection;
import io.patchwindow.azure.snapshot.Snapshot;
import io.patchwindow.azure.snapshot.SnapshotAssessmentSource;
import io.patchwindow.azure.snapshot.SnapshotDeployments;
import io.patchwindow.azure.snapshot.SnapshotInventory;
import io.patchwindow.core.port.AssessmentSource;
import io.patchwindow.core.port.DeploymentTarget;
import io.patchwindow.core.port.MachineInventory;
import io.patchwindow.core.port.RunHistory;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where a command reads from: {@code --snapshot FILE} (offline), or Azure through the {@link AzureOptions}
 * ({@code --subscription}, {@code --inventory}, {@code --assessment}, {@code --workspace-id},
 * {@code --automation-account}, {@code --cloud}, endpoints, {@code --credential}).
 */
public final class SourceOptions {
    @picocli.CommandLine.Mixin
    private AzureOptions azure = new AzureOptions();

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
     * Replaces the Azure options (for embedding, where they are built from texts).
     *
     * @param options the options, not null
     * @return this
     */
    public SourceOptions azure(AzureOptions options) {
        this.azure = Objects.requireNonNull(options, "options");
        return this;
    }

    /**
     * Returns the snapshot file, when the source is one.
     *
     * @return the file, or null without {@code --snapshot}
     */
    public @Nullable Path snapshotFile() {
        return snapshot;
    }

    /**
     * Returns the Azure options.
     *
     * @return the options, not null
     */
    public AzureOptions azure() {
        return azure;
    }

    /**
     * Returns whether the source is a snapshot file.
     *
     * @return true with {@code --snapshot}
     */
    public boolean offline() {
        return snapshot != null;
    }

    /** An empty name or a folder is refused here, in the option's words (reading it would fail obscurely). */
    private static void checkFile(Path file) {
        if (file.toString().isBlank()) {
            throw new IllegalArgumentException("Invalid --snapshot " + io.patchwindow.core.text.Quoting.quote(file.toString())
                    + ": expected the path of a snapshot JSON file");
        }
        if (java.nio.file.Files.isDirectory(file)) {
            throw new IllegalArgumentException("Invalid --snapshot " + io.patchwindow.core.text.Quoting.quote(file.toString())
                    + ": is a folder; expected the path of a snapshot JSON file");
        }
    }

    /**
     * Opens the snapshot sources. Nothing is read until the ports are used, except that the snapshot's first
     * use reads its machines and deployments.
     *
     * @return the sources, not null
     * @throws IllegalArgumentException when no snapshot is given (the command line's exit code 2)
     */
    public PlanSources open() {
        if (snapshot == null) {
            throw new IllegalArgumentException("no input: give --snapshot FILE, or Azure options");
        }
        checkFile(snapshot);
        return new SnapshotSources(Snapshot.of(snapshot), true, azure.snapshotAssessment());
    }

    /**
     * Opens the sources: the snapshot with {@code --snapshot}, else Azure through the connector. Options are
     * validated before anything is sent; mixing {@code --snapshot} with Azure source options is refused.
     *
     * @param connector connects to Azure, not null
     * @param backend the backend options (which deployments are read), not null
     * @return the sources, not null
     * @throws IllegalArgumentException if an option is invalid
     */
    public PlanSources open(AzureConnector connector, BackendOptions backend) {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(backend, "backend");
        if (snapshot != null) {
            checkFile(snapshot);
            if (azure.anyGivenButAssessment()) {
                throw new IllegalArgumentException("Invalid options: --snapshot reads a file offline and cannot be "
                        + "combined with Azure source options (--subscription, --inventory, "
                        + "--workspace-id, --automation-account, --cloud, --arm-endpoint, --log-analytics-endpoint, "
                        + "--credential, --tenant); --assessment names the snapshot section to read");
            }
            if (backend.backend() == BackendOptions.Backend.UPDATE_MANAGER) {
                // The snapshot's deployments are Automation software update configurations: another backend's.
                return new SnapshotSources(Snapshot.of(snapshot), false, azure.snapshotAssessment());
            }
            return open();
        }
        return AzureSources.open(azure, connector, backend);
    }

    private static final class SnapshotSources implements PlanSources {
        private final Snapshot snapshot;
        private final SnapshotAssessmentSource assessments;

        private final boolean withDeployments;
        private final @Nullable AssessmentSection asked;

        SnapshotSources(Snapshot snapshot, boolean withDeployments, AzureOptions.@Nullable Assessment assessment) {
            this.snapshot = snapshot;
            this.withDeployments = withDeployments;
            this.asked = assessment == null ? null : assessment == AzureOptions.Assessment.LOG_ANALYTICS
                    ? AssessmentSection.UPDATES : AssessmentSection.PATCH_ASSESSMENTS;
            this.assessments = asked == null ? new SnapshotAssessmentSource(snapshot)
                    : new SnapshotAssessmentSource(snapshot, asked);
        }

        /** The section read; a section asked for with --assessment must have rows. */
        private AssessmentSection section() {
            if (asked == null) {
                return snapshot.assessmentSection();
            }
            if (snapshot.rows(asked) == 0) {
                throw new IllegalArgumentException("Invalid --assessment " + (asked == AssessmentSection.UPDATES
                        ? "log-analytics" : "resource-graph") + ": snapshot " + snapshot.name() + " has no '"
                        + asked.key() + "' rows");
            }
            return asked;
        }

        @Override
        public boolean classifiesLinuxAsOther() {
            return section() == AssessmentSection.PATCH_ASSESSMENTS;
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
            if (!withDeployments) {
                return new AzureSources.NoDeployments("the snapshot holds no Update Manager deployments");
            }
            return new SnapshotDeployments(snapshot);
        }

        @Override
        public Optional<RunHistory> installations() {
            return Optional.of(snapshot.installations());
        }

        @Override
        public Duration defaultMaxAssessmentAge() {
            return section().defaultMaxAge();
        }

        @Override
        public String describe() {
            AssessmentSection section = section();
            String rows = section == AssessmentSection.NONE ? "no assessment rows"
                    : snapshot.rows(section) + " " + section.key() + " rows";
            String ignored = snapshot.ignoredResources() == 0 ? ""
                    : " (" + snapshot.ignoredResources() + " other resources ignored)";
            return "snapshot " + snapshot.name() + ": " + snapshot.machines().size() + " machines" + ignored + ", "
                    + rows;
        }
    }
}
