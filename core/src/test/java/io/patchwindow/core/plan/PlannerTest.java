package io.patchwindow.core.plan;

import static io.patchwindow.core.testing.Fleet.centosVm;
import static io.patchwindow.core.testing.Fleet.needed;
import static io.patchwindow.core.testing.Fleet.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.patchwindow.core.assessment.Classification;
import io.patchwindow.core.assessment.UpdateRecord;
import io.patchwindow.core.deployment.ActionKind;
import io.patchwindow.core.deployment.ActionResult;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.deployment.DeploymentAction;
import io.patchwindow.core.deployment.ExistingDeployment;
import io.patchwindow.core.deployment.Reboot;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.inventory.OsFacts;
import io.patchwindow.core.inventory.PatchSettings;
import io.patchwindow.core.port.AssessmentRequest;
import io.patchwindow.core.port.DeploymentTarget;
import io.patchwindow.core.tag.TagGrammar;
import io.patchwindow.core.testing.Fleet;
import io.patchwindow.core.testing.InMemoryAssessmentSource;
import io.patchwindow.core.testing.InMemoryDeploymentTarget;
import io.patchwindow.core.testing.InMemoryInventory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PlannerTest {
    /** Wednesday 2026-11-25 10:17 UTC = 11:17 in Paris (+01:00). */
    private static final Instant NOW = Instant.parse("2026-11-25T10:17:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Instant FRESH = NOW.minus(Duration.ofHours(1));
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static Plan plan(Policy policy, List<Machine> machines, UpdateRecord... records) {
        return Planner.of(policy).plan(machines, InMemoryAssessmentSource.of(records), List.of(), CLOCK);
    }

    private static Plan plan(List<Machine> machines, UpdateRecord... records) {
        return plan(Policy.defaults(), machines, records);
    }

    private static Skip onlySkip(Plan plan) {
        assertThat(plan.skipped()).hasSize(1);
        assertThat(plan.deployments()).isEmpty();
        return plan.skipped().get(0);
    }

    @Nested
    class SkipReasons {
        @Test
        void noPatchTag() {
            Machine untagged = Fleet.vm("vm1").tag("owner", "ops").build();
            Machine bare = Fleet.vm("vm2").build();

            Plan p = plan(List.of(untagged, bare));

            assertThat(p.skipped()).extracting(Skip::machineId, Skip::reason, Skip::detail).containsExactly(
                    tuple(untagged.id(), SkipReason.NO_PATCH_TAG, "no tag 'patch' (tags: [owner])"),
                    tuple(bare.id(), SkipReason.NO_PATCH_TAG, "no tag 'patch' (the machine has no tags)"));
        }

        @Test
        void invalidPatchTag_carriesTheGrammarMessage() {
            Machine vm = centosVm("vm1", "CENTOS-P-MON-04:00");

            Skip s = onlySkip(plan(List.of(vm), needed(vm.id(), "openssl", FRESH)));

            assertThat(s.reason()).isEqualTo(SkipReason.INVALID_PATCH_TAG);
            assertThat(s.detail())
                    .isEqualTo("Invalid patch tag 'CENTOS-P-MON-04:00': hour '04:00' is not one of [03:00, 12:00, 22:00]");
        }

        @Test
        void invalidPatchTag_whenPatchTzIsOutsideTheBackendsZoneRule() {
            // issue 14.6: a zone the backend cannot write skips the machine at plan time, the rest is planned
            Policy policy = Policy.builder().zoneRule(z -> !z.getId().startsWith("Antarctica/"),
                    "a zone outside Antarctica, e.g. Europe/Paris").build();
            Machine troll = Fleet.vm("vm1").tag("patch", "CENTOS-Q-FRI-12:00").tag("patch-tz", "Antarctica/Troll").build();
            Machine paris = Fleet.vm("vm2").tag("patch", "CENTOS-Q-FRI-12:00").tag("patch-tz", "Europe/Paris").build();

            Plan p = plan(policy, List.of(troll, paris), needed(troll.id(), "openssl", FRESH),
                    needed(paris.id(), "openssl", FRESH));

            assertThat(p.deployments()).singleElement().satisfies(d -> assertThat(d.machineIds()).containsExactly(paris.id()));
            assertThat(p.skipped()).extracting(Skip::reason, Skip::detail).containsExactly(tuple(SkipReason.INVALID_PATCH_TAG,
                    "tag 'patch-tz' value 'Antarctica/Troll': the backend cannot write this zone; expected a zone outside "
                            + "Antarctica, e.g. Europe/Paris"));
        }

        @Test
        void invalidPatchTag_whenPatchTzIsNotAnIanaZone() {
            Machine mars = Fleet.vm("vm1").tag("patch", "CENTOS-Q-FRI-12:00").tag("patch-tz", "Mars/Olympus").build();
            Machine offset = Fleet.vm("vm2").tag("patch", "CENTOS-Q-FRI-12:00").tag("Patch-TZ", "+01:00").build();

            Plan p = plan(List.of(mars, offset), needed(mars.id(), "openssl", FRESH), needed(offset.id(), "openssl", FRESH));

            assertThat(p.deployments()).isEmpty();
            assertThat(p.skipped()).extracting(Skip::reason, Skip::detail).containsExactly(
                    tuple(SkipReason.INVALID_PATCH_TAG,
                            "tag 'patch-tz' value 'Mars/Olympus' is not an IANA time zone id; expected e.g. Europe/Paris"),
                    tuple(SkipReason.INVALID_PATCH_TAG,
                            "tag 'patch-tz' value '+01:00' is not an IANA time zone id; expected e.g. Europe/Paris"));
        }

        // Issue 14.10: 'patch'/'PATCH' and 'patch-tz'/'Patch-TZ' with different values were resolved silently (a
        // production value could be ignored); expected INVALID_PATCH_TAG naming both values.
        @Test
        void invalidPatchTag_whenTagNamesDifferOnlyInCase_withDifferentValues() {
            Machine patch = Fleet.vm("vm1").tag("patch", "CENTOS-Q-FRI-12:00").tag("PATCH", "CENTOS-P-FRI-12:00").build();
            Machine zone = Fleet.vm("vm2").tag("patch", "CENTOS-Q-FRI-12:00").tag("patch-tz", "Europe/Paris")
                    .tag("Patch-TZ", "Asia/Tokyo").build();
            Machine same = Fleet.vm("vm3").tag("patch", "CENTOS-Q-FRI-12:00").tag("Patch", "CENTOS-Q-FRI-12:00").build();

            Plan p = plan(List.of(patch, zone, same), needed(patch.id(), "openssl", FRESH),
                    needed(zone.id(), "openssl", FRESH), needed(same.id(), "openssl", FRESH));

            assertThat(p.skipped()).extracting(Skip::reason, Skip::detail).containsExactly(
                    tuple(SkipReason.INVALID_PATCH_TAG, "tags 'PATCH' = 'CENTOS-P-FRI-12:00', 'patch' = 'CENTOS-Q-FRI-12:00' "
                            + "differ only in the case of their names and have different values; expected one tag 'patch'"),
                    tuple(SkipReason.INVALID_PATCH_TAG, "tags 'Patch-TZ' = 'Asia/Tokyo', 'patch-tz' = 'Europe/Paris' "
                            + "differ only in the case of their names and have different values; expected one tag 'patch-tz'"));
            assertThat(p.deployments()).singleElement().satisfies(d -> assertThat(d.machineIds()).containsExactly(same.id()));
        }

        @Test
        void otherEnvironment() {
            Machine prod = centosVm("vm1", "CENTOS-P-MON-03:00");

            Skip s = onlySkip(plan(Policy.builder().environments("Q", "R").build(), List.of(prod),
                    needed(prod.id(), "openssl", FRESH)));

            assertThat(s.reason()).isEqualTo(SkipReason.OTHER_ENVIRONMENT);
            assertThat(s.detail()).isEqualTo("environment 'P' is not selected [Q, R]");
        }

        @Test
        void osNotSelected() {
            Machine ubuntu = Fleet.vm("vm1").tag("patch", "CENTOS-Q-FRI-12:00")
                    .os(OsFacts.marketplace("Canonical", "UbuntuServer", "18.04-LTS")).build();

            Skip s = onlySkip(plan(List.of(ubuntu), needed(ubuntu.id(), "openssl", FRESH)));

            assertThat(s.reason()).isEqualTo(SkipReason.OS_NOT_SELECTED);
            assertThat(s.detail()).isEqualTo("image offer 'UbuntuServer' matches none of [centos]");
        }

        @Test
        void osUnknown() {
            Machine unknown = Fleet.vm("vm1").tag("patch", "CENTOS-Q-FRI-12:00").os(OsFacts.NONE).build();

            Skip s = onlySkip(plan(List.of(unknown), needed(unknown.id(), "openssl", FRESH)));

            assertThat(s.reason()).isEqualTo(SkipReason.OS_UNKNOWN);
            assertThat(s.detail()).isEqualTo("no image reference and no OS name reported");
        }

        @Test
        void noAssessment() {
            Machine vm = centosVm("vm1", "CENTOS-Q-FRI-12:00");

            Skip s = onlySkip(plan(List.of(vm)));

            assertThat(s.reason()).isEqualTo(SkipReason.NO_ASSESSMENT);
            assertThat(s.detail()).contains("not reporting");
        }

        @Test
        void assessmentIncomplete_forOneMachine_skipsItWithTheCode_andPlansTheOthers() {
            // issue 16: a cut answer skipped machines as NO_ASSESSMENT and planned one with a partial list
            Machine cut = centosVm("vm1", "CENTOS-Q-FRI-12:00");
            Machine whole = centosVm("vm2", "CENTOS-Q-FRI-12:00");
            io.patchwindow.core.port.AssessmentSource source = (request, sink) -> {
                sink.accept(needed(cut.id(), "openssl", FRESH));
                sink.accept(needed(whole.id(), "openssl", FRESH));
                sink.incomplete(cut.id(), "PartialError/E_LOW_MEMORY_CONDITION", "low memory");
            };

            Plan p = Planner.of(Policy.defaults()).plan(List.of(cut, whole), source, List.of(), CLOCK);

            assertThat(p.deployments()).singleElement().satisfies(d -> assertThat(d.machineIds()).containsExactly(whole.id()));
            assertThat(p.skipped()).singleElement().satisfies(s -> {
                assertThat(s.reason()).isEqualTo(SkipReason.ASSESSMENT_INCOMPLETE);
                assertThat(s.detail()).contains("PartialError/E_LOW_MEMORY_CONDITION").contains("low memory");
            });
            assertThat(p.assessmentIncomplete()).isTrue();
            assertThat(p.warnings()).anyMatch(w -> w.contains("incomplete for 1 machine"));
        }

        @Test
        void assessmentIncomplete_forAll_skipsEveryMachine_neverAsNoAssessment() {
            Machine reporting = centosVm("vm1", "CENTOS-Q-FRI-12:00");
            Machine silent = centosVm("vm2", "CENTOS-Q-FRI-12:00");
            io.patchwindow.core.port.AssessmentSource source = (request, sink) -> {
                sink.accept(needed(reporting.id(), "openssl", FRESH));
                sink.incompleteForAll("ResultTruncated", "page 3 failed");
            };

            Plan p = Planner.of(Policy.defaults()).plan(List.of(reporting, silent), source, List.of(), CLOCK);

            assertThat(p.deployments()).isEmpty();
            assertThat(p.skipped()).extracting(Skip::reason).containsOnly(SkipReason.ASSESSMENT_INCOMPLETE).hasSize(2);
            assertThat(p.skipped()).allSatisfy(s -> assertThat(s.detail()).contains("ResultTruncated"));
        }

        @Test
        void completeAnswer_isNotIncomplete() {
            Machine vm = centosVm("vm1", "CENTOS-Q-FRI-12:00");
            assertThat(plan(List.of(vm), needed(vm.id(), "openssl", FRESH)).assessmentIncomplete()).isFalse();
        }

        @Test
        void staleAssessment() {
            Machine vm = centosVm("vm1", "CENTOS-Q-FRI-12:00");
            Instant old = NOW.minus(Duration.ofHours(6));

            Skip s = onlySkip(plan(List.of(vm), needed(vm.id(), "openssl", old)));

            assertThat(s.reason()).isEqualTo(SkipReason.STALE_ASSESSMENT);
            assertThat(s.detail()).isEqualTo("newest assessment record 2026-11-25T04:17:00Z is older than the limit PT5H "
                    + "(before 2026-11-25T05:17:00Z)");
        }

        // Reported (issue 17.6): the demo snapshot planned without --now skipped every machine as STALE_ASSESSMENT and
        // said nothing more; expected: one warning naming the newest assessment time and the options to use.
        @Test
        void everyAssessedMachineStale_warnsOnce_withTheNewestRecordAndTheOptions() {
            Machine vm1 = centosVm("vm1", "CENTOS-Q-FRI-12:00");
            Machine vm2 = centosVm("vm2", "CENTOS-Q-FRI-12:00");
            Machine silent = centosVm("vm3", "CENTOS-Q-FRI-12:00");
            Instant older = NOW.minus(Duration.ofDays(400));
            Instant newest = NOW.minus(Duration.ofDays(30));

            Plan p = plan(List.of(vm1, vm2, silent), needed(vm1.id(), "openssl", older), needed(vm2.id(), "openssl", newest));

            assertThat(p.warnings()).containsExactly("every assessed machine (2) is STALE_ASSESSMENT: the newest "
                    + "assessment record is 2026-10-26T10:17:00Z, 30 days before now (2026-11-25T10:17:00Z) and older "
                    + "than the limit PT5H; to plan a snapshot as of when it was taken, give --now 2026-10-26T10:17:00Z "
                    + "(the library: now(..)), or raise --max-assessment-age (maxAssessmentAge(..))");
        }

        @Test
        void oneFreshMachine_noStaleWarning() {
            Machine vm1 = centosVm("vm1", "CENTOS-Q-FRI-12:00");
            Machine vm2 = centosVm("vm2", "CENTOS-Q-FRI-12:00");

            Plan p = plan(List.of(vm1, vm2), needed(vm1.id(), "openssl", NOW.minus(Duration.ofDays(9))),
                    needed(vm2.id(), "openssl", FRESH));

            assertThat(p.skipped()).extracting(Skip::reason).containsExactly(SkipReason.STALE_ASSESSMENT);
            assertThat(p.warnings()).isEmpty();
        }

        @Test
        void noSecurityUpdates() {
            Machine vm = centosVm("vm1", "CENTOS-Q-FRI-12:00");

            Skip s = onlySkip(plan(List.of(vm), update(vm.id(), "tzdata").classification("Other Updates").at(FRESH).build(),
                    update(vm.id(), "openssl").installed().at(FRESH).build()));

            assertThat(s.reason()).isEqualTo(SkipReason.NO_SECURITY_UPDATES);
            assertThat(s.detail()).isEqualTo("assessed 2026-11-25T09:17:00Z: no pending update classified Critical or Security");
        }

        @Test
        void noSecurityUpdates_fromAHeartbeatAlone() {
            Machine vm = centosVm("vm1", "CENTOS-Q-FRI-12:00");
            InMemoryAssessmentSource source = InMemoryAssessmentSource.of().withHeartbeat(vm.id(), FRESH);

            Plan p = Planner.of(Policy.defaults()).plan(List.of(vm), source, List.of(), CLOCK);

            assertThat(onlySkip(p).reason()).isEqualTo(SkipReason.NO_SECURITY_UPDATES);
        }

        @Test
        void notReady_whenUpdateManagerNeedsUserSchedulePatchMode() {
            Policy um = Policy.builder().requireUserSchedulePatchMode(true).build();
            Machine unknownMode = centosVm("vm1", "CENTOS-Q-FRI-12:00");
            Machine imageDefault = Fleet.vm("vm2").tag("patch", "CENTOS-Q-FRI-12:00")
                    .patchSettings(new PatchSettings("ImageDefault", false)).build();
            Machine ready = Fleet.vm("vm3").tag("patch", "CENTOS-Q-FRI-12:00")
                    .patchSettings(new PatchSettings("AutomaticByPlatform", true)).build();
            Machine arc = Fleet.arc("srv1").tag("patch", "CENTOS-Q-FRI-12:00").build();
            List<Machine> machines = List.of(unknownMode, imageDefault, ready, arc);
            List<UpdateRecord> records = new ArrayList<>();
            machines.forEach(m -> records.add(needed(m.id(), "openssl", FRESH)));

            Plan p = plan(um, machines, records.toArray(UpdateRecord[]::new));

            assertThat(p.skipped()).extracting(Skip::machineId, Skip::reason).containsExactlyInAnyOrder(
                    tuple(unknownMode.id(), SkipReason.NOT_READY), tuple(imageDefault.id(), SkipReason.NOT_READY));
            assertThat(p.skipped()).filteredOn(s -> s.machineId().equals(imageDefault.id())).singleElement()
                    .extracting(Skip::detail).asString()
                    .contains("found patch mode 'ImageDefault', bypass false", "--fix-patch-mode");
            assertThat(p.deployments()).flatExtracting(Deployment::machineIds).containsExactlyInAnyOrder(ready.id(), arc.id());
            // without the requirement (Automation backend) nobody is NOT_READY
            assertThat(plan(machines, records.toArray(UpdateRecord[]::new)).skipped()).isEmpty();
        }

        @Test
        void duplicateMachine_theFirstEntryIsPlanned() {
            Machine first = centosVm("vm1", "CENTOS-Q-FRI-12:00");
            Machine again = Machine.builder(first.id().toUpperCase(), first.kind()).os(Fleet.CENTOS_IMAGE)
                    .tag("patch", "CENTOS-Q-SAT-03:00").build();

            Plan p = plan(List.of(first, again), needed(first.id(), "openssl", FRESH));

            assertThat(p.skipped()).extracting(Skip::machineId, Skip::reason)
                    .containsExactly(tuple(again.id(), SkipReason.DUPLICATE_MACHINE));
            assertThat(p.deployments()).singleElement().satisfies(d -> {
                assertThat(d.machineIds()).containsExactly(first.id());
                assertThat(d.start().getDayOfWeek()).isEqualTo(java.time.DayOfWeek.FRIDAY);
            });
            assertThat(p.machines()).isEqualTo(2);
            assertThat(p.planned()).isEqualTo(1);
        }

        @Test
        void everyReasonIsCovered() {
            // A guard for this class: a new SkipReason needs a test above (HELD_BACK: PlannerPromotionTest).
            assertThat(SkipReason.values()).extracting(Enum::name).containsExactly("NO_PATCH_TAG", "INVALID_PATCH_TAG",
                    "OTHER_ENVIRONMENT", "OS_NOT_SELECTED", "OS_UNKNOWN", "NO_ASSESSMENT", "STALE_ASSESSMENT",
                    "NO_SECURITY_UPDATES", "NOT_READY", "DUPLICATE_MACHINE", "HELD_BACK", "ASSESSMENT_INCOMPLETE");
        }
    }

    @Nested
    class PlannedDeployments {
        @Test
        void perMachine_carriesNameStartZoneDurationRebootAndSortedDistinctPackages() {
            Machine vm = centosVm("vm1", "CENTOS-Q-FRI-12:00");

            Plan p = plan(List.of(vm),
                    update(vm.id(), "vim-minimal").arch("x86_64").at(FRESH).build(),
                    update(vm.id(), "openssl").classification("Critical Updates").at(FRESH).build(),
                    update(vm.id(), "vim-minimal").arch("i686").at(FRESH).build(),
                    update(vm.id(), "glibc").at(FRESH).build(),
                    update(vm.id(), "tzdata").classification("Other Updates").at(FRESH).build());

            Deployment d = p.deployments().get(0);
            assertThat(p.deployments()).hasSize(1);
            assertThat(d.name()).isEqualTo("pw-Q-vm1-8488f9093a100ff0");
            assertThat(d.machineIds()).containsExactly(vm.id());
            assertThat(d.start()).isEqualTo(ZonedDateTime.of(2026, 11, 27, 12, 0, 0, 0, PARIS));
            assertThat(d.timeZone()).isEqualTo(PARIS);
            assertThat(d.duration()).isEqualTo(Duration.ofHours(2));
            assertThat(d.reboot()).isEqualTo(Reboot.ALWAYS);
            assertThat(d.packages()).containsExactly("glibc", "openssl", "vim-minimal");
            assertThat(p.actions()).singleElement().extracting(DeploymentAction::kind).isEqualTo(ActionKind.CREATE);
            assertThat(p.actions().get(0).toMap()).containsExactly(
                    Map.entry("name", "pw-Q-vm1-8488f9093a100ff0"),
                    Map.entry("action", "CREATE"),
                    Map.entry("machineIds", List.of(vm.id())),
                    Map.entry("start", "2026-11-27T12:00:00+01:00"),
                    Map.entry("timeZone", "Europe/Paris"),
                    Map.entry("duration", "PT2H"),
                    Map.entry("reboot", "Always"),
                    Map.entry("packages", List.of("glibc", "openssl", "vim-minimal")));
        }

        @Test
        void policy_setsZoneDurationRebootPrefixAndLeadTime() {
            Policy policy = Policy.builder().timeZone(ZoneId.of("America/New_York")).duration(Duration.ofHours(3))
                    .reboot(Reboot.IF_REQUIRED).namePrefix("patch_").leadTime(Duration.ofHours(1)).build();
            // Wednesday 10:17 UTC = 05:17 in New York: WED-03:00 has passed, so next week.
            Machine vm = centosVm("vm1", "CENTOS-R-WED-03:00");

            Deployment d = plan(policy, List.of(vm), needed(vm.id(), "openssl", FRESH)).deployments().get(0);

            assertThat(d.name()).isEqualTo("patch_R-vm1-8488f9093a100ff0");
            assertThat(d.start()).isEqualTo(ZonedDateTime.of(2026, 12, 2, 3, 0, 0, 0, ZoneId.of("America/New_York")));
            assertThat(d.timeZone()).isEqualTo(ZoneId.of("America/New_York"));
            assertThat(d.duration()).isEqualTo(Duration.ofHours(3));
            assertThat(d.reboot()).isEqualTo(Reboot.IF_REQUIRED);
        }

        @Test
        void patchTzTag_overridesThePolicyZone() {
            Machine sydney = Fleet.vm("vm1").tag("patch", "CENTOS-Q-THU-03:00").tag("PATCH-TZ", " Australia/Sydney ").build();

            Deployment d = plan(List.of(sydney), needed(sydney.id(), "openssl", FRESH)).deployments().get(0);

            // Wednesday 10:17 UTC = 21:17 in Sydney (+11:00): Thursday 03:00 is a few hours away.
            assertThat(d.start()).isEqualTo(ZonedDateTime.of(2026, 11, 26, 3, 0, 0, 0, ZoneId.of("Australia/Sydney")));
            assertThat(d.timeZone()).isEqualTo(ZoneId.of("Australia/Sydney"));
        }

        @Test
        void perWindow_groupsByEnvironmentSlotAndZone_andShardsAboveTheLimit() {
            Policy policy = Policy.builder().grouping(Grouping.PER_WINDOW).maxGroupSize(2).build();
            List<Machine> machines = new ArrayList<>();
            List<UpdateRecord> records = new ArrayList<>();
            for (String name : List.of("vm-e", "vm-c", "vm-a", "vm-d", "vm-b")) {
                machines.add(centosVm(name, "CENTOS-Q-WED-12:00"));
            }
            machines.add(centosVm("vm-late", "CENTOS-Q-WED-22:00"));
            machines.add(centosVm("vm-r", "CENTOS-R-WED-12:00"));
            machines.add(Fleet.vm("vm-ny").tag("patch", "CENTOS-Q-WED-12:00").tag("patch-tz", "America/New_York").build());
            for (Machine m : machines) {
                records.add(needed(m.id(), "pkg-" + m.name(), FRESH));
                records.add(needed(m.id(), "openssl", FRESH));
            }

            Plan p = plan(policy, machines, records.toArray(UpdateRecord[]::new));

            assertThat(p.deployments()).extracting(Deployment::name, d -> d.machineIds().size()).containsExactly(
                    tuple("pw-Q-WED-1200-acb2a328", 1),
                    tuple("pw-Q-WED-1200-cc31b47c", 2),
                    tuple("pw-Q-WED-1200-cc31b47c-2", 2),
                    tuple("pw-Q-WED-1200-cc31b47c-3", 1),
                    tuple("pw-Q-WED-2200-cc31b47c", 1),
                    tuple("pw-R-WED-1200-cc31b47c", 1));
            Deployment shard1 = p.deployments().get(1);
            Deployment shard3 = p.deployments().get(3);
            assertThat(shard1.machineIds()).containsExactly(Fleet.vmId("vm-a"), Fleet.vmId("vm-b"));
            assertThat(shard1.packages()).containsExactly("openssl", "pkg-vm-a", "pkg-vm-b");
            assertThat(shard3.machineIds()).containsExactly(Fleet.vmId("vm-e"));
            // Wednesday 10:17 UTC = 11:17 Paris: 12:00 today is 43 minutes away, beyond the 10-minute lead.
            assertThat(shard1.start()).isEqualTo(ZonedDateTime.of(2026, 11, 25, 12, 0, 0, 0, PARIS)).isEqualTo(shard3.start());
            assertThat(p.deployments().get(0).start())
                    .isEqualTo(ZonedDateTime.of(2026, 11, 25, 12, 0, 0, 0, ZoneId.of("America/New_York")));
            assertThat(p.planned()).isEqualTo(8);
        }

        @Test
        void summary_countsMachinesAsPlannedPlusSkipped() {
            Machine planned1 = centosVm("vm1", "CENTOS-Q-FRI-12:00");
            Machine planned2 = centosVm("vm2", "CENTOS-R-SAT-03:00");
            Machine invalid = centosVm("vm3", "CENTOS-Q-FRI-13:00");
            Machine silent = centosVm("vm4", "CENTOS-Q-FRI-12:00");

            Plan p = plan(List.of(planned1, planned2, invalid, silent),
                    needed(planned1.id(), "openssl", FRESH), needed(planned2.id(), "openssl", FRESH));

            assertThat(p.toMap().get("summary")).isEqualTo(Map.of("machines", 4, "planned", 2, "skipped", 2,
                    "actions", Map.of("CREATE", 2, "UPDATE", 0, "KEEP", 0, "DELETE", 0)));
            assertThat(p.machines()).isEqualTo(p.planned() + p.skipped().size());
            assertThat(p.toMap()).containsKeys("schema", "generatedAt", "policy", "deployments", "skipped", "summary")
                    .doesNotContainKey("warnings")
                    .containsEntry("schema", "patchwindow.plan/v1")
                    .containsEntry("generatedAt", "2026-11-25T10:17:00Z");
        }

        @Test
        void assessmentRequest_asksForTheSelectedMachinesOnly_withTheFreshnessLimit() {
            Machine selected = centosVm("vm1", "CENTOS-Q-FRI-12:00");
            Machine untagged = Fleet.vm("vm2").build();
            InMemoryAssessmentSource source = InMemoryAssessmentSource.of(needed(selected.id(), "openssl", FRESH));

            Planner.of(Policy.defaults()).plan(List.of(selected, untagged), source, List.of(), CLOCK);

            assertThat(source.requests()).containsExactly(
                    new AssessmentRequest(List.of(selected.id()), NOW.minus(Duration.ofHours(5))));
        }

        @Test
        void warnings_ofToleratedTagsAndOfTheSource_reachThePlan() {
            Policy tolerant = Policy.builder().grammar(TagGrammar.builder().tolerant(true).build()).build();
            Machine vm = centosVm("vm1", " centos-q-fri-12:00");
            InMemoryAssessmentSource source = InMemoryAssessmentSource.of(needed(vm.id(), "openssl", FRESH))
                    .withWarning("partial answer from workspace 1");

            Plan p = Planner.of(tolerant).plan(List.of(vm), source, List.of(), CLOCK);

            assertThat(p.deployments()).hasSize(1);
            assertThat(p.warnings()).containsExactly(
                    vm.id() + ": patch tag ' centos-q-fri-12:00' read as 'CENTOS-Q-FRI-12:00' (white space or lower case tolerated)",
                    "partial answer from workspace 1");
            assertThat(p.toMap()).containsEntry("warnings", p.warnings());
        }
    }

    @Nested
    class Determinism {
        private final Policy policy = Policy.builder().grammar(TagGrammar.builder().tolerant(true).build()).build();

        private List<Machine> fleet() {
            List<Machine> machines = new ArrayList<>();
            String[] tags = {"CENTOS-Q-FRI-12:00", " centos-r-sat-03:00", "CENTOS-P-MON-03:00", "CENTOS-Q-FRI-13:00",
                "centos-q-wed-22:00 ", "CENTOS-R-SUN-22:00"};
            for (int i = 0; i < 30; i++) {
                String tag = tags[i % tags.length];
                machines.add(i % 7 == 0 ? Fleet.arc(String.format("srv-%02d", i)).tag("patch", tag).build()
                        : i % 11 == 0 ? Fleet.vm(String.format("vm-%02d", i)).build()
                        : centosVm(String.format("vm-%02d", i), tag));
            }
            return machines;
        }

        private List<UpdateRecord> records(List<Machine> machines) {
            List<UpdateRecord> out = new ArrayList<>();
            for (int i = 0; i < machines.size(); i++) {
                String id = machines.get(i).id();
                if (i % 5 == 4) {
                    continue;
                }
                out.add(update(id, "openssl").version("1.0.2k-" + i).at(FRESH).build());
                out.add(update(id, "vim-minimal").arch("i686").at(FRESH.plusSeconds(i)).build());
                out.add(update(id, "vim-minimal").arch("x86_64").at(FRESH).build());
                out.add(update(id, "kernel").installed().at(FRESH.plusSeconds(60)).build());
                out.add(update(id, "kernel").at(FRESH).build());
            }
            return out;
        }

        @Test
        void sameInputTwice_givesEqualPlans() {
            List<Machine> machines = fleet();
            List<UpdateRecord> records = records(machines);
            Planner planner = Planner.of(policy);

            Plan a = planner.plan(machines, new InMemoryAssessmentSource(records), List.of(), CLOCK);
            Plan b = planner.plan(machines, new InMemoryAssessmentSource(records), List.of(), CLOCK);

            assertThat(a.toMap()).isEqualTo(b.toMap());
            assertThat(a.deployments()).isEqualTo(b.deployments());
        }

        @Test
        void shuffledInventoryAndRecords_giveTheSamePlan() {
            List<Machine> machines = fleet();
            List<UpdateRecord> records = records(machines);
            Plan expected = Planner.of(policy).plan(machines, new InMemoryAssessmentSource(records), List.of(), CLOCK);
            assertThat(expected.deployments()).isNotEmpty();
            assertThat(expected.skipped()).isNotEmpty();
            assertThat(expected.warnings()).hasSizeGreaterThan(1);

            Random random = new Random(42);
            for (int round = 0; round < 10; round++) {
                List<Machine> m = new ArrayList<>(machines);
                List<UpdateRecord> r = new ArrayList<>(records);
                Collections.shuffle(m, random);
                Collections.shuffle(r, random);
                for (Grouping grouping : Grouping.values()) {
                    Planner planner = Planner.of(policy.toBuilder().grouping(grouping).maxGroupSize(3).build());
                    Plan reference = planner.plan(machines, new InMemoryAssessmentSource(records), List.of(), CLOCK);

                    Plan shuffled = planner.plan(m, new InMemoryAssessmentSource(r), List.of(), CLOCK);

                    assertThat(shuffled.toMap()).as("round %d, %s", round, grouping).isEqualTo(reference.toMap());
                }
            }
        }
    }

    @Nested
    class WithPorts {
        @Test
        void applyingThePlan_thenPlanningAgain_keepsEverything() {
            Machine vm1 = centosVm("vm1", "CENTOS-Q-FRI-12:00");
            Machine vm2 = centosVm("vm2", "CENTOS-R-SAT-03:00");
            InMemoryInventory inventory = InMemoryInventory.of(vm1, vm2);
            InMemoryAssessmentSource source = InMemoryAssessmentSource.of(needed(vm1.id(), "openssl", FRESH),
                    needed(vm2.id(), "bash", FRESH));
            InMemoryDeploymentTarget target = new InMemoryDeploymentTarget();
            Planner planner = Planner.of(Policy.defaults());

            Plan first = planner.plan(inventory, source, target, CLOCK);
            first.actions().forEach(target::apply);
            Plan second = planner.plan(inventory, source, target, CLOCK);

            assertThat(first.count(ActionKind.CREATE)).isEqualTo(2);
            assertThat(target.writes()).isEqualTo(2);
            assertThat(second.actions()).extracting(DeploymentAction::kind).containsOnly(ActionKind.KEEP).hasSize(2);
            second.actions().forEach(target::apply);
            assertThat(target.writes()).isEqualTo(2);
        }

        @Test
        void planningAfterTheWindow_updatesTheSameDeployment_insteadOfAddingOne() {
            Machine vm = centosVm("vm1", "CENTOS-Q-FRI-12:00");
            InMemoryDeploymentTarget target = new InMemoryDeploymentTarget();
            Planner planner = Planner.of(Policy.defaults());
            planner.plan(InMemoryInventory.of(vm), InMemoryAssessmentSource.of(needed(vm.id(), "openssl", FRESH)), target, CLOCK)
                    .actions().forEach(target::apply);
            target.markRun("pw-Q-vm1-8488f9093a100ff0");
            Instant nextWeek = NOW.plus(Duration.ofDays(7));

            Plan p = planner.plan(InMemoryInventory.of(vm),
                    InMemoryAssessmentSource.of(needed(vm.id(), "glibc", nextWeek.minusSeconds(600))), target,
                    Clock.fixed(nextWeek, ZoneOffset.UTC));

            assertThat(p.actions()).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo(ActionKind.UPDATE);
                assertThat(a.name()).isEqualTo("pw-Q-vm1-8488f9093a100ff0");
                assertThat(a.reason()).isEqualTo("start, packages differ");
                assertThat(a.deployment().start()).isEqualTo(ZonedDateTime.of(2026, 12, 4, 12, 0, 0, 0, PARIS));
            });
        }

        @Test
        void aFailedWrite_reportsThePlatformCode_andTheOthersStillApply() {
            Machine vm1 = centosVm("vm1", "CENTOS-Q-FRI-12:00");
            Machine vm2 = centosVm("vm2", "CENTOS-Q-FRI-12:00");
            InMemoryDeploymentTarget target = new InMemoryDeploymentTarget()
                    .failOn("pw-Q-vm1-8488f9093a100ff0", "AuthorizationFailed", "no write permission on the Automation account");
            Plan p = Planner.of(Policy.defaults()).plan(InMemoryInventory.of(vm1, vm2),
                    InMemoryAssessmentSource.of(needed(vm1.id(), "openssl", FRESH), needed(vm2.id(), "openssl", FRESH)),
                    target, CLOCK);

            List<ActionResult> results = new ArrayList<>();
            p.actions().forEach(a -> results.add(target.apply(a)));

            assertThat(results).extracting(r -> r.action().name(), ActionResult::ok, ActionResult::errorCode).containsExactly(
                    tuple("pw-Q-vm1-8488f9093a100ff0", false, "AuthorizationFailed"),
                    tuple(DeploymentNames.forMachine("pw-", "Q", "vm2", vm2.id()), true, null));
            assertThat(results.get(0).toMap()).containsEntry("status", "FAILED")
                    .containsEntry("message", "no write permission on the Automation account");
            assertThat(target.get("pw-Q-vm1-8488f9093a100ff0")).isEmpty();
            assertThat(target.writes()).isEqualTo(1);
        }

        @Test
        void ports_readInventoryThenAssessmentsThenExistingDeployments() {
            // A snapshot file is read in one pass only in this order: machines, rows, then what follows the rows.
            Machine vm = centosVm("vm1", "CENTOS-Q-FRI-12:00");
            List<String> calls = new ArrayList<>();
            InMemoryInventory inventory = InMemoryInventory.of(vm);
            InMemoryAssessmentSource source = InMemoryAssessmentSource.of(needed(vm.id(), "openssl", FRESH));
            InMemoryDeploymentTarget target = new InMemoryDeploymentTarget();
            DeploymentTarget recordingTarget = new DeploymentTarget() {
                @Override
                public List<ExistingDeployment> existing(String namePrefix) {
                    calls.add("existing");
                    return target.existing(namePrefix);
                }

                @Override
                public ActionResult apply(DeploymentAction action) {
                    return target.apply(action);
                }
            };

            Plan p = Planner.of(Policy.defaults()).plan(() -> {
                calls.add("machines");
                return inventory.machines();
            }, (request, sink) -> {
                calls.add("assessments");
                source.read(request, sink);
            }, recordingTarget, CLOCK);

            assertThat(calls).containsExactly("machines", "assessments", "existing");
            assertThat(p.deployments()).singleElement().extracting(Deployment::packages).isEqualTo(List.of("openssl"));
        }

        @Test
        void classificationsOfThePolicy_decideWhatIsPending() {
            Machine vm = centosVm("vm1", "CENTOS-Q-FRI-12:00");
            UpdateRecord other = update(vm.id(), "tzdata").classification("Other Updates").at(FRESH).build();

            Plan p = plan(Policy.builder().classifications(EnumSet.allOf(Classification.class)).build(), List.of(vm), other);

            assertThat(p.deployments()).singleElement().extracting(Deployment::packages).isEqualTo(List.of("tzdata"));
        }
    }
}
