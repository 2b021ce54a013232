package io.patchwindow.azure.snapshot;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a snapshot file cannot be read or does not have the expected shape. The message is one
 * line naming the file, the JSON path of the problem and what was expected, e.g.
 * {@code Invalid snapshot fleet.json: $.machines[12].id: missing; expected an ARM resource id string}.
 */
public final class SnapshotException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The snapshot name (file path as given). */
    private final String file;
    /** The JSON path of the problem. */
    private final String path;
    /** What is wrong and what is expected. */
    private final String problem;

    /**
     * Creates an exception.
     *
     * @param file the snapshot name (file path as given), not null
     * @param path the JSON path of the problem, e.g. {@code $.machines[12].id}, not null
     * @param problem what is wrong and what is expected, one line, not null
     * @param cause the underlying exception, if any
     */
    public SnapshotException(String file, String path, String problem, @Nullable Throwable cause) {
        super("Invalid snapshot " + io.patchwindow.core.text.Quoting.escape(Objects.requireNonNull(file, "file")) + ": "
                + shortPath(Objects.requireNonNull(path, "path")) + ": " + oneLine(Objects.requireNonNull(problem, "problem")),
                cause);
        this.file = file;
        this.path = path;
        this.problem = oneLine(problem);
    }

    /**
     * Returns the snapshot name as given (usually the file path).
     *
     * @return the name, not null
     */
    public String file() {
        return file;
    }

    /**
     * Returns the JSON path of the problem, e.g. {@code $.updates[3].TimeGenerated}; {@code $} for the
     * whole document.
     *
     * @return the path, not null
     */
    public String path() {
        return path;
    }

    /**
     * Returns the problem without file and path, e.g. {@code missing; expected an ARM resource id string}.
     *
     * @return the problem, not null
     */
    public String problem() {
        return problem;
    }

    static String oneLine(String s) {
        return io.patchwindow.core.text.Quoting.escape(s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' '));
    }

    /** The longest JSON path printed in full: a path 100,000 arrays deep made a 3,229-byte message. */
    static final int MAX_PATH = 200;

    /** The path, its middle cut when it is longer than {@link #MAX_PATH}: the start says where, the end what. */
    static String shortPath(String path) {
        String p = io.patchwindow.core.text.Quoting.escape(path);
        if (p.length() <= MAX_PATH) {
            return p;
        }
        return p.substring(0, 130) + "...(" + p.length() + " chars)..." + p.substring(p.length() - 40);
    }
}
