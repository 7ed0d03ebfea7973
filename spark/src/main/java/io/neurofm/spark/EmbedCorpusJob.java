package io.neurofm.spark;

import io.neurofm.artifact.ModelRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Embeddings of every window of a set of recordings with a frozen registered model, on a Spark
 * cluster. Executors read, preprocess, window and embed ({@link EmbedRecordings}, through
 * {@code io.neurofm.inference}, as {@code neurofm embed} does); each executor loads the model once
 * per task slot and keeps it for every later partition ({@link ExecutorModels}). The driver pins
 * the model reference to NAME:VERSION before the tasks start (a version registered meanwhile is not
 * picked up halfway) and writes one npz and its JSON sidecar ({@link EmbeddingTableFiles}), rows in
 * input order then window order, so the output does not depend on partitioning or scheduling.
 *
 * <p>Paths are plain file paths: the registry and the recordings must be at the same path on every
 * executor (a shared volume); {@code --out} is written by the driver, which holds all N x D
 * embeddings while writing.
 *
 * <pre>spark-submit --class io.neurofm.spark.EmbedCorpusJob neurofm-spark.jar --model NAME[:VERSION]
 *     --input FILE|DIR [--input ...] --out emb.npz [--pooling P] [--stride-seconds S] [--registry DIR]
 *     [--device cpu|gpu] [--batch N] [--partitions N]</pre>
 */
public final class EmbedCorpusJob {
    private static final String USAGE = "usage: --model NAME[:VERSION] --input FILE|DIR [--input ...] --out FILE.npz"
            + " [--pooling P] [--stride-seconds S] [--registry DIR] [--device NAME] [--batch N] [--partitions N]";

    /**
     * @param registry      the registry folder; null = $NEUROFM_MODELS, else ~/.neurofm/models (on the driver)
     * @param model         NAME or NAME:VERSION in the registry
     * @param inputs        recordings or folders of recordings, in output order
     * @param out           the npz to write (its sidecar goes beside it)
     * @param pooling       one of the model's poolings; null = its default
     * @param strideSeconds between window starts; 0 = the model's window length
     * @param device        a DJL device name for the executors ("cpu", "gpu", "gpu(1)"); null = the engine's default
     * @param batchWindows  windows per forward pass
     * @param partitions    Spark partitions; 0 or more than the recordings for one per recording
     */
    public record Options(Path registry, String model, List<Path> inputs, Path out, String pooling,
            double strideSeconds, String device, int batchWindows, int partitions) {
        public Options {
            inputs = List.copyOf(inputs);
        }
    }

    /**
     * @param reference the model as pinned, NAME:VERSION
     * @param files     the recordings embedded, in output order
     * @param rows      N, windows embedded
     * @param dimension D, values per embedding
     */
    public record Result(Path npz, Path sidecar, String reference, List<Path> files, int rows, int dimension) {
    }

    private EmbedCorpusJob() {
    }

    public static void main(String[] args) throws IOException {
        Options options = parse(args);
        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setAppName("neurofm embed"))) {
            Result r = run(sc, options);
            System.out.printf("embedded %d windows of %d recordings with %s: %s (%d x %d) and %s%n", r.rows(),
                    r.files().size(), r.reference(), r.npz(), r.rows(), r.dimension(), r.sidecar());
        }
    }

    static Options parse(String[] args) {
        Path registry = null;
        String model = null;
        List<Path> inputs = new ArrayList<>();
        Path out = null;
        String pooling = null;
        double stride = 0;
        String device = null;
        int batch = 64;
        int partitions = 0;
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value; " + USAGE);
            }
            String value = args[i + 1];
            switch (option) {
                case "--registry" -> registry = Path.of(value);
                case "--model" -> model = value;
                case "--input" -> inputs.add(Path.of(value));
                case "--out" -> out = Path.of(value);
                case "--pooling" -> pooling = value;
                case "--stride-seconds" -> stride = Double.parseDouble(value);
                case "--device" -> device = value;
                case "--batch" -> batch = Integer.parseInt(value);
                case "--partitions" -> partitions = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown argument " + option + "; " + USAGE);
            }
        }
        if (model == null || inputs.isEmpty() || out == null) {
            throw new IllegalArgumentException(USAGE);
        }
        return new Options(registry, model, inputs, out, pooling, stride, device, batch, partitions);
    }

    public static Result run(JavaSparkContext sc, Options options) throws IOException {
        ModelRegistry registry = ModelRegistry.locate(options.registry());
        Path artifact = registry.resolve(options.model());
        String pinned = artifact.getParent().getFileName() + ":" + artifact.getFileName();
        Path out = options.out().toAbsolutePath().normalize();
        List<Path> files = InputRecordings.expand(options.inputs()).stream()
                .filter(f -> !f.equals(out) && !f.equals(EmbeddingTableFiles.sidecar(out))).toList();
        List<InputRecording> inputs = IntStream.range(0, files.size())
                .mapToObj(i -> new InputRecording(i, files.get(i).toString())).toList();
        int slices = options.partitions() <= 0 ? inputs.size() : Math.min(options.partitions(), inputs.size());
        EmbedRecordings.Settings settings = new EmbedRecordings.Settings(
                new ExecutorModels.Key(registry.root().toString(), pinned, options.device()),
                options.strideSeconds(), options.pooling(), options.batchWindows());
        // parallelize keeps the list's order across partitions and collect returns partitions in order.
        List<EmbeddedRecording> embedded = sc.parallelize(inputs, slices)
                .mapPartitions(new EmbedRecordings(settings))
                .collect();
        for (int i = 0; i < embedded.size(); i++) {
            if (embedded.get(i).index() != i) {
                throw new IllegalStateException("recording " + i + " came back as " + embedded.get(i).index());
            }
        }
        if (embedded.size() != inputs.size()) {
            throw new IllegalStateException(inputs.size() + " recordings sent, " + embedded.size() + " came back");
        }
        EmbeddingTableFiles.Written written = EmbeddingTableFiles.write(out, embedded, options.strideSeconds());
        return new Result(out, EmbeddingTableFiles.sidecar(out), pinned, files, written.rows(), written.dimension());
    }
}
