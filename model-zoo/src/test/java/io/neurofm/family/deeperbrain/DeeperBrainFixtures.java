package io.neurofm.family.deeperbrain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import io.neurofm.dsp.Resampling;
import io.neurofm.montage.Montage;
import io.neurofm.montage.StandardMontage;
import io.neurofm.nn.StateDict;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Position;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Real EEG patches for the DeeperBrain tests: eegmmidb S001R01 (64 channels, 160 Hz), resampled
 * to 200 Hz, 10-10 positions applied, cut into one-second patches, each channel z-scored over its
 * window (the model expects scaled input).
 */
final class DeeperBrainFixtures {
    static final int RATE = 200;
    static final int L = 200;
    /** EDF names of a few channels spread over the scalp. */
    static final String[] CHANNELS = {"Fc5.", "C3..", "Cz..", "C4..", "Pz..", "O1.."};

    private static Recording eeg;

    private DeeperBrainFixtures() {}

    /** d 32, 4 heads, FF 64, 2 layers, K = E = 4, D = 4, lambda 1, mask 0.5, tau 3 cm, no dropout. */
    static DeeperBrainConfig small() {
        return new DeeperBrainConfig(L, 32, 4, 64, 2, 4, 4, 4, 1f, 0.5f, 0.03f, 0f);
    }

    static synchronized Recording eeg() {
        if (eeg == null) {
            Path file = Path.of(System.getProperty("neurofm.data", "../../shared/data"))
                    .resolve("eeg/eegmmidb_S001R01.edf");
            assertTrue(Files.isRegularFile(file), "shared data file missing: " + file);
            try {
                Recording raw = Readers.read(file, OpenOptions.DEFAULT);
                Recording resampled = Resampling.resample(raw, RATE);
                eeg = Montage.applyStandard(resampled, StandardMontage.TEN_TEN).recording();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return eeg;
    }

    static int index(String name) {
        int i = eeg().indexOf(name);
        assertTrue(i >= 0, name + " not in the recording");
        return i;
    }

    /** [C][P][L] patches of the named channels starting at {@code startSample}, z-scored per channel. */
    static float[][][] patches(String[] names, int startSample, int patches) {
        float[][][] out = new float[names.length][patches][L];
        for (int c = 0; c < names.length; c++) {
            float[] data = eeg().channelData(index(names[c]));
            double sum = 0;
            double squares = 0;
            int n = patches * L;
            for (int i = 0; i < n; i++) {
                sum += data[startSample + i];
                squares += (double) data[startSample + i] * data[startSample + i];
            }
            double mean = sum / n;
            double std = Math.sqrt(Math.max(squares / n - mean * mean, 0));
            assertTrue(std > 0, names[c] + " is flat");
            for (int p = 0; p < patches; p++) {
                for (int t = 0; t < L; t++) {
                    out[c][p][t] = (float) ((data[startSample + p * L + t] - mean) / std);
                }
            }
        }
        return out;
    }

    static Position[] positions(String[] names) {
        Position[] out = new Position[names.length];
        for (int c = 0; c < names.length; c++) {
            out[c] = eeg().channel(index(names[c])).position();
            assertTrue(out[c] != null, names[c] + " got no 10-10 position");
        }
        return out;
    }

    /**
     * Simple per-window statistics standing in for io.neurofm.tokenize.stats: over the raw (µV)
     * signal, the mean log-variance, mean absolute first difference, zero-crossing rate and lag-1
     * autocorrelation, averaged over channels. Length 4 = {@link #small()}'s D.
     */
    static float[] statistics(String[] names, int startSample, int samples) {
        double logVar = 0;
        double lineLength = 0;
        double crossings = 0;
        double lag1 = 0;
        for (String name : names) {
            float[] data = eeg().channelData(index(name));
            double mean = 0;
            for (int i = 0; i < samples; i++) {
                mean += data[startSample + i] * 1e6;
            }
            mean /= samples;
            double var = 0;
            double cov = 0;
            for (int i = 0; i < samples; i++) {
                double x = data[startSample + i] * 1e6 - mean;
                var += x * x;
                if (i > 0) {
                    double prev = data[startSample + i - 1] * 1e6 - mean;
                    cov += x * prev;
                    lineLength += Math.abs(x - prev);
                    crossings += (x > 0) != (prev > 0) ? 1 : 0;
                }
            }
            logVar += Math.log(var / samples);
            lag1 += cov / var;
        }
        int c = names.length;
        return new float[] {(float) (logVar / c), (float) (lineLength / c / samples),
                (float) (crossings / c / samples), (float) (lag1 / c)};
    }

    /**
     * A batch of {@code windows} windows (P patches each, consecutive, from sample 2000) of the
     * named channels; {@code known[c]} false drops channel c's position; masks from seed.
     */
    static NDList batch(NDManager manager, String[] names, boolean[] known, int windows, int patches,
                        long maskSeed) {
        float[][][][] x = new float[windows][][][];
        Position[][] pos = new Position[windows][names.length];
        float[][] stats = new float[windows][];
        Position[] all = positions(names);
        for (int w = 0; w < windows; w++) {
            int start = 2000 + w * patches * L;
            x[w] = patches(names, start, patches);
            stats[w] = statistics(names, start, patches * L);
            for (int c = 0; c < names.length; c++) {
                pos[w][c] = known[c] ? all[c] : null;
            }
        }
        float[][][] mask = PatchMasking.random(windows, names.length, patches, 0.5, new Random(maskSeed));
        return DeeperBrainBatch.of(manager, x, pos, mask, stats);
    }

    static boolean[] allKnown(int channels) {
        boolean[] k = new boolean[channels];
        java.util.Arrays.fill(k, true);
        return k;
    }

    static DeeperBrainModel initialised(DeeperBrainConfig config, NDManager manager, int seed) {
        manager.getEngine().setRandomSeed(seed);
        DeeperBrainModel model = new DeeperBrainModel(config);
        model.initialize(manager);
        return model;
    }

    /** Forward and backward of the loss inside a collector; returns the loss value. */
    static float backward(DeeperBrainModel model, NDManager manager, NDList batch) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = model.loss(new ParameterStore(manager, false), batch, true);
            collector.backward(loss);
            return loss.getFloat();
        }
    }

    /** Squared gradient norm of every parameter, by name (all gradients must be finite). */
    static Map<String, Double> gradientNorms(DeeperBrainModel model) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : StateDict.parameters(model.block()).entrySet()) {
            double norm = 0;
            for (float v : e.getValue().getArray().getGradient().toFloatArray()) {
                assertTrue(Float.isFinite(v), e.getKey() + " has a non-finite gradient");
                norm += (double) v * v;
            }
            out.put(e.getKey(), norm);
        }
        return out;
    }

    /** One optimisation step the way the training loop drives a Pretrainable; returns the loss. */
    static float step(DeeperBrainModel model, Optimizer optimizer, NDManager manager, NDList batch) {
        float value = backward(model, manager, batch);
        for (Parameter p : StateDict.parameters(model.block()).values()) {
            NDArray gradient = p.getArray().getGradient();
            optimizer.update(p.getId(), p.getArray(), gradient);
            gradient.muli(0);
        }
        return value;
    }

    static float[] hidden(DeeperBrainModel model, NDManager manager, NDList batch) {
        return model.network().hidden(new ParameterStore(manager, false), batch, false).toFloatArray();
    }
}
