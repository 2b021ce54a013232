package io.patchwindow.azure;

import java.util.ArrayList;
import java.util.List;

/**
 * The Azure SDK libraries that reading and writing Azure needs, which the adapter declares optional so that
 * the offline path (snapshots, advisories, the plan JSON) stays light. Every entry point to Azure checks them
 * first, so that a consumer who did not add them is told which to add instead of meeting a
 * {@link NoClassDefFoundError} deep inside a call.
 */
public final class AzureLibraries {
    /** A class of each optional library, with the library's Maven coordinates. */
    private static final String[][] LIBRARIES = {
        {"com.azure.resourcemanager.resources.ResourceManager", "com.azure.resourcemanager:azure-resourcemanager"},
        {"com.azure.resourcemanager.resourcegraph.ResourceGraphManager",
            "com.azure.resourcemanager:azure-resourcemanager-resourcegraph"},
        {"com.azure.identity.DefaultAzureCredentialBuilder", "com.azure:azure-identity"},
        {"com.ibm.icu.util.TimeZone", "com.ibm.icu:icu4j"},
    };

    private AzureLibraries() {
    }

    /**
     * Returns the Maven coordinates of the optional libraries that are not on the class path.
     *
     * @return {@code groupId:artifactId} of each missing library, empty when all are present, not null
     */
    public static List<String> missing() {
        List<String> missing = new ArrayList<>();
        for (String[] library : LIBRARIES) {
            try {
                Class.forName(library[0], false, AzureLibraries.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                missing.add(library[1]);
            }
        }
        return List.copyOf(missing);
    }

    /**
     * Checks that the optional Azure libraries are on the class path.
     *
     * @param use what needs them, e.g. {@code "PatchwindowAzure.configure()"}, not null
     * @throws IllegalStateException naming the missing libraries, if any is missing
     */
    public static void require(String use) {
        List<String> missing = missing();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(use + " reads Azure and needs the Azure SDK libraries the adapter "
                    + "declares optional; add " + String.join(", ", missing)
                    + " at the versions docs/embedding.md names (snapshots and advisories need none of them)");
        }
    }
}
