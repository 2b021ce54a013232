package io.patchwindow.azure.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

// Issue 17.1: a credential that cannot work on this machine is told before it is built (no retries).
class LocalCredentialsTest {
    @Test
    void localCredentials_tellWhatIsMissing() throws IOException {
        assertThat(LocalCredentials.unavailable("cli", Map.of("PATH", ""))).contains("'az' is not on the PATH");
        Path dir = Files.createTempDirectory("pw-az");
        Path az = dir.resolve("az");
        Files.writeString(az, "#!/bin/sh\n");
        az.toFile().setExecutable(true);
        assertThat(LocalCredentials.unavailable("cli", Map.of("PATH", "/nowhere" + java.io.File.pathSeparator + dir)))
                .isNull();
        assertThat(LocalCredentials.unavailable("environment", Map.of("AZURE_CLIENT_ID", "c")))
                .isEqualTo("--credential environment: environment variable(s) not set: AZURE_TENANT_ID, "
                        + "AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH, or AZURE_USERNAME and AZURE_PASSWORD)");
        assertThat(LocalCredentials.unavailable("environment", Map.of("AZURE_CLIENT_ID", "c", "AZURE_TENANT_ID", "t",
                "AZURE_CLIENT_SECRET", "s"))).isNull();
        assertThat(LocalCredentials.unavailable("workload-identity", Map.of("AZURE_CLIENT_ID", "c")))
                .contains("AZURE_FEDERATED_TOKEN_FILE");
        assertThat(LocalCredentials.unavailable("managed-identity", Map.of())).isNull();
        assertThat(LocalCredentials.unavailable("default", Map.of())).isNull();
    }

}
