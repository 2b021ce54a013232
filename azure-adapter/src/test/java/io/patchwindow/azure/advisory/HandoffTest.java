package io.patchwindow.azure.advisory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class HandoffTest {

    @Test
    void put_waitsForRoom_andGivesUpWhenTheReaderStops() throws InterruptedException {
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(1);
        assertThat(Handoff.put(queue, "a", () -> false)).isTrue();

        AtomicBoolean stopped = new AtomicBoolean();
        boolean[] put = {true};
        Thread waiting = new Thread(() -> put[0] = Handoff.put(queue, "b", stopped::get));
        waiting.start();
        Thread.sleep(250);
        assertThat(waiting.isAlive()).as("waits while the queue is full").isTrue();
        stopped.set(true);
        Handoff.join(waiting);

        assertThat(put[0]).isFalse();
        assertThat(queue).containsExactly("a");
    }

    @Test
    void join_waitsThroughAnInterrupt_andKeepsItForTheCaller() {
        Thread quick = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        quick.start();
        Thread.currentThread().interrupt();

        Handoff.join(quick);

        assertThat(Thread.interrupted()).isTrue();
        assertThat(quick.isAlive()).isFalse();
    }
}
