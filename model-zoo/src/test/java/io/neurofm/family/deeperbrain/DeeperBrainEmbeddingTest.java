package io.neurofm.family.deeperbrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.neurofm.nn.StateDict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Embedding poolings against the hidden states by hand, and weight save/load. */
class DeeperBrainEmbeddingTest {
    private static final String[] NAMES = {"C3..", "Cz..", "Pz.."};

    @Test
    void poolingsMatchTheHiddenStatesByHand() {
        int c = 3, p = 4, d = 32;
        try (NDManager manager = NDManager.newBaseManager()) {
            DeeperBrainModel model = DeeperBrainFixtures.initialised(DeeperBrainFixtures.small(), manager, 16);
            NDList batch = DeeperBrainFixtures.batch(manager, NAMES, DeeperBrainFixtures.allKnown(c), 1, p, 2);
            ParameterStore store = new ParameterStore(manager, false);
            NDList visible = new NDList(batch.get(0), batch.get(1), batch.get(2),
                    manager.zeros(new Shape(1, c, p)));
            float[] h = DeeperBrainFixtures.hidden(model, manager, visible);
            DeeperBrainEmbeddings mean = model.embed(store, batch, EmbeddingPooling.MEAN);
            DeeperBrainEmbeddings power = model.embed(store, batch, EmbeddingPooling.POWER);
            assertEquals(new Shape(1, c, d), mean.perChannel().getShape());
            assertEquals(new Shape(1, c, 2 * d), power.perChannel().getShape());
            assertEquals(new Shape(1, 2 * d), power.pooled().getShape());
            float[] perChannel = power.perChannel().toFloatArray();
            float[] pooled = power.pooled().toFloatArray();
            for (int k = 0; k < d; k++) {
                double all = 0;
                double allSquares = 0;
                for (int ch = 0; ch < c; ch++) {
                    double sum = 0;
                    double squares = 0;
                    for (int t = 0; t < p; t++) {
                        double v = h[(ch * p + t) * d + k];
                        sum += v;
                        squares += v * v;
                    }
                    all += sum;
                    allSquares += squares;
                    double m = sum / p;
                    double logVar = Math.log(squares / p - m * m + 1e-6);
                    assertEquals(m, mean.perChannel().getFloat(0, ch, k), 1e-5);
                    assertEquals(m, perChannel[ch * 2 * d + k], 1e-5);
                    assertEquals(logVar, perChannel[ch * 2 * d + d + k], 1e-3);
                }
                double m = all / (c * p);
                assertEquals(m, mean.pooled().getFloat(0, k), 1e-5);
                assertEquals(m, pooled[k], 1e-5);
                assertEquals(Math.log(allSquares / (c * p) - m * m + 1e-6), pooled[d + k], 1e-3);
            }
        }
    }

    @Test
    void saveThenLoadGivesBitIdenticalOutputs(@TempDir Path dir) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            DeeperBrainConfig config = DeeperBrainFixtures.small();
            DeeperBrainModel saved = DeeperBrainFixtures.initialised(config, manager, 21);
            NDList batch = DeeperBrainFixtures.batch(manager, NAMES, new boolean[] {true, false, true}, 2, 3, 9);
            ParameterStore store = new ParameterStore(manager, false);
            float[] expected = saved.reconstruct(store, batch).toFloatArray();
            float expectedLoss = saved.loss(store, batch, false).getFloat();
            Path file = dir.resolve("deeperbrain.safetensors");
            StateDict.save(saved.block(), file);

            DeeperBrainModel loaded = DeeperBrainFixtures.initialised(config, manager, 22);
            assertFalse(Arrays.equals(expected, loaded.reconstruct(store, batch).toFloatArray()));
            StateDict.load(loaded.block(), file);
            assertArrayEquals(expected, loaded.reconstruct(store, batch).toFloatArray(), 0f);
            assertEquals(expectedLoss, loaded.loss(store, batch, false).getFloat(), 0f);
        }
    }
}
