package io.patchwindow.core.deployment;

import java.util.Locale;
import java.util.Objects;

import io.patchwindow.core.text.Quoting;

/**
 * Reboot setting of a deployment, named as the Azure APIs name it.
 */
public enum Reboot {
    /** Reboot when an update requires it. */
    IF_REQUIRED("IfRequired"),
    /** Never reboot. */
    NEVER("Never"),
    /** Always reboot (the original runbooks' setting). */
    ALWAYS("Always");

    private final String apiName;

    Reboot(String apiName) {
        this.apiName = apiName;
    }

    /**
     * Returns the API name: {@code IfRequired}, {@code Never} or {@code Always}.
     *
     * @return the name, not null
     */
    public String apiName() {
        return apiName;
    }

    /**
     * Parses an API name or enum name, case-insensitively: {@code Always}, {@code IfRequired},
     * {@code if-required}, {@code Never}.
     *
     * @param text the text, not null
     * @return the setting, not null
     * @throws IllegalArgumentException if the text is none of them
     */
    public static Reboot parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (Reboot r : values()) {
            if (r.apiName.toLowerCase(Locale.ROOT).equals(t)) {
                return r;
            }
        }
        if (t.equals("neverreboot")) {
            return NEVER;
        }
        if (t.equals("alwaysreboot")) {
            return ALWAYS;
        }
        throw new IllegalArgumentException(
                "Invalid reboot setting " + Quoting.quote(text) + ": expected one of [Always, IfRequired, Never]");
    }
}
