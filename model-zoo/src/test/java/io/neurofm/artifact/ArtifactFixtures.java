package io.neurofm.artifact;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.neurofm.dsp.Scaler;
import io.neurofm.dsp.ScalingMethod;
import io.neurofm.dsp.ScalingStats;
import io.neurofm.montage.Montage;
import io.neurofm.montage.StandardMontage;
import io.neurofm.nn.LayerNormalization;
import io.neurofm.nn.TransformerConfig;
import io.neurofm.nn.TransformerStack;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import io.neurofm.tokenize.TokenizerState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A small real artifact: a seeded d=16 one-layer transformer, the eegmmidb EDF's channels and statistics. */
final class ArtifactFixtures {
    static final Shape INPUT = new Shape(2, 5, 16);
    static final TransformerConfig CONFIG = new TransformerConfig(16, 2, 32, 0f, false);
    static final Instant CREATED = Instant.parse("2026-04-12T10:00:00Z");
    private static Recording recording;

    private ArtifactFixtures() {
    }

    static Path data(String relative) {
        String configured = System.getProperty("neurofm.data");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "data");
        Path file = root.resolve(relative).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(file), "shared data file missing: " + file);
        return file;
    }

    /** The eegmmidb recording with 10-10 positions (read once per test JVM). */
    static synchronized Recording recording() throws IOException {
        if (recording == null) {
            Recording raw = Readers.read(data("eeg/eegmmidb_S001R01.edf"), OpenOptions.DEFAULT);
            recording = Montage.applyStandard(raw, StandardMontage.TEN_TEN).recording();
        }
        return recording;
    }

    static TransformerStack stack(NDManager manager, int seed) {
        manager.getEngine().setRandomSeed(seed);
        TransformerStack stack = new TransformerStack(CONFIG, 1, true);
        stack.initialize(manager, DataType.FLOAT32, INPUT);
        return stack;
    }

    static LayerNormalization head(NDManager manager) {
        LayerNormalization head = new LayerNormalization(16);
        head.initialize(manager, DataType.FLOAT32, INPUT);
        return head;
    }

    static NDArray forward(Block block, NDManager manager, NDArray x) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), false).head();
    }

    static ArtifactConfig config() {
        ObjectNode hp = JsonMapper.builder().build().createObjectNode();
        hp.put("dModel", CONFIG.dModel());
        hp.put("heads", CONFIG.heads());
        hp.put("ffDim", CONFIG.ffDim());
        hp.put("layers", 1);
        hp.put("finalNorm", true);
        return new ArtifactConfig("transformer-test", "tiny", hp, NeurofmVersion.current(), CREATED);
    }

    static PreprocessingSpec preprocessing() throws IOException {
        Recording r = recording();
        ScalingStats stats = Scaler.fit(r, ScalingMethod.ROBUST);
        return PreprocessingSpec.of(r, List.of(FilterSpec.bandpass(0.5, 40, 4), FilterSpec.notch(60, 30, false)),
                stats);
    }

    static ModelCard card() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("reconstruction MSE | held-out", 0.125);
        metrics.put("training steps", 0.0);
        return new ModelCard("Tiny test transformer", "A one-layer d=16 transformer used to test the artifact format.",
                "No training: seeded initial weights. Channels from PhysioNet eegmmidb S001R01.",
                "None (untrained).", metrics, "Tests of the artifact format and registry only.",
                "Not a trained model; its outputs mean nothing.");
    }

    static TokenizerState tokenizer() {
        ObjectNode config = JsonMapper.builder().build().createObjectNode();
        config.put("samplingRate", 160.0);
        config.put("bins", 4);
        Map<String, TokenizerState.Tensor> tensors = new LinkedHashMap<>();
        tensors.put("edges", TokenizerState.Tensor.vector(new float[] {-1f, 0f, 1f}));
        return new TokenizerState("test", config, tensors);
    }

    /** A writer for the full artifact: weights, preprocessing, card, tokenizer and one head. */
    static ArtifactWriter writer(NDManager manager, TransformerStack stack) throws IOException {
        return new ArtifactWriter(config(), preprocessing(), card(), stack)
                .tokenizer(tokenizer())
                .head("norm", head(manager));
    }
}
