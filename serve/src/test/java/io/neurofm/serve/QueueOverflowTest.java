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
 * One worker whose forward pass is slowed to 400 ms, a queue of 2, batching off, no API keys (open
 * mode): a burst of 12 concurrent requests gets 503 + Retry-After for the overflow, and every
 * request that was accepted is answered 200 with its embedding.
 */
@SpringBootTest(classes = {NeurofmServer.class, QueueOverflowTest.SlowModels.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"neurofm.queue=2", "neurofm.workers=1", "neurofm.batching=false",
                "neurofm.models=" + ServeFixtures.DEEPERBRAIN, "neurofm.request-timeout-ms=60000",
                "neurofm.retry-after-seconds=3"})
class QueueOverflowTest {
    static final long DELAY_MS = 400;

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
                Thread.sleep(DELAY_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return model.embed(windows, pooling);
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
        for (CompletableFuture<HttpResponse<byte[]>> f : replies) {
            HttpResponse<byte[]> r = f.get(90, TimeUnit.SECONDS);
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
        assertTrue(refused >= 1, "a burst of " + burst + " into a queue of 2 must overflow");
        assertTrue(ok >= 3, "the running request and the 2 queued must be answered, got " + ok);
        String metrics = http.get("/actuator/prometheus").text();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("neurofm_rejections_total")
                && l.contains("reason=\"queue_full\"") && !l.endsWith(" 0.0")), "rejections counted");
    }
}
