package io.neurofm.cli;

import io.neurofm.artifact.ModelRegistry;
import io.neurofm.pretrain.PretrainJob;
import io.neurofm.pretrain.PretrainJobConfig;
import io.neurofm.serve.NeurofmServer;
import io.neurofm.serve.bench.ExampleWindow;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code neurofm quickstart}: pretrains the bundled tiny DeeperBrain on the shared EEG for a bounded
 * number of steps (with a progress bar), registers it, serves it on localhost and prints a curl for
 * {@code /v1/embeddings} with a real two-second window of the shared EEG. Before printing "ready"
 * it sends exactly that request itself; {@code --check} stops there (for CI), otherwise the
 * server runs until interrupted.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Pretrain a tiny model on the shared EEG, register it, serve it on localhost and print a "
                + "working curl for /v1/embeddings.")
final class QuickstartCommand implements Callable<Integer> {
    /** The quickstart's bounded pretraining: enough for a falling loss, short enough to wait for. */
    static final long DEFAULT_STEPS = 300;

    static final String JOB = "deeperbrain-tiny";
    /** The curl's window: eegmmidb S001R01, its first 4 channels, 2 s from t = 10 s (320 samples at 160 Hz). */
    static final String WINDOW_FILE = "eeg/eegmmidb_S001R01.edf";
    static final int WINDOW_CHANNELS = 4;
    static final double WINDOW_START = 10;
    static final double WINDOW_SECONDS = 2;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Option(names = "--port", defaultValue = "8080",
            description = "Port on localhost (default ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--steps", paramLabel = "N",
            description = "Training steps (default " + DEFAULT_STEPS + ", under a minute on two idle cores; "
                    + "the full bundled job trains longer).")
    Long steps;

    @Option(names = "--model", paramLabel = "NAME[:VERSION]",
            description = "Serve this registered model instead of training a new one.")
    String model;

