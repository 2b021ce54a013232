package io.patchwindow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import groovy.lang.GroovySystem;
import org.junit.jupiter.api.Test;

/**
 * What Groovy 2.4.21 (Jenkins' version) really does with the result records, as docs/embedding.md says:
 * property syntax reads the record's private field (Groovy ignores {@code private} for field access), the
 * accessors are not bean properties, so {@code JsonOutput.toJson(record)} prints {@code {}} and
 * {@code toMap()} is the way to JSON.
 */
class GroovyRecordsTest {

    // Reported: JsonOutput.toJson(plan.skipped()[0]) printed {}; docs said plan.planned does not work, yet it did.
    @Test
    void propertySyntaxReadsTheField_butJsonOutputNeedsToMap() {
        assertThat(GroovySystem.getVersion()).isEqualTo("2.4.21");
        Binding binding = new Binding();
        binding.setVariable("snapshot", Repo.demoSnapshot().toString());
        binding.setVariable("advisories", Repo.demoAdvisories().toString());
        Object result = new GroovyShell(binding).evaluate("""
                import groovy.json.JsonOutput
                import io.patchwindow.azure.embed.Patchwindow
                def plan = Patchwindow.planSnapshot(snapshot, advisories, 'Q,R', '2026-11-25T10:17:00Z')
                def skip = plan.skipped()[0]
                [plan.planned, plan.planned(), plan.deployments.size(), skip.reason.name(),
                 skip.metaClass.properties*.name, JsonOutput.toJson(skip), JsonOutput.toJson(skip.toMap())]
                """);
        List<?> r = (List<?>) result;
        assertThat(r.get(0)).isEqualTo(32);
        assertThat(r.get(1)).isEqualTo(32);
        assertThat(r.get(2)).isEqualTo(32);
        assertThat(r.get(3)).isEqualTo("OTHER_ENVIRONMENT");
        assertThat(r.get(4)).as("bean properties Groovy sees").isEqualTo(List.of("class"));
        assertThat(r.get(5)).isEqualTo("{}");
        assertThat((String) r.get(6)).startsWith("{\"machineId\":\"/subscriptions/").contains("\"reason\":\"OTHER_ENVIRONMENT\"");
    }
}
