package io.patchwindow.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.patchwindow.core.testing.Fleet;
import org.junit.jupiter.api.Test;

class DeploymentTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZonedDateTime FRIDAY_NOON = ZonedDateTime.of(2026, 11, 27, 12, 0, 0, 0, PARIS);
    private static final Deployment BASE = new Deployment("pw-vm1", List.of(Fleet.vmId("vm1")), FRIDAY_NOON, PARIS,
            Duration.ofHours(2), Reboot.ALWAYS, List.of("openssl"), Map.of("openssl", "1.0.2k"));

    private static Deployment with(List<String> ids, ZonedDateTime start, ZoneId zone, Duration duration, Reboot reboot,
                                   List<String> packages) {
        return new Deployment("pw-other-name", ids, start, zone, duration, reboot, packages, Map.of());
    }

    @Test
    void formatStart_writesSecondsAndTheOffsetOfTheZone_andRefusesNull() {
        ZonedDateTime utc = FRIDAY_NOON.withZoneSameInstant(ZoneId.of("UTC"));

        assertThatThrownBy(() -> Deployment.formatStart(null)).isInstanceOf(NullPointerException.class);
        assertThat(Deployment.formatStart(FRIDAY_NOON)).isEqualTo("2026-11-27T12:00:00+01:00");
        assertThat(Deployment.formatStart(utc)).isEqualTo("2026-11-27T11:00:00Z");
    }

    @Test
    void machinesAndPackages_areSortedWithoutDuplicates_inAnyOrderGiven() {
        String a = Fleet.vmId("a");
        String b = Fleet.vmId("b");
        for (List<String> given : List.of(List.of("bash", "glibc", "openssl"), List.of("openssl", "bash", "glibc"),
                List.of("bash", "bash", "glibc", "openssl", "openssl"), List.of("openssl", "glibc", "bash", "glibc"))) {
            Deployment d = with(given.stream().map(p -> p.equals("bash") ? a : b).toList(), FRIDAY_NOON, PARIS,
                    Duration.ofHours(2), Reboot.ALWAYS, given);

            assertThat(d.packages()).as("%s", given).containsExactly("bash", "glibc", "openssl");
            assertThat(d.machineIds()).as("%s", given).containsExactly(a, b);
        }
    }

    @Test
    void sameAs_ignoresNameVersionsIdCaseAndOffsetNotation() {
        Deployment same = with(List.of(Fleet.vmId("vm1").toUpperCase()), FRIDAY_NOON.withZoneSameInstant(ZoneId.of("UTC"))
                .withZoneSameInstant(PARIS), PARIS, Duration.ofMinutes(120), Reboot.ALWAYS, List.of("openssl"));

        assertThat(BASE.sameAs(same)).isTrue();
        assertThat(same.sameAs(BASE)).isTrue();
        assertThat(BASE.differences(same)).isEmpty();
    }

    @Test
    void sameAs_andDifferences_seeEachField() {
        List<String> ids = BASE.machineIds();
        List<Deployment> others = List.of(
                with(List.of(Fleet.vmId("vm2")), FRIDAY_NOON, PARIS, Duration.ofHours(2), Reboot.ALWAYS, List.of("openssl")),
                with(ids, FRIDAY_NOON.plusMinutes(1), PARIS, Duration.ofHours(2), Reboot.ALWAYS, List.of("openssl")),
                with(ids, FRIDAY_NOON, ZoneId.of("Europe/Berlin"), Duration.ofHours(2), Reboot.ALWAYS, List.of("openssl")),
                with(ids, FRIDAY_NOON, PARIS, Duration.ofHours(3), Reboot.ALWAYS, List.of("openssl")),
                with(ids, FRIDAY_NOON, PARIS, Duration.ofHours(2), Reboot.NEVER, List.of("openssl")),
                with(ids, FRIDAY_NOON, PARIS, Duration.ofHours(2), Reboot.ALWAYS, List.of("openssl", "bash")));
        List<String> fields = List.of("machines", "start", "timeZone", "duration", "reboot", "packages");

        for (int i = 0; i < others.size(); i++) {
            assertThat(BASE.sameAs(others.get(i))).as(fields.get(i)).isFalse();
            assertThat(BASE.differences(others.get(i))).as(fields.get(i)).containsExactly(fields.get(i));
        }
        Deployment everything = with(List.of(Fleet.vmId("vm2")), FRIDAY_NOON.plusDays(1), ZoneId.of("UTC"),
                Duration.ofHours(1), Reboot.IF_REQUIRED, List.of());
        assertThat(BASE.differences(everything)).containsExactlyElementsOf(fields);
    }

    @Test
    void toMap_isThePlanJsonDeployment() {
        assertThat(BASE.toMap()).containsExactly(
                Map.entry("name", "pw-vm1"),
                Map.entry("machineIds", List.of(Fleet.vmId("vm1"))),
                Map.entry("start", "2026-11-27T12:00:00+01:00"),
                Map.entry("timeZone", "Europe/Paris"),
                Map.entry("duration", "PT2H"),
                Map.entry("reboot", "Always"),
                Map.entry("packages", List.of("openssl")));
        assertThat(Deployment.formatStart(ZonedDateTime.of(2026, 7, 1, 3, 0, 0, 0, ZoneId.of("UTC"))))
                .isEqualTo("2026-07-01T03:00:00Z");
    }

    // Issue 14.11: an existing deployment's start with fractions of a second was shown truncated; expected exactly.
    @Test
    void formatStart_keepsFractionsOfASecond_andOffsetSeconds_exactly() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        assertThat(Deployment.formatStart(ZonedDateTime.of(2026, 11, 29, 3, 0, 0, 500_000_000, paris)))
                .isEqualTo("2026-11-29T03:00:00.5+01:00");
        assertThat(Deployment.formatStart(ZonedDateTime.of(2026, 11, 29, 3, 0, 59, 123_456_789, paris)))
                .isEqualTo("2026-11-29T03:00:59.123456789+01:00");
        assertThat(Deployment.formatStart(ZonedDateTime.of(2026, 11, 29, 3, 0, 0, 1, ZoneId.of("UTC"))))
                .isEqualTo("2026-11-29T03:00:00.000000001Z");
        // Paris before 1911 was +00:09:21: the offset's seconds are kept too.
        assertThat(Deployment.formatStart(ZonedDateTime.of(1900, 1, 1, 3, 0, 0, 0, paris)))
                .isEqualTo("1900-01-01T03:00:00+00:09:21");
    }

    @Test
    void action_toMap_putsNameAndActionFirst_andWritesOnlyForCreateUpdateDelete() {
        DeploymentAction create = new DeploymentAction(ActionKind.CREATE, BASE, null, "new");

        assertThat(new ArrayList<>(create.toMap().keySet())).containsExactly("name", "action", "machineIds", "start",
                "timeZone", "duration", "reboot", "packages");
        assertThat(create.toMap()).containsEntry("name", "pw-vm1").containsEntry("action", "CREATE");
        assertThat(create.writes()).isTrue();
        assertThat(new DeploymentAction(ActionKind.UPDATE, BASE, null, "x").writes()).isTrue();
        assertThat(new DeploymentAction(ActionKind.DELETE, BASE, null, "x").writes()).isTrue();
        assertThat(new DeploymentAction(ActionKind.KEEP, BASE, null, "x").writes()).isFalse();
    }

    @Test
    void actionResult_toMap_isOrdered_andFailuresNeedACode() {
        DeploymentAction a = new DeploymentAction(ActionKind.CREATE, BASE, null, "new");

        Map<String, Object> ok = ActionResult.ok(a).toMap();
        assertThat(new ArrayList<>(ok.keySet())).containsExactly("name", "action", "status", "errorCode", "message");
        assertThat(new ArrayList<>(ok.values())).containsExactly("pw-vm1", "CREATE", "OK", null, "");
        assertThat(ActionResult.failed(a, "Conflict", "busy").toMap()).containsEntry("status", "FAILED")
                .containsEntry("errorCode", "Conflict").containsEntry("message", "busy");
        assertThatNullPointerException().isThrownBy(() -> ActionResult.failed(a, null, "x")).withMessage("errorCode");
    }

    @Test
    void applyReport_sortsByNameThenKind_andCounts() {
        DeploymentAction b = new DeploymentAction(ActionKind.CREATE, BASE, null, "new");
        Deployment other = new Deployment("pw-a", BASE.machineIds(), FRIDAY_NOON, PARIS, Duration.ofHours(2),
                Reboot.ALWAYS, List.of(), Map.of());
        DeploymentAction aKeep = new DeploymentAction(ActionKind.KEEP, other, null, "unchanged");
        DeploymentAction aDelete = new DeploymentAction(ActionKind.DELETE, other, null, "expired");

        ApplyReport report = new ApplyReport(List.of(ActionResult.failed(b, "Conflict", "busy"), ActionResult.ok(aDelete),
                ActionResult.ok(aKeep)));

        assertThat(report.results()).extracting(r -> r.action().name(), r -> r.action().kind()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("pw-a", ActionKind.KEEP),
                org.assertj.core.groups.Tuple.tuple("pw-a", ActionKind.DELETE),
                org.assertj.core.groups.Tuple.tuple("pw-vm1", ActionKind.CREATE));
        assertThat(report.anyFailed()).isTrue();
        assertThat(report.failedCount()).isEqualTo(1);
        assertThat(report.writeCount()).isEqualTo(1);
        assertThat(report.toMap()).containsEntry("summary", Map.of("actions", 3, "ok", 2L, "failed", 1L, "writes", 1L));
        assertThat(new ApplyReport(List.of(ActionResult.ok(aKeep))).anyFailed()).isFalse();
    }

    @Test
    void existing_isExpiredWhenTheWindowHasClosed_orItHasNoNextRunAfterItsStart() {
        Instant start = FRIDAY_NOON.toInstant();
        ExistingDeployment pending = new ExistingDeployment(BASE, null, true, start);
        ExistingDeployment ran = new ExistingDeployment(BASE, null, true, null);

        assertThat(pending.name()).isEqualTo("pw-vm1");
        assertThat(pending.expiredAt(start)).isFalse();
        assertThat(pending.expiredAt(start.plus(Duration.ofHours(2)).minusNanos(1))).isFalse();
        assertThat(pending.expiredAt(start.plus(Duration.ofHours(2)))).isTrue();
        assertThat(ran.expiredAt(start.minusNanos(1))).isFalse();
        assertThat(ran.expiredAt(start)).isTrue();
    }
}
