package io.patchwindow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.patchwindow.core.plan.SkipReason;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command, every option of every command and every skip reason is explained in the hand-written
 * documentation ({@code docs/*.md} other than the generated {@code cli-reference.md}), so a new option
 * cannot ship undocumented.
 */
class DocsCoverageTest {

    @Test
    void everyCommandAndOption_isDocumented() throws IOException {
        String docs = handWrittenDocs();
        Map<String, TreeSet<String>> missing = new TreeMap<>();
        collect(CliReferenceTest.commandLine(), docs, missing);
        assertThat(missing).as("commands and options not mentioned in docs/*.md (besides cli-reference.md); "
                + "explain them in the page where they belong").isEmpty();
    }

    @Test
    void everySkipReason_isDocumented() throws IOException {
        String docs = handWrittenDocs();
        List<String> missing = new ArrayList<>();
        for (SkipReason r : SkipReason.values()) {
            if (!mentions(docs, r.name())) {
                missing.add(r.name());
            }
        }
        assertThat(missing).as("skip reasons not in docs/").isEmpty();
        assertThat(Repo.read(Repo.root().resolve("docs/skip-reasons.md"))).contains(
                List.of(SkipReason.values()).stream().map(r -> "| `" + r.name() + "` |").toArray(String[]::new));
    }

    private static void collect(CommandLine cl, String docs, Map<String, TreeSet<String>> missing) {
        String command = cl.getCommandSpec().qualifiedName();
        if (cl.getParent() != null && !mentions(docs, "patchwindow " + cl.getCommandName())
                && !mentions(docs, cl.getCommandName())) {
            missing.computeIfAbsent(command, k -> new TreeSet<>()).add("(the command itself)");
        }
        for (OptionSpec o : cl.getCommandSpec().options()) {
            if (!mentions(docs, o.longestName())) {
                missing.computeIfAbsent(command, k -> new TreeSet<>()).add(o.longestName());
            }
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getParent() == cl) {
                collect(sub, docs, missing);
            }
        }
    }

    static boolean mentions(String docs, String word) {
        return Pattern.compile("(?<![\\w-])" + Pattern.quote(word) + "(?![\\w-])").matcher(docs).find();
    }

    static String handWrittenDocs() throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.list(Repo.root().resolve("docs"))) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                if (p.toString().endsWith(".md") && !p.getFileName().toString().equals("cli-reference.md")) {
                    sb.append(Repo.read(p)).append('\n');
                }
            }
        }
        return sb.toString();
    }
}
