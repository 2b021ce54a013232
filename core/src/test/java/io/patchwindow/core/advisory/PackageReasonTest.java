package io.patchwindow.core.advisory;

import static io.patchwindow.core.testing.InMemoryAdvisorySource.security;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import io.patchwindow.core.assessment.Classification;
import org.junit.jupiter.api.Test;

class PackageReasonTest {
    private static final Advisory A = security("RHSA-2024:2002", Severity.MODERATE, LocalDate.of(2024, 1, 1), "x-1-1");
    private static final Advisory B = security("RHSA-2024:1001", Severity.CRITICAL, LocalDate.of(2024, 1, 1), "x-1-1");

    @Test
    void ofAdvisories_sortsIdsAndTakesTheHighestSeverity() {
        PackageReason r = PackageReason.ofAdvisories(List.of(A, B), false);
        assertThat(r.advisories()).containsExactly("RHSA-2024:1001", "RHSA-2024:2002");
        assertThat(r.cves()).containsExactly("CVE-2024-1001", "CVE-2024-2002");
        assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(r.describe()).isEqualTo("RHSA-2024:1001, RHSA-2024:2002 Critical");
    }

    @Test
    void merge_isTheUnionWhateverTheOrder() {
        PackageReason x = PackageReason.ofAdvisories(List.of(A), true);
        PackageReason y = PackageReason.ofAdvisories(List.of(B), false).merge(PackageReason.ofAzure(Set.of(Classification.SECURITY)));
        PackageReason xy = x.merge(y);
        assertThat(xy).isEqualTo(y.merge(x));
        assertThat(xy.advisories()).containsExactly("RHSA-2024:1001", "RHSA-2024:2002");
        assertThat(xy.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(xy.azure()).containsExactly(Classification.SECURITY);
        assertThat(xy.installedUnknown()).isTrue();
        assertThat(xy.describe())
                .isEqualTo("RHSA-2024:1001, RHSA-2024:2002 Critical, azure:Security, installed version unknown");
        assertThat(xy.merge(xy)).isSameAs(xy);
    }

    @Test
    void ofAzure_describesTheClassifications() {
        PackageReason r = PackageReason.ofAzure(Set.of(Classification.SECURITY, Classification.CRITICAL));
        assertThat(r.describe()).isEqualTo("azure:Critical, azure:Security");
        assertThat(r.toMap()).containsEntry("azure", List.of("Critical", "Security"))
                .containsEntry("advisories", List.of()).containsEntry("severity", "None")
                .containsEntry("installedUnknown", false);
    }

    @Test
    void constructor_rejectsAReasonWithoutCause() {
        assertThatIllegalArgumentException().isThrownBy(() -> PackageReason.ofAdvisories(List.of(), true))
                .withMessage("Invalid package reason: neither an advisory nor an Azure classification");
    }
}
