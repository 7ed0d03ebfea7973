package io.neurofm.probe;

import io.neurofm.probe.metrics.Bootstrap;
import io.neurofm.probe.metrics.Interval;
import io.neurofm.probe.metrics.Metric;
import io.neurofm.probe.metrics.Predictions;
import io.neurofm.probe.split.Fold;
import io.neurofm.probe.split.SplitGuard;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Cross-validates a probe: per seed, the splitter's folds are checked by {@link SplitGuard}
 * against its protocol (a leaky split is refused before anything is fitted), the probe is fitted
 * on each training side and scored on its test side, and the out-of-fold predictions of all folds
 * are pooled for a bootstrap interval (seeded with the seed) and a confusion matrix.
 */
public final class ProbeEvaluation {
    /** Metrics scored per fold; AUROC/AUPRC need every class in a test fold, so they are pooled only. */
    public static final List<Metric> FOLD_METRICS = List.of(Metric.BALANCED_ACCURACY, Metric.COHEN_KAPPA,
            Metric.WEIGHTED_F1, Metric.ACCURACY);
    public static final List<Metric> POOLED_METRICS = List.of(Metric.BALANCED_ACCURACY, Metric.COHEN_KAPPA,
            Metric.WEIGHTED_F1, Metric.AUROC, Metric.AUPRC, Metric.ACCURACY);

    private ProbeEvaluation() {
    }

    public static ProbeResult run(ProbeDataset data, Probe probe, Splitter splitter, List<Long> seeds,
                                  int bootstrapResamples) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("need at least one seed");
        }
        double[][] x = data.features();
        int[] y = data.labels();
        List<ProbeResult.SeedResult> perSeed = new ArrayList<>();
        for (long seed : seeds) {
            List<Fold> folds = splitter.split(data, seed);
            SplitGuard.check(splitter.protocol(), folds, data.subjects(), data.sessions());
            List<Map<Metric, Double>> foldScores = new ArrayList<>();
            Predictions pooled = null;
            for (Fold fold : folds) {
                FittedProbe fitted = probe.fit(LogisticRegressionCvProbe.rows(x, fold.train()),
                        LogisticRegressionCvProbe.labels(y, fold.train()), data.classes());
                double[][] xTest = LogisticRegressionCvProbe.rows(x, fold.test());
                Predictions p = new Predictions(LogisticRegressionCvProbe.labels(y, fold.test()), fitted.predict(xTest),
                        fitted.predictProba(xTest), data.classes());
                Map<Metric, Double> scores = new EnumMap<>(Metric.class);
                for (Metric m : FOLD_METRICS) {
                    scores.put(m, m.compute(p));
                }
                foldScores.add(scores);
                pooled = pooled == null ? p : pooled.concat(p);
            }
            Map<Metric, Double> foldMean = new EnumMap<>(Metric.class);
            for (Metric m : FOLD_METRICS) {
                foldMean.put(m, foldScores.stream().mapToDouble(s -> s.get(m)).average().orElseThrow());
            }
            Map<Metric, Interval> intervals = new EnumMap<>(Metric.class);
            for (Metric m : POOLED_METRICS) {
                intervals.put(m, Bootstrap.percentile(pooled, m, bootstrapResamples, Bootstrap.DEFAULT_LEVEL, seed));
            }
            perSeed.add(new ProbeResult.SeedResult(seed, foldScores, foldMean, intervals, pooled.confusion()));
        }
        Map<Metric, ProbeResult.SeedSummary> summary = new EnumMap<>(Metric.class);
        for (Metric m : FOLD_METRICS) {
            summary.put(m, ProbeResult.SeedSummary.of(perSeed.stream().mapToDouble(s -> s.foldMean().get(m)).toArray()));
        }
        return new ProbeResult(probe.name(), splitter.describe(), data.classNames(), perSeed, summary);
    }
}
