package io.neurofm.tokenize;

import io.neurofm.dsp.Statistics;
import io.neurofm.signal.Channel;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One token per sample per channel: the channel is z-scored with its training mean and standard
 * deviation (numpy's, ddof 0, pooled over the training recordings), then binned into N equally
 * populated bins whose edges are the percentiles {@code 100 k / N} (k = 0..N, numpy's linear
 * method) of all z-scored training samples pooled over channels. A value's id is
 * {@code numpy.digitize(z, edges[1:-1])}, so values beyond the outer edges fall in the end bins.
 * Decoding gives the bin's centre (the median of the training values in that bin; the middle of
 * its edges for a bin no training value fell in) times std plus mean.
 *
 * <p>Fitting holds every training sample as a double at once (8 bytes each).
 */
public final class QuantileTokenizer implements Tokenizer {
    public static final String TYPE = "quantile";
    public static final int DEFAULT_BINS = 256;

    private final double samplingRate;
    private final ChannelTable channels;
    private final double[] mean;
    private final double[] std;
    private final float[] edges;
    private final float[] centres;

    private QuantileTokenizer(double samplingRate, ChannelTable channels, double[] mean, double[] std, float[] edges,
                              float[] centres) {
        this.samplingRate = samplingRate;
        this.channels = channels;
        this.mean = mean;
        this.std = std;
        this.edges = edges;
        this.centres = centres;
    }

    public static QuantileTokenizer fit(List<Recording> training, int bins) throws SignalException {
        if (bins < 2 || bins > 65536) {
            throw new IllegalArgumentException("bins must be in 2..65536, got " + bins);
        }
        WindowChecks.requireRecordings(training, TYPE);
        ChannelTable table = ChannelTable.union(training);
        int n = table.size();
        double[] sum = new double[n];
        long[] count = new long[n];
        long total = 0;
        for (Recording r : training) {
            for (int c = 0; c < r.channelCount(); c++) {
                int i = table.indexOf(r.channel(c).name());
                for (int t = 0; t < r.sampleCount(); t++) {
                    sum[i] += r.sample(c, t);
                }
                count[i] += r.sampleCount();
                total += r.sampleCount();
            }
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new SignalException(null, "the quantile tokenizer pools every training sample; " + total
                    + " samples are too many: fit it on a subset");
        }
        double[] mean = new double[n];
        for (int i = 0; i < n; i++) {
            mean[i] = sum[i] / count[i];
        }
        double[] squares = new double[n];
        for (Recording r : training) {
            for (int c = 0; c < r.channelCount(); c++) {
                int i = table.indexOf(r.channel(c).name());
                for (int t = 0; t < r.sampleCount(); t++) {
                    double d = r.sample(c, t) - mean[i];
                    squares[i] += d * d;
                }
            }
        }
        double[] std = new double[n];
        for (int i = 0; i < n; i++) {
            std[i] = Math.sqrt(squares[i] / count[i]);
            if (!(std[i] > 0)) {
                throw new SignalException(null, "channel " + table.names().get(i)
                        + " is constant in the training recordings: it cannot be z-scored; drop it first");
            }
        }
        double[] pooled = new double[(int) total];
        int k = 0;
        for (Recording r : training) {
            for (int c = 0; c < r.channelCount(); c++) {
                int i = table.indexOf(r.channel(c).name());
                for (int t = 0; t < r.sampleCount(); t++) {
                    pooled[k++] = (r.sample(c, t) - mean[i]) / std[i];
                }
            }
        }
        Arrays.sort(pooled);
        float[] edges = new float[bins + 1];
        for (int b = 0; b <= bins; b++) {
            edges[b] = (float) Statistics.percentileOfSorted(pooled, 100.0 * b / bins);
        }
        float[] centres = new float[bins];
        for (int b = 0; b < bins; b++) {
            int from = b == 0 ? 0 : firstAtLeast(pooled, edges[b]);
            int to = b == bins - 1 ? pooled.length : firstAtLeast(pooled, edges[b + 1]);
            centres[b] = (float) (to > from ? median(pooled, from, to) : (edges[b] + (double) edges[b + 1]) / 2);
        }
        return new QuantileTokenizer(training.get(0).samplingRate(), table, mean, std, edges, centres);
    }

