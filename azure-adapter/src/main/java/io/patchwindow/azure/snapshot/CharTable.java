package io.patchwindow.azure.snapshot;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A bounded map from text, given as a slice of a parser's character buffer, to a value derived from it,
 * so that values repeating over millions of rows (resource ids, package names, classifications) are
 * resolved once and never turned into a {@code String} again. Open addressing, linear probing; when
 * full, it is cleared. Not thread-safe.
 *
 * @param <V> the value type
 */
final class CharTable<V> {
    private final int maxEntries;
    private char[][] keys;
    private @Nullable Object[] values;
    private int[] hashes;
    private int size;

    CharTable(int initialCapacity, int maxEntries) {
        int cap = Integer.highestOneBit(Math.max(16, initialCapacity) - 1) << 1;
        this.maxEntries = maxEntries;
        this.keys = new char[cap][];
        this.values = new Object[cap];
        this.hashes = new int[cap];
    }

    static int hash(char[] text, int offset, int length) {
        int h = 0;
        for (int i = offset, e = offset + length; i < e; i++) {
            h = 31 * h + text[i];
        }
        return h ^ (h >>> 16);
    }

    /** The value of a text, or null when absent. */
    @SuppressWarnings("unchecked")
    @Nullable V get(char[] text, int offset, int length, int hash) {
        int mask = keys.length - 1;
        for (int i = hash & mask;; i = (i + 1) & mask) {
            char[] k = keys[i];
            if (k == null) {
                return null;
            }
            if (hashes[i] == hash && k.length == length
                    && Arrays.equals(k, 0, length, text, offset, offset + length)) {
                return (V) values[i];
            }
        }
    }

    /** Stores the value of a text that {@link #get} did not find. */
    void put(char[] text, int offset, int length, int hash, V value) {
        if (size >= maxEntries) {
            Arrays.fill(keys, null);
            Arrays.fill(values, null);
            size = 0;
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        insert(Arrays.copyOfRange(text, offset, offset + length), hash, value);
        size++;
    }

    private void insert(char[] key, int hash, Object value) {
        int mask = keys.length - 1;
        int i = hash & mask;
        while (keys[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        hashes[i] = hash;
        values[i] = value;
    }

    private void grow() {
        char[][] oldKeys = keys;
        Object[] oldValues = values;
        int[] oldHashes = hashes;
        keys = new char[oldKeys.length * 2][];
        values = new Object[oldKeys.length * 2];
        hashes = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                insert(oldKeys[i], oldHashes[i], oldValues[i]);
            }
        }
    }
}
