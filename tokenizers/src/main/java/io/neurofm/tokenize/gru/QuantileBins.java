package io.neurofm.tokenize.gru;

import io.neurofm.signal.Recording;
import java.util.Arrays;

/**
 * The benchmark's untrained baseline at the same bits per sample: equal-frequency bins of the
 * z-scored training samples (all channels pooled, each z-scored with the tokenizer's own
 * statistics), each sample replaced by its bin's median.
 */
final class QuantileBins {
    private final double[] edges;
    private final double[] centres;
    private final GruTokenizer tokenizer;

    private QuantileBins(double[] edges, double[] centres, GruTokenizer tokenizer) {
        this.edges = edges;
        this.centres = centres;
        this.tokenizer = tokenizer;
    }

    static QuantileBins fit(java.util.List<Recording> train, GruTokenizer tokenizer, int bins) {
        int total = train.stream().mapToInt(r -> r.sampleCount() * r.channelCount()).sum();
        double[] all = new double[total];
        int i = 0;
        for (Recording r : train) {
            for (int c = 0; c < r.channelCount(); c++) {
                if (!r.channel(c).type().isData()) {
                    continue;
                }
                for (float v : stats(tokenizer, r.channel(c).name()).zscore(r.channelData(c))) {
                    all[i++] = v;
                }
            }
        }
        double[] sorted = Arrays.copyOf(all, i);
        Arrays.sort(sorted);
        double[] edges = new double[bins - 1];
        double[] centres = new double[bins];
        for (int b = 0; b < bins; b++) {
            int lo = (int) ((long) b * sorted.length / bins);
            int hi = (int) ((long) (b + 1) * sorted.length / bins);
            centres[b] = sorted[(lo + Math.max(lo, hi - 1)) / 2];
            if (b > 0) {
                edges[b - 1] = sorted[lo];
            }
        }
        return new QuantileBins(edges, centres, tokenizer);
    }

    Recording roundTrip(Recording r) {
        float[][] out = new float[r.channelCount()][];
        for (int c = 0; c < r.channelCount(); c++) {
            ChannelStats s = stats(tokenizer, r.channel(c).name());
            float[] z = s.zscore(r.channelData(c));
            for (int t = 0; t < z.length; t++) {
                int pos = Arrays.binarySearch(edges, z[t]);
                int bin = pos >= 0 ? pos + 1 : -pos - 1;
                z[t] = (float) centres[bin];
            }
            out[c] = s.unscale(z);
        }
        return r.withSamples(out, io.neurofm.signal.Transform.of("quantile-baseline", "bins", centres.length));
    }

    private static ChannelStats stats(GruTokenizer tokenizer, String name) {
        return tokenizer.stats(name);
    }
}
