package io.patchwindow.azure.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options a command gets from the shared mixins but does not honour: they are removed from its model, so its
 * {@code --help} does not list them, and giving one is refused with the reason (exit 2).
 */
final class Honoured {
    private Honoured() {
    }

    private static final String WRITES = " writes to Azure and cannot read --snapshot; use 'plan --snapshot FILE' "
            + "to see what would be done";
    private static final String CLEANUP = "cleanup deletes expired deployments and plans no window; it takes "
            + "--environments and --name-prefix of the policy options";

    /** Per command, the options it does not honour and why. */
    private static final Map<String, Map<String, String>> NOT_HONOURED = table();

    private static Map<String, Map<String, String>> table() {
        Map<String, Map<String, String>> t = new LinkedHashMap<>();
        t.put("apply", Map.of("--snapshot", "apply" + WRITES));
        Map<String, String> cleanup = new LinkedHashMap<>();
        cleanup.put("--snapshot", "cleanup" + WRITES);
        for (String o : List.of("--time-zone", "--lead-time", "--duration", "--reboot", "--classifications",
                "--max-assessment-age", "--os", "--grouping", "--tag-name", "--prefixes", "--hours", "--tolerant")) {
            cleanup.put(o, CLEANUP);
        }
        for (String o : List.of("--assessment", "--workspace-id", "--log-analytics-endpoint")) {
            cleanup.put(o, "cleanup reads no assessment");
        }
        cleanup.put("--fix-patch-mode", "cleanup deletes maintenance configurations and never writes a VM");
        cleanup.put("--pin-versions", "cleanup deletes deployments and installs nothing");
        cleanup.put("--schedule-location", "cleanup deletes configurations wherever they are; it creates none");
        t.put("cleanup", cleanup);
        t.put("export-snapshot", Map.of("--snapshot",
                "export-snapshot reads from Azure; --snapshot is not accepted (copy the file instead)"));
        t.put("check-tag", Map.of("--tag-name", "check-tag checks the values given on the command line; the tag "
                + "name says which tag of a machine is read, and check-tag reads no machine"));
        Map<String, String> report = new LinkedHashMap<>();
        report.put("--fix-patch-mode", "report reads what ran and never writes a VM");
        report.put("--pin-versions", "report reads what ran and installs nothing");
        report.put("--schedule-location", "report reads configurations wherever they are; it creates none");
        for (String o : List.of("--assessment", "--workspace-id", "--log-analytics-endpoint")) {
            report.put(o, "report reads what ran (installation results), no assessment");
        }
        t.put("report", report);
        return t;
    }

    /**
     * Removes from a command's model the options it does not honour.
     *
     * @param spec the command's model, not null
     */
    static void removeOptionsNotHonoured(CommandSpec spec) {
        for (String name : NOT_HONOURED.getOrDefault(spec.name(), Map.of()).keySet()) {
            OptionSpec o = spec.findOption(name);
            if (o != null) {
                spec.remove(o);
            }
        }
    }

    /**
     * Returns the options of a command that it does not honour (removed from its model).
     *
     * @param command the command name, e.g. {@code cleanup}, not null
     * @return the option names, not null
     */
    static java.util.Set<String> notHonoured(String command) {
        return NOT_HONOURED.getOrDefault(command, Map.of()).keySet();
    }

    /**
     * Returns why a command refuses an argument, when it names an option the command does not honour.
     *
     * @param command the command name, not null
     * @param arg an unmatched argument, e.g. {@code --duration} or {@code --duration=PT3H}, not null
     * @return the message, or null when the argument is not such an option
     */
    static @Nullable String whyNot(String command, String arg) {
        int eq = arg.indexOf('=');
        String name = eq < 0 ? arg : arg.substring(0, eq);
        String reason = NOT_HONOURED.getOrDefault(command, Map.of()).get(name);
        return reason == null ? null : "Invalid option " + name + " for " + command + ": " + reason;
    }
}
