package io.neurofm.family.deeperbrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.neurofm.nn.StateDict;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Preset shapes and parameter counts, counted by hand against the initialised network. */
class DeeperBrainPresetTest {

    /** One pre-LN layer: fused QKV (3d*d + 3d), out proj (d*d + d), two FF linears, two norms. */
    static long layerParameters(long d, long ff) {
        return (3 * d * d + 3 * d) + (d * d + d) + (d * ff + ff) + (ff * d + d) + 4 * d;
    }

    static long expectedParameters(long l, long d, long ff, long layers, long k, long e, long stats) {
        long maskToken = d;
        long patch = (l * d + d) + ((l / 2 + 1) * d + d);           // waveform and spectrum Linears
        long channel = 1 + d + (3 * d + d) + (d * d + d);            // log_tau, unknown, MLP 3->d->d
        long temporal = k + e + ((2 * k + e) * d + d);               // frequencies, log_tau, proj
        long encoder = layers * layerParameters(d, ff) + 2 * d;      // layers and final norm
        long reconstruction = d * l + l;
        long statistics = (d * d + d) + (d * stats + stats);
        return maskToken + patch + channel + temporal + encoder + reconstruction + statistics;
    }

    static long countParameters(DeeperBrainConfig config) {
        try (NDManager manager = NDManager.newBaseManager()) {
            DeeperBrainModel model = new DeeperBrainModel(config);
            model.initialize(manager);
            long total = 0;
            for (Parameter p : StateDict.parameters(model.block()).values()) {
                total += p.getArray().size();
            }
            return total;
        }
    }

    @ParameterizedTest
    @EnumSource(DeeperBrainPreset.class)
    void parameterCountMatchesTheHandFormula(DeeperBrainPreset preset) {
        long expected = switch (preset) {
            case TINY -> expectedParameters(200, 64, 256, 2, 8, 8, 16);
            case SMALL -> expectedParameters(200, 128, 512, 4, 8, 8, 16);
            case BASE -> expectedParameters(200, 200, 800, 12, 8, 8, 16);
        };
        long counted = countParameters(preset.config());
        System.out.println("DeeperBrain " + preset + " parameters: " + counted);
        assertEquals(expected, counted, preset.name());
    }

    @Test
    void baseHasTheIssuesEncoderShape() {
        DeeperBrainConfig base = DeeperBrainPreset.BASE.config();
        assertEquals(List.of(12, 200, 8), List.of(base.layers(), base.dModel(), base.heads()));
        assertEquals(0.5f, base.maskRatio());
        assertEquals(200, base.patchLength());
    }

    @Test
    void parameterNamesFollowThePytorchLayout() {
        List<String> names = List.copyOf(StateDict.parameters(
                new DeeperBrainModel(DeeperBrainFixtures.small()).block()).keySet());
        assertEquals(List.of("mask_token", "patch_embedding.time.weight", "patch_embedding.time.bias",
                "patch_embedding.spectrum.weight", "patch_embedding.spectrum.bias",
                "channel_encoding.log_tau", "channel_encoding.unknown_embedding",
                "channel_encoding.position_mlp.0.weight", "channel_encoding.position_mlp.0.bias",
                "channel_encoding.position_mlp.2.weight", "channel_encoding.position_mlp.2.bias",
                "temporal_encoding.frequencies", "temporal_encoding.log_tau",
                "temporal_encoding.proj.weight", "temporal_encoding.proj.bias",
                "encoder.layers.0.self_attn.in_proj_weight"), names.subList(0, 16));
        assertEquals(List.of("encoder.norm.weight", "encoder.norm.bias",
                "reconstruction_head.weight", "reconstruction_head.bias",
                "statistics_head.0.weight", "statistics_head.0.bias",
                "statistics_head.2.weight", "statistics_head.2.bias"),
                names.subList(names.size() - 8, names.size()));
    }

    @Test
    void invalidConfigsAreRefused() {
        DeeperBrainConfig ok = DeeperBrainFixtures.small();
        assertThrows(IllegalArgumentException.class, () -> ok.withNspWeight(-1f));
        assertThrows(IllegalArgumentException.class, () -> ok.withStatisticsDim(0));
        assertThrows(IllegalArgumentException.class,
                () -> new DeeperBrainConfig(200, 30, 4, 64, 2, 4, 4, 4, 1f, 0.5f, 0.03f, 0f));
        assertThrows(IllegalArgumentException.class,
                () -> new DeeperBrainConfig(200, 32, 4, 64, 2, 4, 4, 4, 1f, 1f, 0.03f, 0f));
        assertThrows(IllegalArgumentException.class,
                () -> new DeeperBrainConfig(200, 32, 4, 64, 2, 4, 4, 4, 1f, 0.5f, 0f, 0f));
    }
}
