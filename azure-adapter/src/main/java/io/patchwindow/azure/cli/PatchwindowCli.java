package io.patchwindow.azure.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import io.patchwindow.azure.run.AzureConnector;
import io.patchwindow.azure.snapshot.SnapshotException;
import io.patchwindow.core.text.Quoting;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * The {@code patchwindow} command: {@code java -jar patchwindow.jar <command> [options]}.
 *
 * <p>Exit codes ({@link ExitCodes}): 0 success; 1 some actions failed; 2 bad usage or bad input; 3 Azure
 * authentication or platform unavailable. Every error prints exactly one line,
 * {@code patchwindow: <reason>}, on standard error and nothing on standard output (a stack trace too
 * with {@code --debug}).
 *
 * <p>Tests and embedders run it with their own streams:
 * <pre>{@code
 * int code = PatchwindowCli.newCommandLine(out, err).execute("plan", "--snapshot", "fleet.json");
 * }</pre>
 */
@Command(name = "patchwindow", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Plan security-only patch deployments for CentOS machines on Azure.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:some actions failed (the rest were done), or the assessment was incomplete for some machines",
                "2:bad usage or bad input", "3:Azure authentication failed or the platform is unavailable"})
public final class PatchwindowCli implements Callable<Integer> {
    private static final String PROGRAM = "patchwindow";

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print the stack trace of an error on standard error, and the Azure SDK's log from level "
                    + "debug (unless --log-level says otherwise).")
    private boolean debug;

    @Option(names = "--log-level", scope = ScopeType.INHERIT, paramLabel = "LEVEL",
            description = "Log of the Azure SDK and its HTTP client on standard error: off, error, warn, info, debug "
                    + "or trace (default: off; debug with --debug).")
    private SdkLogging.@Nullable Level logLevel;

    private final AzureConnector connector;

    /** Creates the top-level command; see {@link #newCommandLine(PrintWriter, PrintWriter)}. */
    public PatchwindowCli() {
        this(AzureConnector.standard());
    }

    /**
     * Creates the top-level command with a connector to Azure.
     *
     * @param connector the connector, not null
     */
    public PatchwindowCli(AzureConnector connector) {
        this.connector = java.util.Objects.requireNonNull(connector, "connector");
    }

    /**
     * Returns the connector to Azure.
     *
     * @return the connector, not null
     */
    AzureConnector connector() {
        return connector;
    }

    /**
     * Runs without a command: a usage error.
     *
     * @return never returns normally
     */
    @Override
    public Integer call() {
        throw new CliException(ExitCodes.BAD_INPUT,
                "missing command; expected one of [plan, apply, cleanup, export-snapshot, check-tag, help] (see 'patchwindow --help')");
    }

    /**
     * Runs the tool and exits the JVM with its exit code. Output is UTF-8.
     *
     * @param args the arguments, not null
     */
    public static void main(String[] args) {
        SdkLogging.configure(args); // before any SDK class logs: the binding reads its level once
        PrintWriter out = writer(System.out);
        PrintWriter err = writer(System.err);
        int code = execute(out, err, AzureConnector.standard(), args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs the tool as {@link #main} does, without exiting; out of heap, one line and exit code 2.
     *
     * @param out standard output (results), not null
     * @param err standard error (progress and errors), not null
     * @param connector connects to Azure, not null
     * @param args the arguments, not null
     * @return the exit code
     */
    static int execute(PrintWriter out, PrintWriter err, AzureConnector connector, String[] args) {
        try {
            return newCommandLine(out, err, connector, args).execute(args);
        } catch (OutOfMemoryError e) {
            // what the run held is unreachable now: there is room for one line
            return outOfMemory(err, args);
        }
    }

    /**
     * Reports that the heap ran out: one line with the heap size, the input size where it is known (the snapshot
     * file) and how to give more; exit code 2 (docs/cli.md).
     */
    static int outOfMemory(PrintWriter err, String[] args) {
        long maxMb = Runtime.getRuntime().maxMemory() >> 20;
        String input = "the input read from Azure";
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--snapshot")) {
                input = "snapshot " + Quoting.quote(args[i + 1]) + fileSize(args[i + 1]);
            } else if (args[i].startsWith("--snapshot=")) {
                input = "snapshot " + Quoting.quote(args[i].substring(11)) + fileSize(args[i].substring(11));
            }
        }
        long suggested = Math.max(1024, Long.highestOneBit(Math.max(1, maxMb)) * 4) >> 10;
        err.print(PROGRAM + ": out of memory: the Java heap (" + maxMb + " MiB) is too small for " + input
                + "; give more, e.g. JAVA_TOOL_OPTIONS=-Xmx" + suggested + "g\n");
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    private static String fileSize(String file) {
        try {
            return " (" + (java.nio.file.Files.size(java.nio.file.Path.of(file)) >> 20) + " MiB)";
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * Returns the configured command line: the given streams, one-line error reports, the exit codes.
     *
     * @param out standard output (results), not null
     * @param err standard error (progress and errors), not null
     * @return a new command line, not null
     */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
        return newCommandLine(out, err, AzureConnector.standard());
    }

    /**
     * Returns the configured command line with a connector to Azure (tests point it at an emulator).
     *
     * @param out standard output (results), not null
     * @param err standard error (progress and errors), not null
     * @param connector connects to Azure, not null
     * @return a new command line, not null
     */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err, AzureConnector connector) {
        return newCommandLine(out, err, connector, new String[0]);
    }

    /** The subcommands, in the order of the usage help. */
    private static final List<String> SUBCOMMANDS =
            List.of("plan", "apply", "cleanup", "report", "export-snapshot", "check-tag", "help");

    /** A new subcommand object; a switch rather than a table of constructors, so that only it is loaded. */
    private static Object subcommand(String name) {
        switch (name) {
            case "plan":
                return new PlanCommand();
            case "apply":
                return new ApplyCommand();
            case "cleanup":
                return new CleanupCommand();
            case "report":
                return new ReportCommand();
            case "export-snapshot":
                return new ExportSnapshotCommand();
            case "check-tag":
                return new CheckTagCommand();
            case "help":
                return new HelpCommand();
            default:
                throw new IllegalArgumentException("Unknown subcommand '" + name + "': expected one of " + SUBCOMMANDS);
        }
    }

    /**
     * The command line for these arguments: when the first one names a subcommand (other than
     * {@code help}), only that subcommand is built. Building a subcommand's model (reflection over dozens of
     * options and mixins) is most of the CLI's start-up time, and the other subcommands cannot take part in
     * that run.
     */
    static CommandLine newCommandLine(PrintWriter out, PrintWriter err, AzureConnector connector, String[] arguments) {
        CommandLine cl = new CommandLine(new PatchwindowCli(connector));
        String first = arguments.length > 0 ? arguments[0] : "";
        if (SUBCOMMANDS.contains(first) && !first.equals("help")) {
            cl.addSubcommand(subcommand(first));
        } else {
            for (String name : SUBCOMMANDS) {
                cl.addSubcommand(subcommand(name));
            }
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            Honoured.removeOptionsNotHonoured(sub.getCommandSpec());
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, args) -> {
            String hint = " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')";
            report(ex.getCommandLine().getErr(), usageMessage(ex) + hint, ex, Arrays.asList(args).contains("--debug"));
            return ExitCodes.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler(
                (ex, commandLine, parseResult) -> failed(commandLine.getErr(), ex, debug(parseResult), arguments));
        return cl;
    }

    /**
     * The message of a usage error: an option the command does not honour says why; a typo gets picocli's
     * suggestions ({@code Unknown option: '--enviroments'; did you mean --environments?}).
     */
    private static String usageMessage(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException) {
            CommandLine.UnmatchedArgumentException u = (CommandLine.UnmatchedArgumentException) ex;
            String command = ex.getCommandLine().getCommandName();
            for (String arg : u.getUnmatched()) {
                String reason = Honoured.whyNot(command, arg);
                if (reason != null) {
                    return reason;
                }
            }
            String first = u.getUnmatched().isEmpty() ? "" : u.getUnmatched().get(0);
            if (!ex.getCommandLine().getSubcommands().isEmpty() && !first.startsWith("-")) {
                String near = nearestCommand(first);
                return "Unknown command " + Quoting.quote(first) + ": expected one of " + SUBCOMMANDS
                        + (near == null ? "" : "; did you mean " + near + "?");
            }
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) {
                return message(ex) + "; did you mean " + String.join(" or ", suggestions.subList(0,
                        Math.min(3, suggestions.size()))) + "?";
            }
        }
        return message(ex);
    }

    /**
     * The subcommand a mistyped one most likely meant: the one at the smallest optimal string alignment distance
     * (a swap of two neighbours counts one, so {@code paln} is one from {@code plan}), if at most 2. Picocli's own
     * suggestion compares letter pairs and finds nothing for a swapped pair.
     */
    static @Nullable String nearestCommand(String typed) {
        String best = null;
        int bestDistance = 3;
        for (String name : SUBCOMMANDS) {
            int d = osaDistance(typed.toLowerCase(java.util.Locale.ROOT), name);
            if (d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int osaDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** Reports a command's failure: one line (a stack trace too with {@code --debug}); returns the exit code. */
    private static int failed(PrintWriter err, Exception ex, boolean debug, String[] args) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                // thrown in a worker thread and handed over as a cause
                return outOfMemory(err, args);
            }
        }
        int code = exitCodeOf(ex);
        String msg = message(ex);
        if (code == ExitCodes.ACTIONS_FAILED && !(ex instanceof CliException)) {
            msg = "internal error: " + ex.getClass().getName() + ": " + msg + " (run with --debug for details)";
        }
        report(err, msg, ex, debug);
        return code;
    }

    /**
     * Maps an exception to an exit code: {@link CliException} carries its own; bad input (snapshot, option
     * values, tag values) is 2; Azure authentication and platform failures are 3; anything else is an
     * unexpected internal error, 1.
     *
     * @param e the exception, not null
     * @return the exit code
     */
    static int exitCodeOf(Throwable e) {
        if (e instanceof CliException) {
            return ((CliException) e).exitCode();
        }
        if (e instanceof SnapshotException || e instanceof io.patchwindow.azure.advisory.AdvisoryFileException
                || e instanceof IllegalArgumentException || e instanceof DateTimeException) {
            return ExitCodes.BAD_INPUT;
        }
        if (e instanceof io.patchwindow.azure.AzureAdapterException
                || e instanceof com.azure.core.exception.ClientAuthenticationException
                || e instanceof com.azure.core.exception.AzureException) {
            return ExitCodes.PLATFORM_UNAVAILABLE;
        }
        return ExitCodes.ACTIONS_FAILED;
    }

    private static boolean debug(ParseResult parseResult) {
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    private static void report(PrintWriter err, String message, Throwable e, boolean debug) {
        err.print(errorLine(message) + "\n");
        if (debug) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(trace);
        }
        err.flush();
    }

    /**
     * Returns a progress or warning line: {@code patchwindow: <message>} with every control, bidi and
     * zero-width character escaped; not shortened (a warning may name a machine and quote a value).
     *
     * @param message the message, not null
     * @return one line without its line break, not null
     */
    static String line(String message) {
        return PROGRAM + ": " + Quoting.escape(message);
    }

    /** The longest error line printed, {@code patchwindow: } included. */
    static final int MAX_ERROR_LINE = 300;

    /**
     * Returns the error line for a message: {@code patchwindow: <message>}, every control, bidi and zero-width
     * character escaped ({@link Quoting#escape}), cut to {@value #MAX_ERROR_LINE} characters with a note of
     * the full length. Every error and warning line goes through here.
     *
     * @param message the message, not null
     * @return one line without its line break, not null
     */
    static String errorLine(String message) {
        String line = PROGRAM + ": " + Quoting.escape(message.strip());
        if (line.length() <= MAX_ERROR_LINE) {
            return line;
        }
        String note = "...(" + line.length() + " chars)";
        int cut = MAX_ERROR_LINE - note.length();
        if (Character.isHighSurrogate(line.charAt(cut - 1))) {
            cut--; // never half a pair
        }
        return line.substring(0, cut) + note;
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        return m.strip().replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }
}
