package io.patchwindow.azure.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import io.patchwindow.azure.AzureAdapterException;
import io.patchwindow.azure.cli.PatchwindowCli;
import io.patchwindow.azure.run.AzureConnector;

/**
 * One run of the command line in-process, as {@code main} runs it, and what it gave: the exit code, standard
 * output and standard error.
 *
 * <pre>{@code
 * CliRun r = CliRun.run(EmulatorFixture.connector(azure, "token", 3, Duration.ofMillis(10)), "plan", "--now", NOW);
 * assertThat(r.code()).as(r.err()).isZero();
 * }</pre>
 *
 * @param code the exit code
 * @param out what was printed on standard output
 * @param err what was printed on standard error
 */
public record CliRun(int code, String out, String err) {

    /** A connector for offline runs: reaching for Azure is a platform failure (exit 3) that names itself. */
    public static final AzureConnector OFFLINE = options -> {
        throw new AzureAdapterException("no Azure in this test", "NoAzureInTest", 0, null);
    };

    /**
     * Runs a command.
     *
     * @param azure how the command connects to Azure, e.g. {@link #OFFLINE} or {@link EmulatorFixture#connector}
     * @param args the arguments, e.g. {@code "plan", "--now", "2026-11-25T10:17:00Z"}
     * @return what the run gave
     */
    public static CliRun run(AzureConnector azure, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PatchwindowCli.newCommandLine(new PrintWriter(out), new PrintWriter(err), azure).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /**
     * Runs a command.
     *
     * @param azure how the command connects to Azure
     * @param args the arguments
     * @return what the run gave
     */
    public static CliRun run(AzureConnector azure, List<String> args) {
        return run(azure, args.toArray(new String[0]));
    }

    /** @return the lines of standard error (the newline that ends the last one makes no empty line) */
    public List<String> errLines() {
        if (err.isEmpty()) {
            return List.of();
        }
        List<String> lines = List.of(err.split("\n", -1));
        return err.endsWith("\n") ? lines.subList(0, lines.size() - 1) : lines;
    }
}
