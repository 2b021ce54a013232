package io.patchwindow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a project that depends on {@code patchwindow-azure-adapter} resolves, computed by Maven itself: a
 * nested {@code mvn dependency:tree} on a consumer pom (of a plain consumer) whose
 * repositories are this build's POMs and the local repository as {@code file://} repositories, into a
 * throw-away local repository under {@code target/} (nothing is installed anywhere; Maven Central is only
 * asked for the few POMs the build itself never needed). Every artifact the consumer gets must have the
 * version this module is tested with.
 */
class ConsumerDependenciesTest {
    static final String VERSION = "0.1.0-SNAPSHOT";
    static Path work;
    static Map<String, String> tested;

    @BeforeAll
    static void layOutTheReactorPoms() throws IOException {
        work = Repo.examples().resolve("target").resolve("consumer");
        // this build's POMs, fresh: a copy cached by an earlier run would hide a change
        Path cached = work.resolve("m2").resolve("io").resolve("patchwindow");
        if (Files.isDirectory(cached)) {
            try (var files = Files.walk(cached)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
        Path reactor = work.resolve("reactor");
        Path root = Repo.root();
        pom(reactor, "patchwindow-parent", root.resolve("pom.xml"));
        pom(reactor, "patchwindow-core", root.resolve("core").resolve("pom.xml"));
        pom(reactor, "patchwindow-azure-adapter", root.resolve("azure-adapter").resolve("pom.xml"));
        // the versions this module's tests run with (the parent's dependency management applies here)
        tested = new TreeMap<>();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path repo = Path.of(System.getProperty("patchwindow.localRepository"));
        for (String entry : classPath.split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (jar.startsWith(repo) && entry.endsWith(".jar")) {
                Path rel = repo.relativize(jar);
                int n = rel.getNameCount();
                String group = rel.subpath(0, n - 3).toString().replace(File.separatorChar, '.');
                tested.put(group + ":" + rel.getName(n - 3), rel.getName(n - 2).toString());
            }
        }
    }

    static void pom(Path reactor, String artifact, Path source) throws IOException {
        Path dir = reactor.resolve("io/patchwindow").resolve(artifact).resolve(VERSION);
        Files.createDirectories(dir);
        Files.copy(source, dir.resolve(artifact + "-" + VERSION + ".pom"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Resolves a consumer project and returns its artifacts, group:artifact to version. */
    static Map<String, String> resolve(String name) throws Exception {
        return resolve(name, "");
    }

    /** The dependencies docs/embedding.md tells a consumer that reads and writes Azure to add. */
    static String azureDependencies() {
        StringBuilder sb = new StringBuilder();
        for (String a : List.of("com.azure.resourcemanager:azure-resourcemanager", "com.azure.resourcemanager:"
                + "azure-resourcemanager-resourcegraph", "com.azure:azure-identity", "com.ibm.icu:icu4j")) {
            String[] ga = a.split(":");
            sb.append("<dependency><groupId>").append(ga[0]).append("</groupId><artifactId>").append(ga[1])
                    .append("</artifactId><version>").append(tested.get(a)).append("</version></dependency>\n");
        }
        return sb.toString();
    }

    /** Resolves a consumer project with more dependencies beside the adapter. */
    static Map<String, String> resolve(String name, String moreDependencies) throws Exception {
        Path dir = work.resolve(name);
        Files.createDirectories(dir);
        String m2 = Path.of(System.getProperty("patchwindow.localRepository")).toUri().toString();
        String reactor = work.resolve("reactor").toUri().toString();
        Files.writeString(dir.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
                  <groupId>example</groupId><artifactId>%s</artifactId><version>1</version>
                  <repositories>
                    <repository><id>patchwindow-reactor</id><url>%s</url><snapshots><enabled>true</enabled></snapshots></repository>
                    <repository><id>local-as-remote</id><url>%s</url></repository>
                  </repositories>
                  <pluginRepositories><pluginRepository><id>local-as-remote</id><url>%s</url></pluginRepository></pluginRepositories>
                  <dependencies><dependency>
                    <groupId>io.patchwindow</groupId><artifactId>patchwindow-azure-adapter</artifactId>%s
                  </dependency>%s</dependencies>
                </project>
                """.formatted(name, reactor, m2, m2, "<version>" + VERSION + "</version>", moreDependencies),
                StandardCharsets.UTF_8);
        Path tree = dir.resolve("tree.txt");
        List<String> command = new ArrayList<>(List.of(mvn(), "-B", "-q", "-f", dir.resolve("pom.xml").toString(),
                "-Dmaven.repo.local=" + work.resolve("m2"), "-DoutputFile=" + tree,
                "org.apache.maven.plugins:maven-dependency-plugin:" + System.getProperty("patchwindow.dependencyPlugin")
                        + ":tree"));
        if ("offline=true".equals(System.getProperty("patchwindow.offline"))) {
            command.addAll(List.of("-o", "-Daether.offline.protocols=file"));
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        Map<String, String> out = new TreeMap<>();
        Matcher m = Pattern.compile("([\\w.-]+):([\\w.-]+):jar(?::[\\w.-]+)?:([\\w.-]+):(compile|runtime)")
                .matcher(Files.readString(tree));
        while (m.find()) {
            out.put(m.group(1) + ":" + m.group(2), m.group(3));
        }
        return out;
    }

    static String mvn() {
        String home = System.getProperty("maven.home");
        return home == null || home.isEmpty() ? "mvn" : Path.of(home, "bin", "mvn").toString();
    }

    // Reported: a consumer resolved jackson-datatype-jsr310 2.18.4 beside jackson-databind 2.18.7, and slf4j-api
    // 1.7.36 instead of 2.0.20.
    @Test
    void aPlainConsumer_getsTheTestedVersions() throws Exception {
        Map<String, String> consumer = resolve("plain");

        assertThat(consumer).containsEntry("com.fasterxml.jackson.datatype:jackson-datatype-jsr310", tested.get(
                "com.fasterxml.jackson.datatype:jackson-datatype-jsr310")).containsEntry("org.slf4j:slf4j-api", "2.0.20");
        assertSameVersions(consumer);
    }

    // Reported (issue 17.15): planning a snapshot pulled 88 jars and 64 MB into a consumer (the whole
    // azure-resourcemanager, ICU4J); expected: the Azure SDK beyond azure-core is optional, the offline path works
    // without it, and a consumer that talks to Azure adds the documented dependencies and gets the tested versions.
    @Test
    void aPlainConsumer_getsTheOfflinePathOnly_andPlansASnapshotWithIt() throws Exception {
        Map<String, String> consumer = resolve("plain");

        assertThat(consumer.keySet()).noneMatch(a -> a.startsWith("com.azure.resourcemanager:"))
                .doesNotContain("com.ibm.icu:icu4j", "com.azure:azure-identity")
                .contains("com.azure:azure-core");
        List<Path> jars = jars(consumer);
        long bytes = 0;
        for (Path j : jars) {
            bytes += Files.size(j);
        }
        System.out.printf("plain consumer (plan a snapshot): %d jars, %.1f MB besides patchwindow's two%n", jars.size(),
                bytes / 1e6);
        assertThat(bytes).as("bytes on a plain consumer's class path").isLessThan(20_000_000L);

        // the demo planned on exactly that class path, in a fresh JVM
        List<String> cp = new ArrayList<>();
        cp.add(Repo.root().resolve("core/target/classes").toString());
        cp.add(Repo.root().resolve("azure-adapter/target/classes").toString());
        cp.add(Repo.examples().resolve("target/classes").toString());
        jars.forEach(j -> cp.add(j.toString()));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                String.join(File.pathSeparator, cp), PlanDemo.class.getName(), Repo.demoSnapshot().toString(),
                Repo.demoAdvisories().toString()).redirectError(work.resolve("plain").resolve("stderr.txt").toFile())
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(work.resolve("plain").resolve("stderr.txt"))).isZero();
        assertThat(out).isEqualTo(PlanDemo.summary(Repo.demoSnapshot().toString(), Repo.demoAdvisories().toString()));
    }

    @Test
    void anAzureConsumer_withTheDocumentedDependencies_getsTheTestedVersions() throws Exception {
        Map<String, String> consumer = resolve("azure", azureDependencies());

        assertThat(consumer).containsKeys("com.azure.resourcemanager:azure-resourcemanager-compute",
                "com.azure:azure-identity", "com.ibm.icu:icu4j");
        long bytes = 0;
        for (Path j : jars(consumer)) {
            bytes += Files.size(j);
        }
        System.out.printf("Azure consumer: %d jars, %.1f MB besides patchwindow's two%n", jars(consumer).size(), bytes / 1e6);
        assertSameVersions(consumer);
    }

    /** The jars of the resolved artifacts (patchwindow's own excepted) in the local repository. */
    static List<Path> jars(Map<String, String> consumer) {
        Path repo = Path.of(System.getProperty("patchwindow.localRepository"));
        List<Path> out = new ArrayList<>();
        consumer.forEach((artifact, version) -> {
            if (!artifact.startsWith("io.patchwindow:")) {
                String[] ga = artifact.split(":");
                Path jar = repo.resolve(ga[0].replace('.', File.separatorChar)).resolve(ga[1]).resolve(version)
                        .resolve(ga[1] + "-" + version + ".jar");
                if (Files.isRegularFile(jar)) { // a jar with a classifier only (netty's native ones) is not counted
                    out.add(jar);
                }
            }
        });
        return out;
    }

    static void assertSameVersions(Map<String, String> consumer) {
        assertThat(consumer).hasSizeGreaterThan(10);
        Map<String, String> differ = new TreeMap<>();
        consumer.forEach((artifact, version) -> {
            String t = tested.get(artifact);
            if (t != null && !t.equals(version)) {
                differ.put(artifact, version + " (tested with " + t + ")");
            }
        });
        assertThat(differ).as("artifacts a consumer resolves at another version than the tests run with").isEmpty();
        assertThat(consumer.keySet()).as("every artifact a consumer gets is on the tested class path")
                .allMatch(a -> a.startsWith("io.patchwindow:") || tested.containsKey(a));
    }
}
