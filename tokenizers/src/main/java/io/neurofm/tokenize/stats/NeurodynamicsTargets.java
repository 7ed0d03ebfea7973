package io.neurofm.tokenize.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Neurodynamics statistics of one window of C channels: the regression targets of
 * neurodynamics-statistics prediction (NSP) pretraining. Arrays are copied in and out.
 *
 * <p>{@link #flat()} lays them out in this fixed order (B power bands, P PAC phase bands):
 * <ol>
 *   <li>relative band power, channel-major: [c * B + b], C * B values</li>
 *   <li>PLV for every pair i < j in row-major order (numpy's triu_indices(C, 1)): C (C - 1) / 2 values</li>
 *   <li>each channel's mean PLV with the other C - 1 channels: C values</li>
 *   <li>normalised PAC, channel-major: [c * P + p], C * P values</li>
 *   <li>sample entropy per channel: C values</li>
 * </ol>
 * {@link #labels()} names each position ("rbp/Cz/alpha", "plv/Cz/Pz", "plv_mean/Cz",
 * "pac/Cz/theta-gamma", "sampen/Cz").
 *
 * @param relativeBandPower [channel][band], each row sums to 1
 * @param plvPairs          PLV of pairs (0,1), (0,2), ..., (0,C-1), (1,2), ...
 * @param plvChannelMean    [channel] mean PLV with every other channel
 * @param pac               [channel][phase band] mean vector length / mean amplitude
 * @param sampleEntropy     [channel]
 */
public record NeurodynamicsTargets(List<String> channels, List<String> bandNames, List<String> pacNames,
                                   double[][] relativeBandPower, double[] plvPairs, double[] plvChannelMean,
                                   double[][] pac, double[] sampleEntropy) {
    public NeurodynamicsTargets {
        channels = List.copyOf(channels);
        bandNames = List.copyOf(bandNames);
        pacNames = List.copyOf(pacNames);
        int c = channels.size();
        relativeBandPower = copy(relativeBandPower, c, bandNames.size(), "relativeBandPower");
        pac = copy(pac, c, pacNames.size(), "pac");
        plvPairs = copy(plvPairs, c * (c - 1) / 2, "plvPairs");
        plvChannelMean = copy(plvChannelMean, c, "plvChannelMean");
        sampleEntropy = copy(sampleEntropy, c, "sampleEntropy");
    }

    public int channelCount() {
        return channels.size();
    }

    /** Length of {@link #flat()} for C channels, B bands and P PAC phase bands. */
    public static int flatLength(int c, int bands, int pacBands) {
        return c * bands + c * (c - 1) / 2 + c + c * pacBands + c;
    }

    /** PLV of channels i and j (i != j) from the pair vector. */
    public double plv(int i, int j) {
        if (i == j) {
            return 1.0;
        }
        int a = Math.min(i, j);
        int b = Math.max(i, j);
        int c = channels.size();
        return plvPairs[a * c - a * (a + 1) / 2 + (b - a - 1)];
    }

    /** All targets as one float vector in the documented order. */
    public float[] flat() {
        int c = channels.size();
        float[] out = new float[flatLength(c, bandNames.size(), pacNames.size())];
        int k = 0;
        for (double[] row : relativeBandPower) {
            for (double v : row) {
                out[k++] = (float) v;
            }
        }
        for (double v : plvPairs) {
            out[k++] = (float) v;
        }
        for (double v : plvChannelMean) {
            out[k++] = (float) v;
        }
        for (double[] row : pac) {
            for (double v : row) {
                out[k++] = (float) v;
            }
        }
        for (double v : sampleEntropy) {
            out[k++] = (float) v;
        }
        return out;
    }

    /** One name per {@link #flat()} position. */
    public List<String> labels() {
        List<String> out = new ArrayList<>();
        for (String ch : channels) {
            for (String band : bandNames) {
                out.add("rbp/" + ch + "/" + band);
            }
        }
        for (int i = 0; i < channels.size(); i++) {
            for (int j = i + 1; j < channels.size(); j++) {
                out.add("plv/" + channels.get(i) + "/" + channels.get(j));
            }
        }
        for (String ch : channels) {
            out.add("plv_mean/" + ch);
        }
        for (String ch : channels) {
            for (String p : pacNames) {
                out.add("pac/" + ch + "/" + p);
            }
        }
        for (String ch : channels) {
            out.add("sampen/" + ch);
        }
        return out;
    }

    @Override
    public double[][] relativeBandPower() {
        return copy(relativeBandPower, relativeBandPower.length, bandNames.size(), "relativeBandPower");
    }

    @Override
    public double[] plvPairs() {
        return plvPairs.clone();
    }

    @Override
    public double[] plvChannelMean() {
        return plvChannelMean.clone();
    }

    @Override
    public double[][] pac() {
        return copy(pac, pac.length, pacNames.size(), "pac");
    }

    @Override
    public double[] sampleEntropy() {
        return sampleEntropy.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NeurodynamicsTargets t && channels.equals(t.channels) && bandNames.equals(t.bandNames)
                && pacNames.equals(t.pacNames) && Arrays.deepEquals(relativeBandPower, t.relativeBandPower)
                && Arrays.equals(plvPairs, t.plvPairs) && Arrays.equals(plvChannelMean, t.plvChannelMean)
                && Arrays.deepEquals(pac, t.pac) && Arrays.equals(sampleEntropy, t.sampleEntropy);
    }

    @Override
    public int hashCode() {
        return channels.hashCode() * 31 + Arrays.hashCode(sampleEntropy);
    }

    @Override
    public String toString() {
        return "NeurodynamicsTargets[" + channels.size() + " channels, " + bandNames + ", PAC " + pacNames
                + ", flat length " + flatLength(channels.size(), bandNames.size(), pacNames.size()) + "]";
    }

    private static double[][] copy(double[][] rows, int n, int width, String what) {
        if (rows == null || rows.length != n) {
            throw new IllegalArgumentException(what + " needs " + n + " rows, got " + (rows == null ? 0 : rows.length));
        }
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = copy(rows[i], width, what + "[" + i + "]");
        }
        return out;
    }

    private static double[] copy(double[] values, int n, String what) {
        if (values == null || values.length != n) {
            throw new IllegalArgumentException(what + " needs " + n + " values, got "
                    + (values == null ? 0 : values.length));
        }
        return values.clone();
    }
}
