package io.patchwindow.azure.snapshot;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.patchwindow.core.assessment.Classification;

/**
 * Caches of one streaming pass over assessment rows: validated resource ids and parsed classification
 * texts repeat across millions of rows. Bounded, and dropped at the end of the pass.
 */
final class RowCache {
    private static final int MAX_ENTRIES = 1 << 18;

    private final Map<String, String> ids = new HashMap<>();
    private final Map<String, Set<Classification>> classifications = new HashMap<>();

    /** The validated id for a text, computing (and possibly throwing) on a miss. */
    String id(String text, Function<String, String> validate) {
        String id = ids.get(text);
        if (id == null) {
            id = validate.apply(text);
            if (ids.size() >= MAX_ENTRIES) {
                ids.clear();
            }
            ids.put(text, id);
        }
        return id;
    }

    Set<Classification> classifications(String text) {
        Set<Classification> c = classifications.get(text);
        if (c == null) {
            c = Classification.parseAll(text);
            if (classifications.size() >= MAX_ENTRIES) {
                classifications.clear();
            }
            classifications.put(text, c);
        }
        return c;
    }
}
