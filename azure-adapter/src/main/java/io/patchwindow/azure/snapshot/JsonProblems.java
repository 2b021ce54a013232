package io.patchwindow.azure.snapshot;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.patchwindow.core.text.Quoting;
import org.jspecify.annotations.Nullable;

/**
 * Says what is wrong with a snapshot file in the project's words: Jackson's parser messages name its own
 * features and classes ({@code enable JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS}, {@code StreamReadConstraints})
 * and I/O errors print as Java exceptions ({@code java.io.IOException: Is a directory}), neither of which tells a
 * user what to change in the file.
 */
final class JsonProblems {
    private static final Pattern NON_STANDARD = Pattern.compile("Non-standard token '([^']*)'.*", Pattern.DOTALL);
    private static final Pattern DEPTH = Pattern.compile(".*nesting depth \\((\\d+)\\) exceeds the maximum allowed \\((\\d+).*",
            Pattern.DOTALL);
    private static final Pattern LENGTH = Pattern.compile("(\\w+) value length \\((\\d+)\\) exceeds the maximum allowed \\((\\d+).*",
            Pattern.DOTALL);
    /** Everything Jackson adds after its first sentence to explain its own configuration. */
    private static final Pattern JACKSON_ADVICE = Pattern.compile(
            ": enable .*|\\s*\\(from `.*|Source: [^;\\]]*; |`[^`]*`", Pattern.DOTALL);

    private JsonProblems() {
    }

    /**
     * Describes a parser message, e.g. {@code Non-standard token 'NaN': enable ...} as
     * {@code 'NaN' is not a JSON value (JSON has no NaN or Infinity)}.
     *
     * @param original the parser's message without location, may be null
     * @return one line, not null
     */
    static String describe(@Nullable String original) {
        if (original == null || original.isBlank()) {
            return "not well-formed";
        }
        Matcher m = NON_STANDARD.matcher(original);
        if (m.matches()) {
            return Quoting.quote(m.group(1)) + " is not a JSON value (JSON has no NaN or Infinity)";
        }
        m = DEPTH.matcher(original);
        if (m.matches()) {
            return "arrays and objects nested more than " + m.group(2) + " levels deep";
        }
        m = LENGTH.matcher(original);
        if (m.matches()) {
            return "a " + m.group(1).toLowerCase(java.util.Locale.ROOT) + " of " + m.group(2)
                    + " characters, longer than the " + m.group(3) + " accepted";
        }
        String s = JACKSON_ADVICE.matcher(original).replaceAll("").strip();
        return Quoting.escape(s.isEmpty() ? "not well-formed" : s);
    }

    /**
     * Describes why a file could not be read, e.g. {@code no such file} or {@code permission denied}.
     *
     * @param e the failure, not null
     * @return what went wrong and what is expected, one line, not null
     */
    static String unreadable(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file; expected a snapshot JSON file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied; expected a readable snapshot JSON file";
        }
        String reason = e instanceof FileSystemException ? ((FileSystemException) e).getReason() : e.getMessage();
        if (reason != null && reason.toLowerCase(java.util.Locale.ROOT).contains("directory")) {
            return "is a folder; expected a snapshot JSON file";
        }
        return "cannot read the file (" + Quoting.escape(reason == null || reason.isBlank() ? "read error" : reason)
                + "); expected a readable snapshot JSON file";
    }
}
