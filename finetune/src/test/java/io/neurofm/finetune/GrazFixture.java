package io.neurofm.finetune;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.neurofm.artifact.ArtifactConfig;
import io.neurofm.artifact.ArtifactWriter;
import io.neurofm.artifact.ChannelSpec;
import io.neurofm.artifact.FilterSpec;
import io.neurofm.artifact.ModelCard;
import io.neurofm.artifact.PreprocessingSpec;
import io.neurofm.family.deeperbrain.DeeperBrainConfig;
import io.neurofm.family.deeperbrain.DeeperBrainModel;
import io.neurofm.montage.ChannelMap;
import io.neurofm.probe.GrazData;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The shared Graz recording with the bundled channel map (Channel 1/2/3 = C3/Cz/C4), and a
 * randomly initialised tiny DeeperBrain artifact (200 Hz, 0.5-40 Hz band-pass, 0.5 s patches)
 * whose input_scale is 1 / RMS of those three channels in volts.
 */
final class GrazFixture {
    static final List<String> CHANNELS = List.of("C3", "Cz", "C4");
    static final Map<String, String> EVENTS = GrazData.events();

    private GrazFixture() {
    }

    static Recording recording() throws Exception {
        Recording raw = Readers.read(GrazData.file(), OpenOptions.DEFAULT);
        return ChannelMap.resource("/io/neurofm/montage/graz_sample_channels.tsv").apply(raw);
    }

    static double inputScale(Recording r) {
        double ss = 0;
        long n = 0;
        for (String name : CHANNELS) {
            for (float v : r.channelData(r.indexOf(name))) {
                ss += (double) v * v;
                n++;
            }
        }
        return 1 / Math.sqrt(ss / n);
    }

    static DeeperBrainConfig config(int dModel, int layers) {
        return new DeeperBrainConfig(100, dModel, 2, 2 * dModel, layers, 4, 4, 4, 1f, 0.5f, 0.03f, 0.1f);
    }

    /** Writes a random-init artifact (seed) at {@code target}. */
    static Path artifact(Path target, Recording r, DeeperBrainConfig config, int seed) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(seed);
            DeeperBrainModel model = new DeeperBrainModel(config);
            model.initialize(manager);
            List<ChannelSpec> channels = CHANNELS.stream().map(n -> ChannelSpec.of(r.channel(r.indexOf(n)))).toList();
            PreprocessingSpec pre = new PreprocessingSpec(200, List.of(FilterSpec.bandpass(0.5, 40, 4)), channels, null);
            ModelCard card = new ModelCard("Tiny DeeperBrain (random init)", "Randomly initialised, for tests.",
                    "None: random initialisation.", "None.", Map.of(), "Tests only.", "Not trained.");
            ArtifactConfig ac = ArtifactConfig.of(DeeperBrainArtifacts.FAMILY, "test",
                    DeeperBrainArtifacts.hyperparameters(config, 600, inputScale(r)));
            return new ArtifactWriter(ac, pre, card, model.block()).writeDirectory(target);
        }
    }
}
