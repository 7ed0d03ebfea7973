package io.neurofm.serve.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a phase's CPU went, by thread group, in this JVM: the model workers ({@code neurofm-*}),
 * Tomcat's request threads ({@code http-nio-*}), the load generator's clients (which report their
 * own CPU, since their threads end with the phase) and the rest (GC, JIT, others). Read before and
 * after a phase; the difference of the live threads' counters plus what the clients reported is
 * the phase's account.
 */
final class CpuAccount {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final long processNanos;
    private final Map<Long, Long> threadNanos = new LinkedHashMap<>();
    private final Map<Long, Long> threadUserNanos = new LinkedHashMap<>();
    private final Map<Long, String> threadGroup = new LinkedHashMap<>();

    private CpuAccount() {
        processNanos = OS.getProcessCpuTime();
        long[] ids = THREADS.getAllThreadIds();
        for (ThreadInfo info : THREADS.getThreadInfo(ids)) {
            if (info == null) {
                continue;
            }
            long cpu = THREADS.getThreadCpuTime(info.getThreadId());
            if (cpu >= 0) {
                threadNanos.put(info.getThreadId(), cpu);
                threadUserNanos.put(info.getThreadId(), THREADS.getThreadUserTime(info.getThreadId()));
                threadGroup.put(info.getThreadId(), group(info.getThreadName()));
            }
        }
    }

    static CpuAccount now() {
        return new CpuAccount();
    }

    static String group(String threadName) {
        if (threadName.startsWith("neurofm-")) {
            return "model_workers";
        }
        if (threadName.startsWith("http-nio-")) {
            return "http_threads";
        }
        if (threadName.startsWith("bench-client-")) {
            return "load_generator";
        }
        return "other";
    }

    /**
     * Milliseconds of CPU from {@code start} to this snapshot, by group, with {@code clientNanos} (what
     * the load generator's threads reported) as the load generator's and the remainder of the process's
     * CPU as "other".
     */
    Map<String, Double> since(CpuAccount start, long clientNanos) {
        Map<String, Long> nanos = new LinkedHashMap<>();
        nanos.put("model_workers", 0L);
        nanos.put("http_threads", 0L);
        long workerKernel = 0;
        for (Map.Entry<Long, Long> e : threadNanos.entrySet()) {
            String g = threadGroup.get(e.getKey());
            if (g.equals("model_workers") || g.equals("http_threads")) {
                long before = start.threadNanos.getOrDefault(e.getKey(), 0L);
                nanos.merge(g, e.getValue() - before, Long::sum);
            }
            if (g.equals("model_workers")) {
                long user = threadUserNanos.get(e.getKey()) - start.threadUserNanos.getOrDefault(e.getKey(), 0L);
                workerKernel += e.getValue() - start.threadNanos.getOrDefault(e.getKey(), 0L) - user;
            }
        }
        nanos.put("load_generator", clientNanos);
        long total = processNanos - start.processNanos;
        long named = nanos.values().stream().mapToLong(Long::longValue).sum();
        nanos.put("other", Math.max(0, total - named));
        nanos.put("process", total);
        // of the workers' CPU, the part in the kernel (system calls, and interrupts charged to them)
        nanos.put("model_workers_kernel", workerKernel);
        Map<String, Double> millis = new LinkedHashMap<>();
        nanos.forEach((k, v) -> millis.put(k, v / 1e6));
        return millis;
    }
}
