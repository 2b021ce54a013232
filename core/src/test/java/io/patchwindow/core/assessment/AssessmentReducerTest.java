package io.patchwindow.core.assessment;

import static io.patchwindow.core.testing.Fleet.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.patchwindow.core.assessment.MachineAssessment.Status;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.testing.Fleet;
import org.junit.jupiter.api.Test;

class AssessmentReducerTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant NOT_BEFORE = NOW.minus(Duration.ofHours(5));
    private static final Instant FRESH = NOW.minus(Duration.ofHours(1));
    private static final Instant FRESHER = NOW.minus(Duration.ofMinutes(30));
    private static final Instant STALE = NOW.minus(Duration.ofHours(6));
    private static final Set<Classification> SECURITY_ONLY = EnumSet.of(Classification.CRITICAL, Classification.SECURITY);

    private final Machine vm1 = Fleet.vm("vm1").computerName("vm1.contoso.local").build();
    private final Machine vm2 = Fleet.vm("vm2").computerName("vm2.contoso.local").build();
    private final Machine arc = Fleet.arc("srv-arc").build();

    private AssessmentReducer reducer(Machine... machines) {
        return new AssessmentReducer(List.of(machines), SECURITY_ONLY, NOT_BEFORE);
    }

    private static void feed(AssessmentSink sink, UpdateRecord... records) {
        for (UpdateRecord r : records) {
            sink.accept(r);
        }
    }

    @Test
    void laterInstalledRecord_cancelsEarlierNeeded_whateverTheArrivalOrder() {
        UpdateRecord needed = update(vm1.id(), "openssl").at(FRESH).build();
        UpdateRecord installed = update(vm1.id(), "openssl").installed().at(FRESHER).build();

        AssessmentReducer inOrder = reducer(vm1);
        feed(inOrder, needed, installed);
        AssessmentReducer reversed = reducer(vm1);
        feed(reversed, installed, needed);

        for (AssessmentReducer r : List.of(inOrder, reversed)) {
            MachineAssessment a = r.assessment(vm1);
            assertThat(a.status()).isEqualTo(Status.CURRENT);
            assertThat(a.packages()).isEmpty();
            assertThat(a.lastReport()).isEqualTo(FRESHER);
        }
    }

    @Test
    void laterNeededRecord_winsOverEarlierInstalled() {
        AssessmentReducer r = reducer(vm1);
        feed(r, update(vm1.id(), "openssl").installed().at(FRESH).build(),
                update(vm1.id(), "openssl").version("1.0.2k-26").at(FRESHER).build());

        assertThat(r.assessment(vm1).packages()).containsExactly(Map.entry("openssl", "1.0.2k-26"));
    }

    @Test
    void onlyNeededRecords_arePending() {
        AssessmentReducer r = reducer(vm1);
        feed(r, update(vm1.id(), "bash").installed().at(FRESH).build(),
                update(vm1.id(), "openssl").at(FRESH).build());

        assertThat(r.assessment(vm1).packageNames()).containsExactly("openssl");
    }

    @Test
    void newestRecord_isPerArchitecture_andThePackageIsListedOnce() {
        AssessmentReducer r = reducer(vm1);
        feed(r, update(vm1.id(), "vim-minimal").arch("x86_64").version("7.4.629-8").at(FRESH).build(),
                update(vm1.id(), "vim-minimal").arch("i686").version("7.4.629-7").at(FRESH).build(),
                // the i686 build is installed later: x86_64 still needs it
                update(vm1.id(), "vim-minimal").arch("i686").installed().at(FRESHER).build());

        assertThat(r.assessment(vm1).packages()).containsExactly(Map.entry("vim-minimal", "7.4.629-8"));
    }

    @Test
    void noRecord_isNotReporting() {
        AssessmentReducer r = reducer(vm1, vm2);
        feed(r, update(vm2.id(), "openssl").at(FRESH).build());

        MachineAssessment a = r.assessment(vm1);
        assertThat(a.status()).isEqualTo(Status.NOT_REPORTING);
        assertThat(a.lastReport()).isNull();
        assertThat(a.packages()).isEmpty();
    }

    @Test
    void onlyRecordsOlderThanTheFreshnessLimit_isStale_withTheNewestTime() {
        AssessmentReducer r = reducer(vm1);
        feed(r, update(vm1.id(), "openssl").at(STALE).build(),
                update(vm1.id(), "bash").at(STALE.minusSeconds(60)).build());

        MachineAssessment a = r.assessment(vm1);
        assertThat(a.status()).isEqualTo(Status.STALE);
        assertThat(a.lastReport()).isEqualTo(STALE);
        assertThat(a.packages()).isEmpty();
    }

    @Test
    void staleRecords_doNotAddPackagesToACurrentMachine() {
        AssessmentReducer r = reducer(vm1);
        feed(r, update(vm1.id(), "bash").at(STALE).build(),
                update(vm1.id(), "openssl").at(FRESH).build(),
                // a stale Needed never resurrects a package that is fresh and installed
                update(vm1.id(), "glibc").installed().at(FRESH).build(),
                update(vm1.id(), "glibc").at(STALE).build());

        MachineAssessment a = r.assessment(vm1);
        assertThat(a.status()).isEqualTo(Status.CURRENT);
        assertThat(a.packageNames()).containsExactly("openssl");
    }

    @Test
    void recordExactlyAtTheLimit_isFresh() {
        AssessmentReducer r = reducer(vm1);
        feed(r, update(vm1.id(), "openssl").at(NOT_BEFORE).build());

        assertThat(r.assessment(vm1).status()).isEqualTo(Status.CURRENT);
    }

    @Test
    void classificationFilter_dropsOtherUpdates_unlessSelected() {
        UpdateRecord[] records = {
            update(vm1.id(), "openssl").classification("Security Updates").at(FRESH).build(),
            update(vm1.id(), "kernel").classification("Critical Updates").at(FRESH).build(),
            update(vm1.id(), "tzdata").classification("Other Updates").at(FRESH).build(),
            update(vm1.id(), "nss").classification("[\"Other\",\"Security\"]").at(FRESH).build(),
        };
        AssessmentReducer securityOnly = reducer(vm1);
        feed(securityOnly, records);
        AssessmentReducer withOther = new AssessmentReducer(List.of(vm1), EnumSet.allOf(Classification.class), NOT_BEFORE);
        feed(withOther, records);
        AssessmentReducer otherOnly = new AssessmentReducer(List.of(vm1), EnumSet.of(Classification.OTHER), NOT_BEFORE);
        feed(otherOnly, records);

        assertThat(securityOnly.assessment(vm1).packageNames()).containsExactly("kernel", "nss", "openssl");
        assertThat(withOther.assessment(vm1).packageNames()).containsExactly("kernel", "nss", "openssl", "tzdata");
        assertThat(otherOnly.assessment(vm1).packageNames()).containsExactly("nss", "tzdata");
    }

    @Test
    void heartbeat_makesAMachineWithNothingPendingCurrent() {
        AssessmentReducer r = reducer(vm1, vm2);
        r.machineReported(vm1.id(), FRESH);
        r.machineReported(vm2.id(), STALE);

        assertThat(r.assessment(vm1).status()).isEqualTo(Status.CURRENT);
        assertThat(r.assessment(vm1).packages()).isEmpty();
        assertThat(r.assessment(vm1).lastReport()).isEqualTo(FRESH);
        assertThat(r.assessment(vm2).status()).isEqualTo(Status.STALE);
        assertThat(r.assessment(vm2).lastReport()).isEqualTo(STALE);
    }

    @Test
    void heartbeat_matchesIdsCaseInsensitively_andIgnoresUnknownMachines() {
        AssessmentReducer r = reducer(vm1);
        r.machineReported(vm1.id().toUpperCase(), FRESH);
        r.machineReported(Fleet.vmId("vm9"), FRESH);

        assertThat(r.assessment(vm1).status()).isEqualTo(Status.CURRENT);
    }

    @Test
    void recordIds_matchExactly_caseInsensitively_withOrWithoutTrailingSlash() {
        AssessmentReducer r = reducer(vm1);
        feed(r, update(vm1.id().toUpperCase(), "openssl").at(FRESH).build(),
                update(vm1.id() + "/", "bash").at(FRESH).build(),
                update(" " + vm1.id() + " ", "glibc").at(FRESH).build());

        assertThat(r.assessment(vm1).packageNames()).containsExactly("bash", "glibc", "openssl");
        assertThat(r.accepted()).isEqualTo(3);
        assertThat(r.unmatched()).isZero();
    }

    @Test
    void computerName_isUsedOnlyWhenTheResourceIdIsBlank() {
        AssessmentReducer r = reducer(vm1, vm2);
        feed(r, update("", "openssl").computer("VM1.contoso.local").at(FRESH).build(),
                // has an id (of a machine we do not plan): must not fall back to its computer name
                update(Fleet.vmId("vm9"), "bash").computer("vm1.contoso.local").at(FRESH).build());

        assertThat(r.assessment(vm1).packageNames()).containsExactly("openssl");
        assertThat(r.accepted()).isEqualTo(1);
        assertThat(r.unmatched()).isEqualTo(1);
    }

    @Test
    void computerName_thatTwoMachinesShare_isUnmatched() {
        Machine twinA = Fleet.vm("twin-a").computerName("web01").build();
        Machine twinB = Fleet.vm(Fleet.OTHER_SUBSCRIPTION, "twin-b").computerName("WEB01").build();
        AssessmentReducer r = reducer(twinA, twinB);
        feed(r, update("", "openssl").computer("web01").at(FRESH).build());

        assertThat(r.assessment(twinA).status()).isEqualTo(Status.NOT_REPORTING);
        assertThat(r.assessment(twinB).status()).isEqualTo(Status.NOT_REPORTING);
        assertThat(r.unmatched()).isEqualTo(1);
    }

    @Test
    void arcServer_isFoundByItsResourceNameAsComputer() {
        AssessmentReducer r = reducer(vm1, arc);
        feed(r, update("", "openssl").computer("SRV-ARC").at(FRESH).build());

        assertThat(r.assessment(arc).packageNames()).containsExactly("openssl");
    }

    @Test
    void recordsOfUnknownMachines_areCountedAsUnmatched() {
        AssessmentReducer r = reducer(vm1);
        feed(r, update(vm1.id(), "openssl").at(FRESH).build(),
                update(Fleet.vmId("vm10"), "openssl").at(FRESH).build(),
                update(Fleet.vmId("vm2"), "bash").at(FRESH).build(),
                update("", "bash").computer("unknown").at(FRESH).build(),
                update("", "bash").at(FRESH).build());

        assertThat(r.accepted()).isEqualTo(1);
        assertThat(r.unmatched()).isEqualTo(4);
    }

    @Test
    void versions_takeTheHighestTextOnEqualTimes_deterministically() {
        UpdateRecord a = update(vm1.id(), "openssl").version("1.0.2k-25").at(FRESH).build();
        UpdateRecord b = update(vm1.id(), "openssl").version("1.0.2k-26").at(FRESH).build();
        AssessmentReducer ab = reducer(vm1);
        feed(ab, a, b);
        AssessmentReducer ba = reducer(vm1);
        feed(ba, b, a);

        assertThat(ab.assessment(vm1).packages()).isEqualTo(ba.assessment(vm1).packages())
                .containsExactly(Map.entry("openssl", "1.0.2k-26"));
    }

    @Test
    void equalTimes_neededWinsOverInstalled_inEitherOrder() {
        AssessmentReducer neededFirst = reducer(vm1);
        feed(neededFirst, update(vm1.id(), "openssl").at(FRESH).build(),
                update(vm1.id(), "openssl").installed().at(FRESH).build());
        AssessmentReducer installedFirst = reducer(vm1);
        feed(installedFirst, update(vm1.id(), "openssl").installed().at(FRESH).build(),
                update(vm1.id(), "openssl").at(FRESH).build());

        assertThat(neededFirst.assessment(vm1).packageNames()).containsExactly("openssl");
        assertThat(installedFirst.assessment(vm1).packageNames()).containsExactly("openssl");
    }

    // Reported: of two records equal in time, state and version but not in classification ('Other Updates' and
    // 'Security Updates'), the first to arrive won, so shuffling the rows changed the plan.
    @Test
    void recordsEqualButForClassification_countWithBoth_inEitherOrder() {
        UpdateRecord other = update(vm1.id(), "openssl").version("1.0.2k-26").classification("Other Updates").at(FRESH).build();
        UpdateRecord security = update(vm1.id(), "openssl").version("1.0.2k-26").classification("Security Updates")
                .at(FRESH).build();
        AssessmentReducer otherFirst = reducer(vm1);
        feed(otherFirst, other, security);
        AssessmentReducer securityFirst = reducer(vm1);
        feed(securityFirst, security, other);
        AssessmentReducer otherOnly = new AssessmentReducer(List.of(vm1), EnumSet.of(Classification.OTHER), NOT_BEFORE);
        feed(otherOnly, security, other);

        assertThat(otherFirst.assessment(vm1).packages()).containsExactly(Map.entry("openssl", "1.0.2k-26"));
        assertThat(securityFirst.assessment(vm1).packages()).containsExactly(Map.entry("openssl", "1.0.2k-26"));
        assertThat(otherOnly.assessment(vm1).packageNames()).containsExactly("openssl");
    }

    @Test
    void anOlderOrInstalledRecord_addsNoClassification_toTheWinningOne() {
        UpdateRecord newerOther = update(vm1.id(), "openssl").classification("Other Updates").at(FRESHER).build();
        UpdateRecord olderSecurity = update(vm1.id(), "openssl").classification("Security Updates").at(FRESH).build();
        UpdateRecord neededOther = update(vm1.id(), "tzdata").classification("Other Updates").at(FRESH).build();
        UpdateRecord installedSecurity = update(vm1.id(), "tzdata").classification("Security Updates").installed()
                .at(FRESH).build();
        UpdateRecord otherVersion = update(vm1.id(), "bash").version("4.2.46-35").classification("Other Updates")
                .at(FRESH).build();
        UpdateRecord lowerVersionSecurity = update(vm1.id(), "bash").version("4.2.46-34")
                .classification("Security Updates").at(FRESH).build();
        AssessmentReducer r = reducer(vm1);
        feed(r, newerOther, olderSecurity, neededOther, installedSecurity, otherVersion, lowerVersionSecurity);

        assertThat(r.assessment(vm1).packages()).isEmpty();
    }

    @Test
    void architecturesNeedingDifferentVersions_listThePackageOnce_withTheHighestVersion() {
        for (boolean x86First : new boolean[] {true, false}) {
            UpdateRecord x86 = update(vm1.id(), "glibc").arch("x86_64").version("2.17-326").at(FRESH).build();
            UpdateRecord i686 = update(vm1.id(), "glibc").arch("i686").version("2.17-327").at(FRESH).build();
            AssessmentReducer r = reducer(vm1);
            feed(r, x86First ? x86 : i686, x86First ? i686 : x86);

            assertThat(r.assessment(vm1).packages()).as("x86_64 first: %s", x86First)
                    .containsExactly(Map.entry("glibc", "2.17-327"));
        }
    }

    @Test
    void warnings_areCollectedInOrder() {
        AssessmentReducer r = reducer(vm1);
        r.warning("partial answer");
        r.warning("workspace 2 timed out");

        assertThat(r.warnings()).containsExactly("partial answer", "workspace 2 timed out");
    }

    @Test
    void constructor_rejectsEmptyClassifications() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AssessmentReducer(List.of(vm1), EnumSet.noneOf(Classification.class), NOT_BEFORE))
                .withMessageStartingWith("Invalid classifications []");
    }

    @Test
    void updateRecord_rejectsNoClassification() {
        assertThatIllegalArgumentException().isThrownBy(() -> new UpdateRecord(vm1.id(), null, "openssl", "", null,
                EnumSet.noneOf(Classification.class), true, FRESH))
                .withMessage("Invalid update record: no classification");
    }

    @Test
    void isNeededState_isCaseInsensitive() {
        assertThat(UpdateRecord.isNeededState("Needed")).isTrue();
        assertThat(UpdateRecord.isNeededState(" NEEDED ")).isTrue();
        assertThat(UpdateRecord.isNeededState("Installed")).isFalse();
        assertThat(UpdateRecord.isNeededState("NotNeeded")).isFalse();
        assertThat(UpdateRecord.isNeededState(null)).isFalse();
    }

    @Test
    void anyOrderOfTheRecords_givesTheSameAssessments() {
        // Few times, versions and states: many ties, newer-wins and needed-wins decisions in every order.
        List<Machine> machines = List.of(vm1, vm2, arc, Fleet.vm("vm3").build());
        Classification[] kinds = Classification.values();
        for (long seed = 1; seed <= 500; seed++) {
            java.util.Random random = new java.util.Random(seed);
            java.util.List<java.util.function.Consumer<AssessmentSink>> records = new java.util.ArrayList<>();
            int events = 1 + random.nextInt(40);
            for (int i = 0; i < events; i++) {
                Machine m = random.nextInt(10) == 0 ? Fleet.vm("other").build() : machines.get(random.nextInt(4));
                if (random.nextInt(8) == 0) { // a heartbeat (Resource Graph summary), fresh or stale
                    Instant at = random.nextBoolean() ? STALE : FRESH;
                    records.add(sink -> sink.machineReported(m.id(), at));
                    continue;
                }
                Fleet.UpdateBuilder b = update(m.id(), "pkg" + random.nextInt(4))
                        .arch(random.nextBoolean() ? "x86_64" : "noarch")
                        .version(random.nextInt(3) == 0 ? null : "1." + random.nextInt(2))
                        .classifications(kinds[random.nextInt(kinds.length)])
                        .at(random.nextInt(6) == 0 ? STALE : NOW.minus(Duration.ofMinutes(random.nextInt(3))));
                UpdateRecord r = random.nextBoolean() ? b.installed().build() : b.build();
                records.add(sink -> sink.accept(r));
            }
            AssessmentReducer inOrder = reducer(machines.toArray(new Machine[0]));
            records.forEach(r -> r.accept(inOrder));
            java.util.Collections.shuffle(records, random);
            AssessmentReducer shuffled = reducer(machines.toArray(new Machine[0]));
            records.forEach(r -> r.accept(shuffled));

            for (Machine m : machines) {
                MachineAssessment expected = inOrder.assessment(m);
                MachineAssessment actual = shuffled.assessment(m);
                assertThat(actual.status()).as("seed %d, %s", seed, m.name()).isEqualTo(expected.status());
                assertThat(actual.lastReport()).as("seed %d, %s", seed, m.name()).isEqualTo(expected.lastReport());
                assertThat(actual.packages()).as("seed %d, %s", seed, m.name()).isEqualTo(expected.packages());
            }
            assertThat(shuffled.accepted()).isEqualTo(inOrder.accepted());
            assertThat(shuffled.unmatched()).isEqualTo(inOrder.unmatched());
        }
    }

    // Issue 14.1: 23 hostile names became packages (masks handed to yum); expected: ignored, one warning per machine.
    @Test
    void recordsWithNamesThatAreNotRpmNames_areIgnored_withOneWarningPerMachine_andTheRestIsPlanned() {
        List<String> hostile = List.of("*", "kernel*", "-y", "--exclude=x", "foo;rm -rf /", "$(reboot)", "`id`",
                "a b", "/etc/passwd", "..", ".", "x\u0000", "x\ny", "\u001b[2J", "x".repeat(10_000), "open\u202essl",
                "open\u200bssl", "openssl=1.0.2k", "systemd\ud800", "a?b", "[ab]", "", " ", "gl..ibc", "%{name}");
        AssessmentReducer r = reducer(vm1, vm2);
        feed(r, update(vm1.id(), "openssl").at(FRESH).build());
        for (String name : hostile) {
            r.accept(update(vm1.id(), name).at(FRESH).build());
        }
        feed(r, update(vm1.id(), "bash").version("4.2.46-35*").at(FRESH).build(), // a wildcard in a pin
                update(vm2.id(), "gcc-c++").version("1:4.8.5-44.el7").at(FRESH).build(),
                update(vm2.id(), "python3.11-libs").at(FRESH).build(),
                update(vm2.id(), "_underscore").at(FRESH).build());

        assertThat(r.assessment(vm1).packageNames()).containsExactly("openssl");
        assertThat(r.assessment(vm2).packageNames()).containsExactly("_underscore", "gcc-c++", "python3.11-libs");
        assertThat(r.warnings()).containsExactly(vm1.id() + ": " + (hostile.size() + 1)
                + " assessment records ignored, first package '*'; " + PackageNames.RULE
                + ", a version ASCII letters, digits and . _ + ~ ^ - :");
    }

    // Issue 14.1: a blank Product refused the whole snapshot; expected one ignored row and one warning.
    @Test
    void blankName_isOneIgnoredRecord_quotedInTheWarning() {
        AssessmentReducer r = reducer(vm1);
        feed(r, update(vm1.id(), " ").at(FRESH).build(), update(vm1.id(), "openssl").at(FRESH).build());

        assertThat(r.assessment(vm1).packageNames()).containsExactly("openssl");
        assertThat(r.warnings()).singleElement().asString()
                .startsWith(vm1.id() + ": 1 assessment record ignored, first with a blank package name ' '; ");
    }

    // Issue 14.3: a lone surrogate came out as '?', a yum wildcard; expected the record ignored and the name escaped.
    @Test
    void loneSurrogate_isIgnored_andEscapedInTheWarning() {
        AssessmentReducer r = reducer(vm1);
        feed(r, update(vm1.id(), "systemd\ud800").at(FRESH).build());

        assertThat(r.assessment(vm1).status()).isEqualTo(Status.CURRENT);
        assertThat(r.assessment(vm1).packages()).isEmpty();
        assertThat(r.warnings()).singleElement().asString().contains("first package 'systemd\\ud800'")
                .doesNotContain("\ud800");
    }

    @Test
    void staleRecordsWithBadNames_areNotCounted() {
        AssessmentReducer r = reducer(vm1);
        feed(r, update(vm1.id(), "*").at(STALE).build());

        assertThat(r.warnings()).isEmpty();
    }
}
