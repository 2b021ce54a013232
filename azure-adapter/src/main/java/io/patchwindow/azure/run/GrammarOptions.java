package io.patchwindow.azure.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.patchwindow.core.tag.TagGrammar;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Tag grammar options: {@code --tag-name}, {@code --prefixes}, {@code --hours}, {@code --tolerant}. Unset
 * options keep the standard grammar ({@code patch}, {@code CENTOS}, {@code 03:00,12:00,22:00}, strict).
 *
 * <p>Usable without picocli: {@code new GrammarOptions().prefixes(List.of("CENTOS", "ALMA")).toGrammar()}.
 */
public final class GrammarOptions {
    @Option(names = "--tag-name", paramLabel = "NAME",
            description = "Tag holding the patch window, matched case-insensitively (default: patch).")
    private @Nullable String tagName;

    @Option(names = "--prefixes", split = ",", paramLabel = "PREFIX",
            description = "Accepted distribution prefixes, comma-separated (default: CENTOS).")
    private @Nullable List<String> prefixes;

    @Option(names = "--hours", split = ",", paramLabel = "HH:MM",
            description = "Accepted window times, comma-separated (default: 03:00,12:00,22:00).")
    private @Nullable List<String> hours;

    @Option(names = "--tolerant",
            description = "Tolerate surrounding white space and lower case in tag values (reported as warnings).")
    private boolean tolerant;

    /**
     * Sets the tag name, e.g. {@code patch}.
     *
     * @param tagName the name, not null
     * @return this
     */
    public GrammarOptions tagName(String tagName) {
        this.tagName = Objects.requireNonNull(tagName, "tagName");
        return this;
    }

    /**
     * Sets the accepted prefixes, e.g. {@code [CENTOS, ALMA]}.
     *
     * @param prefixes the prefixes, not null
     * @return this
     */
    public GrammarOptions prefixes(List<String> prefixes) {
        this.prefixes = new ArrayList<>(prefixes);
        return this;
    }

    /**
     * Sets the accepted times, e.g. {@code [03:00, 12:00]}.
     *
     * @param hours {@code HH:MM} texts, not null
     * @return this
     */
    public GrammarOptions hours(List<String> hours) {
        this.hours = new ArrayList<>(hours);
        return this;
    }

    /**
     * Sets whether white space and lower case are tolerated.
     *
     * @param tolerant true to tolerate
     * @return this
     */
    public GrammarOptions tolerant(boolean tolerant) {
        this.tolerant = tolerant;
        return this;
    }

    /**
     * Builds the grammar from the options.
     *
     * @return the grammar, not null
     * @throws IllegalArgumentException if a value is invalid, e.g. an hour that is not {@code HH:MM}
     */
    public TagGrammar toGrammar() {
        TagGrammar.Builder b = TagGrammar.builder();
        if (tagName != null) {
            b.tagName(tagName.strip());
        }
        if (prefixes != null) {
            b.prefixList(stripAll(prefixes));
        }
        if (hours != null) {
            b.hourList(stripAll(hours));
        }
        return b.tolerant(tolerant).build();
    }

    static List<String> stripAll(List<String> values) {
        List<String> out = new ArrayList<>(values.size());
        for (String v : values) {
            if (!v.isBlank()) {
                out.add(v.strip());
            }
        }
        return out;
    }
}
