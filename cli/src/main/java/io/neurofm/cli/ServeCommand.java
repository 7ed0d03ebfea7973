package io.neurofm.cli;

import io.neurofm.serve.NeurofmServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code neurofm serve}: starts the REST service (module serve) and runs until stopped (Ctrl-C).
 * Every flag sets one {@code neurofm.*} property of ServeSettings; anything else (API keys, limits)
 * comes from the environment (NEUROFM_API_KEYS, ...) or {@code --set key=value}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve embeddings and decoding predictions over HTTP (/v1/embeddings, KServe v2, /v1/models).")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    RegistryOption registryOption = new RegistryOption();

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--models", split = ",", paramLabel = "NAME[:VERSION]",
            description = "Models to load (default: the latest version of every servable model in the registry).")
    List<String> models;

    @Option(names = "--batch-size", paramLabel = "N", description = "Most windows per forward pass (default 16).")
    Integer batchSize;

    @Option(names = "--max-delay-ms", paramLabel = "N", description = "How long a partial batch waits for more (default 5).")
    Long maxDelayMs;

    @Option(names = "--queue", paramLabel = "N", description = "Requests waiting per model before 503 (default 64).")
    Integer queue;

    @Option(names = "--workers", paramLabel = "N", description = "Model instances (worker threads) per model (default 1).")
    Integer workers;

    @Option(names = "--no-batching", description = "One request per forward pass (for comparison).")
    boolean noBatching;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any other Spring property, e.g. --set neurofm.request-timeout-ms=10000.")
    Map<String, String> extra = new LinkedHashMap<>();

    /** The Spring properties the flags stand for. */
    Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("server.port", Integer.toString(port));
        p.put("server.address", host);
        p.put("neurofm.registry", registryOption.registry().root().toString());
        if (models != null && !models.isEmpty()) {
            p.put("neurofm.models", String.join(",", models));
        }
        if (batchSize != null) {
            p.put("neurofm.batch-size", batchSize.toString());
        }
        if (maxDelayMs != null) {
            p.put("neurofm.max-delay-ms", maxDelayMs.toString());
        }
        if (queue != null) {
            p.put("neurofm.queue", queue.toString());
        }
        if (workers != null) {
            p.put("neurofm.workers", workers.toString());
        }
        if (noBatching) {
            p.put("neurofm.batching", "false");
        }
        p.putAll(extra);
        return p;
    }

    @Override
    public Integer call() throws InterruptedException {
        ConfigurableApplicationContext context = NeurofmServer.start(properties());
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        if (!context.isActive()) {
            return 0;
        }
        String actualPort = context.getEnvironment().getProperty("local.server.port", Integer.toString(port));
        List<String> served = context.getBean(io.neurofm.serve.ModelCatalog.class).all().stream()
                .map(m -> m.name() + ":" + m.version()).toList();
        spec.commandLine().getOut().printf("neurofm serving %s on http://%s:%s (Ctrl-C stops)%n", served, host,
                actualPort);
        spec.commandLine().getOut().flush();
        closed.await();
        return 0;
    }
}
