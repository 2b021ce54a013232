package io.patchwindow.core.assessment;

import static io.patchwindow.core.assessment.Classification.CRITICAL;
import static io.patchwindow.core.assessment.Classification.OTHER;
import static io.patchwindow.core.assessment.Classification.SECURITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassificationTest {

    private static Set<Classification> set(String names) {
        EnumSet<Classification> out = EnumSet.noneOf(Classification.class);
        Arrays.stream(names.split(" ")).map(Classification::valueOf).forEach(out::add);
        return out;
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        // Log Analytics Update table
        "Critical Updates                  | CRITICAL",
        "Security Updates                  | SECURITY",
        "Other Updates                     | OTHER",
        "Critical and security updates     | CRITICAL SECURITY",
        // Resource Graph softwarepatches
        "Security                          | SECURITY",
        "Critical                          | CRITICAL",
        "Other                             | OTHER",
        "Others                            | OTHER",
        // arrays and lists
        "'[\"Security\",\"Critical\"]'     | CRITICAL SECURITY",
        "'[\"Other\"]'                     | OTHER",
        "'[ \"security\" , \"OTHERS\" ]'   | SECURITY OTHER",
        "'Security, Other'                 | SECURITY OTHER",
        "Critical;Security                 | CRITICAL SECURITY",
        // case
        "SECURITY UPDATES                  | SECURITY",
        "critical updates                  | CRITICAL",
        "sEcUrItY                          | SECURITY",
        // anything else is Other, never installed by a security-only plan
        "Definition Updates                | OTHER",
        "Feature Packs                     | OTHER",
        "''                                | OTHER",
        "'   '                             | OTHER",
        "'[]'                              | OTHER",
        "'[\"\"]'                          | OTHER",
    })
    void parseAll_readsEverySpellingTheCloudUses(String text, String expected) {
        assertThat(Classification.parseAll(text)).containsExactlyInAnyOrderElementsOf(set(expected));
    }

    @Test
    void parseAll_list_isTheUnion_andNeverEmpty() {
        assertThat(Classification.parseAll(List.of("Security", "Critical Updates"))).containsExactlyInAnyOrder(SECURITY, CRITICAL);
        assertThat(Classification.parseAll(List.of())).containsExactly(OTHER);
        assertThat(Classification.parseAll(Arrays.asList((String) null))).containsExactly(OTHER);
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "Critical          | CRITICAL",
        "critical updates  | CRITICAL",
        "' Security '      | SECURITY",
        "SECURITY UPDATES  | SECURITY",
        "other             | OTHER",
        "Others            | OTHER",
        "Other Updates     | OTHER",
    })
    void parse_acceptsPolicyNames(String name, Classification expected) {
        assertThat(Classification.parse(name)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "Important",
        "Critical and security updates",
        "Definition Updates",
        "''",
        "Securty",
    })
    void parse_rejectsAnythingElse_quotingIt(String name) {
        assertThatIllegalArgumentException().isThrownBy(() -> Classification.parse(name))
                .withMessage("Invalid classification '" + name + "': expected one of [Critical, Security, Other]");
    }

    @Test
    void parseList_readsACommaSeparatedList() {
        assertThat(Classification.parseList("Critical,Security")).containsExactly(CRITICAL, SECURITY);
        assertThat(Classification.parseList(" security , critical ,")).containsExactly(CRITICAL, SECURITY);
        assertThat(Classification.parseList("Other")).containsExactly(OTHER);
    }

    @Test
    void parseList_rejectsEmptyAndUnknownNames() {
        assertThatIllegalArgumentException().isThrownBy(() -> Classification.parseList(" , "))
                .withMessage("Invalid classifications ' , ': expected a comma-separated list of [Critical, Security, Other]");
        assertThatIllegalArgumentException().isThrownBy(() -> Classification.parseList("Critical,Bogus"))
                .withMessage("Invalid classification 'Bogus': expected one of [Critical, Security, Other]");
    }

    @Test
    void displayNames_areInEnumOrder() {
        assertThat(Classification.displayNames(EnumSet.of(SECURITY, CRITICAL))).containsExactly("Critical", "Security");
        assertThat(Classification.displayNames(List.of(OTHER))).containsExactly("Other");
        assertThat(CRITICAL.displayName()).isEqualTo("Critical");
        assertThat(SECURITY.displayName()).isEqualTo("Security");
        assertThat(OTHER.displayName()).isEqualTo("Other");
    }
}
