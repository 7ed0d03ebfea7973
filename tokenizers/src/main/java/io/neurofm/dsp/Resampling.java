package io.neurofm.dsp;

import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Changes a recording's sampling rate. Signal and MISC channels go through
 * {@link PolyphaseResampler} (scipy resample_poly); STIM channels keep their integer codes as
 * MNE does: each output sample takes the first non-zero input value in the span it covers, so no
 * event is smeared or lost. Annotations are in seconds and stay as they are.
 */
public final class Resampling {
    private Resampling() {
    }

    /** Resamples to {@code newRate}; the ratio must be exact in decimal (see {@link ResampleRatio#of}). */
    public static Recording resample(Recording r, double newRate) throws SignalException {
        ResampleRatio ratio;
        try {
            ratio = ResampleRatio.of(r.samplingRate(), newRate);
        } catch (IllegalArgumentException e) {
            throw new SignalException(null, e.getMessage(), e);
        }
        return resample(r, ratio, newRate);
    }

    /** Resamples by {@code up/down}; the new rate is rate * up / down. */
    public static Recording resample(Recording r, ResampleRatio ratio) throws SignalException {
        return resample(r, ratio, r.samplingRate() * ratio.up() / ratio.down());
    }

    private static Recording resample(Recording r, ResampleRatio ratio, double newRate) throws SignalException {
        int[] smooth = IntStream.range(0, r.channelCount())
                .filter(c -> r.channel(c).type() != ChannelType.STIM).toArray();
        PerChannel.requireFinite(r, smooth, "resampling");
        PolyphaseResampler resampler = Designs.resampler(ratio);
        int n = r.sampleCount();
        int nOut = resampler.outputLength(n);
        float[][] out = new float[r.channelCount()][];
        PerChannel.indices(r.channelCount(), n).forEach(c -> out[c] = r.channel(c).type() == ChannelType.STIM
                ? resampleCodes(r.channelData(c), ratio, nOut) : resampler.resample(r.channelData(c)));
        List<Channel> channels = r.channels().stream().map(ch -> ch.withSamplingRate(newRate)).toList();
        return r.derive(channels, out, newRate, r.annotations(), Transform.of("resample", "from_hz", r.samplingRate(),
                "to_hz", newRate, "up", ratio.up(), "down", ratio.down(), "method",
                "resample_poly (kaiser 5.0, constant padding)", "stim", "first non-zero code per output sample"));
    }

    /** MNE's stim-channel resampling: the first non-zero code in each output sample's input span. */
    static float[] resampleCodes(float[] codes, ResampleRatio ratio, int nOut) {
        int n = codes.length;
        float[] out = new float[nOut];
        for (int i = 0; i < nOut; i++) {
            int start = (int) Math.min((long) i * ratio.down() / ratio.up(), n - 1);
            int stop = i + 1 < nOut ? (int) Math.min((long) (i + 1) * ratio.down() / ratio.up(), n - 1) : n;
            float value = codes[start];
            for (int t = start; t < stop; t++) {
                if (codes[t] != 0) {
                    value = codes[t];
                    break;
                }
            }
            out[i] = value;
        }
        return out;
    }
}
