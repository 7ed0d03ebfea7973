package io.neurofm.serve.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Sends one prepared request to a server on loopback again and again, bounded in time, and counts
 * what came back. Closed loop (N clients, each sending its next request when the last one is
 * answered) measures capacity; open loop (requests due at a fixed rate whether or not earlier ones
 * were answered) measures latency at a given load and behaviour under overload. Each client thread
 * owns one keep-alive {@link HttpConnection}.
 */
public final class LoadGenerator {
    private static final int READ_TIMEOUT_MILLIS = 120_000;

    private final InetSocketAddress address;
    private final byte[] request;
    private final Predicate<HttpConnection.Response> isGoodAnswer;

    /**
     * @param address      the server
     * @param request      the request's bytes ({@link HttpConnection#request}), sent again and again
     * @param isGoodAnswer checks a 200 answer (a 200 that fails it counts as {@code bad})
     */
    public LoadGenerator(InetSocketAddress address, byte[] request, Predicate<HttpConnection.Response> isGoodAnswer) {
        this.address = address;
        this.request = request.clone();
        this.isGoodAnswer = isGoodAnswer;
    }

    /**
     * What one phase saw.
     *
     * @param sent        requests sent
     * @param ok          200 answers that passed the check (their latencies are in {@code latency})
     * @param bad         200 answers that failed the check
     * @param rejected    503 answers carrying a Retry-After header
     * @param rejectedWithoutRetryAfter 503 answers without one
     * @param otherStatus answers with any other status
     * @param failed      requests that got no HTTP answer (connection error)
     * @param unanswered  requests still open when the phase's drain time ran out
     * @param seconds     from the first send to the last answer
     * @param failures    failed requests by exception class (a refused connection was never accepted;
     *                    a reset or timeout after sending may have been)
     * @param clientCpuNanos CPU the generator's own threads used (it shares the machine with the server)
     * @param okLatencyNanos the latency of each good answer
     */
    public record Result(long sent, long ok, long bad, long rejected, long rejectedWithoutRetryAfter,
            long otherStatus, long failed, long unanswered, double seconds, LatencyStats latency,
            Map<String, Long> failures, long clientCpuNanos, long[] okLatencyNanos) {
        public double okPerSecond() {
            return ok / seconds;
        }

        /** Several phases as one: counts, seconds and CPU added, latencies pooled. */
        public static Result combine(List<Result> parts) {
            long sent = 0, ok = 0, bad = 0, rejected = 0, bare = 0, other = 0, failed = 0, unanswered = 0, cpu = 0;
            double seconds = 0;
            Map<String, Long> failures = new TreeMap<>();
            long[] latencies = new long[0];
            for (Result r : parts) {
                sent += r.sent;
                ok += r.ok;
                bad += r.bad;
                rejected += r.rejected;
                bare += r.rejectedWithoutRetryAfter;
                other += r.otherStatus;
                failed += r.failed;
                unanswered += r.unanswered;
                cpu += r.clientCpuNanos;
                seconds += r.seconds;
                r.failures.forEach((k, v) -> failures.merge(k, v, Long::sum));
                long[] joined = java.util.Arrays.copyOf(latencies, latencies.length + r.okLatencyNanos.length);
                System.arraycopy(r.okLatencyNanos, 0, joined, latencies.length, r.okLatencyNanos.length);
                latencies = joined;
            }
            return new Result(sent, ok, bad, rejected, bare, other, failed, unanswered, seconds,
                    LatencyStats.of(latencies), failures, cpu, latencies);
        }

        /** Every request got an HTTP answer, and every accepted (non-503) one was a good 200. */
        public boolean everyAcceptedAnswered() {
            return failed == 0 && unanswered == 0 && bad == 0 && otherStatus == 0;
        }
    }

    private final class Tally {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong answeredOrFailed = new AtomicLong();
        final AtomicLong ok = new AtomicLong();
        final AtomicLong bad = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong rejectedBare = new AtomicLong();
        final AtomicLong other = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        final Map<String, Long> failures = new ConcurrentHashMap<>();
        final AtomicLong clientCpuNanos = new AtomicLong();
        volatile boolean closed;

