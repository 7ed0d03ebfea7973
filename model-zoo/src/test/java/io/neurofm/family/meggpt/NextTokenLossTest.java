package io.neurofm.family.meggpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The loss scores exactly the last K next-token predictions. */
class NextTokenLossTest {
    static final int B = 2;
    static final int C = 3;
    static final int T = 10;
    static final int V = 7;
    static final int K = 4;

    @Test
    void equalsHandComputedCrossEntropyOverTheLastKSteps() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Random random = new Random(8);
            float[] logits = new float[B * C * T * V];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = (float) (3 * random.nextGaussian());
            }
            int[] tokens = new int[B * C * T];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = random.nextInt(V);
            }
            double sum = 0;
            for (int row = 0; row < B * C; row++) {
                for (int t = T - K - 1; t < T - 1; t++) {
                    int base = (row * T + t) * V;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int v = 0; v < V; v++) {
                        max = Math.max(max, logits[base + v]);
                    }
                    double z = 0;
                    for (int v = 0; v < V; v++) {
                        z += Math.exp(logits[base + v] - max);
                    }
                    int target = tokens[row * T + t + 1];
                    sum += -(logits[base + target] - max - Math.log(z));
                }
            }
            double expected = sum / (B * C * K);
            NDArray loss = NextTokenLoss.lastSteps(manager.create(logits, new Shape(B, C, T, V)),
                    manager.create(tokens, new Shape(B, C, T)), K);
            assertEquals(new Shape(), loss.getShape());
            assertEquals(expected, loss.getFloat(), 1e-5 * expected);
        }
    }

    @Test
    void targetsBeforeTheScoredStepsDoNotCount() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logits = manager.randomNormal(new Shape(B, C, T, V));
            int[] tokens = new int[B * C * T];
            Random random = new Random(2);
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = random.nextInt(V);
            }
            float reference = NextTokenLoss.lastSteps(logits,
                    manager.create(tokens, new Shape(B, C, T)), K).getFloat();

            int[] early = tokens.clone();
            for (int row = 0; row < B * C; row++) {
                for (int t = 0; t < T - K; t++) {
                    early[row * T + t] = (early[row * T + t] + 1 + random.nextInt(V - 1)) % V;
                }
            }
            assertEquals(reference, NextTokenLoss.lastSteps(logits,
                    manager.create(early, new Shape(B, C, T)), K).getFloat(), 0f);

            int[] scored = tokens.clone();
            scored[4 * T + T - K] = (scored[4 * T + T - K] + 1) % V;
            assertNotEquals(reference, NextTokenLoss.lastSteps(logits,
                    manager.create(scored, new Shape(B, C, T)), K).getFloat());
        }
    }

    @Test
    void kMustLeaveATargetForEveryScoredStep() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logits = manager.zeros(new Shape(1, 1, 5, 3));
            NDArray tokens = manager.zeros(new Shape(1, 1, 5), ai.djl.ndarray.types.DataType.INT32);
            assertThrows(IllegalArgumentException.class,
                    () -> NextTokenLoss.lastSteps(logits, tokens, 5));
            assertEquals(Math.log(3), NextTokenLoss.lastSteps(logits, tokens, 4).getFloat(), 1e-6);
        }
    }
}
