package io.neurofm.cli;

import io.neurofm.artifact.ModelRegistry;
import io.neurofm.family.deeperbrain.DeeperBrainPreset;
import io.neurofm.serve.bench.ExampleWindow;
import io.neurofm.serve.bench.RandomDeeperBrain;
import io.neurofm.serve.bench.ServeBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code neurofm bench serve}: offline batched throughput of a registered model, then the service
 * on loopback with batching on and off (latency unloaded and at half load, capacity, 3x overload);
 * prints one JSON line (see docs/benchmarks.md, "Serving").
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Load-test the REST service on loopback against the model's offline throughput; prints one "
                + "JSON line.")
final class BenchServeCommand implements Callable<Integer> {
    @Option(names = "--model", defaultValue = QuickstartCommand.JOB,
            description = "Registered model NAME[:VERSION] (default ${DEFAULT-VALUE}; ./neurofm quickstart makes it).")
    String model;

    @Option(names = "--registry", paramLabel = "DIR", description = "Registry folder (default: the usual one).")
    Path registry;

    @Option(names = "--batch-size", defaultValue = "16", description = "Windows per forward pass (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--clients", defaultValue = "0",
            description = "Closed-loop clients in the capacity phases (default: twice the batch size).")
    int clients;

    @Option(names = "--phase-seconds", defaultValue = "8", description = "Length of each timed phase (default ${DEFAULT-VALUE}).")
    double phaseSeconds;

    @Option(names = "--warmup-seconds", defaultValue = "20",
            description = "Untimed load before each server's phases and each offline phase, so the JIT has settled "
                    + "(with 6 s, C2 was still compiling through the timed phases on 2 cores) (default ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--windows-per-request", defaultValue = "1",
            description = "Copies of the window in each request (default ${DEFAULT-VALUE}); throughput counts windows.")
    int windowsPerRequest;

    @Option(names = "--base64", description = "Send samples and ask for embeddings as base64 float32 (the API's "
            + "compact form, encoding_format=base64) instead of JSON numbers.")
    boolean base64;

    @Option(names = "--window-channels", defaultValue = "" + QuickstartCommand.WINDOW_CHANNELS,
            description = "Channels of the request's window, the recording's first N (default ${DEFAULT-VALUE}); more "
                    + "channels mean more tokens per window, so the forward pass weighs more against HTTP and JSON.")
    int windowChannels;

    @Option(names = "--threads", defaultValue = "0",
            description = "libtorch intra-op threads; 0 keeps libtorch's default (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--random-weights", paramLabel = "PRESET",
            description = "Benchmark a DeeperBrain of this preset (${COMPLETION-CANDIDATES}) with seeded random weights "
                    + "and --model's preprocessing instead of --model itself (written to a temporary registry).")
    DeeperBrainPreset randomWeights;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (batchSize < 1 || phaseSeconds <= 0 || phaseSeconds > 120 || clients < 0 || warmupSeconds < 0
                || warmupSeconds > 120 || threads < 0 || windowsPerRequest < 1 || windowChannels < 1) {
            throw new IllegalArgumentException("--batch-size >= 1, --window-channels >= 1, --clients >= 0, --threads >= 0, --phase-seconds in "
                    + "(0, 120] and --warmup-seconds in [0, 120] are required");
        }
        if (threads > 0) {
            // read by DJL's PyTorch engine when it starts, which is after this point
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        }
        ExampleWindow window = ExampleWindow.read(DataPaths.sharedFile(QuickstartCommand.WINDOW_FILE), 0,
                windowChannels, QuickstartCommand.WINDOW_START, QuickstartCommand.WINDOW_SECONDS);
        Path benchRegistry = registry;
        String benchModel = model;
        Path scratch = null;
        if (randomWeights != null) {
            scratch = Files.createTempDirectory("neurofm-bench-serve-");
            ModelRegistry target = new ModelRegistry(scratch.resolve("registry"));
            benchModel = RandomDeeperBrain.register(ModelRegistry.locate(registry), model, randomWeights, target,
                    scratch.resolve("build"), 17);
            benchRegistry = target.root();
        }
        try {
            run(benchRegistry, benchModel, window);
        } finally {
            if (scratch != null) {
                deleteTree(scratch);
            }
        }
        return 0;
    }

    private void run(Path benchRegistry, String benchModel, ExampleWindow window) throws Exception {
        var report = ServeBench.run(new ServeBench.Options(benchRegistry, benchModel, batchSize,
                clients == 0 ? 2 * batchSize : clients, Duration.ofMillis((long) (phaseSeconds * 1000)),
                Duration.ofMillis((long) (warmupSeconds * 1000)), window, windowsPerRequest, base64));
        PrintWriter out = spec.commandLine().getOut();
        out.println(report.toString());
        out.flush();
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
