package io.neurofm.serve;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every setting of the service, bound from {@code neurofm.*} properties (or NEUROFM_* environment
 * variables, e.g. NEUROFM_API_KEYS). The CLI's {@code neurofm serve} flags set the same properties.
 *
 * @param registry           registry folder; null = {@code ModelRegistry.locate(null)} ($NEUROFM_MODELS, else ~/.neurofm/models)
 * @param models             model names (NAME or NAME:VERSION) to load; empty = the latest version of every
 *                           registered model whose family has an embedding path
 * @param batching           false = every request runs alone (one request per forward pass), for comparison
 * @param batchSize          most windows in one forward pass
 * @param maxDelayMs         how long a worker holding a partial batch waits for more requests
 * @param queue              most requests waiting per model; one more is answered 503 with Retry-After
 * @param workers            model instances per model (each loaded once, each used by one thread)
 * @param requestTimeoutMs   a request not answered within this (queueing + inference) gets 503 with Retry-After
 * @param retryAfterSeconds  the Retry-After value sent with 503
 * @param maxRequestSize     largest JSON body; larger gets 413
 * @param maxFileSize        largest upload to /v1/embeddings/file; larger gets 413
 * @param maxInFlight        inference requests admitted at once per model (v2) or for all /v1 endpoints together;
 *                           one more is answered 503 + Retry-After before its body is read; 0 = the queue
 *                           capacity ({@code queue}), so every admitted request fits in the model queue
 * @param apiKeys            raw API keys (hashed at startup, never kept); empty = open mode (no key needed)
 */
@ConfigurationProperties("neurofm")
public record ServeSettings(
        Path registry,
        @DefaultValue List<String> models,
        @DefaultValue("true") boolean batching,
        @DefaultValue("16") int batchSize,
        @DefaultValue("5") long maxDelayMs,
        @DefaultValue("64") int queue,
        @DefaultValue("1") int workers,
        @DefaultValue("30000") long requestTimeoutMs,
        @DefaultValue("1") int retryAfterSeconds,
        @DefaultValue("16MB") DataSize maxRequestSize,
        @DefaultValue("256MB") DataSize maxFileSize,
        @DefaultValue List<String> apiKeys,
        @DefaultValue("0") int maxInFlight) {
    public ServeSettings {
        models = models == null ? List.of() : models.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        apiKeys = apiKeys == null ? List.of() : apiKeys.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        require(batchSize >= 1, "neurofm.batch-size must be at least 1, got " + batchSize);
        require(maxDelayMs >= 0, "neurofm.max-delay-ms must be >= 0, got " + maxDelayMs);
        require(queue >= 1, "neurofm.queue must be at least 1, got " + queue);
        require(workers >= 1, "neurofm.workers must be at least 1, got " + workers);
        require(requestTimeoutMs >= 1, "neurofm.request-timeout-ms must be at least 1, got " + requestTimeoutMs);
        require(retryAfterSeconds >= 1, "neurofm.retry-after-seconds must be at least 1, got " + retryAfterSeconds);
        require(maxInFlight >= 0, "neurofm.max-in-flight must be >= 0 (0 = derived), got " + maxInFlight);
        require(maxRequestSize.toBytes() > 0, "neurofm.max-request-size must be positive");
        require(maxFileSize.toBytes() > 0, "neurofm.max-file-size must be positive");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
