package io.patchwindow.azure.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the two emulated query services (Resource Graph, Log Analytics) share of KQL: {@code hash()} and its parts. */
final class Kql {
    private Kql() {
    }

    /** A stand-in for KQL's hash(): any stable 64-bit hash; hash(x, k) == floorMod(hash(x), k). */
    static long hash(String s) {
        long z = s.hashCode() * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Finds a query's {@code | where hash(<column>, k) == i}, as the adapter sends to split a query.
     *
     * @param kql the query
     * @param column e.g. {@code machineId}
     * @return {k, i}, or null when the query has none
     */
    static int[] hashPart(String kql, String column) {
        Matcher m = Pattern.compile("\\| where hash\\(" + Pattern.quote(column) + ", (\\d+)\\) == (\\d+)").matcher(kql);
        return m.find() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : null;
    }

    /** @return whether a value of this hash is in part i of k ({k, i}; null or k = 1: the one part) */
    static boolean inPart(long hash, int[] part) {
        return part == null || part[0] == 1 || Math.floorMod(hash, part[0]) == part[1];
    }
}
