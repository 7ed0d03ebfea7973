package io.neurofm.probe;

/**
 * Per-feature centring and scaling learnt from training samples (sklearn StandardScaler: population
 * standard deviation; a constant feature keeps scale 1 so it maps to 0, not NaN).
 */
public record Standardizer(double[] mean, double[] scale) {
    public Standardizer {
        mean = mean.clone();
        scale = scale.clone();
    }

    public static Standardizer fit(double[][] x) {
        int d = x[0].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= x.length;
        }
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                double c = row[j] - mean[j];
                scale[j] += c * c;
            }
        }
        for (int j = 0; j < d; j++) {
            double sd = Math.sqrt(scale[j] / x.length);
            // sklearn's _handle_zeros_in_scale: near-zero spread is treated as constant
            scale[j] = sd < 10 * Math.ulp(1.0) * Math.max(1, Math.abs(mean[j])) ? 1 : sd;
        }
        return new Standardizer(mean, scale);
    }

    public double[][] apply(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != mean.length) {
                throw new IllegalArgumentException("sample " + i + " has " + x[i].length + " features, the probe was "
                        + "fitted on " + mean.length);
            }
            out[i] = new double[mean.length];
            for (int j = 0; j < mean.length; j++) {
                out[i][j] = (x[i][j] - mean[j]) / scale[j];
            }
        }
        return out;
    }
}
