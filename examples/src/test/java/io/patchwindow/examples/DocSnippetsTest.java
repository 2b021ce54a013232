package io.patchwindow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * README and docs code comes from compiled, tested example sources. A fenced block preceded by
 * <pre>{@code <!-- snippet: examples/src/main/java/io/patchwindow/examples/PlanDemo.java#plan -->}</pre>
 * must equal the region between {@code tag::plan[]} and {@code end::plan[]} of that file (without the
 * common indentation). With {@code -Dpatchwindow.docs.update=true} the blocks are rewritten instead.
 */
class DocSnippetsTest {
    static final Pattern SNIPPET = Pattern.compile(
            "<!-- snippet: ([^#\\s]+)#([\\w-]+) -->\\n```(\\w*)\\n(.*?)```\\n", Pattern.DOTALL);

    @Test
    void everySnippet_equalsItsSourceRegion() throws IOException {
        List<Path> docs = markdownFiles();
        int snippets = 0;
        List<String> stale = new ArrayList<>();
        for (Path doc : docs) {
            String text = Repo.read(doc);
            Matcher m = SNIPPET.matcher(text);
            StringBuilder updated = new StringBuilder();
            while (m.find()) {
                snippets++;
                String region = region(Repo.root().resolve(m.group(1)), m.group(2));
                if (!region.equals(m.group(4))) {
                    stale.add(Repo.root().relativize(doc) + ": " + m.group(1) + "#" + m.group(2));
                }
                m.appendReplacement(updated, Matcher.quoteReplacement("<!-- snippet: " + m.group(1) + "#" + m.group(2)
                        + " -->\n```" + m.group(3) + "\n" + region + "```\n"));
            }
            m.appendTail(updated);
            if (Repo.UPDATE && !updated.toString().equals(text)) {
                Repo.write(doc, updated.toString());
            }
        }
        assertThat(snippets).as("snippets in README.md and docs/").isGreaterThanOrEqualTo(4);
        if (!Repo.UPDATE) {
            assertThat(stale).as("snippets that differ from their source region; regenerate with "
                    + "'mvn -B -q verify -Dpatchwindow.docs.update=true'").isEmpty();
        }
    }

    @Test
    void region_isCutAndDedented() {
        Path demo = Repo.examples().resolve("src/main/java/io/patchwindow/examples/PlanDemo.java");
        assertThat(region(demo, "plan")).startsWith("Plan plan = Patchwindow.planSnapshot(").endsWith("\n")
                .doesNotContain("tag::").doesNotContain("end::").contains(region(demo, "call"));
    }

    /** Returns the lines between {@code tag::NAME[]} and {@code end::NAME[]}, dedented, each ending in a newline. */
    static String region(Path file, String name) {
        assertThat(file).as("snippet source").isRegularFile();
        List<String> lines = List.of(Repo.read(file).split("\n", -1));
        int start = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("tag::" + name + "[]")) {
                start = i + 1;
            } else if (lines.get(i).contains("end::" + name + "[]")) {
                end = i;
            }
        }
        assertThat(start).as("tag::%s[] in %s", name, file).isPositive();
        assertThat(end).as("end::%s[] in %s", name, file).isGreaterThanOrEqualTo(start);
        List<String> body = new ArrayList<>();
        for (String l : lines.subList(start, end)) {
            if (!l.contains("tag::") && !l.contains("end::")) {
                body.add(l);   // regions may nest: other regions' markers are not part of the snippet
            }
        }
        int indent = Integer.MAX_VALUE;
        for (String l : body) {
            if (!l.isBlank()) {
                indent = Math.min(indent, l.length() - l.stripLeading().length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String l : body) {
            sb.append(l.isBlank() ? "" : l.substring(indent).stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    static List<Path> markdownFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        out.add(Repo.root().resolve("README.md"));
        try (Stream<Path> s = Files.list(Repo.root().resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
        }
        out.add(Repo.examples().resolve("README.md"));
        out.removeIf(p -> !Files.isRegularFile(p));
        return out;
    }
}
