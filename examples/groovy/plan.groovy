// Plans the demo fleet the way a Jenkins pipeline step would, and writes the plan as JSON.
// Written for Groovy 2.4 (the version Jenkins runs): no lambdas, no records' property syntax
// (call plan.planned(), not plan.planned), only groovy.json from the Groovy distribution.
//
// Usage (the build runs it with Groovy 2.4.21, see examples/README.md):
//   groovy -cp patchwindow.jar examples/groovy/plan.groovy plan.json [SNAPSHOT.json [ADVISORIES]]
// The demo snapshot is assessed as Azure Update Manager does today (every CentOS update classified Other), so the
// security advisories decide (default: the example Red Hat OVAL file).
import groovy.json.JsonOutput
import io.patchwindow.azure.embed.Patchwindow

if (args.length < 1) {
    System.err.println('usage: plan.groovy OUTPUT.json [SNAPSHOT.json [ADVISORIES]]')
    System.exit(2)
}
String output = args[0]
String snapshot = args.length > 1 ? args[1] : 'examples/fleet/demo-snapshot.json'
String advisories = args.length > 2 ? args[2] : 'examples/advisories/rhel-7.oval.xml'

// tag::plan[]
def plan = Patchwindow.job()
        .snapshot(snapshot)
        .advisories(advisories)
        .environments('Q,R')
        .now('2026-11-25T10:17:00Z')
        .timeZone('Europe/Paris')
        .duration('PT2H')
        .reboot('Always')
        .plan()

Map document = plan.toMap()          // ordered maps and lists of strings and numbers
new File(output).setText(JsonOutput.prettyPrint(JsonOutput.toJson(document)), 'UTF-8')

def creates = document.deployments.findAll { it.action == 'CREATE' }
println "Groovy ${GroovySystem.version}: ${plan.planned()} of ${plan.machines()} machines planned, " +
        "${creates.size()} deployments to create, ${plan.skipped().size()} machines skipped"
// end::plan[]
