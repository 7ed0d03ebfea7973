package io.neurofm.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.neurofm.artifact.ArtifactConfig;
import io.neurofm.artifact.ArtifactWriter;
import io.neurofm.artifact.ChannelSpec;
import io.neurofm.artifact.FilterSpec;
import io.neurofm.artifact.ModelCard;
import io.neurofm.artifact.ModelRegistry;
import io.neurofm.artifact.PreprocessingSpec;
import io.neurofm.family.deeperbrain.DeeperBrainConfig;
import io.neurofm.family.deeperbrain.DeeperBrainModel;
import io.neurofm.family.deeperbrain.DeeperBrainPreset;
import io.neurofm.inference.EmbeddingModel;
import io.neurofm.inference.EmbeddingModels;
import io.neurofm.inference.PreparedWindow;
import io.neurofm.load.LoadSpec;
import io.neurofm.load.RecordingLoader;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import io.neurofm.signal.io.npy.Npz;
import io.neurofm.signal.io.npy.NpyArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Spark embedding job against one process calling {@link EmbeddingModel} directly, on three
 * shared EEG recordings of three layouts and rates (BDF 500 Hz with a stim channel, EDF 128 Hz,
 * EDF 256 Hz bipolar) with a seeded untrained DeeperBrain tiny from a temporary registry. Three
 * partitions on two local threads, batches smaller than a recording's windows, overlapping windows.
 */
class EmbedCorpusJobTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> NAMES = List.of("capslpdb_brux2_100s.edf", "test_bdf_stim_channel.bdf",
            "test_edf_stim_channel.edf");

    @TempDir
    Path tmp;

    @Test
    void sparkLocalModeGivesTheSingleProcessEmbeddingsInInputOrder() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        for (String name : NAMES) {
            Files.copy(TokeniseCorpusJobTest.shared("eeg/" + name), data.resolve(name));
        }
        ModelRegistry registry = new ModelRegistry(tmp.resolve("registry"));
        registry.register(deeperBrain(tmp, data.resolve(NAMES.get(0)), 7), "eeg-tiny");

        Path out = tmp.resolve("out").resolve("emb.npz");
        EmbedCorpusJob.Options options = EmbedCorpusJob.parse(new String[] {"--registry", registry.root().toString(),
                "--model", "eeg-tiny", "--input", data.toString(), "--out", out.toString(), "--pooling", "power",
                "--stride-seconds", "1.0", "--batch", "16", "--partitions", "3"});
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("neurofm-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        EmbedCorpusJob.Result result;
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            result = EmbedCorpusJob.run(sc, options);
        }
        String pinned = registry.resolve("eeg-tiny").getParent().getFileName() + ":"
                + registry.resolve("eeg-tiny").getFileName();
        assertEquals(pinned, result.reference());
        int loads = ExecutorModels.loads(new ExecutorModels.Key(registry.root().toString(), pinned, null));
        assertTrue(loads >= 1 && loads <= 2, "two task slots should load the model at most twice for three "
                + "partitions, loaded " + loads);

        // The reference: one model, each file in name order, every window in one embed call.
        List<float[]> expected = new ArrayList<>();
        List<Integer> fileIndex = new ArrayList<>();
        List<Integer> windowIndex = new ArrayList<>();
        List<Double> starts = new ArrayList<>();
        try (EmbeddingModel model = EmbeddingModels.load(registry, "eeg-tiny", null)) {
            for (int f = 0; f < NAMES.size(); f++) {
                Recording recording = RecordingLoader.load(data.resolve(NAMES.get(f)), LoadSpec.whole());
                List<PreparedWindow> windows = model.windows(recording, 200);
                float[][] rows = model.embed(windows, "power");
                for (int w = 0; w < rows.length; w++) {
                    expected.add(rows[w]);
                    fileIndex.add(f);
                    windowIndex.add(w);
                    starts.add(windows.get(w).startSeconds());
                }
            }
        }

        Map<String, NpyArray> arrays = Npz.read(out);
        assertEquals(List.of("embeddings", "file_index", "window_index", "start_seconds"), List.copyOf(arrays.keySet()));
        NpyArray embeddings = arrays.get("embeddings");
        int n = expected.size();
        int d = expected.get(0).length;
        assertEquals(128, d, "power pooling of d_model 64 is mean and log-variance");
        assertArrayEquals(new long[] {n, d}, embeddings.shape());
        assertEquals(n, result.rows());
        float[] actual = embeddings.toFloats();
        double worst = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double want = expected.get(i)[j];
                double error = Math.abs(actual[i * d + j] - want) / Math.max(1, Math.abs(want));
                worst = Math.max(worst, error);
            }
        }
        System.out.printf("spark vs single process: %d windows x %d, max error %.3g, model loads %d%n", n, d, worst,
                loads);
        assertTrue(worst <= 1e-6, "max error " + worst);
        assertArrayEquals(fileIndex.stream().mapToInt(Integer::intValue).toArray(),
                ints(arrays.get("file_index")));
        assertArrayEquals(windowIndex.stream().mapToInt(Integer::intValue).toArray(),
                ints(arrays.get("window_index")));
        assertArrayEquals(starts.stream().mapToDouble(Double::doubleValue).toArray(),
                arrays.get("start_seconds").toDoubles());

        JsonNode sidecar = JSON.readTree(Files.readString(EmbeddingTableFiles.sidecar(out)));
        List<String> files = new ArrayList<>();
        sidecar.get("files").forEach(f -> files.add(f.asString()));
        assertEquals(NAMES.stream().map(name -> data.resolve(name).toString()).toList(), files);
        assertEquals(pinned, sidecar.get("model").get("reference").asString());
        assertEquals("power", sidecar.get("pooling").asString());
        assertEquals(200, sidecar.get("stride_samples").asInt());
        assertEquals(n, sidecar.get("count").asInt());
    }

    private static int[] ints(NpyArray array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.toIntExact(array.getLong(i));
        }
        return out;
    }

    /** DeeperBrain tiny, seeded and untrained, 200 Hz, 2 s windows, 0.5-45 Hz band-pass, volts x 1e5. */
    private static Path deeperBrain(Path dir, Path channelsFrom, int seed) throws IOException {
        DeeperBrainConfig config = DeeperBrainPreset.TINY.config();
        ObjectNode hyper = JSON.createObjectNode();
        hyper.set("model", JSON.valueToTree(config));
        hyper.put("window_samples", 400);
        hyper.put("input_scale", 1e5);
        Recording recording = Readers.read(channelsFrom, OpenOptions.DEFAULT);
        PreprocessingSpec pre = new PreprocessingSpec(200, List.of(FilterSpec.bandpass(0.5, 45, 4)),
                recording.channels().stream().map(ChannelSpec::of).toList(), null);
        ModelCard card = new ModelCard("Untrained test model", "Seeded weights for the Spark test.", "None.", "None.",
                Map.of(), "Tests only.", "Untrained.");
        DeeperBrainModel model = new DeeperBrainModel(config);
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(seed);
            model.initialize(manager);
            Path out = dir.resolve("deeperbrain-" + seed);
            new ArtifactWriter(ArtifactConfig.of("deeperbrain", "tiny", hyper), pre, card, model.block())
                    .writeDirectory(out);
            return out;
        }
    }
}
