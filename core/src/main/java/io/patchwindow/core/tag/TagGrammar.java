package io.patchwindow.core.tag;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import io.patchwindow.core.schedule.WeeklySlot;
import io.patchwindow.core.text.AsciiCase;
import io.patchwindow.core.text.Quoting;
import org.jspecify.annotations.Nullable;

/**
 * The grammar of patch tag values: {@code <PREFIX>-<ENV>-<DAY>-<HH:MM>}, read from a tag (default
 * {@code patch}).
 *
 * <p>{@link #standard()} is identical to the original runbooks:
 * {@code ^CENTOS-[PQR]-(MON|TUE|WED|THU|FRI|SAT|SUN)-(03|12|22):00$}. Everything is configurable through
 * {@link #builder()}: the tag name, prefixes, environments, hours and whether surrounding white space
 * and lower case are tolerated.
 *
 * <pre>{@code
 * TagGrammar grammar = TagGrammar.builder()
 *         .prefixes("CENTOS", "ALMA")
 *         .hours("03:00", "12:00", "22:00", "23:30")
 *         .tolerant(true)
 *         .build();
 * PatchTag tag = grammar.parse("CENTOS-P-MON-03:00");
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class TagGrammar implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The day codes accepted, in week order. */
    public static final List<String> DAY_CODES = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9]+");
    private static final Pattern HOUR = Pattern.compile("[0-9]{2}:[0-9]{2}");
    // STRICT: "24:00" is not a time of day (SMART would read it as 00:00 of the same weekday, a day early).
    private static final DateTimeFormatter HH_MM =
            DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final TagGrammar STANDARD = builder().build();

    /** The name of the tag holding the window. */

    private final String tagName;
    /** The accepted distribution prefixes. */
    private final List<String> prefixes;
    /** The accepted environment codes. */
    private final List<String> environments;
    /** The accepted window times. */
    private final List<LocalTime> hours;
    /** Whether surrounding white space and lower case are tolerated. */
    private final boolean tolerant;

    private TagGrammar(Builder b) {
        this.tagName = b.tagName;
        this.prefixes = List.copyOf(b.prefixes);
        this.environments = List.copyOf(b.environments);
        this.hours = List.copyOf(b.hours);
        this.tolerant = b.tolerant;
    }

    /**
     * Returns the grammar of the original runbooks: tag {@code patch}, prefix {@code CENTOS},
     * environments {@code P, Q, R}, hours {@code 03:00, 12:00, 22:00}, nothing tolerated.
     *
     * @return the standard grammar, not null
     */
    public static TagGrammar standard() {
        return STANDARD;
    }

    /**
     * Returns a builder initialised with the standard grammar.
     *
     * @return a new builder, not null
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder initialised with this grammar.
     *
     * @return a new builder, not null
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.tagName = tagName;
        b.prefixes = new ArrayList<>(prefixes);
        b.environments = new ArrayList<>(environments);
        b.hours = new ArrayList<>(hours);
        b.tolerant = tolerant;
        return b;
    }

    /**
     * Returns the tag name read, e.g. {@code patch}; tag names are matched case-insensitively.
     *
     * @return the tag name, not null
     */
    public String tagName() {
        return tagName;
    }

    /**
     * Returns the accepted distribution prefixes, upper case.
     *
     * @return an immutable list, not null
     */
    public List<String> prefixes() {
        return prefixes;
    }

    /**
     * Returns the accepted environment codes, upper case, e.g. {@code [P, Q, R]}.
     *
     * @return an immutable list, not null
     */
    public List<String> environments() {
        return environments;
    }

    /**
     * Returns the accepted times of day.
     *
     * @return an immutable list, not null
     */
    public List<LocalTime> hours() {
        return hours;
    }

    /**
     * Returns whether surrounding white space and lower case are tolerated.
     *
     * @return true if tolerated
     */
    public boolean tolerant() {
        return tolerant;
    }

    /**
     * Finds this grammar's tag in a tag map, matching the tag name ignoring the case of ASCII letters, as
     * Azure does; see {@link #tagValue(Map, String)}.
     *
     * @param tags the resource tags, not null
     * @return the tag value, or empty if the tag is absent or its spellings disagree
     */
    public Optional<String> tagValue(Map<String, String> tags) {
        return tagValue(tags, tagName);
    }

    /**
     * Finds a tag in a tag map, matching the name ignoring the case of ASCII letters (never Unicode case:
     * {@code patch-tſ} is not {@code patch-ts}). Tags whose names differ only in case (Azure treats them as
     * one, an export or another tool may not) count as one when their values are equal; when their values
     * differ, no value is chosen: empty, and {@link #caseConflict(Map, String)} says why.
     *
     * @param tags the resource tags, not null
     * @param name the tag name, e.g. {@code patch}, not null
     * @return the tag value, or empty if the tag is absent or its spellings disagree
     */
    public static Optional<String> tagValue(Map<String, String> tags, String name) {
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(name, "name");
        String found = null;
        for (Map.Entry<String, String> e : tags.entrySet()) {
            String v = e.getValue();
            if (e.getKey() != null && v != null && AsciiCase.equalsIgnoreCase(e.getKey(), name)) {
                if (found != null && !found.equals(v)) {
                    return Optional.empty();
                }
                found = v;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Explains a disagreement between tags whose names differ only in case, e.g. {@code patch} and
     * {@code PATCH} with different values.
     *
     * @param tags the resource tags, not null
     * @param name the tag name, not null
     * @return a one-line detail naming every spelling and its value, or empty if they agree (or there is
     *         at most one)
     */
    public static Optional<String> caseConflict(Map<String, String> tags, String name) {
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(name, "name");
        if (tagValue(tags, name).isPresent() || !hasTag(tags, name)) {
            return Optional.empty(); // the common case, without allocating
        }
        java.util.TreeMap<String, String> spellings = new java.util.TreeMap<>();
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (e.getKey() != null && e.getValue() != null && AsciiCase.equalsIgnoreCase(e.getKey(), name)) {
                spellings.put(e.getKey(), e.getValue());
            }
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        spellings.forEach((k, v) -> parts.add(Quoting.quote(k) + " = " + Quoting.quote(v)));
        return Optional.of("tags " + String.join(", ", parts) + " differ only in the case of their names and have "
                + "different values; expected one tag " + Quoting.quote(name));
    }

    private static boolean hasTag(Map<String, String> tags, String name) {
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (e.getKey() != null && e.getValue() != null && AsciiCase.equalsIgnoreCase(e.getKey(), name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses a tag value, e.g. {@code CENTOS-P-MON-03:00}.
     *
     * @param value the tag value, not null
     * @return the parsed tag, not null
     * @throws InvalidPatchTagException if the value does not match; the message names the bad field
     */
    public PatchTag parse(String value) {
        Objects.requireNonNull(value, "value");
        String text = value;
        boolean tolerated = false;
        if (tolerant) {
            String normalised = value.strip().toUpperCase(Locale.ROOT);
            tolerated = !normalised.equals(value);
            text = normalised;
        }
        return parseStrict(value, text, tolerated);
    }

    /**
     * Parses a tag value, returning empty instead of throwing.
     *
     * @param value the tag value, not null
     * @return the parsed tag, or empty if the value does not match
     */
    public Optional<PatchTag> tryParse(String value) {
        try {
            return Optional.of(parse(value));
        } catch (InvalidPatchTagException e) {
            return Optional.empty();
        }
    }

    private PatchTag parseStrict(String raw, String text, boolean tolerated) {
        if (text.isEmpty()) {
            throw invalid(raw, "the value is empty; expected " + form());
        }
        String[] parts = text.split("-", -1);
        // Exactly four fields: prefixes and environments are letters and digits only, so a fifth field can
        // never be part of a valid prefix; naming the field count is the accurate message.
        if (parts.length != 4) {
            throw invalid(raw, "expected " + form() + " but found " + parts.length
                    + (parts.length == 1 ? " field" : " fields"));
        }
        String prefix = parts[0];
        String env = parts[1];
        String day = parts[2];
        String time = parts[3];

        if (!prefixes.contains(prefix)) {
            throw invalid(raw, field("prefix", prefix, prefixes) + caseHint(raw, prefix, prefixes));
        }
        if (!environments.contains(env)) {
            throw invalid(raw, field("environment", env, environments) + caseHint(raw, env, environments));
        }
        int dayIndex = DAY_CODES.indexOf(day);
        if (dayIndex < 0) {
            throw invalid(raw, field("weekday", day, DAY_CODES) + caseHint(raw, day, DAY_CODES));
        }
        @Nullable LocalTime hour = HOUR.matcher(time).matches() ? parseHour(time) : null;
        if (hour == null || !hours.contains(hour)) {
            throw invalid(raw, field("hour", time, hourTexts()) + whiteSpaceHint(raw, time));
        }
        return new PatchTag(prefix, env, WeeklySlot.of(DayOfWeek.of(dayIndex + 1), hour), raw, tolerated);
    }

    private static @Nullable LocalTime parseHour(String time) {
        try {
            return LocalTime.parse(time, HH_MM);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private String caseHint(String raw, String found, List<String> accepted) {
        if (!tolerant && accepted.contains(found.strip().toUpperCase(Locale.ROOT))) {
            return " (lower case and surrounding white space are not tolerated by this grammar)";
        }
        return "";
    }

    private String whiteSpaceHint(String raw, String time) {
        if (!tolerant && !time.equals(time.strip()) && HOUR.matcher(time.strip()).matches()) {
            return " (surrounding white space is not tolerated by this grammar)";
        }
        return "";
    }

    private static String field(String name, String found, Collection<String> accepted) {
        return name + " " + Quoting.quote(found) + " is not one of " + accepted;
    }

    private List<String> hourTexts() {
        List<String> out = new ArrayList<>(hours.size());
        for (LocalTime h : hours) {
            out.add(h.format(HH_MM));
        }
        return out;
    }

    private String form() {
        return "<PREFIX>-<ENV>-<DAY>-<HH:MM> such as '" + example() + "'";
    }

    /**
     * Returns an example of a valid value, e.g. {@code CENTOS-P-MON-03:00}.
     *
     * @return a value this grammar accepts, not null
     */
    public String example() {
        return prefixes.get(0) + "-" + environments.get(0) + "-MON-" + hours.get(0).format(HH_MM);
    }

    private static InvalidPatchTagException invalid(String raw, String reason) {
        return new InvalidPatchTagException(raw, reason);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TagGrammar)) {
            return false;
        }
        TagGrammar g = (TagGrammar) o;
        return tolerant == g.tolerant && tagName.equals(g.tagName) && prefixes.equals(g.prefixes)
                && environments.equals(g.environments) && hours.equals(g.hours);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tagName, prefixes, environments, hours, tolerant);
    }

    @Override
    public String toString() {
        return "TagGrammar[tag=" + tagName + ", prefixes=" + prefixes + ", environments=" + environments
                + ", hours=" + hourTexts() + ", tolerant=" + tolerant + "]";
    }

    /**
     * Builds a {@link TagGrammar}; starts from the standard grammar. Not thread-safe.
     */
    public static final class Builder {
        private String tagName = "patch";
        private List<String> prefixes = new ArrayList<>(List.of("CENTOS"));
        private List<String> environments = new ArrayList<>(List.of("P", "Q", "R"));
        private List<LocalTime> hours =
                new ArrayList<>(List.of(LocalTime.of(3, 0), LocalTime.of(12, 0), LocalTime.of(22, 0)));
        private boolean tolerant;

        private Builder() {
        }

        /**
         * Sets the tag name, e.g. {@code patch}.
         *
         * @param tagName a non-blank tag name
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder tagName(String tagName) {
            Objects.requireNonNull(tagName, "tagName");
            if (tagName.isBlank()) {
                throw new IllegalArgumentException("Invalid tag name '': must not be blank, e.g. 'patch'");
            }
            this.tagName = tagName;
            return this;
        }

        /**
         * Sets the accepted prefixes, e.g. {@code CENTOS, ALMA}; letters and digits, upper-cased.
         *
         * @param prefixes at least one prefix
         * @return this builder
         * @throws IllegalArgumentException if empty or a prefix is not letters and digits
         */
        public Builder prefixes(String... prefixes) {
            this.prefixes = codes("prefix", List.of(prefixes));
            return this;
        }

        /**
         * Sets the accepted prefixes from a list.
         *
         * @param prefixes at least one prefix
         * @return this builder
         * @throws IllegalArgumentException if empty or a prefix is not letters and digits
         */
        public Builder prefixList(List<String> prefixes) {
            this.prefixes = codes("prefix", prefixes);
            return this;
        }

        /**
         * Sets the accepted environment codes, e.g. {@code P, Q, R}.
         *
         * @param environments at least one code
         * @return this builder
         * @throws IllegalArgumentException if empty or a code is not letters and digits
         */
        public Builder environments(String... environments) {
            this.environments = codes("environment", List.of(environments));
            return this;
        }

        /**
         * Sets the accepted environment codes from a list.
         *
         * @param environments at least one code
         * @return this builder
         * @throws IllegalArgumentException if empty or a code is not letters and digits
         */
        public Builder environmentList(List<String> environments) {
            this.environments = codes("environment", environments);
            return this;
        }

        /**
         * Sets the accepted times of day as {@code HH:MM} texts, e.g. {@code "03:00", "12:00"}.
         *
         * @param hours at least one time
         * @return this builder
         * @throws IllegalArgumentException if empty or a value is not {@code HH:MM}
         */
        public Builder hours(String... hours) {
            return hourList(List.of(hours));
        }

        /**
         * Sets the accepted times of day from a list of {@code HH:MM} texts.
         *
         * @param hours at least one time
         * @return this builder
         * @throws IllegalArgumentException if empty or a value is not {@code HH:MM}
         */
        public Builder hourList(List<String> hours) {
            if (hours.isEmpty()) {
                throw new IllegalArgumentException("Invalid hours []: at least one HH:MM time is required");
            }
            List<LocalTime> out = new ArrayList<>();
            for (String h : hours) {
                Objects.requireNonNull(h, "hour");
                @Nullable LocalTime t = HOUR.matcher(h).matches() ? parseHour(h) : null;
                if (t == null) {
                    throw new IllegalArgumentException(
                            "Invalid hour " + Quoting.quote(h) + ": expected HH:MM from 00:00 to 23:59, e.g. 03:00");
                }
                if (!out.contains(t)) {
                    out.add(t);
                }
            }
            this.hours = out;
            return this;
        }

        /**
         * Sets whether surrounding white space and lower case are tolerated (default false). A tolerated
         * value parses with {@link PatchTag#tolerated()} true, which the planner reports as a warning.
         *
         * @param tolerant true to tolerate
         * @return this builder
         */
        public Builder tolerant(boolean tolerant) {
            this.tolerant = tolerant;
            return this;
        }

        /**
         * Builds the grammar.
         *
         * @return the grammar, not null
         */
        public TagGrammar build() {
            return new TagGrammar(this);
        }

        private static List<String> codes(String what, List<String> values) {
            if (values.isEmpty()) {
                throw new IllegalArgumentException("Invalid " + what + " list []: at least one is required");
            }
            List<String> out = new ArrayList<>();
            for (String v : values) {
                Objects.requireNonNull(v, what);
                if (!CODE.matcher(v).matches()) {
                    throw new IllegalArgumentException("Invalid " + what + " " + Quoting.quote(v)
                            + ": only letters A-Z and digits are accepted, e.g. 'CENTOS', 'P'");
                }
                String upper = v.toUpperCase(Locale.ROOT);
                if (!out.contains(upper)) {
                    out.add(upper);
                }
            }
            return out;
        }
    }
}
