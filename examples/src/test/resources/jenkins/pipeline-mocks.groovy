// Jenkins steps and the declarative pipeline syntax for JenkinsPipelineUnit 1.1 in its CPS mode (that version has
// no declarative support). Evaluated by PipelineHarness with `helper` (the CPS PipelineTestHelper) and `harness`
// (the Java test object, which records what the pipeline did and decides the exit codes of `sh`).
//
// Each closure of the pipeline is run with helper.callClosure, which steps the CPS program and serializes its
// environment at every step, as Jenkins saves a running pipeline: a local variable that is not serializable fails
// the test with NotSerializableException, as it fails a real build.
//
// Declarative semantics kept: a stage runs its `when` first and skips `steps` when an expression is false; `post`
// runs after `steps` (always; success, unstable or failure by the build result), also when `steps` failed;
// `error` fails the build and stops it; `unstable` marks the build UNSTABLE and goes on.

def sections = []        // the stage (or pipeline) whose sections are being collected, innermost last
def whenResults = []

def run = { Closure c -> c == null ? null : helper.callClosure(c) }

def runPost = { Map post, Throwable failure ->
    run(post.always)
    String result = harness.result()
    if (failure == null && result == 'SUCCESS') {
        run(post.success)
    }
    if (result == 'UNSTABLE') {
        run(post.unstable)
    }
    if (failure != null || result == 'FAILURE') {
        run(post.failure)
    }
}

def collect = { Closure body ->
    Map s = [post: [:]]
    sections << s
    try {
        run(body)
    } finally {
        sections.remove(sections.size() - 1)
    }
    return s
}

helper.registerAllowedMethod('pipeline', [Closure], { Closure body ->
    Map s = [post: [:]]
    sections << s
    Throwable failure = null
    try {
        run(body)
    } catch (Throwable t) {
        failure = t
        harness.failed(t)
    } finally {
        sections.remove(sections.size() - 1)
    }
    runPost(s.post, failure)
})

helper.registerAllowedMethod('stage', [String, Closure], { String name, Closure body ->
    Map s = collect(body)
    if (s.when != null) {
        whenResults.clear()
        run(s.when)
        if (!whenResults.every { it }) {
            harness.stage(name, 'SKIPPED')
            return null
        }
    }
    harness.stage(name, 'RUN')
    Throwable failure = null
    try {
        run(s.steps)
    } catch (Throwable t) {
        failure = t
    }
    runPost(s.post, failure)
    if (failure != null) {
        throw failure
    }
    return null
})
helper.registerAllowedMethod('steps', [Closure], { Closure c -> sections[-1].steps = c })
helper.registerAllowedMethod('when', [Closure], { Closure c -> sections[-1].when = c })
helper.registerAllowedMethod('expression', [Closure], { Closure c -> whenResults << (run(c) as boolean) })
helper.registerAllowedMethod('post', [Closure], { Closure c ->
    Map target = sections[-1].post
    sections << [post: target, collectingPost: true]
    try {
        run(c)
    } finally {
        sections.remove(sections.size() - 1)
    }
})
['always', 'success', 'unstable', 'failure'].each { String condition ->
    helper.registerAllowedMethod(condition, [Closure], { Closure c -> sections[-1].post[condition] = c })
}
['agent', 'triggers', 'options', 'parameters', 'environment', 'stages', 'script'].each { String block ->
    helper.registerAllowedMethod(block, [Closure], { Closure c -> run(c) })
}
['label', 'cron'].each { String m -> helper.registerAllowedMethod(m, [String], null) }
['string', 'choice', 'booleanParam', 'timeout'].each { String m -> helper.registerAllowedMethod(m, [Map], null) }
helper.registerAllowedMethod('logRotator', [Map], { Map m -> [logRotator: m] })
helper.registerAllowedMethod('buildDiscarder', [Object], null)

// steps
helper.registerAllowedMethod('sh', [String], { String script -> harness.sh(script, false) })
helper.registerAllowedMethod('sh', [Map], { Map m -> harness.sh(m.script as String, m.returnStatus == true) })
// a GString argument matches both the String and the Object signature: register both (the helper's own
// String ones would otherwise win half of the time)
[String, Object].each { Class text ->
    helper.registerAllowedMethod('echo', [text], { Object m -> harness.echo(String.valueOf(m)) })
    helper.registerAllowedMethod('error', [text], { Object m -> harness.error(String.valueOf(m)) })
    helper.registerAllowedMethod('unstable', [text], { Object m ->
        harness.unstable(String.valueOf(m instanceof Map ? m.message : m))
    })
}
helper.registerAllowedMethod('unstable', [Map], { Map m -> harness.unstable(String.valueOf(m.message)) })
helper.registerAllowedMethod('archiveArtifacts', [Map], { Map m -> harness.archived(String.valueOf(m.artifacts)) })
helper.registerAllowedMethod('archiveArtifacts', [String], { String a -> harness.archived(a) })
helper.registerAllowedMethod('azureServicePrincipal', [String], { String id -> [azureServicePrincipal: id] })
helper.registerAllowedMethod('withCredentials', [List, Closure], { List bindings, Closure body ->
    harness.credentials(bindings.collect { String.valueOf(it.azureServicePrincipal) })
    run(body)
})
helper.registerAllowedMethod('withEnv', [List, Closure], { List vars, Closure body ->
    harness.pushEnv(vars.collect { String.valueOf(it) })
    try {
        run(body)
    } finally {
        harness.popEnv()
    }
})
