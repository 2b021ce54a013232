package io.patchwindow.azure.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * CPU time of a benchmark's threads by role, so that the emulator's own work (its HTTP server's threads) is
 * reported apart from the adapter's (the calling threads and the HTTP client's). Samples every live thread's
 * CPU time every 100 ms and keeps each thread's last sample, so that threads that end during the measurement
 * (e.g. a pool shut down after a read) still count, less at most their last 100 ms. What no Java thread does
 * (the collector, the JIT compilers) is the process's CPU time less the threads' sum.
 */
final class ThreadCpu implements AutoCloseable {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Function<String, String> role;
    private final Map<Long, long[]> lastCpu = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, Long> startCpu = new HashMap<>();
    private final long processStart;
    private final Thread sampler;
    private volatile boolean running = true;

    /**
     * Starts sampling.
     *
     * @param role the role of a thread by its name, e.g. "emulator" or "adapter"
     */
    ThreadCpu(Function<String, String> role) {
        this.role = role;
        this.processStart = processCpu();
        synchronized (this) {
            for (long id : threads.getAllThreadIds()) {
                long cpu = threads.getThreadCpuTime(id);
                if (cpu >= 0) {
                    startCpu.put(id, cpu);
                }
            }
        }
        sample();
        this.sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private synchronized void sample() {
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long cpu = threads.getThreadCpuTime(ids[i]);
            if (cpu < 0 || infos[i] == null) {
                continue;
            }
            lastCpu.computeIfAbsent(ids[i], k -> new long[1])[0] = cpu;
            names.putIfAbsent(ids[i], infos[i].getThreadName());
        }
    }

    /** The process's CPU time (all threads, the JVM's own included), in nanoseconds. */
    static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Stops sampling and returns the CPU seconds per role since the start, plus {@code "jvm (gc, jit)"}: the
     * process's CPU time that no sampled thread accounts for, and {@code "total"}.
     *
     * @return role to seconds, sorted by role
     */
    synchronized Map<String, Double> stop() {
        running = false;
        sampler.interrupt();
        sample();
        long process = processCpu() - processStart;
        Map<String, Double> out = new TreeMap<>();
        long sum = 0;
        for (Map.Entry<Long, long[]> e : lastCpu.entrySet()) {
            long used = e.getValue()[0] - startCpu.getOrDefault(e.getKey(), 0L);
            sum += used;
            out.merge(role.apply(names.get(e.getKey())), used / 1e9, Double::sum);
        }
        out.put("jvm (gc, jit)", Math.max(0, process - sum) / 1e9);
        out.put("total", process / 1e9);
        return out;
    }

    /** The roles as {@code role 1.2 s, ...}. */
    static String describe(Map<String, Double> cpu) {
        StringBuilder b = new StringBuilder();
        cpu.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(String.format(Locale.ROOT, "%.1f s", v)));
        return b.toString();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
