package io.patchwindow.core.deployment;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what patchwindow's deployment names say (the names are made by
 * {@link io.patchwindow.core.plan.DeploymentNames}):
 * <ul>
 *   <li>window group: {@code <prefix><env>-<DAY>-<HHMM>-<8 hex>[-<shard>]}, e.g. {@code pw-Q-WED-1200-3f2a9c1d};</li>
 *   <li>per machine: {@code <prefix><env>-<machine-name>-<16 hex>}, e.g. {@code pw-Q-web01-1a2b3c4d5e6f7a8b};</li>
 *   <li>per machine before version 0.2: {@code <prefix><machine-name>-<8 hex>}, e.g. {@code pw-web01-920ced60},
 *       which carries no environment.</li>
 * </ul>
 * Environment codes are upper-case letters and digits, as the tag grammar accepts them.
 */
public final class NameForms {
    private static final String ENV = "([A-Z0-9]+)";
    private static final Pattern WINDOW_TAIL = Pattern.compile(ENV + "-(MON|TUE|WED|THU|FRI|SAT|SUN)-[0-9]{4}"
            + "-[0-9a-f]{8}(-[0-9]+)?");
    private static final Pattern MACHINE_TAIL = Pattern.compile(ENV + "-[A-Za-z0-9_-]*-[0-9a-f]{16}");
    private static final Pattern LEGACY_MACHINE_TAIL = Pattern.compile("[A-Za-z0-9_-]*-[0-9a-f]{8}");

    private NameForms() {
    }

    /**
     * Returns the environment a deployment name says it was made for: the {@code <env>} of the window-group form
     * or of the per-machine form, e.g. {@code Q} for {@code pw-Q-WED-1200-3f2a9c1d} and for
     * {@code pw-Q-vm-00003-1a2b3c4d5e6f7a8b}.
     *
     * @param prefix the prefix, e.g. {@code pw-}, not null
     * @param name a deployment name, not null
     * @return the environment code, empty when the name has neither form (e.g. a name made before 0.2)
     */
    public static Optional<String> environmentOf(String prefix, String name) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(name, "name");
        if (!name.startsWith(prefix)) {
            return Optional.empty();
        }
        String tail = name.substring(prefix.length());
        Matcher w = WINDOW_TAIL.matcher(tail);
        if (w.matches()) {
            return Optional.of(w.group(1));
        }
        Matcher m = MACHINE_TAIL.matcher(tail);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * Returns whether a name has the per-machine form of versions before 0.2: the prefix, a name, a dash and
     * 8 hex, and not the window-group form.
     *
     * @param prefix the prefix, e.g. {@code pw-}, not null
     * @param name a deployment name, not null
     * @return true for e.g. {@code pw-web01-920ced60}
     */
    public static boolean isLegacyMachineName(String prefix, String name) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(name, "name");
        if (!name.startsWith(prefix)) {
            return false;
        }
        String tail = name.substring(prefix.length());
        return LEGACY_MACHINE_TAIL.matcher(tail).matches() && !WINDOW_TAIL.matcher(tail).matches();
    }
}
