package io.neurofm.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.neurofm.family.deeperbrain.DeeperBrainModel;
import io.neurofm.family.deeperbrain.EmbeddingPooling;
import io.neurofm.nn.StateDict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoraTest {

    private static float[] pooled(DeeperBrainModel model, ParameterStore store, FineTuneData data, NDManager m) {
        NDList b = data.batch(m, data.all());
        return model.pooled(store, new NDList(b.get(0), b.get(1), b.get(2)), EmbeddingPooling.POWER, false)
                .toFloatArray();
    }

    @Test
    void adaptersStartAtZeroSoTheAdaptedModelEqualsTheBaseBitwise() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DeeperBrainModel model = TinyModels.model(manager, 4);
            LoraAdapters lora = LoraAdapters.attach(model.block(), new LoraConfig(4, 8), manager, 9);
            assertEquals(List.of("encoder.layers.0.self_attn.in_proj_weight", "encoder.layers.0.self_attn.out_proj.weight",
                    "encoder.layers.1.self_attn.in_proj_weight", "encoder.layers.1.self_attn.out_proj.weight"),
                    lora.adaptedNames());
            NDArray bIn = lora.parameters().get("encoder.layers.0.self_attn.in_proj_weight.lora_B").getArray();
            NDArray aIn = lora.parameters().get("encoder.layers.0.self_attn.in_proj_weight.lora_A").getArray();
            assertEquals(new ai.djl.ndarray.types.Shape(48, 4), bIn.getShape());
            assertEquals(new ai.djl.ndarray.types.Shape(4, 16), aIn.getShape());
            assertTrue(aIn.abs().max().getFloat() > 0 && aIn.abs().max().getFloat() <= 0.25f, "A ~ U(+-1/sqrt(16))");
            FineTuneData data = TinyModels.data(1);
            try (NDManager scope = manager.newSubManager()) {
                assertArrayEquals(pooled(model, new ParameterStore(scope, false), data, scope),
                        pooled(model, lora.store(scope), data, scope));
            }
        }
    }

    @Test
    void trainingChangesOnlyAdaptersAndHeadAndTheMergedModelMatches(@TempDir Path dir) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            DeeperBrainModel model = TinyModels.model(manager, 5);
            Map<String, byte[]> before = TinyModels.snapshot(model);
            FineTuneConfig config = FineTuneConfig.defaults(FineTuneMode.LORA, 4).withLearningRate(1e-2)
                    .withBatchSize(4).withLora(new LoraConfig(4, 8)).withPooling(EmbeddingPooling.POWER);
            FineTuner tuner = new FineTuner(model, 2, config, manager);
            List<String> expected = new ArrayList<>(tuner.lora().parameters().keySet());
            expected.addAll(List.of("head.weight", "head.bias"));
            assertEquals(expected, tuner.trainableNames());
            Map<String, byte[]> adaptersBefore = TinyModels.snapshot(tuner.lora().parameters());
            FineTuneData data = TinyModels.data(2);
            tuner.train(data);

            Map<String, byte[]> after = TinyModels.snapshot(model);
            for (String name : before.keySet()) {
                assertArrayEquals(before.get(name), after.get(name), name + " changed before merging");
            }
            Map<String, byte[]> adaptersAfter = TinyModels.snapshot(tuner.lora().parameters());
            for (String name : adaptersBefore.keySet()) {
                assertFalse(Arrays.equals(adaptersBefore.get(name), adaptersAfter.get(name)), name + " did not train");
            }

            float[] adapted;
            float[] plainBefore;
            try (NDManager scope = manager.newSubManager()) {
                adapted = pooled(model, tuner.lora().store(scope), data, scope);
                plainBefore = pooled(model, new ParameterStore(scope, false), data, scope);
            }
            assertFalse(Arrays.equals(adapted, plainBefore), "trained adapters should change the output");
            float[][] probsAdapted = tuner.probabilities(data);

            tuner.lora().merge();
            float[] merged;
            try (NDManager scope = manager.newSubManager()) {
                merged = pooled(model, new ParameterStore(scope, false), data, scope);
            }
            assertEquals(0, maxAbsDiff(adapted, merged), 1e-5);
            float[][] probsMerged = tuner.probabilities(data);
            for (int i = 0; i < probsMerged.length; i++) {
                assertEquals(0, maxAbsDiff(probsAdapted[i], probsMerged[i]), 1e-5);
            }
            // Only the adapted weights moved, and the merged model is the plain architecture.
            Map<String, byte[]> mergedWeights = TinyModels.snapshot(model);
            for (String name : before.keySet()) {
                boolean adaptedWeight = tuner.lora().adaptedNames().contains(name);
                assertEquals(adaptedWeight, !Arrays.equals(before.get(name), mergedWeights.get(name)), name);
            }
            Path file = dir.resolve("merged.safetensors");
            StateDict.save(model.block(), file);
            DeeperBrainModel fresh = TinyModels.model(manager, 77);
            assertEquals(List.copyOf(StateDict.parameters(fresh.block()).keySet()),
                    List.copyOf(StateDict.parameters(model.block()).keySet()));
            StateDict.load(fresh.block(), file);
            try (NDManager scope = manager.newSubManager()) {
                assertArrayEquals(merged, pooled(fresh, new ParameterStore(scope, false), data, scope));
            }
        }
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }
}
