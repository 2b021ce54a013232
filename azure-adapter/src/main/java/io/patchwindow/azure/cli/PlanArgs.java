package io.patchwindow.azure.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The arguments of an offline {@code plan} read without picocli. Building picocli's model of a command
 * (loading its classes, reading the annotations of every option through reflection) costs about 0.15 s of
 * every run, more than planning a few hundred machines; {@link PatchwindowCli#main} reads the common
 * command lines here and leaves everything else to picocli.
 *
 * <p>Read here: {@code plan} as the first argument, then only the options of {@link #OPTIONS}, each at most
 * once, as {@code --name value} or {@code --name=value} (flags bare), {@code --snapshot} among them. Anything
 * else gives null, and picocli reads the whole command line and decides and reports exactly as always: a
 * plan from Azure (no {@code --snapshot}), a JVM with a {@code picocli.*} system property (such as
 * {@code picocli.trace}, whose diagnostics only picocli prints), help and version, {@code --debug},
 * short, unknown or Azure options, a repeated option, {@code --}, an argument that starts with {@code @} (an
 * argument file), a value that starts with {@code -}, names a subcommand, holds a quote or, for a
 * comma-separated list, an empty item, and a path that is not a path. The options are set through the same
 * setters as an embedder's, so what picocli would assign to a field is assigned here;
 * {@code PlanArgsTest} checks both readers against each other on random command lines and that every name
 * here is an option of picocli's {@code plan} of the same shape.
 */
final class PlanArgs {
    /** The option names read here. */
    static final Set<String> OPTIONS = Set.of("--snapshot", "--now", "--output", "--environments", "--backend",
            "--fix-patch-mode", "--pin-versions", "--schedule-resource-group", "--schedule-location", "--duration",
            "--reboot", "--classifications", "--max-assessment-age", "--name-prefix", "--os", "--grouping",
            "--time-zone", "--lead-time", "--tag-name", "--prefixes", "--hours", "--tolerant");

    /** The options among {@link #OPTIONS} that take no value. */
    static final Set<String> FLAGS = Set.of("--fix-patch-mode", "--pin-versions", "--tolerant");

    /** The options among {@link #OPTIONS} whose value is a comma-separated list. */
    static final Set<String> LISTS = Set.of("--environments", "--classifications", "--os", "--prefixes", "--hours");

    private PlanArgs() {
    }

    /**
     * Reads a command line.
     *
     * @param args the arguments, not null
     * @return the configured plan command, or null when picocli must read these arguments
     */
    static @Nullable PlanCommand read(String[] args) {
        if (args.length == 0 || !args[0].equals("plan") || picocliConfigured()) {
            return null;
        }
        PlanCommand command = new PlanCommand();
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                return null;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (!OPTIONS.contains(name) || !seen.add(name)) {
                return null;
            }
            if (FLAGS.contains(name)) {
                if (eq >= 0) {
                    return null;
                }
                flag(command, name);
                continue;
            }
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return null;
            }
            if (!plain(value) || !set(command, name, value)) {
                return null;
            }
        }
        return seen.contains("--snapshot") ? command : null;
    }

    /** Whether a system property configures picocli ({@code picocli.trace}, converter exclusions, ...). */
    private static boolean picocliConfigured() {
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("picocli.")) {
                return true;
            }
        }
        return false;
    }

    /** A value that picocli takes as it is: not an option, a subcommand, an argument file or quoted text. */
    private static boolean plain(String value) {
        return !value.startsWith("-") && !value.startsWith("@") && value.indexOf('"') < 0 && value.indexOf('\'') < 0
                && !PatchwindowCli.isSubcommand(value);
    }

    private static void flag(PlanCommand command, String name) {
        switch (name) {
            case "--fix-patch-mode":
                command.backend().fixPatchMode(true);
                break;
            case "--pin-versions":
                command.backend().pinVersions(true);
                break;
            case "--tolerant":
                command.policy().grammar().tolerant(true);
                break;
            default:
                throw new IllegalStateException("not a flag: " + name);
        }
    }

    /** Sets an option with a value; false when picocli must read it. */
    private static boolean set(PlanCommand command, String name, String value) {
        if (LISTS.contains(name)) {
            List<String> items = items(value);
            if (items == null) {
                return false;
            }
            switch (name) {
                case "--environments":
                    command.policy().environments(items);
                    return true;
                case "--classifications":
                    command.policy().classifications(items);
                    return true;
                case "--os":
                    command.policy().os(items);
                    return true;
                case "--prefixes":
                    command.policy().grammar().prefixes(items);
                    return true;
                case "--hours":
                    command.policy().grammar().hours(items);
                    return true;
                default:
                    throw new IllegalStateException("not a list: " + name);
            }
        }
        switch (name) {
            case "--snapshot":
                try {
                    command.source().snapshot(Path.of(value));
                } catch (InvalidPathException e) {
                    return false; // picocli reports it
                }
                return true;
            case "--now":
                command.clock().now(value);
                return true;
            case "--output":
                command.output(value);
                return true;
            case "--backend":
                command.backend().backend(value);
                return true;
            case "--schedule-resource-group":
                command.backend().scheduleResourceGroup(value);
                return true;
            case "--schedule-location":
                command.backend().scheduleLocation(value);
                return true;
            case "--duration":
                command.policy().duration(value);
                return true;
            case "--reboot":
                command.policy().reboot(value);
                return true;
            case "--max-assessment-age":
                command.policy().maxAssessmentAge(value);
                return true;
            case "--name-prefix":
                command.policy().namePrefix(value);
                return true;
            case "--grouping":
                command.policy().grouping(value);
                return true;
            case "--time-zone":
                command.policy().window().timeZone(value);
                return true;
            case "--lead-time":
                command.policy().window().leadTime(value);
                return true;
            case "--tag-name":
                command.policy().grammar().tagName(value);
                return true;
            default:
                throw new IllegalStateException("not an option with a value: " + name);
        }
    }

    /** The items of a comma-separated list; null when one would be empty. */
    private static @Nullable List<String> items(String value) {
        List<String> items = new ArrayList<>();
        int from = 0;
        while (true) {
            int comma = value.indexOf(',', from);
            int to = comma < 0 ? value.length() : comma;
            if (to == from) {
                return null;
            }
            items.add(value.substring(from, to));
            if (comma < 0) {
                return items;
            }
            from = comma + 1;
        }
    }
}
