package io.patchwindow.azure.advisory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongUnaryOperator;
import java.util.stream.LongStream;

import javax.xml.stream.XMLStreamException;

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
 * compact tables and joins them at the end of the document, where the advisories are emitted in document
 * order. Each id is turned into a {@code long} key once, as it is read ({@link Ids}); the tables are arrays
 * of keys in document order (a definition's test refs; each test's own, object and state key), the object
 * names and the state EVRs; the join sorts the keys and finds them by binary search. Nothing else of the
 * document is held, and only the attributes and texts used are read.
 * The {@code arch} pattern of a state is not kept: the fixed package fits any architecture (the pattern
 * lists every architecture the stream ships).
 */
final class OvalReader {
    /** What the reader reads: the attributes and texts below, nothing else of the document. */
    static final XmlElements.Vocabulary VOCABULARY = new XmlElements.Vocabulary(Map.ofEntries(
            Map.entry("definition", Set.of("id", "class")),
            Map.entry("reference", Set.of("source", "ref_id")),
            Map.entry("issued", Set.of("date")),
            Map.entry("updated", Set.of("date")),
            Map.entry("criterion", Set.of("test_ref")),
            Map.entry("rpminfo_test", Set.of("id")),
            Map.entry("object", Set.of("object_ref")),
            Map.entry("state", Set.of("state_ref")),
            Map.entry("rpminfo_object", Set.of("id")),
            Map.entry("name", Set.of("operation")),
            Map.entry("rpminfo_state", Set.of("id")),
            Map.entry("evr", Set.of("operation"))),
            Set.of("title", "platform", "severity", "cve", "name", "evr"), Set.of("definition"));
    /** The key of an absent reference. */
    private static final long NONE = -1;

    private final String file;
    private final Ids ids = new Ids();
    private final List<Definition> definitions = new ArrayList<>();
    /** Per {@code rpminfo_test}, in document order: its key, its object's key and its state's key (or NONE). */
    private final LongStream.Builder testKeys = LongStream.builder();
    private final LongStream.Builder testObjects = LongStream.builder();
    private final LongStream.Builder testStates = LongStream.builder();
    /**
     * Per {@code rpminfo_object}, in document order: its key and its package name (null for a pattern), and
     * whether it has a {@code <name>} at all.
     */
    private final LongStream.Builder objectKeys = LongStream.builder();
    private final List<@Nullable String> objectNames = new ArrayList<>();
    private final BitSet objectNamed = new BitSet();
    /** Per {@code rpminfo_state}, in document order: its key and its {@code evr less than} EVR (null for others). */
    private final LongStream.Builder stateKeys = LongStream.builder();
    private final List<@Nullable Evr> stateEvrs = new ArrayList<>();

    /** One patch definition as read, the keys of its tests in document order. */
    private record Definition(String ovalId, String id, Severity severity, @Nullable LocalDate issued,
                              @Nullable LocalDate updated, List<String> cves, String platform, long[] tests) {
    }

    private OvalReader(String file) {
        this.file = file;
    }

    /** Reads the document; the reader is on the root's start tag. */
    static void read(XmlElements r, String file, AdvisorySink sink) throws XMLStreamException {
        tables(r, file).emit(sink);
    }

    /**
     * Reads the document's tables without joining them: a part of a document ({@link XmlParts}), to be
     * {@link #append appended} to the parts before it and {@link #emit emitted} once the last is read.
     */
    static OvalReader tables(XmlElements r, String file) throws XMLStreamException {
        OvalReader oval = new OvalReader(file);
        for (String name = XmlAdvisories.nextChild(r); name != null; name = XmlAdvisories.nextChild(r)) {
            switch (name) {
                case "definitions" -> oval.section(r, "definition");
                case "tests" -> oval.section(r, "rpminfo_test");
                case "objects" -> oval.section(r, "rpminfo_object");
                case "states" -> oval.section(r, "rpminfo_state");
                default -> XmlAdvisories.skipElement(r);
            }
        }
        return oval;
    }

