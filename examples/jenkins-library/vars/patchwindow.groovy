// patchwindow: plan (and apply) security-only patch windows from a Jenkins pipeline with the patchwindow
// command line. Load this library with @Library('patchwindow') _ (see README.md beside vars/), then:
//
//   patchwindow(environments: 'Q,R', automationAccount: '/subscriptions/.../automationAccounts/aa-patch')
//   patchwindow(environments: 'Q,R', apply: false)             // plan only
//
// What it does, on the agent it runs on (Java 17 needed):
//   1. binds the Azure service principal `credentialsId` (default 'patchwindow-sp', kind "Azure Service
//      Principal") with withCredentials, read by `--credential environment`; credentialsId: '' uses
//      `--credential` of the config instead (default 'cli', an agent logged in with 'az login');
//   2. runs `plan --output json > plan.json` and archives plan.json;
//   3. unless apply: false, runs `apply --output json > apply.json` and archives apply.json;
//   4. maps the exit code of the last command to the build result: 0 SUCCESS, 1 UNSTABLE (some actions failed,
//      the others were done), 2 (bad usage or input) and 3 (Azure authentication or platform unavailable)
//      FAILURE, with a message naming the code.
// Returns that exit code. Values reach the shell as environment variables (withEnv), never spliced into
// the script, so a parameter cannot inject shell syntax.
//
// Options (all optional but environments):
//   environments           comma-separated codes, e.g. 'Q,R' (required: production is never written by accident)
//   apply                  true (default) to write after planning, false to plan only
//   backend                'automation' (default) or 'update-manager'
//   automationAccount      Automation account ARM id (automation backend)
//   scheduleResourceGroup  resource group ARM id (update-manager backend)
//   credentialsId          Jenkins credential id, default 'patchwindow-sp'; '' for none
//   credential             --credential when credentialsId is '': cli (default), managed-identity, workload-identity
//   command                how to start patchwindow, default 'java -jar patchwindow.jar'
//   args                   more options for both commands, e.g. '--time-zone Europe/Paris --duration PT3H'
def call(Map config = [:]) {
    String environments = config.environments
    if (!environments?.trim()) {
        error("patchwindow: environments is required, e.g. patchwindow(environments: 'Q,R'); production is never written by accident")
    }
    boolean apply = config.containsKey('apply') ? config.apply as boolean : true
    String credentialsId = config.containsKey('credentialsId') ? (config.credentialsId ?: '') : 'patchwindow-sp'
    String credential = credentialsId ? 'environment' : (config.credential ?: 'cli')
    List vars = [
            "PW_COMMAND=${config.command ?: 'java -jar patchwindow.jar'}",
            "PW_CREDENTIAL=${credential}",
            "PW_BACKEND=${config.backend ?: 'automation'}",
            "PW_AUTOMATION_ACCOUNT=${config.automationAccount ?: ''}",
            "PW_SCHEDULE_RESOURCE_GROUP=${config.scheduleResourceGroup ?: ''}",
            "PW_ENVIRONMENTS=${environments}",
            "PW_ARGS=${config.args ?: ''}",
    ]
    int code = 0
    withEnv(vars) {
        if (credentialsId) {
            withCredentials([azureServicePrincipal(credentialsId)]) {
                code = patchwindowRun(apply)
            }
        } else {
            code = patchwindowRun(apply)
        }
    }
    return code
}

// Runs plan, then apply; archives each JSON document; maps the exit code of the last command run.
private int patchwindowRun(boolean apply) {
    int code = patchwindowCommand('plan')
    archiveArtifacts artifacts: 'plan.json', allowEmptyArchive: true, fingerprint: true
    if (code != 0 || !apply) {
        patchwindowResult('plan', code)
        return code
    }
    code = patchwindowCommand('apply')
    archiveArtifacts artifacts: 'apply.json', allowEmptyArchive: true
    patchwindowResult('apply', code)
    return code
}

private int patchwindowCommand(String command) {
    return sh(returnStatus: true, script: '$PW_COMMAND ' + command + ''' --credential "$PW_CREDENTIAL" \
        --backend "$PW_BACKEND" \
        ${PW_AUTOMATION_ACCOUNT:+--automation-account "$PW_AUTOMATION_ACCOUNT"} \
        ${PW_SCHEDULE_RESOURCE_GROUP:+--schedule-resource-group "$PW_SCHEDULE_RESOURCE_GROUP"} \
        --environments "$PW_ENVIRONMENTS" $PW_ARGS --output json > ''' + command + '.json')
}

private void patchwindowResult(String command, int code) {
    if (code == 1) {
        unstable(message: "patchwindow ${command}: some actions failed, the others were done; see ${command}.json")
    } else if (code != 0) {
        error("patchwindow ${command} failed with exit code ${code} (2: bad usage or input, 3: Azure authentication or platform unavailable)")
    }
}
