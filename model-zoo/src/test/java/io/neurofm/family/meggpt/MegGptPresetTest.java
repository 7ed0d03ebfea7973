package io.neurofm.family.meggpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.neurofm.nn.StateDict;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Preset shapes and parameter counts, counted by hand against the initialised network. */
class MegGptPresetTest {

    /** One pre-LN layer: fused QKV (3d*d + 3d), out proj (d*d + d), two FF linears, two norms. */
    static long layerParameters(long d, long ff) {
        return (3 * d * d + 3 * d) + (d * d + d) + (d * ff + ff) + (ff * d + d) + 4 * d;
    }

    /** Four embedding tables, time and channel layers, final norm, head Linear(d, V). */
    static long expectedParameters(long v, long t, long channels, long sessions, long d, long ff,
                                   long layers, long channelLayers) {
        return (v + t + channels + sessions) * d
                + (layers + channelLayers) * layerParameters(d, ff)
                + 2 * d
                + (d * v + v);
    }

    static long countParameters(MegGptConfig config) {
        try (NDManager manager = NDManager.newBaseManager()) {
            MegGptModel model = new MegGptModel(config);
            model.initialize(manager);
            long total = 0;
            for (Parameter p : StateDict.parameters(model.block()).values()) {
                total += p.getArray().size();
            }
            return total;
        }
    }

    @ParameterizedTest
    @EnumSource(MegGptPreset.class)
    void parameterCountMatchesTheHandFormula(MegGptPreset preset) {
        long expected = switch (preset) {
            case TINY -> expectedParameters(65, 128, 64, 16, 64, 256, 2, 0);
            case SMALL -> expectedParameters(129, 128, 128, 128, 128, 512, 4, 0);
            case BASE -> expectedParameters(129, 80, 52, 612, 256, 1024, 5, 0);
        };
        assertEquals(expected, countParameters(preset.config()), preset.name());
    }

    @Test
    void baseHasTheIssuesTransformerShape() {
        MegGptConfig base = MegGptPreset.BASE.config();
        assertEquals(List.of(5, 256, 4, 1024),
                List.of(base.layers(), base.dModel(), base.heads(), base.ffDim()));
    }

    @Test
    void channelAttentionAddsOneLayerPerKTimeLayers() {
        MegGptConfig config = MegGptPreset.TINY.config().withChannelAttentionEvery(1);
        assertEquals(2, config.channelLayers());
        assertEquals(expectedParameters(65, 128, 64, 16, 64, 256, 2, 2), countParameters(config));
        // Five time layers with one channel layer after every second: after layers 2 and 4.
        assertEquals(2, MegGptPreset.BASE.config().withChannelAttentionEvery(2).channelLayers());
    }

    @Test
    void parameterNamesFollowThePytorchLayout() {
        List<String> names = List.copyOf(StateDict.parameters(
                new MegGptModel(MegGptFixtures.small(1)).block()).keySet());
        assertEquals(List.of("token_embedding.weight", "position_embedding.weight",
                "channel_embedding.weight", "session_embedding.weight",
                "layers.0.self_attn.in_proj_weight"), names.subList(0, 5));
        assertTrue(names.contains("channel_layers.1.linear2.bias"), names.toString());
        assertEquals(List.of("norm.weight", "norm.bias", "head.weight", "head.bias"),
                names.subList(names.size() - 4, names.size()));
    }

    @Test
    void invalidConfigsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new MegGptConfig(17, 24, 8, 4, 32, 4, 64, 2, 0, 0f, 24));
        assertThrows(IllegalArgumentException.class,
                () -> new MegGptConfig(17, 24, 8, 4, 30, 4, 64, 2, 0, 0f, 8));
        assertThrows(IllegalArgumentException.class,
                () -> new MegGptConfig(17, 24, 8, 4, 32, 4, 64, 2, -1, 0f, 8));
    }
}
