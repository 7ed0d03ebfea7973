package io.neurofm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** Masks, dropout and argument checks of the attention block. */
class MultiHeadSelfAttentionTest {
    static final int B = 2;
    static final int T = 10;
    static final int D = 16;

    @Test
    void maskedPaddingKeysGiveTheOutputOfTheTruncatedSequence() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiHeadSelfAttention attn = attention(manager, new TransformerConfig(D, 4, 32, 0f,
                    false));
            NDArray x = manager.randomNormal(0, 1, new Shape(B, T, D), DataType.FLOAT64);
            int keep = 6;
            // [B, 1, 1, T]: keys at positions >= keep are dropped for every query and head.
            double[] pad = new double[B * T];
            for (int b = 0; b < B; b++) {
                for (int k = keep; k < T; k++) {
                    pad[b * T + k] = Double.NEGATIVE_INFINITY;
                }
            }
            NDArray mask = manager.create(pad, new Shape(B, 1, 1, T));
            NDArray masked = NnFixtures.forward(attn, manager, x, mask)
                    .get(new NDIndex(":, :{}", keep));
            NDArray truncated = NnFixtures.forward(attn, manager, x.get(new NDIndex(":, :{}", keep)));
            assertTrue(NnFixtures.maxAbsDiff(masked, truncated) < 1e-12);
        }
    }

    @Test
    void dropoutActsOnlyInTraining() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiHeadSelfAttention attn = attention(manager, new TransformerConfig(D, 4, 32, 0.5f,
                    false));
            NDArray x = manager.randomNormal(0, 1, new Shape(B, T, D), DataType.FLOAT64);
            ParameterStore store = new ParameterStore(manager, false);
            double[] eval1 = attn.forward(store, new NDList(x), false).head().toDoubleArray();
            double[] eval2 = attn.forward(store, new NDList(x), false).head().toDoubleArray();
            double[] train = attn.forward(store, new NDList(x), true).head().toDoubleArray();
            assertArrayEquals(eval1, eval2, 0);
            assertFalse(java.util.Arrays.equals(eval1, train));
        }
    }

    @Test
    void wrongMaskShapesAndTypesAreRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiHeadSelfAttention attn = attention(manager, new TransformerConfig(D, 4, 32, 0f,
                    false));
            NDArray x = manager.randomNormal(0, 1, new Shape(B, T, D), DataType.FLOAT64);
            IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                    () -> NnFixtures.forward(attn, manager, x,
                            manager.zeros(new Shape(B, 3, T, T), DataType.FLOAT64)));
            assertTrue(shape.getMessage().contains("got (2, 3, 10, 10)"), shape.getMessage());
            IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                    () -> NnFixtures.forward(attn, manager, x,
                            manager.zeros(new Shape(T, T), DataType.BOOLEAN)));
            assertTrue(type.getMessage().contains("additive mask of type float64"),
                    type.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> NnFixtures.forward(attn, manager,
                            manager.zeros(new Shape(B, T, D + 1), DataType.FLOAT64)));
        }
    }

    @Test
    void causalMaskHasZerosOnAndBelowTheDiagonalAndMinusInfinityAbove() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray like = manager.zeros(new Shape(1));
            float[] small = CausalMask.additive(like, 3).toFloatArray();
            float inf = Float.NEGATIVE_INFINITY;
            assertArrayEquals(new float[] {0, inf, inf, 0, 0, inf, 0, 0, 0}, small, 0f);
            // Whatever the shared table's capacity, a shorter length gets the same values.
            assertEquals(new Shape(9, 9), CausalMask.additive(like, 9).getShape());
            assertArrayEquals(small, CausalMask.additive(like, 3).toFloatArray(), 0f);
        }
    }

    private static MultiHeadSelfAttention attention(NDManager manager, TransformerConfig config) {
        manager.getEngine().setRandomSeed(4);
        MultiHeadSelfAttention attn = new MultiHeadSelfAttention(config);
        attn.initialize(manager, DataType.FLOAT64, new Shape(B, T, D));
        return attn;
    }
}
