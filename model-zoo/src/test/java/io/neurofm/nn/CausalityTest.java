package io.neurofm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A causal stack: changing the input at time t leaves every output before t bitwise unchanged. */
class CausalityTest {
    static final int B = 2;
    static final int T = 12;
    static final int D = 32;

    @ParameterizedTest(name = "rotary={0}")
    @ValueSource(booleans = {false, true})
    void outputsBeforeAChangedStepAreBitwiseUnchanged(boolean rotary) {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(7);
            TransformerStack stack = NnFixtures.initialized(
                    new TransformerStack(new TransformerConfig(D, 4, 64, 0f, true, rotary), 2, true),
                    manager, DataType.FLOAT32, new Shape(B, T, D));
            NDArray x = manager.randomNormal(new Shape(B, T, D));
            float[] reference = NnFixtures.forward(stack, manager, x).toFloatArray();
            for (int t : new int[] {0, 1, 5, T - 1}) {
                NDArray changed = x.duplicate();
                changed.set(new NDIndex(":, {}, :", t), manager.randomNormal(new Shape(B, D)));
                float[] out = NnFixtures.forward(stack, manager, changed).toFloatArray();
                for (int b = 0; b < B; b++) {
                    int from = b * T * D;
                    assertArrayEquals(Arrays.copyOfRange(reference, from, from + t * D),
                            Arrays.copyOfRange(out, from, from + t * D), 0f,
                            "batch " + b + ": outputs before step " + t + " changed");
                    // The changed step itself must move, or the comparison above proves nothing.
                    assertFalse(Arrays.equals(
                            Arrays.copyOfRange(reference, from + t * D, from + (t + 1) * D),
                            Arrays.copyOfRange(out, from + t * D, from + (t + 1) * D)));
                }
            }
        }
    }

    @Test
    void withoutTheCausalOptionEarlierOutputsDoMove() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(7);
            TransformerStack stack = NnFixtures.initialized(
                    new TransformerStack(new TransformerConfig(D, 4, 64, 0f, false), 1, true),
                    manager, DataType.FLOAT32, new Shape(B, T, D));
            NDArray x = manager.randomNormal(new Shape(B, T, D));
            float[] reference = NnFixtures.forward(stack, manager, x).toFloatArray();
            NDArray changed = x.duplicate();
            changed.set(new NDIndex(":, {}, :", T - 1), manager.randomNormal(new Shape(B, D)));
            float[] out = NnFixtures.forward(stack, manager, changed).toFloatArray();
            assertFalse(Arrays.equals(Arrays.copyOfRange(reference, 0, D),
                    Arrays.copyOfRange(out, 0, D)));
        }
    }
}
