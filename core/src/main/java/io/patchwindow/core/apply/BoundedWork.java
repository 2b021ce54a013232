package io.patchwindow.core.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Runs one piece of work per item on at most a given number of daemon threads and gives the results in the
 * items' order: the one helper behind the {@link Applier}'s writes and the adapters' parallel reads and
 * assignment writes. The pool lives for one call.
 */
public final class BoundedWork {
    private BoundedWork() {
    }

    /**
     * Maps every item, at most {@code concurrency} at a time. A piece of work that throws, or the wait for it
     * when the calling thread is interrupted (the interrupt is kept), gives {@code failed}'s result for its item
     * instead; if {@code failed} throws, the rest is cancelled and the exception propagates.
     *
     * @param items the items, not null
     * @param concurrency the most threads, at least 1
     * @param threadName the threads' name prefix, not null
     * @param work the work of one item, not null
     * @param failed the result of an item whose work threw (its cause) or whose wait was interrupted
     *        (an {@link InterruptedException}), not null
     * @param <T> the item type
     * @param <R> the result type
     * @return one result per item, in order, not null
     * @throws IllegalArgumentException if concurrency is below 1
     */
    public static <T, R extends @Nullable Object> List<R> map(List<T> items, int concurrency, String threadName,
            Function<? super T, ? extends R> work, BiFunction<? super T, Throwable, ? extends R> failed) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(threadName, "threadName");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(failed, "failed");
        if (concurrency < 1) {
            throw new IllegalArgumentException("Invalid concurrency " + concurrency + ": expected at least 1");
        }
        List<R> out = new ArrayList<>(items.size());
        if (items.isEmpty()) {
            return out;
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, items.size()), r -> {
            Thread t = new Thread(r, threadName + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<? extends R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(pool.submit(() -> work.apply(item)));
            }
            for (int i = 0; i < futures.size(); i++) {
                R r;
                try {
                    r = futures.get(i).get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    r = failed.apply(items.get(i), e);
                } catch (ExecutionException e) {
                    r = failed.apply(items.get(i), e.getCause() == null ? e : e.getCause());
                }
                out.add(r);
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }
}
