package io.neurofm.family.meggpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.neurofm.nn.StateDict;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Training through the Pretrainable contract: a tiny model memorises, real EEG backpropagates. */
class MegGptTrainingTest {

    /** One optimisation step the way the training loop drives a Pretrainable. */
    static float step(MegGptModel model, Optimizer optimizer, ParameterStore store, NDList batch) {
        float value;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = model.loss(store, batch, true);
            collector.backward(loss);
            value = loss.getFloat();
        }
        for (Parameter p : StateDict.parameters(model.block()).values()) {
            NDArray gradient = p.getArray().getGradient();
            optimizer.update(p.getId(), p.getArray(), gradient);
            gradient.muli(0);
        }
        return value;
    }

    @Test
    void tinyModelMemorisesARepeatedSequence() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MegGptModel model = MegGptFixtures.initialised(
                    MegGptFixtures.small(1).withDropout(0f), manager, 7);
            // Each channel steps through 0, 5, 10, 15, 3, ... (mod 16): the next token is a fixed
            // function of the current one, which a model must learn from scratch.
            int[][][] tokens = new int[2][3][24];
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < 3; c++) {
                    for (int t = 0; t < 24; t++) {
                        tokens[b][c][t] = (5 * t + 3 * c + 7 * b) % 16;
                    }
                }
            }
            NDList batch = MegGptFixtures.batch(manager, tokens);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build();
            ParameterStore store = new ParameterStore(manager, false);
            float first = step(model, adam, store, batch);
            float last = first;
            for (int i = 1; i < 50; i++) {
                last = step(model, adam, store, batch);
            }
            // Chance level is ln 17 = 2.83.
            assertEquals(Math.log(17), first, 0.5);
            assertTrue(last < 0.1f * first, "loss " + first + " -> " + last + " after 50 steps");
        }
    }

    /** Mu-law companding of x in [-1, 1] to one of {@code levels} ids (inline: the tokenizer is separate). */
    static int muLaw(double x, int levels) {
        double mu = levels - 1;
        double clipped = Math.max(-1, Math.min(1, x));
        double y = Math.signum(clipped) * Math.log1p(mu * Math.abs(clipped)) / Math.log1p(mu);
        return (int) Math.round((y + 1) / 2 * mu);
    }

    @Test
    void forwardAndBackwardOnTokensFromRealEeg() throws IOException {
        Path file = Path.of(System.getProperty("neurofm.data", "../../shared/data"))
                .resolve("eeg/eegmmidb_S001R01.edf");
        assertTrue(Files.isRegularFile(file), "shared data file missing: " + file);
        Recording eeg = Readers.read(file, OpenOptions.DEFAULT);
        MegGptConfig tiny = MegGptPreset.TINY.config();
        int steps = tiny.maxLength();
        int levels = tiny.vocabularySize() - 1;
        String[] names = {"Fc5.", "C3..", "Cz..", "O1.."};
        // Two windows (sessions 0 and 1 stand for two recordings) of four channels, each scaled by
        // its own maximum |x| in the window before mu-law.
        int[][][] tokens = new int[2][names.length][steps];
        int[][] channelIds = new int[2][names.length];
        for (int w = 0; w < 2; w++) {
            for (int c = 0; c < names.length; c++) {
                int index = eeg.indexOf(names[c]);
                channelIds[w][c] = index;
                float[] data = eeg.channelData(index);
                int start = 1000 + w * steps;
                double peak = 0;
                for (int t = 0; t < steps; t++) {
                    peak = Math.max(peak, Math.abs(data[start + t]));
                }
                assertTrue(peak > 0, names[c] + " is flat");
                for (int t = 0; t < steps; t++) {
                    tokens[w][c][t] = muLaw(data[start + t] / peak, levels);
                }
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            MegGptModel model = MegGptFixtures.initialised(tiny, manager, 5);
            NDList batch = MegGptFixtures.batch(manager, tokens, channelIds, new int[] {0, 1});
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = model.loss(new ParameterStore(manager, false), batch, true);
                collector.backward(loss);
                // An untrained model is near chance, ln 65 = 4.17.
                assertEquals(Math.log(65), loss.getFloat(), 0.5);
            }
            for (Map.Entry<String, Parameter> e : StateDict.parameters(model.block()).entrySet()) {
                float[] g = e.getValue().getArray().getGradient().toFloatArray();
                double norm = 0;
                for (float v : g) {
                    assertTrue(Float.isFinite(v), e.getKey() + " has a non-finite gradient");
                    norm += v * v;
                }
                assertTrue(norm > 0, e.getKey() + " got no gradient");
            }
        }
    }

    /** A training pass must free what it creates: the model's manager holds the weights (and their gradients) only. */
    @Test
    void trainingPassesLeaveNothingOnTheModelsManager() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MegGptConfig config = MegGptFixtures.small(2);
            MegGptModel model = MegGptFixtures.initialised(config, manager, 5);
            int[][][] tokens = MegGptFixtures.randomTokens(2, 3, 12, config.vocabularySize(), 9);
            Runnable pass = () -> {
                try (NDManager step = manager.newSubManager();
                        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    collector.backward(model.loss(new ParameterStore(step, false), MegGptFixtures.batch(step, tokens), true));
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
