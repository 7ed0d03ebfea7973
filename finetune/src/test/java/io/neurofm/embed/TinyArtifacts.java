package io.neurofm.embed;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.neurofm.artifact.ArtifactConfig;
import io.neurofm.artifact.ArtifactWriter;
import io.neurofm.artifact.ChannelSpec;
import io.neurofm.artifact.FilterSpec;
import io.neurofm.artifact.ModelCard;
import io.neurofm.artifact.PreprocessingSpec;
import io.neurofm.family.deeperbrain.DeeperBrainConfig;
import io.neurofm.family.deeperbrain.DeeperBrainModel;
import io.neurofm.family.deeperbrain.DeeperBrainPreset;
import io.neurofm.montage.ChannelMap;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The shared Graz recording and seeded, untrained DeeperBrain tiny artifacts written with the real writer. */
final class TinyArtifacts {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TinyArtifacts() {
    }

    static Path graz() {
        String configured = System.getProperty("neurofm.data");
        Path root = (configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "data"))
                .toAbsolutePath().normalize();
        Path file = root.resolve("eeg/graz_mi_left_right.gdf");
        assertTrue(Files.isRegularFile(file), "shared data file missing: " + file);
        return file;
    }

    static ChannelMap grazMap() throws IOException {
        return InputFiles.channelMap("resource:graz_sample_channels.tsv");
    }

    /** DeeperBrain tiny, 200 Hz, 2 s windows, 0.5-45 Hz band-pass, input_scale 1e5 (V to 10 uV units). */
    static Path deeperBrain(Path dir, int seed) throws IOException {
        DeeperBrainConfig config = DeeperBrainPreset.TINY.config();
        ObjectNode hyper = JSON.createObjectNode();
        hyper.set("model", JSON.valueToTree(config));
        hyper.put("window_samples", 400);
        hyper.put("input_scale", 1e5);
        Recording graz = grazMap().apply(Readers.read(graz(), OpenOptions.DEFAULT));
        PreprocessingSpec pre = new PreprocessingSpec(200, List.of(FilterSpec.bandpass(0.5, 45, 4)),
                graz.channels().stream().map(ChannelSpec::of).toList(), null);
        ModelCard card = new ModelCard("Untrained test model", "Seeded weights for tests.", "None.", "None.",
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