    /**
     * Appends the tables of the part of the document that follows this one: afterwards this reader holds what
     * reading both parts in one would have (its keys, made by the other part's {@link Ids}, are made anew).
     */
    void append(OvalReader later) {
        LongUnaryOperator key = ids.from(later.ids);
        for (Definition d : later.definitions) {
            long[] tests = d.tests().clone();
            for (int i = 0; i < tests.length; i++) {
                tests[i] = key.applyAsLong(tests[i]);
            }
            definitions.add(new Definition(d.ovalId(), d.id(), d.severity(), d.issued(), d.updated(), d.cves(),
                    d.platform(), tests));
        }
        later.testKeys.build().forEach(k -> testKeys.add(key.applyAsLong(k)));
        later.testObjects.build().forEach(k -> testObjects.add(key.applyAsLong(k)));
        later.testStates.build().forEach(k -> testStates.add(key.applyAsLong(k)));
        later.objectKeys.build().forEach(k -> objectKeys.add(key.applyAsLong(k)));
        int objects = objectNames.size();
        later.objectNamed.stream().forEach(i -> objectNamed.set(objects + i));
        objectNames.addAll(later.objectNames);
        later.stateKeys.build().forEach(k -> stateKeys.add(key.applyAsLong(k)));
        stateEvrs.addAll(later.stateEvrs);
    }

    private void section(XmlElements r, String wanted) throws XMLStreamException {
        for (String name = XmlAdvisories.nextChild(r); name != null; name = XmlAdvisories.nextChild(r)) {
            if (!name.equals(wanted)) {
                XmlAdvisories.skipElement(r);
                continue;
            }
            try {
                switch (wanted) {
                    case "definition" -> definition(r);
                    case "rpminfo_test" -> test(r);
                    case "rpminfo_object" -> object(r);
                    default -> state(r);
                }
            } catch (IllegalArgumentException e) {
                // the position where the reader is: at or just after the value found wrong
                throw new AdvisoryFileException(file, r.position(), "<" + wanted + ">: " + e.getMessage(), e);
            }
        }
    }

