package io.patchwindow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the commands of {@code examples/README.md} as written (with this JVM's {@code java}), from the
 * repository root: each example's {@code main} and the Groovy script exit 0 and print what they should.
 * Needs the shaded jar, which {@code mvn verify} builds before these tests (skipped under {@code mvn test}).
 */
class ExamplesReadmeTest {

    static List<String> commands() {
        String readme = Repo.read(Repo.examples().resolve("README.md"));
        int marker = readme.indexOf("<!-- ExamplesReadmeTest");
        int start = readme.indexOf("```\n", marker) + 4;
        int end = readme.indexOf("```", start);
        List<String> out = new ArrayList<>();
        for (String line : readme.substring(start, end).split("\n")) {
            if (line.startsWith("java ")) {
                out.add(line);
            }
        }
        return out;
    }

    @Test
    void everyDocumentedCommand_runsAndPrintsItsSummary() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(Repo.root().resolve("azure-adapter/target/patchwindow.jar")),
                "azure-adapter/target/patchwindow.jar is built by 'mvn package' (verify), not by 'mvn test'");
        List<String> commands = commands();
        assertThat(commands).hasSize(4).anyMatch(c -> c.endsWith(".PlanDemo")).anyMatch(c -> c.endsWith(".ApplyDemo"))
                .anyMatch(c -> c.endsWith(".CustomGrammarDemo")).anyMatch(c -> c.contains("groovy.ui.GroovyMain"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> outputs = new ArrayList<>();
        for (String command : commands) {
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", "\"$JAVA\"" + command.substring("java".length()))
                    .directory(Repo.root().toFile()).redirectErrorStream(true);
            pb.environment().put("JAVA", java);
            Process run = pb.start();
            String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(run.exitValue()).as("%s%n%s", command, out).isZero();
            outputs.add(out);
        }
        assertThat(outputs.get(0)).startsWith("32 of 77 machines planned, 45 skipped\n");
        assertThat(outputs.get(1)).startsWith("{actions=32, ok=32, failed=0, writes=32}\n");
        assertThat(outputs.get(2)).contains("tag values tolerated").contains("selecting [Q, D]");
        assertThat(outputs.get(3)).contains("Groovy 2.4.21: 32 of 77 machines planned");
        assertThat(Repo.root().resolve("examples/target/plan.json")).isNotEmptyFile();
    }
}
