package io.patchwindow.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Random;

import io.patchwindow.core.schedule.WeeklySlot;
import io.patchwindow.core.testing.Fleet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeploymentNamesTest {
    // First 16 (ids) or 8 (zones) hex of SHA-256 computed outside Java (sha256sum) of the lower-cased ids and zone ids.
    private static final String VM1_HASH = "8488f9093a100ff0";
    private static final String OTHER_VM1_HASH = "f871165864bc06af";
    private static final String PARIS_HASH = "cc31b47c";
    private static final String NEW_YORK_HASH = "acb2a328";
    private static final String NAME_CHARS = "[A-Za-z0-9_-]{1,64}";
    private static final WeeklySlot WED_1200 = WeeklySlot.of(DayOfWeek.WEDNESDAY, LocalTime.NOON);

    @Test
    void forMachine_isPrefixNameAndHashOfTheLowerCasedId() {
        assertThat(DeploymentNames.forMachine("pw-", "Q", "vm1", Fleet.vmId("vm1"))).isEqualTo("pw-Q-vm1-" + VM1_HASH);
        assertThat(DeploymentNames.forMachine("pw-", "Q", "vm1", Fleet.vmId("vm1").toUpperCase())).isEqualTo("pw-Q-vm1-" + VM1_HASH);
        assertThat(DeploymentNames.hash8("Europe/Paris")).isEqualTo(PARIS_HASH);
    }

    @Test
    void forMachine_sameNameInTwoSubscriptions_givesDistinctNames() {
        String a = DeploymentNames.forMachine("pw-", "Q", "vm1", Fleet.vmId(Fleet.SUBSCRIPTION, "vm1"));
        String b = DeploymentNames.forMachine("pw-", "Q", "vm1", Fleet.vmId(Fleet.OTHER_SUBSCRIPTION, "vm1"));

        assertThat(a).isEqualTo("pw-Q-vm1-" + VM1_HASH);
        assertThat(b).isEqualTo("pw-Q-vm1-" + OTHER_VM1_HASH);
    }

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "web server.01   | pw-Q-web-server-01-",
        "vm_1-a          | pw-Q-vm_1-a-",
        "sérveur         | pw-Q-s-rveur-",
        "a/b\\c:d        | pw-Q-a-b-c-d-",
        "\"CENTOS-P-MON-03:00 => vm1\" | pw-Q-CENTOS-P-MON-03-00----vm1-",
    })
    void forMachine_replacesEveryOtherCharacterWithADash(String name, String expectedStart) {
        String n = DeploymentNames.forMachine("pw-", "Q", name, Fleet.vmId("vm1"));

        assertThat(n).isEqualTo(expectedStart + VM1_HASH).matches(NAME_CHARS);
    }

    // Reported: the hash was of id.toLowerCase(), so a trailing slash or a Greek final sigma in another case gave
    // one machine two names; and a dotless 'ı' became '-' while its upper case 'I' stayed, so the names differed.
    @Test
    void forMachine_everySpellingOfOneId_givesOneName_upToCase() {
        // Since issue 14.9 only ASCII letters fold: 'ΑΣ' and 'ασ' are two resource groups.
        String id = "/subscriptions/" + Fleet.SUBSCRIPTION + "/resourceGroups/ΑΣ/providers/Microsoft.Compute/virtualMachines/vm1";
        String lower = "/subscriptions/" + Fleet.SUBSCRIPTION + "/resourcegroups/ΑΣ/providers/microsoft.compute/virtualmachines/vm1";

        assertThat(DeploymentNames.forMachine("pw-", "Q", "vm1", id))
                .isEqualTo(DeploymentNames.forMachine("pw-", "Q", "vm1", lower))
                .isEqualTo(DeploymentNames.forMachine("pw-", "Q", "vm1", id + "/"));
        assertThat(DeploymentNames.forMachine("pw-", "Q", "vm1", Fleet.vmId("vm1") + "/")).isEqualTo("pw-Q-vm1-" + VM1_HASH);
        assertThat(DeploymentNames.forMachine("pw-", "Q", "hostı", Fleet.vmId("vm1"))).isEqualTo("pw-Q-hosti-" + VM1_HASH);
        assertThat(DeploymentNames.forMachine("pw-", "Q", "HOSTI", Fleet.vmId("vm1"))).isEqualTo("pw-Q-HOSTI-" + VM1_HASH);
        assertThat(DeploymentNames.forMachine("pw-", "Q", "claſ", Fleet.vmId("vm1"))).isEqualTo("pw-Q-clas-" + VM1_HASH);
    }

    @Test
    void forMachine_nameOfOnlyOtherCharactersOrEmpty_isStillAName() {
        assertThat(DeploymentNames.forMachine("", "Q", "", Fleet.vmId("vm1"))).isEqualTo("Q-machine-" + VM1_HASH);
        assertThat(DeploymentNames.forMachine("", "Q", "日本", Fleet.vmId("vm1"))).isEqualTo("Q----" + VM1_HASH);
    }

    @Test
    void forMachine_keepsExactlyAsciiLettersDigitsDashAndUnderscore() {
        // The edges of each kept range, and the ASCII characters just outside them.
        assertThat(DeploymentNames.forMachine("", "Q", "azAZ09-_", Fleet.vmId("vm1"))).isEqualTo("Q-azAZ09-_-" + VM1_HASH);
        assertThat(DeploymentNames.forMachine("", "Q", "`{@[/:", Fleet.vmId("vm1"))).isEqualTo("Q--------" + VM1_HASH);
    }

    @Test
    void forMachine_cutsLongNamesTo64_keepingTheHash() {
        String longName = "x".repeat(100);
        String n = DeploymentNames.forMachine("patchwindow-prod-", "Q", longName, Fleet.vmId("vm1"));

        assertThat(n).hasSize(DeploymentNames.MAX_LENGTH).startsWith("patchwindow-prod-Q-xxx").endsWith("-" + VM1_HASH);
    }

    @Test
    void forWindow_isEnvDayTimeAndHashOfTheZone() {
        assertThat(DeploymentNames.forWindow("pw-", "Q", WED_1200, ZoneId.of("Europe/Paris"), 1))
                .isEqualTo("pw-Q-WED-1200-" + PARIS_HASH);
        assertThat(DeploymentNames.forWindow("pw-", "Q", WED_1200, ZoneId.of("America/New_York"), 1))
                .isEqualTo("pw-Q-WED-1200-" + NEW_YORK_HASH);
        assertThat(DeploymentNames.forWindow("pw-", "P", WeeklySlot.of(DayOfWeek.SUNDAY, LocalTime.of(3, 0)),
                ZoneId.of("Europe/Paris"), 1)).isEqualTo("pw-P-SUN-0300-" + PARIS_HASH);
    }

    @Test
    void forWindow_numbersShardsFromTwo() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        assertThat(DeploymentNames.forWindow("pw-", "Q", WED_1200, paris, 2)).isEqualTo("pw-Q-WED-1200-" + PARIS_HASH + "-2");
        assertThat(DeploymentNames.forWindow("pw-", "Q", WED_1200, paris, 13)).isEqualTo("pw-Q-WED-1200-" + PARIS_HASH + "-13");
        assertThatIllegalArgumentException().isThrownBy(() -> DeploymentNames.forWindow("pw-", "Q", WED_1200, paris, 0))
                .withMessage("Invalid shard 0: shards are numbered from 1");
    }

    @Test
    void forWindow_longEnvironmentCode_staysWithin64_keepingHashAndShard() {
        String env = "ACCEPTANCE".repeat(6);
        String n = DeploymentNames.forWindow("patchwindow-prod-", env, WED_1200, ZoneId.of("Europe/Paris"), 3000);

        assertThat(n).hasSizeLessThanOrEqualTo(DeploymentNames.MAX_LENGTH).matches(NAME_CHARS)
                .startsWith("patchwindow-prod-ACCEPTANCE").endsWith("-WED-1200-" + PARIS_HASH + "-3000");
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {"pw/", "pw.", "\"pw \"", "abcdefghijklmnopqrstu"})
    void checkPrefix_rejectsOtherCharactersAndMoreThan20(String prefix) {
        assertThatIllegalArgumentException().isThrownBy(() -> DeploymentNames.checkPrefix(prefix))
                .withMessage("Invalid name prefix '" + prefix + "': expected up to 20 characters of [A-Za-z0-9-_], e.g. 'pw-'");
    }

    @Test
    void checkPrefix_acceptsEmptyAnd20Characters() {
        assertThat(DeploymentNames.checkPrefix("")).isEmpty();
        assertThat(DeploymentNames.checkPrefix("abcdefghijklmnopqrs-")).hasSize(20);
    }

    /** Property (seeded): any machine name and prefix give a valid platform name ending with the id hash. */
    @Test
    void forMachine_anyName_isAValidPlatformName() {
        long seed = 64L;
        Random random = new Random(seed);
        String chars = "abcXYZ019-_ ./:éü€\u0000\t";
        for (int i = 0; i < 2000; i++) {
            StringBuilder name = new StringBuilder();
            int len = 1 + random.nextInt(random.nextBoolean() ? 10 : 120);
            for (int k = 0; k < len; k++) {
                name.append(random.nextInt(20) == 0 ? "\uD83D\uDE00" : String.valueOf(chars.charAt(random.nextInt(chars.length()))));
            }
            String prefix = "pw-x".repeat(5).substring(0, random.nextInt(21));
            String id = Fleet.vmId("vm" + i);
            String n = DeploymentNames.forMachine(prefix, "Q", name.toString(), id);

            assertThat(n).as("seed %d case %d name '%s' prefix '%s'", seed, i, name, prefix)
                    .matches(NAME_CHARS).startsWith(prefix).endsWith("-" + DeploymentNames.hash16(id.toLowerCase()));
        }
    }

    // Reported (issue 14.5): web01 in rg-3287 and in rg-168567 of one subscription shared the 8-hex name
    // 'pw-web01-920ced60' and the whole reconcile failed; expected: 16 hex tell them apart.
    @Test
    void forMachine_idsWhoseFirst32BitsCollide_getDistinctNames() {
        String a = "/subscriptions/7c4e2a18-5d3b-4f0e-9a61-2b8d7e3c1f45/resourceGroups/rg-3287/providers/Microsoft.Compute/virtualMachines/web01";
        String b = "/subscriptions/7c4e2a18-5d3b-4f0e-9a61-2b8d7e3c1f45/resourceGroups/rg-168567/providers/Microsoft.Compute/virtualMachines/web01";

        assertThat(DeploymentNames.legacyForMachine("pw-", "web01", a)).isEqualTo("pw-web01-920ced60")
                .isEqualTo(DeploymentNames.legacyForMachine("pw-", "web01", b));
        assertThat(DeploymentNames.forMachine("pw-", "Q", "web01", a)).isEqualTo("pw-Q-web01-920ced6014064849");
        assertThat(DeploymentNames.forMachine("pw-", "Q", "web01", b)).isEqualTo("pw-Q-web01-920ced6088217322");
    }

    @Test
    void forMachine_longEnvironmentAndName_staysWithin64_keepingTheHash() {
        String n = DeploymentNames.forMachine("abcdefghijklmnopqrs-", "ACCEPTANCE".repeat(5), "x".repeat(80), Fleet.vmId("vm1"));

        assertThat(n).hasSize(DeploymentNames.MAX_LENGTH).matches(NAME_CHARS).endsWith("-" + VM1_HASH)
                .startsWith("abcdefghijklmnopqrs-ACCEPTANCE");
    }

    @Test
    void legacyForMachine_isTheNameOfVersionsBefore02() {
        assertThat(DeploymentNames.legacyForMachine("pw-", "vm1", Fleet.vmId("vm1"))).isEqualTo("pw-vm1-8488f909");
        assertThat(DeploymentNames.hash16("Europe/Paris")).startsWith(PARIS_HASH).hasSize(16);
    }
}
