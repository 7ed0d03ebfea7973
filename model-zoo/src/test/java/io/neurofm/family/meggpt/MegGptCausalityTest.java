package io.neurofm.family.meggpt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Causality in time, with and without channel-attention layers, and the embeddings. */
class MegGptCausalityTest {
    static final int B = 2;
    static final int C = 3;
    static final int T = 24;

    @ParameterizedTest(name = "channel attention every {0} layers (0: none)")
    @ValueSource(ints = {0, 1, 2})
    void changingStepTLeavesEveryEarlierLogitBitwiseUnchanged(int every) {
        try (NDManager manager = NDManager.newBaseManager()) {
            MegGptModel model = MegGptFixtures.initialised(MegGptFixtures.small(every), manager, 3);
            int[][][] tokens = MegGptFixtures.randomTokens(B, C, T, 17, 11);
            NDArray reference = MegGptFixtures.logits(model, manager,
                    MegGptFixtures.batch(manager, tokens));
            for (int t : new int[] {0, 1, 9, T - 1}) {
                int[][][] changed = MegGptFixtures.copy(tokens);
                changed[1][2][t] = (changed[1][2][t] + 5) % 17;
                NDArray logits = MegGptFixtures.logits(model, manager,
                        MegGptFixtures.batch(manager, changed));
                if (t > 0) {
                    NDIndex before = new NDIndex(":, :, :{}, :", t);
                    assertArrayEquals(reference.get(before).toFloatArray(),
                            logits.get(before).toFloatArray(), 0f, "steps before " + t);
                }
                // The changed channel's own prediction at t moves.
                NDIndex own = new NDIndex("1, 2, {}, :", t);
                assertFalse(Arrays.equals(reference.get(own).toFloatArray(),
                        logits.get(own).toFloatArray()), "step " + t + " must change");
                // Another batch element never sees it.
                assertArrayEquals(reference.get("0").toFloatArray(),
                        logits.get("0").toFloatArray(), 0f);
                // Other channels of the same element see it at t only through channel attention.
                NDIndex neighbour = new NDIndex("1, 0, {}, :", t);
                boolean neighbourMoved = !Arrays.equals(reference.get(neighbour).toFloatArray(),
                        logits.get(neighbour).toFloatArray());
                assertEquals(every > 0, neighbourMoved, "channel 0 at step " + t);
            }
        }
    }

    @Test
    void embeddingsPoolTheFinalHiddenStates() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MegGptModel model = MegGptFixtures.initialised(MegGptFixtures.small(1), manager, 4);
            NDList batch = MegGptFixtures.batch(manager, MegGptFixtures.randomTokens(B, C, T, 17, 5));
            ParameterStore store = new ParameterStore(manager, false);
            NDArray hidden = model.network().hidden(store, batch, false);
            assertEquals(new Shape(B, C, T, 32), hidden.getShape());

            MegGptEmbeddings mean = model.embed(store, batch, Pooling.MEAN);
            assertEquals(new Shape(B, C, 32), mean.perChannel().getShape());
            assertEquals(new Shape(B, 32), mean.pooled().getShape());
            float[] h = hidden.toFloatArray();
            float[] perChannel = mean.perChannel().toFloatArray();
            float[] pooled = mean.pooled().toFloatArray();
            for (int b = 0; b < B; b++) {
                for (int k = 0; k < 32; k++) {
                    double overChannels = 0;
                    for (int c = 0; c < C; c++) {
                        double sum = 0;
                        for (int t = 0; t < T; t++) {
                            sum += h[((b * C + c) * T + t) * 32 + k];
                        }
                        assertEquals(sum / T, perChannel[(b * C + c) * 32 + k], 1e-5);
                        overChannels += sum / T;
                    }
                    assertEquals(overChannels / C, pooled[b * 32 + k], 1e-5);
                }
            }
            MegGptEmbeddings last = model.embed(store, batch, Pooling.LAST);
            assertArrayEquals(hidden.get(":, :, -1, :").toFloatArray(),
                    last.perChannel().toFloatArray(), 0f);
        }
    }

    @Test
    void malformedInputsAreRefusedWithTheirShapes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MegGptModel model = MegGptFixtures.initialised(MegGptFixtures.small(0), manager, 1);
            int[][][] tooLong = MegGptFixtures.randomTokens(1, 2, T + 1, 17, 1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MegGptFixtures.logits(model, manager, MegGptFixtures.batch(manager, tooLong)));
            assertEquals("25 steps exceed the model's maximum length 24", e.getMessage());
            int[][][] badToken = MegGptFixtures.randomTokens(1, 2, 4, 17, 1);
            badToken[0][1][2] = 17;
            e = assertThrows(IllegalArgumentException.class,
                    () -> MegGptFixtures.logits(model, manager, MegGptFixtures.batch(manager, badToken)));
            assertEquals("token ids must be in [0, 17), got 17", e.getMessage());
            badToken[0][1][2] = 0;
            e = assertThrows(IllegalArgumentException.class,
                    () -> MegGptFixtures.logits(model, manager, MegGptFixtures.batch(manager,
                            badToken, new int[][] {{0, 1}}, new int[] {4})));
            assertEquals("session ids must be in [0, 4), got 4", e.getMessage());
        }
    }
}
