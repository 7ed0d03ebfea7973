package io.neurofm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Rotary, learned and sinusoidal positions. */
class PositionsTest {
    @Test
    void rotaryScoresDependOnlyOnTheOffsetBetweenPositions() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int dh = 16;
            int length = 40;
            RotaryPositionEmbedding rope = new RotaryPositionEmbedding(dh);
            // The same query and key vector at every position: scores differ only by position.
            NDArray q = manager.randomNormal(0, 1, new Shape(1, dh), DataType.FLOAT64)
                    .repeat(0, length);
            NDArray k = manager.randomNormal(0, 1, new Shape(1, dh), DataType.FLOAT64)
                    .repeat(0, length);
            double[] scores = rope.apply(q).matMul(rope.apply(k).transpose()).toDoubleArray();
            for (int offset : new int[] {0, 3, 17}) {
                double first = scores[offset];
                for (int m = 0; m + offset < length; m++) {
                    assertEquals(first, scores[m * length + m + offset], 1e-12,
                            "offset " + offset + " at query " + m);
                }
            }
            // Rotations preserve norms and position 0 is the identity.
            NDArray rotated = rope.apply(q);
            assertEquals(0, NnFixtures.maxAbsDiff(q.norm(new int[] {1}), rotated.norm(new int[] {1})),
                    1e-12);
            assertArrayEquals(q.get(0).toDoubleArray(), rotated.get(0).toDoubleArray(), 0);
        }
    }

    @Test
    void rotaryPairsFeatureIWithFeatureIPlusHalf() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // headDim 2: one pair rotated by angle t (base^0 = 1), so e1 goes to (cos t, sin t).
            NDArray e1 = manager.create(new double[] {1, 0, 1, 0, 1, 0}, new Shape(3, 2));
            double[] out = new RotaryPositionEmbedding(2).apply(e1).toDoubleArray();
            for (int t = 0; t < 3; t++) {
                assertEquals(Math.cos(t), out[2 * t], 1e-15);
                assertEquals(Math.sin(t), out[2 * t + 1], 1e-15);
            }
        }
    }

    @Test
    void stackedQueryKeyRotationMatchesSeparateRotationAndKeepsValuesBitwise() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RotaryPositionEmbedding rope = new RotaryPositionEmbedding(8);
            NDArray qkv = manager.randomNormal(new Shape(3, 2, 4, 7, 8));
            NDArray rotated = rope.applyToQueryKey(qkv);
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(rope.apply(qkv.get(i)).toFloatArray(),
                        rotated.get(i).toFloatArray(), 1e-6f);
            }
            assertArrayEquals(qkv.get(2).toFloatArray(), rotated.get(2).toFloatArray(), 0f);
            // A longer sequence grows the shared table; a shorter one is served by a slice.
            rope.applyToQueryKey(manager.randomNormal(new Shape(3, 1, 1, 30, 8)));
            assertArrayEquals(rotated.toFloatArray(), rope.applyToQueryKey(qkv).toFloatArray(), 0f);
        }
    }

    @Test
    void sinusoidalTableFollowsTheFormulaAtHandCheckedEntries() {
        double[] pe = SinusoidalPositions.values(50, 8);
        for (int t = 0; t < 50; t++) {
            // i = 0: frequency 1; i = 3 (the last pair of d=8): 10000^(-6/8) = 0.001.
            assertEquals(Math.sin(t), pe[t * 8], 1e-15);
            assertEquals(Math.cos(t), pe[t * 8 + 1], 1e-15);
            assertEquals(Math.sin(t * 1e-3), pe[t * 8 + 6], 1e-15);
            assertEquals(Math.cos(t * 1e-3), pe[t * 8 + 7], 1e-15);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray table = SinusoidalPositions.table(manager, 50, 8, DataType.FLOAT32);
            assertEquals(new Shape(50, 8), table.getShape());
            assertEquals((float) Math.cos(49e-3), table.getFloat(49, 7));
        }
        assertThrows(IllegalArgumentException.class, () -> SinusoidalPositions.values(4, 7));
    }

    @Test
    void learnedPositionsAddTheFirstTRowsAndRefuseLongerSequences() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LearnedPositionEmbedding pos = NnFixtures.initialized(new LearnedPositionEmbedding(10, 4),
                    manager, DataType.FLOAT32, new Shape(2, 6, 4));
            assertEquals(new Shape(10, 4), StateDict.parameters(pos).get("weight").getShape());
            NDArray table = StateDict.parameters(pos).get("weight").getArray();
            NDArray x = manager.randomNormal(new Shape(2, 6, 4));
            NDArray out = NnFixtures.forward(pos, manager, x);
            for (int b = 0; b < 2; b++) {
                assertArrayEquals(x.get(b).add(table.get(new NDIndex(":6"))).toFloatArray(),
                        out.get(b).toFloatArray(), 0f);
            }
            NDArray full = manager.randomNormal(new Shape(2, 10, 4));
            assertArrayEquals(full.add(table).toFloatArray(),
                    NnFixtures.forward(pos, manager, full).toFloatArray(), 0f);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NnFixtures.forward(pos, manager, manager.zeros(new Shape(1, 11, 4))));
            assertTrue(e.getMessage().contains("exceeds the learned maximum 10"), e.getMessage());
        }
    }

    @Test
    void rotaryNeedsAnEvenHeadWidth() {
        assertThrows(IllegalArgumentException.class, () -> new RotaryPositionEmbedding(7));
        assertThrows(IllegalArgumentException.class,
                () -> new TransformerConfig(12, 4, 8, 0f, false, true));
    }
}
