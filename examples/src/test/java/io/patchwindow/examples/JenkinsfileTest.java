package io.patchwindow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import groovy.lang.GroovyShell;
import groovy.lang.GroovySystem;
import io.patchwindow.azure.cli.PatchwindowCli;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.Phases;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Parses {@code examples/jenkins/Jenkinsfile} with Groovy 2.4.21 (declarative {@code pipeline {}} is plain
 * Groovy: method calls with closures; it is compiled, never run) and checks the steps it must have.
 */
class JenkinsfileTest {
    static String text;
    static final Set<String> calls = new LinkedHashSet<>();
    static final Set<String> strings = new LinkedHashSet<>();

    @BeforeAll
    static void parse() {
        text = Repo.read(Repo.examples().resolve("jenkins").resolve("Jenkinsfile"));
        CompilationUnit unit = new CompilationUnit();
        unit.addSource("Jenkinsfile", text);
        unit.compile(Phases.CONVERSION);
        unit.getAST().getModules().get(0).getStatementBlock().visit(new CodeVisitorSupport() {
            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                calls.add(call.getMethodAsString());
                super.visitMethodCallExpression(call);
            }

            @Override
            public void visitConstantExpression(ConstantExpression expression) {
                if (expression.getValue() instanceof String) {
                    strings.add((String) expression.getValue());
                }
            }
        });
    }

    @Test
    void compilesWithGroovy24() {
        assertThat(GroovySystem.getVersion()).isEqualTo("2.4.21");
        assertThat(new GroovyShell().parse(text, "Jenkinsfile")).isNotNull();
    }

    @Test
    void isADeclarativePipeline_withAWeeklyCron_planAndApply() {
        assertThat(calls).contains("pipeline", "agent", "triggers", "cron", "parameters", "stages", "stage", "steps",
                "withCredentials", "sh", "archiveArtifacts", "unstable", "error", "script", "when");
        assertThat(strings).contains("Plan", "Apply", "plan.json", "ENVIRONMENTS");
        Matcher cron = Pattern.compile("cron\\('([^']+)'\\)").matcher(text);
        assertThat(cron.find()).isTrue();
        assertThat(cron.group(1).split(" ")).as("weekly: one day of week, every month and day of month")
                .hasSize(5).satisfies(f -> assertThat(f[2] + f[3]).isEqualTo("**"))
                .satisfies(f -> assertThat(f[4]).matches("[0-7]|MON|SUN"));
    }

    @Test
    void plan_isArchived_andApplyExitCodesDecideTheResult() {
        assertThat(text).containsPattern("plan --credential (environment|cli)")
                .containsPattern("--environments \"\\$ENVIRONMENTS\" --output json > plan\\.json")
                .containsPattern("archiveArtifacts artifacts: 'plan\\.json'")
                .containsPattern("apply --credential (environment|cli)")
                .containsPattern("sh\\(returnStatus: true")
                .containsPattern("if \\(code == 1\\) \\{\\s+unstable\\(")
                .containsPattern("else if \\(code != 0\\) \\{\\s+error\\(");
    }

    /**
     * Every option the Jenkinsfile passes exists in the CLI. Runs once the CLI has the Azure options and the
     * {@code apply} command; until then it is skipped.
     */
    @Test
    void optionsExistInTheCli() {
        CommandLine cli = PatchwindowCli.newCommandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter()));
        Assumptions.assumeTrue(cli.getSubcommands().containsKey("apply")
                        && cli.getSubcommands().get("plan").getCommandSpec().findOption("--credential") != null,
                "the CLI has no apply command or Azure options yet");
        for (String command : List.of("plan", "apply")) {
            Matcher m = Pattern.compile("\\$PATCHWINDOW " + command + " ([^']*?)(?:>|''')", Pattern.DOTALL).matcher(text);
            List<String> used = new ArrayList<>();
            int calls = 0;
            while (m.find()) { // the Q/R stages and the Promote stage
                calls++;
                Matcher opt = Pattern.compile("(?<![\\w-])--[a-z][a-z-]*").matcher(m.group(1));
                while (opt.find()) {
                    used.add(opt.group());
                }
            }
            assertThat(calls).as(command).isEqualTo(2);
            assertThat(used).as(command).contains("--promote-from", "--soak");
            List<String> known = new ArrayList<>();
            for (OptionSpec o : cli.getSubcommands().get(command).getCommandSpec().options()) {
                known.addAll(List.of(o.names()));
            }
            assertThat(known).as("options of '%s'", command).containsAll(used);
        }
    }
}
