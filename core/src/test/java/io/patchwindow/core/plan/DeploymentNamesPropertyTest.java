package io.patchwindow.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.patchwindow.core.inventory.ResourceId;
import io.patchwindow.core.property.Gen;
import io.patchwindow.core.schedule.WeeklySlot;
import org.junit.jupiter.api.Test;

/**
 * Seeded properties of {@link DeploymentNames}: any input gives a name both platforms accept (at most 64 characters
 * of {@code [A-Za-z0-9-_]}), the same input the same name, and distinct machines or window groups distinct names,
 * compared without case as Azure compares resource names. A failure names the seed and the case.
 */
class DeploymentNamesPropertyTest {
    private static final long SEED = 4_294_967_296L + 64;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String PREFIX_CHARS = "abcXYZ019-_";
    private static final int DISTINCT_IDS = 50_000;
    private static final List<String> ZONES = List.copyOf(new TreeSet<>(ZoneId.getAvailableZoneIds()));

    private static String prefix(SplittableRandom r) {
        if (r.nextInt(3) == 0) {
            return "pw-";
        }
        StringBuilder sb = new StringBuilder();
        int length = r.nextInt(21);
        for (int i = 0; i < length; i++) {
            sb.append(Gen.pick(r, PREFIX_CHARS));
        }
        return sb.toString();
    }

