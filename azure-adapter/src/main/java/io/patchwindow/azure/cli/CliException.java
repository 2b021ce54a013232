package io.patchwindow.azure.cli;

/**
 * Ends a command with an exit code and a one-line message, printed as {@code patchwindow: <message>} on
 * standard error.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The exit code of the command. */
    private final int exitCode;

    /**
     * Creates the exception.
     *
     * @param exitCode one of {@link ExitCodes}
     * @param message the one-line reason, not null
     */
    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /**
     * Returns the exit code.
     *
     * @return the code
     */
    public int exitCode() {
        return exitCode;
    }
}
