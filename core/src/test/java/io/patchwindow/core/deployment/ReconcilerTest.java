package io.patchwindow.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.patchwindow.core.testing.Fleet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ReconcilerTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:17:00Z");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZonedDateTime FRIDAY_NOON = ZonedDateTime.of(2026, 11, 27, 12, 0, 0, 0, PARIS);
    private static final Reconciler RECONCILER = Reconciler.of("pw-", false);

    private static Deployment deployment(String name, ZonedDateTime start, String... packages) {
        return new Deployment(name, List.of(Fleet.vmId(name.replace("pw-", ""))), start, PARIS, Duration.ofHours(2),
                Reboot.ALWAYS, List.of(packages), Map.of());
    }

    private static ExistingDeployment existing(Deployment d, boolean managed, @Nullable Instant nextRun) {
        return new ExistingDeployment(d, "/subscriptions/" + Fleet.SUBSCRIPTION + "/x/" + d.name(), managed, nextRun);
    }

    private static ExistingDeployment pending(Deployment d) {
        return existing(d, true, d.start().toInstant());
    }

    // Reported by the write side: with --pin-versions a version-only change was KEPT, so the old version stayed
    // pinned; expected: an UPDATE naming the versions, and still KEEP when versions are not pinned.
    @Test
    void versionOnlyChange_isUpdatedWhenPinned_andKeptOtherwise() {
        Deployment planned = new Deployment("pw-vm1", List.of(Fleet.vmId("vm1")), FRIDAY_NOON, PARIS,
                Duration.ofHours(2), Reboot.ALWAYS, List.of("openssl"), Map.of("openssl", "1.0.2k-26"));
        Deployment written = new Deployment("pw-vm1", List.of(Fleet.vmId("vm1")), FRIDAY_NOON, PARIS,
                Duration.ofHours(2), Reboot.ALWAYS, List.of("openssl"), Map.of("openssl", "1.0.2k-25"));

        assertThat(RECONCILER.withPinnedVersions(true).reconcile(List.of(planned), List.of(pending(written)), NOW))
                .extracting(DeploymentAction::kind, DeploymentAction::reason)
                .containsExactly(tuple(ActionKind.UPDATE, "versions differ"));
        assertThat(RECONCILER.reconcile(List.of(planned), List.of(pending(written)), NOW))
                .extracting(DeploymentAction::kind).containsExactly(ActionKind.KEEP);
    }

    @Test
    void plannedAndAbsent_isCreated() {
        Deployment d = deployment("pw-vm1", FRIDAY_NOON, "openssl");

        assertThat(RECONCILER.reconcile(List.of(d), List.of(), NOW))
                .extracting(DeploymentAction::kind, DeploymentAction::deployment, DeploymentAction::existing, DeploymentAction::reason)
                .containsExactly(tuple(ActionKind.CREATE, d, null, "new"));
    }

    @Test
    void plannedAndIdentical_isKept_evenWithOtherCaseIdsAndOffsetNotation() {
        Deployment d = deployment("pw-vm1", FRIDAY_NOON, "openssl", "bash");
        Deployment sameThing = new Deployment("pw-vm1", List.of(d.machineIds().get(0).toUpperCase()),
                FRIDAY_NOON.withZoneSameInstant(ZoneId.of("UTC")).withZoneSameInstant(PARIS), PARIS, Duration.ofMinutes(120),
                Reboot.ALWAYS, List.of("bash", "openssl", "bash"), Map.of("openssl", "1.0"));
        ExistingDeployment e = pending(sameThing);

        List<DeploymentAction> actions = RECONCILER.reconcile(List.of(d), List.of(e), NOW);

        assertThat(actions).extracting(DeploymentAction::kind, DeploymentAction::reason)
                .containsExactly(tuple(ActionKind.KEEP, "unchanged"));
        assertThat(actions.get(0).writes()).isFalse();
        assertThat(actions.get(0).existing()).isSameAs(e);
    }

    @Test
    void plannedAndDifferent_isUpdated_namingWhatDiffers() {
        Deployment planned = deployment("pw-vm1", FRIDAY_NOON, "openssl");
        Deployment otherPackages = deployment("pw-vm1", FRIDAY_NOON, "openssl", "bash");
        Deployment otherStartAndReboot = new Deployment("pw-vm1", planned.machineIds(), FRIDAY_NOON.minusWeeks(1), PARIS,
                Duration.ofHours(2), Reboot.NEVER, planned.packages(), Map.of());
        Deployment otherEverything = new Deployment("pw-vm1", List.of(Fleet.vmId("vm9")), FRIDAY_NOON.plusHours(1),
                ZoneId.of("Europe/Berlin"), Duration.ofHours(3), Reboot.IF_REQUIRED, List.of("bash"), Map.of());

        assertThat(RECONCILER.reconcile(List.of(planned), List.of(pending(otherPackages)), NOW))
                .extracting(DeploymentAction::kind, DeploymentAction::reason)
                .containsExactly(tuple(ActionKind.UPDATE, "packages differ"));
        assertThat(RECONCILER.reconcile(List.of(planned), List.of(pending(otherStartAndReboot)), NOW))
                .extracting(DeploymentAction::kind, DeploymentAction::reason)
                .containsExactly(tuple(ActionKind.UPDATE, "start, reboot differ"));
        assertThat(RECONCILER.reconcile(List.of(planned), List.of(pending(otherEverything)), NOW))
                .extracting(DeploymentAction::reason)
                .containsExactly("machines, start, timeZone, duration, reboot, packages differ");
    }

    @Test
    void update_carriesThePlannedDeployment_andTheExistingOne() {
        Deployment planned = deployment("pw-vm1", FRIDAY_NOON, "openssl");
        ExistingDeployment old = pending(deployment("pw-vm1", FRIDAY_NOON, "bash"));

        DeploymentAction a = RECONCILER.reconcile(List.of(planned), List.of(old), NOW).get(0);

        assertThat(a.deployment()).isSameAs(planned);
        assertThat(a.existing()).isSameAs(old);
        assertThat(a.writes()).isTrue();
    }

    @Test
    void notPlannedAndExpired_isDeleted() {
        Deployment windowClosed = deployment("pw-old", ZonedDateTime.ofInstant(NOW.minus(Duration.ofHours(3)), PARIS));
        Deployment ranAlready = deployment("pw-ran", ZonedDateTime.ofInstant(NOW.minus(Duration.ofMinutes(30)), PARIS));

        List<DeploymentAction> actions = RECONCILER.reconcile(List.of(),
                List.of(existing(windowClosed, true, windowClosed.start().toInstant()), existing(ranAlready, true, null)), NOW);

        assertThat(actions).extracting(DeploymentAction::name, DeploymentAction::kind, DeploymentAction::reason).containsExactly(
                tuple("pw-old", ActionKind.DELETE, "expired"),
                tuple("pw-ran", ActionKind.DELETE, "expired"));
    }

    @Test
    void notPlannedButRunningNow_isNotExpired() {
        Deployment running = deployment("pw-running", ZonedDateTime.ofInstant(NOW.minus(Duration.ofMinutes(30)), PARIS));

        assertThat(RECONCILER.reconcile(List.of(), List.of(existing(running, true, running.start().toInstant())), NOW))
                .extracting(DeploymentAction::kind).containsExactly(ActionKind.KEEP);
    }

    @Test
    void notPlannedAndPending_isKeptUnlessPruning() {
        ExistingDeployment stillPending = pending(deployment("pw-vm2", FRIDAY_NOON, "openssl"));

        assertThat(RECONCILER.reconcile(List.of(), List.of(stillPending), NOW))
                .extracting(DeploymentAction::kind, DeploymentAction::reason)
                .containsExactly(tuple(ActionKind.KEEP, "no longer planned, still pending (delete with --prune)"));
        assertThat(Reconciler.of("pw-", true).reconcile(List.of(), List.of(stillPending), NOW))
                .extracting(DeploymentAction::kind, DeploymentAction::reason)
                .containsExactly(tuple(ActionKind.DELETE, "no longer planned (prune)"));
    }

    @Test
    void unmanagedOrOtherPrefix_isNeverTouched_evenWhenExpiredAndPruning() {
        Deployment expired = deployment("pw-manual", ZonedDateTime.ofInstant(NOW.minus(Duration.ofDays(3)), PARIS));
        ExistingDeployment unmanaged = existing(expired, false, null);
        ExistingDeployment otherPrefix = existing(deployment("CENTOS-P-MON-03:00 => vm1", FRIDAY_NOON.minusWeeks(2)), true, null);

        assertThat(Reconciler.of("pw-", true).reconcile(List.of(), List.of(unmanaged, otherPrefix), NOW)).isEmpty();
    }

    @Test
    void duplicatePlannedNames_areRejected() {
        Deployment a = deployment("pw-vm1", FRIDAY_NOON, "openssl");
        Deployment b = deployment("pw-vm1", FRIDAY_NOON.plusDays(1), "bash");

        assertThatIllegalArgumentException().isThrownBy(() -> RECONCILER.reconcile(List.of(a, b), List.of(), NOW))
                .withMessage("Invalid plan: deployment name 'pw-vm1' is used twice");
    }

    // Reported: names were matched with case, so an existing 'pw-vm1-…' that the platform lists in another case than
    // the plan's 'pw-VM1-…' (Azure names are case-insensitive) was created again and, with --prune, deleted too.
    @Test
    void existingNamedInAnotherCase_isTheSameDeployment() {
        Deployment planned = deployment("pw-VM1", FRIDAY_NOON, "openssl");
        Deployment listed = new Deployment("pw-vm1", planned.machineIds(), FRIDAY_NOON, PARIS, Duration.ofHours(2),
                Reboot.ALWAYS, List.of("openssl"), Map.of());
        Deployment listedOther = new Deployment("pw-vm1", planned.machineIds(), FRIDAY_NOON, PARIS, Duration.ofHours(2),
                Reboot.ALWAYS, List.of("bash"), Map.of());

        assertThat(Reconciler.of("pw-", true).reconcile(List.of(planned), List.of(pending(listed)), NOW))
                .extracting(DeploymentAction::name, DeploymentAction::kind)
                .containsExactly(tuple("pw-VM1", ActionKind.KEEP));
        assertThat(Reconciler.of("pw-", true).reconcile(List.of(planned), List.of(pending(listedOther)), NOW))
                .extracting(DeploymentAction::name, DeploymentAction::kind, DeploymentAction::reason)
                .containsExactly(tuple("pw-VM1", ActionKind.UPDATE, "packages differ"));
    }

    @Test
    void plannedNamesEqualButForCase_areRejected() {
        Deployment a = deployment("pw-vm1", FRIDAY_NOON, "openssl");
        Deployment b = deployment("pw-VM1", FRIDAY_NOON, "openssl");

        assertThatIllegalArgumentException().isThrownBy(() -> RECONCILER.reconcile(List.of(a, b), List.of(), NOW))
                .withMessage("Invalid plan: deployment name 'pw-VM1' is used twice");
    }

    @Test
    void actions_areSortedByName() {
        List<DeploymentAction> actions = RECONCILER.reconcile(
                List.of(deployment("pw-c", FRIDAY_NOON, "x"), deployment("pw-a", FRIDAY_NOON, "x")),
                List.of(pending(deployment("pw-b", FRIDAY_NOON, "x")),
                        existing(deployment("pw-0", FRIDAY_NOON.minusWeeks(1), "x"), true, null)),
                NOW);

        assertThat(actions).extracting(DeploymentAction::name, DeploymentAction::kind).containsExactly(
                tuple("pw-0", ActionKind.DELETE), tuple("pw-a", ActionKind.CREATE), tuple("pw-b", ActionKind.KEEP),
                tuple("pw-c", ActionKind.CREATE));
    }

    @Test
    void expiredAt_isWindowClosedOrNoNextRunAfterStart() {
        Deployment d = deployment("pw-vm1", FRIDAY_NOON, "openssl");
        Instant start = FRIDAY_NOON.toInstant();

        assertThat(existing(d, true, start).expiredAt(start.minusSeconds(1))).isFalse();
        assertThat(existing(d, true, null).expiredAt(start.minusSeconds(1))).isFalse();
        assertThat(existing(d, true, null).expiredAt(start)).isTrue();
        assertThat(existing(d, true, start).expiredAt(start.plus(Duration.ofHours(2)).minusSeconds(1))).isFalse();
        assertThat(existing(d, true, start).expiredAt(start.plus(Duration.ofHours(2)))).isTrue();
    }

    @Test
    void deployment_sortsAndDeduplicatesIdsAndPackages_andValidates() {
        Deployment d = new Deployment("pw-x", List.of("b", "a", "b"), FRIDAY_NOON, PARIS, Duration.ofHours(2), Reboot.ALWAYS,
                List.of("zlib", "bash", "zlib"), Map.of("zlib", "1.2.7-21", "bash", ""));

        assertThat(d.machineIds()).containsExactly("a", "b");
        assertThat(d.packages()).containsExactly("bash", "zlib");
        assertThat(d.packageMasks(true)).containsExactly("bash", "zlib=1.2.7-21");
        assertThat(d.packageMasks(false)).containsExactly("bash", "zlib");
        assertThat(d.end()).isEqualTo(FRIDAY_NOON.plusHours(2));
        assertThatIllegalArgumentException().isThrownBy(() -> new Deployment(" ", List.of(), FRIDAY_NOON, PARIS,
                Duration.ofHours(2), Reboot.ALWAYS, List.of(), Map.of()))
                .withMessage("Invalid deployment name '': must not be blank");
        assertThatIllegalArgumentException().isThrownBy(() -> new Deployment("pw-x", List.of(), FRIDAY_NOON, PARIS,
                Duration.ZERO, Reboot.ALWAYS, List.of(), Map.of()))
                .withMessage("Invalid duration 'PT0S' of deployment 'pw-x': must be positive, e.g. PT2H");
    }

    @Test
    void reboot_parsesApiAndEnumNames() {
        assertThat(Reboot.parse("IfRequired")).isEqualTo(Reboot.IF_REQUIRED);
        assertThat(Reboot.parse("if-required")).isEqualTo(Reboot.IF_REQUIRED);
        assertThat(Reboot.parse("IF_REQUIRED")).isEqualTo(Reboot.IF_REQUIRED);
        assertThat(Reboot.parse("never")).isEqualTo(Reboot.NEVER);
        assertThat(Reboot.parse("AlwaysReboot")).isEqualTo(Reboot.ALWAYS);
        assertThatIllegalArgumentException().isThrownBy(() -> Reboot.parse("sometimes"))
                .withMessage("Invalid reboot setting 'sometimes': expected one of [Always, IfRequired, Never]");
    }

    // ---- scope (issue 14.0): a run for Q,R deleted and rewrote production's deployments.

    private static final Reconciler Q_R = Reconciler.of("pw-", false).withScope(Set.of("Q", "R"));
    private static final Reconciler Q_R_PRUNE = Reconciler.of("pw-", true).withScope(Set.of("Q", "R"));

    private static Deployment named(String name, String machine, ZonedDateTime start) {
        return new Deployment(name, List.of(Fleet.vmId(machine)), start, PARIS, Duration.ofHours(2), Reboot.ALWAYS,
                List.of("openssl"), Map.of());
    }

    // Reported: 'apply --prune --environments Q,R' deleted pw-P-TUE-0300-… and pw-P-WED-2200-…; expected: a
    // deployment of an environment outside the run gets no action at all, pending or expired, with or without prune.
    @Test
    void otherEnvironment_getsNoAction_pendingOrExpired_evenWhenPruning() {
        ExistingDeployment pWindow = pending(named("pw-P-TUE-0300-cc31b47c", "p1", FRIDAY_NOON));
        ExistingDeployment pMachine = pending(named("pw-P-p2-8488f9093a100ff0", "p2", FRIDAY_NOON));
        ExistingDeployment pExpired = existing(named("pw-P-p3-0123456789abcdef", "p3", FRIDAY_NOON.minusWeeks(2)),
                true, null);
        ExistingDeployment qPending = pending(named("pw-Q-WED-1200-cc31b47c", "q1", FRIDAY_NOON));

        assertThat(Q_R_PRUNE.reconcile(List.of(), List.of(pWindow, pMachine, pExpired, qPending), NOW))
                .extracting(DeploymentAction::name, DeploymentAction::kind)
                .containsExactly(tuple("pw-Q-WED-1200-cc31b47c", ActionKind.DELETE));
        assertThat(Q_R.reconcile(List.of(), List.of(pWindow, pMachine, pExpired, qPending), NOW))
                .extracting(DeploymentAction::name, DeploymentAction::kind)
                .containsExactly(tuple("pw-Q-WED-1200-cc31b47c", ActionKind.KEEP));
        assertThat(Q_R.inScope(pWindow)).isFalse();
        assertThat(Q_R.inScope(qPending)).isTrue();
        // without a scope (not what the planner does) every environment is the run's
        assertThat(Reconciler.of("pw-", true).reconcile(List.of(), List.of(pWindow), NOW))
                .extracting(DeploymentAction::kind).containsExactly(ActionKind.DELETE);
    }

    @Test
    void environment_isTheNames_elseTheOneThePlatformRecorded_elseUnknown() {
        ExistingDeployment window = pending(named("pw-P-TUE-0300-cc31b47c", "p1", FRIDAY_NOON));
        ExistingDeployment tagged = pending(named("pw-web01-920ced60", "web01", FRIDAY_NOON)).withEnvironment("P");
        ExistingDeployment tagDisagrees = window.withEnvironment("Q");
        ExistingDeployment legacy = pending(named("pw-web01-920ced60", "web01", FRIDAY_NOON));

        assertThat(Q_R.environmentOf(window)).isEqualTo("P");
        assertThat(Q_R.environmentOf(tagged)).isEqualTo("P");
        assertThat(Q_R.environmentOf(tagDisagrees)).as("a tag can be edited, a name cannot").isEqualTo("P");
        assertThat(Q_R.environmentOf(legacy)).isNull();
        assertThat(Q_R_PRUNE.reconcile(List.of(), List.of(tagged), NOW)).isEmpty();
    }

    // A deployment whose environment cannot be told is deleted only when expired, and the plan says why it is left.
    @Test
    void unknownEnvironment_isLeftAloneUntilExpired_evenWhenPruning_andSaysWhy() {
        ExistingDeployment pending = pending(named("pw-web01-920ced60", "web01", FRIDAY_NOON));
        ExistingDeployment expired = existing(named("pw-db01-0badc0de", "db01", FRIDAY_NOON.minusWeeks(2)), true, null);

        List<DeploymentAction> actions = Q_R_PRUNE.reconcile(List.of(), List.of(pending, expired), NOW);

        assertThat(actions).extracting(DeploymentAction::name, DeploymentAction::kind, DeploymentAction::reason)
                .containsExactly(tuple("pw-db01-0badc0de", ActionKind.DELETE, "expired"),
                        tuple("pw-web01-920ced60", ActionKind.KEEP, "environment unknown (name without environment, "
                                + "made before 0.2): left alone until it expires"));
        assertThat(actions.get(1).existing().environment()).isNull();
    }

    // Issue 14.5: a deployment named in the 8-hex form of before 0.2 is replaced by the new name of its machine when
    // the run plans that machine: DELETE old plus CREATE new, nothing left behind.
    @Test
    void legacyPerMachineName_ofAMachinePlannedNow_isReplaced() {
        Deployment planned = named("pw-Q-web01-920ced6014064849", "web01", FRIDAY_NOON);
        ExistingDeployment old = pending(named("pw-web01-920ced60", "web01", FRIDAY_NOON));
        ExistingDeployment otherMachine = pending(named("pw-web02-1234abcd", "web02", FRIDAY_NOON));

        assertThat(Q_R.reconcile(List.of(planned), List.of(old, otherMachine), NOW))
                .extracting(DeploymentAction::name, DeploymentAction::kind, DeploymentAction::reason)
                .containsExactly(
                        tuple("pw-Q-web01-920ced6014064849", ActionKind.CREATE, "new"),
                        tuple("pw-web01-920ced60", ActionKind.DELETE,
                                "replaced by 'pw-Q-web01-920ced6014064849' (name form before 0.2)"),
                        tuple("pw-web02-1234abcd", ActionKind.KEEP, "environment unknown (name without environment, "
                                + "made before 0.2): left alone until it expires"));
    }

    @Test
    void actions_carryTheEnvironmentFound() {
        ExistingDeployment q = pending(named("pw-Q-WED-1200-cc31b47c", "q1", FRIDAY_NOON));

        assertThat(Q_R.reconcile(List.of(), List.of(q), NOW)).singleElement()
                .satisfies(a -> assertThat(a.existing().environment()).isEqualTo("Q"));
    }

    // ---- issue 14 (fuzz, seeds 4404 and 1): a configuration read back with masks that break the package-name rule
    // ('<script>', '--exclude', '?') was kept as if valid, or, when its only damage was a pin split at '=', compared
    // equal to the plan and was never rewritten. Expected: a damaged deployment is never KEEP within the scope.

    private static final String DAMAGE = "package mask 'openssl=1.0; reboot' pins a version that breaks the version "
            + "rule (...)";

    @Test
    void damaged_andPlanned_isUpdated_evenWhenNothingDiffers_sayingWhy() {
        Deployment planned = named("pw-Q-WED-1200-cc31b47c", "q1", FRIDAY_NOON);
        ExistingDeployment same = pending(planned).withDamage(DAMAGE);
        Deployment other = new Deployment(planned.name(), planned.machineIds(), planned.start(), PARIS,
                Duration.ofHours(2), Reboot.ALWAYS, List.of("openssl=1.0; reboot"), Map.of());
        ExistingDeployment differs = pending(other).withDamage(DAMAGE);

        assertThat(Q_R.reconcile(List.of(planned), List.of(same), NOW))
                .extracting(DeploymentAction::kind, DeploymentAction::reason)
                .containsExactly(tuple(ActionKind.UPDATE, "damaged: " + DAMAGE));
        assertThat(Q_R.reconcile(List.of(planned), List.of(differs), NOW))
                .extracting(DeploymentAction::kind, DeploymentAction::reason)
                .containsExactly(tuple(ActionKind.UPDATE, "packages differ; damaged: " + DAMAGE));
        assertThat(Q_R.reconcile(List.of(planned), List.of(pending(planned)), NOW))
                .extracting(DeploymentAction::kind).containsExactly(ActionKind.KEEP);
    }

    @Test
    void damaged_pendingAndNotPlanned_isDeleted_withoutPrune() {
        ExistingDeployment q = pending(named("pw-Q-WED-1200-cc31b47c", "q1", FRIDAY_NOON)).withDamage(DAMAGE);
        ExistingDeployment intact = pending(named("pw-Q-THU-1200-dd31b47c", "q2", FRIDAY_NOON));

        assertThat(Q_R.reconcile(List.of(), List.of(q, intact), NOW))
                .extracting(DeploymentAction::name, DeploymentAction::kind, DeploymentAction::reason)
                .containsExactly(
                        tuple("pw-Q-THU-1200-dd31b47c", ActionKind.KEEP,
                                "no longer planned, still pending (delete with --prune)"),
                        tuple("pw-Q-WED-1200-cc31b47c", ActionKind.DELETE, "no longer planned; damaged: " + DAMAGE));
    }

    @Test
    void damaged_ofAnotherEnvironment_isLeftAlone_andOfAnUnknownOne_untilItExpires() {
        ExistingDeployment p = pending(named("pw-P-WED-1200-cc31b47c", "p1", FRIDAY_NOON)).withDamage(DAMAGE);
        ExistingDeployment legacy = pending(named("pw-web02-1234abcd", "web02", FRIDAY_NOON)).withDamage(DAMAGE);
        ExistingDeployment expired = existing(named("pw-web03-1234abcd", "web03", FRIDAY_NOON.minusDays(7)), true,
                null).withDamage(DAMAGE);

        assertThat(Q_R_PRUNE.reconcile(List.of(), List.of(p, legacy, expired), NOW))
                .extracting(DeploymentAction::name, DeploymentAction::kind, DeploymentAction::reason)
                .containsExactly(
                        tuple("pw-web02-1234abcd", ActionKind.KEEP, "environment unknown (name without environment, "
                                + "made before 0.2): left alone until it expires; damaged: " + DAMAGE),
                        tuple("pw-web03-1234abcd", ActionKind.DELETE, "expired; damaged: " + DAMAGE));
    }

    @Test
    void aLongDamage_isShortened_soThatTheReasonStaysOneBoundedLine() {
        String damage = "package mask '" + "\uD83D\uDE00".repeat(60) + "x' breaks the package-name rule (" + "y".repeat(100)
                + ")";
        ExistingDeployment legacy = pending(named("pw-web02-1234abcd", "web02", FRIDAY_NOON)).withDamage(damage);

        assertThat(Q_R.reconcile(List.of(), List.of(legacy), NOW)).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(ActionKind.KEEP);
            assertThat(a.reason()).hasSizeLessThanOrEqualTo(300).endsWith("...")
                    .startsWith("environment unknown (name without environment, made before 0.2): left alone until it "
                            + "expires; damaged: package mask '\uD83D\uDE00");
            assertThat(a.reason().codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF)).as("no lone surrogate")
                    .isTrue();
        });
    }

    @Test
    void damage_isOneSafeLine_andSurvivesTheEnvironment() {
        Deployment d = named("pw-Q-WED-1200-cc31b47c", "q1", FRIDAY_NOON);

        assertThat(pending(d).withDamage(DAMAGE).withEnvironment("Q").damage()).isEqualTo(DAMAGE);
        assertThat(pending(d).withDamage(DAMAGE).withDamage(null).damaged()).isFalse();
        for (String bad : List.of("", " ", "a\nb", "mask '\u001b[2J'")) {
            assertThatIllegalArgumentException().isThrownBy(() -> pending(d).withDamage(bad))
                    .withMessageStartingWith("Invalid damage ").withMessageNotContaining("\n")
                    .withMessageContaining("expected one non-blank line without control characters");
        }
    }
}
