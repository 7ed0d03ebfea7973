package io.neurofm.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.inference.EmbeddingModel;
import io.neurofm.inference.EmbeddingModels;
import io.neurofm.inference.ModelDescription;
import io.neurofm.inference.PreparedWindow;
import io.neurofm.inference.SignalWindow;
import io.neurofm.serve.batch.ModelLoader;
import io.neurofm.signal.Recording;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One worker whose forward pass is slowed to 400 ms (and can be held shut), a queue of 2, batching
 * off, no API keys (open mode), so admission allows 2 requests in flight (the queue): a burst of 12
 * concurrent requests gets 503 + Retry-After for the overflow, and every request that was accepted
 * is answered 200 with its embedding; a request arriving while 2 are in flight is refused from its
 * path alone, before its body is read.
 */
@SpringBootTest(classes = {NeurofmServer.class, QueueOverflowTest.SlowModels.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"neurofm.queue=2", "neurofm.workers=1", "neurofm.batching=false",
                "neurofm.models=" + ServeFixtures.DEEPERBRAIN, "neurofm.request-timeout-ms=60000",
                "neurofm.retry-after-seconds=3", "neurofm.max-request-size=64KB"})
class QueueOverflowTest {
    static final long DELAY_MS = 400;
    /** Forward passes wait for this gate; a test may replace it with a shut one to hold requests in flight. */
    static volatile CountDownLatch gate = new CountDownLatch(0);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void registry(DynamicPropertyRegistry registry) {
        registry.add("neurofm.registry", () -> ServeFixtures.registry().toString());
    }

    @TestConfiguration
    static class SlowModels {
        @Bean
        @Primary
        ModelLoader slowLoader() {
            return (artifact, reference) -> new Slow(EmbeddingModels.load(artifact, reference, null));
        }
    }

    /** The real model with a sleep before each forward pass. */
    record Slow(EmbeddingModel model) implements EmbeddingModel {
        @Override
        public ModelDescription description() {
            return model.description();
        }

        @Override
        public PreparedWindow prepare(SignalWindow window) {
            return model.prepare(window);
        }

        @Override
        public List<PreparedWindow> windows(Recording recording, int strideSamples) {
            return model.windows(recording, strideSamples);
        }

        @Override
        public Recording prepareRecording(Recording recording) {
            return model.prepareRecording(recording);
        }

        @Override
        public float[][] embed(List<PreparedWindow> windows, String pooling) {
            try {
                if (!gate.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never opened the gate");
                }
                Thread.sleep(DELAY_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return model.embed(windows, pooling);
        }

        @Override
        public float[][][] embedSequence(List<PreparedWindow> windows) {
            return model.embedSequence(windows);
        }

        @Override
        public void close() {
            model.close();
        }
    }

    @Test
    void overflowIsRefusedWith503AndRetryAfterAndEveryAcceptedRequestIsAnswered() throws Exception {
        Http http = new Http(port);
        // open mode: no key needed anywhere
        assertEquals(200, http.get("/v1/models").status());
        byte[] body = Http.JSON.writeValueAsBytes(Map.of("model", ServeFixtures.DEEPERBRAIN, "input",
                List.of(ServeEndToEndTest.windowJson(ServeFixtures.window(0, 4, 0, 320)))));
        int burst = 12;
        List<CompletableFuture<HttpResponse<byte[]>>> replies = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
            HttpRequest request = http.request("/v1/embeddings").timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            replies.add(http.client().sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
        }
        int ok = 0;
        int refused = 0;
        List<String> seen = new ArrayList<>();
        for (CompletableFuture<HttpResponse<byte[]>> f : replies) {
            HttpResponse<byte[]> r = f.get(90, TimeUnit.SECONDS);
            seen.add(r.statusCode() + " " + new String(r.body()));
            if (r.statusCode() == 200) {
                ok++;
                assertEquals(64, Http.JSON.readTree(r.body()).get("data").get(0).get("embedding").size());
            } else {
                assertEquals(503, r.statusCode(), new String(r.body()));
                assertEquals("3", r.headers().firstValue("Retry-After").orElse(null));
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
                refused++;
            }
        }
        assertEquals(burst, ok + refused, "every request answered");
        assertTrue(refused >= 1, "a burst of " + burst + " into a limit of 2 must overflow");
        assertTrue(ok >= 2, "the 2 admitted requests must be answered, got " + ok + ": " + seen);
        String metrics = http.get("/actuator/prometheus").text();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("neurofm_rejections_total")
                && l.contains("reason=\"admission\"") && !l.endsWith(" 0.0")), "rejections counted");
        assertEquals(0, awaitInFlight(http, 0), "every admitted request released its place");
        assertEquals(0, (long) metric(http, "neurofm_rejections_total", "reason=\"queue_full\""),
                "admission refused the overflow before its body was parsed; none reached the full queue");
    }

