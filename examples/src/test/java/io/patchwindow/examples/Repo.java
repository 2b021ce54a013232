package io.patchwindow.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.patchwindow.azure.cli.PatchwindowCli;

/** Paths of the repository and helpers shared by the example and documentation tests. */
final class Repo {
    /** The inputs of the demo. */
    static final String NOW = "2026-11-25T10:17:00Z";
    static final String ENVIRONMENTS = "Q,R";

    /** Set to true ({@code -Dpatchwindow.docs.update=true}) to rewrite generated documentation instead of failing. */
    static final boolean UPDATE = Boolean.getBoolean("patchwindow.docs.update");

    private Repo() {
    }

    static Path examples() {
        return Path.of(System.getProperty("patchwindow.examples", ".")).toAbsolutePath().normalize();
    }

    static Path root() {
        return examples().getParent();
    }

    static Path demoSnapshot() {
        return examples().resolve("fleet").resolve("demo-snapshot.json");
    }

    static Path demoAdvisories() {
        return examples().resolve("advisories").resolve("rhel-7.oval.xml");
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record CliRun(int code, String out, String err) {
    }

    static CliRun cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PatchwindowCli.newCommandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
