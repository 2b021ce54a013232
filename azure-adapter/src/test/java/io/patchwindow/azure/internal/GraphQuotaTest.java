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

    @Test
    void answersOfOneWindow_theEarliestEndIsWaitedFor() {
        // whole seconds: the first answer says "within 1 s"; a later one of the same window, written when a little
        // more than a second was left, says 2 s: the window still ends within the first one's second
        GraphQuota q = new GraphQuota();
        long a = q.awaitTurn();
        long b = q.awaitTurn();
        assertThat(q.answered(a, quota("2", "00:00:01"))).isNull(); // 2 left, 1 in flight
        assertThat(q.answered(b, quota("0", "00:00:02"))).isEqualTo(Duration.ofSeconds(2));
        long t0 = System.nanoTime();
        q.awaitTurn();
        long waited = System.nanoTime() - t0;
        assertThat(waited).isBetween(Duration.ofMillis(900).toNanos(), Duration.ofMillis(1600).toNanos());
    }

    @Test
    void anAnswerOfTheNextWindow_isNotTakenForTheCurrentOne() {
        GraphQuota q = new GraphQuota();
        long a = q.awaitTurn();
        assertThat(q.answered(a, quota("14", "00:00:01"))).isNull();
        // its end lies more than the header's second beyond the current one's: a new window, its end kept
        long b = q.awaitTurn();
        assertThat(q.answered(b, quota("0", "00:00:03"))).isEqualTo(Duration.ofSeconds(3));
        long t0 = System.nanoTime();
        q.awaitTurn();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(2900).toNanos());
    }

    @Test
    void answersOutOfOrder_neverRaiseWhatIsLeft() {
        GraphQuota q = new GraphQuota();
        long first = q.awaitTurn();
        long second = q.awaitTurn();
        long third = q.awaitTurn();
        // the second query's answer comes first: 1 left, 2 still in flight -> none
        assertThat(q.answered(second, quota("1", "00:00:01"))).isEqualTo(Duration.ofSeconds(1));
        // the first query's answer, written before, says more were left: still none
        assertThat(q.answered(first, quota("2", "00:00:01"))).isEqualTo(Duration.ofSeconds(1));
        assertThat(q.answered(third, quota("0", "00:00:01"))).isEqualTo(Duration.ofSeconds(1));
        long t0 = System.nanoTime();
        q.awaitTurn();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(500).toNanos());
        assertThat(q.waits()).isEqualTo(1);
    }
}
