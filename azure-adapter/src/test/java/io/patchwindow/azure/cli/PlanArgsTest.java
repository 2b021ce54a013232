package io.patchwindow.azure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@link PlanArgs} against picocli: the same options of the same shape, the same option values for every
 * command line it reads, and the same output, errors and exit codes from {@link PatchwindowCli#execute}.
 */
class PlanArgsTest {
    static final String NOW = "2026-11-25T10:17:00Z";
    static String fleet;

    /** Options of picocli's plan that PlanArgs leaves to picocli, on purpose. */
    static final Set<String> DECLINED = Set.of("--help", "--version", "--debug", "--subscription", "--tenant",
            "--inventory", "--assessment", "--workspace-id", "--automation-account", "--cloud", "--arm-endpoint",
            "--log-analytics-endpoint", "--credential", "-h", "-V");

    static final List<String> NAMES = List.of("--snapshot", "--now", "--output", "--environments", "--backend",
            "--fix-patch-mode", "--pin-versions", "--schedule-resource-group", "--schedule-location", "--duration",
            "--reboot", "--classifications", "--max-assessment-age", "--name-prefix", "--os", "--grouping",
            "--time-zone", "--lead-time", "--tag-name", "--prefixes", "--hours", "--tolerant",
            // read by picocli only
            "--debug", "--help", "-h", "--version", "--subscription", "--", "--bogus", "-x", "--NOW", "--snapshotx",
            "--environment");
    static final List<String> VALUES = List.of("Q", "Q,R", "P", "X", "Q,,R", ",Q", "Q,", ",", "", " ", "PT2H", "PT0S",
            "-PT1H", "2h", "Always", "Never", "IfRequired", "json", "text", "JSON ", "yaml", "Europe/Paris", "UTC",
            "Mars/Olympus", NOW, "2026-11-25", "now", "0", "-1", "per-window", "per-machine", "centos,rocky",
            "03:00,12:00", "25:00", "pw-", "pw/", "update-manager", "automation", "Critical,Security", "Security",
            "patch", "CENTOS,ALMA", "a=b", "plan", "help", "apply", "@args.txt", "\"Q\"", "'Q'", "Q\"", "-", "--",
            "x\ny", "\u0000", "ＣＥＮＴＯＳ", "westeurope", "/subscriptions/s/resourceGroups/rg");

    @BeforeAll
    static void fixture() throws Exception {
        fleet = Path.of(PlanArgsTest.class.getResource("/snapshots/small-fleet.json").toURI()).toString();
    }

    static CommandSpec picocliPlan() {
        CommandLine cl = PatchwindowCli.newCommandLine(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), PatchwindowCliTest.NO_AZURE, new String[] {"plan"});
        return cl.getSubcommands().get("plan").getCommandSpec();
    }

    @Test
    void everyOptionReadHere_isAnOptionOfPicocliPlan_ofTheSameShape() {
        CommandSpec plan = picocliPlan();
        // What PlanArgs assumes of picocli: its default parser, and plan without positionals or subcommands.
        CommandLine.Model.ParserSpec parser = plan.parser();
        assertThat(parser.overwrittenOptionsAllowed()).isFalse();
        assertThat(parser.expandAtFiles()).isTrue();
        assertThat(parser.trimQuotes()).isFalse();
        assertThat(parser.splitQuotedStrings()).isFalse();
        assertThat(parser.abbreviatedOptionsAllowed()).isFalse();
        assertThat(parser.unmatchedArgumentsAllowed()).isFalse();
        assertThat(parser.allowOptionsAsOptionParameters()).isFalse();
        assertThat(parser.allowSubcommandsAsOptionParameters()).isFalse();
        assertThat(plan.optionsCaseInsensitive()).isFalse();
        assertThat(plan.positionalParameters()).isEmpty();
        assertThat(plan.subcommands()).isEmpty();
        assertThat(plan.defaultValueProvider()).isNull();
        for (String name : PlanArgs.OPTIONS) {
            OptionSpec o = plan.findOption(name);
            assertThat(o).as(name).isNotNull();
            assertThat(o.names()).as(name).containsExactly(name);
            assertThat(o.defaultValue()).as(name).isNull();
            assertThat(o.negatable()).as(name).isFalse();
            assertThat(o.interactive()).as(name).isFalse();
            assertThat(o.required()).as(name).isFalse();
            assertThat(o.converters()).as(name).isEmpty();
            if (PlanArgs.FLAGS.contains(name)) {
                assertThat(o.type()).as(name).isEqualTo(boolean.class);
                assertThat(o.arity().max()).as(name).isZero();
            } else {
                assertThat(o.arity().min()).as(name).isEqualTo(1);
                assertThat(o.arity().max()).as(name).isEqualTo(1);
                assertThat(o.splitRegex()).as(name).isEqualTo(PlanArgs.LISTS.contains(name) ? "," : "");
                assertThat(o.type()).as(name).isIn(String.class, Path.class, List.class);
            }
        }
        assertThat(PlanArgs.OPTIONS).containsAll(PlanArgs.FLAGS).containsAll(PlanArgs.LISTS);
    }

    @Test
    void everyOtherOptionOfPicocliPlan_isDeclinedOnPurpose() {
        Set<String> others = new TreeSet<>();
        for (OptionSpec o : picocliPlan().options()) {
            for (String n : o.names()) {
                if (!PlanArgs.OPTIONS.contains(n)) {
                    others.add(n);
                }
            }
        }
        // A new option of plan must be added to PlanArgs or, deliberately, here.
        assertThat(others).isEqualTo(new TreeSet<>(DECLINED));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "plan --debug --snapshot F", "plan --snapshot F --help", "plan -h", "plan --version", "--debug plan --snapshot F",
        "apply --snapshot F", "help plan", "plan --snapshot F --snapshot F", "plan --snapshot F --tolerant --tolerant",
        "plan --snapshot F --tolerant=true", "plan --snapshot", "plan --snapshot=@F", "plan @args.txt",
        "plan --snapshot F --environments Q,,R", "plan --snapshot F --environments=,Q", "plan --snapshot F --os centos,",
        "plan --snapshot F --now -1", "plan --snapshot F --output help", "plan --snapshot F --output=\"json\"",
        "plan --snapshot F --subscription s", "plan --snapshot F --", "plan --snapshot F extra", "plan --snapshot F -x",
        "plan --snapshot F --NOW x", "PLAN --snapshot F", "plan --now 2026-11-25T10:17:00Z --environments Q", "plan", ""})
    void readsNothing_thatPicocliMustDecide(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");

        assertThat(PlanArgs.read(args)).isNull();
    }

    @Test
    void readsNothing_whenASystemPropertyConfiguresPicocli() {
        String[] args = {"plan", "--snapshot", "f.json"};
        assertThat(PlanArgs.read(args)).isNotNull();
        System.setProperty("picocli.trace", "INFO");
        try {
            assertThat(PlanArgs.read(args)).isNull();
        } finally {
            System.clearProperty("picocli.trace");
        }
        assertThat(PlanArgs.read(args)).isNotNull();
    }

    @Test
    void readsTheCommonLine() throws Exception {
        PlanCommand c = PlanArgs.read(new String[] {"plan", "--snapshot", "f.json", "--now=" + NOW, "--environments",
            "Q,R", "--output", "json", "--tolerant", "--os=centos,rocky", "--name-prefix", "a=b"});

        assertThat(c).isNotNull();
        Map<String, Object> s = state(c);
        assertThat(s).containsEntry("source.snapshot", Path.of("f.json")).containsEntry("clock.now", NOW)
                .containsEntry("policy.environments", List.of("Q", "R")).containsEntry("output", "json")
                .containsEntry("policy.grammar.tolerant", true).containsEntry("policy.os", List.of("centos", "rocky"))
                .containsEntry("policy.namePrefix", "a=b");
    }

    /** A random command line over plan's options, with and without values, in both forms, repeated or not. */
    static String[] generate(SplittableRandom r) {
        List<String> a = new ArrayList<>();
        a.add(r.nextInt(25) == 0 ? "apply" : "plan");
        int n = r.nextInt(7);
        boolean plain = r.nextInt(3) != 0; // mostly known names and sane values: the lines PlanArgs reads
        for (int i = 0; i < n; i++) {
            String name = plain ? NAMES.get(r.nextInt(22)) : NAMES.get(r.nextInt(NAMES.size()));
            String value = plain && r.nextBoolean() ? VALUES.get(r.nextInt(45)) : VALUES.get(r.nextInt(VALUES.size()));
            switch (PlanArgs.FLAGS.contains(name) && plain ? 0 : r.nextInt(5)) {
                case 0:
                    a.add(name);
                    break;
                case 1:
                    a.add(name + "=" + value);
                    break;
                default:
                    a.add(name);
                    a.add(value);
            }
        }
        if (r.nextInt(5) != 0) {
            int at = 1 + r.nextInt(a.size());
            a.add(at, fleet);
            a.add(at, r.nextInt(10) == 0 ? "--snapshot=" + fleet : "--snapshot");
            if (a.get(at).startsWith("--snapshot=")) {
                a.remove(at + 1);
            }
        }
        return a.toArray(new String[0]);
    }

    @Test
    void randomLines_readHere_giveTheOptionValuesPicocliGives() throws Exception {
        SplittableRandom r = new SplittableRandom(20261127L);
        int read = 0;
        for (int i = 0; i < 3_000; i++) {
            String[] args = generate(r);
            PlanCommand fast = PlanArgs.read(args);
            if (fast == null) {
                continue;
            }
            read++;
            CommandLine cl = PatchwindowCli.newCommandLine(new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter()), PatchwindowCliTest.NO_AZURE, args);
            // Picocli must accept every line read here, and assign the same values.
            cl.parseArgs(args);
            PlanCommand slow = cl.getSubcommands().get("plan").getCommand();
            assertThat(state(fast)).as(Arrays.toString(args)).isEqualTo(state(slow));
        }
        assertThat(read).as("lines read without picocli").isGreaterThan(600);
    }

    /** A run; a stack trace ({@code --debug}) without its frames, which name the test's own methods. */
    record Run(int code, String out, String err) {
        Run {
            err = err.replaceAll("(?m)^\\t(at |\\.\\.\\. ).*\\n", "");
        }
    }

    static Run fast(String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PatchwindowCli.execute(new PrintWriter(out), new PrintWriter(err), PatchwindowCliTest.NO_AZURE, args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run picocli(String[] args) {
        PatchwindowCliTest.Run r = PatchwindowCliTest.run(args);
        return new Run(r.code(), r.out(), r.err());
    }

    @Test
    void randomLines_runAsPicocliRunsThem() {
        SplittableRandom r = new SplittableRandom(4242L);
        int read = 0;
        int planned = 0;
        for (int i = 0; i < 500; i++) {
            String[] args = generate(r);
            if (!Arrays.asList(args).contains("--now") && Arrays.stream(args).noneMatch(s -> s.startsWith("--now="))) {
                // The system clock would differ between the two runs.
                args = Arrays.copyOf(args, args.length + 2);
                args[args.length - 2] = "--now";
                args[args.length - 1] = NOW;
            }
            if (PlanArgs.read(args) != null) {
                read++;
            }
            Run a = fast(args);
            Run b = picocli(args);
            assertThat(a).as(Arrays.toString(args)).isEqualTo(b);
            if (a.code() == ExitCodes.OK && args[0].equals("plan")) {
                planned++;
            }
        }
        assertThat(read).as("lines read without picocli").isGreaterThan(100);
        assertThat(planned).as("lines that planned").isGreaterThan(40);
    }

    @Test
    void failures_readHere_reportAsPicocliReportsThem() {
        for (String[] args : List.of(
                new String[] {"plan", "--snapshot", fleet, "--now", "yesterday"},
                new String[] {"plan", "--snapshot", fleet, "--now", NOW, "--output", "yaml"},
                new String[] {"plan", "--snapshot", fleet + ".missing", "--now", NOW},
                new String[] {"plan", "--snapshot", fleet, "--now", NOW, "--environments", "X"},
                new String[] {"plan", "--snapshot", fleet, "--now", NOW, "--time-zone", "Mars/Olympus"})) {
            assertThat(PlanArgs.read(args)).as(Arrays.toString(args)).isNotNull();
            Run a = fast(args);

            assertThat(a.code()).as(Arrays.toString(args)).isIn(ExitCodes.BAD_INPUT, ExitCodes.PLATFORM_UNAVAILABLE);
            assertThat(a.out()).isEmpty();
            assertThat(a.err()).startsWith("patchwindow: ").endsWith("\n").doesNotContain("\tat ");
            assertThat(a).isEqualTo(picocli(args));
        }
    }

    /** The option fields of a command and its mixins by path, e.g. {@code policy.grammar.tolerant}. */
    static Map<String, Object> state(Object command) throws IllegalAccessException {
        Map<String, Object> s = new LinkedHashMap<>();
        state(command, "", s);
        return s;
    }

    private static void state(Object o, String path, Map<String, Object> s) throws IllegalAccessException {
        for (Field f : o.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.getType() == CommandSpec.class
                    || f.getType() == PatchwindowCli.class) {
                continue;
            }
            f.setAccessible(true);
            Object v = f.get(o);
            String p = path + f.getName();
            if (v != null && v.getClass().getPackageName().equals(PlanArgsTest.class.getPackageName())) {
                state(v, p + ".", s);
            } else {
                s.put(p, v);
            }
        }
    }
}
