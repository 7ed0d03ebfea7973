package io.neurofm.dsp;

import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Per-channel scaling of signal channels (STIM/MISC untouched): fit statistics on one recording,
 * apply them to it or to others. Flat channels (zero std or IQR) cannot be scaled; fitting refuses
 * them by name rather than dividing by zero, so run {@link ChannelQuality} and drop them first.
 */
public final class Scaler {
    private Scaler() {
    }

    public static ScalingStats fit(Recording r, ScalingMethod method) throws SignalException {
        int[] data = PerChannel.dataChannels(r);
        if (data.length == 0) {
            throw new SignalException(null, "no signal channels to fit scaling statistics on");
        }
        if (r.sampleCount() == 0) {
            throw new SignalException(null, "cannot fit scaling statistics on an empty recording");
        }
        PerChannel.requireFinite(r, data, "fitting scaling statistics");
        List<String> names = new ArrayList<>();
        double[] center = new double[data.length];
        double[] scale = new double[data.length];
        PerChannel.indices(data.length, r.sampleCount()).forEach(i -> {
            float[] x = r.channelData(data[i]);
            if (method == ScalingMethod.ZSCORE) {
                center[i] = Statistics.mean(x);
                scale[i] = Statistics.std(x, center[i]);
            } else {
                double[] sorted = Statistics.sorted(x);
                center[i] = Statistics.medianOfSorted(sorted);
                scale[i] = Statistics.percentileOfSorted(sorted, 75) - Statistics.percentileOfSorted(sorted, 25);
            }
        });
        List<String> flat = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            names.add(r.channel(data[i]).name());
            if (!(scale[i] > 0)) {
                flat.add(names.get(i));
            }
        }
        if (!flat.isEmpty()) {
            throw new SignalException(null, "cannot scale flat channels " + flat + ": their "
                    + (method == ScalingMethod.ZSCORE ? "standard deviation" : "interquartile range")
                    + " is zero; drop them or mark them bad first");
        }
        return new ScalingStats(method, names, center, scale);
    }

    /**
     * (x - center) / scale for each signal channel, with statistics matched by channel name.
     *
     * @throws SignalException naming the channels present on one side only
     */
    public static Recording apply(Recording r, ScalingStats stats) throws SignalException {
        int[] data = PerChannel.dataChannels(r);
        Set<String> present = java.util.Arrays.stream(data).mapToObj(c -> r.channel(c).name())
                .collect(Collectors.toSet());
        List<String> missing = stats.channels().stream().filter(n -> !present.contains(n)).toList();
        List<String> unfitted = present.stream().filter(n -> stats.indexOf(n) < 0).sorted().toList();
        if (!missing.isEmpty() || !unfitted.isEmpty()) {
            throw new SignalException(null, "scaling statistics do not match the recording's channels: "
                    + (missing.isEmpty() ? "" : "missing from the recording " + missing)
                    + (!missing.isEmpty() && !unfitted.isEmpty() ? "; " : "")
                    + (unfitted.isEmpty() ? "" : "no statistics for " + unfitted));
        }
        PerChannel.requireFinite(r, data, "scaling");
        double[] center = stats.center();
        double[] scale = stats.scale();
        int[] statIndex = new int[r.channelCount()];
        for (int c : data) {
            statIndex[c] = stats.indexOf(r.channel(c).name());
        }
        float[][] out = new float[r.channelCount()][];
        boolean[] isData = new boolean[r.channelCount()];
        for (int c : data) {
            isData[c] = true;
        }
        PerChannel.indices(r.channelCount(), r.sampleCount()).forEach(c -> {
            float[] x = r.channelData(c);
            if (isData[c]) {
                double m = center[statIndex[c]];
                double s = scale[statIndex[c]];
                for (int t = 0; t < x.length; t++) {
                    x[t] = (float) ((x[t] - m) / s);
                }
            }
            out[c] = x;
        });
        return r.withSamples(out, Transform.of("scale", "method", stats.method().name().toLowerCase(),
                "channels", stats.channels().size(), "units", "dimensionless (channel unit labels unchanged)"));
    }
}
