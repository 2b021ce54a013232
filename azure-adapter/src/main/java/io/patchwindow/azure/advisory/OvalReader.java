package io.patchwindow.azure.advisory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.jspecify.annotations.Nullable;

import io.patchwindow.core.advisory.Advisory;
import io.patchwindow.core.advisory.AdvisorySink;
import io.patchwindow.core.advisory.FixedPackage;
import io.patchwindow.core.advisory.Severity;
import io.patchwindow.core.rpm.Evr;

/**
 * Reads OVAL definitions as Red Hat publishes them per product stream (OVAL v2, e.g.
 * {@code rhel-7.oval.xml.bz2}): each {@code <definition class="patch">} is one advisory, its
 * {@code <metadata>} gives the id ({@code <reference source="RHSA" ref_id="RHSA-2024:3211">}), the
 * platform, {@code <advisory><severity>}, {@code <issued date>}, {@code <updated date>} and the
 * {@code <cve>} elements; its {@code <criteria>} name {@code rpminfo_test}s. A test whose
 * {@code rpminfo_state} holds {@code <evr operation="less than">1:1.0.2k-26.el7_9</evr>} and whose
 * {@code rpminfo_object} names a package says that package is fixed in that EVR. Tests of other kinds
 * (signature keys, the installed release, files) fix nothing and are ignored; so are definitions of other
 * classes.
 *
 * <p>The document holds definitions first and tests, objects and states after them, so the reader keeps
 * compact tables (ids to small integers, the state EVRs and object names) and joins them at the end of the
 * document, where the advisories are emitted in document order. Nothing else of the document is held.
 * The {@code arch} pattern of a state is not kept: the fixed package fits any architecture (the pattern
 * lists every architecture the stream ships).
 */
final class OvalReader {
    private final String file;
    private final List<Definition> definitions = new ArrayList<>();
    private final Map<String, Integer> testIds = new HashMap<>();
    private final Map<String, Integer> objectIds = new HashMap<>();
    private final Map<String, Integer> stateIds = new HashMap<>();
    /** Per test index: object index, -1 if the test is not an rpminfo_test of the file. */
    private int[] testObject = new int[1024];
    /** Per test index: state index, -1 if none. */
    private int[] testState = new int[1024];
    /** Per object index: the package name, null while undefined or when it is a pattern. */
    private final List<@Nullable String> objectNames = new ArrayList<>();
    private final List<Boolean> objectDefined = new ArrayList<>();
    /** Per state index: the EVR of an {@code evr less than} state, null otherwise. */
    private final List<@Nullable Evr> stateEvrs = new ArrayList<>();
    private final List<Boolean> stateDefined = new ArrayList<>();

    /** One patch definition as read, its tests by index. */
    private record Definition(String ovalId, String id, Severity severity, @Nullable LocalDate issued,
                              @Nullable LocalDate updated, List<String> cves, String platform, int[] tests) {
    }

    private OvalReader(String file) {
        this.file = file;
        Arrays.fill(testObject, -1);
        Arrays.fill(testState, -1);
    }

