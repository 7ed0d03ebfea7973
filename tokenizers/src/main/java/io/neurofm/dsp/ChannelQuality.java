package io.neurofm.dsp;

import io.neurofm.signal.Recording;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds signal channels that should not go into a model: non-finite samples, flat lines and
 * clipping. Thresholds are in the channel's SI unit (volts for EEG).
 *
 * @param flatPeakToPeak  a channel whose peak-to-peak range is at or below this is flat
 *                        (default 1e-9 V = 1 nV, far below any real EEG)
 * @param clipFraction    a channel with more than this fraction of samples exactly at its own
 *                        minimum or maximum is clipped (default 0.01: real signals touch their
 *                        extremes once or a few times, a clipped one sits there)
 */
public record ChannelQuality(double flatPeakToPeak, double clipFraction) {
    public static final ChannelQuality DEFAULT = new ChannelQuality(1e-9, 0.01);

    public ChannelQuality {
        if (!(flatPeakToPeak >= 0) || !Double.isFinite(flatPeakToPeak)) {
            throw new IllegalArgumentException("flat threshold must be finite and >= 0, got " + flatPeakToPeak);
        }
        if (!(clipFraction > 0 && clipFraction < 1)) {
            throw new IllegalArgumentException("clip fraction must be in (0, 1), got " + clipFraction);
        }
    }

    public static ChannelQualityReport checkDefault(Recording r) {
        return DEFAULT.check(r);
    }

    public ChannelQualityReport check(Recording r) {
        int[] data = ChannelMap.dataChannels(r);
        ChannelQualityReport.BadChannel[] found = new ChannelQualityReport.BadChannel[data.length];
        java.util.stream.IntStream.range(0, data.length).parallel()
                .forEach(i -> found[i] = inspect(r.channel(data[i]).name(), r.channelData(data[i])));
        List<String> checked = new ArrayList<>();
        List<ChannelQualityReport.BadChannel> bad = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            checked.add(r.channel(data[i]).name());
            if (found[i] != null) {
                bad.add(found[i]);
            }
        }
        return new ChannelQualityReport(checked, bad);
    }

    /** The channel's problems, or null when it is fine. */
    ChannelQualityReport.BadChannel inspect(String name, float[] x) {
        List<ChannelQualityReport.Problem> problems = new ArrayList<>();
        List<String> details = new ArrayList<>();
        int nonFinite = 0;
        int firstBad = -1;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int t = 0; t < x.length; t++) {
            float v = x[t];
            if (!Float.isFinite(v)) {
                if (nonFinite++ == 0) {
                    firstBad = t;
                }
                continue;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (nonFinite > 0) {
            problems.add(ChannelQualityReport.Problem.NON_FINITE);
            details.add(nonFinite + " NaN/Inf samples, first at sample " + firstBad);
        }
        int finite = x.length - nonFinite;
        if (finite == 0) {
            return new ChannelQualityReport.BadChannel(name, problems, details);
        }
        double peakToPeak = (double) max - min;
        if (peakToPeak <= flatPeakToPeak) {
            problems.add(ChannelQualityReport.Problem.FLAT);
            details.add("flat: peak-to-peak " + peakToPeak + " <= " + flatPeakToPeak);
        } else {
            int atMin = 0;
            int atMax = 0;
            for (float v : x) {
                if (v == min) {
                    atMin++;
                } else if (v == max) {
                    atMax++;
                }
            }
            double fraction = (double) Math.max(atMin, atMax) / finite;
            if (fraction > clipFraction) {
                problems.add(ChannelQualityReport.Problem.CLIPPED);
                details.add(String.format(java.util.Locale.ROOT, "clipped: %.2f%% of samples at the %s (%s)",
                        100 * fraction, atMax >= atMin ? "maximum" : "minimum", atMax >= atMin ? max : min));
            }
        }
        return problems.isEmpty() ? null : new ChannelQualityReport.BadChannel(name, problems, details);
    }
}
