package io.patchwindow.examples;

import static com.lesfurets.jenkins.unit.global.lib.LocalSource.localSource;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.lesfurets.jenkins.unit.global.lib.LibraryConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the shared library of {@code examples/jenkins-library} with JenkinsPipelineUnit's library loader
 * ({@code @Library('patchwindow') _}, the {@code vars/} layout Jenkins loads) and runs a declarative pipeline
 * that calls {@code patchwindow(...)}, in the CPS mode.
 */
class SharedLibraryTest {
    static final String AA = "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-patch/"
            + "providers/Microsoft.Automation/automationAccounts/aa-patch";

    @TempDir
    Path libraries;

    PipelineHarness run(Map<String, Object> options, int planCode, int applyCode) {
        // the local source retriever reads <dir>/<name>@<version>: the library directory is copied there
        Path library = libraries.resolve("patchwindow@main");
        if (!Files.isDirectory(library)) {
            copy(Repo.examples().resolve("jenkins-library"), library);
        }
        PipelineHarness h = new PipelineHarness();
        h.getHelper().registerSharedLibrary(LibraryConfiguration.library("patchwindow").defaultVersion("main")
                .targetPath(libraries.toString()).retriever(localSource(libraries.toString())).build());
        h.start(List.of(Repo.examples().resolve("src/test/resources/jenkins").toString()),
                Map.of("OPTIONS", new LinkedHashMap<>(options)));
        h.exit(" plan --credential", planCode).exit(" apply --credential", applyCode);
        h.runScript("library-pipeline.groovy");
        return h;
    }

    static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> options(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("environments", "Q,R");
        m.put("automationAccount", AA);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void success_plansArchivesApplies_withTheServicePrincipal_andValuesAsEnvironmentVariables() {
        PipelineHarness h = run(options(), 0, 0);

        assertThat(h.result()).isEqualTo("SUCCESS");
        assertThat(h.credentialIds()).containsExactly("patchwindow-sp");
        assertThat(h.scripts()).hasSize(2);
        PipelineHarness.Sh plan = h.scripts().get(0);
        assertThat(plan.script()).startsWith("$PW_COMMAND plan --credential \"$PW_CREDENTIAL\"")
                .contains("--environments \"$PW_ENVIRONMENTS\"").endsWith("--output json > plan.json")
                .doesNotContain("Q,R").doesNotContain(AA);
        assertThat(plan.env()).containsEntry("PW_ENVIRONMENTS", "Q,R").containsEntry("PW_AUTOMATION_ACCOUNT", AA)
                .containsEntry("PW_CREDENTIAL", "environment").containsEntry("PW_BACKEND", "automation")
                .containsEntry("PW_COMMAND", "java -jar patchwindow.jar");
        assertThat(h.scripts().get(1).script()).startsWith("$PW_COMMAND apply ").endsWith("> apply.json");
        assertThat(h.archived()).containsExactly("plan.json", "apply.json");
        assertThat(h.messages()).contains("echo: patchwindow exited with 0");
    }

    @Test
    void applyExit1_isUnstable() {
        PipelineHarness h = run(options(), 0, 1);
        assertThat(h.result()).isEqualTo("UNSTABLE");
        assertThat(h.messages()).contains("echo: patchwindow exited with 1")
                .anyMatch(m -> m.startsWith("unstable: patchwindow apply: some actions failed"));
    }

    @Test
    void applyExit2And3_areFailures_namingTheCode() {
        for (int code : new int[] {2, 3}) {
            PipelineHarness h = run(options(), 0, code);
            assertThat(h.result()).as("exit %d", code).isEqualTo("FAILURE");
            assertThat(h.messages()).anyMatch(m -> m.startsWith("error: patchwindow apply failed with exit code " + code));
            assertThat(h.archived()).containsExactly("plan.json", "apply.json");
        }
    }

    @Test
    void planFailing_neverApplies() {
        PipelineHarness h = run(options(), 3, 0);
        assertThat(h.result()).isEqualTo("FAILURE");
        assertThat(h.scripts()).hasSize(1);
        assertThat(h.messages()).anyMatch(m -> m.startsWith("error: patchwindow plan failed with exit code 3"));
        assertThat(h.archived()).containsExactly("plan.json");
    }

    @Test
    void planOnly_withoutACredential_usesTheAgentsLogin() {
        PipelineHarness h = run(options("apply", false, "credentialsId", "", "args", "--time-zone UTC"), 0, 0);
        assertThat(h.result()).isEqualTo("SUCCESS");
        assertThat(h.credentialIds()).isEmpty();
        assertThat(h.scripts()).singleElement().satisfies(s -> {
            assertThat(s.script()).contains(" plan ");
            assertThat(s.env()).containsEntry("PW_CREDENTIAL", "cli").containsEntry("PW_ARGS", "--time-zone UTC");
        });
        assertThat(h.archived()).containsExactly("plan.json");
    }

    @Test
    void withoutEnvironments_isRefusedBeforeAnyCommand() {
        PipelineHarness h = run(Map.of("automationAccount", AA), 0, 0);
        assertThat(h.result()).isEqualTo("FAILURE");
        assertThat(h.scripts()).isEmpty();
        assertThat(h.messages()).anyMatch(m -> m.startsWith("error: patchwindow: environments is required"));
    }
}
