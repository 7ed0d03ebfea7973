package io.neurofm.dsp;

/** How {@link Scaler} centres and scales each channel. */
public enum ScalingMethod {
    /** (x - mean) / std, std with ddof = 0 (numpy's default). */
    ZSCORE,
    /** (x - median) / IQR, IQR = 75th - 25th percentile with numpy's linear interpolation. */
    ROBUST
}