    private void definition(XmlElements r) throws XMLStreamException {
        String ovalId = required(r, "id");
        if (!"patch".equals(r.attribute("class"))) {
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
        LongStream.Builder tests = LongStream.builder();
        Descendants d = new Descendants(r);
        for (String name = d.next(); name != null; name = d.next()) {
            switch (name) {
                case "title" -> title = d.text();
                case "reference" -> {
                    if (id == null) {
                        String source = r.attribute("source");
                        if (source != null && !source.equalsIgnoreCase("CVE")) {
                            id = Fields.advisoryId(r.attribute("ref_id"));
                        }
                    }
                }
                case "platform" -> {
                    String text = d.text();
                    if (platform.isEmpty()) {
                        platform = Fields.platformOfName(text);
                    }
                }
                case "severity" -> severity = Fields.severity(d.text());
                case "issued" -> issued = XmlAdvisories.date(r);
                case "updated" -> updated = XmlAdvisories.date(r);
                case "cve" -> cves.add(Fields.cve(d.text()));
                case "criterion" -> tests.add(ids.key(required(r, "test_ref"), Ids.CRITERION));
                case "description" -> d.skip();
                default -> {
                    // metadata, advisory, criteria and the rest: walked into
                }
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
        definitions.add(new Definition(ovalId, id, severity, issued, updated, cves, platform, tests.build().toArray()));
    }

    private void test(XmlElements r) throws XMLStreamException {
        long test = ids.key(required(r, "id"), Ids.TEST);
        long object = NONE;
        long state = NONE;
        Descendants d = new Descendants(r);
        for (String name = d.next(); name != null; name = d.next()) {
            if (name.equals("object")) {
                object = ids.key(required(r, "object_ref"), Ids.TEST_OBJECT);
            } else if (name.equals("state")) {
                state = ids.key(required(r, "state_ref"), Ids.TEST_STATE);
            }
        }
        testKeys.add(test);
        testObjects.add(object);
        testStates.add(state);
    }

    private void object(XmlElements r) throws XMLStreamException {
        objectKeys.add(ids.key(required(r, "id"), Ids.OBJECT));
        String packageName = null;
        Descendants d = new Descendants(r);
        for (String element = d.next(); element != null; element = d.next()) {
            if (element.equals("name")) {
                String operation = r.attribute("operation");
                String name = d.text().strip();
                // a name pattern (not used by patch tests) names no one package
                packageName = operation == null || operation.equals("equals") ? Fields.packageName(name) : null;
                objectNamed.set(objectNames.size());
            }
        }
        objectNames.add(packageName);
    }

    private void state(XmlElements r) throws XMLStreamException {
        stateKeys.add(ids.key(required(r, "id"), Ids.STATE));
        Evr fixed = null;
        Descendants d = new Descendants(r);
        for (String element = d.next(); element != null; element = d.next()) {
            if (element.equals("evr")) {
                String operation = r.attribute("operation");
                String evr = d.text();
                if (operation != null && operation.toLowerCase(Locale.ROOT).equals("less than")) {
                    fixed = Fields.evr(evr);
                }
            }
        }
        stateEvrs.add(fixed);
    }

    /** Joins the tables and gives the advisories in document order. */
    void emit(AdvisorySink sink) {
        // Each test's object and state by the test's position among the distinct test keys; where a test id
        // occurs twice, the later one's references win, as do later names and EVRs of objects and states.
        long[] testKey = testKeys.build().toArray();
        long[] testObject = testObjects.build().toArray();
        long[] testState = testStates.build().toArray();
        SortedKeys tests = new SortedKeys(testKey);
        long[] objectOf = new long[tests.size()];
        long[] stateOf = new long[tests.size()];
        Arrays.fill(objectOf, NONE);
        Arrays.fill(stateOf, NONE);
        for (int i = 0; i < testKey.length; i++) {
            int t = tests.indexOf(testKey[i]);
            if (testObject[i] != NONE) {
                objectOf[t] = testObject[i];
            }
            if (testState[i] != NONE) {
                stateOf[t] = testState[i];
            }
        }
        long[] objectKey = objectKeys.build().toArray();
        SortedKeys objects = new SortedKeys(objectKey);
        String[] names = new String[objects.size()];
        for (int i = 0; i < objectKey.length; i++) {
            if (objectNamed.get(i)) {
                names[objects.indexOf(objectKey[i])] = objectNames.get(i);
            }
        }
        long[] stateKey = stateKeys.build().toArray();
        SortedKeys states = new SortedKeys(stateKey);
        Evr[] evrs = new Evr[states.size()];
        for (int i = 0; i < stateKey.length; i++) {
            Evr evr = stateEvrs.get(i);
            if (evr != null) {
                evrs[states.indexOf(stateKey[i])] = evr;
            }
        }
        for (Definition d : definitions) {
            Set<FixedPackage> packages = new LinkedHashSet<>();
            for (long testRef : d.tests()) {
                int test = tests.indexOf(testRef);
                if (test < 0 || objectOf[test] == NONE || stateOf[test] == NONE) {
                    continue; // not an rpminfo_test with a state: the release, a file, a module
                }
                int state = states.indexOf(stateOf[test]);
                if (state < 0) {
                    throw new AdvisoryFileException(file, "", "definition " + d.ovalId() + ": a test refers to state "
                            + ids.id(stateOf[test]) + ", which the file does not define; expected it under <states>", null);
                }
                Evr evr = evrs[state];
                if (evr == null) {
                    continue; // a signature key or a version pattern
                }
                int object = objects.indexOf(objectOf[test]);
                if (object < 0) {
                    throw new AdvisoryFileException(file, "", "definition " + d.ovalId() + ": a test refers to object "
                            + ids.id(objectOf[test]) + ", which the file does not define; expected it under <objects>", null);
                }
                String name = names[object];
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

    private static String required(XmlElements r, String attribute) {
        String value = r.attribute(attribute);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("no '" + attribute + "' attribute; expected an OVAL id such as oval:com.redhat.rhsa:tst:20243211001");
        }
        return value;
    }

    /**
     * OVAL ids as {@code long} keys, and back. An id of the schema's form {@code oval:<namespace>:<type>:<number>}
     * (e.g. {@code oval:com.redhat.rhsa:tst:20243211001}) is the number of its {@code oval:<namespace>:<type>}
     * part (a handful per file, numbered as they first occur) in the high bits and its number (up to 13
     * digits, no leading zero) in the low 44 bits: equal ids give equal keys without a string kept per id.
     * Any other id is numbered whole, as a negative key below {@link #NONE}.
     */
    private static final class Ids {
        private static final int NUMBER_BITS = 44;
        private static final int MAX_DIGITS = 13;
        /** Prefix numbers stay below this, so that keys are not negative. */
        private static final int MAX_PREFIXES = 1 << (63 - NUMBER_BITS);

        private final Map<String, Integer> prefixNumbers = new HashMap<>();
        private final List<String> prefixes = new ArrayList<>();
        private final Map<String, Integer> otherNumbers = new HashMap<>();
        private final List<String> others = new ArrayList<>();
        /** How many prefixes are compared in place before the map is asked. */
        private static final int FEW = 16;
        /** How many characters at the end of a prefix are compared first. */
        private static final int TAIL = 8;

        /** Where an id is read ({@link #key}'s {@code place}): the ids read at one place mostly share a prefix. */
        static final int CRITERION = 0;
        static final int TEST = 1;
        static final int TEST_OBJECT = 2;
        static final int TEST_STATE = 3;
        static final int OBJECT = 4;
        static final int STATE = 5;
        /** Per place, the prefix number of the last id read there, tried first; -1 for none. */
        private final int[] lastPrefix = {-1, -1, -1, -1, -1, -1};

        /**
         * The key of an id.
         *
         * @param id the id as read
         * @param place where it was read ({@link #CRITERION}, {@link #TEST}...)
         */
        long key(String id, int place) {
            int colon = id.lastIndexOf(':');
            if (colon > 0 && numeric(id, colon + 1)) {
                int last = lastPrefix[place];
                int prefix = last >= 0 && prefixes.get(last).length() == colon && id.startsWith(prefixes.get(last))
                        ? last : prefixNumber(id, colon);
                lastPrefix[place] = prefix;
                if (prefix >= 0) {
                    return (long) prefix << NUMBER_BITS | Long.parseLong(id, colon + 1, id.length(), 10);
                }
            }
            Integer known = otherNumbers.get(id);
            if (known == null) {
                known = others.size();
                otherNumbers.put(id, known);
                others.add(id);
            }
            return NONE - 1 - known;
        }

        /**
         * How the keys of another table's ids are made in this one: the same ids get the same keys. A key of
         * {@link #NONE} stays so.
         */
        LongUnaryOperator from(Ids other) {
            int[] prefixOf = new int[other.prefixes.size()];
            for (int i = 0; i < prefixOf.length; i++) {
                String p = other.prefixes.get(i);
                prefixOf[i] = prefixNumber(p, p.length());
            }
            return k -> {
                if (k == NONE) {
                    return NONE;
                }
                if (k > NONE) {
                    int prefix = prefixOf[(int) (k >>> NUMBER_BITS)];
                    if (prefix >= 0) {
                        return (long) prefix << NUMBER_BITS | (k & ((1L << NUMBER_BITS) - 1));
                    }
                }
                return key(other.id(k), CRITERION);
            };
        }

        /** The id a key was made of. */
        String id(long key) {
            if (key < NONE) {
                return others.get((int) (NONE - 1 - key));
            }
            return prefixes.get((int) (key >>> NUMBER_BITS)) + ":" + (key & ((1L << NUMBER_BITS) - 1));
        }

        /**
         * The number of the prefix {@code id[0, end)}, -1 when there are too many prefixes. A file has a handful
         * (Red Hat's: definitions, tests, objects and states of two or three namespaces), looked for first among
         * the first {@value #FEW} without making a string of the id's prefix.
         */
        private int prefixNumber(String id, int end) {
            // the prefixes of one file differ at their end (oval:com.redhat.rhsa:tst, ...:obj, oval:com.redhat.rhba:tst):
            // compared from there
            int tail = Math.max(0, end - TAIL);
            for (int i = 0, n = Math.min(FEW, prefixes.size()); i < n; i++) {
                String p = prefixes.get(i);
                if (p.length() == end && id.regionMatches(tail, p, tail, end - tail) && id.regionMatches(0, p, 0, tail)) {
                    return i;
                }
            }
            String prefix = id.substring(0, end);
            Integer known = prefixNumbers.get(prefix);
            if (known == null) {
                if (prefixes.size() == MAX_PREFIXES) {
                    return -1;
                }
                known = prefixes.size();
                prefixNumbers.put(prefix, known);
                prefixes.add(prefix);
            }
            return known;
        }

        /** Whether {@code id[from, end)} is 1 to 13 ASCII digits without a leading zero. */
        private static boolean numeric(String id, int from) {
            int digits = id.length() - from;
            if (digits < 1 || digits > MAX_DIGITS || id.charAt(from) == '0') {
                return false;
            }
            for (int i = from; i < id.length(); i++) {
                char c = id.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Distinct keys, sorted: the index of a key among them, by binary search. Keys are mostly asked for in
     * document order, which is their order in Red Hat's files, so the key after the last one found is tried
     * first.
     */
    private static final class SortedKeys {
        private final long[] keys;
        private int last = -1;

        SortedKeys(long[] keys) {
            long[] sorted = keys.clone();
            Arrays.sort(sorted);
            int n = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (n == 0 || sorted[i] != sorted[n - 1]) {
                    sorted[n++] = sorted[i];
                }
            }
            this.keys = Arrays.copyOf(sorted, n);
        }

        int size() {
            return keys.length;
        }

        /** The index of the key, -1 when absent. */
        int indexOf(long key) {
            int next = last + 1;
            int i = next < keys.length && keys[next] == key ? next : Arrays.binarySearch(keys, key);
            if (i < 0) {
                return -1;
            }
            last = i;
            return i;
        }
    }
}
