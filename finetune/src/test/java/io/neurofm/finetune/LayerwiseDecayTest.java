package io.neurofm.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.neurofm.family.deeperbrain.DeeperBrainModel;
import io.neurofm.nn.StateDict;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayerwiseDecayTest {

    @Test
    void depthsAndMultipliersFollowTheLayerIndex() {
        // L = 2 encoder layers: embeddings depth 0, layers 1..2, norm and head 3; multiplier 0.5^(3 - depth).
        assertEquals(0.125, LayerwiseDecay.scale("mask_token", 2, 0.5));
        assertEquals(0.125, LayerwiseDecay.scale("patch_embedding.time.weight", 2, 0.5));
        assertEquals(0.125, LayerwiseDecay.scale("channel_encoding.log_tau", 2, 0.5));
        assertEquals(0.125, LayerwiseDecay.scale("temporal_encoding.proj.bias", 2, 0.5));
        assertEquals(0.25, LayerwiseDecay.scale("encoder.layers.0.linear1.weight", 2, 0.5));
        assertEquals(0.5, LayerwiseDecay.scale("encoder.layers.1.self_attn.in_proj_weight", 2, 0.5));
        assertEquals(0.5, LayerwiseDecay.scale("encoder.layers.1.self_attn.in_proj_weight.lora_B", 2, 0.5));
        assertEquals(1.0, LayerwiseDecay.scale("encoder.norm.weight", 2, 0.5));
        assertEquals(1.0, LayerwiseDecay.scale("head.weight", 2, 0.5));
        assertEquals(1.0, LayerwiseDecay.scale("encoder.layers.0.linear1.weight", 2, 1.0));
        assertEquals(0.75 * 0.75 * 0.75 * 0.75, LayerwiseDecay.scale("encoder.layers.8.norm1.bias", 12, 0.75), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> LayerwiseDecay.scale("encoder.layers.2.linear1.weight", 2, 0.5));
        assertThrows(IllegalArgumentException.class, () -> LayerwiseDecay.scale("head.weight", 2, 0));
    }

    /**
     * Adam's first step moves an element by lr * g / (|g| + eps), so with weight decay off the
     * largest move of each parameter is its own learning rate (to float rounding).
     */
    @Test
    void eachParameterTakesItsFirstAdamStepAtItsOwnRate() throws Exception {
        double lr = 1e-2;
        try (NDManager manager = NDManager.newBaseManager()) {
            DeeperBrainModel model = TinyModels.model(manager, 3);
            FineTuner tuner = new FineTuner(model, 2, FineTuneConfig.defaults(FineTuneMode.FULL, 1)
                    .withLearningRate(lr).withLayerDecay(0.5).withWeightDecay(0).withBatchSize(12), manager);
            LinkedHashMap<String, Parameter> all = new LinkedHashMap<>(StateDict.parameters(model.block()));
            StateDict.parameters(tuner.head()).forEach((n, p) -> all.put("head." + n, p));
            Map<String, float[]> before = new LinkedHashMap<>();
            for (String name : tuner.trainableNames()) {
                assertEquals(LayerwiseDecay.scale(name, 2, 0.5), tuner.optimizer().lrScale(name), name);
                before.put(name, all.get(name).getArray().toFloatArray());
            }
            FineTuneData data = TinyModels.data(5);
            tuner.step(data, data.all());
            for (String name : tuner.trainableNames()) {
                float[] w0 = before.get(name);
                float[] w1 = all.get(name).getArray().toFloatArray();
                double largest = 0;
                for (int i = 0; i < w0.length; i++) {
                    largest = Math.max(largest, Math.abs((double) w1[i] - w0[i]));
                }
                double expected = lr * LayerwiseDecay.scale(name, 2, 0.5);
                assertEquals(expected, largest, 1e-3 * expected, name);
            }
        }
    }
}
