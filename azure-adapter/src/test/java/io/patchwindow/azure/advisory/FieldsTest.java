package io.patchwindow.azure.advisory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.patchwindow.core.advisory.FixedPackage;
import io.patchwindow.core.rpm.Evr;

/** The field readers the advisory formats share: what they accept and refuse, with the messages users see. */
class FieldsTest {

    @Test
    void evrOfParts_isTheEvrOfItsText() {
        assertThat(Fields.evr("1", "1.0.2k", "26.el7_9")).isEqualTo(Evr.parse("1:1.0.2k-26.el7_9"));
        assertThat(Fields.evr(null, "2.17", "326.el7_9")).isEqualTo(Evr.of(0, "2.17", "326.el7_9"));
        assertThat(Fields.evr("", "2.17", "326.el7_9")).isEqualTo(Evr.of(0, "2.17", "326.el7_9"));
        assertThat(Fields.evr("007", "1.0", "1")).isEqualTo(Evr.of(7, "1.0", "1"));
    }

    @Test
    void evrOfBadParts_isRefusedAsItsText_quoted() {
        // each is refused with the message of the EVR text the parts make
        for (String[] parts : List.of(new String[] {"0", "1.0 2k", "26.el7_9"}, new String[] {"0", "1.0", "2-3"},
                new String[] {"x", "1.0", "1"}, new String[] {"0", "1:0", "1"}, new String[] {"0", "1.0", ""},
                new String[] {"0", "", "1"}, new String[] {"0", "1-0", "1"},
                new String[] {"1234567890123456789", "1.0", "1"})) {
            String text = parts[0] + ":" + parts[1] + "-" + parts[2];
            String expected = catchMessage(() -> Evr.parse(text));
            assertThat(expected).as(text).startsWith("Invalid RPM EVR '" + text + "'");
            assertThatThrownBy(() -> Fields.evr(parts[0], parts[1], parts[2])).as(text)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
        }
        assertThatThrownBy(() -> Fields.evr("0", null, "1")).hasMessageStartingWith("the package has no 'version'");
    }

    private static String catchMessage(Runnable r) {
        try {
            r.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void dates_inTheFormsTheToolsWrite() {
        assertThat(Fields.date("2024-05-22")).isEqualTo(LocalDate.of(2024, 5, 22));
        assertThat(Fields.date(" 2024-05-22 08:21:36 ")).isEqualTo(LocalDate.of(2024, 5, 22));
        assertThat(Fields.date("2024-05-22 08:21:36 UTC")).isEqualTo(LocalDate.of(2024, 5, 22));
        assertThat(Fields.date("2024-05-22T23:30:00-02:00")).isEqualTo(LocalDate.of(2024, 5, 23));
        assertThat(Fields.date("1716366096")).isEqualTo(LocalDate.of(2024, 5, 22));
        for (String bad : List.of("2024-02-30", "2024-13-01", "22.05.2024", "")) {
            assertThatThrownBy(() -> Fields.date(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("date '" + bad + "': expected a date such as 2024-05-22, 2024-05-22 08:21:36, "
                            + "2024-05-22T08:21:36Z or epoch seconds");
        }
    }

    @Test
    void platformOfPackages_isTheDistTagTheyAgreeOn() {
        FixedPackage a = new FixedPackage("openssl", Evr.parse("1:1.0.2k-26.el7_9"), "x86_64");
        FixedPackage b = new FixedPackage("openssl-libs", Evr.parse("1:1.0.2k-26.el7_9"), "x86_64");
        FixedPackage c = new FixedPackage("bind", Evr.parse("32:9.11.36-13.el8_10.1"), "x86_64");
        FixedPackage none = new FixedPackage("tzdata", Evr.parse("2024a-1"), "noarch");
        assertThat(Fields.platformOfPackages(List.of(a, b))).isEqualTo("EL7");
        assertThat(Fields.platformOfPackages(List.of(none, a, none, b))).isEqualTo("EL7");
        assertThat(Fields.platformOfPackages(List.of(a, b, c))).isEmpty();
        assertThat(Fields.platformOfPackages(List.of(c))).isEqualTo("EL8");
        assertThat(Fields.platformOfPackages(List.of(none))).isEmpty();
        assertThat(Fields.platformOfPackages(List.of())).isEmpty();
    }
}
