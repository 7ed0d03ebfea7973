package io.neurofm.inference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.neurofm.artifact.ArtifactConfig;
import io.neurofm.artifact.ArtifactWriter;
import io.neurofm.artifact.ChannelSpec;
import io.neurofm.artifact.FilterSpec;
import io.neurofm.artifact.ModelCard;
import io.neurofm.artifact.PreprocessingSpec;
import io.neurofm.dsp.Resampling;
import io.neurofm.family.deeperbrain.DeeperBrainConfig;
import io.neurofm.family.deeperbrain.DeeperBrainModel;
import io.neurofm.family.deeperbrain.DeeperBrainPreset;
import io.neurofm.family.meggpt.MegGptConfig;
import io.neurofm.family.meggpt.MegGptModel;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import io.neurofm.tokenize.MuLawTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Seeded, untrained artifacts of both EEG families, written with the real writer from the real EDF's channels. */
final class InferenceFixtures {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static Recording recording;

    private InferenceFixtures() {}

    static Path data(String relative) {
        String configured = System.getProperty("neurofm.data");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "data");
        Path file = root.resolve(relative).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(file), "shared data file missing: " + file);
        return file;
    }

    /** eegmmidb S001R01 as read: 64 EEG channels at 160 Hz, names as the EDF spells them ("Fc5."). */
    static synchronized Recording recording() throws IOException {
        if (recording == null) {
            recording = Readers.read(data("eeg/eegmmidb_S001R01.edf"), OpenOptions.DEFAULT);
        }
        return recording;
    }

    static ModelCard card() {
        return new ModelCard("Untrained test model", "Seeded weights for inference tests.", "None.", "None.",
                Map.of(), "Tests only.", "Untrained.");
    }

    /** DeeperBrain tiny, 200 Hz, 2 s windows, 0.5-45 Hz band-pass, input_scale 1e5 (V to 10 uV units). */
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
            new ArtifactWriter(ArtifactConfig.of("deeperbrain", "tiny", hyper), pre, card(), model.block())
                    .writeDirectory(out);
            return out;
        }
    }

    /** MEG-GPT tiny over mu-law tokens of the EDF at 128 Hz, T = 128, its 64 channel names as the table. */
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
            new ArtifactWriter(ArtifactConfig.of("meggpt", "tiny", hyper), pre, card(), model.block())
                    .tokenizer(tokenizer.state())
                    .writeDirectory(out);
            return out;
        }
    }

    /** Channels {@code from..from+count} of the recording, samples {@code [start, start + n)}, as a client window. */
    static SignalWindow window(Recording r, int firstChannel, int channels, int start, int n) {
        float[][] data = new float[channels][n];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(r.channelData(firstChannel + c), start, data[c], 0, n);
        }
        return new SignalWindow(data, r.channelNames().subList(firstChannel, firstChannel + channels),
                r.samplingRate(), null);
    }
}
