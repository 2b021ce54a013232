package io.patchwindow.azure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;

import io.patchwindow.azure.run.AzureConnector;
import io.patchwindow.azure.testing.EmulatorFixture;
import io.patchwindow.azure.testing.CliRun;
import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.Fault;

/**
 * Run in a child JVM by {@link SecretsNeverLoggedTest} with slf4j-simple at {@code trace}: every command
 * ({@code plan}, {@code apply}, {@code cleanup}, {@code export-snapshot}) of both backends against the emulator,
 * SDK HTTP logging at {@code BODY_AND_HEADERS}, a credential whose token is {@link SecretsNeverLoggedTest#MARKER},
 * once with answers that echo the {@code Authorization} header back (401, 403, 500 on reads and writes) and once
 * without faults. Prints every command's stdout and stderr and the exported snapshot file, then
 * {@code PROBE-END}.
 */
public final class SecretsProbe {
    private SecretsProbe() {
    }

    public static void main(String[] args) throws Exception {
        Instant now = Instant.parse("2026-11-25T10:17:00Z");
        EmulatorFixture setup = EmulatorFixture.generate(20, 1, 12, now);
        String sub = setup.subscription();
        String account = setup.account();
        String group = setup.scheduleGroup();
        Path dir = Files.createTempDirectory("pw-secrets-probe");
        try (AzureEmulator azure = setup.start().now(now).resourceGroupLocation(group, "westeurope")) {
            AzureConnector connector = options -> EmulatorFixture.configure(azure, 1, Duration.ofMillis(2))
                    .withLogOptions(new HttpLogOptions().setLogLevel(HttpLogDetailLevel.BODY_AND_HEADERS))
                    .authenticate(AzureEmulator.credential(SecretsNeverLoggedTest.MARKER), azure.profile());
            List<List<String>> commands = new ArrayList<>();
            String n = now.toString();
            String later = now.plus(Duration.ofDays(9)).toString();
            for (String backend : List.of("automation", "update-manager")) {
                List<String> where = backend.equals("automation")
                        ? List.of("--subscription", sub, "--automation-account", account)
                        : List.of("--subscription", sub, "--backend", "update-manager", "--schedule-resource-group", group,
                        "--fix-patch-mode", "--assessment", "resource-graph");
                commands.add(concat(List.of("plan", "--now", n, "--output", "json"), where));
                commands.add(concat(List.of("apply", "--now", n, "--environments", "Q,R", "--output", "json", "--debug"),
                        where));
                commands.add(concat(List.of("cleanup", "--now", later, "--environments", "Q,R", "--debug"), where));
            }
            commands.add(List.of("export-snapshot", "--now", n, "--subscription", sub, "--automation-account", account,
                    "--output", dir.resolve("fleet.json").toString()));
            commands.add(List.of("export-snapshot", "--now", n, "--subscription", sub, "--assessment", "resource-graph",
                    "--output", dir.resolve("fleet-rg.json").toString(), "--debug"));

            for (int round = 0; round < 2; round++) {
                azure.clearFaults();
                if (round == 0) {
                    azure.injectChaos(".", 0.25, 77, List.of(Fault.echoAuthorization(401, "InvalidAuthenticationToken"),
                            Fault.echoAuthorization(403, "AuthorizationFailed"),
                            Fault.echoAuthorization(500, "InternalServerError")));
                }
                for (List<String> c : commands) {
                    CliRun r = CliRun.run(connector, c);
                    System.out.println("=== round " + round + ": " + String.join(" ", c) + " -> exit " + r.code());
                    System.out.println(r.out());
                    System.out.println(r.err());
                }
                for (String f : List.of("fleet.json", "fleet-rg.json")) {
                    Path p = dir.resolve(f);
                    if (Files.exists(p)) {
                        System.out.println("=== snapshot " + f);
                        System.out.println(Files.readString(p));
                        Files.delete(p);
                    }
                }
            }
        }
        Files.deleteIfExists(dir);
        System.out.println("PROBE-END");
        System.out.flush();
        System.exit(0);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
