package io.neurofm.family.deeperbrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The masked reconstruction loss, the statistics term and its weight, masking and the spectrum. */
class DeeperBrainLossTest {
    private static final String[] NAMES = {"Fc5.", "C3..", "Cz..", "O1.."};

    private static float[] gaussian(int n, long seed, double scale) {
        Random random = new Random(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (random.nextGaussian() * scale);
        }
        return out;
    }

    @Test
    void smoothL1EqualsAHandComputedHuberOverMaskedPatchesOnly() {
        int b = 2, c = 3, p = 4, l = 5;
        float[] predicted = gaussian(b * c * p * l, 1, 1.5);
        float[] target = gaussian(b * c * p * l, 2, 1.5);
        float[] mask = new float[b * c * p];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = i % 3 == 0 ? 1f : 0f;
        }
        double sum = 0;
        int masked = 0;
        for (int patch = 0; patch < mask.length; patch++) {
            if (mask[patch] == 0f) {
                continue;
            }
            masked++;
            for (int t = 0; t < l; t++) {
                double e = Math.abs((double) predicted[patch * l + t] - target[patch * l + t]);
                sum += e < 1 ? 0.5 * e * e : e - 0.5;
            }
        }
        double expected = sum / (masked * l);
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(b, c, p, l);
            NDArray pred = manager.create(predicted, shape);
            NDArray m = manager.create(mask, new Shape(b, c, p));
            float loss = DeeperBrainLosses.maskedSmoothL1(pred, manager.create(target, shape), m).getFloat();
            assertEquals(expected, loss, 1e-5 * expected);

