package io.patchwindow.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;
import java.util.SplittableRandom;

import io.patchwindow.core.property.Gen;
import io.patchwindow.core.testing.Fleet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceIdTest {
    private static final String SUB = "/subscriptions/" + Fleet.SUBSCRIPTION;
    private static final String VM = "/providers/Microsoft.Compute/virtualMachines/";
    private static final long SEED = 20261127L;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm1",
        "/resourceGroups/Ressources_Été(2026)/providers/Microsoft.Compute/virtualMachines/serveur-été.01",
        "/resourceGroups/ΣΥΣΤΗΜΑΤΑ/providers/Microsoft.Compute/virtualMachines/κόμβος",
        "/resourceGroups/日本語/providers/Microsoft.HybridCompute/machines/ホスト",
        "/resourceGroups/a/providers/Microsoft.HybridCompute/machines/host.example.com",
        "/resourceGroups/a.b/providers/Microsoft.HybridCompute/machines/.hidden",
        "/resourceGroups/(rg)/providers/Microsoft.HybridCompute/machines/a~b",
    })
    void parse_acceptsValidAzureNames_includingOtherScripts(String tail) {
        ResourceId id = ResourceId.parse(SUB + tail);

        assertThat(id.id()).isEqualTo(SUB + tail);
        assertThat(id.toString()).isEqualTo(SUB + tail);
        assertThat(SUB + "/resourceGroups/" + id.resourceGroup() + "/providers/" + id.fullType() + "/" + id.name())
                .isEqualTo(SUB + tail);
    }

    @Test
    void parse_acceptsLongArcNames_andGroupsUpTo90() {
        String name = "h".repeat(200);
        String group = "g".repeat(90);

        assertThat(ResourceId.parse(SUB + "/resourceGroups/" + group + "/providers/Microsoft.HybridCompute/machines/" + name)
                .name()).isEqualTo(name);
        assertThatIllegalArgumentException().isThrownBy(() -> ResourceId.parse(SUB + "/resourceGroups/" + group + "g"
                + VM + "vm1"));
    }

    // Reported: '..' and '.' were accepted as a group or a name, so a URL built from the id climbed the path.
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "/resourceGroups/../providers/Microsoft.Compute/virtualMachines/vm1",
        "/resourceGroups/./providers/Microsoft.Compute/virtualMachines/vm1",
        "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/..",
        "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/.",
        "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/...",
    })
    void parse_rejectsGroupsAndNamesOfOnlyDots(String tail) {
        assertThatIllegalArgumentException().isThrownBy(() -> ResourceId.parse(SUB + tail))
                .withMessage("Invalid resource id '" + SUB + tail
                        + "': a resource group or name of only dots is a relative path, not a name");
    }

    @Test
    void parse_rejectsEveryHostileCharacter_inTheGroupAndTheName() {
        for (char c : Gen.HOSTILE.toCharArray()) {
            for (String text : new String[] {
                SUB + "/resourceGroups/rg" + c + "x" + VM + "vm1",
                SUB + "/resourceGroups/rg" + VM + "vm" + c + "1",
                SUB + "/resourceGroups/rg" + VM + "vm1" + c + (c == '/' ? "/" : ""),  // one trailing '/' is allowed
            }) {
                assertThatIllegalArgumentException().as("'%s'", Gen.escape(text)).isThrownBy(() -> ResourceId.parse(text))
                        .withMessageStartingWith("Invalid resource id '")
                        .withMessageNotContaining("\n");
            }
        }
        for (String path : new String[] {"../x", "..%2Fx", "x?api-version=1", "x#f", "a%20b", "a\u2215b", "a\uFF0Fb"}) {
            String text = SUB + "/resourceGroups/rg" + VM + path;
            assertThatIllegalArgumentException().as(path).isThrownBy(() -> ResourceId.parse(text));
        }
    }

    @Test
    void parse_rejectsNull() {
        assertThatNullPointerException().isThrownBy(() -> ResourceId.parse(null)).withMessage("text");
        assertThatNullPointerException().isThrownBy(() -> ResourceId.key(null)).withMessage("id");
    }

    @Test
    void isGuid_acceptsOnly8_4_4_4_12HexDigits() {
        assertThat(ResourceId.isGuid(Fleet.SUBSCRIPTION)).isTrue();
        assertThat(ResourceId.isGuid(Fleet.SUBSCRIPTION.toUpperCase())).isTrue();
        assertThat(ResourceId.isGuid(Fleet.SUBSCRIPTION + "0")).isFalse();
        assertThat(ResourceId.isGuid("0b1f6471-1bf0-4dda-aec3-cb9272f0959g")).isFalse();
        assertThat(ResourceId.isGuid("0b1f64711bf04ddaaec3cb9272f09590")).isFalse();
    }

    @Test
    void key_ofAsciiIds_isTheLowerCasedIdWithoutTrailingSlash() {
        String id = Fleet.vmId("VM-One");

        assertThat(ResourceId.key(id)).isEqualTo(id.toLowerCase(java.util.Locale.ROOT));
        assertThat(ResourceId.key(id.toUpperCase() + "/")).isEqualTo(id.toLowerCase(java.util.Locale.ROOT));
    }

    // Issue 14.9: keys folded Unicode case, so '/ſubscriptions/' (U+017F) and 'Microſoft' gave another machine's
    // key and a row was credited to it; expected: ASCII letters fold, nothing else does.
    @Test
    void key_foldsAsciiOnly_soLongSAndKelvinSignAreNotSOrK() {
        String vm = SUB + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vmk";
        String longS = vm.replace("/subscriptions/", "/\u017fubscriptions/");
        String kelvin = vm.replace("vmk", "vm\u212a");
        String msoft = vm.replace("Microsoft", "Micro\u017foft");

        assertThat(ResourceId.key(longS)).isNotEqualTo(ResourceId.key(vm));
        assertThat(ResourceId.key(kelvin)).isNotEqualTo(ResourceId.key(vm));
        assertThat(ResourceId.key(msoft)).isNotEqualTo(ResourceId.key(vm));
        assertThat(ResourceId.key(vm.toUpperCase(java.util.Locale.ROOT))).isEqualTo(ResourceId.key(vm));
        String greek = SUB + "/resourceGroups/ΑΣ/providers/Microsoft.Compute/virtualMachines/ΚΟΜΒΟΣ";
        assertThat(ResourceId.key(greek)).isEqualTo(SUB.toLowerCase(java.util.Locale.ROOT)
                + "/resourcegroups/ΑΣ/providers/microsoft.compute/virtualmachines/ΚΟΜΒΟΣ");
    }

    // Issue 14.9: the parser accepted '/ſubscriptions/' and 'Microſoft.Compute'; expected refused.
    @Test
    void parse_refusesNonAsciiLettersThatUnicodeFoldsToAscii_inLiteralsNamespaceAndType() {
        String vm = SUB + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1";
        for (String bad : List.of(vm.replace("/subscriptions/", "/\u017fubscriptions/"),
                vm.replace("Microsoft", "Micro\u017foft"), vm.replace("/providers/", "/provider\u017f/"),
                vm.replace("virtualMachines", "virtualMachine\u017f"), vm.replace("/resourceGroups/", "/resource\u212aGroups/"))) {
            assertThatIllegalArgumentException().isThrownBy(() -> ResourceId.parse(bad))
                    .withMessageStartingWith("Invalid resource id");
        }
        assertThat(ResourceId.parse(vm.replace("vm1", "vm\u212a")).name()).isEqualTo("vm\u212a"); // a letter in a name
    }

    /** Property (seeded): generated valid ids parse back to their parts; any case spelling has the same key. */
    @Test
    void parse_anyValidId_roundTrips_andItsCaseVariantsShareTheKey() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 5000; i++) {
            String sub = Gen.guid(random);
            String group = Gen.resourceGroup(random);
            boolean arc = random.nextBoolean();
            String name = Gen.machineName(random, arc);
            String text = Gen.machineId(random, sub, group, arc, name);
            String variant = Gen.caseVariant(random, text);
            String what = "seed " + SEED + " case " + i + ": '" + Gen.escape(text) + "' / '" + Gen.escape(variant) + "'";

            ResourceId id = ResourceId.parse(text);
            ResourceId other = ResourceId.parse(variant);

            assertThat(id.subscriptionId()).as(what).isEqualTo(sub.toLowerCase(java.util.Locale.ROOT));
            assertThat(id.resourceGroup()).as(what).isEqualTo(group);
            assertThat(id.name()).as(what).isEqualTo(name);
            assertThat(MachineKind.ofResourceType(id.fullType())).as(what)
                    .contains(arc ? MachineKind.ARC_SERVER : MachineKind.AZURE_VM);
            assertThat(other.key()).as(what).isEqualTo(id.key()).isEqualTo(ResourceId.key(variant + "/"));
            assertThat(ResourceId.key(id.key())).as(what).isEqualTo(id.key());
        }
    }

    /** Property (seeded): inserting any hostile text into a valid name makes the id invalid. */
    @Test
    void parse_anyIdWithHostileText_isRejected() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        for (int i = 0; i < 5000; i++) {
            String name = Gen.machineName(random, true);
            int at = random.nextInt(name.length() + 1);
            String bad = i % 2 == 0 ? String.valueOf(Gen.pick(random, Gen.HOSTILE)) : "/../";
            if (bad.equals("/") && at == name.length()) {
                bad = "//";  // one trailing '/' is allowed and dropped
            }
            String text = Gen.machineId(random, Gen.guid(random), Gen.resourceGroup(random), true,
                    name.substring(0, at) + bad + name.substring(at));

            assertThatIllegalArgumentException().as("seed %d case %d: '%s'", SEED + 1, i, Gen.escape(text))
                    .isThrownBy(() -> ResourceId.parse(text));
        }
    }

    @Test
    void parser_givesWhatParseGives_forIdsThatShareTheirPrefixes() {
        // Runs of ids of a few prefixes (valid ones, ones in another case, invalid ones) with near-miss names:
        // dots, a trailing period, non-ASCII letters, slashes, names at and past 256 characters.
        String[] prefixes = {
            "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/",
            "/subscriptions/0B1F6471-1bf0-4dda-aec3-cb9272f09590/resourcegroups/rg-app/providers/Microsoft.Compute/virtualMachines/",
            "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg.(x)/providers/Microsoft.HybridCompute/machines/",
            "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/grüppe/providers/Microsoft.Compute/virtualMachines/",
            "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg./providers/Microsoft.Compute/virtualMachines/",
            "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f0959/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/",
            "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg/providers/Microsoft.Compute/",
        };
        String pieces = "aZ09._-()~/ !é:";
        SplittableRandom random = new SplittableRandom(SEED + 2);
        ResourceId.Parser parser = ResourceId.parser();
        int shortcuts = 0;
        ResourceId previous = null;
        for (int k = 0; k < 50_000; k++) {
            String prefix = prefixes[random.nextInt(8) == 0 ? random.nextInt(prefixes.length) : k / 500 % 3];
            String id = prefix + name(random, pieces, 258) + (random.nextInt(6) == 0 ? "/" : "")
                    + (random.nextInt(50) == 0 ? "/" : "");
            String expected;
            ResourceId reference;
            try {
                reference = ResourceId.parse(id);
                expected = null;
            } catch (IllegalArgumentException e) {
                reference = null;
                expected = e.getMessage();
            }
            String what = "seed " + (SEED + 2) + " case " + k + ": '" + Gen.escape(id) + "'";
            if (reference == null) {
                assertThatIllegalArgumentException().as(what).isThrownBy(() -> parser.parse(id)).withMessage(expected);
            } else {
                ResourceId parsed = parser.parse(id);
                assertThat(parsed).as(what).isEqualTo(reference);
                if (previous != null && parsed.resourceGroup() == previous.resourceGroup()) {
                    shortcuts++; // shares the previous id's strings, so it took the shortcut
                }
                previous = parsed;
            }
        }
        assertThat(shortcuts).as("ids that took the shortcut").isGreaterThan(10_000);
    }


    /** A name mostly of letters, sometimes of other pieces, of a length around max. */
    private static String name(SplittableRandom random, String pieces, int max) {
        int length = random.nextInt(10) == 0 ? max - 2 + random.nextInt(4) : 1 + random.nextInt(12);
        if (random.nextInt(30) == 0) {
            return random.nextBoolean() ? "" : "..".substring(random.nextInt(2));
        }
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(random.nextInt(8) == 0 ? pieces.charAt(random.nextInt(pieces.length()))
                    : (char) ('a' + random.nextInt(26)));
        }
        if (random.nextInt(20) == 0) {
            sb.append('.');
        }
        return sb.toString();
    }
}
