package io.patchwindow.azure.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.azure.core.management.profile.AzureProfile;
import com.fasterxml.jackson.databind.JsonNode;

import io.patchwindow.core.deployment.Reboot;

/**
 * Small readings shared by the adapter's ARM clients: the Resource Manager endpoint of a profile, the text of
 * an answer's JSON field, and the deployment names and reboot settings the two backends write and read back.
 */
public final class Arm {
    private static final Pattern DEPLOYMENT_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Arm() {
    }

    /**
     * Returns the profile's Resource Manager endpoint without a trailing slash.
     *
     * @param profile the profile, not null
     * @return the endpoint, e.g. {@code https://management.azure.com}, not null
     * @throws IllegalArgumentException if the environment has no {@code resourceManagerEndpointUrl}
     */
    public static String endpoint(AzureProfile profile) {
        String e = profile.getEnvironment().getResourceManagerEndpoint();
        if (e == null || e.isBlank()) {
            throw new IllegalArgumentException("The Azure environment has no resourceManagerEndpointUrl");
        }
        return e.endsWith("/") ? e.substring(0, e.length() - 1) : e;
    }

    /**
     * Returns a JSON node's text, or null when it is absent or JSON null.
     *
     * @param n the node, may be null
     * @return the text, or null
     */
    public static @Nullable String text(@Nullable JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asText();
    }

    /**
     * Returns the non-blank texts of a JSON array, stripped (empty when absent), for exclude masks read back.
     *
     * @param array the array node, not null (a missing node reads as empty)
     * @return the texts in order, not null
     */
    public static List<String> textList(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : array) {
            if (!m.asText().isBlank()) {
                out.add(m.asText().strip());
            }
        }
        return out;
    }

    /**
     * Reads a reboot setting written by either backend ({@code IfRequired}, {@code Never}, {@code Always});
     * anything else reads as {@link Reboot#IF_REQUIRED}, so that the deployment differs and is rewritten.
     *
     * @param n the setting's node, not null
     * @return the setting, not null
     */
    public static Reboot reboot(JsonNode n) {
        try {
            return n.isTextual() ? Reboot.parse(n.asText()) : Reboot.IF_REQUIRED;
        } catch (IllegalArgumentException e) {
            return Reboot.IF_REQUIRED;
        }
    }

    /**
     * Returns whether a name can be a patchwindow deployment name (1 to 64 characters of
     * {@code [A-Za-z0-9-_]}); only such names are ever put into a request URL.
     *
     * @param name the name, not null
     * @return whether it is a deployment name
     */
    public static boolean isDeploymentName(String name) {
        return DEPLOYMENT_NAME.matcher(name).matches();
    }
}
