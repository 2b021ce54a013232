package io.patchwindow.examples;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.lesfurets.jenkins.unit.cps.BasePipelineTestCPS;
import groovy.lang.Binding;
import groovy.lang.GroovyShell;

/**
 * Runs a pipeline with JenkinsPipelineUnit in its CPS mode (every step of every closure serializes the
 * program's environment, as Jenkins does) and the declarative syntax of {@code jenkins/pipeline-mocks.groovy};
 * records the shell scripts, archived artifacts, messages and the build result, and decides the exit code of
 * each {@code sh} by the first configured text that the script contains.
 */
public class PipelineHarness extends BasePipelineTestCPS {

    /** One {@code sh} step: its script and the variables of the enclosing {@code withEnv} steps. */
    public record Sh(String script, Map<String, String> env) {
    }

    /** Thrown by {@code error} and by a failing {@code sh}, as Jenkins' AbortException. */
    public static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abort(String message) {
            super(message);
        }
    }

    private final Map<String, Integer> exitCodes = new LinkedHashMap<>();
    private final List<Sh> scripts = new ArrayList<>();
    private final List<String> archived = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();
    private final List<String> credentials = new ArrayList<>();
    private final Map<String, String> stages = new LinkedHashMap<>();
    private final Deque<List<String>> env = new ArrayDeque<>();

    /**
     * Sets up the helper with the script roots and the mocks, before any script is loaded.
     *
     * @param scriptRoots directories scripts are found in
     * @param params the job's parameters ({@code params})
     */
    public void start(List<String> scriptRoots, Map<String, Object> params) {
        setScriptRoots(scriptRoots.toArray(new String[0]));
        setScriptExtension("groovy");
        try {
            setUp();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        getBinding().setVariable("params", new LinkedHashMap<>(params));
        getBinding().setVariable("env", new LinkedHashMap<String, Object>());
        Binding b = new Binding();
        b.setVariable("helper", getHelper());
        b.setVariable("harness", this);
        String mocks = Repo.read(Repo.examples().resolve("src/test/resources/jenkins/pipeline-mocks.groovy"));
        new GroovyShell(PipelineHarness.class.getClassLoader(), b).evaluate(mocks, "pipeline-mocks.groovy");
    }

    /**
     * Makes every {@code sh} whose script contains the text exit with the code (first match wins).
     *
     * @param text a part of the script
     * @param code the exit code
     * @return this
     */
    public PipelineHarness exit(String text, int code) {
        exitCodes.put(text, code);
        return this;
    }

    // ------------------------------------------------------------------------- called by pipeline-mocks.groovy

    /** {@code sh}: records the script, returns its status or fails the build on a non-zero one. */
    public Object sh(String script, boolean returnStatus) {
        Map<String, String> vars = new LinkedHashMap<>();
        env.descendingIterator().forEachRemaining(list -> {
            for (String v : list) {
                int eq = v.indexOf('=');
                vars.put(v.substring(0, eq), v.substring(eq + 1));
            }
        });
        scripts.add(new Sh(Objects.requireNonNull(script, "script"), vars));
        int code = 0;
        for (Map.Entry<String, Integer> e : exitCodes.entrySet()) {
            if (script.contains(e.getKey())) {
                code = e.getValue();
                break;
            }
        }
        if (returnStatus) {
            return code;
        }
        if (code != 0) {
            throw new Abort("script returned exit code " + code);
        }
        return null;
    }

    /** {@code echo}. */
    public void echo(String message) {
        messages.add("echo: " + message);
    }

    /** {@code error}: FAILURE, and stops the build. */
    public void error(String message) {
        messages.add("error: " + message);
        updateBuildStatus("FAILURE");
        throw new Abort(message);
    }

    /** {@code unstable}: UNSTABLE unless already worse. */
    public void unstable(String message) {
        messages.add("unstable: " + message);
        if ("SUCCESS".equals(result())) {
            updateBuildStatus("UNSTABLE");
        }
    }

    /** The pipeline ended with an exception: FAILURE. */
    public void failed(Throwable t) {
        messages.add("failed: " + t);
        updateBuildStatus("FAILURE");
    }

    /** {@code archiveArtifacts}. */
    public void archived(String artifacts) {
        archived.add(artifacts);
    }

    /** {@code withCredentials}: the credential ids bound. */
    public void credentials(List<String> ids) {
        credentials.addAll(ids);
    }

    /** {@code withEnv}: entering. */
    public void pushEnv(List<String> vars) {
        env.push(vars);
    }

    /** {@code withEnv}: leaving. */
    public void popEnv() {
        env.pop();
    }

    /** A stage ran or was skipped. */
    public void stage(String name, String state) {
        stages.put(name, state);
    }

    /** The build result so far. */
    public String result() {
        @SuppressWarnings("unchecked")
        Map<String, Object> build = (Map<String, Object>) getBinding().getVariable("currentBuild");
        return String.valueOf(build.get("result"));
    }

    // --------------------------------------------------------------------------------------------- results

    /** The {@code sh} steps, in order. */
    public List<Sh> scripts() {
        return scripts;
    }

    /** The archived artifact patterns, in order. */
    public List<String> archived() {
        return archived;
    }

    /** The messages of echo, error, unstable and a failed build, in order. */
    public List<String> messages() {
        return messages;
    }

    /** The credential ids bound by withCredentials, in order. */
    public List<String> credentialIds() {
        return credentials;
    }

    /** The stages by name: RUN or SKIPPED. */
    public Map<String, String> stages() {
        return stages;
    }
}
