package io.neurofm.serve.bench;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.neurofm.artifact.ModelRegistry;
import io.neurofm.inference.EmbeddingModel;
import io.neurofm.inference.EmbeddingModels;
import io.neurofm.inference.PreparedWindow;
import io.neurofm.inference.SignalWindow;
import io.neurofm.serve.NeurofmServer;
import io.neurofm.serve.batch.ServeMetrics;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The serving load benchmark ({@code neurofm bench serve}): one registered model, one real EEG
 * window per request, on loopback, every phase bounded in time.
 *
 * <ol>
 *   <li>the service with batching on (one worker, batches of {@code batchSize}): unloaded latency (one
 *       client), capacity (closed loop, {@code clients} clients), latency at half that load (open loop),
 *       and 3x that load (open loop) counting 503s with Retry-After and checking every other request
 *       got a good 200 and the server is still live;</li>
 *   <li>the service with batching off: unloaded latency and capacity at the same client count;</li>
 *   <li>offline: {@link EmbeddingModel#embed} on batches of {@code batchSize} (and of 1) copies of the
 *       prepared window, back to back: the ceiling the service is compared with.</li>
 * </ol>
 * The load generator runs in the server's JVM and shares its cores; the offline phase has no HTTP,
 * JSON or preprocessing cost, so the ratio is a conservative one.
 */
public final class ServeBench {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * Client connections in the overload phase: well above the server's admission limit (64 requests
     * in flight by default), so that refusals keep flowing while every admitted request holds one.
     */
    private static final int OVERLOAD_CONNECTIONS = 256;
    /** Alternating offline/service slices in each capacity measurement. */
    private static final int PAIRED_SLICES = 4;

    /**
     * @param registry   registry folder (null = the default)
     * @param model      NAME[:VERSION]
     * @param batchSize  windows per forward pass, offline and in the service
     * @param clients    closed-loop clients for the capacity phases
     * @param phase      length of each timed phase
     * @param warmup     untimed load before each server's phases (and before each offline phase), so a
     *                   cold JIT does not weigh on whichever phase comes first
     * @param window     the request's window (a real recording excerpt)
     * @param windowsPerRequest copies of the window in each request (throughput is counted in windows)
     * @param base64            samples as base64 float32 instead of nested JSON numbers
     */
    public record Options(Path registry, String model, int batchSize, int clients, Duration phase,
            Duration warmup, ExampleWindow window, int windowsPerRequest, boolean base64) {}

    private ServeBench() {}

    public static ObjectNode run(Options o) throws IOException, InterruptedException {
        ModelRegistry registry = o.registry() == null ? ModelRegistry.locate(null) : new ModelRegistry(o.registry());
        ObjectNode report = JSON.createObjectNode();
        report.put("bench", "serve");
        report.put("batch_size", o.batchSize());
        report.put("clients", o.clients());
        report.put("windows_per_request", o.windowsPerRequest());
        report.put("encoding", o.base64() ? "base64" : "json numbers");
        report.put("phase_s", o.phase().toMillis() / 1000.0);
        report.put("warmup_s", o.warmup().toMillis() / 1000.0);
        report.put("torch_threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        report.put("cpus", Runtime.getRuntime().availableProcessors());
        report.put("load_average_start", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        SignalWindow signal = new SignalWindow(o.window().data(), o.window().channels(), o.window().samplingRate(),
                null);
        String reference = registry.resolve(o.model()).getParent().getFileName() + ":"
                + registry.resolve(o.model()).getFileName();
        report.put("model", reference);
        report.put("window", o.window().channels().size() + "x" + signal.sampleCount() + " at "
                + o.window().samplingRate() + " Hz");
        String body = o.window().requestBody(reference, null, o.windowsPerRequest(), o.base64());
        // A throwaway server first: whichever server ran first was measured on a JVM still compiling
        // (on 2 cores the load starves C2): the second got 1.6x the throughput in either order.
        try (EmbeddingModel model = EmbeddingModels.load(registry, reference, null)) {
            PreparedWindow prepared = model.prepare(signal);
            service(registry, reference, body, true, o, false, model, prepared);
            ObjectNode on = service(registry, reference, body, true, o, true, model, prepared);
            ObjectNode off = service(registry, reference, body, false, o, false, model, prepared);
            report.set("batching_on", on);
            report.set("batching_off", off);
            report.put("throughput_vs_offline", on.get("vs_offline_paired").asDouble());
            report.put("throughput_target_met", on.get("vs_offline_paired").asDouble() >= 0.8);
            report.put("batching_off_vs_offline_same_batch", off.get("vs_offline_paired").asDouble());
            // Standalone offline figures last, for reference (by now the JIT has compiled the shared paths);
            // the ratios above use the offline rate measured in slices alternating with the service's.
            report.put("offline_windows_per_s", offline(model, prepared, o.batchSize(), o.phase(), o.warmup()));
            report.put("offline_windows_per_s_batch1", offline(model, prepared, 1, o.phase(), o.warmup()));
            if (o.windowsPerRequest() > 1 && o.windowsPerRequest() != o.batchSize()) {
                // with batching off a pass holds exactly one request's windows: its own "same batch size"
                report.put("offline_windows_per_s_request_batch", offline(model, prepared, o.windowsPerRequest(),
                        o.phase(), o.warmup()));
            }
            report.put("offline_prepare_and_embed_windows_per_s", offlineWithPreparation(model, signal, o.batchSize(),
                    o.phase(), o.warmup()));
            double unloadedP99 = on.get("unloaded").get("p99_ms").asDouble();
            double halfP99 = on.get("half_load").get("p99_ms").asDouble();
            report.put("half_load_p99_vs_unloaded_p99", halfP99 / unloadedP99);
            report.put("half_load_p99_vs_unloaded_p50", halfP99 / on.get("unloaded").get("p50_ms").asDouble());
            report.put("latency_target_met", halfP99 < 2 * unloadedP99);
            report.put("heap_peak_mb", heapPeakMegabytes());
            report.put("load_average_end", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        return report;
    }

    /** Windows per second of back-to-back batched forward passes (after {@code warmup} of untimed ones). */
    static double offline(EmbeddingModel model, PreparedWindow window, int batchSize, Duration phase,
            Duration warmup) {
        List<PreparedWindow> batch = Collections.nCopies(batchSize, window);
        long warm = System.nanoTime() + warmup.toNanos();
        while (System.nanoTime() < warm) {
            model.embed(batch, null);
        }
        long t0 = System.nanoTime();
        long end = t0 + phase.toNanos();
        long windows = 0;
        while (System.nanoTime() < end) {
            model.embed(batch, null);
            windows += batchSize;
        }
        return windows / ((System.nanoTime() - t0) / 1e9);
    }

    /** As {@link #offline}, but each window also goes through the artifact's preprocessing, as on the server. */
    static double offlineWithPreparation(EmbeddingModel model, SignalWindow window, int batchSize, Duration phase,
            Duration warmup) {
        long warm = System.nanoTime() + warmup.toNanos();
        while (System.nanoTime() < warm) {
            model.embed(Collections.nCopies(batchSize, model.prepare(window)), null);
        }
        long t0 = System.nanoTime();
        long end = t0 + phase.toNanos();
        long windows = 0;
        while (System.nanoTime() < end) {
            List<PreparedWindow> batch = new java.util.ArrayList<>(batchSize);
            for (int i = 0; i < batchSize; i++) {
                batch.add(model.prepare(window));
            }
            model.embed(batch, null);
            windows += batchSize;
        }
        return windows / ((System.nanoTime() - t0) / 1e9);
    }

    /**
     * One server's phases. Capacity is measured in {@link #PAIRED_SLICES} slices, each after a slice of
     * offline forward passes of {@code offline} at the server's pass size, so the ratio compares the two
     * on the same machine at the same minute.
     */
    private static ObjectNode service(ModelRegistry registry, String reference, String body, boolean batching,
            Options o, boolean withLoadPhases, EmbeddingModel offline, PreparedWindow prepared)
            throws IOException, InterruptedException {
        String key = "bench-" + UUID.randomUUID();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("server.address", "127.0.0.1");
        properties.put("neurofm.registry", registry.root().toString());
        properties.put("neurofm.models", reference);
        properties.put("neurofm.api-keys", key);
        properties.put("neurofm.batching", Boolean.toString(batching));
        properties.put("neurofm.batch-size", Integer.toString(o.batchSize()));
        properties.put("neurofm.workers", "1");
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "warn");
        ObjectNode phase = JSON.createObjectNode();
        try (ConfigurableApplicationContext server = NeurofmServer.start(properties)) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1",
                    Integer.parseInt(server.getEnvironment().getProperty("local.server.port")));
            byte[] request = HttpConnection.request("POST", address, "/v1/embeddings",
                    body.getBytes(StandardCharsets.UTF_8), "Authorization: Bearer " + key,
                    "Content-Type: application/json");
            LoadGenerator load = new LoadGenerator(address, request, r -> finiteEmbeddings(r, o.windowsPerRequest()));
            load.closedLoop(o.clients(), o.warmup());
            load.closedLoop(1, o.warmup().dividedBy(2));
            LoadGenerator.Result unloaded = load.closedLoop(1, o.phase());
            phase.set("unloaded", summary(unloaded));
            MeterRegistry meters = server.getBean(MeterRegistry.class);
            // This machine's speed drifts by up to 2.5x from one minute to the next (measured: the same
            // offline loop at 4,000-11,000 windows/s), so capacity and its offline ceiling are measured in
            // alternating slices and compared slice by slice.
            int passSize = batching ? o.batchSize() : o.windowsPerRequest();
            Duration slice = o.phase().dividedBy(PAIRED_SLICES);
            List<LoadGenerator.Result> slices = new ArrayList<>();
            Map<String, Double> cpuMillis = new LinkedHashMap<>();
            ForwardPasses passes = new ForwardPasses(0, 0, 0);
            ArrayNode ratios = JSON.createArrayNode();
            double offlineSum = 0;
            offline(offline, prepared, passSize, slice, Duration.ZERO);
            for (int k = 0; k < PAIRED_SLICES; k++) {
                double offlineRate = offline(offline, prepared, passSize, slice, Duration.ZERO);
                CpuAccount before = CpuAccount.now();
                ForwardPasses passesBefore = ForwardPasses.read(meters);
                LoadGenerator.Result r = load.closedLoop(o.clients(), slice);
                // the client threads report at their end, which the join in closedLoop waits for
                CpuAccount.now().since(before, r.clientCpuNanos()).forEach((g, ms) -> cpuMillis.merge(g, ms, Double::sum));
                passes = passes.plus(ForwardPasses.read(meters).since(passesBefore));
                slices.add(r);
                offlineSum += offlineRate;
                ratios.add(r.okPerSecond() * o.windowsPerRequest() / offlineRate);
            }
            LoadGenerator.Result capacity = LoadGenerator.Result.combine(slices);
            phase.set("capacity", summary(capacity));
            double windowsPerSecond = capacity.okPerSecond() * o.windowsPerRequest();
            phase.put("capacity_windows_per_s", windowsPerSecond);
            phase.put("offline_pass_size", passSize);
            phase.put("offline_windows_per_s_paired", offlineSum / PAIRED_SLICES);
            phase.put("vs_offline_paired", windowsPerSecond / (offlineSum / PAIRED_SLICES));
            phase.set("slice_ratios", ratios);
            ObjectNode cpu = phase.putObject("capacity_cpu_ms_per_request");
            cpuMillis.forEach((g, ms) -> cpu.put(g, ms / capacity.sent()));
            ObjectNode forward = phase.putObject("capacity_forward_passes");
            forward.put("passes", passes.count());
            forward.put("windows_per_pass", passes.windows() / passes.count());
            forward.put("ms_per_pass", passes.seconds() * 1000 / passes.count());
            forward.put("busy_fraction", passes.seconds() / capacity.seconds());
            if (withLoadPhases) {
                double requestsPerSecond = capacity.okPerSecond();
                // JIT the open loop first
                load.openLoop(requestsPerSecond / 2, o.warmup().dividedBy(4), o.clients(), Duration.ofSeconds(60));
                LoadGenerator.Result half = load.openLoop(requestsPerSecond / 2, o.phase(), o.clients(),
                        Duration.ofSeconds(60));
                ObjectNode halfSummary = summary(half);
                halfSummary.put("offered_requests_per_s", requestsPerSecond / 2);
                phase.set("half_load", halfSummary);
                LoadGenerator.Result overload = load.openLoop(requestsPerSecond * 3, o.phase(),
                        OVERLOAD_CONNECTIONS, Duration.ofSeconds(120));
                ObjectNode over = summary(overload);
                over.put("offered_requests_per_s", requestsPerSecond * 3);
                over.put("connections", OVERLOAD_CONNECTIONS);
                over.put("every_accepted_answered", overload.everyAcceptedAnswered());
                try (HttpConnection probe = new HttpConnection(address, 10_000)) {
                    over.put("live_after", probe.exchange(HttpConnection.request("GET", address, "/v2/health/live",
                            new byte[0])).status() == 200);
                }
                phase.set("overload_3x", over);
            }
        }
        return phase;
    }

    /** The server's forward-pass meters ({@link ServeMetrics}): passes, windows and seconds in passes so far. */
    record ForwardPasses(long count, double windows, double seconds) {
        static ForwardPasses read(MeterRegistry meters) {
            Timer latency = meters.find(ServeMetrics.INFERENCE_LATENCY).timer();
            DistributionSummary sizes = meters.find(ServeMetrics.BATCH_SIZE).summary();
            return latency == null || sizes == null ? new ForwardPasses(0, 0, 0)
                    : new ForwardPasses(latency.count(), sizes.totalAmount(), latency.totalTime(TimeUnit.SECONDS));
        }

        ForwardPasses since(ForwardPasses start) {
            return new ForwardPasses(count - start.count, windows - start.windows, seconds - start.seconds);
        }

        ForwardPasses plus(ForwardPasses other) {
            return new ForwardPasses(count + other.count, windows + other.windows, seconds + other.seconds);
        }
    }

    private static ObjectNode summary(LoadGenerator.Result r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("sent", r.sent());
        n.put("ok", r.ok());
        n.put("rejected_503_retry_after", r.rejected());
        n.put("rejected_503_bare", r.rejectedWithoutRetryAfter());
        n.put("other_status", r.otherStatus());
        n.put("bad_200", r.bad());
        n.put("failed", r.failed());
        n.put("unanswered", r.unanswered());
        n.put("ok_per_s", r.okPerSecond());
        n.set("failures", JSON.valueToTree(r.failures()));
        n.put("p50_ms", r.latency().p50Ms());
        n.put("p99_ms", r.latency().p99Ms());
        n.put("max_ms", r.latency().maxMs());
        return n;
    }

    /** A good answer holds exactly one embedding of finite numbers. */
    static boolean oneFiniteEmbedding(HttpConnection.Response response) {
        return finiteEmbeddings(response, 1);
    }

    /**
     * A good answer holds exactly {@code count} non-empty embeddings of finite numbers, as arrays or as
     * base64 little-endian float32.
     */
    static boolean finiteEmbeddings(HttpConnection.Response response, int count) {
        try {
            JsonNode data = JSON.readTree(response.body()).path("data");
            if (data.size() != count) {
                return false;
            }
            for (JsonNode item : data) {
                JsonNode e = item.path("embedding");
                if (e.isString()) {
                    if (!finiteFloats(java.util.Base64.getDecoder().decode(e.asString()))) {
                        return false;
                    }
                    continue;
                }
                if (!e.isArray() || e.isEmpty()) {
                    return false;
                }
                for (JsonNode v : e) {
                    if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                        return false;
                    }
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean finiteFloats(byte[] littleEndian) {
        if (littleEndian.length == 0 || littleEndian.length % 4 != 0) {
            return false;
        }
        java.nio.FloatBuffer floats = java.nio.ByteBuffer.wrap(littleEndian).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer();
        while (floats.hasRemaining()) {
            if (!Float.isFinite(floats.get())) {
                return false;
            }
        }
        return true;
    }

    /** Peak heap use over the run (all heap pools' peaks added), in MiB. */
    static double heapPeakMegabytes() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024.0 * 1024.0);
    }
}
