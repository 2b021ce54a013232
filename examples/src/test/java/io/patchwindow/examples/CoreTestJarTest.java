package io.patchwindow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The core test-jar (the in-memory fakes users test with) ships with a sources jar and a Javadoc jar, as the
 * main jar does. Needs core packaged, which {@code mvn verify} does before these tests (skipped under
 * {@code mvn test}).
 */
class CoreTestJarTest {

    static List<String> entries(Path jar) throws IOException {
        try (JarFile f = new JarFile(jar.toFile())) {
            return f.stream().map(JarEntry::getName).toList();
        }
    }

    @Test
    void testJar_hasSourcesAndJavadoc_ofTheFakes() throws IOException {
        Path target = Repo.root().resolve("core").resolve("target");
        Path tests = target.resolve("patchwindow-core-0.1.0-SNAPSHOT-tests.jar");
        Assumptions.assumeTrue(Files.isRegularFile(tests), "core is packaged by 'mvn package' (verify), not 'mvn test'");

        assertThat(entries(tests)).contains("io/patchwindow/core/testing/InMemoryDeploymentTarget.class");
        assertThat(entries(target.resolve("patchwindow-core-0.1.0-SNAPSHOT-test-sources.jar")))
                .contains("io/patchwindow/core/testing/InMemoryDeploymentTarget.java",
                        "io/patchwindow/core/testing/InMemoryInventory.java",
                        "io/patchwindow/core/testing/InMemoryAssessmentSource.java")
                .noneMatch(e -> e.endsWith("Test.java"));
        assertThat(entries(target.resolve("patchwindow-core-0.1.0-SNAPSHOT-test-javadoc.jar")))
                .contains("io/patchwindow/core/testing/InMemoryDeploymentTarget.html", "index.html")
                .noneMatch(e -> e.endsWith("Test.html"));
    }
}