        /** One exchange, its latency counted from {@code dueNanos}; nothing is recorded after {@link #close}. */
        void exchange(HttpConnection connection, long dueNanos) {
            sent.incrementAndGet();
            HttpConnection.Response response;
            try {
                response = connection.exchange(request);
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    answeredOrFailed.incrementAndGet();
                    failed.incrementAndGet();
                    failures.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                }
                return;
            }
            long elapsed = System.nanoTime() - dueNanos;
            if (closed) {
                return;
            }
            if (response.status() == 200) {
                if (isGoodAnswer.test(response)) {
                    ok.incrementAndGet();
                    latencies.add(elapsed);
                } else {
                    bad.incrementAndGet();
                }
            } else if (response.status() == 503) {
                (response.retryAfter() ? rejected : rejectedBare).incrementAndGet();
            } else {
                other.incrementAndGet();
            }
            answeredOrFailed.incrementAndGet();
        }

        /** Stops counting; what was sent and not yet answered or failed is unanswered. */
        Result close(long t0) {
            closed = true;
            long unanswered = sent.get() - answeredOrFailed.get();
            long[] nanos = latencies.stream().mapToLong(Long::longValue).toArray();
            return new Result(sent.get(), ok.get(), bad.get(), rejected.get(), rejectedBare.get(), other.get(),
                    failed.get(), unanswered, (System.nanoTime() - t0) / 1e9, LatencyStats.of(nanos),
                    new TreeMap<>(failures), clientCpuNanos.get(), nanos);
        }
    }

    /** {@code clients} threads, each sending back to back on its own connection for {@code duration}. */
    public Result closedLoop(int clients, Duration duration) throws InterruptedException {
        Tally tally = new Tally();
        long t0 = System.nanoTime();
        long end = t0 + duration.toNanos();
        return run(clients, tally, t0, end + TimeUnit.SECONDS.toNanos(60), connection -> {
            while (System.nanoTime() < end) {
                tally.exchange(connection, System.nanoTime());
            }
        });
    }

    /**
     * Requests due at {@code perSecond}, evenly spaced, for {@code duration}, sent by {@code connections}
     * threads each with its own connection; then up to {@code drain} for the last answers. A request's
     * latency counts from when it was due, so time spent waiting for a free connection (all of them
     * busy with slow answers) is counted, not hidden.
     */
    public Result openLoop(double perSecond, Duration duration, int connections, Duration drain)
            throws InterruptedException {
        Tally tally = new Tally();
        long interval = Math.max(1, (long) (1e9 / perSecond));
        long t0 = System.nanoTime();
        long count = duration.toNanos() / interval;
        AtomicLong nextSlot = new AtomicLong();
        return run(connections, tally, t0, t0 + duration.toNanos() + drain.toNanos(), connection -> {
            for (long slot = nextSlot.getAndIncrement(); slot < count; slot = nextSlot.getAndIncrement()) {
                long due = t0 + slot * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                tally.exchange(connection, due);
            }
        });
    }

    private interface ClientLoop {
        void run(HttpConnection connection) throws InterruptedException;
    }

    private Result run(int threads, Tally tally, long t0, long deadline, ClientLoop loop) throws InterruptedException {
        List<Thread> started = new ArrayList<>();
        List<HttpConnection> connections = new ArrayList<>();
        for (int c = 0; c < threads; c++) {
            HttpConnection connection = new HttpConnection(address, READ_TIMEOUT_MILLIS);
            connections.add(connection);
            Thread t = new Thread(() -> {
                try {
                    loop.run(connection);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    connection.close();
                    tally.clientCpuNanos.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
                }
            }, "bench-client-" + c);
            t.setDaemon(true);
            t.start();
            started.add(t);
        }
        for (Thread t : started) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left > 0) {
                t.join(left);
            }
        }
        Result result = tally.close(t0);
        for (int i = 0; i < started.size(); i++) {
            if (started.get(i).isAlive()) {
                started.get(i).interrupt();
                connections.get(i).abort();
            }
        }
        return result;
    }
}
