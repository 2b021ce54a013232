package io.patchwindow.azure.snapshot;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.patchwindow.core.assessment.AssessmentSink;
import io.patchwindow.core.assessment.Classification;
import io.patchwindow.core.assessment.UpdateRecord;
import io.patchwindow.core.inventory.ResourceId;
import org.jspecify.annotations.Nullable;

/**
 * Maps Log Analytics {@code Update} rows given column by column by the {@link UpdateRowScanner}: the
 * columns are copied into reusable buffers (no tree, no {@code String} per value), and repeating texts
 * (resource ids, times, package names, versions, classifications, states) are resolved once per pass
 * through {@link CharTable}s. A row of a machine the sink does not want ({@link AssessmentSink#accepts}) is
 * validated but not turned into a record.
 *
 * <p>Only rows whose columns are all strings (or null) and valid are mapped here. Any other row is handed,
 * as a tree, to {@link Mappers#updateRow}, the reference mapping, which reports its errors with its
 * messages and paths. Not thread-safe.
 */
final class UpdateRowReader {
    private static final int TIME = 0;
    private static final int RESOURCE_ID = 1;
    private static final int ALT_RESOURCE_ID = 2;
    private static final int COMPUTER = 3;
    private static final int PRODUCT = 4;
    private static final int ARCH = 5;
    private static final int VERSION = 6;
    private static final int CLASSIFICATION = 7;
    private static final int STATE = 8;
    private static final int OS_TYPE = 9;
    private static final String[] COLUMNS = {"TimeGenerated", "ResourceId", "_ResourceId", "Computer", "Product",
        "ProductArch", "ProductVersion", "Classification", "UpdateState", "OSType"};

    private static final byte ABSENT = 0;
    private static final byte STRING = 1;
    private static final byte NULL = 2;

    /** Stands for a null value in the tables. */
    private static final String NONE = new String("");
    private static final int MAX_ENTRIES = 1 << 18;

    private final String file;
    private final AssessmentSink sink;
    private final RowCache cache;

    private final byte[] state = new byte[COLUMNS.length];
    private final char[][] text = new char[COLUMNS.length][64];
    private final int[] length = new int[COLUMNS.length];

    private final CharTable<Id> ids = new CharTable<>(1 << 12, MAX_ENTRIES);
    /**
     * The value of a column's text, by column ({@link #resolve}): whether an OSType is Linux, the stripped
     * text of the Product, Computer, ProductArch and ProductVersion ({@link #NONE} when blank, except for the
     * architecture), the classification set, whether an UpdateState is needed.
     */
    private final CharTable<?>[] tables = new CharTable<?>[COLUMNS.length];

    {
        tables[OS_TYPE] = new CharTable<>(16, MAX_ENTRIES);
        tables[PRODUCT] = new CharTable<>(256, MAX_ENTRIES);
        tables[COMPUTER] = new CharTable<>(1 << 12, MAX_ENTRIES);
        tables[ARCH] = new CharTable<>(16, MAX_ENTRIES);
        tables[VERSION] = new CharTable<>(1 << 10, MAX_ENTRIES);
        tables[CLASSIFICATION] = new CharTable<>(16, MAX_ENTRIES);
        tables[STATE] = new CharTable<>(16, MAX_ENTRIES);
    }

    private final CharTable<Instant> times = new CharTable<>(1 << 10, MAX_ENTRIES);

    private long delivered;

    UpdateRowReader(String file, AssessmentSink sink, RowCache cache) {
        this.file = file;
        this.sink = sink;
        this.cache = cache;
    }

    /** Rows delivered to the sink, or skipped as of a machine it drops. */
    long delivered() {
        return delivered;
    }

    /** A validated resource id and whether the sink wants its records. */
    private static final class Id {
        final String id;
        byte wanted;

        Id(String id) {
            this.id = id;
        }
    }

    /** Starts a row whose columns are then given one by one. */
    void beginRow() {
        Arrays.fill(state, ABSENT);
    }

    /** Gives a column's string value, plain ASCII without escapes. */
    void string(int column, byte[] bytes, int offset, int n) {
        char[] buf = text[column];
        if (buf.length < n) {
            buf = new char[Math.max(n, buf.length * 2)];
            text[column] = buf;
        }
        for (int i = 0; i < n; i++) {
            buf[i] = (char) bytes[offset + i];
        }
        length[column] = n;
        state[column] = STRING;
    }

    /** Gives a column's null value. */
    void nul(int column) {
        state[column] = NULL;
    }

    /**
     * Ends a row given column by column: maps it when every check passes, else hands it to the reference
     * mapping.
     */
    void endRow(String sectionPath, long index) {
        if (!fast()) {
            reference(tree(), sectionPath, index);
        }
    }

    /** Maps a row, read as a tree, with the reference mapping. */
    void reference(Map<String, Object> row, String sectionPath, long index) {
        if (Mappers.updateRow(new Obj(file, JsonPaths.index(sectionPath, (int) Math.min(index, Integer.MAX_VALUE)),
                row), sink, cache)) {
            delivered++;
        }
    }

    static int column(String name) {
        switch (name) {
            case "TimeGenerated":
                return TIME;
            case "ResourceId":
                return RESOURCE_ID;
            case "_ResourceId":
                return ALT_RESOURCE_ID;
            case "Computer":
                return COMPUTER;
            case "Product":
                return PRODUCT;
            case "ProductArch":
                return ARCH;
            case "ProductVersion":
                return VERSION;
            case "Classification":
                return CLASSIFICATION;
            case "UpdateState":
                return STATE;
            case "OSType":
                return OS_TYPE;
            default:
                return -1;
        }
    }

