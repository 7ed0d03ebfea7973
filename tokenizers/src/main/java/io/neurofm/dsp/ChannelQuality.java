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
 *                        minimum or maximum, and more than twice as many there as at the next
 *                        level inward, is clipped (default 0.01)
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

    /** How many times more common the extreme value must be than the next level inward. */
    static final int SPIKE_RATIO = 2;

    /** Samples at an extreme value and at the nearest distinct value inside it. */
    private record Rail(int count, int nextCount) {
    }

    /** direction +1: the maximum and the largest value below it; -1: the minimum and the smallest above it. */
    private static Rail rail(float[] x, float extreme, int direction) {
        int count = 0;
        float next = direction > 0 ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        for (float v : x) {
            if (v == extreme) {
                count++;
            } else if (Float.isFinite(v) && (direction > 0 ? v > next : v < next)) {
                next = v;
            }
        }
        int nextCount = 0;
        for (float v : x) {
            if (v == next) {
                nextCount++;
            }
        }
        return new Rail(count, nextCount);
    }

    public static ChannelQualityReport checkDefault(Recording r) {
        return DEFAULT.check(r);
    }

    public ChannelQualityReport check(Recording r) {
        int[] data = PerChannel.dataChannels(r);
        ChannelQualityReport.BadChannel[] found = new ChannelQualityReport.BadChannel[data.length];
        PerChannel.indices(data.length, r.sampleCount())
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
            // Clipping piles every sample beyond the rail onto one value, so the extreme value is far
            // more common than the level just inside it. A natural peak is rarer than the levels it
            // passes through, even in coarsely quantised data (where many samples share the extreme).
            List<String> clipped = new ArrayList<>();
            for (int direction : new int[] {+1, -1}) {
                float extreme = direction > 0 ? max : min;
                Rail rail = rail(x, extreme, direction);
                double fraction = (double) rail.count / finite;
                if (fraction > clipFraction && rail.count > SPIKE_RATIO * rail.nextCount) {
                    clipped.add(String.format(java.util.Locale.ROOT, "%.2f%% of samples at the %s (%s), %d at the "
                            + "next level inward", 100 * fraction, direction > 0 ? "maximum" : "minimum", extreme,
                            rail.nextCount));
                }
            }
            if (!clipped.isEmpty()) {
                problems.add(ChannelQualityReport.Problem.CLIPPED);
                details.add("clipped: " + String.join("; ", clipped));
            }
        }
        return problems.isEmpty() ? null : new ChannelQualityReport.BadChannel(name, problems, details);
    }
}
