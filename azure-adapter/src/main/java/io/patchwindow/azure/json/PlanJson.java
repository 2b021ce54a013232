package io.patchwindow.azure.json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.patchwindow.core.plan.Plan;

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
    private static final ObjectWriter WRITER;
    private static final int BUFFER = 1 << 16;

    static {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        WRITER = JsonMapper.builder()
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .build()
                .writer(printer);
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
        try {
            return WRITER.writeValueAsString(document) + "\n";
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
            WRITER.writeValue(out, plan.toMap());
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the plan: " + e.getMessage(), e);
        }
    }
}
