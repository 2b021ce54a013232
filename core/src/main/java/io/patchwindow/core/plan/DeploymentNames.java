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

import io.patchwindow.core.deployment.NameForms;
import io.patchwindow.core.inventory.ResourceId;
import io.patchwindow.core.schedule.WeeklySlot;
import io.patchwindow.core.text.Quoting;

/**
 * Deterministic deployment names, valid on both Automation and Update Manager: at most
 * {@value #MAX_LENGTH} characters of {@code [A-Za-z0-9-_]}.
 *
 * <ul>
 *   <li>per machine: {@code <prefix><env>-<machine-name>-<hash>}, hash = first 16 hex of SHA-256 of the machine's
 *       {@link ResourceId#key(String) key} (its lower-cased id), e.g. {@code pw-Q-vm-00003-1a2b3c4d5e6f7a8b}; the
 *       machine name is cut first when the whole exceeds {@value #MAX_LENGTH}; the name holds no date, so
 *       re-planning overwrites;</li>
 *   <li>per window group: {@code <prefix><env>-<DAY>-<HHMM>-<hash>[-<shard>]}, hash = first 8 hex of SHA-256
 *       of the IANA zone id, e.g. {@code pw-Q-WED-1200-3f2a9c1d}.</li>
 * </ul>
 * Both forms carry the environment the deployment was made for, so that a run for some environments can tell
 * which deployments are its own on platforms without tags ({@link NameForms#environmentOf}). Names made before
 * version 0.2 had the per-machine form {@code <prefix><machine-name>-<8 hex>} without an environment
 * ({@link #legacyForMachine}); {@link NameForms#isLegacyMachineName} recognises them.
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
     * Returns the per-machine deployment name, e.g. {@code pw-Q-vm-00003-1a2b3c4d5e6f7a8b}.
     *
     * @param prefix the prefix, e.g. {@code pw-}
     * @param environment the environment code of the machine's patch tag, e.g. {@code Q}
     * @param machineName the machine name, any text
     * @param machineId the machine resource id, any case; hashed as its {@link ResourceId#key(String)}
     * @return the name, not null
     */
    public static String forMachine(String prefix, String environment, String machineName, String machineId) {
        checkPrefix(prefix);
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(machineName, "machineName");
        Objects.requireNonNull(machineId, "machineId");
        // The key, not String.toLowerCase: two spellings of one id (any case, a trailing slash) give one name.
        return forMachineKey(prefix, environment, machineName, ResourceId.key(machineId));
    }

    /**
     * {@link #forMachine} for a checked prefix and the machine's key ({@link ResourceId#key(String)}), which the
     * planner has already: a plan names thousands of machines.
     */
    static String forMachineKey(String prefix, String environment, String machineName, String machineKey) {
        return machineName(prefix, environment, machineName, hash16(machineKey));
    }

    /**
     * The per-machine name with another hash: {@code attempt} 2, 3, ... hash {@code <key>#<attempt>}, for the
     * planner to tell apart two machines whose names collide (a 64-bit hash collision), deterministically.
     */
    static String forMachineKey(String prefix, String environment, String machineName, String machineKey,
                                int attempt) {
        return machineName(prefix, environment, machineName, hash16(machineKey + "#" + attempt));
    }

    private static String machineName(String prefix, String environment, String machineName, String hash) {
        // Environment codes have no length limit in the grammar: cut the machine name first, then the code.
        String env = sanitize(environment);
        int envRoom = MAX_LENGTH - prefix.length() - 1 - 1 - 1 - hash.length();
        if (env.length() > envRoom) {
            env = env.substring(0, Math.max(1, envRoom));
        }
        int room = MAX_LENGTH - prefix.length() - env.length() - 1 - 1 - hash.length();
        String name = sanitize(machineName);
        if (name.length() > room) {
            name = name.substring(0, Math.max(0, room));
        }
        if (name.isEmpty()) {
            name = room >= "machine".length() ? "machine" : "m";
        }
        return prefix + env + "-" + name + "-" + hash;
    }

    /**
     * Returns the per-machine name that versions before 0.2 gave a machine, {@code <prefix><machine-name>-<hash>}
     * with an 8-hex hash of the machine's key and no environment, e.g. {@code pw-vm-00003-1a2b3c4d}: to recognise
     * deployments made by them.
     *
     * @param prefix the prefix, e.g. {@code pw-}
     * @param machineName the machine name, any text
     * @param machineId the machine resource id, any case
     * @return the name, not null
     */
    public static String legacyForMachine(String prefix, String machineName, String machineId) {
        checkPrefix(prefix);
        Objects.requireNonNull(machineName, "machineName");
        Objects.requireNonNull(machineId, "machineId");
        String hash = hash8(ResourceId.key(machineId));
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
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)), 0, 4);
    }

    /**
     * Returns the first 16 hexadecimal characters (64 bits) of the SHA-256 of a text's UTF-8 bytes.
     *
     * @param text the text, not null
     * @return 16 lower-case hex characters, not null
     */
    public static String hash16(String text) {
        Objects.requireNonNull(text, "text");
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)), 0, 8);
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
