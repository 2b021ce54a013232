package io.patchwindow.azure.report;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.jspecify.annotations.Nullable;

import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.report.InstallationRun;
import io.patchwindow.core.report.MachineReport;
import io.patchwindow.core.report.Outcome;
import io.patchwindow.core.report.PackageReport;
import io.patchwindow.core.report.PackageStatus;
import io.patchwindow.core.report.Report;
import io.patchwindow.core.report.Tally;
import io.patchwindow.core.report.WindowReport;

/**
 * Writes the report as JUnit XML, the format every CI server reads: one {@code <testsuite>} per window (named
 * by deployment and start), one {@code <testcase>} per planned machine ({@code classname} =
 * {@code patchwindow.<environment>.<deployment>}, {@code name} = the machine's resource id). A machine whose
 * planned packages failed, or that stopped short of installing them (pending, not selected), is a
 * {@code <failure>} listing the packages; one that did not run is an {@code <error>} with the reason; one still
 * in progress is {@code <skipped>}. Text goes through the JDK's XML writer (escaped), and characters XML 1.0
 * cannot hold are replaced by U+FFFD. The same report gives the same bytes.
 */
public final class ReportJunit {
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private ReportJunit() {
    }

    /**
     * Returns the report as JUnit XML, ending with a newline.
     *
     * @param report the report, not null
     * @return the document, not null
     */
    public static String toXml(Report report) {
        Objects.requireNonNull(report, "report");
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XML.createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            Tally t = report.total();
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "patchwindow report");
            x.writeAttribute("tests", String.valueOf(t.machines()));
            x.writeAttribute("failures", String.valueOf(t.failed() + t.incomplete()));
            x.writeAttribute("errors", String.valueOf(t.didNotRun()));
            x.writeAttribute("skipped", String.valueOf(t.inProgress()));
            for (WindowReport w : report.windows()) {
                suite(x, w);
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write the report as JUnit XML: " + e.getMessage(), e);
        }
        return out.toString() + "\n";
    }

    private static void suite(XMLStreamWriter x, WindowReport w) throws XMLStreamException {
        Tally t = w.tally();
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", clean(w.deploymentName() + " " + Deployment.formatStart(w.start())));
        x.writeAttribute("tests", String.valueOf(t.machines()));
        x.writeAttribute("failures", String.valueOf(t.failed() + t.incomplete()));
        x.writeAttribute("errors", String.valueOf(t.didNotRun()));
        x.writeAttribute("skipped", String.valueOf(t.inProgress()));
        x.writeAttribute("timestamp", w.start().toInstant().toString());
        String classname = "patchwindow." + (w.environment().isEmpty() ? "-" : w.environment()) + "."
                + w.deploymentName();
        for (MachineReport m : w.machines()) {
            x.writeCharacters("\n    ");
            x.writeStartElement("testcase");
            x.writeAttribute("classname", clean(classname));
            x.writeAttribute("name", clean(m.machineId()));
            InstallationRun r = m.run();
            x.writeAttribute("time", r == null || r.lastModified() == null ? "0"
                    : String.valueOf(Math.max(0, r.lastModified().getEpochSecond() - r.start().getEpochSecond())));
            if (m.outcome() == Outcome.FAILED || m.outcome() == Outcome.INCOMPLETE) {
                List<String> bad = new ArrayList<>();
                for (PackageReport p : m.packages()) {
                    if (p.status() != PackageStatus.INSTALLED) {
                        bad.add(p.name() + " " + p.status().name() + (p.version() == null ? "" : " " + p.version()));
                    }
                }
                x.writeCharacters("\n      ");
                x.writeStartElement("failure");
                x.writeAttribute("type", m.outcome().name());
                x.writeAttribute("message", clean(Names.outcomeText(m) + ": " + bad.size() + " of "
                        + m.packages().size() + " planned packages not installed"
                        + (r == null ? "" : " (run " + r.status().apiName() + ")")));
                x.writeCharacters(clean(String.join("\n", bad) + details(r)));
                x.writeEndElement();
                x.writeCharacters("\n    ");
            } else if (m.outcome() == Outcome.DID_NOT_RUN) {
                x.writeCharacters("\n      ");
                x.writeStartElement("error");
                x.writeAttribute("type", "DID_NOT_RUN");
                x.writeAttribute("message", clean(Names.outcomeText(m)));
                x.writeCharacters(clean("planned: " + String.join(", ", names(m)) + details(r)));
                x.writeEndElement();
                x.writeCharacters("\n    ");
            } else if (m.outcome() == Outcome.IN_PROGRESS) {
                x.writeCharacters("\n      ");
                x.writeEmptyElement("skipped");
                x.writeAttribute("message", "run still in progress");
                x.writeCharacters("\n    ");
            }
            x.writeEndElement();
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    private static List<String> names(MachineReport m) {
        List<String> out = new ArrayList<>();
        for (PackageReport p : m.packages()) {
            out.add(p.name());
        }
        return out;
    }

    private static String details(@Nullable InstallationRun r) {
        if (r == null) {
            return "";
        }
        return "\nrun " + r.id() + " started " + r.start()
                + (r.rebootStatus() == null ? "" : ", reboot " + r.rebootStatus())
                + (r.windowExceeded() ? ", maintenance window exceeded" : "")
                + (r.error() == null ? "" : "\nerror: " + r.error());
    }

    /** Replaces characters XML 1.0 cannot hold (most control characters, lone surrogates) with U+FFFD. */
    static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)) {
                sb.append(c);
            } else {
                sb.append('\uFFFD');
            }
        }
        return sb.toString();
    }
}
