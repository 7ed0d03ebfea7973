package io.neurofm.serve.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load generator's counting against a loopback stub whose answers cycle through every outcome. */
class LoadGeneratorTest {
    HttpServer stub;
    final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        // Answer n (1-based): n % 4 == 1 good 200, 2 -> 503 with Retry-After, 3 -> bare 503, 0 -> 200 with a bad body.
        stub.createContext("/v1/embeddings", exchange -> {
            int n = calls.incrementAndGet();
            String body = "{}";
            int status = 200;
            switch (n % 4) {
                case 1 -> body = "{\"data\":[{\"embedding\":[0.5,1.5]}]}";
                case 2 -> {
                    status = 503;
                    exchange.getResponseHeaders().add("Retry-After", "1");
                }
                case 3 -> status = 503;
                default -> body = "{\"data\":[{\"embedding\":[\"NaN\"]}]}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        stub.start();
    }

    @AfterEach
    void stop() {
        stub.stop(0);
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", stub.getAddress().getPort());
    }

    byte[] request() {
        return HttpConnection.request("POST", address(), "/v1/embeddings", "{}".getBytes(StandardCharsets.UTF_8),
                "Content-Type: application/json");
    }

    LoadGenerator generator() {
        return new LoadGenerator(address(), request(), ServeBench::oneFiniteEmbedding);
    }

    /** A cold JVM's first request and first JSON parse can take seconds on a busy machine: do them untimed. */
    void warm(LoadGenerator g) throws Exception {
        try (HttpConnection c = new HttpConnection(address(), 10_000)) {
            assertTrue(ServeBench.oneFiniteEmbedding(c.exchange(request())));
        }
        calls.set(0);
    }

    @Test
    void closedLoopCountsEveryOutcome() throws Exception {
        LoadGenerator g = generator();
        warm(g);
        LoadGenerator.Result r = g.closedLoop(1, Duration.ofMillis(1500));
        assertTrue(r.sent() >= 4, "sent " + r.sent());
        assertEquals(calls.get(), r.sent());
        assertEquals(r.sent(), r.ok() + r.rejected() + r.rejectedWithoutRetryAfter() + r.bad());
        // One client: answers arrive in order, so the four outcomes differ by at most one.
        assertEquals((r.sent() + 3) / 4, r.ok());
        assertEquals((r.sent() + 2) / 4, r.rejected());
        assertEquals((r.sent() + 1) / 4, r.rejectedWithoutRetryAfter());
        assertEquals(r.sent() / 4, r.bad());
        assertEquals(r.ok(), r.latency().count(), "latencies of good answers only");
        assertFalse(r.everyAcceptedAnswered(), "a bad 200 is not an answered request");
    }

    @Test
    void openLoopSendsAtTheRateAndWaitsForTheLastAnswers() throws Exception {
        LoadGenerator g = generator();
        warm(g);
        LoadGenerator.Result r = g.openLoop(100, Duration.ofMillis(500), 4, Duration.ofSeconds(10));
        assertEquals(50, r.sent(), "100 per second for 0.5 s");
        assertEquals(0, r.unanswered());
        assertEquals(0, r.failed());
        assertEquals(r.sent(), r.ok() + r.rejected() + r.rejectedWithoutRetryAfter() + r.bad());
    }

    @Test
    void aDeadServerIsCountedAsFailedNotAnswered() throws Exception {
        LoadGenerator g = generator();
        stub.stop(0);
        LoadGenerator.Result r = g.closedLoop(1, Duration.ofMillis(200));
        assertTrue(r.failed() > 0);
        assertEquals(0, r.ok());
        assertFalse(r.everyAcceptedAnswered());
    }

    @Test
    void percentilesAreNearestRank() {
        long[] ms = new long[100];
        for (int i = 0; i < 100; i++) {
            ms[i] = (100 - i) * 1_000_000L;   // 100 ms down to 1 ms
        }
        LatencyStats s = LatencyStats.of(ms);
        assertEquals(50.0, s.p50Ms());
        assertEquals(99.0, s.p99Ms());
        assertEquals(100.0, s.maxMs());
        assertEquals(50.5, s.meanMs(), 1e-9);
        assertEquals(7.0, LatencyStats.of(new long[] {7_000_000L}).p99Ms());
    }
}
