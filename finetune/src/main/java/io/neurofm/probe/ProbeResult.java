package io.neurofm.probe;

import io.neurofm.probe.metrics.ConfusionMatrix;
import io.neurofm.probe.metrics.Interval;
import io.neurofm.probe.metrics.Metric;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Cross-validated scores of one probe on one data set over several seeds.
 *
 * @param probe     the probe's name
 * @param split     the splitter's description
 * @param classes   class names
 * @param seeds     one entry per seed
 * @param summary   per metric, statistics over seeds of each seed's fold-mean score
 */
public record ProbeResult(String probe, String split, List<String> classes, List<SeedResult> seeds,
                          Map<Metric, SeedSummary> summary) {
    public ProbeResult {
        classes = List.copyOf(classes);
        seeds = List.copyOf(seeds);
        summary = ordered(summary);
    }

    /** An unmodifiable copy iterating in the enum's order, so reports list metrics stably. */
    static <V> Map<Metric, V> ordered(Map<Metric, V> m) {
        EnumMap<Metric, V> copy = new EnumMap<>(Metric.class);
        copy.putAll(m);
        return Collections.unmodifiableMap(copy);
    }

    /**
     * One seed: the folds' scores, their mean (sklearn's cross_val_score(...).mean()), and the
     * pooled out-of-fold predictions' score with a bootstrap interval and confusion matrix.
     */
    public record SeedResult(long seed, List<Map<Metric, Double>> folds, Map<Metric, Double> foldMean,
                             Map<Metric, Interval> pooled, ConfusionMatrix confusion) {
        public SeedResult {
            foldMean = ordered(foldMean);
            pooled = ordered(pooled);
            folds = folds.stream().map(ProbeResult::ordered).toList();
        }
    }

    /** Mean, sample standard deviation, minimum and maximum over seeds. */
    public record SeedSummary(double mean, double sd, double min, double max) {
        static SeedSummary of(double[] values) {
            double mean = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : values) {
                mean += v / values.length;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            double ss = 0;
            for (double v : values) {
                ss += (v - mean) * (v - mean);
            }
            return new SeedSummary(mean, values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : 0, min, max);
        }
    }

    /** The confusion matrices of all seeds summed (each seed tests every sample once). */
    public ConfusionMatrix confusionOverSeeds() {
        ConfusionMatrix sum = seeds.get(0).confusion();
        for (int i = 1; i < seeds.size(); i++) {
            sum = sum.plus(seeds.get(i).confusion());
        }
        return sum;
    }
}
