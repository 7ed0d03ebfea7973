package io.neurofm.tokenize.gru;

import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Recording;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The z-score statistics of one channel name over all the training recordings that have it
 * (pooled: mean and variance of every sample of that name, ddof 0), with the type and unit
 * decode restores.
 */
record ChannelStats(String name, ChannelType type, String unit, double mean, double std, long samples) {
    ChannelStats {
        if (!Double.isFinite(mean) || !(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("channel " + name + ": mean " + mean + " and std " + std
                    + " must be finite with a positive std");
        }
    }

    /**
     * Pooled statistics per data channel name (STIM/MISC channels are not tokenized), in order of
     * first appearance. Callers have already refused non-finite samples.
     *
     * @throws IllegalArgumentException for a flat channel or one name with two types
     */
    static List<ChannelStats> fit(List<Recording> recordings) {
        Map<String, double[]> moments = new LinkedHashMap<>(); // count, mean, M2
        Map<String, Recording> firstSeen = new LinkedHashMap<>();
        for (Recording r : recordings) {
            for (int c = 0; c < r.channelCount(); c++) {
                if (!r.channel(c).type().isData()) {
                    continue;
                }
                String name = r.channel(c).name();
                Recording first = firstSeen.putIfAbsent(name, r);
                if (first != null && first.channel(first.indexOf(name)).type() != r.channel(c).type()) {
                    throw new IllegalArgumentException("channel " + name + " is " + first.channel(first.indexOf(name))
                            .type() + " in one recording and " + r.channel(c).type() + " in another");
                }
                double[] m = moments.computeIfAbsent(name, k -> new double[3]);
                merge(m, r.channelData(c));
            }
        }
        List<ChannelStats> out = new ArrayList<>();
        for (Map.Entry<String, double[]> e : moments.entrySet()) {
            double[] m = e.getValue();
            double std = Math.sqrt(m[2] / m[0]);
            if (!(std > 0)) {
                throw new IllegalArgumentException("channel " + e.getKey() + " is flat (zero standard deviation) in the "
                        + "training data; drop it or mark it bad first");
            }
            Recording r = firstSeen.get(e.getKey());
            var ch = r.channel(r.indexOf(e.getKey()));
            out.add(new ChannelStats(e.getKey(), ch.type(), ch.unit(), m[1], std, (long) m[0]));
        }
        return out;
    }

    /** Chan et al.'s parallel merge of one more block of samples into (count, mean, M2). */
    private static void merge(double[] m, float[] x) {
        if (x.length == 0) {
            return;
        }
        double mean = 0;
        for (float v : x) {
            mean += v;
        }
        mean /= x.length;
        double m2 = 0;
        for (float v : x) {
            double d = v - mean;
            m2 += d * d;
        }
        double n = m[0] + x.length;
        double delta = mean - m[1];
        m[2] += m2 + delta * delta * m[0] * x.length / n;
        m[1] += delta * x.length / n;
        m[0] = n;
    }

    float[] zscore(float[] x) {
        float[] out = new float[x.length];
        for (int t = 0; t < x.length; t++) {
            out[t] = (float) ((x[t] - mean) / std);
        }
        return out;
    }

    float[] unscale(float[] z) {
        float[] out = new float[z.length];
        for (int t = 0; t < z.length; t++) {
            out[t] = (float) (z[t] * std + mean);
        }
        return out;
    }
}
