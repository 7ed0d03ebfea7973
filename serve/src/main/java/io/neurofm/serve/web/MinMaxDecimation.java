package io.neurofm.serve.web;

/**
 * Shrinks a trace for plotting without hiding spikes: the samples are cut into consecutive buckets
 * and each bucket contributes its minimum and its maximum, in the order they occur. A plain
 * every-k-th-sample decimation would drop a one-sample artefact; min/max keeps the envelope that a
 * full-resolution plot would show at the same pixel width.
 */
public final class MinMaxDecimation {
    private MinMaxDecimation() {}

    /** Samples per bucket so that {@code n} samples give at most {@code maxPoints} points (2 per bucket). */
    public static int bucketSize(int n, int maxPoints) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException("maxPoints must be >= 2, got " + maxPoints);
        }
        if (n <= maxPoints) {
            return 1;
        }
        int buckets = maxPoints / 2;
        return (n + buckets - 1) / buckets;
    }

    /**
     * The decimated trace: {@code x} itself (copied) when {@code bucket == 1}, else two values per
     * bucket (the trailing bucket may be shorter; a one-sample bucket gives its sample twice).
     */
    public static float[] decimate(float[] x, int bucket) {
        if (bucket < 1) {
            throw new IllegalArgumentException("bucket must be >= 1, got " + bucket);
        }
        if (bucket == 1) {
            return x.clone();
        }
        int buckets = (x.length + bucket - 1) / bucket;
        float[] out = new float[2 * buckets];
        for (int b = 0; b < buckets; b++) {
            int from = b * bucket;
            int to = Math.min(x.length, from + bucket);
            int lo = from;
            int hi = from;
            for (int i = from + 1; i < to; i++) {
                if (x[i] < x[lo]) {
                    lo = i;
                }
                if (x[i] > x[hi]) {
                    hi = i;
                }
            }
            out[2 * b] = x[Math.min(lo, hi)];
            out[2 * b + 1] = x[Math.max(lo, hi)];
        }
        return out;
    }
}
