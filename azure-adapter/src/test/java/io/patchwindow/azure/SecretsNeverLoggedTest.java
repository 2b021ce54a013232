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

import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.AzureEmulator.Fault;
import io.patchwindow.azure.testing.Fleet;
import io.patchwindow.azure.testing.FleetGenerator;
import io.patchwindow.core.port.AssessmentRequest;

/**
 * Captures everything logged (slf4j-simple writes to {@code System.err}) while the adapter works with a
 * credential whose token is a recognizable marker: the marker never appears, nor does the
 * {@code Authorization} header at the levels that do not log headers.
 */
class SecretsNeverLoggedTest {
    static final String MARKER = "SECRET-TOKEN-MARKER-5d41402abc4b2a76";
    static final Instant NOW = Instant.parse("2026-11-25T10:17:00Z");
    static final String WORKSPACE = "11111111-2222-4333-8444-555555555555";
    static AzureEmulator azure;
    static String account;

    @BeforeAll
    static void start() {
        Fleet fleet = FleetGenerator.generate(30, 1, 3, NOW);
        String sub = fleet.subscriptions().get(0);
        account = "/subscriptions/" + sub + "/resourceGroups/ops/providers/Microsoft.Automation/automationAccounts/aa";
        fleet.linkedWorkspace(account, "/subscriptions/" + sub + "/resourceGroups/ops/providers"
                + "/Microsoft.OperationalInsights/workspaces/law", WORKSPACE);
        azure = AzureEmulator.start(fleet);
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
            azure.inject("ResourceGraph", Fault.status(401, "InvalidAuthenticationToken"), -1);
            azure.inject("/query$", Fault.status(403, "InsufficientAccessError"), -1);
            messages.append(catchThrowable(() -> pw.resourceGraphInventory(List.of()).machines())).append('\n');
            messages.append(catchThrowable(() -> pw.logAnalyticsAssessment(WORKSPACE).read(request, r -> { })));
        } finally {
            System.setErr(original);
            azure.clearFaults();
        }
        return captured.toString(StandardCharsets.UTF_8) + "\n" + messages;
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
