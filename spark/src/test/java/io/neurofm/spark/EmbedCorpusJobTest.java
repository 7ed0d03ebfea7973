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
import io.neurofm.cli.Main;
import io.neurofm.family.deeperbrain.DeeperBrainConfig;
import io.neurofm.family.deeperbrain.DeeperBrainModel;
import io.neurofm.family.deeperbrain.DeeperBrainPreset;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import io.neurofm.signal.io.npy.Npz;
import io.neurofm.signal.io.npy.NpyArray;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Spark embedding job against the real {@code neurofm embed} (through {@link Main}) on the
 * same folder, registry and options: the npz arrays and the sidecar must be the CLI's. A seeded
 * untrained DeeperBrain tiny in a temporary registry; Spark local mode with two threads, one
 * partition per recording or fewer.
 */
class EmbedCorpusJobTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path tmp;
    static ModelRegistry registry;
    static String pinned;
    static JavaSparkContext sc;

    @BeforeAll
    static void registryAndSpark() throws IOException {
        registry = new ModelRegistry(tmp.resolve("registry"));
        registry.register(deeperBrain(tmp, TokeniseCorpusJobTest.shared("eeg/capslpdb_brux2_100s.edf"), 7), "eeg-tiny");
        Path artifact = registry.resolve("eeg-tiny");
        pinned = artifact.getParent().getFileName() + ":" + artifact.getFileName();
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("neurofm-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        sc = new JavaSparkContext(conf);
    }

    @AfterAll
    static void stopSpark() {
        if (sc != null) {
            sc.close();
        }
    }

    /**
     * Windows: a small BIDS dataset (two subjects, a session, runs, so the subject/session/run
     * columns are filled) plus one plain file outside it (unknown ids, -1), of three layouts and
     * rates (EDF 256 Hz bipolar, BDF 500 Hz with a stim channel, EDF 128 Hz), overlapping windows,
     * three partitions on two threads.
     */
    @Test
    void windowsOfABidsFolderEqualTheCli() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("bids"));
        Files.writeString(data.resolve("dataset_description.json"), "{\"Name\": \"t\", \"BIDSVersion\": \"1.9.0\"}");
        copy("eeg/capslpdb_brux2_100s.edf", data.resolve("sub-01/ses-a/eeg/sub-01_ses-a_task-rest_run-1_eeg.edf"));
        copy("eeg/test_bdf_stim_channel.bdf", data.resolve("sub-02/eeg/sub-02_task-rest_run-2_eeg.bdf"));
        copy("eeg/test_edf_stim_channel.edf", data.resolve("extra/test_edf_stim_channel.edf"));

        Comparison c = embedBothWays(data, "windows", "3", "--pooling", "power", "--stride-seconds", "1.0");
        assertEquals(3, c.spark().files().size());
        assertArrayEquals(new int[] {-1, 0, 1}, distinct(c.sparkArrays().get("subject_index")),
                "the file outside the dataset (sorted first) has no ids; then the two BIDS subjects");
        assertEquals(List.of("01", "02"), strings(c.sparkSidecar().get("subjects")));
        assertEquals(128, c.spark().dimension(), "power pooling of d_model 64 is mean and log-variance");
    }

    /** Epochs around the Graz cues, through the bundled channel map: the label column is filled. */
    @Test
    void cueEpochsWithAChannelMapEqualTheCli() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("graz"));
        copy("eeg/graz_mi_left_right.gdf", data.resolve("a.gdf"));
        copy("eeg/graz_mi_left_right.gdf", data.resolve("b.gdf"));

        Comparison c = embedBothWays(data, "epochs", "0", "--epochs", "0x0301,0x0302", "--tmin", "0.5", "--tmax", "2.5",
                "--channel-map", "resource:graz_sample_channels.tsv");
        assertEquals(80, c.spark().rows(), "20 left and 20 right cues per file");
        assertEquals(2, strings(c.sparkSidecar().get("labels")).size(), "two cue labels");
        assertEquals("graz_sample_channels.tsv",
                c.sparkSidecar().get("preprocessing").get("channel_map").asString());
    }

    record Comparison(EmbedCorpusJob.Result spark, Map<String, NpyArray> sparkArrays, JsonNode sparkSidecar) {
    }

    /**
     * {@code neurofm embed} and the job with the same options; asserts every npz array is the CLI's
     * (embeddings within 1e-6 relative, metadata identical), the sidecars are equal as JSON (no field
     * is exempt: both outputs are named emb.npz, and the model, artifact and file paths are the same
     * absolute paths), and the job's per-file log lines are the CLI's.
     */
    private static Comparison embedBothWays(Path data, String name, String partitions, String... options)
            throws IOException {
        Path cliOut = tmp.resolve(name + "-cli").resolve("emb.npz");
        Path sparkOut = tmp.resolve(name + "-spark").resolve("emb.npz");
        List<String> common = new ArrayList<>(List.of("--registry", registry.root().toString(), "--model", "eeg-tiny",
                "--input", data.toString()));
        common.addAll(Arrays.asList(options));

        StringWriter cliText = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(cliText, true));
        List<String> cliArgs = new ArrayList<>(List.of("embed"));
        cliArgs.addAll(common);
        cliArgs.addAll(List.of("--out", cliOut.toString()));
        assertEquals(0, cli.execute(cliArgs.toArray(String[]::new)), cliText.toString());

        List<String> sparkArgs = new ArrayList<>(common);
        sparkArgs.addAll(List.of("--out", sparkOut.toString(), "--partitions", partitions));
        EmbedCorpusJob.Result result = EmbedCorpusJob.run(sc, EmbedCorpusJob.parse(sparkArgs.toArray(String[]::new)));

        assertEquals(pinned, result.reference());
        int loads = ExecutorModels.loads(new ExecutorModels.Key(registry.root().toString(), pinned, null));
        assertTrue(loads >= 1 && loads <= 2, "two task slots load the model at most twice, loaded " + loads);

        Map<String, NpyArray> cliArrays = Npz.read(cliOut);
        Map<String, NpyArray> sparkArrays = Npz.read(sparkOut);
        assertEquals(List.copyOf(cliArrays.keySet()), List.copyOf(sparkArrays.keySet()));
        double worst = 0;
        for (String key : cliArrays.keySet()) {
            NpyArray want = cliArrays.get(key);
            NpyArray got = sparkArrays.get(key);
            if (key.equals("embeddings")) {
                assertArrayEquals(want.shape(), got.shape());
                assertEquals(want.dtype(), got.dtype());
                float[] w = want.toFloats();
                float[] g = got.toFloats();
                for (int i = 0; i < w.length; i++) {
                    worst = Math.max(worst, Math.abs(g[i] - w[i]) / Math.max(1, Math.abs(w[i])));
                }
            } else {
                assertEquals(want, got, key);
            }
        }
        System.out.printf("%s: spark vs neurofm embed, %d x %d, max embedding error %.3g, model loads %d%n", name,
                result.rows(), result.dimension(), worst, loads);
        assertTrue(worst <= 1e-6, "max error " + worst);
        assertTrue(result.rows() > 0);

        JsonNode cliSidecar = JSON.readTree(Files.readString(tmp.resolve(name + "-cli").resolve("emb.json")));
        JsonNode sparkSidecar = JSON.readTree(Files.readString(result.sidecar()));
        assertEquals(cliSidecar, sparkSidecar);

        List<String> cliLines = cliText.toString().lines().toList();
        assertEquals(cliLines.subList(0, cliLines.size() - 1), result.log(), "per-file lines, then the CLI's 'wrote'");
        return new Comparison(result, sparkArrays, sparkSidecar);
    }

    private static void copy(String shared, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(TokeniseCorpusJobTest.shared(shared), to);
    }

    private static int[] distinct(NpyArray array) {
        return Arrays.stream(array.toDoubles()).mapToInt(v -> (int) v).distinct().toArray();
    }

    private static List<String> strings(JsonNode array) {
        try (Stream<JsonNode> values = array.valueStream()) {
            return values.map(JsonNode::asString).toList();
        }
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
