package io.neurofm.family.brainharmonix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.neurofm.family.Pretrainable;
import io.neurofm.nn.StateDict;
import io.neurofm.tokenize.TokenBatch;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Padding invariance, EMA target, hub-only decoder, state dict and trainability. */
class BrainHarmonixPropertyTest {
    @Test
    void paddingAndInvalidTokensDoNotChangeValidOutputs() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BrainHarmonixModel model = HarmonixFixtures.tiny(manager, 11);
            TokenBatch tokens = HarmonixFixtures.fmriTokens();
            TokenBatch noisy = perturbPadding(tokens, new Random(5));
            ParameterStore store = new ParameterStore(manager, false);
            NDList a = FmriBatch.of(manager, tokens, HarmonixFixtures.TRS, null, null);
            NDList b = FmriBatch.of(manager, noisy, HarmonixFixtures.TRS, null, null);
            float[] ha = model.network().fmriEncoder.encode(store, a, a.get(FmriBatch.VALID), false).toFloatArray();
            float[] hb = model.network().fmriEncoder.encode(store, b, b.get(FmriBatch.VALID), false).toFloatArray();
            int d = 64;
            int changedInvalid = 0;
            boolean[][][] valid = tokens.valid();
            for (int w = 0; w < 2; w++) {
                for (int r = 0; r < 8; r++) {
                    for (int p = 0; p < 8; p++) {
                        int base = ((w * 8 + r) * 8 + p) * d;
                        for (int j = 0; j < d; j++) {
                            if (valid[w][r][p]) {
                                assertEquals(ha[base + j], hb[base + j], 0f, "valid token " + w + "," + r + "," + p);
                            } else if (ha[base + j] != hb[base + j]) {
                                changedInvalid++;
                            }
                        }
                    }
                }
            }
            // The perturbation is real: the outputs at invalid (partial) tokens did change.
            assertTrue(changedInvalid > 0, "perturbing padding changed nothing at all");
        }
    }

    /** Random values in every padded slot: beyond each window's length and in invalid tokens. */
    private static TokenBatch perturbPadding(TokenBatch t, Random random) {
        float[][][][] v = new float[2][8][8][];
        for (int w = 0; w < 2; w++) {
            for (int r = 0; r < 8; r++) {
                for (int p = 0; p < 8; p++) {
                    v[w][r][p] = t.vectors()[w][r][p].clone();
                    for (int i = 0; i < v[w][r][p].length; i++) {
                        if (i >= t.lengths()[w] || !t.valid()[w][r][p]) {
                            v[w][r][p][i] = (float) random.nextGaussian() * 5;
                        }
                    }
                }
            }
        }
        return new TokenBatch(v, t.valid(), t.lengths());
    }

    @Test
    void resamplingMatrixIgnoresPaddingAndKeepsConstants() {
        float[][][] m = PatchResampling.matrices(new int[] {12, 19}, 19, 16);
        for (int b = 0; b < 2; b++) {
            int n = b == 0 ? 12 : 19;
            for (int j = 0; j < 16; j++) {
                double sum = 0;
                for (int i = 0; i < 19; i++) {
                    sum += m[b][j][i];
                    if (i >= n) {
                        assertEquals(0f, m[b][j][i], "weight on padding");
                    }
                }
                assertEquals(1.0, sum, 1e-6, "a constant patch must stay constant");
            }
        }
        // Output 1 of 16 over 12 volumes reads position 12/16 = 0.75: 0.25 x v0 + 0.75 x v1.
        assertEquals(0.25f, m[0][1][0], 1e-7);
        assertEquals(0.75f, m[0][1][1], 1e-7);
    }

    @Test
    void emaTargetGetsNoGradientAndFollowsTheMomentumFormula() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BrainHarmonixModel model = HarmonixFixtures.tiny(manager, 12);
            Map<String, Parameter> context = StateDict.parameters(model.network().fmriEncoder);
            Map<String, Parameter> target = StateDict.parameters(model.network().fmriTarget);
            for (String name : context.keySet()) {
                assertArrayEquals(context.get(name).getArray().toFloatArray(),
                        target.get(name).getArray().toFloatArray(), 0f, name + ": target starts as a copy");
            }
            Pretrainable jepa = model.stage(Stage.FMRI_JEPA);
            Map<String, float[]> before = snapshot(target);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-2f)).build();
            HarmonixFixtures.step(jepa, adam, manager, HarmonixFixtures.fmriBatch(manager, 3));
            for (Map.Entry<String, Parameter> e : target.entrySet()) {
                assertTrue(!e.getValue().requiresGradient(), e.getKey() + " requires gradient");
                assertArrayEquals(before.get(e.getKey()), e.getValue().getArray().toFloatArray(), 0f,
                        e.getKey() + " moved in the optimizer step");
            }
            Map<String, float[]> contextNow = snapshot(context);
            model.updateTarget();
            float m = model.config().momentum();
            double before2 = 0;
            double after2 = 0;
            for (String name : context.keySet()) {
                float[] t0 = before.get(name);
                float[] c = contextNow.get(name);
                float[] t1 = target.get(name).getArray().toFloatArray();
                for (int i = 0; i < t0.length; i++) {
                    float expected = m * t0[i] + (1 - m) * c[i];
                    assertEquals(expected, t1[i], 1e-6f * Math.max(1f, Math.abs(expected)), name + "[" + i + "]");
                    before2 += Math.pow(t0[i] - c[i], 2);
                    after2 += Math.pow(t1[i] - c[i], 2);
                }
            }
            assertTrue(before2 > 0, "the context encoder did not move");
            assertEquals(m * m * before2, after2, 1e-3 * before2, "distance shrinks by m per step");
        }
    }

    private static Map<String, float[]> snapshot(Map<String, Parameter> params) {
        Map<String, float[]> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, v.getArray().toFloatArray()));
        return out;
    }

    @Test
    void fusionDecoderSeesOnlyTheHubs() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BrainHarmonixModel model = HarmonixFixtures.tiny(manager, 13);
            ParameterStore store = new ParameterStore(manager, false);
            BrainHarmonixNetwork net = model.network();
            NDList batch = HarmonixFixtures.fusionBatch(manager);
            NDList tokens = net.modalityTokens(store, batch);
            NDArray hubs = net.fusion.forward(store, tokens, false, null).head();
            float[][] decoded = decoded(net.fusion.decode(store, hubs, false));

            // Other modality tokens give other hubs ...
            NDList other = new NDList(tokens.get(0).mul(-1.5f).add(0.3f), tokens.get(1), tokens.get(2).flip(1));
            NDArray otherHubs = net.fusion.forward(store, other, false, null).head();
            assertTrue(maxDiff(hubs.toFloatArray(), otherHubs.toFloatArray()) > 1e-3, "hubs ignore their inputs");
            // ... but with the hubs fixed, nothing else enters the decoder: decoding the first hubs
            // after the second modality tokens were fused gives the first result bit for bit.
            float[][] again = decoded(net.fusion.decode(store, hubs, false));
            assertArrayEquals(decoded[0], again[0], 0f);
            assertArrayEquals(decoded[1], again[1], 0f);
            float[][] fromOther = decoded(net.fusion.decode(store, otherHubs, false));
            assertTrue(maxDiff(decoded[0], fromOther[0]) > 0, "decoder ignores the hubs");
        }
    }

    private static float[][] decoded(NDList out) {
        return new float[][] {out.get(0).toFloatArray(), out.get(1).toFloatArray()};
    }

    private static double maxDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    @Test
    void stateDictRoundTripIsBitIdentical(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("harmonix.safetensors");
        float[] hubs;
        float[] jepa;
        float[] mae;
        try (NDManager manager = NDManager.newBaseManager()) {
            BrainHarmonixModel model = HarmonixFixtures.tiny(manager, 14);
            ParameterStore store = new ParameterStore(manager, false);
            hubs = model.embed(store, HarmonixFixtures.fusionBatch(manager), HubPooling.FLATTEN).pooled().toFloatArray();
            jepa = model.jepaLoss(store, HarmonixFixtures.fmriBatch(manager, 1), false).toFloatArray();
            mae = model.maeLoss(store, HarmonixFixtures.t1Batch(manager, 1), false).toFloatArray();
            StateDict.save(model.network(), file);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            BrainHarmonixModel model = HarmonixFixtures.tiny(manager, 99);
            ParameterStore store = new ParameterStore(manager, false);
            StateDict.load(model.network(), file);
            assertArrayEquals(hubs, model.embed(store, HarmonixFixtures.fusionBatch(manager), HubPooling.FLATTEN)
                    .pooled().toFloatArray(), 0f);
            assertArrayEquals(jepa, model.jepaLoss(store, HarmonixFixtures.fmriBatch(manager, 1), false)
                    .toFloatArray(), 0f);
            assertArrayEquals(mae, model.maeLoss(store, HarmonixFixtures.t1Batch(manager, 1), false)
                    .toFloatArray(), 0f);
        }
    }

    @Test
    void maeAndJepaLossesFallOnAFixedBatch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BrainHarmonixModel model = HarmonixFixtures.tiny(manager, 15);
            Pretrainable mae = model.stage(Stage.T1_MAE);
            NDList t1 = HarmonixFixtures.t1Batch(manager, 4);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(3e-3f)).build();
            float first = HarmonixFixtures.step(mae, adam, manager, t1);
            float last = first;
            for (int i = 0; i < 29; i++) {
                last = HarmonixFixtures.step(mae, adam, manager, t1);
            }
            System.out.printf("MAE loss %.4f -> %.4f in 30 steps%n", first, last);
            assertTrue(last < 0.6f * first, "MAE loss " + first + " -> " + last);

            Pretrainable jepa = model.stage(Stage.FMRI_JEPA);
            NDList fmri = HarmonixFixtures.fmriBatch(manager, 4);
            Optimizer adam2 = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
            float jFirst = HarmonixFixtures.step(jepa, adam2, manager, fmri);
            model.updateTarget();
            float jLast = jFirst;
            for (int i = 0; i < 29; i++) {
                jLast = HarmonixFixtures.step(jepa, adam2, manager, fmri);
                model.updateTarget();
            }
            System.out.printf("JEPA loss %.4f -> %.4f in 30 steps%n", jFirst, jLast);
            assertTrue(jLast < 0.6f * jFirst, "JEPA loss " + jFirst + " -> " + jLast);
        }
    }

    /**
     * Every stage's training pass and the EMA update must free what they create: the model's manager
     * holds the weights (and their gradients) only.
     */
    @Test
    void trainingPassesAndTheEmaUpdateLeaveNothingOnTheModelsManager() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BrainHarmonixModel model = HarmonixFixtures.tiny(manager, 4);
            Runnable round = () -> {
                for (Stage stage : Stage.values()) {
                    try (NDManager step = manager.newSubManager()) {
                        NDList batch = switch (stage) {
                            case FMRI_JEPA -> HarmonixFixtures.fmriBatch(step, 2);
                            case T1_MAE -> HarmonixFixtures.t1Batch(step, 2);
                            case FUSION -> HarmonixFixtures.fusionBatch(step);
                        };
                        HarmonixFixtures.backward(model.stage(stage), step, batch);
                    }
                }
                model.updateTarget();
            };
            round.run();
            int before = manager.getManagedArrays().size();
            round.run();
            round.run();
            assertEquals(before, manager.getManagedArrays().size(), "arrays left on the model's manager by 2 rounds");
        }
    }
}
