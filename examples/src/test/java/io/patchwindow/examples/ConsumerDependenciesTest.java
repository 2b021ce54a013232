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
 * nested {@code mvn -o dependency:tree} on a consumer pom whose repositories are this build's POMs (copied to
 * {@code target/consumer/reactor}: nothing of the reactor need be installed) and the local repository, both as
 * {@code file://} repositories, into a throw-away local repository under {@code target/}. Offline: every POM it
 * needs is one this build resolved itself. Every artifact a consumer gets must have the version this module is
 * tested with; the offline path (a consumer that depends on the adapter only) must plan the demo snapshot on
 * exactly its class path, and the jars and megabytes of both consumers are those docs/embedding.md states.
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

    /**
     * What a consumer resolved: its artifacts, group:artifact to version, and the jars they put on its class
     * path (patchwindow's own excepted), each a file of the local repository.
     */
    record Resolved(Map<String, String> versions, List<Path> jars) {
        /** The size of the jars in bytes. */
        long bytes() throws IOException {
            long sum = 0;
            for (Path j : jars) {
                sum += Files.size(j);
            }
            return sum;
        }

        /** As docs/embedding.md says it: {@code 19 jars (15.7 MB}. */
        String measured() throws IOException {
            return String.format(java.util.Locale.ROOT, "%d jars (%.1f MB", jars.size(), bytes() / 1e6);
        }
    }

    /** Resolves a consumer project that depends on the adapter only. */
    static Resolved resolve(String name) throws Exception {
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

    /** The consumers resolved so far, by name: each is resolved once. */
    static final Map<String, Resolved> RESOLVED = new java.util.HashMap<>();

    /** Resolves a consumer project with more dependencies beside the adapter (once per name). */
    static Resolved resolve(String name, String moreDependencies) throws Exception {
        Resolved done = RESOLVED.get(name);
        if (done == null) {
            done = resolveNow(name, moreDependencies);
            RESOLVED.put(name, done);
        }
        return done;
    }

    private static Resolved resolveNow(String name, String moreDependencies) throws Exception {
        Path dir = work.resolve(name);
        Files.createDirectories(dir);
        Path repo = Path.of(System.getProperty("patchwindow.localRepository"));
        String m2 = repo.toUri().toString();
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
        // Offline, whatever the outer build: the two file:// repositories are all it reads (the tree needs POMs
        // only, and the ones this build resolved suffice, as on a clean clone in CI).
        List<String> command = new ArrayList<>(List.of(mvn(), "-B", "-q", "-o", "-Daether.offline.protocols=file",
                "-f", dir.resolve("pom.xml").toString(), "-Dmaven.repo.local=" + work.resolve("m2"),
                "-DoutputFile=" + tree, "org.apache.maven.plugins:maven-dependency-plugin:"
                        + System.getProperty("patchwindow.dependencyPlugin") + ":tree"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        Map<String, String> versions = new TreeMap<>();
        List<Path> jars = new ArrayList<>();
        Matcher m = Pattern.compile("([\\w.-]+):([\\w.-]+):jar(?::([\\w.-]+))?:([\\w.-]+):(compile|runtime)")
                .matcher(Files.readString(tree));
        while (m.find()) {
            String group = m.group(1);
            String artifact = m.group(2);
            String version = m.group(4);
            versions.put(group + ":" + artifact, version);
            if (!group.equals("io.patchwindow")) {
                String file = artifact + "-" + version + (m.group(3) == null ? "" : "-" + m.group(3)) + ".jar";
                Path jar = repo.resolve(group.replace('.', File.separatorChar)).resolve(artifact).resolve(version)
                        .resolve(file);
                assertThat(jar).as("a jar on the consumer's class path, in the local repository").isRegularFile();
                jars.add(jar);
            }
        }
        return new Resolved(versions, List.copyOf(jars));
    }

    static String mvn() {
        String home = System.getProperty("maven.home");
        return home == null || home.isEmpty() ? "mvn" : Path.of(home, "bin", "mvn").toString();
    }

    // Reported: a consumer resolved jackson-datatype-jsr310 2.18.4 beside jackson-databind 2.18.7, and slf4j-api
    // 1.7.36 instead of 2.0.20.
    @Test
    void aPlainConsumer_getsTheTestedVersions() throws Exception {
        Map<String, String> consumer = resolve("plain").versions();

        assertThat(consumer).containsEntry("com.fasterxml.jackson.datatype:jackson-datatype-jsr310", tested.get(
                "com.fasterxml.jackson.datatype:jackson-datatype-jsr310")).containsEntry("org.slf4j:slf4j-api", "2.0.20")
                .containsEntry("com.fasterxml.jackson.core:jackson-databind", tested.get(
                        "com.fasterxml.jackson.core:jackson-databind"));
        assertSameVersions(consumer);
    }

    // Reported (issue 17.15): planning a snapshot pulled 88 jars and 64 MB into a consumer (the whole
    // azure-resourcemanager, ICU4J); expected: the Azure SDK beyond azure-core is optional, the offline path works
    // without it, and a consumer that talks to Azure adds the documented dependencies and gets the tested versions.
    @Test
    void aPlainConsumer_getsTheOfflinePathOnly_andPlansASnapshotWithIt() throws Exception {
        Resolved plain = resolve("plain");

        assertThat(plain.versions().keySet()).noneMatch(a -> a.startsWith("com.azure.resourcemanager:"))
                .doesNotContain("com.ibm.icu:icu4j", "com.azure:azure-identity")
                .contains("com.azure:azure-core");
        System.out.println("plain consumer (plan a snapshot): " + plain.measured() + ") besides patchwindow's two");
        assertThat(plain.bytes()).as("bytes on a plain consumer's class path").isLessThan(20_000_000L);
        assertThat(Repo.read(Repo.root().resolve("docs/embedding.md")))
                .as("docs/embedding.md states the offline path's class path").contains("brings " + plain.measured());

        // the demo planned on exactly that class path, in a fresh JVM: patchwindow's classes (jars after package,
        // else target/classes), PlanDemo's, and the consumer's jars
        List<String> cp = new ArrayList<>();
        for (Class<?> c : List.of(io.patchwindow.core.plan.Plan.class, io.patchwindow.azure.cli.PatchwindowCli.class,
                PlanDemo.class)) {
            cp.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        plain.jars().forEach(j -> cp.add(j.toString()));
        Path stderr = work.resolve("plain").resolve("stderr.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                String.join(File.pathSeparator, cp), PlanDemo.class.getName(), Repo.demoSnapshot().toString(),
                Repo.demoAdvisories().toString()).redirectError(stderr.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(stderr)).isZero();
        assertThat(out).isEqualTo(PlanDemo.summary(Repo.demoSnapshot().toString(), Repo.demoAdvisories().toString()));
    }

    @Test
    void aPlainConsumer_askingForAzure_isToldWhichLibrariesToAdd() throws Exception {
        Resolved plain = resolve("plain");
        List<String> cp = new ArrayList<>();
        for (Class<?> c : List.of(io.patchwindow.core.plan.Plan.class, io.patchwindow.azure.cli.PatchwindowCli.class,
                AzureWithoutTheSdk.class)) {
            cp.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        plain.jars().forEach(j -> cp.add(j.toString()));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                String.join(File.pathSeparator, cp), AzureWithoutTheSdk.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(out.strip()).startsWith("java.lang.IllegalStateException: PatchwindowJob.azure(credential, profile) "
                        + "reads Azure and needs the Azure SDK libraries")
                .contains("com.azure.resourcemanager:azure-resourcemanager, "
                        + "com.azure.resourcemanager:azure-resourcemanager-resourcegraph, com.azure:azure-identity, "
                        + "com.ibm.icu:icu4j")
                .doesNotContain("NoClassDefFoundError");
    }

    @Test
    void anAzureConsumer_withTheDocumentedDependencies_getsTheTestedVersions() throws Exception {
        Resolved azure = resolve("azure", azureDependencies());

        assertThat(azure.versions()).containsKeys("com.azure.resourcemanager:azure-resourcemanager-compute",
                "com.azure:azure-identity", "com.ibm.icu:icu4j");
        System.out.println("Azure consumer: " + azure.measured() + ") besides patchwindow's two");
        assertThat(Repo.read(Repo.root().resolve("docs/embedding.md")))
                .as("docs/embedding.md states the Azure consumer's class path").contains("has " + azure.measured());
        assertSameVersions(azure.versions());
    }

    // The adapter's Azure SDK dependencies are optional for consumers, not for the command line: patchwindow.jar
    // (README, the Jenkins examples) holds a class of every jar an Azure consumer gets.
    @Test
    void theCommandLineJar_holdsEveryJarOfAnAzureConsumer() throws Exception {
        Path adapter = Path.of(io.patchwindow.azure.cli.PatchwindowCli.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(adapter),
                () -> "the adapter's classes come from the folder " + adapter + ", not a jar: run mvn verify");
        Path cliJar = adapter.resolveSibling("patchwindow.jar");
        assertThat(cliJar).isRegularFile();
        List<String> missing = new ArrayList<>();
        try (java.util.zip.ZipFile cli = new java.util.zip.ZipFile(cliJar.toFile())) {
            for (Path jar : resolve("azure", azureDependencies()).jars()) {
                String aClass = firstClass(jar);
                if (aClass != null && cli.getEntry(aClass) == null) {
                    missing.add(jar.getFileName() + " (" + aClass + ")");
                }
            }
        }
        assertThat(missing).as("jars of an Azure consumer whose classes patchwindow.jar lacks").isEmpty();
    }

    /** The first class file of a jar outside META-INF, or null when it has none (native libraries only). */
    private static @org.jspecify.annotations.Nullable String firstClass(Path jar) throws IOException {
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(jar.toFile())) {
            return z.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class"))
                    .sorted().findFirst().orElse(null);
        }
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