    @Test
    void forMachine_anyNameAndId_isValidDeterministicAndEndsWithTheKeyHash() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 8_000; i++) {
            String prefix = prefix(random);
            String name = Gen.anyText(random, random.nextInt(4) == 0 ? 260 : 40);
            String id = Gen.machineId(random);
            String what = "seed " + SEED + " case " + i + ": prefix '" + prefix + "', name '" + Gen.escape(name)
                    + "', id '" + Gen.escape(id) + "'";

            String n = DeploymentNames.forMachine(prefix, "Q", name, id);

            assertThat(n).as(what).matches(VALID).startsWith(prefix)
                    .endsWith("-" + DeploymentNames.hash16(ResourceId.key(id)))
                    .isEqualTo(DeploymentNames.forMachine(prefix, "Q", name, id))
                    .isEqualTo(DeploymentNames.forMachine(prefix, "Q", name, Gen.caseVariant(random, id)))
                    .isEqualTo(DeploymentNames.forMachine(prefix, "Q", name, id + "/"));
        }
    }

    /**
     * 50,000 distinct machines named as the planner names them (prefix, resource name, id): families that share a
     * name across subscriptions or groups, long names that are cut to the same text, and ids that differ only in
     * case (the same machine: one name, up to the case of the resource name, which Azure ignores).
     *
     * <p>The hash has 64 bits: n machines whose names agree once sanitised and cut collide with a probability of
     * about n²/2⁶⁵, about 10⁻¹² for each family of about 8,300 here (with the 32 bits of versions before 0.2 it was
     * under 1 %); the planner also resolves a collision ({@code PlannerTest}).
     */
    @Test
    void forMachine_distinctMachines_getDistinctNames_andOneMachineInAnyCase_one() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        List<String> commonNames = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            commonNames.add(Gen.machineName(random, random.nextBoolean()));
        }
        String longStem = "arc-host-with-a-very-long-fully-qualified-name.datacenter-one.example";
        Map<String, String> keyByName = new HashMap<>();
        Map<String, String> nameByKey = new HashMap<>();
        int sameNameOtherSubscription = 0;
        int sameNameOtherGroup = 0;
        int caseVariants = 0;
        String subscription = Gen.guid(random);
        String group = Gen.resourceGroup(random);
        for (int i = 0; nameByKey.size() < DISTINCT_IDS; i++) {
            String id;
            switch (i % 6) {
                case 0:  // the same VM name in another subscription (the original runbooks' collision)
                    id = Gen.machineId(random, Gen.guid(random), group, false, "vm1");
                    sameNameOtherSubscription++;
                    break;
                case 1:  // the same name in another group of one subscription
                    id = Gen.machineId(random, subscription, Gen.resourceGroup(random), true, "web-01");
                    sameNameOtherGroup++;
                    break;
                case 2:  // long names equal over more than the room left for them
                    id = Gen.machineId(random, subscription, group, true, longStem + "-" + i);
                    break;
                case 3:
                    id = Gen.machineId(random, Gen.guid(random), Gen.resourceGroup(random), random.nextBoolean(),
                            commonNames.get(random.nextInt(commonNames.size())));
                    break;
                default:
                    id = Gen.machineId(random);
            }
            String key = ResourceId.key(id);
            String name = DeploymentNames.forMachine("pw-", "Q", ResourceId.parse(id).name(), id);
            String what = "seed " + (SEED + 1) + " case " + i + ": id '" + Gen.escape(id) + "' -> " + name;

            String variant = Gen.caseVariant(random, id);
            assertThat(DeploymentNames.forMachine("pw-", "Q", ResourceId.parse(variant).name(), variant)).as(what)
                    .isEqualToIgnoringCase(name);
            caseVariants++;

            String previousName = nameByKey.put(key, name);
            if (previousName != null) {
                assertThat(name).as(what).isEqualToIgnoringCase(previousName);
                continue;
            }
            // Azure compares resource names without case: 'pw-VM1-x' and 'pw-vm1-x' are one deployment.
            String other = keyByName.put(name.toLowerCase(Locale.ROOT), key);
            if (other != null) {
                fail(what + " collides with id key '" + Gen.escape(other) + "'");
            }
        }
        System.out.printf("forMachine: %d distinct ids, %d same-name-other-subscription, %d same-name-other-group,"
                + " %d case variants: no collision%n", nameByKey.size(), sameNameOtherSubscription, sameNameOtherGroup,
                caseVariants);
        assertThat(keyByName).hasSize(DISTINCT_IDS);
    }

    @Test
    void forWindow_anyInput_isValidDeterministicAndKeepsDayTimeHashAndShard() {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        for (int i = 0; i < 8_000; i++) {
            String prefix = prefix(random);
            String env = random.nextBoolean() ? code(random, 1 + random.nextInt(70)) : Gen.anyText(random, 80);
            WeeklySlot slot = WeeklySlot.of(DayOfWeek.of(1 + random.nextInt(7)),
                    LocalTime.of(random.nextInt(24), random.nextInt(60)));
            ZoneId zone = ZoneId.of(ZONES.get(random.nextInt(ZONES.size())));
            int shard = random.nextInt(4) == 0 ? 1 + random.nextInt(Integer.MAX_VALUE) : 1 + random.nextInt(20);
            String what = "seed " + (SEED + 2) + " case " + i + ": prefix '" + prefix + "', env '" + Gen.escape(env)
                    + "', " + slot + ", " + zone + ", shard " + shard;

            String n = DeploymentNames.forWindow(prefix, env, slot, zone, shard);

            String tail = "-" + slot.dayCode() + "-" + String.format("%02d%02d", slot.time().getHour(),
                    slot.time().getMinute()) + "-" + DeploymentNames.hash8(zone.getId()) + (shard == 1 ? "" : "-" + shard);
            assertThat(n).as(what).matches(VALID).startsWith(prefix).endsWith(tail)
                    .isEqualTo(DeploymentNames.forWindow(prefix, env, slot, zone, shard));
        }
    }

    @Test
    void forWindow_everyAvailableZone_hasItsOwnHash() {
        Map<String, String> zoneByHash = new HashMap<>();
        for (String zone : ZONES) {
            String other = zoneByHash.put(DeploymentNames.hash8(zone), zone);
            assertThat(other).as("%s and %s share the hash %s", zone, other, DeploymentNames.hash8(zone)).isNull();
        }
        assertThat(zoneByHash).hasSameSizeAs(ZONES);
    }

    /** Distinct window groups (grammar environment codes, any slot, any zone, shards) get distinct names. */
    @Test
    void forWindow_distinctGroups_getDistinctNames() {
        SplittableRandom random = new SplittableRandom(SEED + 3);
        Map<String, String> groupByName = new HashMap<>();
        Set<String> groups = new HashSet<>();
        while (groups.size() < DISTINCT_IDS) {
            String env = code(random, 1 + random.nextInt(8));
            WeeklySlot slot = WeeklySlot.of(DayOfWeek.of(1 + random.nextInt(7)),
                    LocalTime.of(random.nextInt(24), random.nextInt(4) * 15));
            String zone = ZONES.get(random.nextInt(ZONES.size()));
            int shard = 1 + random.nextInt(random.nextInt(10) == 0 ? 3000 : 3);
            String group = env + " " + slot + " " + zone + " " + shard;
            if (!groups.add(group)) {
                continue;
            }
            String name = DeploymentNames.forWindow("pw-", env, slot, ZoneId.of(zone), shard);
            String other = groupByName.put(name.toLowerCase(Locale.ROOT), group);
            assertThat(other).as("seed %d: %s and %s are both named %s", SEED + 3, group, other, name).isNull();
        }
        assertThat(groupByName).hasSize(DISTINCT_IDS);
    }

    /** An environment code as the tag grammar accepts it: upper-case letters and digits. */
    private static String code(SplittableRandom r, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(Gen.pick(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"));
        }
        return sb.toString();
    }
}
