package io.patchwindow.core.property;

import java.util.SplittableRandom;

/**
 * Generators for the seeded property tests (plain JUnit 5, no jqwik: its engine asks AI agents not to use it).
 * Every method draws from the {@link SplittableRandom} it is given, so a test that fixes the seed and prints it
 * with the case number on failure is reproducible.
 */
public final class Gen {
    /** Characters that must never reach a URL path or a deployment name as they are. */
    public static final String HOSTILE = "'\"|\n\r\t\u0000/\\?#%&;:<>*+=@!$^`{}[] ,";

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** Letters of several scripts, with the case-mapping traps: Greek sigmas, Turkish dotted and dotless i, sharp s. */
    private static final String UNICODE_LETTERS = "éÉüÜßàçÇøØåÅ" + "ΣσςΑαΩωΘθ" + "İıIi" + "ЖжЯя" + "日本語中文" + "ŉǅǆǄ";
    private static final String[] SUPPLEMENTARY = {"\uD83D\uDE00", "\uD835\uDC9C", "\uD840\uDC00", "\uD83D\uDC68\u200D\uD83D\uDCBB"};

    private Gen() {
    }

    /** A random element of {@code chars}. */
    public static char pick(SplittableRandom r, String chars) {
        return chars.charAt(r.nextInt(chars.length()));
    }

    /** A random GUID in random letter case, e.g. {@code 0B1f6471-...}. */
    public static String guid(SplittableRandom r) {
        StringBuilder sb = new StringBuilder(36);
        for (int i = 0; i < 32; i++) {
            if (i == 8 || i == 12 || i == 16 || i == 20) {
                sb.append('-');
            }
            char c = pick(r, "0123456789abcdef");
            sb.append(r.nextInt(4) == 0 ? Character.toUpperCase(c) : c);
        }
        return sb.toString();
    }

    /**
     * Any text: 1 to {@code maxLength} UTF-16 units mixing ASCII, hostile characters ({@link #HOSTILE}, {@code ../}),
     * letters of several scripts, combining marks, supplementary characters (surrogate pairs, an emoji ZWJ
     * sequence) and, rarely, a lone surrogate.
     */
    public static String anyText(SplittableRandom r, int maxLength) {
        int length = 1 + r.nextInt(maxLength);
        StringBuilder sb = new StringBuilder(length + 8);
        while (sb.length() < length) {
            int kind = r.nextInt(20);
            if (kind < 7) {
                sb.append(pick(r, ALNUM));
            } else if (kind < 9) {
                sb.append(pick(r, "-_."));
            } else if (kind < 11) {
                sb.append(pick(r, HOSTILE));
            } else if (kind == 11) {
                sb.append("../");
            } else if (kind < 15) {
                sb.append(pick(r, UNICODE_LETTERS));
            } else if (kind == 15) {
                sb.append(pick(r, "\u0301\u0308\u200B\u200D\u202E\uFEFF\u2028"));
            } else if (kind < 19) {
                sb.append(SUPPLEMENTARY[r.nextInt(SUPPLEMENTARY.length)]);
            } else {
                sb.append(r.nextBoolean() ? '\uD800' : '\uDFFF');
            }
        }
        return sb.toString();
    }

    /**
     * A resource group name Azure accepts: 1 to 90 letters (any script), digits, {@code _ - . ( )}, not ending with
     * a period.
     */
    public static String resourceGroup(SplittableRandom r) {
        int length = 1 + (r.nextInt(4) == 0 ? r.nextInt(90) : r.nextInt(16));
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = r.nextInt(10);
            if (kind < 6 || i == length - 1) {
                sb.append(pick(r, ALNUM));
            } else if (kind < 8) {
                sb.append(pick(r, "-_.()"));
            } else {
                sb.append(pick(r, UNICODE_LETTERS));
            }
        }
        return sb.toString();
    }

    /**
     * A machine name: an Azure VM name (1 to 64 of {@code [A-Za-z0-9_.-]}, starting with a letter or digit, not
     * ending with a period or hyphen) or an Arc server name (host names up to 200 characters, as older Arc
     * machines have), sometimes with letters of other scripts.
     */
    public static String machineName(SplittableRandom r, boolean arc) {
        int max = arc && r.nextInt(4) == 0 ? 200 : 64;
        int length = 1 + (r.nextInt(3) == 0 ? r.nextInt(max) : r.nextInt(12));
        boolean unicode = r.nextInt(8) == 0;
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = r.nextInt(10);
            if (i == 0 || i == length - 1 || kind < 7) {
                sb.append(unicode && kind == 0 ? pick(r, UNICODE_LETTERS) : pick(r, ALNUM));
            } else {
                sb.append(pick(r, "-_."));
            }
        }
        return sb.toString();
    }

    /** A valid top-level machine id: VM or Arc server, random subscription, group and name, random segment case. */
    public static String machineId(SplittableRandom r) {
        boolean arc = r.nextInt(3) == 0;
        return machineId(r, guid(r), resourceGroup(r), arc, machineName(r, arc));
    }

    /** A machine id from its parts, with the fixed segments in random (valid) case. */
    public static String machineId(SplittableRandom r, String subscription, String group, boolean arc, String name) {
        String groups = r.nextInt(4) == 0 ? "resourcegroups" : "resourceGroups";
        String type = arc ? "Microsoft.HybridCompute/machines" : "Microsoft.Compute/virtualMachines";
        if (r.nextInt(5) == 0) {
            type = r.nextBoolean() ? type.toLowerCase(java.util.Locale.ROOT) : type.toUpperCase(java.util.Locale.ROOT);
        }
        return "/subscriptions/" + subscription + "/" + groups + "/" + group + "/providers/" + type + "/" + name;
    }

    /**
     * The same text in another letter case, as ARM may spell an id it takes for the same: each character is kept,
     * upper-cased or lower-cased, but only to a character with the same upper case.
     */
    public static String caseVariant(SplittableRandom r, String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            int upper = Character.toUpperCase(cp);
            int lower = Character.toLowerCase(cp);
            int choice = cp < 128 ? r.nextInt(3) : 0; // ids compare ignoring ASCII case only
            if (choice == 1) {
                sb.appendCodePoint(upper);
            } else if (choice == 2 && Character.toUpperCase(lower) == upper) {
                sb.appendCodePoint(lower);
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    /** Prints a text with every non-ASCII or control character as {@code \\uXXXX}, for failure messages. */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }
}
