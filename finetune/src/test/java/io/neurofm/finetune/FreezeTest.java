package io.neurofm.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.neurofm.family.deeperbrain.DeeperBrainModel;
import io.neurofm.nn.StateDict;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Head-only training must leave the backbone bit-identical; full training must move it. */
class FreezeTest {

    @Test
    void headOnlyLeavesEveryBackboneParameterBitIdenticalWhileTheHeadLearns() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            DeeperBrainModel model = TinyModels.model(manager, 1);
            Map<String, byte[]> before = TinyModels.snapshot(model);
            FineTuner tuner = new FineTuner(model, 2, FineTuneConfig.defaults(FineTuneMode.HEAD, 4)
                    .withLearningRate(1e-2).withBatchSize(4), manager);
            assertEquals(List.of("head.weight", "head.bias"), tuner.trainableNames());
            Map<String, byte[]> headBefore = TinyModels.snapshot(StateDict.parameters(tuner.head()));

            double[] losses = tuner.train(TinyModels.data(7));

            Map<String, byte[]> after = TinyModels.snapshot(model);
            assertEquals(before.keySet(), after.keySet());
            for (String name : before.keySet()) {
                assertArrayEquals(before.get(name), after.get(name), name + " changed in head-only training");
            }
            for (Parameter p : StateDict.parameters(model.block()).values()) {
                assertFalse(p.requiresGradient(), p.getName() + " still requires a gradient");
            }
            Map<String, byte[]> headAfter = TinyModels.snapshot(StateDict.parameters(tuner.head()));
            for (String name : headBefore.keySet()) {
                assertFalse(Arrays.equals(headBefore.get(name), headAfter.get(name)), "head " + name + " did not change");
            }
            assertTrue(losses[losses.length - 1] < losses[0], "loss " + Arrays.toString(losses));
        }
    }

    @Test
    void fullTrainingMovesEveryUsedBackboneParameterAndNoUnusedOne() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            DeeperBrainModel model = TinyModels.model(manager, 2);
            Map<String, byte[]> before = TinyModels.snapshot(model);
            FineTuner tuner = new FineTuner(model, 2, FineTuneConfig.defaults(FineTuneMode.FULL, 2)
                    .withLearningRate(1e-3).withBatchSize(4), manager);
            tuner.train(TinyModels.data(7));
            Map<String, byte[]> after = TinyModels.snapshot(model);
            List<String> trained = tuner.trainableNames();
            for (String name : before.keySet()) {
                boolean unused = name.equals("mask_token") || name.startsWith("reconstruction_head.")
                        || name.startsWith("statistics_head.");
                assertEquals(!unused, trained.contains(name), name);
                if (unused) {
                    assertArrayEquals(before.get(name), after.get(name), name + " is not used by the classifier");
                } else {
                    assertFalse(Arrays.equals(before.get(name), after.get(name)), name + " did not change in full training");
                }
            }
        }
    }
}
