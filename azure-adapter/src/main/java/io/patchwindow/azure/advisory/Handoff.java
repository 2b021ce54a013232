package io.patchwindow.azure.advisory;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * What the reading threads ({@link ReadAhead}, {@link XmlElements}) share: handing an item over a bounded queue
 * until the reader stops wanting it, and waiting for a thread to end.
 */
final class Handoff {
    private Handoff() {
    }

    /**
     * Puts an item on a queue, waiting while it is full, unless the reader stops first.
     *
     * @param queue the queue
     * @param item the item
     * @param cancelled whether the reader has stopped (asked every 100 ms while the queue is full)
     * @return whether the item was put; false when cancelled or interrupted, which stops the thread's work
     */
    static <T> boolean put(BlockingQueue<T> queue, T item, BooleanSupplier cancelled) {
        while (!cancelled.getAsBoolean()) {
            try {
                if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            } catch (InterruptedException e) {
                return false;
            }
        }
        return false;
    }

    /** Waits for a thread to end; an interrupt meanwhile is kept for the caller, not lost. */
    static void join(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
