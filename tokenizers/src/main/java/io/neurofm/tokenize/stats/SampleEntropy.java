package io.neurofm.tokenize.stats;

/**
 * Sample entropy (Richman &amp; Moorman 2000). With n = N - m templates x[i..i+m) (i < n), B counts
 * pairs i < j whose templates match (Chebyshev distance <= r) and A counts the pairs whose
 * templates of length m + 1 (x[i..i+m], which exist for every i < n) match too; SampEn = -ln(A / B).
 * Self-matches are excluded (i < j). r is a fraction of the population (ddof 0) standard
 * deviation of the window, computed in numpy's summation order so counts agree exactly with a
 * numpy implementation.
 *
 * <p>Counting walks each diagonal (lag d = j - i) once, tracking the run of consecutive samples
 * with |x[t] - x[t + d]| <= r: a pair matches at length m iff the run reaching its last sample
 * is at least m long. That is one comparison per pair instead of up to m + 1, no allocation,
 * and O(N^2 / 2) time.
 */
public final class SampleEntropy {
    private SampleEntropy() {
    }

    /** The counts behind a sample entropy and its value. */
    public record Result(int m, double r, long a, long b) {
        /**
         * -ln(A / B) with StrictMath (fdlibm), so the same counts give the same bits on every JVM;
         * +Infinity when A = 0 (no m + 1 matches), NaN when B = 0.
         */
        public double value() {
            return -StrictMath.log((double) a / (double) b);
        }

        public boolean isFinite() {
            return a > 0 && b > 0;
        }
    }

    /** Sample entropy with r = rFactor * std(x) (numpy's std, ddof 0). */
    public static Result compute(double[] x, int m, double rFactor) {
        if (!(rFactor >= 0) || !Double.isFinite(rFactor)) {
            throw new IllegalArgumentException("r factor must be finite and >= 0, got " + rFactor);
        }
        double std = NumpySum.std(x, new double[x.length]);
        return withTolerance(x, m, rFactor * std);
    }

    /** Sample entropy with an absolute tolerance r. */
    public static Result withTolerance(double[] x, int m, double r) {
        if (m < 1) {
            throw new IllegalArgumentException("template length m must be >= 1, got " + m);
        }
        if (x.length < m + 2) {
            throw new IllegalArgumentException("sample entropy with m = " + m + " needs at least " + (m + 2)
                    + " samples, got " + x.length);
        }
        if (!(r >= 0)) {
            throw new IllegalArgumentException("tolerance r must be >= 0, got " + r);
        }
        int size = x.length;
        int n = size - m;
        long a = 0;
        long b = 0;
        for (int d = 1; d < n; d++) {
            // pairs (i, i + d) for i in [0, n - d); template i of length m ends at t = i + m - 1,
            // of length m + 1 at t = i + m. The last t is size - 1 - d: there only the length
            // m + 1 template of the last pair ends, every earlier t may end both kinds.
            int last = size - 1 - d;
            int run = 0;
            for (int t = 0; t < last; t++) {
                // counters updated without branches: matches are rare and unpredictable
                run = Math.abs(x[t] - x[t + d]) <= r ? run + 1 : 0;
                b += run >= m ? 1 : 0;
                a += run > m ? 1 : 0;
            }
            run = Math.abs(x[last] - x[last + d]) <= r ? run + 1 : 0;
            a += run > m ? 1 : 0;
        }
        return new Result(m, r, a, b);
    }
}
