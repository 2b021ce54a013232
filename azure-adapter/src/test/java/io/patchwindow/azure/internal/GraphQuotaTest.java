package io.patchwindow.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;

class GraphQuotaTest {

    static HttpHeaders quota(String remaining, String resetsAfter) {
        return new HttpHeaders().set(HttpHeaderName.fromString(GraphQuota.REMAINING), remaining)
                .set(HttpHeaderName.fromString(GraphQuota.RESETS_AFTER), resetsAfter);
    }

    @Test
    void parseResetsAfter_readsHoursMinutesSecondsAndFractions() {
        assertThat(GraphQuota.parseResetsAfter("00:00:03")).isEqualTo(Duration.ofSeconds(3));
        assertThat(GraphQuota.parseResetsAfter("00:02:03")).isEqualTo(Duration.ofSeconds(123));
        assertThat(GraphQuota.parseResetsAfter("00:00:04.5")).isEqualTo(Duration.ofMillis(4500));
        assertThat(GraphQuota.parseResetsAfter("3s")).isNull();
        assertThat(GraphQuota.parseResetsAfter(null)).isNull();
        assertThat(GraphQuota.parseResetsAfter("99:00:00")).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void answered_withNoneLeft_makesTheNextQueryWaitForTheWindow() {
        GraphQuota q = new GraphQuota();
        q.awaitTurn();
        assertThat(q.answered(quota("3", "00:00:01"))).isNull();
        q.awaitTurn();
        assertThat(q.answered(quota("0", "00:00:01"))).isEqualTo(Duration.ofSeconds(1));
        long t0 = System.nanoTime();
        q.awaitTurn();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(900).toNanos());
        assertThat(q.waits()).isEqualTo(1);
    }

    @Test
    void queriesInFlight_countAgainstWhatTheAnswerLeft() {
        GraphQuota q = new GraphQuota();
        q.awaitTurn();
        q.awaitTurn(); // sent before the first answer arrives
        q.awaitTurn();
        // the first answer leaves 2, but two queries are in flight: none left
        assertThat(q.answered(quota("2", "00:00:01"))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void noHeaders_noPacing() {
        GraphQuota q = new GraphQuota();
        q.awaitTurn();
        assertThat(q.answered(new HttpHeaders())).isNull();
        q.awaitTurn();
        assertThat(q.answered(null)).isNull();
        assertThat(q.waits()).isZero();
    }
}
