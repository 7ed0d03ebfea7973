package io.neurofm.probe.metrics;

/**
 * A point estimate with a percentile-bootstrap interval.
 *
 * @param estimate   the metric on the original sample
 * @param low        lower bound ((1 - level) / 2 percentile of the resampled metric)
 * @param high       upper bound ((1 + level) / 2 percentile)
 * @param level      coverage, e.g. 0.95
 * @param resamples  resamples requested
 * @param undefined  resamples left out because the metric was undefined on them (e.g. AUROC of a
 *                   resample holding one class only)
 * @param seed       the seed of the resampling
 */
public record Interval(double estimate, double low, double high, double level, int resamples, int undefined,
                       long seed) {
}