    @Test
    void aFullServerRefusesBeforeReadingTheBodyAndAnswersEveryAdmittedRequest() throws Exception {
        Http http = new Http(port);
        byte[] body = Http.JSON.writeValueAsBytes(Map.of("model", ServeFixtures.DEEPERBRAIN, "input",
                List.of(ServeEndToEndTest.windowJson(ServeFixtures.window(0, 4, 0, 320)))));
        // Over neurofm.max-request-size (64 KB): read, it would be a 413.
        byte[] oversized = new byte[200 * 1024];
        java.util.Arrays.fill(oversized, (byte) ' ');
        oversized[0] = '{';
        oversized[oversized.length - 1] = '}';
        assertEquals(0, inFlight(http));
        gate = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<byte[]>>> admitted = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                admitted.add(http.client().sendAsync(post(http, body), HttpResponse.BodyHandlers.ofByteArray()));
            }
            assertEquals(2, awaitInFlight(http, 2), "one request running (held at the gate), one queued");
            long before = rejections(http);
            Http.Reply refused = http.send(post(http, oversized));
            assertEquals(503, refused.status(), "full: refused from the path, the body never parsed (else 413) "
                    + refused.text());
            assertEquals("3", refused.header("Retry-After"));
            assertTrue(refused.header("Content-Type").startsWith("application/problem+json"));
            assertEquals(503, refused.json().get("status").asInt());
            Http.Reply refusedSmall = http.send(post(http, body));
            assertEquals(503, refusedSmall.status());
            assertEquals(before + 2, rejections(http), "both refusals counted");
            assertEquals(2, inFlight(http), "a refused request takes no place");
        } finally {
            gate.countDown();
        }
        for (CompletableFuture<HttpResponse<byte[]>> f : admitted) {
            HttpResponse<byte[]> r = f.get(60, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), new String(r.body()));
            assertEquals(64, Http.JSON.readTree(r.body()).get("data").get(0).get("embedding").size());
        }
        assertEquals(0, awaitInFlight(http, 0), "released when answered");
        // With room again the same oversized body is read, and refused for its size.
        assertEquals(413, http.send(post(http, oversized)).status());
        assertEquals(0, awaitInFlight(http, 0), "released after an error answer too");
    }

    private static HttpRequest post(Http http, byte[] body) {
        return http.request("/v1/embeddings").timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static double metric(Http http, String prefix, String label) {
        return http.get("/actuator/prometheus").text().lines()
                .filter(l -> l.startsWith(prefix) && l.contains(label))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static int inFlight(Http http) {
        return (int) metric(http, "neurofm_admission_in_flight", "pool=\"v1\"");
    }

    /** The in-flight count once it reaches {@code expected} (the place is released just after the answer is sent), or after 30 s. */
    private static int awaitInFlight(Http http, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int n = inFlight(http);
        while (n != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            n = inFlight(http);
        }
        return n;
    }

    private static long rejections(Http http) {
        return (long) metric(http, "neurofm_rejections_total", "reason=\"admission\"");
    }
}
