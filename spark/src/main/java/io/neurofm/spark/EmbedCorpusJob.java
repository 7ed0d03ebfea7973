package io.neurofm.spark;

import io.neurofm.artifact.Artifact;
import io.neurofm.artifact.ModelRegistry;
import io.neurofm.embed.EmbeddingFiles;
import io.neurofm.embed.EmbeddingTable;
import io.neurofm.embed.InputFiles;
import io.neurofm.embed.Segmentation;
import io.neurofm.inference.ModelDescription;
import io.neurofm.montage.ChannelMap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code neurofm embed} on a Spark cluster: the same files, the same per-file work and the same
 * output. The driver lists the inputs ({@link InputFiles#expand}); executors run each file through
 * {@link io.neurofm.embed.Embedder#embedFile} ({@link EmbedRecordings}), loading the model once per
 * task slot and keeping it for every later partition ({@link ExecutorModels}); the driver joins the
 * per-file tables in input order ({@link EmbeddingTable#concat}) and writes them with
 * {@link EmbeddingFiles#write} and the sidecar of {@link EmbeddingFiles#describe}, so the npz and
 * sidecar are those of {@code neurofm embed} whatever the partitioning. The driver pins the model
 * reference to NAME:VERSION before the tasks start (a version registered meanwhile is not picked up
 * halfway) and does not load the model itself.
 *
 * <p>Paths are plain file paths: the registry, the recordings and a channel-map file must be at the
 * same path on every executor (a shared volume); relative ones are made absolute on the driver.
 * {@code --out} is written by the driver, which holds all N x D embeddings while writing.
 *
 * <pre>spark-submit --class io.neurofm.spark.EmbedCorpusJob neurofm-spark.jar --model NAME[:VERSION]
 *     --input FILE|DIR [--input ...] --out emb.npz [--pooling P] [--stride-seconds S]
 *     [--epochs EV1,EV2 [--tmin S] [--tmax S]] [--channel-map FILE|resource:NAME] [--registry DIR]
 *     [--device cpu|gpu] [--partitions N]</pre>
 */
public final class EmbedCorpusJob {
    private static final String USAGE = "usage: --model NAME[:VERSION] --input FILE|DIR [--input ...] --out FILE.npz"
            + " [--pooling P] [--stride-seconds S] [--epochs EV1,EV2 [--tmin S] [--tmax S]]"
            + " [--channel-map FILE|resource:NAME] [--registry DIR] [--device NAME] [--partitions N]";

    /**
     * @param registry    the registry folder; null = $NEUROFM_MODELS, else ~/.neurofm/models (on the driver)
     * @param model       NAME or NAME:VERSION in the registry
     * @param inputs      recordings or folders of recordings, in output order
     * @param out         the npz to write (its sidecar goes beside it)
     * @param pooling     one of the model's poolings; null = its default
     * @param how         windows or epochs ({@link Segmentation#of}, as {@code neurofm embed})
     * @param channelMap  a {@code --channel-map} value, null for none
     * @param device      a DJL device name for the executors ("cpu", "gpu", "gpu(1)"); null = the engine's default
     * @param partitions  Spark partitions; 0 or more than the recordings for one per recording
     */
    public record Options(Path registry, String model, List<Path> inputs, Path out, String pooling, Segmentation how,
            String channelMap, String device, int partitions) {
        public Options {
            inputs = List.copyOf(inputs);
        }
    }

    /**
     * @param reference the model as pinned, NAME:VERSION
     * @param files     the recordings embedded, in output order
     * @param log       per file, what {@code neurofm embed} prints for it
     * @param rows      N, segments embedded
     * @param dimension D, values per embedding
     */
    public record Result(Path npz, Path sidecar, String reference, List<Path> files, List<String> log, int rows,
            int dimension) {
    }

    private EmbedCorpusJob() {
    }

    public static void main(String[] args) throws IOException {
        Options options = parse(args);
        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setAppName("neurofm embed"))) {
            Result r = run(sc, options);
            r.log().forEach(System.out::println);
            System.out.printf("embedded %d segments of %d recordings with %s: %s (%d x %d) and %s%n", r.rows(),
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
        List<String> epochs = null;
        // neurofm embed's defaults
        double tmin = 0.5;
        double tmax = 3.5;
        String channelMap = null;
        String device = null;
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
                case "--epochs" -> epochs = Arrays.asList(value.split(","));
                case "--tmin" -> tmin = Double.parseDouble(value);
                case "--tmax" -> tmax = Double.parseDouble(value);
                case "--channel-map" -> channelMap = value;
                case "--device" -> device = value;
                case "--partitions" -> partitions = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown argument " + option + "; " + USAGE);
            }
        }
        if (model == null || inputs.isEmpty() || out == null) {
            throw new IllegalArgumentException(USAGE);
        }
        return new Options(registry, model, inputs, out, pooling, Segmentation.of(epochs, tmin, tmax, stride),
                channelMap, device, partitions);
    }

    public static Result run(JavaSparkContext sc, Options options) throws IOException {
        ModelRegistry registry = ModelRegistry.locate(options.registry());
        Path artifact = registry.resolve(options.model());
        String pinned = artifact.getParent().getFileName() + ":" + artifact.getFileName();
        Path out = options.out().toAbsolutePath().normalize();
        // Executors have their own working directory: every path they get is absolute.
        List<Path> files = InputFiles.expand(options.inputs().stream().map(p -> p.toAbsolutePath().normalize())
                .toList(), out);
        String channelMap = absoluteMapFile(options.channelMap());
        ChannelMap map = InputFiles.channelMap(channelMap);
        List<InputRecording> inputs = IntStream.range(0, files.size())
                .mapToObj(i -> new InputRecording(i, files.get(i).toString())).toList();
        int slices = options.partitions() <= 0 ? inputs.size() : Math.min(options.partitions(), inputs.size());
        EmbedRecordings.Settings settings = new EmbedRecordings.Settings(
                new ExecutorModels.Key(registry.root().toString(), pinned, options.device()), options.how(),
                options.pooling(), channelMap);
        // parallelize keeps the list's order across partitions and collect returns partitions in order.
        List<EmbeddedRecording> embedded = sc.parallelize(inputs, slices)
                .mapPartitions(new EmbedRecordings(settings))
                .collect();
        if (embedded.size() != inputs.size()) {
            throw new IllegalStateException(inputs.size() + " recordings sent, " + embedded.size() + " came back");
        }
        ModelDescription model = embedded.get(0).model();
        List<EmbeddingTable> tables = new ArrayList<>();
        for (int i = 0; i < embedded.size(); i++) {
            EmbeddedRecording e = embedded.get(i);
            if (e.index() != i) {
                throw new IllegalStateException("recording " + i + " came back as " + e.index());
            }
            if (!e.model().equals(model)) {
                throw new IllegalStateException("executors embedded differently: " + files.get(0) + " with " + model
                        + ", " + files.get(i) + " with " + e.model() + " (do all executors see the same registry?)");
            }
            tables.add(e.rows().table());
        }
        EmbeddingTable table = EmbeddingTable.concat(tables);
        String pooling = options.pooling() == null ? model.defaultPooling() : options.pooling();
        Path sidecar;
        try (Artifact opened = Artifact.open(artifact)) {
            sidecar = EmbeddingFiles.write(out, table, EmbeddingFiles.describe(model, opened, options.how(), pooling, map));
        }
        return new Result(out, sidecar, pinned, files, embedded.stream().map(EmbeddedRecording::log).toList(),
                table.size(), table.dimension());
    }

    /** A channel-map file as an absolute path (executors resolve it); {@code none} and bundled maps as they are. */
    private static String absoluteMapFile(String option) {
        if (option == null || option.equalsIgnoreCase(InputFiles.NO_MAP) || option.startsWith(InputFiles.RESOURCE)) {
            return option;
        }
        return Path.of(option).toAbsolutePath().normalize().toString();
    }
}
