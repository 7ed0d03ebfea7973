package io.neurofm.pretrain;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.neurofm.family.deeperbrain.DeeperBrainBatch;
import io.neurofm.family.deeperbrain.PatchMasking;
import io.neurofm.signal.Position;
import io.neurofm.train.Seeds;
import io.neurofm.train.TrainingData;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * DeeperBrain batches {@code (patches [B, C, P, L], positions, known, mask[, statistics])} from
 * {@link EegWindowSamples.Sample}s: volts times the one input scale, cut into patches of L; the
 * statistics standardised with the training set's moments (left out when lambda = 0).
 *
 * <p>Masks are a pure function of the indices, so a resumed run sees the same ones: a training
 * batch draws its masks from a generator seeded by the seed and the batch's indices (so a sample
 * gets other masks in other batches); a validation sample always gets the same mask.
 */
final class DeeperBrainData implements TrainingData {
    private final List<EegWindowSamples.Sample> samples;
    private final float scale;
    private final int patchLength;
    private final double maskRatio;
    private final double[][] moments;
    private final long seed;
    private final boolean fixedMasks;

    /**
     * @param moments    training statistics mean and std, or null to leave the statistics out
     * @param fixedMasks one mask per sample (validation) instead of one per batch composition
     */
    DeeperBrainData(List<EegWindowSamples.Sample> samples, double scale, int patchLength, double maskRatio,
            double[][] moments, long seed, boolean fixedMasks) {
        int window = samples.get(0).signal()[0].length;
        if (window % patchLength != 0) {
            throw new IllegalArgumentException("windows of " + window + " samples are not whole patches of "
                    + patchLength);
        }
        this.samples = List.copyOf(samples);
        this.scale = (float) scale;
        this.patchLength = patchLength;
        this.maskRatio = maskRatio;
        this.moments = moments;
        this.seed = seed;
        this.fixedMasks = fixedMasks;
    }

    /** Every {@code i * n / max}-th sample, so a cap still spans every recording. */
    static List<EegWindowSamples.Sample> spaced(List<EegWindowSamples.Sample> all, int max) {
        if (max == 0 || max >= all.size()) {
            return all;
        }
        return java.util.stream.IntStream.range(0, max).mapToObj(i -> all.get((int) ((long) i * all.size() / max)))
                .toList();
    }

    @Override
    public int size() {
        return samples.size();
    }

    /** Tokens of a sample: C x P patches. */
    @Override
    public long tokensPerSample() {
        EegWindowSamples.Sample s = samples.get(0);
        return (long) s.signal().length * (s.signal()[0].length / patchLength);
    }

    @Override
    public NDList batch(NDManager manager, int[] indices) {
        int b = indices.length;
        int c = samples.get(0).signal().length;
        int p = samples.get(0).signal()[0].length / patchLength;
        float[][][][] patches = new float[b][c][p][patchLength];
        Position[][] positions = new Position[b][];
        float[][] statistics = moments == null ? null : new float[b][];
        float[][][] mask = new float[b][][];
        Random batchRandom = new Random(Seeds.mix(seed, Arrays.hashCode(indices)));
        for (int i = 0; i < b; i++) {
            EegWindowSamples.Sample s = samples.get(indices[i]);
            for (int ch = 0; ch < c; ch++) {
                float[] row = s.signal()[ch];
                for (int k = 0; k < p; k++) {
                    for (int t = 0; t < patchLength; t++) {
                        patches[i][ch][k][t] = row[k * patchLength + t] * scale;
                    }
                }
            }
            positions[i] = s.positions();
            Random random = fixedMasks ? new Random(Seeds.mix(seed, indices[i])) : batchRandom;
            mask[i] = PatchMasking.random(1, c, p, maskRatio, random)[0];
            if (statistics != null) {
                double[] raw = s.statistics();
                statistics[i] = new float[raw.length];
                for (int d = 0; d < raw.length; d++) {
                    statistics[i][d] = (float) ((raw[d] - moments[0][d]) / moments[1][d]);
                }
            }
        }
        return DeeperBrainBatch.of(manager, patches, positions, mask, statistics);
    }
}
