package io.neurofm.serve.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Sends requests to a server on loopback, bounded in time, and counts what came back. Closed loop
 * (N clients, each sending its next request when the last one is answered) measures capacity;
 * open loop (requests at a fixed rate whether or not earlier ones were answered) measures latency
 * at a given load and behaviour under overload.
 */
public final class LoadGenerator {
    private final HttpClient http;
    private final HttpRequest request;
    private final Predicate<HttpResponse<String>> isGoodAnswer;

    /**
     * @param request      sent again and again (one request = one unit of work)
     * @param isGoodAnswer checks a 200 answer's body (a 200 that fails it counts as {@code bad})
     */
    public LoadGenerator(HttpClient http, HttpRequest request, Predicate<HttpResponse<String>> isGoodAnswer) {
        this.http = http;
        this.request = request;
        this.isGoodAnswer = isGoodAnswer;
    }

    /**
     * What one phase saw.
     *
     * @param sent        requests sent
     * @param ok          200 answers that passed the body check (their latencies are in {@code latency})
     * @param bad         200 answers that failed the body check
     * @param rejected    503 answers carrying a Retry-After header
     * @param rejectedWithoutRetryAfter 503 answers without one
     * @param otherStatus answers with any other status
     * @param failed      requests that got no HTTP answer (connection error)
     * @param unanswered  requests still open when the phase's drain time ran out
     * @param seconds     from the first send to the last answer
     * @param failures    failed requests by exception class (a refused connection was never accepted;
     *                    a reset or timeout after sending may have been)
     */
    public record Result(long sent, long ok, long bad, long rejected, long rejectedWithoutRetryAfter,
            long otherStatus, long failed, long unanswered, double seconds, LatencyStats latency,
            Map<String, Long> failures) {
        public double okPerSecond() {
            return ok / seconds;
        }

        /** Every request got an HTTP answer, and every accepted (non-503) one was a good 200. */
        public boolean everyAcceptedAnswered() {
            return failed == 0 && unanswered == 0 && bad == 0 && otherStatus == 0;
        }
    }

    private final class Tally {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong ok = new AtomicLong();
        final AtomicLong bad = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong rejectedBare = new AtomicLong();
        final AtomicLong other = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        final Map<String, Long> failures = new ConcurrentHashMap<>();

        void record(HttpResponse<String> response, Throwable error, long startNanos) {
            long elapsed = System.nanoTime() - startNanos;
            if (error != null) {
                failed.incrementAndGet();
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                failures.merge(cause.getClass().getSimpleName(), 1L, Long::sum);
            } else if (response.statusCode() == 200) {
                if (isGoodAnswer.test(response)) {
                    ok.incrementAndGet();
                    latencies.add(elapsed);
                } else {
                    bad.incrementAndGet();
                }
            } else if (response.statusCode() == 503) {
                (response.headers().firstValue("Retry-After").isPresent() ? rejected : rejectedBare).incrementAndGet();
            } else {
                other.incrementAndGet();
            }
        }

        Result result(long unanswered, long t0) {
            long[] nanos = latencies.stream().mapToLong(Long::longValue).toArray();
            return new Result(sent.get(), ok.get(), bad.get(), rejected.get(), rejectedBare.get(), other.get(),
                    failed.get(), unanswered, (System.nanoTime() - t0) / 1e9, LatencyStats.of(nanos),
                    new TreeMap<>(failures));
        }
    }

    /** {@code clients} threads, each sending back to back for {@code duration}. */
    public Result closedLoop(int clients, Duration duration) throws InterruptedException {
        Tally tally = new Tally();
        long t0 = System.nanoTime();
        long end = t0 + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    tally.sent.incrementAndGet();
                    try {
                        tally.record(http.send(request, HttpResponse.BodyHandlers.ofString()), null, start);
                    } catch (IOException e) {
                        tally.record(null, e, start);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "bench-client-" + c);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        long unanswered = 0;
        for (Thread t : threads) {
            t.join(duration.toMillis() + 60_000);
            if (t.isAlive()) {
                unanswered++;
                t.interrupt();
            }
        }
        return tally.result(unanswered, t0);
    }

    /**
     * Requests at {@code perSecond}, evenly spaced, for {@code duration}; then up to {@code drain}
     * for the last answers.
     */
    public Result openLoop(double perSecond, Duration duration, Duration drain) throws InterruptedException {
        Tally tally = new Tally();
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        long interval = (long) (1e9 / perSecond);
        long t0 = System.nanoTime();
        long end = t0 + duration.toNanos();
        for (long next = t0; next < end; next += interval) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long start = System.nanoTime();
            tally.sent.incrementAndGet();
            inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .handle((response, error) -> {
                        tally.record(response, error, start);
                        return null;
                    }));
        }
        long drainEnd = System.nanoTime() + drain.toNanos();
        long unanswered = 0;
        for (CompletableFuture<Void> f : inFlight) {
            try {
                f.get(Math.max(0, drainEnd - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                unanswered++;
            } catch (java.util.concurrent.ExecutionException e) {
                // handle() above never completes exceptionally
                throw new IllegalStateException(e);
            }
        }
        return tally.result(unanswered, t0);
    }
}
