package io.patchwindow.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;

import io.patchwindow.azure.automation.AutomationDeploymentTarget;
import io.patchwindow.azure.testing.EmulatorFixture;
import io.patchwindow.azure.testing.Fault;
import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.core.port.AssessmentRequest;

/**
 * Captures everything logged (slf4j-simple writes to {@code System.err}) while the adapter works with a
 * credential whose token is a recognizable marker: the marker never appears, nor does the
 * {@code Authorization} header at the levels that do not log headers.
 */
class SecretsNeverLoggedTest {
    static final String MARKER = "SECRET-TOKEN-MARKER-5d41402abc4b2a76";
    static final Instant NOW = Instant.parse("2026-11-25T10:17:00Z");
    static final String WORKSPACE = EmulatorFixture.WORKSPACE;
    static AzureEmulator azure;
    static String account;

    @BeforeAll
    static void start() {
        EmulatorFixture setup = EmulatorFixture.generate(30, 1, 3, NOW);
        account = setup.account();
        azure = setup.start();
    }

    @AfterAll
    static void stop() {
        azure.close();
    }

    private static String runEverything(HttpLogDetailLevel level) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringBuilder messages = new StringBuilder();
        try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            PatchwindowAzure pw = Emulated.configure(azure)
                    .withLogOptions(new HttpLogOptions().setLogLevel(level))
                    .authenticate(AzureEmulator.credential(MARKER), azure.profile());
            AssessmentRequest request = new AssessmentRequest(List.of(), NOW.minusSeconds(5 * 3600));
            pw.resourceGraphInventory(List.of()).machines();
            pw.armInventory(List.of()).machines();
            pw.logAnalyticsAssessmentForAutomationAccount(account).read(request, r -> { });
            // failure answers that echo the Authorization header back (body and header)
            azure.inject("ResourceGraph", Fault.echoAuthorization(401, "InvalidAuthenticationToken"), -1);
            azure.inject("/query$", Fault.echoAuthorization(403, "InsufficientAccessError"), -1);
            azure.inject("HybridCompute", Fault.echoAuthorization(500, "InternalServerError"), -1);
            messages.append(catchThrowable(() -> pw.resourceGraphInventory(List.of()).machines())).append('\n');
            messages.append(catchThrowable(() -> pw.logAnalyticsAssessment(WORKSPACE).read(request, r -> { })))
                    .append('\n');
            messages.append(catchThrowable(() -> pw.armInventory(List.of()).machines())).append('\n');
            // and a write refused with an echo: the apply report carries the platform's message
            AutomationDeploymentTarget target = AutomationDeploymentTarget.builder(pw, account).build();
            azure.inject("softwareUpdateConfigurations", Fault.echoAuthorization(403, "Forbidden"), -1);
            messages.append(catchThrowable(() -> target.cleanup("pw-", NOW, 2))).append('\n');
            messages.append(catchThrowable(() -> target.existing("pw-")));
        } finally {
            System.setErr(original);
            azure.clearFaults();
        }
        return captured.toString(StandardCharsets.UTF_8) + "\n" + messages;
    }

    @Test
    void echoedAuthorization_isRedactedInExceptionMessagesAndLogs() {
        String out = runEverything(HttpLogDetailLevel.BODY_AND_HEADERS);
        // the echoes happened (and were redacted) on every failure path
        assertThat(out).contains("InvalidAuthenticationToken").contains("InsufficientAccessError")
                .contains("InternalServerError").contains("[redacted]");
        assertThat(out).doesNotContain(MARKER).doesNotContain("Bearer ");
    }

    /**
     * Every CLI command of both backends in a child JVM whose slf4j-simple level is {@code trace}, SDK HTTP
     * logging at {@code BODY_AND_HEADERS}, answers echoing the Authorization header: stdout, stderr, plans,
     * apply reports and snapshot files never contain the token nor {@code Bearer }.
     */
    @Test
    void everyCommand_atTraceLevel_withEchoingAnswers_neverShowsTheToken() throws Exception {
        String javaExe = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaExe, "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), SecretsProbe.class.getName())
                .redirectErrorStream(true).start();
        byte[] bytes;
        try (java.io.InputStream in = p.getInputStream()) {
            java.util.concurrent.CompletableFuture<byte[]> all = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return in.readAllBytes();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            if (!p.waitFor(150, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the probe did not end");
            }
            bytes = all.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        String out = new String(bytes, StandardCharsets.UTF_8);
        assertThat(out).as(out.length() > 4000 ? out.substring(out.length() - 4000) : out).contains("PROBE-END");
        assertThat(p.exitValue()).isZero();
        // the levels took effect, the commands ran, the echoes happened
        assertThat(out).contains("[main] DEBUG ").contains("TRACE").contains("\"schema\": \"patchwindow.apply/v1\"")
                .contains("\"machines\"").contains("InvalidAuthenticationToken").contains("[redacted]")
                .contains("-> exit 1").contains("-> exit 3");
        assertThat(out).doesNotContain(MARKER).doesNotContain("Bearer ");
    }

    @Test
    void basicLogging_neverShowsTheTokenNorTheAuthorizationHeader() {
        String out = runEverything(HttpLogDetailLevel.BASIC);
        assertThat(out).contains("ResourceGraph").contains("InvalidAuthenticationToken");
        assertThat(out).doesNotContain(MARKER).doesNotContainIgnoringCase("Authorization:")
                .doesNotContain("\"Authorization\"").doesNotContain("Bearer");
    }

    @Test
    void defaultLogging_neverShowsTheTokenNorTheAuthorizationHeader() {
        String out = runEverything(HttpLogDetailLevel.NONE);
        assertThat(out).contains("InsufficientAccessError");
        assertThat(out).doesNotContain(MARKER).doesNotContain("Authorization").doesNotContain("Bearer");
    }

    @Test
    void headerLogging_redactsTheAuthorizationHeader() {
        String out = runEverything(HttpLogDetailLevel.BODY_AND_HEADERS);
        assertThat(out).contains("\"redactedHeaders\":\"Authorization");
        assertThat(out).doesNotContain(MARKER).doesNotContain("Bearer");
    }
}
