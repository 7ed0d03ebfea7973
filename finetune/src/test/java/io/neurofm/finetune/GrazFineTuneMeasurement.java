package io.neurofm.finetune;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.neurofm.artifact.Artifact;
import io.neurofm.signal.Recording;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measurement, not a claim: 5-fold balanced accuracy on Graz (C3/Cz/C4, 0.5-3.5 s) of head-only,
 * full (LLRD 0.75) and LoRA fine-tuning of a RANDOMLY INITIALISED tiny DeeperBrain (d 32, 2
 * layers), seeds 0-2. Prints one line per mode.
 */
@Tag("slow")
class GrazFineTuneMeasurement {

    @Test
    void fiveFoldBalancedAccuracyByMode(@TempDir Path dir) throws Exception {
        Recording r = GrazFixture.recording();
        Path source = GrazFixture.artifact(dir.resolve("src"), r, GrazFixture.config(32, 2), 11);
        try (NDManager manager = NDManager.newBaseManager(); Artifact a = Artifact.open(source)) {
            FineTuneData data = EpochPatches.prepare(r, a.preprocessing(), DeeperBrainArtifacts.inputScale(a.config()),
                    100, GrazFixture.CHANNELS, GrazFixture.EVENTS, 0.5, 3.5);
            for (FineTuneMode mode : FineTuneMode.values()) {
                FineTuneConfig base = FineTuneConfig.defaults(mode, 30).withLearningRate(mode == FineTuneMode.HEAD ? 1e-2 : 1e-3)
                        .withLayerDecay(mode == FineTuneMode.FULL ? 0.75 : 1.0);
                double[] means = new double[3];
                long t0 = System.nanoTime();
                for (int seed = 0; seed < 3; seed++) {
                    means[seed] = FineTuneJob.crossValidate(a, data, base.withSeed(seed), 5, manager).meanBalancedAccuracy();
                }
                System.out.printf(Locale.ROOT, "MEASURE random-init tiny %s: 5-fold balanced accuracy per seed %s, mean %.3f (%.0f s)%n",
                        mode, Arrays.toString(means), Arrays.stream(means).average().orElseThrow(),
                        (System.nanoTime() - t0) / 1e9);
                assertTrue(Arrays.stream(means).allMatch(Double::isFinite));
            }
        }
    }
}
