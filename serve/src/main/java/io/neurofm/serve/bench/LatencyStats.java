package io.neurofm.serve.bench;

import java.util.Arrays;

/**
 * Latency percentiles by the nearest-rank rule (the smallest sample with at least p% of samples at
 * or below it), in milliseconds.
 */
public record LatencyStats(int count, double p50Ms, double p99Ms, double meanMs, double maxMs) {
    public static LatencyStats of(long[] nanos) {
        if (nanos.length == 0) {
            return new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return new LatencyStats(sorted.length, percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6,
                sum / sorted.length / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    /** Nearest rank: index ceil(p/100 n) - 1 of the sorted samples. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
