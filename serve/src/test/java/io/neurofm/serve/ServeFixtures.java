package io.neurofm.serve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.neurofm.artifact.ArtifactConfig;
import io.neurofm.artifact.ArtifactWriter;
import io.neurofm.artifact.ChannelSpec;
import io.neurofm.artifact.Checksums;
import io.neurofm.artifact.FilterSpec;
import io.neurofm.artifact.ModelCard;
import io.neurofm.artifact.ModelRegistry;
import io.neurofm.artifact.PreprocessingSpec;
import io.neurofm.dsp.Resampling;
import io.neurofm.family.deeperbrain.DeeperBrainConfig;
import io.neurofm.family.deeperbrain.DeeperBrainModel;
import io.neurofm.family.deeperbrain.DeeperBrainPreset;
import io.neurofm.family.meggpt.MegGptConfig;
import io.neurofm.family.meggpt.MegGptModel;
import io.neurofm.inference.SignalWindow;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import io.neurofm.tensor.Safetensors;
import io.neurofm.tokenize.MuLawTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A temporary registry with two seeded, untrained tiny models written by the real ArtifactWriter
 * from the real eegmmidb EDF's channels (the idea of model-zoo's InferenceFixtures): DeeperBrain
 * (200 Hz, 2 s windows, band-pass, with a 3-class decoding head "hands" on mean embeddings) and
 * MEG-GPT (128 Hz, 1 s windows, the EDF's 64 names as its channel table).
 */
public final class ServeFixtures {
    public static final String DEEPERBRAIN = "deeperbrain-tiny";
    public static final String MEGGPT = "meggpt-tiny";
    public static final String HEAD = "hands";
    public static final List<String> HEAD_CLASSES = List.of("left", "right", "rest");
    static final JsonMapper JSON = JsonMapper.builder().build();

    private static Path registry;
    private static Recording recording;

    private ServeFixtures() {}

    public static Path data(String relative) {
        String configured = System.getProperty("neurofm.data");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "data");
        Path file = root.resolve(relative).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(file), "shared data file missing: " + file);
        return file;
    }

    /** eegmmidb S001R01: 64 EEG channels at 160 Hz, names as the EDF spells them ("Fc5."). */
    public static synchronized Recording recording() {
        if (recording == null) {
            try {
                recording = Readers.read(data("eeg/eegmmidb_S001R01.edf"), OpenOptions.DEFAULT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return recording;
    }

    /** The registry folder (built once per JVM). */
    public static synchronized Path registry() {
        if (registry == null) {
            try {
                Path dir = Files.createTempDirectory("neurofm-serve-test-");
                Path build = Files.createDirectory(dir.resolve("build"));
                ModelRegistry r = new ModelRegistry(dir.resolve("registry"));
                r.register(withHead(deeperBrain(build, 7)), DEEPERBRAIN);
                r.register(megGpt(build, 11), MEGGPT);
                registry = r.root();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return registry;
    }

    static ModelCard card(String title) {
        return new ModelCard(title, "Seeded weights for serving tests.", "None.", "None.",
                Map.of("test metric", 0.5), "Tests only.", "Untrained.");
    }

    static Path deeperBrain(Path dir, int seed) throws IOException {
        DeeperBrainConfig config = DeeperBrainPreset.TINY.config();
        ObjectNode hyper = JSON.createObjectNode();
        hyper.set("model", JSON.valueToTree(config));
        hyper.put("window_samples", 400);
        hyper.put("input_scale", 1e5);
        PreprocessingSpec pre = new PreprocessingSpec(200, List.of(FilterSpec.bandpass(0.5, 45, 4)),
                recording().channels().stream().map(ChannelSpec::of).toList(), null);
        DeeperBrainModel model = new DeeperBrainModel(config);
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(seed);
            model.initialize(manager);
            Path out = dir.resolve("deeperbrain-" + seed);
            new ArtifactWriter(ArtifactConfig.of("deeperbrain", "tiny", hyper), pre, card("Untrained DeeperBrain"),
                    model.block()).writeDirectory(out);
            return out;
        }
    }

    static Path megGpt(Path dir, int seed) throws IOException {
        Recording resampled = Resampling.resample(recording(), 128);
        MuLawTokenizer tokenizer = MuLawTokenizer.fit(List.of(resampled), 2);
        MegGptConfig config = new MegGptConfig(257, 128, 64, 16, 64, 4, 256, 2, 0, 0.1f, 64);
        ObjectNode hyper = JSON.createObjectNode();
        hyper.set("model", JSON.valueToTree(config));
        hyper.set("channel_vocabulary", JSON.valueToTree(resampled.channelNames()));
        hyper.put("channels_per_sample", 4);
        hyper.put("window_samples", 128);
        PreprocessingSpec pre = new PreprocessingSpec(128, List.of(),
                resampled.channels().stream().map(ChannelSpec::of).toList(), null);
        MegGptModel model = new MegGptModel(config);
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(seed);
            model.initialize(manager);
            Path out = dir.resolve("meggpt-" + seed);
            new ArtifactWriter(ArtifactConfig.of("meggpt", "tiny", hyper), pre, card("Untrained MEG-GPT"),
                    model.block()).tokenizer(tokenizer.state()).writeDirectory(out);
            return out;
        }
    }

    /** Seeded head weights [3, 64] and bias [3] for mean embeddings (d = 64). */
    public static float[][] headWeight() {
        Random random = new Random(3);
        float[][] w = new float[HEAD_CLASSES.size()][64];
        for (float[] row : w) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        return w;
    }

    public static float[] headBias() {
        return new float[] {0.1f, -0.2f, 0.05f};
    }

    /**
     * Adds heads/hands.safetensors (weight, bias) and heads/hands.json ({classes, pooling}) as the
     * fine-tuning job lays them out, and rewrites checksums.sha256 over every file.
     */
    static Path withHead(Path artifact) throws IOException {
        Path heads = Files.createDirectories(artifact.resolve("heads"));
        try (NDManager m = NDManager.newBaseManager()) {
            float[][] w = headWeight();
            float[] flat = new float[w.length * w[0].length];
            for (int k = 0; k < w.length; k++) {
                System.arraycopy(w[k], 0, flat, k * w[0].length, w[0].length);
            }
            Map<String, ai.djl.ndarray.NDArray> tensors = new LinkedHashMap<>();
            tensors.put("weight", m.create(flat, new Shape(w.length, w[0].length)));
            tensors.put("bias", m.create(headBias()));
            Safetensors.write(heads.resolve(HEAD + ".safetensors"), tensors);
        }
        ObjectNode json = JSON.createObjectNode();
        json.set("classes", JSON.valueToTree(HEAD_CLASSES));
        json.put("pooling", "mean");
        json.put("input", "pooled embedding");
        json.put("task", "test head");
        Files.writeString(heads.resolve(HEAD + ".json"), JSON.writeValueAsString(json));
        TreeMap<String, String> digests = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(artifact)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = artifact.relativize(p).toString().replace('\\', '/');
                if (!rel.equals("checksums.sha256")) {
                    digests.put(rel, Checksums.sha256(p));
                }
            }
        }
        Files.write(artifact.resolve("checksums.sha256"), Checksums.render(digests).getBytes(StandardCharsets.UTF_8));
        return artifact;
    }

    /** Channels {@code first..first+count} of the recording, samples {@code [start, start + n)}, as a client window. */
    public static SignalWindow window(int first, int count, int start, int n) {
        Recording r = recording();
        float[][] data = new float[count][n];
        for (int c = 0; c < count; c++) {
            System.arraycopy(r.channelData(first + c), start, data[c], 0, n);
        }
        return new SignalWindow(data, r.channelNames().subList(first, first + count), r.samplingRate(), null);
    }
}
