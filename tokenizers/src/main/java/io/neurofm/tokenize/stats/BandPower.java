package io.neurofm.tokenize.stats;

import java.util.List;

/**
 * Band power from a Welch PSD: the sum of the PSD bins whose frequency f satisfies
 * low <= f < effectiveHigh, times the bin width df (a rectangle rule on the bin grid; the
 * Nyquist bin is never inside a band, since effectiveHigh <= fs / 2). Relative band power
 * divides each band's power by the sum over the bands.
 *
 * <p>A plan for one Welch grid and band list: the bin ranges are found once. Every band must
 * hold at least one bin (a coarser grid is refused: its power would be identically zero).
 */
public final class BandPower {
    private final List<FrequencyBand> bands;
    private final int[] first;
    private final int[] count;
    private final double df;

    public BandPower(Welch welch, List<FrequencyBand> bands, NyquistPolicy policy) {
        if (bands.isEmpty()) {
            throw new IllegalArgumentException("band power needs at least one band");
        }
        this.bands = List.copyOf(bands);
        this.first = new int[bands.size()];
        this.count = new int[bands.size()];
        this.df = welch.binWidth();
        for (int b = 0; b < bands.size(); b++) {
            FrequencyBand band = bands.get(b);
            double high = band.effectiveHigh(welch.samplingRate(), policy);
            int lo = -1;
            int n = 0;
            for (int k = 0; k < welch.binCount(); k++) {
                double f = welch.frequency(k);
                if (f >= band.low() && f < high) {
                    if (lo < 0) {
                        lo = k;
                    }
                    n++;
                }
            }
            if (n == 0) {
                throw new IllegalArgumentException("band " + band + " holds no Welch bin: the bins are " + df
                        + " Hz apart (nperseg = " + welch.nperseg() + " at " + welch.samplingRate()
                        + " Hz); use longer Welch segments");
            }
            first[b] = lo;
            count[b] = n;
        }
    }

    public List<FrequencyBand> bands() {
        return bands;
    }

    /** First bin index of band b. */
    public int firstBin(int b) {
        return first[b];
    }

    /** Number of bins in band b. */
    public int binCount(int b) {
        return count[b];
    }

    /** Absolute power per band (units^2), summed in numpy's order. */
    public double[] absolute(double[] psd) {
        double[] out = new double[bands.size()];
        for (int b = 0; b < out.length; b++) {
            out[b] = NumpySum.sum(psd, first[b], count[b]) * df;
        }
        return out;
    }

    /** Each band's share of the summed band power; refuses an all-zero (flat) spectrum. */
    public static double[] relative(double[] absolute) {
        double total = NumpySum.sum(absolute);
        if (!(total > 0) || !Double.isFinite(total)) {
            throw new IllegalArgumentException("total band power is " + total
                    + "; relative band power needs a signal with power in the bands (a flat channel has none)");
        }
        double[] out = new double[absolute.length];
        for (int b = 0; b < out.length; b++) {
            out[b] = absolute[b] / total;
        }
        return out;
    }
}
