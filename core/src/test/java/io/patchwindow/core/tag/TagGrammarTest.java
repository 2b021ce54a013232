package io.patchwindow.core.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TagGrammarTest {
    private static final TagGrammar STANDARD = TagGrammar.standard();
    private static final TagGrammar TOLERANT = TagGrammar.builder().tolerant(true).build();

    @Nested
    class Standard {
        @ParameterizedTest(name = "{0}")
        @CsvSource({
            "CENTOS-P-MON-03:00, CENTOS, P, MONDAY,    03:00",
            "CENTOS-Q-TUE-12:00, CENTOS, Q, TUESDAY,   12:00",
            "CENTOS-R-WED-22:00, CENTOS, R, WEDNESDAY, 22:00",
            "CENTOS-P-THU-12:00, CENTOS, P, THURSDAY,  12:00",
            "CENTOS-Q-FRI-03:00, CENTOS, Q, FRIDAY,    03:00",
            "CENTOS-R-SAT-03:00, CENTOS, R, SATURDAY,  03:00",
            "CENTOS-P-SUN-22:00, CENTOS, P, SUNDAY,    22:00",
        })
        void parse_acceptsValidValues(String value, String prefix, String env, DayOfWeek day, LocalTime time) {
            PatchTag tag = STANDARD.parse(value);

            assertThat(tag.prefix()).isEqualTo(prefix);
            assertThat(tag.environment()).isEqualTo(env);
            assertThat(tag.day()).isEqualTo(day);
            assertThat(tag.time()).isEqualTo(time);
            assertThat(tag.raw()).isEqualTo(value);
            assertThat(tag.tolerated()).isFalse();
        }

        @ParameterizedTest(name = "[{index}] ''{0}''")
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            // field: prefix
            "UBUNTU-P-MON-03:00      | prefix 'UBUNTU' is not one of [CENTOS]",
            "CentOS-P-MON-03:00      | prefix 'CentOS' is not one of [CENTOS] (lower case and surrounding white space are not tolerated by this grammar)",
            "-P-MON-03:00            | prefix '' is not one of [CENTOS]",
            // field: environment
            "CENTOS-X-MON-03:00      | environment 'X' is not one of [P, Q, R]",
            "CENTOS-PQ-MON-03:00     | environment 'PQ' is not one of [P, Q, R]",
            "CENTOS--MON-03:00       | environment '' is not one of [P, Q, R]",
            "CENTOS-q-MON-03:00      | environment 'q' is not one of [P, Q, R] (lower case and surrounding white space are not tolerated by this grammar)",
            // field: weekday
            "CENTOS-P-MONDAY-03:00   | weekday 'MONDAY' is not one of [MON, TUE, WED, THU, FRI, SAT, SUN]",
            "CENTOS-P-LUN-03:00      | weekday 'LUN' is not one of [MON, TUE, WED, THU, FRI, SAT, SUN]",
            "CENTOS-P-Mon-03:00      | weekday 'Mon' is not one of [MON, TUE, WED, THU, FRI, SAT, SUN] (lower case and surrounding white space are not tolerated by this grammar)",
            // field: hour
            "CENTOS-P-MON-04:00      | hour '04:00' is not one of [03:00, 12:00, 22:00]",
            "CENTOS-P-MON-03:30      | hour '03:30' is not one of [03:00, 12:00, 22:00]",
            "CENTOS-P-MON-3:00       | hour '3:00' is not one of [03:00, 12:00, 22:00]",
            "CENTOS-P-MON-0300       | hour '0300' is not one of [03:00, 12:00, 22:00]",
            "CENTOS-P-MON-25:00      | hour '25:00' is not one of [03:00, 12:00, 22:00]",
            "CENTOS-P-MON-03:00:00   | hour '03:00:00' is not one of [03:00, 12:00, 22:00]",
            "CENTOS-P-MON-           | hour '' is not one of [03:00, 12:00, 22:00]",
            // number of fields
            "CENTOS-P-MON            | expected <PREFIX>-<ENV>-<DAY>-<HH:MM> such as 'CENTOS-P-MON-03:00' but found 3 fields",
            "CENTOS_P_MON_03:00      | expected <PREFIX>-<ENV>-<DAY>-<HH:MM> such as 'CENTOS-P-MON-03:00' but found 1 field",
            "CENTOS-P-MON-03:00-X    | expected <PREFIX>-<ENV>-<DAY>-<HH:MM> such as 'CENTOS-P-MON-03:00' but found 5 fields",
            "\"\"                    | the value is empty; expected <PREFIX>-<ENV>-<DAY>-<HH:MM> such as 'CENTOS-P-MON-03:00'",
        })
        void parse_rejectsInvalidValues_namingTheBadField(String value, String reason) {
            assertThatThrownBy(() -> STANDARD.parse(value))
                    .isInstanceOf(InvalidPatchTagException.class)
                    .hasMessage("Invalid patch tag '" + value + "': " + reason)
                    .satisfies(e -> {
                        assertThat(((InvalidPatchTagException) e).value()).isEqualTo(value);
                        assertThat(((InvalidPatchTagException) e).reason()).isEqualTo(reason);
                    });
        }

        @Test
        void parse_rejectsUnknownEnvironment() {
            assertThatThrownBy(() -> STANDARD.parse("CENTOS-X-MON-03:00"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Invalid patch tag 'CENTOS-X-MON-03:00': environment 'X' is not one of [P, Q, R]");
        }

        @Test
        void parse_rejectsHourOutsideTheGrammar() {
            assertThatThrownBy(() -> STANDARD.parse("CENTOS-P-MON-04:00"))
                    .hasMessage("Invalid patch tag 'CENTOS-P-MON-04:00': hour '04:00' is not one of [03:00, 12:00, 22:00]");
        }

        @ParameterizedTest(name = "[{index}] ''{0}''")
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\" CENTOS-P-MON-03:00\"   | prefix ' CENTOS' is not one of [CENTOS] (lower case and surrounding white space are not tolerated by this grammar)",
            "\"CENTOS-P-MON-03:00 \"   | hour '03:00 ' is not one of [03:00, 12:00, 22:00] (surrounding white space is not tolerated by this grammar)",
            "\"CENTOS-P-MON-03:00\n\"  | hour '03:00\\n' is not one of [03:00, 12:00, 22:00] (surrounding white space is not tolerated by this grammar)",
            "centos-p-mon-03:00        | prefix 'centos' is not one of [CENTOS] (lower case and surrounding white space are not tolerated by this grammar)",
        })
        void parse_strictGrammar_rejectsWhiteSpaceAndLowerCase_withAHint(String value, String reason) {
            assertThatThrownBy(() -> STANDARD.parse(value))
                    .isInstanceOf(InvalidPatchTagException.class)
                    .hasMessageEndingWith(reason);
        }

        @Test
        void parse_quotesControlCharactersOnOneLine() {
            assertThatThrownBy(() -> STANDARD.parse("CENTOS-P-MON-04:00\r\n"))
                    .hasMessageStartingWith("Invalid patch tag 'CENTOS-P-MON-04:00\\r\\n': hour")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r"));
        }

        @Test
        void tryParse_returnsEmptyInsteadOfThrowing() {
            assertThat(STANDARD.tryParse("CENTOS-P-MON-04:00")).isEmpty();
            assertThat(STANDARD.tryParse("CENTOS-P-MON-03:00")).map(PatchTag::environment).contains("P");
        }

        @Test
        void standard_isTheRunbookGrammar() {
            assertThat(STANDARD.tagName()).isEqualTo("patch");
            assertThat(STANDARD.prefixes()).containsExactly("CENTOS");
            assertThat(STANDARD.environments()).containsExactly("P", "Q", "R");
            assertThat(STANDARD.hours()).containsExactly(LocalTime.of(3, 0), LocalTime.of(12, 0), LocalTime.of(22, 0));
            assertThat(STANDARD.tolerant()).isFalse();
            assertThat(STANDARD.example()).isEqualTo("CENTOS-P-MON-03:00");
        }

        static Stream<Arguments> everyStandardValue() {
            List<Arguments> out = new ArrayList<>();
            for (String env : List.of("P", "Q", "R")) {
                for (int d = 0; d < 7; d++) {
                    for (String hour : List.of("03:00", "12:00", "22:00")) {
                        out.add(Arguments.of("CENTOS-" + env + "-" + TagGrammar.DAY_CODES.get(d) + "-" + hour, env,
                                DayOfWeek.of(d + 1), LocalTime.parse(hour)));
                    }
                }
            }
            return out.stream();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("everyStandardValue")
        void parse_acceptsEveryValueOfTheRunbookRegex(String value, String env, DayOfWeek day, LocalTime time) {
            assertThat(value).matches("^CENTOS-[PQR]-(MON|TUE|WED|THU|FRI|SAT|SUN)-(03|12|22):00$");
            PatchTag tag = STANDARD.parse(value);
            assertThat(tag.environment()).isEqualTo(env);
            assertThat(tag.slot().day()).isEqualTo(day);
            assertThat(tag.slot().time()).isEqualTo(time);
            assertThat(tag.slot().dayCode()).isEqualTo(value.split("-")[2]);
        }
    }

    @Nested
    class Tolerant {
        @ParameterizedTest(name = "[{index}] ''{0}''")
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\" CENTOS-Q-WED-12:00\"  | Q | WEDNESDAY | 12:00",
            "\"CENTOS-Q-WED-12:00\t\" | Q | WEDNESDAY | 12:00",
            "centos-r-fri-22:00       | R | FRIDAY    | 22:00",
            "\"  Centos-p-Sun-03:00 \"| P | SUNDAY    | 03:00",
        })
        void parse_toleratesWhiteSpaceAndLowerCase_andFlagsIt(String value, String env, DayOfWeek day, LocalTime time) {
            PatchTag tag = TOLERANT.parse(value);

            assertThat(tag.environment()).isEqualTo(env);
            assertThat(tag.prefix()).isEqualTo("CENTOS");
            assertThat(tag.day()).isEqualTo(day);
            assertThat(tag.time()).isEqualTo(time);
            assertThat(tag.tolerated()).isTrue();
            assertThat(tag.raw()).isEqualTo(value);
        }

        @Test
        void parse_exactValue_isNotFlaggedAsTolerated() {
            assertThat(TOLERANT.parse("CENTOS-Q-WED-12:00").tolerated()).isFalse();
        }

        @Test
        void parse_stillRejectsInnerWhiteSpace_quotingTheRawValue() {
            assertThatThrownBy(() -> TOLERANT.parse(" centos - q-wed-12:00"))
                    .isInstanceOf(InvalidPatchTagException.class)
                    .hasMessage("Invalid patch tag ' centos - q-wed-12:00': prefix 'CENTOS ' is not one of [CENTOS]");
        }

        @Test
        void parse_reportsTheNormalisedField_withoutTheStrictHint() {
            assertThatThrownBy(() -> TOLERANT.parse("centos-x-mon-03:00"))
                    .hasMessage("Invalid patch tag 'centos-x-mon-03:00': environment 'X' is not one of [P, Q, R]");
        }

        @Test
        void parse_whiteSpaceOnly_isEmpty() {
            assertThatThrownBy(() -> TOLERANT.parse("   "))
                    .hasMessage("Invalid patch tag '   ': the value is empty; expected <PREFIX>-<ENV>-<DAY>-<HH:MM> such as "
                            + "'CENTOS-P-MON-03:00'");
        }
    }

    @Nested
    class Custom {
        private final TagGrammar custom = TagGrammar.builder()
                .tagName("PatchWindow")
                .prefixes("centos", "Alma", "ROCKY9")
                .environments("dev", "PRD")
                .hours("23:30", "03:00", "23:30")
                .build();

        @Test
        void builder_upperCasesCodes_andDropsDuplicates() {
            assertThat(custom.tagName()).isEqualTo("PatchWindow");
            assertThat(custom.prefixes()).containsExactly("CENTOS", "ALMA", "ROCKY9");
            assertThat(custom.environments()).containsExactly("DEV", "PRD");
            assertThat(custom.hours()).containsExactly(LocalTime.of(23, 30), LocalTime.of(3, 0));
            assertThat(custom.example()).isEqualTo("CENTOS-DEV-MON-23:30");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({
            "ALMA-PRD-SUN-23:30,   ALMA,   PRD, SUNDAY,   23:30",
            "ROCKY9-DEV-THU-03:00, ROCKY9, DEV, THURSDAY, 03:00",
            "CENTOS-DEV-MON-23:30, CENTOS, DEV, MONDAY,   23:30",
        })
        void parse_acceptsTheConfiguredFields(String value, String prefix, String env, DayOfWeek day, LocalTime time) {
            PatchTag tag = custom.parse(value);
            assertThat(tag.prefix()).isEqualTo(prefix);
            assertThat(tag.environment()).isEqualTo(env);
            assertThat(tag.slot()).isEqualTo(io.patchwindow.core.schedule.WeeklySlot.of(day, time));
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @CsvSource(delimiter = '|', value = {
            "CENTOS-P-MON-03:00    | environment 'P' is not one of [DEV, PRD]",
            "UBUNTU-PRD-MON-03:00  | prefix 'UBUNTU' is not one of [CENTOS, ALMA, ROCKY9]",
            "ALMA-PRD-MON-12:00    | hour '12:00' is not one of [23:30, 03:00]",
        })
        void parse_rejectsWhatTheCustomGrammarDoesNotList(String value, String reason) {
            assertThatThrownBy(() -> custom.parse(value)).hasMessage("Invalid patch tag '" + value + "': " + reason);
        }

        @Test
        void toBuilder_copiesAndChangesOneAspect() {
            TagGrammar tolerant = custom.toBuilder().tolerant(true).build();
            assertThat(tolerant.parse(" alma-prd-sun-23:30").environment()).isEqualTo("PRD");
            assertThat(tolerant).isNotEqualTo(custom);
            assertThat(tolerant.toBuilder().tolerant(false).build()).isEqualTo(custom).hasSameHashCodeAs(custom);
        }

        @ParameterizedTest(name = "[{index}] {1}")
        @CsvSource(delimiter = '|', value = {
            "prefix      | CENT-OS | Invalid prefix 'CENT-OS': only letters A-Z and digits are accepted, e.g. 'CENTOS', 'P'",
            "environment | Q A     | Invalid environment 'Q A': only letters A-Z and digits are accepted, e.g. 'CENTOS', 'P'",
            "hour        | 3:00    | Invalid hour '3:00': expected HH:MM from 00:00 to 23:59, e.g. 03:00",
            "hour        | 24:00   | Invalid hour '24:00': expected HH:MM from 00:00 to 23:59, e.g. 03:00",
        })
        void builder_rejectsInvalidFieldValues(String field, String value, String message) {
            TagGrammar.Builder b = TagGrammar.builder();
            assertThatIllegalArgumentException().isThrownBy(() -> {
                switch (field) {
                    case "prefix": b.prefixes(value); break;
                    case "environment": b.environments(value); break;
                    default: b.hours(value);
                }
            }).withMessage(message);
        }

        @Test
        void parse_rejects2400_evenWhenMidnightIsAllowed() {
            // Reported: 'CENTOS-P-MON-24:00' was read as MON 00:00 (a day early) by a grammar allowing 00:00.
            // Expected: 24:00 is not a time of day; the hour field is rejected.
            TagGrammar midnight = TagGrammar.builder().hours("00:00").build();
            assertThat(midnight.parse("CENTOS-P-MON-00:00").slot().day()).isEqualTo(DayOfWeek.MONDAY);
            assertThatThrownBy(() -> midnight.parse("CENTOS-P-MON-24:00"))
                    .hasMessage("Invalid patch tag 'CENTOS-P-MON-24:00': hour '24:00' is not one of [00:00]");
        }

        @Test
        void builder_rejectsEmptyListsAndBlankTagName() {
            assertThatIllegalArgumentException().isThrownBy(() -> TagGrammar.builder().hours())
                    .withMessage("Invalid hours []: at least one HH:MM time is required");
            assertThatIllegalArgumentException().isThrownBy(() -> TagGrammar.builder().environments())
                    .withMessage("Invalid environment list []: at least one is required");
            assertThatIllegalArgumentException().isThrownBy(() -> TagGrammar.builder().prefixList(List.of()))
                    .withMessage("Invalid prefix list []: at least one is required");
            assertThatIllegalArgumentException().isThrownBy(() -> TagGrammar.builder().tagName(" "))
                    .withMessageStartingWith("Invalid tag name");
        }
    }

    @Nested
    class TagValue {
        @ParameterizedTest(name = "tag name ''{0}''")
        @CsvSource({"patch", "Patch", "PATCH", "pAtCh"})
        void tagValue_matchesTagNameCaseInsensitively(String name) {
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("env", "test");
            tags.put(name, "CENTOS-P-MON-03:00");

            assertThat(STANDARD.tagValue(tags)).contains("CENTOS-P-MON-03:00");
        }

        @Test
        void tagValue_returnsTheValueExactly_notNormalised() {
            assertThat(STANDARD.tagValue(Map.of("PATCH", " centos-p-mon-03:00 "))).contains(" centos-p-mon-03:00 ");
        }

        @Test
        void tagValue_isEmptyWhenAbsent() {
            assertThat(STANDARD.tagValue(Map.of("patching", "CENTOS-P-MON-03:00", "owner", "ops"))).isEmpty();
            assertThat(STANDARD.tagValue(Map.of())).isEmpty();
        }

        @Test
        void tagValue_usesTheConfiguredTagName() {
            TagGrammar g = TagGrammar.builder().tagName("PatchWindow").build();
            assertThat(g.tagValue(Map.of("patchwindow", "CENTOS-P-MON-03:00"))).contains("CENTOS-P-MON-03:00");
            assertThat(g.tagValue(Map.of("patch", "CENTOS-P-MON-03:00"))).isEmpty();
        }

        // Issue 14.10: 'patch' and 'PATCH' with different values were resolved silently; expected no value and a
        // detail naming both. Equal values in two spellings are one tag.
        @Test
        void tagValue_namesDifferingOnlyInCase_withDifferentValues_giveNoValue_andTheConflictNamesBoth() {
            Map<String, String> tags = Map.of("patch", "CENTOS-Q-MON-03:00", "PATCH", "CENTOS-P-MON-03:00");

            assertThat(STANDARD.tagValue(tags)).isEmpty();
            assertThat(TagGrammar.caseConflict(tags, "patch")).contains("tags 'PATCH' = 'CENTOS-P-MON-03:00', "
                    + "'patch' = 'CENTOS-Q-MON-03:00' differ only in the case of their names and have different values; "
                    + "expected one tag 'patch'");
            Map<String, String> same = Map.of("patch", "CENTOS-Q-MON-03:00", "Patch", "CENTOS-Q-MON-03:00");
            assertThat(STANDARD.tagValue(same)).contains("CENTOS-Q-MON-03:00");
            assertThat(TagGrammar.caseConflict(same, "patch")).isEmpty();
            assertThat(TagGrammar.caseConflict(Map.of("patch", "x"), "patch")).isEmpty();
        }

        // Issue 14.9: String.equalsIgnoreCase folds 'ſ' to 's' and the Kelvin sign to 'k'; tag names fold ASCII only.
        @Test
        void tagValue_foldsAsciiOnly() {
            assertThat(TagGrammar.tagValue(Map.of("patch-t\u017f", "Europe/Paris"), "patch-ts")).isEmpty();
            assertThat(TagGrammar.tagValue(Map.of("\u212aey", "v"), "key")).isEmpty();
            assertThat(TagGrammar.tagValue(Map.of("KEY", "v"), "key")).contains("v");
        }
    }

    /**
     * Property (seeded harness, see WeeklySlotOracleTest for why not jqwik): whatever the text, parse either
     * returns a tag that prints back to the same value, or throws InvalidPatchTagException quoting it.
     */
    @Test
    void parse_anyText_eitherRoundTripsOrThrowsTheDomainException() {
        long seed = 0x7A6L;
        Random random = new Random(seed);
        String alphabet = "CENTOSPQRMONTUEWDHFRISA0123456789:-- \tcentosé\n";
        List<String> valid = new ArrayList<>();
        Standard.everyStandardValue().forEach(a -> valid.add((String) a.get()[0]));
        for (int i = 0; i < 3000; i++) {
            String text;
            if (random.nextBoolean()) {
                StringBuilder sb = new StringBuilder(valid.get(random.nextInt(valid.size())));
                int edits = 1 + random.nextInt(2);
                for (int e = 0; e < edits && sb.length() > 0; e++) {
                    int at = random.nextInt(sb.length());
                    char c = alphabet.charAt(random.nextInt(alphabet.length()));
                    switch (random.nextInt(3)) {
                        case 0: sb.deleteCharAt(at); break;
                        case 1: sb.insert(at, c); break;
                        default: sb.setCharAt(at, c);
                    }
                }
                text = sb.toString();
            } else {
                StringBuilder sb = new StringBuilder();
                int len = random.nextInt(24);
                for (int k = 0; k < len; k++) {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                text = sb.toString();
            }
            for (TagGrammar g : List.of(STANDARD, TOLERANT)) {
                String value = text;
                String context = "seed " + seed + " case " + i + " value '" + value + "' tolerant " + g.tolerant();
                try {
                    PatchTag tag = g.parse(value);
                    String printed = tag.prefix() + "-" + tag.environment() + "-" + tag.slot().dayCode() + "-"
                            + tag.time();
                    assertThat(printed).as(context).isEqualTo(g.tolerant() ? value.strip().toUpperCase() : value);
                    assertThat(tag.tolerated()).as(context).isEqualTo(!printed.equals(value));
                    assertThat(valid).as(context).contains(printed);
                } catch (InvalidPatchTagException e) {
                    assertThat(e.getMessage()).as(context).startsWith("Invalid patch tag '").doesNotContain("\n");
                    assertThat(e.value()).as(context).isEqualTo(value);
                }
            }
        }
    }
}
