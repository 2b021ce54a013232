package io.patchwindow.core.plan;

import static io.patchwindow.core.testing.Fleet.centosVm;
import static io.patchwindow.core.testing.Fleet.update;
import static io.patchwindow.core.testing.InMemoryAdvisorySource.security;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.patchwindow.core.advisory.Advisory;
import io.patchwindow.core.advisory.PackageReason;
import io.patchwindow.core.advisory.Severity;
import io.patchwindow.core.assessment.Classification;
import io.patchwindow.core.assessment.UpdateRecord;
import io.patchwindow.core.deployment.Deployment;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.testing.InMemoryAdvisorySource;
import io.patchwindow.core.testing.InMemoryAssessmentSource;
import org.junit.jupiter.api.Test;

/** The planner deciding from advisories: security source, reasons, severity, exclusions, warnings, details. */
class PlannerSecurityTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:17:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Instant FRESH = NOW.minus(Duration.ofHours(1));
    private static final LocalDate RECENT = LocalDate.of(2026, 11, 20);

    private static final Machine VM1 = centosVm("vm1", "CENTOS-Q-WED-12:00");
    private static final Machine VM2 = centosVm("vm2", "CENTOS-Q-WED-12:00");

    private static final Advisory OPENSSL = security("RHSA-2026:1234", Severity.IMPORTANT, RECENT,
            "openssl-libs-1:1.0.2k-26.el7_9.x86_64", "openssl-1:1.0.2k-26.el7_9.x86_64");
    private static final Advisory GLIBC = security("RHSA-2026:2001", Severity.MODERATE, RECENT,
            "glibc-2.17-326.el7_9.3.x86_64", "glibc-2.17-326.el7_9.3.i686");
    private static final Advisory KERNEL = security("RHSA-2026:3001", Severity.CRITICAL, RECENT,
            "kernel-3.10.0-1160.119.1.el7.x86_64", "kernel-tools-3.10.0-1160.119.1.el7.x86_64");
    private static final InMemoryAdvisorySource ADVISORIES = InMemoryAdvisorySource.of(OPENSSL, GLIBC, KERNEL)
            .named("updateinfo.xml.gz", "updateinfo");

    /** A Resource Graph row of Update Manager on CentOS: classified Other, no arch. */
    private static UpdateRecord other(Machine m, String name, String version) {
        return update(m.id(), name).arch("").version(version).classifications(Classification.OTHER).at(FRESH).build();
    }

    private static Plan plan(Policy policy, InMemoryAdvisorySource advisories, List<Machine> machines,
                             UpdateRecord... records) {
        Planner planner = Planner.of(policy);
        if (advisories != null) {
            planner = planner.withAdvisories(advisories);
        }
        return planner.plan(machines, InMemoryAssessmentSource.of(records), List.of(), CLOCK);
    }

    @Test
    void defaultSource_isBothWithAdvisoriesElseAzure() {
        UpdateRecord r = other(VM1, "openssl-libs", "1:1.0.2k-26.el7_9");
        Plan without = plan(Policy.defaults(), null, List.of(VM1), r);
        Plan with = plan(Policy.defaults(), ADVISORIES, List.of(VM1), r);

        assertThat(without.securitySource()).isEqualTo(SecuritySource.AZURE);
        assertThat(without.deployments()).isEmpty();
        assertThat(without.skipped().get(0).detail())
                .isEqualTo("assessed " + FRESH + ": no pending update classified Critical or Security");
        assertThat(with.securitySource()).isEqualTo(SecuritySource.BOTH);
        assertThat(with.deployments()).singleElement().extracting(Deployment::packages).isEqualTo(List.of("openssl-libs"));
        assertThat(with.advisories()).singleElement().satisfies(f -> {
            assertThat(f.source()).isEqualTo("updateinfo.xml.gz");
            assertThat(f.advisories()).isEqualTo(3);
        });
    }

    @Test
    void advisoriesSource_withoutAdvisories_isRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> plan(Policy.builder().securitySource(SecuritySource.ADVISORIES).build(), null,
                        List.of(VM1)))
                .withMessage("Invalid policy: security source 'advisories' needs advisories; give them"
                        + " (Planner.withAdvisories, --advisories PATH) or use 'azure'");
    }

    @Test
    void both_countsAzureOrAdvisory_andRecordsWhy() {
        Plan p = plan(Policy.defaults(), ADVISORIES, List.of(VM1),
                other(VM1, "openssl-libs", "1:1.0.2k-26.el7_9"),
                update(VM1.id(), "vim-minimal").version("2:7.4.629-8.el7_9").classifications(Classification.SECURITY)
                        .at(FRESH).build(),
                update(VM1.id(), "glibc").arch("x86_64").version("2.17-326.el7_9.3").installedVersion("2.17-325.el7_9")
                        .classifications(Classification.CRITICAL, Classification.SECURITY).at(FRESH).build(),
                other(VM1, "bash", "4.2.46-35.el7_9"));

        Deployment d = p.deployments().get(0);
        assertThat(d.packages()).containsExactly("glibc", "openssl-libs", "vim-minimal");
        assertThat(d.reasons().get("openssl-libs").describe())
                .isEqualTo("RHSA-2026:1234 Important, installed version unknown");
        assertThat(d.reasons().get("openssl-libs").cves()).containsExactly("CVE-2026-1234");
        assertThat(d.reasons().get("vim-minimal").describe()).isEqualTo("azure:Security");
        assertThat(d.reasons().get("glibc").describe()).isEqualTo("RHSA-2026:2001 Moderate, azure:Critical, azure:Security");
        assertThat(d.versions()).containsEntry("openssl-libs", "1:1.0.2k-26.el7_9");
    }

    @Test
    void advisoriesOnly_ignoresAzuresClassification() {
        Plan p = plan(Policy.builder().securitySource(SecuritySource.ADVISORIES).build(), ADVISORIES, List.of(VM1),
                update(VM1.id(), "vim-minimal").version("2:7.4.629-8.el7_9").classifications(Classification.SECURITY)
                        .at(FRESH).build());

        assertThat(p.deployments()).isEmpty();
        assertThat(p.skipped().get(0).detail()).isEqualTo("assessed " + FRESH
                + ": 1 pending update, none fixing a security advisory (3 security advisories from 1 advisory file)");
    }

    @Test
    void azureSource_ignoresAdvisoriesAndDoesNotReadThem() {
        InMemoryAdvisorySource source = InMemoryAdvisorySource.of(OPENSSL);
        Plan p = plan(Policy.builder().securitySource(SecuritySource.AZURE).build(), source, List.of(VM1),
                other(VM1, "openssl-libs", "1:1.0.2k-26.el7_9"));

        assertThat(p.deployments()).isEmpty();
        assertThat(source.reads()).isZero();
        assertThat(p.advisories()).isEmpty();
    }

    @Test
    void installedKnown_alreadyFixedIsNotASecurityUpdate() {
        Plan p = plan(Policy.defaults(), ADVISORIES, List.of(VM1),
                update(VM1.id(), "openssl-libs").version("1:1.0.2k-27.el7_9").installedVersion("1:1.0.2k-26.el7_9")
                        .classifications(Classification.OTHER).at(FRESH).build());

        assertThat(p.deployments()).isEmpty();
        assertThat(p.skipped().get(0).detail()).isEqualTo("assessed " + FRESH + ": 1 pending update, none classified"
                + " Critical or Security by Azure nor fixing a security advisory (3 security advisories from 1 advisory file)");
    }

    @Test
    void minSeverity_dropsLowerAdvisories_andTheDetailSaysSo() {
        Policy important = Policy.builder().minSeverity(Severity.IMPORTANT).build();
        Plan p = plan(important, ADVISORIES, List.of(VM1, VM2),
                other(VM1, "openssl-libs", "1:1.0.2k-26.el7_9"), other(VM1, "glibc", "2.17-326.el7_9.3"),
                other(VM2, "glibc", "2.17-326.el7_9.3"), other(VM2, "bash", "4.2.46-35.el7_9"));

        assertThat(p.deployments()).singleElement().extracting(Deployment::packages).isEqualTo(List.of("openssl-libs"));
        assertThat(p.skipped()).singleElement().satisfies(s -> {
            assertThat(s.machineId()).isEqualTo(VM2.id());
            assertThat(s.reason()).isEqualTo(SkipReason.NO_SECURITY_UPDATES);
            assertThat(s.detail()).isEqualTo("assessed " + FRESH + ": 2 pending updates, none classified Critical or"
                    + " Security by Azure nor fixing a security advisory of severity Important or higher"
                    + " (3 security advisories from 1 advisory file)");
        });
    }

    @Test
    void excludes_areNeverPlanned_andListedPerMachine() {
        Policy policy = Policy.builder().excludes("kernel*", "glibc").build();
        Plan p = plan(policy, ADVISORIES, List.of(VM1, VM2),
                other(VM1, "openssl-libs", "1:1.0.2k-26.el7_9"), other(VM1, "kernel", "3.10.0-1160.119.1.el7"),
                other(VM1, "kernel-tools", "3.10.0-1160.119.1.el7"),
                other(VM2, "kernel", "3.10.0-1160.119.1.el7"), other(VM2, "glibc", "2.17-326.el7_9.3"));

        Deployment d = p.deployments().get(0);
        assertThat(d.packages()).containsExactly("openssl-libs");
        assertThat(d.excludes()).containsExactly("glibc", "kernel*");
        assertThat(d.excluded()).containsExactly(Map.entry(VM1.id(), List.of("kernel", "kernel-tools")));
        assertThat(d.toMap()).containsEntry("excluded", Map.of(VM1.id(), List.of("kernel", "kernel-tools")));
        assertThat(p.skipped()).singleElement().satisfies(s -> assertThat(s.detail()).isEqualTo("assessed " + FRESH
                + ": 2 pending updates, none classified Critical or Security by Azure nor fixing a security advisory"
                + " (3 security advisories from 1 advisory file); excluded by kernel*,glibc: glibc, kernel"));
        assertThat(p.toMap().get("policy")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("exclude", List.of("kernel*", "glibc"));
    }

    @Test
    void excludes_withoutAdvisories_keepTheAzureDetail() {
        Policy policy = Policy.builder().excludes("kernel*").build();
        Plan p = plan(policy, null, List.of(VM1), update(VM1.id(), "kernel").at(FRESH).build());

        assertThat(p.skipped().get(0).detail()).isEqualTo("assessed " + FRESH
                + ": no pending update classified Critical or Security; excluded by kernel*: kernel");
    }

    @Test
    void perWindow_mergesReasonsAndExcludedOfItsMachines() {
        Policy policy = Policy.builder().grouping(Grouping.PER_WINDOW).excludes("kernel-tools").build();
        Plan p = plan(policy, ADVISORIES, List.of(VM1, VM2),
                other(VM1, "openssl-libs", "1:1.0.2k-26.el7_9"),
                update(VM2.id(), "openssl-libs").arch("x86_64").version("1:1.0.2k-26.el7_9")
                        .installedVersion("1:1.0.2k-25.el7_9").classifications(Classification.SECURITY).at(FRESH).build(),
                other(VM2, "kernel-tools", "3.10.0-1160.119.1.el7"));

        Deployment d = p.deployments().get(0);
        assertThat(d.machineIds()).hasSize(2);
        PackageReason r = d.reasons().get("openssl-libs");
        assertThat(r.advisories()).containsExactly("RHSA-2026:1234");
        assertThat(r.azure()).containsExactly(Classification.SECURITY);
        assertThat(r.installedUnknown()).isTrue(); // VM1 did not report it
        assertThat(d.excluded()).containsOnlyKeys(VM2.id());
    }

    @Test
    void sourceIsReadOncePerPlan() {
        InMemoryAdvisorySource source = InMemoryAdvisorySource.of(OPENSSL);
        Planner planner = Planner.of(Policy.defaults()).withAdvisories(source);
        planner.plan(List.of(VM1, VM2), InMemoryAssessmentSource.of(other(VM1, "openssl-libs", "1:1.0.2k-26.el7_9"),
                other(VM2, "openssl-libs", "1:1.0.2k-26.el7_9")), List.of(), CLOCK);
        assertThat(source.reads()).isEqualTo(1);
        planner.plan(List.of(VM1), InMemoryAssessmentSource.of(), List.of(), CLOCK);
        assertThat(source.reads()).isEqualTo(2);
    }

    @Test
    void oldAdvisories_areUsedWithAWarning() {
        Advisory old = security("RHSA-2026:0001", Severity.LOW, LocalDate.of(2026, 11, 10), "openssl-libs-1:1.0.2k-26.el7_9");
        Plan p = plan(Policy.defaults(), InMemoryAdvisorySource.of(old), List.of(VM1),
                other(VM1, "openssl-libs", "1:1.0.2k-26.el7_9"));
        assertThat(p.deployments()).hasSize(1);
        assertThat(p.warnings()).containsExactly("advisories: the newest advisory is of 2026-11-10, older than the"
                + " maximum advisory age P14D (before 2026-11-11T10:17:00Z): updates fixed since are not known;"
                + " download the advisory data again");

        Plan fresh = plan(Policy.builder().maxAdvisoryAge(Duration.ofDays(30)).build(), InMemoryAdvisorySource.of(old),
                List.of(VM1), other(VM1, "openssl-libs", "1:1.0.2k-26.el7_9"));
        assertThat(fresh.warnings()).isEmpty();
    }

    @Test
    void unparseableVersions_andEmptySources_areWarned() {
        Plan p = plan(Policy.defaults(), InMemoryAdvisorySource.of(), List.of(VM1), other(VM1, "openssl-libs", "1.0-"));
        assertThat(p.warnings()).containsExactly("advisories: the advisory sources (1 files) hold no security advisory:"
                + " no pending update is classified from advisories");

        Plan q = plan(Policy.defaults(), ADVISORIES, List.of(VM1), other(VM1, "openssl-libs", "1.0-"),
                other(VM1, "glibc", ""));
        assertThat(q.warnings()).containsExactly("advisories: 2 pending updates have an available version that is not an"
                + " RPM [epoch:]version-release, e.g. glibc ''; advisories cannot decide them");
    }

    @Test
    void planMap_withoutAdvisories_hasNoAdvisoryFields() {
        UpdateRecord r = update(VM1.id(), "openssl").at(FRESH).build();
        Map<String, Object> m = plan(Policy.defaults(), null, List.of(VM1), r).toMap();
        @SuppressWarnings("unchecked")
        Map<String, Object> policy = (Map<String, Object>) m.get("policy");
        assertThat(policy).containsOnlyKeys("environments", "timeZone", "duration", "reboot", "classifications", "leadTime");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> ds = (List<Map<String, Object>>) m.get("deployments");
        assertThat(ds.get(0)).doesNotContainKeys("reasons", "excluded");
        // The reasons are still in the model for library users.
        assertThat(plan(Policy.defaults(), null, List.of(VM1), r).deployments().get(0).reasons())
                .containsExactly(Map.entry("openssl", PackageReason.ofAzure(Set.of(Classification.SECURITY))));
    }

    @Test
    void planMap_withAdvisories_addsPolicyFeedsAndReasons() {
        Map<String, Object> m = plan(Policy.defaults(), ADVISORIES, List.of(VM1),
                other(VM1, "openssl-libs", "1:1.0.2k-26.el7_9")).toMap();
        @SuppressWarnings("unchecked")
        Map<String, Object> policy = (Map<String, Object>) m.get("policy");
        assertThat(policy).containsEntry("securitySource", "both").containsEntry("minSeverity", "None")
                .containsEntry("advisories", List.of(Map.of("source", "updateinfo.xml.gz", "format", "updateinfo",
                        "advisories", 3L, "newest", "2026-11-20")));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> ds = (List<Map<String, Object>>) m.get("deployments");
        assertThat(ds.get(0).get("reasons")).isEqualTo(Map.of("openssl-libs", Map.of("advisories", List.of("RHSA-2026:1234"),
                "severity", "Important", "cves", List.of("CVE-2026-1234"), "azure", List.of(), "installedUnknown", true)));
    }

    @Test
    void policy_newFields_inEqualsToMapAndSerialization() throws Exception {
        Policy p = Policy.builder().securitySource(SecuritySource.BOTH).minSeverity(Severity.MODERATE)
                .maxAdvisoryAge(Duration.ofDays(7)).excludes("kernel*,glibc*").build();
        assertThat(p).isEqualTo(p.toBuilder().build()).hasSameHashCodeAs(p.toBuilder().build());
        assertThat(p).isNotEqualTo(p.toBuilder().excludes().build());
        assertThat(p).isNotEqualTo(p.toBuilder().securitySource(null).build());
        assertThat(p.toMap()).containsEntry("securitySource", "both").containsEntry("minSeverity", "Moderate")
                .containsEntry("maxAdvisoryAge", "P7D").containsEntry("exclude", List.of("kernel*", "glibc*"));
        assertThat(p.isExcluded("kernel-tools")).isTrue();
        assertThat(p.isExcluded("openssl")).isFalse();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(p);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            Policy back = (Policy) in.readObject();
            assertThat(back).isEqualTo(p);
            assertThat(back.isExcluded("glibc-common")).isTrue();
        }
        assertThat(Policy.defaults().securitySource()).isNull();
        assertThat(Policy.defaults().securitySource(true)).isEqualTo(SecuritySource.BOTH);
        assertThat(Policy.defaults().securitySource(false)).isEqualTo(SecuritySource.AZURE);
    }

    @Test
    void policyBuilder_rejectsBadValues() {
        assertThatIllegalArgumentException().isThrownBy(() -> Policy.builder().maxAdvisoryAge(Duration.ofMinutes(5)))
                .withMessage("Invalid maximum advisory age 'PT5M': expected from PT1H to P366D, e.g. P14D");
        assertThatIllegalArgumentException().isThrownBy(() -> Policy.builder().excludes("kernel=1"))
                .withMessageStartingWith("Invalid package mask 'kernel=1'");
        assertThatIllegalArgumentException().isThrownBy(() -> SecuritySource.parse("cloud"))
                .withMessage("Invalid security source 'cloud': expected one of [azure, advisories, both]");
        assertThat(SecuritySource.parse(" Advisories ")).isEqualTo(SecuritySource.ADVISORIES);
    }
}
