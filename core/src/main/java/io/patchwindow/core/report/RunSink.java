package io.patchwindow.core.report;

/**
 * Receives installation results as a {@link io.patchwindow.core.port.RunHistory} reads them, in any order.
 * {@link Reporter#start} returns one that keeps only what the report needs.
 */
public interface RunSink {

    /**
     * Takes one machine's run (an installation summary or an Automation machine run).
     *
     * @param run the run, not null
     */
    void run(InstallationRun run);

    /**
     * Takes one package result of an Update Manager run.
     *
     * @param patch the result, not null
     */
    void patch(PatchResult patch);

    /**
     * Takes one deployment run (Automation run, Update Manager {@code applyupdates} row).
     *
     * @param run the run, not null
     */
    void deploymentRun(DeploymentRun run);

    /**
     * Reports that the answer is incomplete or a row was unreadable and left out. Default: ignored.
     *
     * @param message a one-line description, not null
     */
    default void warning(String message) {
    }
}
