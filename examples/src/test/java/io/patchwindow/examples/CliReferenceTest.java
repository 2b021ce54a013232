package io.patchwindow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

import io.patchwindow.azure.cli.PatchwindowCli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * {@code docs/cli-reference.md} is the usage help of every command, rendered by picocli. The test fails
 * when the committed file differs from what the current commands render; regenerate it with
 * {@code mvn -B -q verify -Dpatchwindow.docs.update=true}.
 */
class CliReferenceTest {
    static final int WIDTH = 100;

    @Test
    void cliReference_isUpToDate() {
        Path file = Repo.root().resolve("docs").resolve("cli-reference.md");
        String expected = render();
        if (Repo.UPDATE) {
            Repo.write(file, expected);
        }
        assertThat(file).as("docs/cli-reference.md").isRegularFile();
        assertThat(Repo.read(file)).as("docs/cli-reference.md is out of date; regenerate with "
                + "'mvn -B -q verify -Dpatchwindow.docs.update=true'").isEqualTo(expected);
    }

    static CommandLine commandLine() {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        CommandLine cl = PatchwindowCli.newCommandLine(none, none);
        cl.setUsageHelpWidth(WIDTH);
        return cl;
    }

    static String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("# CLI reference\n\n")
                .append("<!-- Generated from the picocli command definitions by examples/src/test/java/io/patchwindow/"
                        + "examples/CliReferenceTest.java; do not edit. -->\n")
                .append("Generated from the commands themselves; regenerate after changing them with:\n\n")
                .append("```\nmvn -B -q verify -Dpatchwindow.docs.update=true\n```\n\n")
                .append("Run `java -jar azure-adapter/target/patchwindow.jar <command> --help` for the same text. ")
                .append("Option values are texts as shown; durations are ISO-8601 (`PT2H`), instants ISO-8601 UTC ")
                .append("(`2026-11-25T10:17:00Z`), lists comma-separated (`Q,R`).\n");
        append(sb, commandLine());
        return sb.toString();
    }

    private static void append(StringBuilder sb, CommandLine cl) {
        cl.setUsageHelpWidth(WIDTH);
        sb.append("\n## ").append(cl.getCommandSpec().qualifiedName()).append("\n\n```\n")
                .append(cl.getUsageMessage(Ansi.OFF).stripTrailing()).append("\n```\n");
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getParent() == cl && !sub.getCommandSpec().usageMessage().hidden()
                    && sub.getCommandName().equals(sub.getCommandSpec().name())) {
                append(sb, sub);
            }
        }
    }

    @Test
    void render_coversEveryCommand() {
        String text = render();
        for (String name : commandLine().getSubcommands().keySet()) {
            assertThat(text).contains("## patchwindow " + name + "\n");
        }
        assertThat(Files.exists(Repo.root().resolve("docs"))).isTrue();
    }
}
