package io.patchwindow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code examples/groovy/plan.groovy} with Groovy 2.4.21 (the version Jenkins pipelines run) in a
 * separate JVM, as docs/embedding.md shows ({@code java -cp "$(cat examples/target/groovy.classpath)"
 * groovy.ui.GroovyMain ...}), and checks that the JSON it writes is the CLI's
 * {@code plan --output json} for the same inputs.
 */
class GroovyExampleTest {

    @TempDir
    Path dir;

    @Test
    void planGroovy_writesTheCliPlanJson() throws Exception {
        Path output = dir.resolve("plan.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The class path docs/embedding.md runs Groovy scripts with: written by the build (maven-dependency-plugin)
        String classPath = Repo.read(Repo.examples().resolve("target").resolve("groovy.classpath")).strip();
        assertThat(classPath.split(File.pathSeparator)).anyMatch(e -> e.contains("groovy-2.4.21"))
                .anyMatch(e -> e.contains("groovy-json-2.4.21")).noneMatch(e -> e.contains("junit"));

        Process p = new ProcessBuilder(List.of(java, "-cp", classPath, "groovy.ui.GroovyMain",
                Repo.examples().resolve("groovy").resolve("plan.groovy").toString(), output.toString(),
                Repo.demoSnapshot().toString(), Repo.demoAdvisories().toString()))
                .directory(Repo.root().toFile())
                .redirectErrorStream(true)
                .start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(log).contains("Groovy 2.4.21: 32 of 77 machines planned, 30 deployments to create, 45 machines skipped");

        Repo.CliRun cli = Repo.cli("plan", "--snapshot", Repo.demoSnapshot().toString(), "--advisories",
                Repo.demoAdvisories().toString(), "--environments", Repo.ENVIRONMENTS, "--now", Repo.NOW, "--output", "json");
        assertThat(cli.code()).isZero();
        ObjectMapper json = new ObjectMapper();
        JsonNode fromGroovy = json.readTree(output.toFile());
        JsonNode fromCli = json.readTree(cli.out());
        assertThat(fromGroovy).isEqualTo(fromCli);
        // Same members in the same order, too.
        assertThat(json.writeValueAsString(fromGroovy)).isEqualTo(json.writeValueAsString(fromCli));
    }
}