    @Option(names = "--registry", paramLabel = "DIR",
            description = "Registry folder (default: $NEUROFM_MODELS, else ~/.neurofm/models).")
    Path registry;

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Training run folder (default: runs/quickstart, or the first free runs/quickstart-N).")
    Path runDir;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "API key the server accepts (default: a new random key, printed).")
    String apiKey;

    @Option(names = "--check", description = "Stop after the self-check instead of serving until interrupted.")
    boolean check;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (steps != null && steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        }
        // Before minutes of training: a busy port would only be found when the server starts.
        String busy = portProblem(port);
        if (busy != null) {
            err.println("neurofm quickstart: " + busy);
            err.flush();
            return ErrorReporter.USER_ERROR;
        }
        Path registryRoot = ModelRegistry.chooseRoot(registry, System.getenv(),
                Path.of(System.getProperty("user.home")));
        String reference = model != null ? model : train(registryRoot, err);
        String key = apiKey != null ? apiKey : newKey();
        Path windowFile = DataPaths.sharedFile(WINDOW_FILE);
        ExampleWindow window = ExampleWindow.read(windowFile, 0, WINDOW_CHANNELS, WINDOW_START, WINDOW_SECONDS);
        Path requestFile = requestFile(registryRoot, reference);
        Files.createDirectories(requestFile.getParent());
        Files.writeString(requestFile, window.requestBody(reference, null) + "\n", StandardCharsets.UTF_8);

        err.println("starting the server on localhost:" + port + " with " + reference + " ...");
        err.flush();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", Integer.toString(port));
        properties.put("server.address", "127.0.0.1");
        properties.put("neurofm.registry", registryRoot.toAbsolutePath().toString());
        properties.put("neurofm.models", reference);
        properties.put("neurofm.api-keys", key);
        ConfigurableApplicationContext server;
        try {
            server = NeurofmServer.start(properties);
        } catch (RuntimeException e) {
            if (causedByBind(e)) {
                err.println("neurofm quickstart: port " + port + " became busy while training; "
                        + "run again with --model " + reference + " --port N to serve this model on another port");
                return ErrorReporter.USER_ERROR;
            }
            throw e;
        }
        try {
            int actualPort = Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
            String url = "http://localhost:" + actualPort;
            String curl = curl(url, key, requestFile);
            out.println();
            out.println("neurofm is serving " + reference + " at " + url + "/  (API key: " + key + ")");
            out.println("Embed " + (int) WINDOW_SECONDS + " s of real EEG (" + WINDOW_FILE + ", " + WINDOW_CHANNELS + " channels from "
                    + (int) WINDOW_START + " s):");
            out.println();
            out.println("  " + curl);
            out.println();
            out.flush();
            int dims = selfCheck(url, key, requestFile);
            String how = "";
            if (check && onPath("curl")) {
                // CI: the line above, run as printed, must give the same answer.
                int curlDims = runPrintedCurl(curl);
                if (curlDims != dims) {
                    throw new IllegalStateException("self-check failed: the printed curl gave " + curlDims
                            + " dimensions, the Java client " + dims);
                }
                how = " (Java client, and the printed curl run as printed)";
            }
            out.println("self-check passed: POST /v1/embeddings answered a " + dims + "-dimensional embedding" + how);
            out.println(check ? "stopping (--check)" : "open " + url + "/ in a browser; Ctrl-C stops the server");
            out.flush();
            if (!check) {
                awaitShutdown(server);
            }
            return 0;
        } finally {
            server.close();
        }
    }

    /** Trains the bundled job for {@code steps} and returns the registered NAME:VERSION. */
    private String train(Path registryRoot, PrintWriter err) throws Exception {
        PretrainJobConfig bundled = PretrainCommand.bundled(JOB);
        PretrainJobConfig.Training t = bundled.training();
        long steps = this.steps != null ? this.steps : Math.min(DEFAULT_STEPS, t.steps());
        // Warm-up scaled to a shortened run; validation at the end only, and only the final checkpoint.
        PretrainJobConfig.Training shortened = new PretrainJobConfig.Training(steps, t.microBatch(), t.lr(),
                Math.min(t.warmup(), Math.max(1, steps / 10)), 0, 1, 0, 1, t.maxGradNorm(), t.seed());
        Path base = Path.of("").toAbsolutePath();
        Path run = runDir != null ? runDir.toAbsolutePath() : freeRunDir(base.resolve("runs").resolve("quickstart"));
        // Through the job's JSON rather than its constructor: the job record grows fields as families are added.
        tools.jackson.databind.node.ObjectNode json = (tools.jackson.databind.node.ObjectNode) bundled.toJson();
        json.set("training", JSON.valueToTree(shortened));
        json.put("runDir", run.toString());
        json.remove("registry");
        PretrainJobConfig job = PretrainJobConfig.parse(JSON.writeValueAsString(json), Path.of("bundled:" + JOB + ".json"));
        err.println("pretraining " + JOB + " on the shared EEG for " + steps + " steps (run folder " + run + ")");
        err.flush();
        PretrainJob.Outcome outcome;
        // The training loop's own progress bar (on stderr), as `neurofm pretrain` draws it on a terminal.
        outcome = PretrainJob.run(job, new PretrainJob.Options(false, registryRoot, DataPaths.sharedData(), base,
                err, null, true));
        err.printf("registered %s (train loss %.4f, validation loss %.4f) in %s%n", outcome.reference(),
                outcome.trainLoss(), outcome.validationLoss(), registryRoot);
        err.flush();
        return outcome.reference();
    }

    private static Path freeRunDir(Path configured) throws IOException {
        Path candidate = configured;
        for (int n = 2; Files.exists(candidate); n++) {
            candidate = configured.resolveSibling(configured.getFileName() + "-" + n);
        }
        return candidate;
    }

    /** Where the curl's body is written: beside the registry, one file per model version. */
    static Path requestFile(Path registryRoot, String reference) {
        return registryRoot.resolve(".quickstart").resolve(reference.replace(':', '-') + "-request.json");
    }

    static String curl(String url, String key, Path body) {
        return "curl -s " + url + "/v1/embeddings -H 'Authorization: Bearer " + key + "' "
                + "-H 'Content-Type: application/json' --data @" + shellQuote(body.toAbsolutePath().toString());
    }

    private static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_./:@+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    /** Null when {@code port} on localhost can be bound now, else a sentence saying it is busy. */
    static String portProblem(int port) {
        if (port == 0) {
            return null;
        }
        if (port < 0 || port > 65535) {
            return "--port must be 0..65535, got " + port;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return null;
        } catch (IOException e) {
            return "port " + port + " on localhost is busy (another neurofm server or another program is "
                    + "listening there); stop it or choose another port with --port N";
        }
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Port " )
                    && String.valueOf(t.getMessage()).contains("already in use")) {
                return true;
            }
        }
        return false;
    }

    private static String newKey() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return "nfm-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Sends the printed curl's request (same URL, headers and body file) and returns the
     * embedding's length; anything but a 200 with one finite embedding fails the quickstart.
     */
    static int selfCheck(String url, String key, Path body) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/embeddings"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofFile(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("self-check failed: POST /v1/embeddings answered "
                    + response.statusCode() + ": " + response.body());
        }
        JsonNode embedding = JsonMapper.builder().build().readTree(response.body()).path("data").path(0)
                .path("embedding");
        if (!embedding.isArray() || embedding.isEmpty()) {
            throw new IllegalStateException("self-check failed: no embedding in " + response.body());
        }
        for (JsonNode v : embedding) {
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                throw new IllegalStateException("self-check failed: non-finite value in " + response.body());
            }
        }
        return embedding.size();
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code curl} through sh exactly as printed and returns the answered embedding's length. */
    static int runPrintedCurl(String curl) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", curl).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("self-check failed: the printed curl exited "
                    + (p.isAlive() ? "late" : p.exitValue()) + ": " + output);
        }
        JsonNode embedding = JsonMapper.builder().build().readTree(output).path("data").path(0).path("embedding");
        if (!embedding.isArray() || embedding.isEmpty()) {
            throw new IllegalStateException("self-check failed: the printed curl answered " + output);
        }
        return embedding.size();
    }

    private static void awaitShutdown(ConfigurableApplicationContext server) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "quickstart-shutdown"));
        stopped.await();
    }
}