    /** Reads the document; the reader is on the root's start tag. */
    static void read(XMLStreamReader r, String file, AdvisorySink sink) throws XMLStreamException {
        OvalReader oval = new OvalReader(file);
        while (true) {
            int event = r.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "definitions":
                        oval.section(r, "definition");
                        break;
                    case "tests":
                        oval.section(r, "rpminfo_test");
                        break;
                    case "objects":
                        oval.section(r, "rpminfo_object");
                        break;
                    case "states":
                        oval.section(r, "rpminfo_state");
                        break;
                    default:
                        XmlAdvisories.skipElement(r);
                }
            }
        }
        oval.emit(sink);
    }

    private void section(XMLStreamReader r, String wanted) throws XMLStreamException {
        while (true) {
            int event = r.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                return;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            if (!r.getLocalName().equals(wanted)) {
                XmlAdvisories.skipElement(r);
                continue;
            }
            try {
                switch (wanted) {
                    case "definition":
                        definition(r);
                        break;
                    case "rpminfo_test":
                        test(r);
                        break;
                    case "rpminfo_object":
                        object(r);
                        break;
                    default:
                        state(r);
                }
            } catch (IllegalArgumentException e) {
                // the position where the reader is: at or just after the value found wrong
                throw new AdvisoryFileException(file, XmlAdvisories.position(r), "<" + wanted + ">: " + e.getMessage(), e);
            }
        }
    }

    private void definition(XMLStreamReader r) throws XMLStreamException {
        String ovalId = required(r, "id");
        if (!"patch".equals(XmlAdvisories.attribute(r, "class"))) {
            XmlAdvisories.skipElement(r);
            return;
        }
        String id = null;
        String title = null;
        String platform = "";
        Severity severity = Severity.NONE;
        LocalDate issued = null;
        LocalDate updated = null;
        List<String> cves = new ArrayList<>();
        int[] tests = new int[8];
        int testCount = 0;
        int depth = 1;
        while (depth > 0) {
            int event = r.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                continue;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            depth++;
            switch (r.getLocalName()) {
                case "title":
                    title = r.getElementText();
                    depth--;
                    break;
                case "reference":
                    String source = XmlAdvisories.attribute(r, "source");
                    if (id == null && source != null && !source.equalsIgnoreCase("CVE")) {
                        id = Fields.advisoryId(XmlAdvisories.attribute(r, "ref_id"));
                    }
                    break;
                case "platform":
                    String name = r.getElementText();
                    depth--;
                    if (platform.isEmpty()) {
                        platform = Fields.platformOfName(name);
                    }
                    break;
                case "severity":
                    severity = Fields.severity(r.getElementText());
                    depth--;
                    break;
                case "issued":
                    issued = date(r);
                    break;
                case "updated":
                    updated = date(r);
                    break;
                case "cve":
                    cves.add(Fields.cve(r.getElementText()));
                    depth--;
                    break;
                case "criterion":
                    if (testCount == tests.length) {
                        tests = Arrays.copyOf(tests, testCount * 2);
                    }
                    tests[testCount++] = index(testIds, required(r, "test_ref"));
                    break;
                case "description":
                    XmlAdvisories.skipElement(r);
                    depth--;
                    break;
                default:
                    break;
            }
        }
        if (id == null && title != null && title.indexOf(':') > 0) {
            // the title starts with the id: "RHSA-2024:3211: openssl security update (Moderate)"
            int end = title.indexOf(": ");
            id = Fields.advisoryId(end > 0 ? title.substring(0, end) : title);
        }
        if (id == null) {
            throw new IllegalArgumentException("definition " + ovalId + " names no advisory; expected"
                    + " <reference source=\"RHSA\" ref_id=\"RHSA-2024:3211\"/> in its <metadata>");
        }
        definitions.add(new Definition(ovalId, id, severity, issued, updated, cves, platform,
                Arrays.copyOf(tests, testCount)));
    }

    private void test(XMLStreamReader r) throws XMLStreamException {
        int test = index(testIds, required(r, "id"));
        if (test >= testObject.length) {
            int old = testObject.length;
            int size = Math.max(test + 1, old * 2);
            testObject = Arrays.copyOf(testObject, size);
            testState = Arrays.copyOf(testState, size);
            Arrays.fill(testObject, old, size, -1);
            Arrays.fill(testState, old, size, -1);
        }
        int depth = 1;
        while (depth > 0) {
            int event = r.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                if (r.getLocalName().equals("object")) {
                    testObject[test] = index(objectIds, required(r, "object_ref"));
                } else if (r.getLocalName().equals("state")) {
                    testState[test] = index(stateIds, required(r, "state_ref"));
                }
            }
        }
        grow(objectNames, objectDefined, objectIds.size());
        grow(stateEvrs, stateDefined, stateIds.size());
    }

    private void object(XMLStreamReader r) throws XMLStreamException {
        int object = index(objectIds, required(r, "id"));
        grow(objectNames, objectDefined, objectIds.size());
        objectDefined.set(object, true);
        int depth = 1;
        while (depth > 0) {
            int event = r.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                if (r.getLocalName().equals("name")) {
                    String operation = XmlAdvisories.attribute(r, "operation");
                    String name = r.getElementText().strip();
                    depth--;
                    // a name pattern (not used by patch tests) names no one package
                    objectNames.set(object, operation == null || operation.equals("equals") ? Fields.packageName(name) : null);
                }
            }
        }
    }

    private void state(XMLStreamReader r) throws XMLStreamException {
        int state = index(stateIds, required(r, "id"));
        grow(stateEvrs, stateDefined, stateIds.size());
        stateDefined.set(state, true);
        int depth = 1;
        while (depth > 0) {
            int event = r.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                if (r.getLocalName().equals("evr")) {
                    String operation = XmlAdvisories.attribute(r, "operation");
                    String evr = r.getElementText();
                    depth--;
                    if (operation != null && operation.toLowerCase(Locale.ROOT).equals("less than")) {
                        stateEvrs.set(state, Fields.evr(evr));
                    }
                }
            }
        }
    }

    private void emit(AdvisorySink sink) {
        for (Definition d : definitions) {
            Set<FixedPackage> packages = new LinkedHashSet<>();
            for (int test : d.tests()) {
                int object = test < testObject.length ? testObject[test] : -1;
                int state = test < testState.length ? testState[test] : -1;
                if (object < 0 || state < 0) {
                    continue; // not an rpminfo_test with a state: the release, a file, a module
                }
                if (!stateDefined.get(state)) {
                    throw new AdvisoryFileException(file, "", "definition " + d.ovalId() + ": a test refers to state "
                            + key(stateIds, state) + ", which the file does not define; expected it under <states>", null);
                }
                Evr evr = stateEvrs.get(state);
                if (evr == null) {
                    continue; // a signature key or a version pattern
                }
                if (!objectDefined.get(object)) {
                    throw new AdvisoryFileException(file, "", "definition " + d.ovalId() + ": a test refers to object "
                            + key(objectIds, object) + ", which the file does not define; expected it under <objects>", null);
                }
                String name = objectNames.get(object);
                if (name != null) {
                    packages.add(new FixedPackage(name, evr, ""));
                }
            }
            List<FixedPackage> fixed = List.copyOf(packages);
            String platform = d.platform().isEmpty() ? Fields.platformOfPackages(fixed) : d.platform();
            sink.accept(new Advisory(d.id(), Fields.typeOfId(d.id()), d.severity(), d.issued(), d.updated(), d.cves(),
                    fixed, platform));
        }
    }

    private static int index(Map<String, Integer> ids, String id) {
        Integer known = ids.get(id);
        if (known != null) {
            return known;
        }
        int next = ids.size();
        ids.put(id, next);
        return next;
    }

    private static String key(Map<String, Integer> ids, int index) {
        for (Map.Entry<String, Integer> e : ids.entrySet()) {
            if (e.getValue() == index) {
                return e.getKey();
            }
        }
        return "#" + index;
    }

    private static <T> void grow(List<@Nullable T> values, List<Boolean> defined, int size) {
        while (values.size() < size) {
            values.add(null);
            defined.add(Boolean.FALSE);
        }
    }

    private static String required(XMLStreamReader r, String attribute) {
        String value = XmlAdvisories.attribute(r, attribute);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("no '" + attribute + "' attribute; expected an OVAL id such as oval:com.redhat.rhsa:tst:20243211001");
        }
        return value;
    }

    private static @Nullable LocalDate date(XMLStreamReader r) {
        String date = XmlAdvisories.attribute(r, "date");
        return date == null || date.isBlank() ? null : Fields.date(date);
    }
}
