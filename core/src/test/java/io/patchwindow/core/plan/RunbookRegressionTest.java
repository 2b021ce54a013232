package io.patchwindow.core.plan;

import static io.patchwindow.core.testing.Fleet.centosVm;
import static io.patchwindow.core.testing.Fleet.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.testing.Fleet;
import io.patchwindow.core.testing.InMemoryAssessmentSource;
import org.junit.jupiter.api.Test;

/** The defects of the original runbooks (docs/contracts.md#the-original-runbooks), each pinned by a test. */
class RunbookRegressionTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static Plan plan(Instant now, Policy policy, List<Machine> machines, InMemoryAssessmentSource source) {
        return Planner.of(policy).plan(machines, source, List.of(), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void rowsAreMatchedByExactId_notBySubstring() {
        // Reported: rows were matched by substring of the resource id, so vm1 got vm10's updates.
        // Expected: exact, case-insensitive id match; vm1 has no rows of its own, so it is not reporting.
        Instant now = Instant.parse("2026-11-25T10:17:00Z");
        Machine vm1 = centosVm("vm1", "CENTOS-Q-FRI-12:00");
        Machine vm10 = centosVm("vm10", "CENTOS-Q-FRI-12:00");
        InMemoryAssessmentSource source = InMemoryAssessmentSource.of(
                update(vm10.id().toUpperCase(), "openssl").at(now.minusSeconds(3600)).build());

        Plan p = plan(now, Policy.defaults(), List.of(vm1, vm10), source);

        assertThat(p.deployments()).singleElement().satisfies(d -> {
            assertThat(d.machineIds()).containsExactly(vm10.id());
            assertThat(d.packages()).containsExactly("openssl");
        });
        assertThat(p.skipped()).extracting(Skip::machineId, Skip::reason)
                .containsExactly(tuple(vm1.id(), SkipReason.NO_ASSESSMENT));
    }

    @Test
    void sameVmNameInTwoSubscriptions_getsTwoDeployments() {
        // Reported: deployments were named from tag + VM name, so two VMs called app01 in two subscriptions
        // overwrote each other. Expected: distinct names (hash of the resource id), both planned.
        Instant now = Instant.parse("2026-11-25T10:17:00Z");
        Machine a = Fleet.vm(Fleet.SUBSCRIPTION, "app01").tag("patch", "CENTOS-Q-FRI-12:00").build();
        Machine b = Fleet.vm(Fleet.OTHER_SUBSCRIPTION, "app01").tag("patch", "CENTOS-Q-FRI-12:00").build();
        InMemoryAssessmentSource source = InMemoryAssessmentSource.of(
                update(a.id(), "openssl").at(now.minusSeconds(60)).build(),
                update(b.id(), "bash").at(now.minusSeconds(60)).build());

        Plan p = plan(now, Policy.defaults(), List.of(a, b), source);

        assertThat(p.deployments()).hasSize(2).extracting(Deployment::name).doesNotHaveDuplicates()
                .allMatch(n -> n.matches("pw-[PQR]-app01-[0-9a-f]{16}"));
        assertThat(p.deployments()).extracting(d -> d.machineIds().get(0), Deployment::packages)
                .containsExactlyInAnyOrder(tuple(a.id(), List.of("openssl")), tuple(b.id(), List.of("bash")));
    }

    @Test
    void runShortlyAfterTheParisWindow_schedulesNextWeek_notInThePast() {
        // Reported: the runner's UTC clock was compared with a Paris wall-clock window: on Monday 02:05 UTC
        // (03:05 Paris) MON-03:00 was scheduled today at 03:00 Paris, already past. Expected: next Monday.
        Instant now = Instant.parse("2026-11-30T02:05:00Z");
        Machine vm = centosVm("vm1", "CENTOS-Q-MON-03:00");

        Plan p = plan(now, Policy.defaults(), List.of(vm),
                InMemoryAssessmentSource.of(update(vm.id(), "openssl").at(now.minusSeconds(600)).build()));

        ZonedDateTime start = p.deployments().get(0).start();
        assertThat(start).isEqualTo(ZonedDateTime.of(2026, 12, 7, 3, 0, 0, 0, PARIS));
        assertThat(start.toInstant()).isAfter(now);
    }

    @Test
    void windowCloserThanTheLeadTime_isNextWeek() {
        // Reported: no lead time, so a window minutes away was created and refused by Automation (5 min minimum).
        // Expected: Monday 01:55 UTC = 02:55 Paris; 03:00 Paris is 5 min away, under the 10-min lead: next Monday.
        Instant now = Instant.parse("2026-11-30T01:55:00Z");
        Machine vm = centosVm("vm1", "CENTOS-Q-MON-03:00");
        InMemoryAssessmentSource source = InMemoryAssessmentSource.of(update(vm.id(), "openssl").at(now.minusSeconds(600)).build());

        ZonedDateTime withLead = plan(now, Policy.defaults(), List.of(vm), source).deployments().get(0).start();
        ZonedDateTime withoutLead = plan(now, Policy.builder().leadTime(Duration.ZERO).build(), List.of(vm), source)
                .deployments().get(0).start();

        assertThat(withLead).isEqualTo(ZonedDateTime.of(2026, 12, 7, 3, 0, 0, 0, PARIS));
        assertThat(withoutLead).isEqualTo(ZonedDateTime.of(2026, 11, 30, 3, 0, 0, 0, PARIS));
        assertThat(withoutLead.toInstant()).isEqualTo(Instant.parse("2026-11-30T02:00:00Z"));
    }

    @Test
    void packageWithTwoArchitectures_isListedOnce() {
        // Reported: a package was listed once per architecture (vim-minimal x86_64 and i686), twice in the masks.
        // Expected: listed once.
        Instant now = Instant.parse("2026-11-25T10:17:00Z");
        Machine vm = centosVm("vm1", "CENTOS-Q-FRI-12:00");
        InMemoryAssessmentSource source = InMemoryAssessmentSource.of(
                update(vm.id(), "vim-minimal").arch("x86_64").version("7.4.629-8.el7_9").at(now.minusSeconds(60)).build(),
                update(vm.id(), "vim-minimal").arch("i686").version("7.4.629-8.el7_9").at(now.minusSeconds(60)).build());

        Deployment d = plan(now, Policy.defaults(), List.of(vm), source).deployments().get(0);

        assertThat(d.packages()).containsExactly("vim-minimal");
        assertThat(d.packageMasks(true)).containsExactly("vim-minimal=7.4.629-8.el7_9");
    }

    @Test
    void centosMatchIsCaseInsensitive_andGuestOsNameIsUsedWithoutImage() {
        // Reported: the image offer was matched against 'CentOS' case-sensitively and VMs without an image
        // reference were dropped. Expected: 'centos' anywhere, any case; the guest OS name when no image.
        Instant now = Instant.parse("2026-11-25T10:17:00Z");
        Machine lower = Fleet.vm("vm1").tag("patch", "CENTOS-Q-FRI-12:00")
                .os(io.patchwindow.core.inventory.OsFacts.marketplace("OpenLogic", "centos-7", "7_9")).build();
        Machine noImage = Fleet.vm("vm2").tag("patch", "CENTOS-Q-FRI-12:00")
                .os(new io.patchwindow.core.inventory.OsFacts(null, null, null, null, "CentOS Linux 7", null, "Linux")).build();
        InMemoryAssessmentSource source = InMemoryAssessmentSource.of(
                update(lower.id(), "openssl").at(now.minusSeconds(60)).build(),
                update(noImage.id(), "openssl").at(now.minusSeconds(60)).build());

        Plan p = plan(now, Policy.defaults(), List.of(lower, noImage), source);

        assertThat(p.skipped()).isEmpty();
        assertThat(p.deployments()).hasSize(2);
    }
}
