package io.neurofm.family.deeperbrain;

import static io.neurofm.family.deeperbrain.DeeperBrainFixtures.CHANNELS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Forward and backward on real EEG patches with all, no and some electrode positions. */
class DeeperBrainRealEegTest {
    private static final List<String> POSITION_PATH = List.of(
            "channel_encoding.log_tau", "channel_encoding.position_mlp.0.weight",
            "channel_encoding.position_mlp.0.bias", "channel_encoding.position_mlp.2.weight",
            "channel_encoding.position_mlp.2.bias");
    private static final String UNKNOWN = "channel_encoding.unknown_embedding";

    @Test
    void tinyPresetForwardAndBackwardWithAllPositionsKnown() {
        String[] names = {"Fc5.", "C3..", "Cz..", "O1.."};
        try (NDManager manager = NDManager.newBaseManager()) {
            DeeperBrainModel model = DeeperBrainFixtures.initialised(
                    DeeperBrainPreset.TINY.config().withStatisticsDim(4), manager, 3);
            NDList batch = DeeperBrainFixtures.batch(manager, names, DeeperBrainFixtures.allKnown(4), 2, 4, 1);
            float loss = DeeperBrainFixtures.backward(model, manager, batch);
            assertTrue(Float.isFinite(loss) && loss > 0, "loss " + loss);
            Map<String, Double> norms = DeeperBrainFixtures.gradientNorms(model);
            for (Map.Entry<String, Double> e : norms.entrySet()) {
                if (e.getKey().equals(UNKNOWN)) {
                    assertEquals(0.0, e.getValue(), "no channel is unknown, yet " + UNKNOWN + " moved");
                } else {
                    assertTrue(e.getValue() > 0, e.getKey() + " got no gradient");
                }
            }
            NDArray reconstruction = model.reconstruct(new ParameterStore(manager, false), batch);
            assertEquals(new Shape(2, 4, 4, 200), reconstruction.getShape());
        }
    }

    @Test
    void allPositionsUnknownUsesOnlyTheUnknownEmbedding() {
        String[] names = {"Fc5.", "C3..", "Cz..", "O1.."};
        try (NDManager manager = NDManager.newBaseManager()) {
            DeeperBrainModel model = DeeperBrainFixtures.initialised(DeeperBrainFixtures.small(), manager, 4);
            NDList batch = DeeperBrainFixtures.batch(manager, names, new boolean[4], 2, 4, 2);
            float loss = DeeperBrainFixtures.backward(model, manager, batch);
            assertTrue(Float.isFinite(loss), "loss " + loss);
            Map<String, Double> norms = DeeperBrainFixtures.gradientNorms(model);
            for (String name : POSITION_PATH) {
                assertEquals(0.0, norms.get(name), name + " took part although no position is known");
            }
            assertTrue(norms.get(UNKNOWN) > 0, UNKNOWN + " got no gradient");
            assertTrue(norms.get("encoder.layers.0.linear1.weight") > 0);

            // The positions of unknown channels are ignored: other values give the same output.
            float[] before = DeeperBrainFixtures.hidden(model, manager, batch);
            NDList moved = new NDList(batch.get(0), batch.get(1).add(0.05f), batch.get(2), batch.get(3));
            assertArrayEquals(before, DeeperBrainFixtures.hidden(model, manager, moved), 0f);
        }
    }

    @Test
    void anyChannelSubsetAndMixedKnownPositionsAreAccepted() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DeeperBrainModel model = DeeperBrainFixtures.initialised(DeeperBrainFixtures.small(), manager, 5);
            ParameterStore store = new ParameterStore(manager, false);
            // Six channels, then three of them, then two others with one position unknown: the
            // same weights serve every set, since channels are described by positions only.
            String[][] sets = {CHANNELS, {"Cz..", "Pz..", "O1.."}, {"C4..", "Fc5."}};
            boolean[][] known = {DeeperBrainFixtures.allKnown(6), DeeperBrainFixtures.allKnown(3),
                    {true, false}};
            for (int i = 0; i < sets.length; i++) {
                NDList batch = DeeperBrainFixtures.batch(manager, sets[i], known[i], 1, 3, 10 + i);
                float loss = DeeperBrainFixtures.backward(model, manager, batch);
                assertTrue(Float.isFinite(loss), "set " + i + ": loss " + loss);
                DeeperBrainEmbeddings e = model.embed(store, batch, EmbeddingPooling.POWER);
                assertEquals(new Shape(1, sets[i].length, 64), e.perChannel().getShape());
                assertEquals(new Shape(1, 64), e.pooled().getShape());
                for (float v : e.pooled().toFloatArray()) {
                    assertTrue(Float.isFinite(v));
                }
            }
            DeeperBrainFixtures.gradientNorms(model);
        }
    }

    @Test
    void tinyModelReducesReconstructionLossOnRealPatches() {
        String[] names = {"Fc5.", "C3..", "Cz..", "O1.."};
        try (NDManager manager = NDManager.newBaseManager()) {
            DeeperBrainConfig config = DeeperBrainPreset.TINY.config().withStatisticsDim(4)
                    .withNspWeight(0f).withDropout(0f);
            DeeperBrainModel model = DeeperBrainFixtures.initialised(config, manager, 6);
            NDList batch = DeeperBrainFixtures.batch(manager, names, DeeperBrainFixtures.allKnown(4), 2, 4, 3);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(3e-3f)).build();
            float first = DeeperBrainFixtures.step(model, adam, manager, batch);
            float last = first;
            for (int i = 1; i < 30; i++) {
                last = DeeperBrainFixtures.step(model, adam, manager, batch);
            }
            System.out.printf("DeeperBrain TINY reconstruction loss: %.4f -> %.4f in 30 steps%n", first, last);
            assertTrue(last < 0.6f * first, "loss " + first + " -> " + last + " after 30 steps");
        }
    }
}
