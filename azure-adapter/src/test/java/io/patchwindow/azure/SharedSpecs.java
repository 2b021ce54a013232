package io.patchwindow.azure;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The official Azure REST specification files in {@code ../shared/azure-specs}, found through the system
 * property {@code patchwindow.shared} (set by Surefire). Contract tests call {@link #require()} before each
 * test, so that every one of them is reported as skipped, with the reason, when the folder is absent.
 */
public final class SharedSpecs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = find();

    private SharedSpecs() {
    }

    private static Path find() {
        String shared = System.getProperty("patchwindow.shared");
        Path dir = shared == null ? null : Paths.get(shared, "azure-specs");
        if (dir == null || !Files.isDirectory(dir)) {
            System.err.println("WARNING: contract tests SKIPPED: azure-specs not found (patchwindow.shared=" + shared + ")");
            return null;
        }
        return dir;
    }

    /** Skips the calling test when the specs are absent. */
    public static void require() {
        assumeTrue(DIR != null, "SKIPPED: ../shared/azure-specs not found (system property patchwindow.shared = "
                + System.getProperty("patchwindow.shared") + "): contract test not run");
    }

    /**
     * Reads one specification file.
     *
     * @param file the path below {@code azure-specs}, e.g. {@code resourcegraph-2021-03-01/resourcegraph.json}
     * @return the JSON tree
     * @throws IOException if it cannot be read
     */
    public static JsonNode read(String file) throws IOException {
        return JSON.readTree(DIR.resolve(file).toFile());
    }
}