            // Any change to the target of a visible patch leaves the loss bitwise unchanged...
            float[] changed = target.clone();
            for (int patch = 0; patch < mask.length; patch++) {
                if (mask[patch] == 0f) {
                    for (int t = 0; t < l; t++) {
                        changed[patch * l + t] += 100f;
                    }
                }
            }
            assertEquals(loss, DeeperBrainLosses.maskedSmoothL1(pred, manager.create(changed, shape), m)
                    .getFloat(), 0f);
            // ...while one sample of a masked patch changes it.
            changed = target.clone();
            changed[3] += 0.5f;
            assertNotEquals(loss, DeeperBrainLosses.maskedSmoothL1(pred, manager.create(changed, shape), m)
                    .getFloat());
            // Nothing masked: nothing scored.
            assertEquals(0f, DeeperBrainLosses.maskedSmoothL1(pred, manager.create(target, shape),
                    manager.zeros(new Shape(b, c, p))).getFloat(), 0f);
            assertThrows(IllegalArgumentException.class, () -> DeeperBrainLosses.maskedSmoothL1(
                    pred, manager.create(target, shape), manager.zeros(new Shape(b, c, p + 1))));
        }
    }

    @Test
    void maskedPatchContentNeverReachesTheEncoder() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DeeperBrainModel model = DeeperBrainFixtures.initialised(DeeperBrainFixtures.small(), manager, 8);
            NDList batch = DeeperBrainFixtures.batch(manager, NAMES, DeeperBrainFixtures.allKnown(4), 2, 4, 5);
            float[] mask = batch.get(3).toFloatArray();
            float[] patches = batch.get(0).toFloatArray();
            float[] before = DeeperBrainFixtures.hidden(model, manager, batch);
            int firstMasked = -1;
            int firstVisible = -1;
            float[] scrambled = patches.clone();
            for (int patch = 0; patch < mask.length; patch++) {
                if (mask[patch] == 1f) {
                    firstMasked = firstMasked < 0 ? patch : firstMasked;
                    for (int t = 0; t < 200; t++) {
                        scrambled[patch * 200 + t] = 10f * (float) Math.sin(t + patch);
                    }
                } else if (firstVisible < 0) {
                    firstVisible = patch;
                }
            }
            assertTrue(firstMasked >= 0 && firstVisible >= 0);
            NDList hiddenChanged = new NDList(manager.create(scrambled, batch.get(0).getShape()),
                    batch.get(1), batch.get(2), batch.get(3));
            assertArrayEquals(before, DeeperBrainFixtures.hidden(model, manager, hiddenChanged), 0f);

            float[] visibleChanged = patches.clone();
            visibleChanged[firstVisible * 200 + 7] += 1f;
            NDList changed = new NDList(manager.create(visibleChanged, batch.get(0).getShape()),
                    batch.get(1), batch.get(2), batch.get(3));
            assertFalse(Arrays.equals(before, DeeperBrainFixtures.hidden(model, manager, changed)));
        }
    }

    @Test
    void lambdaZeroLeavesTheStatisticsHeadWithoutGradient() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList batch = DeeperBrainFixtures.batch(manager, NAMES, DeeperBrainFixtures.allKnown(4), 2, 3, 6);
            DeeperBrainModel reconstructionOnly = DeeperBrainFixtures.initialised(
                    DeeperBrainFixtures.small().withNspWeight(0f), manager, 9);
            DeeperBrainFixtures.backward(reconstructionOnly, manager, batch);
            Map<String, Double> norms = DeeperBrainFixtures.gradientNorms(reconstructionOnly);
            int heads = 0;
            for (Map.Entry<String, Double> e : norms.entrySet()) {
                if (e.getKey().startsWith("statistics_head.")) {
                    heads++;
                    assertEquals(0.0, e.getValue(), e.getKey() + " got a gradient with lambda = 0");
                }
            }
            assertEquals(4, heads);
            assertTrue(norms.get("reconstruction_head.weight") > 0);
            // lambda = 0 needs no statistics in the batch.
            NDList withoutStatistics = new NDList(batch.get(0), batch.get(1), batch.get(2), batch.get(3));
            DeeperBrainModel.Losses parts = reconstructionOnly.losses(
                    new ParameterStore(manager, false), withoutStatistics, false);
            assertNull(parts.statistics());

            float lambda = 0.25f;
            DeeperBrainModel both = DeeperBrainFixtures.initialised(
                    DeeperBrainFixtures.small().withNspWeight(lambda), manager, 9);
            DeeperBrainFixtures.backward(both, manager, batch);
            norms = DeeperBrainFixtures.gradientNorms(both);
            assertTrue(norms.get("statistics_head.2.weight") > 0);
            assertTrue(norms.get("statistics_head.0.bias") > 0);
            DeeperBrainModel.Losses all = both.losses(new ParameterStore(manager, false), batch, false);
            assertEquals(all.reconstruction().getFloat() + lambda * all.statistics().getFloat(),
                    all.total().getFloat(), 1e-6f);
            // Same seed, same weights: the reconstruction part is the lambda = 0 model's loss.
            assertEquals(parts.reconstruction().getFloat(), all.reconstruction().getFloat(), 0f);
            assertThrows(IllegalArgumentException.class, () -> both.losses(
                    new ParameterStore(manager, false), withoutStatistics, false));
        }
    }

    @Test
    void statisticsMseIsTheMeanSquaredError() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            NDArray b = manager.create(new float[] {1, 0, 0, 8}, new Shape(2, 2));
            assertEquals((0 + 4 + 9 + 16) / 4f, DeeperBrainLosses.statisticsMse(a, b).getFloat(), 0f);
        }
    }

    @Test
    void randomMasksHaveTheRatioAndFollowTheSeed() {
        float[][][] mask = PatchMasking.random(3, 5, 7, 0.5, new Random(42));
        for (float[][] sample : mask) {
            int ones = 0;
            for (float[] channel : sample) {
                for (float v : channel) {
                    assertTrue(v == 0f || v == 1f);
                    ones += (int) v;
                }
            }
            assertEquals(Math.round(0.5 * 35), ones);
        }
        assertTrue(Arrays.deepEquals(mask, PatchMasking.random(3, 5, 7, 0.5, new Random(42))));
        assertFalse(Arrays.deepEquals(mask, PatchMasking.random(3, 5, 7, 0.5, new Random(43))));
        assertFalse(Arrays.deepEquals(mask[0], mask[1]));
        float[] tiny = PatchMasking.random(1, 1, 3, 0.01, new Random(1))[0][0];
        assertEquals(1f, tiny[0] + tiny[1] + tiny[2], 0f, "a tiny ratio still masks one patch");
        assertThrows(IllegalArgumentException.class, () -> PatchMasking.random(1, 1, 1, 1.0, new Random()));
    }

    @Test
    void amplitudeSpectrumIsTheOrthoScaledDftMagnitude() {
        int l = 200;
        float[] x = gaussian(2 * l, 11, 1);
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] spectrum = PatchEncoder.amplitudeSpectrum(manager.create(x, new Shape(2, l)))
                    .toFloatArray();
            assertEquals(2 * (l / 2 + 1), spectrum.length);
            for (int row = 0; row < 2; row++) {
                for (int k = 0; k <= l / 2; k++) {
                    double re = 0;
                    double im = 0;
                    for (int t = 0; t < l; t++) {
                        double angle = -2 * Math.PI * k * t / l;
                        re += x[row * l + t] * Math.cos(angle);
                        im += x[row * l + t] * Math.sin(angle);
                    }
                    double expected = Math.hypot(re, im) / Math.sqrt(l);
                    assertEquals(expected, spectrum[row * (l / 2 + 1) + k], 1e-4, "bin " + k);
                }
            }
        }
    }

    /** A training pass must free what it creates: the model's manager holds the weights (and their gradients) only. */
    @Test
    void trainingPassesLeaveNothingOnTheModelsManager() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DeeperBrainModel model = DeeperBrainFixtures.initialised(DeeperBrainFixtures.small(), manager, 5);
            String[] names = {"C3..", "Cz..", "C4.."};
            Runnable pass = () -> {
                try (NDManager step = manager.newSubManager()) {
                    DeeperBrainFixtures.backward(model, step, DeeperBrainFixtures.batch(step, names,
                            DeeperBrainFixtures.allKnown(3), 2, 2, 1));
                }
            };
            pass.run();
            int before = manager.getManagedArrays().size();
            pass.run();
            pass.run();
            assertEquals(before, manager.getManagedArrays().size(), "arrays left on the model's manager by 2 passes");
        }
    }
}
