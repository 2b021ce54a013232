package io.patchwindow.examples;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import io.patchwindow.azure.embed.Patchwindow;
import io.patchwindow.core.plan.Plan;
import io.patchwindow.core.tag.TagGrammar;

/**
 * Plans with a customised tag grammar: texts as on the command line, or a {@link TagGrammar} with other
 * environments.
 */
public final class CustomGrammarDemo {
    private CustomGrammarDemo() {
    }

    /**
     * Plans a snapshot with both grammars and prints one line for each: machines planned, skipped, and
     * the tolerated tag values.
     *
     * @param args optionally the snapshot file (default {@value PlanDemo#DEMO_SNAPSHOT})
     */
    public static void main(String[] args) {
        String snapshot = args.length > 0 ? args[0] : PlanDemo.DEMO_SNAPSHOT;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Plan tolerant = tolerant(snapshot);
        out.println("tolerant grammar (CENTOS,ALMA; 23:30 too): " + tolerant.planned() + " of " + tolerant.machines()
                + " machines planned, " + tolerant.warnings().size() + " tag values tolerated");
        Plan withD = withDevelopment(snapshot);
        out.println("grammar with environment D, selecting " + withD.policy().environments() + ": "
                + withD.planned() + " of " + withD.machines() + " machines planned");
        out.flush();
    }

    /**
     * Plans a snapshot with more prefixes and hours, tolerating lower case and white space.
     *
     * @param snapshot the snapshot file, not null
     * @return the plan, not null
     */
    public static Plan tolerant(String snapshot) {
        // tag::texts[]
        Plan plan = Patchwindow.job()
                .snapshot(snapshot)
                .tagName("patch")
                .prefixes("CENTOS,ALMA")
                .hours("03:00,12:00,22:00,23:30")
                .tolerant(true)                  // tolerated values are listed in plan.warnings()
                .environments("Q,R")
                .now("2026-11-25T10:17:00Z")
                .plan();
        // end::texts[]
        return plan;
    }

    /**
     * Plans a snapshot with a grammar that has a fourth environment, D, and selects D and Q.
     *
     * @param snapshot the snapshot file, not null
     * @return the plan, not null
     */
    public static Plan withDevelopment(String snapshot) {
        // tag::grammar[]
        TagGrammar grammar = TagGrammar.builder()
                .environments("P", "Q", "R", "D")
                .build();
        Plan plan = Patchwindow.job()
                .snapshot(snapshot)
                .grammar(grammar)
                .environments("D,Q")
                .now("2026-11-25T10:17:00Z")
                .plan();
        // end::grammar[]
        return plan;
    }
}
