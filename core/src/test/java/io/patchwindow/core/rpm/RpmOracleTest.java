package io.patchwindow.core.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Asks rpm itself: random versions and EVRs compared by {@code rpm --eval '%{lua: rpm.vercmp(a, b)}'} (what
 * rpm's own {@code rpmvercmp.at} runs) and {@code rpm.ver(a) < rpm.ver(b)}, against {@link RpmVersions} and
 * {@link Evr}. Skipped, with the reason shown, where the {@code rpm} command (4.17 or later, with Lua) is not
 * installed.
 */
class RpmOracleTest {
    private static final long SEED = 0x0AC1E;
    private static final int CASES = 3_000;

    @Test
    void compare_agreesWithRpmVercmp() {
        SplittableRandom r = new SplittableRandom(SEED);
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            // rpm's Lua vercmp reads its arguments as EVRs: no '-' (nor ':'), so that they are versions only.
            String a = RpmVersionsPropertyTest.version(r).replace('-', '.');
            String b = r.nextInt(4) == 0 ? RpmVersionsPropertyTest.otherSeparators(a, r)
                    : RpmVersionsPropertyTest.version(r);
            pairs.add(new String[] {a, b.replace('-', '_')});
        }
        StringBuilder input = new StringBuilder();
        for (String[] p : pairs) {
            input.append(p[0]).append(' ').append(p[1]).append('\n');
        }
        List<String> results = rpm("print(rpm.vercmp(a, b) .. \"\\n\")", input.toString());
        assertThat(results).hasSize(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            String[] p = pairs.get(i);
            assertThat(RpmVersions.compare(p[0], p[1])).as("seed %s case %d: rpmvercmp(%s, %s)", SEED, i, p[0], p[1])
                    .isEqualTo(Integer.parseInt(results.get(i)));
        }
    }

    @Test
    void evrCompareTo_agreesWithRpmVer() {
        SplittableRandom r = new SplittableRandom(SEED + 1);
        List<Evr[]> pairs = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            Evr a = RpmVersionsPropertyTest.evr(r);
            Evr b = r.nextInt(3) == 0 ? Evr.of(a.epoch(), a.version(), RpmVersionsPropertyTest.evr(r).release())
                    : RpmVersionsPropertyTest.evr(r);
            pairs.add(new Evr[] {a, b});
        }
        StringBuilder input = new StringBuilder();
        for (Evr[] p : pairs) {
            input.append(text(p[0])).append(' ').append(text(p[1])).append('\n');
        }
        List<String> results = rpm("local x, y = rpm.ver(a), rpm.ver(b); "
                + "print((x < y and \"-1\" or (x == y and \"0\" or \"1\")) .. \"\\n\")", input.toString());
        assertThat(results).hasSize(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            Evr[] p = pairs.get(i);
            assertThat(Integer.signum(p[0].compareTo(p[1]))).as("seed %s case %d: %s vs %s", SEED + 1, i, p[0], p[1])
                    .isEqualTo(Integer.parseInt(results.get(i)));
        }
    }

    /** {@code [epoch:]version[-release]}: rpm.ver reads an EVR without release as one. */
    private static String text(Evr e) {
        return (e.epoch() == 0 ? "" : e.epoch() + ":") + e.version() + (e.release().isEmpty() ? "" : "-" + e.release());
    }

    /**
     * Runs {@code rpm --eval} once: a Lua loop over the lines of {@code input} ("a b"), running {@code body} with
     * {@code a} and {@code b} set; skips the test when rpm cannot run.
     */
    private static List<String> rpm(String body, String input) {
        String expression = "%{lua: for line in io.lines() do local a, b = line:match(\"^([^ ]+) ([^ ]+)$\"); "
                + body + " end}";
        Process p;
        try {
            p = new ProcessBuilder("rpm", "--eval", expression).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("rpm is not installed (" + e.getMessage() + "): the comparison with rpm itself is skipped;"
                    + " install the rpm package (Debian: apt-get install rpm) to run it");
            throw new AssertionError(e);
        }
        try {
            // A few tens of kilobytes: written before reading, well below what a pipe holds with rpm reading it.
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                Assumptions.abort("rpm --eval did not finish in 60 s: skipped");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            Assumptions.assumeTrue(p.exitValue() == 0 && !text.contains("%{lua"),
                    () -> "rpm --eval with Lua failed (rpm without Lua or older than 4.17?): skipped; output: "
                            + text.lines().findFirst().orElse(""));
            List<String> lines = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    lines.add(line.strip());
                }
            }
            return lines;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