    private static int firstAtLeast(double[] sorted, double value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double median(double[] sorted, int from, int to) {
        int n = to - from;
        return n % 2 == 1 ? sorted[from + n / 2] : (sorted[from + n / 2 - 1] + sorted[from + n / 2]) / 2;
    }

    static QuantileTokenizer fromState(TokenizerState state) {
        StateFields fields = new StateFields(state, TYPE);
        int bins = fields.integer("bins", 2, 65536);
        ChannelTable table = ChannelTable.read(fields);
        float[] edges = fields.tensor("edges", bins + 1);
        for (int b = 0; b < bins; b++) {
            if (edges[b + 1] < edges[b]) {
                throw new InvalidStateException("tensors.edges", "non-decreasing bin edges",
                        edges[b] + " then " + edges[b + 1] + " at " + b);
            }
        }
        return new QuantileTokenizer(fields.positive("sampling_rate"), table,
                fields.numbers("mean", table.size(), false), fields.numbers("std", table.size(), true), edges,
                fields.tensor("centres", bins));
    }

    @Override
    public String type() {
        return TYPE;
    }

    public int bins() {
        return centres.length;
    }

    public double samplingRate() {
        return samplingRate;
    }

    /** The bin edges in z units, N + 1 of them. */
    public float[] edges() {
        return edges.clone();
    }

    /** Each bin's decoded value in z units. */
    public float[] centres() {
        return centres.clone();
    }

    /** Fitted mean and standard deviation per channel. */
    public Map<String, double[]> channelStatistics() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int i = 0; i < mean.length; i++) {
            out.put(channels.names().get(i), new double[] {mean[i], std[i]});
        }
        return out;
    }

    @Override
    public Tokens encode(Recording window) throws SignalException {
        WindowChecks.requireSamples(window, 1, TYPE);
        WindowChecks.requireRate(window, samplingRate, TYPE);
        int[] rows = channels.rowsOf(window, TYPE);
        WindowChecks.requireFinite(window, TYPE);
        int[][] ids = new int[rows.length][window.sampleCount()];
        for (int c = 0; c < rows.length; c++) {
            double m = mean[rows[c]];
            double s = std[rows[c]];
            for (int t = 0; t < ids[c].length; t++) {
                ids[c][t] = bin((window.sample(c, t) - m) / s);
            }
        }
        return new Tokens(window.channelNames(), WindowChecks.positions(window), ids, null, null, bins(),
                1 / samplingRate, samplingRate);
    }

    /** numpy.digitize(z, edges[1:-1]): how many inner edges are <= z. */
    int bin(double z) {
        int lo = 1;
        int hi = edges.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] <= z) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    @Override
    public boolean invertible() {
        return true;
    }

    @Override
    public Recording decode(Tokens tokens) throws SignalException {
        if (!tokens.isDiscrete() || tokens.vocabularySize() != bins()) {
            throw new SignalException(null, "quantile decoding needs discrete tokens with " + bins() + " ids, got "
                    + (tokens.isDiscrete() ? tokens.vocabularySize() + " ids" : "vectors"));
        }
        if (Math.abs(tokens.samplingRate() - samplingRate) > 1e-9 * samplingRate) {
            throw new SignalException(null, "tokens made at " + tokens.samplingRate() + " Hz, this quantile "
                    + "tokenizer works at " + samplingRate + " Hz");
        }
        int[] rows = channels.rowsOf(tokens.channels(), TYPE);
        float[][] samples = new float[rows.length][tokens.steps()];
        List<Channel> out = new ArrayList<>();
        for (int c = 0; c < rows.length; c++) {
            for (int t = 0; t < samples[c].length; t++) {
                int id = tokens.ids()[c][t];
                if (id < 0 || id >= bins()) {
                    throw new SignalException(null, "token id " + id + " of channel " + tokens.channels().get(c)
                            + " at step " + t + " is outside 0.." + (bins() - 1));
                }
                samples[c][t] = (float) (centres[id] * std[rows[c]] + mean[rows[c]]);
            }
            out.add(channels.channel(rows[c], samplingRate, tokens.positions().get(c)));
        }
        return new Recording(out, samples, samplingRate, List.of(), RecordingIds.NONE, null, 0,
                List.of(Transform.of("detokenize", "tokenizer", TYPE, "bins", bins())));
    }

    @Override
    public TokenizerState state() {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("bins", bins());
        config.put("sampling_rate", samplingRate);
        config.put("binning", "z-score per channel, pooled-percentile edges (numpy linear), numpy.digitize");
        channels.write(config);
        StateFields.array(config, "mean", mean);
        StateFields.array(config, "std", std);
        Map<String, TokenizerState.Tensor> tensors = new LinkedHashMap<>();
        tensors.put("edges", TokenizerState.Tensor.vector(edges));
        tensors.put("centres", TokenizerState.Tensor.vector(centres));
        return new TokenizerState(TYPE, config, tensors);
    }
}
