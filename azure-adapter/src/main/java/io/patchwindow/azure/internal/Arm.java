package io.patchwindow.azure.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.azure.core.management.profile.AzureProfile;
import com.fasterxml.jackson.databind.JsonNode;

import io.patchwindow.core.deployment.Reboot;
import io.patchwindow.core.plan.PlatformMasks;
import io.patchwindow.core.text.Quoting;

/**
 * Small readings shared by the adapter's ARM clients: the Resource Manager endpoint of a profile, the text of
 * an answer's JSON field, and the deployment names, reboot settings and package masks the two backends write and
 * read back.
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
     * The package masks of a configuration as read back, checked by {@link PlatformMasks}: packages and pinned
     * versions of the include masks, the exclude masks, each verbatim, and why they cannot be trusted.
     *
     * @param packages the packages of the include masks ({@link PlatformMasks.Included#packages()})
     * @param versions the versions of valid pins
     * @param excludes the exclude masks, verbatim, in order
     * @param damage one line saying why the masks are not what patchwindow writes (a list that is no list of texts,
     *               a mask that breaks its rule); null when they are intact
     */
    public record Masks(List<String> packages, Map<String, String> versions, List<String> excludes,
                        @Nullable String damage) {
        /**
         * Copies the components.
         *
         * @param packages the packages
         * @param versions the versions of valid pins
         * @param excludes the exclude masks
         * @param damage why the masks cannot be trusted, or null
         */
        public Masks {
            packages = List.copyOf(packages);
            versions = Map.copyOf(versions);
            excludes = List.copyOf(excludes);
        }
    }

    /**
     * Reads the include and exclude masks of a configuration read back from Azure, e.g. the Automation
     * {@code properties.updateConfiguration.linux} with {@code includedPackageNameMasks} and
     * {@code excludedPackageNameMasks}. Nothing is trimmed, split or dropped: a value that is no text is kept as its
     * JSON text, a mask that breaks its rule whole, and the result is damaged (the first problem, quoted).
     *
     * @param owner the object holding the lists; a missing node or JSON null holds none
     * @param ownerPath the owner's path, for messages, e.g. {@code linux}
     * @param includeMember the member of the include masks
     * @param excludeMember the member of the exclude masks
     * @return the masks, not null
     */
    public static Masks masks(JsonNode owner, String ownerPath, String includeMember, String excludeMember) {
        List<String> problems = new ArrayList<>();
        if (!owner.isMissingNode() && !owner.isNull() && !owner.isObject()) {
            problems.add(ownerPath + " is not an object (found " + Quoting.quote(owner.toString(), 40) + ")");
        }
        List<String> include = texts(owner.path(includeMember), ownerPath + "." + includeMember, problems);
        List<String> exclude = texts(owner.path(excludeMember), ownerPath + "." + excludeMember, problems);
        PlatformMasks.Included included = PlatformMasks.readIncluded(include);
        if (included.damage() != null) {
            problems.add(included.damage());
        }
        String excludeDamage = PlatformMasks.excludedDamage(exclude);
        if (excludeDamage != null) {
            problems.add(excludeDamage);
        }
        return new Masks(included.packages(), included.versions(), exclude,
                problems.isEmpty() ? null : problems.get(0));
    }

    /** The texts of a list, values that are no text as their JSON text; a shape problem is added to problems. */
    private static List<String> texts(JsonNode list, String path, List<String> problems) {
        List<String> out = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            out.add(list.toString());
            problems.add(path + " is not a list of texts (found " + Quoting.quote(list.toString(), 40)
                    + "); expected e.g. [\"openssl\"]");
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode m = list.get(i);
            if (m.isTextual()) {
                out.add(m.textValue());
            } else {
                out.add(m.toString());
                problems.add(path + "[" + i + "] is not a text (found " + Quoting.quote(m.toString(), 40)
                        + "); expected a package name, e.g. \"openssl\"");
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
