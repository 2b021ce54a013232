package io.patchwindow.azure.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML report in a real headless Chromium (Debian {@code chromium}, installed by {@code .ci/run}):
 * the page renders to a non-empty PNG screenshot and logs no console message. The page has no script, so a
 * console error could only come from the browser refusing something (a blocked fetch, a parse problem).
 * Skipped, loudly, where no browser is installed.
 */
class HeadlessBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    static List<String> command(Path profile, String... extra) {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"));
        cmd.addAll(List.of(extra));
        return cmd;
    }

    /** Runs the browser, returns its stderr; fails on timeout. */
    static String run(List<String> cmd, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s: " + cmd);
        }
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Test
    void htmlReport_rendersToAScreenshot_withoutConsoleErrors() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            System.err.println("SKIPPED: " + CHROMIUM + " not found; the HTML report is not checked in a browser "
                    + "(install Debian's chromium, as .ci/run does)");
            Assumptions.abort(CHROMIUM + " not installed");
        }
        Path page = dir.resolve("report.html");
        Files.writeString(page, ReportHtml.render(ReportSamples.mixed()), StandardCharsets.UTF_8);
        Path png = dir.resolve("report.png");

        String log = run(command(Files.createDirectories(dir.resolve("profile")), "--screenshot=" + png,
                "--window-size=1280,2000", page.toUri().toString()), dir.resolve("chromium.log"));

        assertThat(png).exists();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).as("screenshot size; browser log:\n%s", log).isGreaterThan(10_000);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        assertThat(log).doesNotContain(":CONSOLE(").doesNotContain("Uncaught")
                .doesNotContain("Refused to").doesNotContain("Content Security Policy");

        String dom = run(command(Files.createDirectories(dir.resolve("profile2")), "--dump-dom",
                page.toUri().toString()), dir.resolve("dom.log"));
        assertThat(dom).contains("Windows by week").contains("<svg class=\"bar\"").contains("web-2");
    }
}
