package io.patchwindow.core.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class BoundedWorkTest {

    @Test
    void map_givesResultsInTheItemsOrder_andNeverRunsMoreThanTheBoundAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Integer> items = IntStream.range(0, 40).boxed().toList();
        List<Integer> out = BoundedWork.map(items, 3, "test", i -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(40 - i % 7);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return i * 10;
        }, (i, e) -> -1);
        assertThat(out).isEqualTo(items.stream().map(i -> i * 10).toList());
        assertThat(most.get()).isLessThanOrEqualTo(3);
    }

    @Test
    void map_runsUpToTheBoundConcurrently() throws InterruptedException {
        CountDownLatch all = new CountDownLatch(4);
        List<Boolean> met = BoundedWork.map(List.of(1, 2, 3, 4), 4, "test", i -> {
            all.countDown();
            try {
                return all.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return false;
            }
        }, (i, e) -> false);
        assertThat(met).containsOnly(true);
    }

    @Test
    void map_aFailingItemGivesTheFailedResult_andTheOthersStillRun() {
        List<String> out = BoundedWork.map(List.of("a", "bad", "c"), 2, "test", s -> {
            if (s.equals("bad")) {
                throw new IllegalStateException("refused " + s);
            }
            return s.toUpperCase(java.util.Locale.ROOT);
        }, (s, e) -> s + ": " + e.getMessage());
        assertThat(out).containsExactly("A", "bad: refused bad", "C");
    }

    @Test
    void map_aThrowingFailedHandlerPropagates() {
        assertThatThrownBy(() -> BoundedWork.map(List.of(1, 2), 2, "test", i -> {
            throw new IllegalStateException("no " + i);
        }, (i, e) -> {
            throw new IllegalArgumentException("stopped at " + i, e);
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("stopped at 1");
    }

    @Test
    void map_refusesAConcurrencyBelowOne_andGivesNothingForNoItems() {
        assertThatThrownBy(() -> BoundedWork.map(List.of(1), 0, "test", i -> i, (i, e) -> i))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid concurrency 0: expected at least 1");
        assertThat(BoundedWork.map(List.<Integer>of(), 1, "test", i -> i, (i, e) -> i)).isEmpty();
    }
}
