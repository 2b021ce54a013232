package io.patchwindow.core.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import io.patchwindow.core.inventory.ResourceId;
import io.patchwindow.core.schedule.WeeklySlot;
import io.patchwindow.core.text.Quoting;

/**
 * Deterministic deployment names, valid on both Automation and Update Manager: at most
 * {@value #MAX_LENGTH} characters of {@code [A-Za-z0-9-_]}.
 *
 * <ul>
 *   <li>per machine: {@code <prefix><machine-name>-<hash>}, hash = first 8 hex of SHA-256 of the lower-cased
 *       machine resource id, e.g. {@code pw-vm-00003-1a2b3c4d}; two machines with the same name in different
 *       subscriptions never collide; the name holds no date, so re-planning overwrites;</li>
 *   <li>per window group: {@code <prefix><env>-<DAY>-<HHMM>-<hash>[-<shard>]}, hash = first 8 hex of SHA-256
 *       of the IANA zone id, e.g. {@code pw-Q-WED-1200-3f2a9c1d}.</li>
 * </ul>
 */
public final class DeploymentNames {
    /** The longest name both platforms accept. */
    public static final int MAX_LENGTH = 64;

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_-]{0,20}");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm", Locale.ROOT);

    private DeploymentNames() {
    }

    /**
     * Checks a name prefix: up to 20 characters of {@code [A-Za-z0-9-_]}.
     *
     * @param prefix the prefix, e.g. {@code pw-}
     * @return the prefix, not null
     * @throws IllegalArgumentException if invalid
     */
    public static String checkPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("Invalid name prefix " + Quoting.quote(prefix)
                    + ": expected up to 20 characters of [A-Za-z0-9-_], e.g. 'pw-'");
        }
        return prefix;
    }

    /**
     * Returns the per-machine deployment name.
     *
     * @param prefix the prefix, e.g. {@code pw-}
     * @param machineName the machine name, any text
     * @param machineId the machine resource id, any case; hashed as its {@link ResourceId#key(String)}
     * @return the name, not null
     */
    public static String forMachine(String prefix, String machineName, String machineId) {
        checkPrefix(prefix);
        Objects.requireNonNull(machineName, "machineName");
        Objects.requireNonNull(machineId, "machineId");
        // The key, not String.toLowerCase: two spellings of one id (any case, a trailing slash) give one name.
        return forMachineKey(prefix, machineName, ResourceId.key(machineId));
    }

    /**
     * {@link #forMachine} for a checked prefix and the machine's key ({@link ResourceId#key(String)}), which the
     * planner has already: a plan names thousands of machines.
     */
    static String forMachineKey(String prefix, String machineName, String machineKey) {
        String hash = hash8(machineKey);
        int room = MAX_LENGTH - prefix.length() - 1 - hash.length();
        String name = sanitize(machineName);
        if (name.length() > room) {
            name = name.substring(0, room);
        }
        if (name.isEmpty()) {
            name = "machine";
        }
        return prefix + name + "-" + hash;
    }

    /**
     * Returns the window-group deployment name.
     *
     * @param prefix the prefix, e.g. {@code pw-}
     * @param environment the environment code, e.g. {@code Q}
     * @param slot the weekly slot
     * @param zone the time zone
     * @param shard the shard number, 1 for the first (which carries no suffix)
     * @return the name, not null
     * @throws IllegalArgumentException if the shard is below 1
     */
    public static String forWindow(String prefix, String environment, WeeklySlot slot, ZoneId zone, int shard) {
        checkPrefix(prefix);
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(zone, "zone");
        if (shard < 1) {
            throw new IllegalArgumentException("Invalid shard " + shard + ": shards are numbered from 1");
        }
        String tail = "-" + slot.dayCode() + "-" + slot.time().format(HHMM) + "-" + hash8(zone.getId())
                + (shard == 1 ? "" : "-" + shard);
        // Environment codes have no length limit in the grammar: cut the code, never the hash or the shard.
        String env = sanitize(environment);
        int room = MAX_LENGTH - prefix.length() - tail.length();
        if (env.length() > room) {
            env = env.substring(0, room);
        }
        return prefix + env + tail;
    }

    /**
     * Returns the first 8 hexadecimal characters of the SHA-256 of a text's UTF-8 bytes.
     *
     * @param text the text, not null
     * @return 8 lower-case hex characters, not null
     */
    public static String hash8(String text) {
        byte[] digest = sha256().digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 4);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing, which every Java platform must provide", e);
        }
    }

    private static String sanitize(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!allowed(c)) {
                // A letter that has the upper case of an ASCII letter (dotless 'ı' is 'I' to ARM, long 'ſ' is 'S') is
                // written as that letter: every spelling of one resource name gives one deployment name, up to case.
                char folded = Character.toLowerCase(Character.toUpperCase(c));
                c = allowed(folded) ? folded : '-';
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
