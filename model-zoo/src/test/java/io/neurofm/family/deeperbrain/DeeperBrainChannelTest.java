package io.neurofm.family.deeperbrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.neurofm.nn.StateDict;
import org.junit.jupiter.api.Test;

/** The volume-conduction kernel, its learnable length, and channel-permutation equivariance. */
class DeeperBrainChannelTest {

    @Test
    void kernelRowsSumToOneOverKnownChannelsAndMatchTheFormula() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DeeperBrainModel model = DeeperBrainFixtures.initialised(DeeperBrainFixtures.small(), manager, 12);
            ParameterStore store = new ParameterStore(manager, false);
            // Two channels 4 cm apart, a third unknown (its position must not matter).
            NDArray positions = manager.create(new float[] {0, 0, 0.08f, 0.04f, 0, 0.08f, 9, 9, 9},
                    new Shape(1, 3, 3));
            NDArray known = manager.create(new float[] {1, 1, 0}, new Shape(1, 3));
            float[] w = model.network().conductionWeights(store, positions, known).toFloatArray();
            double e = Math.exp(-0.04 / 0.03);
            assertEquals(1 / (1 + e), w[0], 1e-6);
            assertEquals(e / (1 + e), w[1], 1e-6);
            assertEquals(0f, w[2], 0f);
            assertEquals(e / (1 + e), w[3], 1e-6);
            assertEquals(0f, w[5], 0f);

            float[] real = model.network().conductionWeights(store,
                    manager.create(flat(DeeperBrainFixtures.positions(DeeperBrainFixtures.CHANNELS)),
                            new Shape(1, 6, 3)),
                    manager.create(new float[] {1, 1, 0, 1, 1, 0}, new Shape(1, 6))).toFloatArray();
            for (int i = 0; i < 6; i++) {
                if (i == 2 || i == 5) {
                    continue;
                }
                double sum = 0;
                for (int j = 0; j < 6; j++) {
                    sum += real[i * 6 + j];
                    assertTrue(real[i * 6 + j] >= 0);
                }
                assertEquals(1.0, sum, 1e-6, "row " + i);
                assertEquals(0f, real[i * 6 + 2], 0f);
                assertEquals(0f, real[i * 6 + 5], 0f);
            }
        }
    }

    private static float[] flat(io.neurofm.signal.Position[] positions) {
        float[] out = new float[positions.length * 3];
        for (int i = 0; i < positions.length; i++) {
            out[3 * i] = (float) positions[i].x();
            out[3 * i + 1] = (float) positions[i].y();
            out[3 * i + 2] = (float) positions[i].z();
        }
        return out;
    }

    @Test
    void tauIsLearnable() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DeeperBrainModel model = DeeperBrainFixtures.initialised(DeeperBrainFixtures.small(), manager, 13);
            NDList batch = DeeperBrainFixtures.batch(manager, DeeperBrainFixtures.CHANNELS,
                    DeeperBrainFixtures.allKnown(6), 1, 3, 4);
            NDArray logTau = StateDict.parameters(model.block()).get("channel_encoding.log_tau").getArray();
            float before = logTau.getFloat();
            assertEquals(Math.log(0.03), before, 1e-6);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-2f)).build();
            DeeperBrainFixtures.backward(model, manager, batch);
            assertNotEquals(0f, logTau.getGradient().getFloat(), "log_tau got no gradient");
            logTau.getGradient().muli(0);
            DeeperBrainFixtures.step(model, adam, manager, batch);
            assertNotEquals(before, logTau.getFloat(), "tau did not move");
        }
    }

    @Test
    void permutingChannelsPermutesPerChannelOutputs() {
        String[] names = DeeperBrainFixtures.CHANNELS;
        int[] permutation = {3, 0, 5, 1, 4, 2};
        String[] permuted = new String[names.length];
        boolean[] known = {true, true, false, true, true, true};
        boolean[] knownPermuted = new boolean[names.length];
        for (int i = 0; i < names.length; i++) {
            permuted[i] = names[permutation[i]];
            knownPermuted[i] = known[permutation[i]];
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            DeeperBrainModel model = DeeperBrainFixtures.initialised(DeeperBrainFixtures.small(), manager, 14);
            ParameterStore store = new ParameterStore(manager, false);
            NDList original = DeeperBrainFixtures.batch(manager, names, known, 1, 3, 7);
            NDList reordered = DeeperBrainFixtures.batch(manager, permuted, knownPermuted, 1, 3, 7);
            // Use the same mask, permuted, so the inputs are exactly the permuted inputs.
            NDArray index = manager.create(permutation);
            NDList aligned = new NDList(reordered.get(0), reordered.get(1), reordered.get(2),
                    original.get(3).get(":, {}", index), reordered.get(4));
            assertEquals(0f, reordered.get(0).sub(original.get(0).get(":, {}", index)).abs().max().getFloat());

            NDArray a = model.reconstruct(store, original).get(":, {}", index);
            NDArray b = model.reconstruct(store, aligned);
            assertTrue(a.sub(b).abs().max().getFloat() < 1e-5f, "reconstruction not equivariant");
            for (EmbeddingPooling pooling : EmbeddingPooling.values()) {
                DeeperBrainEmbeddings ea = model.embed(store, original, pooling);
                DeeperBrainEmbeddings eb = model.embed(store, aligned, pooling);
                float diff = ea.perChannel().get(":, {}", index).sub(eb.perChannel()).abs().max().getFloat();
                // The log of a small variance (over only 3 patches, down to e^-8) magnifies float
                // rounding of the differently ordered sums: measured 2.4e-7 (MEAN), 2.0e-5 (POWER).
                float tolerance = pooling == EmbeddingPooling.MEAN ? 1e-5f : 1e-4f;
                assertTrue(diff < tolerance, pooling + " per-channel embedding not equivariant: " + diff);
                assertTrue(ea.pooled().sub(eb.pooled()).abs().max().getFloat() < 1e-5f,
                        pooling + " pooled embedding not invariant");
            }
            float la = model.loss(store, original, false).getFloat();
            float lb = model.loss(store, aligned, false).getFloat();
            assertEquals(la, lb, 1e-5f * la);
        }
    }

    @Test
    void nonFinitePositionsAndWrongShapesAreRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DeeperBrainModel model = DeeperBrainFixtures.initialised(DeeperBrainFixtures.small(), manager, 15);
            ParameterStore store = new ParameterStore(manager, false);
            NDList batch = DeeperBrainFixtures.batch(manager, new String[] {"Cz..", "Pz.."},
                    DeeperBrainFixtures.allKnown(2), 1, 2, 1);
            NDArray nan = batch.get(1).duplicate();
            nan.set(new ai.djl.ndarray.index.NDIndex("0, 0, 0"), Float.NaN);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                    model.loss(store, new NDList(batch.get(0), nan, batch.get(2), batch.get(3), batch.get(4)), false));
            assertTrue(e.getMessage().contains("finite"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> model.loss(store, new NDList(
                    batch.get(0).get(":, :, :, :100"), batch.get(1), batch.get(2), batch.get(3), batch.get(4)),
                    false));
            assertEquals("patches must be [B, C, P, 200], got (1, 2, 2, 100)", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> model.loss(store, new NDList(
                    batch.get(0), batch.get(1), batch.get(2), batch.get(3).get(":, :1"), batch.get(4)), false));
            assertEquals("mask must be (1, 2, 2), got (1, 1, 2)", e.getMessage());
        }
    }
}
