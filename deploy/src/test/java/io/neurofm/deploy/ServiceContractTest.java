package io.neurofm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.serve.NeurofmServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The paths and settings the manifests rely on, against the real service started the way the
 * Deployment starts it (keys configured, registry from the environment's folder): the probe paths
 * answer without a key, the Prometheus scrape answers without a key and carries the service's
 * meters, and every other path refuses a caller without a key.
 */
class ServiceContractTest {
    @TempDir
    Path registry;

    @Test
    void probePathsAndTheScrapeAnswerWithoutAKey() throws Exception {
        try (ConfigurableApplicationContext context = NeurofmServer.start(Map.of("server.port", "0",
                "server.address", "127.0.0.1", "neurofm.registry", registry.toString(), "neurofm.api-keys", "k1"))) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            HttpClient client = HttpClient.newHttpClient();
            assertEquals(200, get(client, port, DeploymentContract.LIVENESS_PATH).statusCode());
            // An empty registry: alive but not ready (no model loaded), which is what readiness is for.
            HttpResponse<String> ready = get(client, port, DeploymentContract.READINESS_PATH);
            assertTrue(ready.statusCode() == 200 || ready.statusCode() == 503, ready.toString());
            assertTrue(ready.body().contains("\"status\""), ready.body());
            HttpResponse<String> metrics = get(client, port, DeploymentContract.PROMETHEUS_PATH);
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("jvm_memory_used_bytes"), "a Prometheus exposition");
            assertEquals(401, get(client, port, "/v1/models").statusCode(), "the API needs a key");
        }
    }

    private static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
