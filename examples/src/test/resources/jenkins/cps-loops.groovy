// A scripted pipeline that calls the library in-process and holds its objects across steps (CpsSafetyTest):
// JenkinsPipelineUnit's CPS mode serializes every local variable at each step inside node { }, as Jenkins does.
import io.patchwindow.azure.embed.Patchwindow

node {
    // tag::loops[]
    def job = Patchwindow.job()                  // a job may be held across steps: it is Serializable
            .snapshot(params.SNAPSHOT)
            .advisories(params.ADVISORIES)
            .environments(params.ENVIRONMENTS)
            .now('2026-11-25T10:17:00Z')
    sh 'echo a step between building the job and running it'
    def plan = job.plan()

    for (d in plan.deployments()) {              // for-in over a result's list: its iterator is serializable
        sh "echo ${d.name()} ${d.packages().join(',')}"
    }
    def actions = plan.actions()
    for (int i = 0; i < actions.size(); i++) {   // an index loop holds only an int: safe over any list
        sh "echo ${actions[i].kind()} ${actions[i].name()}"
    }
    // end::loops[]
    if (params.COPY) {
        // a plain ArrayList's iterator is not serializable: Jenkins' own for-in support (workflow-cps) copes,
        // JenkinsPipelineUnit 1.1 and older Jenkins do not
        for (d in new ArrayList(plan.deployments())) {
            sh "echo ${d.name()}"
        }
    }
    echo "planned ${plan.planned()} of ${plan.machines()}"
}
