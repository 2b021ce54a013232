package io.patchwindow.azure.json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.patchwindow.core.plan.Plan;
import org.jspecify.annotations.Nullable;

/**
 * Writes the plan JSON document ({@code patchwindow.plan/v1}) from {@link Plan#toMap()}: keys in the
 * map's order, two-space indentation, {@code "key": value}, LF line breaks, UTF-8, a newline at the end.
 * The same plan always gives byte-identical output; {@code write} streams it (the same bytes as
 * {@link #toJson(Plan)}) without building the whole text.
 *
 * <pre>{@code
 * String json = PlanJson.toJson(plan);
 * PlanJson.write(plan, System.out);
 * }</pre>
 */
public final class PlanJson {
    // Only jackson-core: the document is plain maps, lists and scalars, written by walking it. Building a
    // data-binding ObjectMapper costs more than writing the plan of 10,000 machines in a fresh JVM.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();
    private static final SafeEscapes ESCAPES = new SafeEscapes();

    /**
     * JSON's own escapes plus {@code \}{@code uXXXX} for DEL, the C1 controls, format characters (bidi,
     * zero-width), U+2028/U+2029 and every surrogate (a pair as two escapes, a lone one instead of the
     * {@code ?} its UTF-8 encoding would give): the document means the same, and printing it on a terminal
     * shows no hidden text.
     */
    private static final class SafeEscapes extends com.fasterxml.jackson.core.io.CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        SafeEscapes() {
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public com.fasterxml.jackson.core.@Nullable SerializableString getEscapeSequence(int ch) {
            if (Character.isSurrogate((char) ch) || !io.patchwindow.core.text.Quoting.isSafe(String.valueOf((char) ch))) {
                return new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
    private static final DefaultPrettyPrinter PRINTER;
    private static final int BUFFER = 1 << 16;

    static {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        PRINTER = new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }

    private PlanJson() {
    }

    /**
     * Returns the plan as JSON text, ending with a newline.
     *
     * @param plan the plan, not null
     * @return the document, not null
     */
    public static String toJson(Plan plan) {
        return toJson(Objects.requireNonNull(plan, "plan").toMap());
    }

    /**
     * Returns a JSON-ready map (ordered maps, lists, strings, numbers, booleans) as JSON text in the plan
     * format, ending with a newline.
     *
     * @param document the document, not null
     * @return the text, not null
     */
    public static String toJson(Map<String, ?> document) {
        Objects.requireNonNull(document, "document");
        StringWriter out = new StringWriter();
        try {
            writeDocument(document, out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the plan as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the plan as UTF-8 JSON, ending with a newline; the stream is flushed, not closed.
     *
     * @param plan the plan, not null
     * @param out the stream, not null
     * @throws UncheckedIOException if writing fails
     */
    public static void write(Plan plan, OutputStream out) {
        Objects.requireNonNull(out, "out");
        // Through a writer, so that text that UTF-8 cannot encode gives the same bytes as toJson(..).getBytes.
        write(plan, new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER));
    }

    /**
     * Writes the plan as JSON text, ending with a newline; the writer is flushed, not closed.
     *
     * @param plan the plan, not null
     * @param out the writer, not null
     * @throws UncheckedIOException if writing fails
     */
    public static void write(Plan plan, Writer out) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(out, "out");
        try {
            // Streamed: a plan of 100,000 machines is tens of megabytes, never held as one string.
            writeDocument(plan.toMap(), out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the plan: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a JSON-ready document (ordered maps, iterables, strings, numbers, booleans, enums) as JSON text in
     * the plan format, ending with a newline, as it walks it: the same text as {@link #toJson(Map)}, never held
     * as one string. The writer is flushed, not closed.
     *
     * @param document the document, not null
     * @param out the writer, not null
     * @throws UncheckedIOException if writing fails
     */
    public static void write(Map<String, ?> document, Writer out) {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(out, "out");
        try {
            writeDocument(document, out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the JSON document: " + e.getMessage(), e);
        }
    }

    private static void writeDocument(Map<String, ?> document, Writer out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(PRINTER.createInstance());
            g.setCharacterEscapes(ESCAPES);
            value(g, document);
        }
        out.write('\n');
    }

    /**
     * A value of a document that writes itself to the generator, where making its maps first would cost more than
     * writing them (a report's 1,000,000 package entries): it writes exactly one JSON value, with
     * {@link #value(JsonGenerator, Object)} for the parts it holds as maps.
     */
    @FunctionalInterface
    public interface Fragment {
        /**
         * Writes the value.
         *
         * @param g the document's generator, not null
         * @throws IOException if writing fails
         */
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * Writes maps (keys as text), iterables, text, numbers, booleans, enums (their names), {@link Fragment}s and
     * null, as the documents of this class are written.
     *
     * @param g the generator, not null
     * @param v the value
     * @throws IOException if writing fails
     */
    public static void value(JsonGenerator g, @Nullable Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Fragment f) {
            f.write(g);
        } else if (v instanceof CharSequence) {
            g.writeString(v.toString());
        } else if (v instanceof Map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Iterable) {
            g.writeStartArray();
            for (Object e : (Iterable<?>) v) {
                value(g, e);
            }
            g.writeEndArray();
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).intValue());
        } else if (v instanceof Long) {
            g.writeNumber((Long) v);
        } else if (v instanceof Double || v instanceof Float) {
            g.writeNumber(((Number) v).doubleValue());
        } else if (v instanceof BigDecimal) {
            g.writeNumber((BigDecimal) v);
        } else if (v instanceof BigInteger) {
            g.writeNumber((BigInteger) v);
        } else if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
        } else if (v instanceof Enum) {
            g.writeString(((Enum<?>) v).name());
        } else {
            throw new IllegalArgumentException("Cannot write a " + v.getClass().getName()
                    + " as JSON; expected maps, lists, text, numbers, booleans, enums, fragments or null");
        }
    }
}
