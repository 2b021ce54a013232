package io.patchwindow.azure.snapshot;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import io.patchwindow.core.assessment.AssessmentSink;
import io.patchwindow.core.assessment.Classification;
import io.patchwindow.core.assessment.UpdateRecord;
import io.patchwindow.core.inventory.ResourceId;
import org.jspecify.annotations.Nullable;

/**
 * Reads Log Analytics {@code Update} rows straight from the parser, for one pass over a snapshot: the
 * columns are copied into reusable buffers (no tree, no {@code String} per value), repeating texts (resource
 * ids, package names, versions, classifications, states) are resolved once per pass through
 * {@link CharTable}s, and a row of a machine the sink does not want ({@link AssessmentSink#accepts}) is
 * validated but not turned into a record.
 *
 * <p>Only rows whose columns are all strings (or null) and valid take this path. Any other row is handed,
 * as a tree, to {@link Mappers#updateRow}, the reference mapping, which reports its errors with the same
 * messages and paths as before. Not thread-safe.
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
    private static final byte OTHER = 3;

    /** Stands for a null value in the tables. */
    private static final String NONE = new String("");
    private static final int MAX_ENTRIES = 1 << 18;

    private final String file;
    private final AssessmentSink sink;
    private final RowCache cache;
    private final Set<String> knownIds;

    private final byte[] state = new byte[COLUMNS.length];
    private final char[][] text = new char[COLUMNS.length][64];
    private final int[] length = new int[COLUMNS.length];
    private final @Nullable Object[] other = new Object[COLUMNS.length];

    // The member names of the previous rows in order: rows of one export share their column order, and
    // matching the expected name's bytes is cheaper than looking a name up.
    private final SerializedString[] order = new SerializedString[32];
    private final int[] orderColumn = new int[32];
    private int orderLength;

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

    /** The columns a wanted row resolves after its product, in order. */
    private static final int[] DETAIL_COLUMNS = {COMPUTER, ARCH, VERSION, CLASSIFICATION, STATE};
    private final @Nullable Object[] value = new Object[COLUMNS.length];

    // the previous row's resource id, computer and time, which the next rows usually repeat
    private final char[] lastIdText = new char[256];
    private int lastIdLength = -1;
    private @Nullable Id lastId;
    private final CharTable<Instant> times = new CharTable<>(1 << 10, MAX_ENTRIES);
    private final char[] lastTimeText = new char[40];
    private int lastTimeLength = -1;
    private @Nullable Instant lastTime;
    private long lastDate = Long.MIN_VALUE;
    private long lastEpochDay;

    private long delivered;

    /**
     * Records of fast rows not yet given to the sink ({@link #flush}). The sink is called from a loop of its
     * own rather than from the row mapping, so that the JIT compiles the two apart: each is smaller and ready
     * sooner, which matters in a command-line run that lasts about a second.
     */
    private final UpdateRecord[] pending = new UpdateRecord[256];
    private int pendingCount;

    UpdateRowReader(String file, AssessmentSink sink, RowCache cache) {
        this(file, sink, cache, Set.of());
    }

    /**
     * @param knownIds resource ids known to be valid (the snapshot's machine ids): a row id equal to one of
     *                 them needs no parsing, as {@code ResourceId.parse(id).id()} is the id itself
     */
    UpdateRowReader(String file, AssessmentSink sink, RowCache cache, Set<String> knownIds) {
        this.file = file;
        this.sink = sink;
        this.cache = cache;
        this.knownIds = knownIds;
    }

    /** Adds records delivered by another reader of the same rows (a part read on another thread). */
    void add(long records) {
        delivered += records;
    }

    /** Rows delivered to the sink (pending ones are given to it now), or skipped as of a machine it drops. */
    long delivered() {
        flush();
        return delivered;
    }

    /** Gives the pending records to the sink, in order; called at the end of every read of rows. */
    void flush() {
        int n = pendingCount;
        pendingCount = 0;
        for (int i = 0; i < n; i++) {
            UpdateRecord r = pending[i];
            pending[i] = null;
            sink.accept(r);
        }
    }

    /** A validated resource id and whether the sink wants its records. */
    private static final class Id {
        final String id;
        byte wanted;

        Id(String id) {
            this.id = id;
        }
    }

    /**
     * Reads one row; the parser is on its {@code START_OBJECT} and ends on its {@code END_OBJECT}.
     *
     * @param path the row's JSON path, for the reference mapping's messages
     */
    void read(JsonParser p, String sectionPath, long index) throws IOException {
        Arrays.fill(state, ABSENT);
        boolean irregular = false;
        for (int k = 0;; k++) {
            int column;
            if (k < orderLength) {
                if (p.nextFieldName(order[k])) {
                    column = orderColumn[k];
                } else if (p.currentToken() == JsonToken.FIELD_NAME) {
                    column = learn(k, p.currentName());
                } else {
                    break;
                }
            } else {
                String name = p.nextFieldName();
                if (name == null) {
                    break;
                }
                column = learn(k, name);
            }
            JsonToken v = p.nextToken();
            if (column < 0) {
                p.skipChildren();
                continue;
            }
            if (v == JsonToken.VALUE_STRING) {
                int n = p.getTextLength();
                char[] buf = text[column];
                if (buf.length < n) {
                    buf = new char[Math.max(n, buf.length * 2)];
                    text[column] = buf;
                }
                System.arraycopy(p.getTextCharacters(), p.getTextOffset(), buf, 0, n);
                length[column] = n;
                state[column] = STRING;
            } else if (v == JsonToken.VALUE_NULL) {
                state[column] = NULL;
            } else {
                other[column] = Tree.read(p);
                state[column] = OTHER;
                irregular = true;
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new IllegalStateException("expected the end of a row, found " + p.currentToken());
        }
        if (irregular || !fast()) {
            reference(tree(), sectionPath, index);
        }
    }

    /** Remembers that the k-th member of a row was {@code name}, the guess for the next rows; its column. */
    private int learn(int k, String name) {
        int column = column(name);
        if (k < order.length) {
            order[k] = new SerializedString(name);
            orderColumn[k] = column;
            orderLength = Math.max(orderLength, k + 1);
        }
        return column;
    }

    // ------------------------------------------------------------------------ rows fed by UpdateRowScanner

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

    /**
     * Ends a row given column by column when the fast path maps it (as {@link #endRow} would); false, with
     * nothing delivered, when it needs the reference mapping.
     */
    boolean endRowIfFast() {
        return fast();
    }

    /** Maps a row, read as a tree, with the reference mapping. */
    void reference(Map<String, Object> row, String sectionPath, long index) {
        flush(); // the sink gets the records in row order
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
        // One call site for the other columns' lookups keeps this method small for the JIT.
        for (int column : DETAIL_COLUMNS) {
            value[column] = state[column] == STRING ? resolve(column) : null;
        }
        String computer = value[COMPUTER] == NONE ? null : (String) value[COMPUTER];
        String arch = value[ARCH] == null ? "" : (String) value[ARCH];
        String version = value[VERSION] == NONE ? null : (String) value[VERSION];
        @SuppressWarnings("unchecked")
        Set<Classification> classes = value[CLASSIFICATION] == null ? cache.classifications("")
                : (Set<Classification>) value[CLASSIFICATION];
        boolean isNeeded = value[STATE] == Boolean.TRUE;
        pending[pendingCount++] = new UpdateRecord(id == null ? "" : id.id, computer, (String) product, arch, version,
                classes, isNeeded, time);
        if (pendingCount == pending.length) {
            flush();
        }
        delivered++;
        return true;
    }

    private @Nullable Id id(int column) {
        char[] t = text[column];
        int n = length[column];
        if (n == lastIdLength && Arrays.equals(t, 0, n, lastIdText, 0, n)) {
            return lastId;
        }
        int h = CharTable.hash(t, 0, n);
        Id id = ids.get(t, 0, n, h);
        if (id == null) {
            String stripped = new String(t, 0, n).strip();
            if (knownIds.contains(stripped)) {
                id = new Id(stripped);
            } else {
                try {
                    id = new Id(ResourceId.parse(stripped).id());
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
            ids.put(t, 0, n, h, id);
        }
        if (n <= lastIdText.length) {
            System.arraycopy(t, 0, lastIdText, 0, n);
            lastIdLength = n;
            lastId = id;
        }
        return id;
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

    // ------------------------------------------------------------------------------------------------ time

    /**
     * The instant of the TimeGenerated column when it has one of the shapes {@link Times} parses without a
     * formatter ({@code 2026-11-25T08:00:00Z}, with a fraction of 1 to 9 digits, or an offset
     * {@code +01:00}) and is valid; null otherwise (the reference mapping then parses or reports it).
     */
    private @Nullable Instant time() {
        char[] s = text[TIME];
        int n = length[TIME];
        if (n == lastTimeLength && Arrays.equals(s, 0, n, lastTimeText, 0, n)) {
            return lastTime;
        }
        // The rows of a machine alternate between a few assessment times: one instant per distinct text,
        // parsed once and shared by every record that has it.
        int h = CharTable.hash(s, 0, n);
        Instant t = times.get(s, 0, n, h);
        if (t == null) {
            t = parseTime(s, n);
            if (t != null) {
                times.put(s, 0, n, h, t);
            }
        }
        if (t != null && n <= lastTimeText.length) {
            System.arraycopy(s, 0, lastTimeText, 0, n);
            lastTimeLength = n;
            lastTime = t;
        }
        return t;
    }

    private @Nullable Instant parseTime(char[] s, int n) {
        if (n < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s[i] == '.') {
            int start = ++i;
            while (i < n && s[i] >= '0' && s[i] <= '9') {
                i++;
            }
            int len = i - start;
            if (len < 1 || len > 9) {
                return null;
            }
            nanos = digits(s, start, i);
            for (int k = len; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s[i] == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':') {
            int oh = digits(s, i + 1, i + 3);
            int om = digits(s, i + 4, i + 6);
            if ((oh | om) < 0) {
                return null;
            }
            int sign = s[i] == '-' ? -1 : 1;
            try {
                offsetSeconds = ZoneOffset.ofHoursMinutes(sign * oh, sign * om).getTotalSeconds();
            } catch (DateTimeException e) {
                return null;
            }
        } else {
            return null;
        }
        long date = ((long) year << 16) | (month << 8) | day;
        if (date != lastDate) {
            try {
                lastEpochDay = LocalDate.of(year, month, day).toEpochDay();
            } catch (DateTimeException e) {
                return null; // e.g. February 30th
            }
            lastDate = date;
        }
        long epochSecond = lastEpochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** The non-negative number in [from, to), or -1 if a character is not a digit. */
    private static int digits(char[] s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    // ------------------------------------------------------------------------------------------- fallback

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
                case OTHER:
                    node.put(COLUMNS[c], Objects.requireNonNull(other[c]));
                    break;
                default:
                    break;
            }
            other[c] = null;
        }
        return node;
    }
}
