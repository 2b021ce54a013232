package io.patchwindow.azure.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.patchwindow.core.report.Report;

class ReportRenderersTest {
    private static final Report REPORT = ReportSamples.mixed();

    @Test
    void json_writtenAsAStream_isTheTextOfToJson() {
        java.io.StringWriter out = new java.io.StringWriter();
        ReportJson.write(REPORT, out);
        java.io.StringWriter viaRun = new java.io.StringWriter();
        io.patchwindow.azure.run.ReportRun.write(REPORT, " JSON ", viaRun);

        assertThat(out.toString()).isEqualTo(ReportJson.toJson(REPORT)).contains("\"windows\": [\n    {");
        assertThat(viaRun.toString()).isEqualTo(out.toString());
        assertThat(REPORT.toStreamingMap()).containsOnlyKeys(REPORT.toMap().keySet());
    }

    @Test
    void json_isTheReportDocument_andDeterministic() throws Exception {
        String json = ReportJson.toJson(REPORT);

        assertThat(json).isEqualTo(ReportJson.toJson(ReportSamples.mixed())).endsWith("}\n");
        JsonNode doc = new ObjectMapper().readTree(json);
        assertThat(doc.path("schema").asText()).isEqualTo("patchwindow.report/v1");
        assertThat(doc.path("summary").path("machines").asInt()).isEqualTo(6);
        assertThat(doc.path("summary").path("installedPercent").decimalValue()).hasToString("54.5");
        assertThat(doc.path("environments")).extracting(n -> n.path("environment").asText())
                .containsExactly("P", "Q", "R");
        JsonNode db1 = doc.path("windows").get(2).path("machines").get(0);
        assertThat(db1.path("outcome").asText()).isEqualTo("INCOMPLETE");
        assertThat(db1.path("maintenanceWindowExceeded").asBoolean()).isTrue();
        assertThat(db1.path("packages").get(1).path("reasons")).hasSize(2);
    }

    @Test
    void junit_hasOneCasePerMachineAndWindow_failuresAndErrors() throws Exception {
        String xml = ReportJunit.toXml(REPORT);

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        assertThat(root.getAttribute("tests")).isEqualTo("6");
        assertThat(root.getAttribute("failures")).isEqualTo("2"); // web-2 failed, db-1 incomplete
        assertThat(root.getAttribute("errors")).isEqualTo("2");   // web-3 not started, app-1 no result
        NodeList cases = doc.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(6);
        NodeList failures = doc.getElementsByTagName("failure");
        assertThat(failures.item(0).getTextContent()).contains("openssl FAILED").contains("<script>");
        assertThat(doc.getElementsByTagName("error").item(0).getAttributes().getNamedItem("message")
                .getNodeValue()).isIn("did not run: NOT_STARTED", "did not run: NO_RESULT");
        assertThat(xml).doesNotContain("<script>").doesNotContain("\u001b");
    }

    @Test
    void html_isSelfContained_andEscapesEverything() {
        String html = ReportHtml.render(REPORT);

        assertThat(html).startsWith("<!DOCTYPE html>").contains("default-src 'none'")
                .contains("Windows by week").contains("Planned fixes installed per environment")
                .contains("Machines not fully patched").contains("web-2").contains("pw-R-SAT-0300-3f2a9c1d");
        assertThat(html.toLowerCase()).doesNotContain("<script").doesNotContain("src=").doesNotContain("href=")
                .doesNotContain("url(").doesNotContain("@import").doesNotContain("http:").doesNotContain("https:");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;")
                .doesNotContain("\u001b").doesNotContain("\u0007");
        assertThat(html).isEqualTo(ReportHtml.render(ReportSamples.mixed()));
    }

    @Test
    void text_summarises_listsProblems_andNeutralisesControlCharacters() {
        String text = ReportText.render(REPORT);

        assertThat(text).contains("Summary: 3 windows, 6 machine-windows: 2 succeeded, 1 failed, 1 incomplete, "
                + "0 in progress, 2 did not run; 6 of 11 planned packages installed (54.5%)");
        assertThat(text).contains("web-3  pw-Q-TUE-1200-3f2a9c1d 2026-11-24T12:00:00+01:00: did not run: NOT_STARTED");
        assertThat(text).contains("openssl PENDING 1:1.0.2k-26.el7_9  [RHSA-2026:0001, CVE-2026-0001]");
        assertThat(text).doesNotContain("\u001b").doesNotContain("\u0007").contains("?[31m?");
    }
}