    /**
     * Maps the row when every check passes, as {@link Mappers#updateRow} would; false to leave the row to
     * the reference mapping (which then reports the problem).
     */
    private boolean fast() {
        if (state[OS_TYPE] == STRING && resolve(OS_TYPE) == Boolean.FALSE) {
            return true; // ignored, as the reference mapping does before any other check
        }
        if (state[TIME] != STRING) {
            return false;
        }
        Instant time = time();
        if (time == null || state[PRODUCT] != STRING) {
            return false;
        }
        int idColumn = RESOURCE_ID;
        if (state[RESOURCE_ID] != STRING || isBlank(RESOURCE_ID)) {
            idColumn = state[ALT_RESOURCE_ID] == STRING && !isBlank(ALT_RESOURCE_ID) ? ALT_RESOURCE_ID : -1;
        }
        Id id = null;
        if (idColumn >= 0) {
            id = id(idColumn);
            if (id == null) {
                return false; // an invalid resource id: the reference mapping reports it
            }
            if (id.wanted == 0) {
                id.wanted = sink.accepts(id.id) ? (byte) 1 : (byte) -1;
            }
        } else if (state[COMPUTER] != STRING || isBlank(COMPUTER)) {
            return false; // neither id nor computer
        }
        Object product = resolve(PRODUCT);
        if (product == NONE) {
            return false; // blank
        }
        if (id != null && id.wanted < 0) {
            delivered++;
            return true; // valid, but of a machine the sink drops
        }
        Object computer = resolveOrNull(COMPUTER);
        Object arch = resolveOrNull(ARCH);
        Object version = resolveOrNull(VERSION);
        Object classes = resolveOrNull(CLASSIFICATION);
        boolean isNeeded = resolveOrNull(STATE) == Boolean.TRUE;
        @SuppressWarnings("unchecked")
        Set<Classification> classifications = classes == null ? cache.classifications("")
                : (Set<Classification>) classes;
        sink.accept(new UpdateRecord(id == null ? "" : id.id, computer == NONE ? null : (String) computer,
                (String) product, arch == null ? "" : (String) arch, version == NONE ? null : (String) version,
                classifications, isNeeded, time));
        delivered++;
        return true;
    }

    private @Nullable Id id(int column) {
        char[] t = text[column];
        int n = length[column];
        int h = CharTable.hash(t, 0, n);
        Id id = ids.get(t, 0, n, h);
        if (id == null) {
            try {
                id = new Id(ResourceId.parse(new String(t, 0, n).strip()).id());
            } catch (IllegalArgumentException e) {
                return null;
            }
            ids.put(t, 0, n, h, id);
        }
        return id;
    }

    /** The value of a column that is a string (see {@link #resolve}), null when absent or null. */
    private @Nullable Object resolveOrNull(int column) {
        return state[column] == STRING ? resolve(column) : null;
    }

    /** The value of a column's text through its table (see {@link #tables}); computed on the first miss. */
    @SuppressWarnings("unchecked")
    private Object resolve(int column) {
        CharTable<Object> table = (CharTable<Object>) tables[column];
        char[] t = text[column];
        int n = length[column];
        int h = CharTable.hash(t, 0, n);
        Object v = table.get(t, 0, n, h);
        if (v == null) {
            v = valueOf(column, string(column));
            table.put(t, 0, n, h, v);
        }
        return v;
    }

    private Object valueOf(int column, String raw) {
        switch (column) {
            case OS_TYPE:
                return raw.isBlank() || raw.strip().equalsIgnoreCase("Linux");
            case CLASSIFICATION:
                return cache.classifications(raw);
            case STATE:
                return UpdateRecord.isNeededState(raw);
            case ARCH:
                return raw.strip();
            default: // PRODUCT, COMPUTER, VERSION
                return raw.isBlank() ? NONE : raw.strip();
        }
    }

    private String string(int column) {
        return new String(text[column], 0, length[column]);
    }

    private boolean isBlank(int column) {
        char[] t = text[column];
        for (int i = 0, n = length[column]; i < n; i++) {
            if (!Character.isWhitespace(t[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The instant of the TimeGenerated column, or null when it is not an ISO-8601 date-time with an offset
     * (the reference mapping then reports it). The rows of a machine alternate between a few assessment
     * times: each distinct text is parsed once, and its instant is shared by every record that has it.
     */
    private @Nullable Instant time() {
        char[] s = text[TIME];
        int n = length[TIME];
        int h = CharTable.hash(s, 0, n);
        Instant t = times.get(s, 0, n, h);
        if (t == null) {
            try {
                t = OffsetDateTime.parse(new String(s, 0, n)).toInstant();
            } catch (DateTimeException e) {
                return null;
            }
            times.put(s, 0, n, h, t);
        }
        return t;
    }

    /** The row's known columns as a tree, for the reference mapping. */
    private Map<String, Object> tree() {
        Map<String, Object> node = new LinkedHashMap<>();
        for (int c = 0; c < COLUMNS.length; c++) {
            switch (state[c]) {
                case STRING:
                    node.put(COLUMNS[c], string(c));
                    break;
                case NULL:
                    node.put(COLUMNS[c], Tree.NULL);
                    break;
                default:
                    break;
            }
        }
        return node;
    }
}
