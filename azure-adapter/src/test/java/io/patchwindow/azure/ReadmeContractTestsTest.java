package io.patchwindow.azure;

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

// Reported (issue 17.8): the contract tests that skip without the Azure specifications were not named anywhere a
// user reads; expected: README's test section names each, with its number of tests and what it needs.
class ReadmeContractTestsTest {
    private static final Path ROOT = Path.of(System.getProperty("patchwindow.examples", "../examples")).getParent();

    @Test
    void readme_namesEveryTestThatSkipsWithoutTheSpecifications_withItsTestCount() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        List<Path> tests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("azure-adapter/src/test/java"))) {
            for (Path f : (Iterable<Path>) files.filter(f -> f.toString().endsWith("Test.java"))::iterator) {
                String src = Files.readString(f);
                boolean self = f.getFileName().toString().equals(ReadmeContractTestsTest.class.getSimpleName() + ".java");
                if (!self && (src.contains("SharedSpecs.require()")
                        || src.contains("System.getProperty(\"patchwindow.shared\")"))) {
                    tests.add(f);
                }
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(3);
        int total = 0;
        for (Path f : tests) {
            String name = f.getFileName().toString().replace(".java", "");
            Matcher m = Pattern.compile("@(Test|ParameterizedTest)\\b").matcher(Files.readString(f));
            int n = 0;
            while (m.find()) {
                n++;
            }
            total += n;
            assertThat(readme).as(name).contains("`" + name + "` (" + n + ":");
        }
        assertThat(readme).contains(total == 9 ? "Nine contract tests" : total + " contract tests");
    }
}
