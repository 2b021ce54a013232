package io.patchwindow.azure.run;

import java.time.Duration;
import java.util.Optional;

import io.patchwindow.core.port.AssessmentSource;
import io.patchwindow.core.port.DeploymentTarget;
import io.patchwindow.core.port.MachineInventory;
import io.patchwindow.core.port.RunHistory;

/**
 * What a planning command reads from: the three ports, the default freshness limit of the assessment
 * source, and a summary for the progress line. Implemented over a snapshot today; the Azure backends
 * add their own implementation behind {@link SourceOptions}.
 */
public interface PlanSources {

    /**
     * Returns the machine inventory.
     *
     * @return the inventory, not null
     */
    MachineInventory inventory();

    /**
     * Returns the assessment source.
     *
     * @return the source, not null
     */
    AssessmentSource assessments();

    /**
     * Gives the sources the policy and clock of the run, before the ports are used (the Update Manager
     * target needs them). Default: nothing to do.
     *
     * @param policy the policy, not null
     * @param clock the clock, not null
     */
    default void prepare(io.patchwindow.core.plan.Policy policy, java.time.Clock clock) {
    }

    /**
     * Returns the deployment target, read for existing deployments.
     *
     * @return the target, not null
     */
    DeploymentTarget deployments();

    /**
     * Returns whether the assessment comes from Azure Update Manager (Resource Graph), whose assessment runs
     * {@code yum --security} on the machine and so classifies every CentOS update {@code Other}. Default: false.
     *
     * @return true for a Resource Graph assessment
     */
    default boolean classifiesLinuxAsOther() {
        return false;
    }

    /**
     * Returns the installation results the sources hold themselves, read as a {@link RunHistory}: a snapshot's
     * {@code installations} section, read from where the snapshot's first pass found it. Default: none (the
     * results come from the backend).
     *
     * @return the history, or empty
     */
    default Optional<RunHistory> installations() {
        return Optional.empty();
    }

    /**
     * Returns the freshness limit to use when {@code --max-assessment-age} is not given.
     *
     * @return the duration, not null
     */
    Duration defaultMaxAssessmentAge();

    /**
     * Returns a one-line description of what was read, for standard error, e.g.
     * {@code snapshot fleet.json: 200 machines, 1500 updates rows}.
     *
     * @return the text, not null
     */
    String describe();
}
