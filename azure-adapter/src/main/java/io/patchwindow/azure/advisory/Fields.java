package io.patchwindow.azure.advisory;

import java.time.Instant;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.patchwindow.core.advisory.AdvisoryType;
import io.patchwindow.core.advisory.FixedPackage;
import io.patchwindow.core.advisory.Severity;
import io.patchwindow.core.rpm.Evr;
import io.patchwindow.core.text.Quoting;

/**
 * The checks every reader applies to what a file says: advisory ids, package names, EVRs, dates,
 * severities and CVE ids are untrusted text. Each method throws {@link IllegalArgumentException} with a
 * message that quotes the value and says what is accepted; the readers add the file and position.
 */
final class Fields {
    /** A CVE id: {@code CVE-2024-1234}, at least four digits after the year. */
    static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,19}");
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?)?(?: ?(?:UTC|GMT|Z))?");
    private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d{1,12}");
    private static final Pattern DIST_TAG = Pattern.compile("(?:^|[.+_])el(\\d{1,2})(?=$|[._+])");
    private static final Pattern TRAILING_MAJOR = Pattern.compile("(?:^|\\D)(\\d{1,2})(?:\\.\\d+)*\\s*$");
    /** Longest advisory id or package name accepted. */
    private static final int MAX_TOKEN = 200;

    private Fields() {
    }

    /** An advisory id as published: printable ASCII without white space, e.g. {@code RHSA-2024:3211}. */
    static String advisoryId(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("the advisory id is missing; expected an id such as RHSA-2024:3211");
        }
        String id = raw.strip();
        if (!token(id)) {
            throw new IllegalArgumentException("advisory id " + Quoting.quote(raw)
                    + ": expected printable ASCII without white space, e.g. RHSA-2024:3211");
        }
        return id;
    }

    /** A package name: printable ASCII without white space or {@code :}, e.g. {@code openssl-libs}. */
    static String packageName(@Nullable String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new IllegalArgumentException("the package name is missing; expected a name such as openssl-libs");
        }
        if (!token(raw) || raw.indexOf(':') >= 0 || raw.indexOf('/') >= 0) {
            throw new IllegalArgumentException("package name " + Quoting.quote(raw)
                    + ": expected printable ASCII without white space, ':' or '/', e.g. openssl-libs");
        }
        return raw;
    }

    /** An architecture, empty when not given: printable ASCII letters, digits and {@code _}. */
    static String arch(@Nullable String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                throw new IllegalArgumentException("architecture " + Quoting.quote(raw)
                        + ": expected letters, digits and '_', e.g. x86_64 or noarch");
            }
        }
        return raw;
    }

    /** An EVR from the separate attributes of updateinfo: epoch (absent = 0), version, release. */
    static Evr evr(@Nullable String epoch, @Nullable String version, @Nullable String release) {
        if (version == null || release == null) {
            throw new IllegalArgumentException("the package has no " + (version == null ? "'version'" : "'release'")
                    + " attribute; expected name, [epoch,] version, release and arch, e.g. name=\"openssl\" epoch=\"1\""
                    + " version=\"1.0.2k\" release=\"26.el7_9\" arch=\"x86_64\"");
        }
        String e = epoch == null || epoch.isEmpty() ? "0" : epoch;
        if (e.length() <= 18 && digits(e) && !release.isEmpty() && release.indexOf('-') < 0) {
            try {
                // the parts are given apart: nothing to split (a package of an updateinfo file is 150,000 of them)
                return Evr.of(Long.parseLong(e), version, release);
            } catch (IllegalArgumentException bad) {
                // the parse below refuses the same parts and says why, quoting the EVR
            }
        }
        return Evr.parse(e + ":" + version + "-" + release);
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** An EVR text, {@code [epoch:]version-release}, as OVAL, OSV and CSAF write it. */
    static Evr evr(@Nullable String text) {
        if (text == null) {
            throw new IllegalArgumentException("the version is missing; expected [epoch:]version-release, e.g. 1:1.0.2k-26.el7_9");
        }
        Evr evr = Evr.parse(text.strip());
        if (evr.release().isEmpty()) {
            throw new IllegalArgumentException("version " + Quoting.quote(text)
                    + ": has no release; expected [epoch:]version-release, e.g. 1:1.0.2k-26.el7_9");
        }
        return evr;
    }

    /**
     * A date as the formats write it: {@code 2024-05-22}, {@code 2024-05-22 08:21:36} (optionally
     * {@code UTC}), ISO 8601 with an offset ({@code 2024-05-22T08:21:36Z}), or epoch seconds
     * ({@code 1716366096}, as some updateinfo generators write). Times with an offset count in UTC.
     */
    static LocalDate date(String raw) {
        String s = raw.strip();
        try {
            if (EPOCH_SECONDS.matcher(s).matches()) {
                return LocalDate.ofInstant(Instant.ofEpochSecond(Long.parseLong(s)), ZoneOffset.UTC);
            }
            Matcher m = DATE_TIME.matcher(s);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(s, m.start(1), m.end(1), 10),
                        Integer.parseInt(s, m.start(2), m.end(2), 10), Integer.parseInt(s, m.start(3), m.end(3), 10));
            }
            return OffsetDateTime.parse(s).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        } catch (DateTimeException e) { // a parse error, or a day that does not exist (2024-02-30)
            throw new IllegalArgumentException("date " + Quoting.quote(raw)
                    + ": expected a date such as 2024-05-22, 2024-05-22 08:21:36, 2024-05-22T08:21:36Z or epoch seconds");
        }
    }

    /** A severity: Red Hat's scale, its synonyms, and {@code Unspecified}/{@code Unknown} for none. */
    static Severity severity(@Nullable String raw) {
        if (raw == null) {
            return Severity.NONE;
        }
        String s = raw.strip().toLowerCase(Locale.ROOT);
        if (s.equals("unspecified") || s.equals("unknown") || s.equals("n/a")) {
            return Severity.NONE;
        }
        return Severity.parse(raw);
    }

    /**
     * The type an advisory id implies: {@code xxBA} (RHBA, ALBA, RLBA, ELBA, CEBA) is a bug fix, {@code xxEA}
     * an enhancement, anything else (RHSA, CESA, ALSA, RLSA, ELSA, TSSA, CLSA, a CVE id) security.
     */
    static AdvisoryType typeOfId(String id) {
        int dash = id.indexOf('-');
        if (dash == 4) {
            String kind = id.substring(2, 4).toUpperCase(Locale.ROOT);
            if (kind.equals("BA")) {
                return AdvisoryType.BUGFIX;
            }
            if (kind.equals("EA")) {
                return AdvisoryType.ENHANCEMENT;
            }
        }
        return AdvisoryType.SECURITY;
    }

    /** updateinfo's {@code type} attribute: {@code security}; {@code bugfix}/{@code recommended}; the rest enhancements. */
    static AdvisoryType typeOfUpdate(@Nullable String raw) {
        String s = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        switch (s) {
            case "security":
                return AdvisoryType.SECURITY;
            case "bugfix":
            case "recommended":
                return AdvisoryType.BUGFIX;
            default:
                return AdvisoryType.ENHANCEMENT;
        }
    }

    /** A CVE id where the format says the text is one (updateinfo {@code type="cve"}, OVAL {@code <cve>}). */
    static String cve(@Nullable String raw) {
        String s = raw == null ? "" : raw.strip();
        if (!CVE.matcher(s).matches()) {
            throw new IllegalArgumentException("CVE id " + Quoting.quote(raw) + ": expected CVE-YYYY-NNNN, e.g. CVE-2024-1234");
        }
        return s;
    }

    /**
     * The platform named by text that ends in a major version, e.g. {@code Red Hat Enterprise Linux 7},
     * {@code AlmaLinux:8} or {@code cpe:/o:redhat:enterprise_linux:7::server}'s {@code 7}: {@code EL7};
     * empty when none is found.
     */
    static String platformOfName(String text) {
        Matcher m = TRAILING_MAJOR.matcher(text);
        return m.find() ? "EL" + Integer.parseInt(m.group(1)) : "";
    }

    /**
     * The platform of fixed packages from their releases' dist tags ({@code 26.el7_9}, {@code 6.el8_10.1},
     * {@code 1.module+el8.4.0+...}): {@code EL7} when all that have one agree, else empty.
     */
    static String platformOfPackages(Collection<FixedPackage> packages) {
        int found = -1;
        Matcher m = DIST_TAG.matcher("");
        String last = null;
        for (FixedPackage p : packages) {
            String release = p.evr().release();
            if (release.equals(last)) {
                continue; // the packages of one source package share their release
            }
            last = release;
            m.reset(release);
            if (m.find()) {
                int major = Integer.parseInt(release, m.start(1), m.end(1), 10);
                if (found >= 0 && found != major) {
                    return "";
                }
                found = major;
            }
        }
        return found < 0 ? "" : "EL" + found;
    }

    private static boolean token(String s) {
        if (s.isEmpty() || s.length() > MAX_TOKEN) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
