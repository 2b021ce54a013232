package io.patchwindow.azure.advisory;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.patchwindow.core.advisory.AdvisoryFeed;
import io.patchwindow.core.advisory.AdvisorySink;

/** Forwards advisories to the caller's sink and counts them per format, for the feed summaries. */
final class Tally {
    private final AdvisorySink target;
    private final Map<AdvisoryFormat, Count> counts = new EnumMap<>(AdvisoryFormat.class);

    private static final class Count {
        long advisories;
        @Nullable LocalDate newest;
    }

    Tally(AdvisorySink target) {
        this.target = target;
    }

    /** The sink for advisories of one format; the format counts as read even if it holds none. */
    AdvisorySink to(AdvisoryFormat format) {
        Count count = counts.computeIfAbsent(format, f -> new Count());
        return advisory -> {
            count.advisories++;
            LocalDate date = advisory.newestDate();
            if (date != null && (count.newest == null || date.isAfter(count.newest))) {
                count.newest = date;
            }
            target.accept(advisory);
        };
    }

    /** Whether any advisory file was read. */
    boolean isEmpty() {
        return counts.isEmpty();
    }

    /** Sends one feed per format read, in the order of {@link AdvisoryFormat}, and starts counting anew. */
    void flush(String source) {
        for (Map.Entry<AdvisoryFormat, Count> e : counts.entrySet()) {
            target.feed(new AdvisoryFeed(source, e.getKey().id(), e.getValue().advisories, e.getValue().newest));
        }
        counts.clear();
    }
}
