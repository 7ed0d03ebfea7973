package io.neurofm.family.brainharmonix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.neurofm.family.Pretrainable;
import io.neurofm.tokenize.TokenBatch;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Forward and backward of every stage on real fMRI (mixed TRs) and T1 data. */
class BrainHarmonixRealDataTest {
    @Test
    void mixedTrBatchIsPaddedAsExpected() {
        TokenBatch tokens = HarmonixFixtures.fmriTokens();
        // round(35.28 / 1.89) = 19, round(35.28 / 2.94) = 12 volumes per token.
        assertEquals(19, tokens.lengths()[0]);
        assertEquals(12, tokens.lengths()[1]);
        assertEquals(8, tokens.vectors()[0].length);
        assertEquals(8, tokens.vectors()[0][0].length);
        // 120 = 6 * 19 + 6: token 6 is partial; 90 = 7 * 12 + 6: token 7 is partial.
        assertTrue(tokens.valid()[0][0][5] && !tokens.valid()[0][0][6] && !tokens.valid()[0][0][7]);
        assertTrue(tokens.valid()[1][0][6] && !tokens.valid()[1][0][7]);
    }

    @Test
    void jepaStageForwardAndBackward() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BrainHarmonixModel model = HarmonixFixtures.tiny(manager, 1);
            Pretrainable jepa = model.stage(Stage.FMRI_JEPA);
            float loss = HarmonixFixtures.backward(jepa, manager, HarmonixFixtures.fmriBatch(manager, 7));
            assertTrue(Float.isFinite(loss) && loss > 0, "loss " + loss);
            Map<String, Double> norms = HarmonixFixtures.gradientNorms(jepa.block());
            for (Map.Entry<String, Double> e : norms.entrySet()) {
                if (e.getKey().endsWith("unknown_position") || !e.getKey().startsWith("fmri_")) {
                    continue;
                }
                assertTrue(e.getValue() > 0, e.getKey() + " got no gradient");
            }
            assertTrue(norms.get("fmri_encoder.position.unknown_position") > 0, "no ROI position is known");
            io.neurofm.nn.StateDict.parameters(model.network()).forEach((name, p) -> {
                if (name.startsWith("fmri_target_encoder.")) {
                    assertFalse(p.requiresGradient(), name + " is trainable");
                }
            });
        }
    }

    @Test
    void maeStageForwardAndBackward() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BrainHarmonixModel model = HarmonixFixtures.tiny(manager, 2);
            Pretrainable mae = model.stage(Stage.T1_MAE);
            NDList batch = HarmonixFixtures.t1Batch(manager, 3);
            float loss = HarmonixFixtures.backward(mae, manager, batch);
            assertTrue(Float.isFinite(loss) && loss > 0, "loss " + loss);
            HarmonixFixtures.gradientNorms(mae.block()).forEach((name, norm) ->
                    assertTrue(norm > 0, name + " got no gradient"));
            NDArray reconstruction = model.reconstructT1(new ParameterStore(manager, false), batch, false);
            assertEquals(new Shape(2, 64, 512), reconstruction.getShape());
        }
    }

    @Test
    void fusionStageTrainsOnlyFusionAndGivesHubEmbeddings() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BrainHarmonixModel model = HarmonixFixtures.tiny(manager, 3);
            Pretrainable fusion = model.stage(Stage.FUSION);
            NDList batch = HarmonixFixtures.fusionBatch(manager);
            float loss = HarmonixFixtures.backward(fusion, manager, batch);
            assertTrue(Float.isFinite(loss) && loss > 0, "loss " + loss);
            HarmonixFixtures.gradientNorms(fusion.block()).forEach((name, norm) ->
                    assertTrue(norm > 0, name + " got no gradient"));
            // The encoders' outputs enter without gradient: the T1 encoder (trainable in its own
            // stage) receives exactly none from the fusion loss.
            HarmonixFixtures.gradientNorms(model.stage(Stage.T1_MAE).block()).forEach((name, norm) ->
                    assertEquals(0.0, norm, name + " got gradient from the fusion loss"));

            ParameterStore store = new ParameterStore(manager, false);
            HarmonixEmbeddings mean = model.embed(store, batch, HubPooling.MEAN);
            assertEquals(new Shape(2, 8, 64), mean.hubs().getShape());
            assertEquals(new Shape(2, 64), mean.pooled().getShape());
            HarmonixEmbeddings flat = model.embed(store, batch, HubPooling.FLATTEN);
            assertEquals(new Shape(2, 8 * 64), flat.pooled().getShape());
            float[] hubs = mean.hubs().toFloatArray();
            float[] pooled = mean.pooled().toFloatArray();
            for (int b = 0; b < 2; b++) {
                for (int j = 0; j < 64; j++) {
                    double sum = 0;
                    for (int h = 0; h < 8; h++) {
                        sum += hubs[(b * 8 + h) * 64 + j];
                    }
                    assertEquals(sum / 8, pooled[b * 64 + j], 1e-6);
                }
            }
        }
    }
}
