package io.patchwindow.azure.advisory;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when an advisory file cannot be read or does not have the shape of its format. The message is
 * one line naming the file, the position (XML {@code line:column}, a JSON path, or nothing for the file as
 * a whole) and what was expected, e.g.
 * {@code Invalid advisory file updateinfo.xml at 14:9: <package> has no 'version' attribute; expected name, [epoch,] version, release and arch}.
 * The command-line tool maps it to exit code 2 (bad input).
 */
public final class AdvisoryFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The file as named (a path, or {@code archive.zip!/entry.json}). */
    private final String file;
    /** The position, or empty. */
    private final String position;
    /** What is wrong and what is expected. */
    private final String problem;

    /**
     * Creates an exception.
     *
     * @param file the file as named, e.g. {@code advisories/rhel-7.oval.xml.bz2}, not null
     * @param position the position, e.g. {@code 120:7} or {@code $.affected[0].package.name}; empty when it
     *                 concerns the whole file, not null
     * @param problem what is wrong and what is expected, not null
     * @param cause the underlying exception, if any
     */
    public AdvisoryFileException(String file, String position, String problem, @Nullable Throwable cause) {
        super("Invalid advisory file " + Objects.requireNonNull(file, "file")
                + (Objects.requireNonNull(position, "position").isEmpty() ? "" : " at " + position) + ": "
                + oneLine(Objects.requireNonNull(problem, "problem")), cause);
        this.file = file;
        this.position = position;
        this.problem = oneLine(problem);
    }

    /**
     * Returns the file as named.
     *
     * @return the file, not null
     */
    public String file() {
        return file;
    }

    /**
     * Returns the position of the problem: {@code line:column} in XML, a JSON path such as
     * {@code $.affected[2].ranges[0]}, or empty for the file as a whole.
     *
     * @return the position, not null
     */
    public String position() {
        return position;
    }

    /**
     * Returns the problem without file and position.
     *
     * @return the problem, not null
     */
    public String problem() {
        return problem;
    }

    private static String oneLine(String s) {
        return s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}
