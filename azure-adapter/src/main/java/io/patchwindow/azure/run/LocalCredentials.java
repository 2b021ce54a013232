package io.patchwindow.azure.run;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Tells, before a credential is built, whether what it needs is on this machine: {@code cli} needs {@code az} on
 * the {@code PATH}; {@code environment} needs {@code AZURE_CLIENT_ID}, {@code AZURE_TENANT_ID} and a secret, a
 * certificate or a user name and password; {@code workload-identity} needs {@code AZURE_CLIENT_ID} and
 * {@code AZURE_FEDERATED_TOKEN_FILE}. A credential that is unavailable fails at once, in one line, instead of after
 * the SDK's retries; {@code default} and {@code managed-identity} cannot be told locally and are not checked.
 */
final class LocalCredentials {
    private LocalCredentials() {
    }

    /**
     * Returns why a credential kind cannot work on this machine, or null when it may.
     *
     * @param kind the normalised {@code --credential} kind, not null
     * @param env the environment variables, not null
     * @return the reason, or null
     */
    static @Nullable String unavailable(String kind, Map<String, String> env) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(env, "env");
        switch (kind) {
            case "cli":
                return onPath(env.getOrDefault("PATH", ""), env.containsKey("SystemRoot") || isWindows())
                        ? null : "--credential cli: the Azure CLI 'az' is not on the PATH; install it and run 'az login', "
                        + "or choose another --credential (environment, managed-identity, workload-identity, default)";
            case "environment": {
                List<String> missing = missing(env, "AZURE_CLIENT_ID", "AZURE_TENANT_ID");
                boolean secret = set(env, "AZURE_CLIENT_SECRET") || set(env, "AZURE_CLIENT_CERTIFICATE_PATH")
                        || (set(env, "AZURE_USERNAME") && set(env, "AZURE_PASSWORD"));
                if (!secret) {
                    missing.add("AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH, or AZURE_USERNAME and "
                            + "AZURE_PASSWORD)");
                }
                return missing.isEmpty() ? null : "--credential environment: environment variable(s) not set: "
                        + String.join(", ", missing);
            }
            case "workload-identity": {
                List<String> missing = missing(env, "AZURE_CLIENT_ID", "AZURE_FEDERATED_TOKEN_FILE");
                return missing.isEmpty() ? null : "--credential workload-identity: environment variable(s) not set: "
                        + String.join(", ", missing);
            }
            default:
                return null;
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    private static boolean set(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isBlank();
    }

    private static List<String> missing(Map<String, String> env, String... names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (!set(env, n)) {
                out.add(n);
            }
        }
        return out;
    }

    /** Whether {@code az} (on Windows {@code az.cmd}) is an executable file in one of the PATH's folders. */
    private static boolean onPath(String path, boolean windows) {
        for (String dir : path.split(File.pathSeparator, -1)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String name : windows ? List.of("az.cmd", "az.exe", "az") : List.of("az")) {
                try {
                    Path f = Path.of(dir, name);
                    if (Files.isRegularFile(f) && Files.isExecutable(f)) {
                        return true;
                    }
                } catch (InvalidPathException e) {
                    // a malformed PATH entry holds no az
                }
            }
        }
        return false;
    }
}
