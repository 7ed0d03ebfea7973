package io.neurofm.probe.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.probe.GrazData;
import io.neurofm.probe.KnnProbe;
import io.neurofm.probe.LdaProbe;
import io.neurofm.probe.LogisticRegressionCvProbe;
import io.neurofm.probe.Probe;
import io.neurofm.probe.ProbeDataset;
import io.neurofm.probe.ProbeEvaluation;
import io.neurofm.probe.ProbeResult;
import io.neurofm.probe.Splitter;
import io.neurofm.probe.metrics.Metric;
import io.neurofm.probe.split.Fold;
import io.neurofm.probe.split.LeakageException;
import io.neurofm.probe.split.Protocol;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The band-power baseline on the shared Graz left/right-hand motor-imagery recording. */
class BandPowerBaselineTest {
    private static final List<Long> SEEDS = List.of(0L, 1L, 2L, 3L, 4L);

    @Test
    void featuresHaveTheExpectedShape() {
        ProbeDataset d = GrazData.bandPower();
        assertEquals(40, d.size());
        assertEquals(List.of("left", "right"), d.classNames());
        assertEquals(20, Arrays.stream(d.labels()).filter(y -> y == 0).count());
        assertEquals(9, d.featureNames().size());
        assertEquals("Channel 1:theta", d.featureNames().get(0));
    }

    @Test
    void ldaBaselineReachesNinetyPercentBalancedAccuracy() {
        ProbeResult r = ProbeEvaluation.run(GrazData.bandPower(), new LdaProbe(true), Splitter.stratified(5), SEEDS, 1000);
        print(r);
        assertTrue(r.summary().get(Metric.BALANCED_ACCURACY).mean() >= 0.90, r.summary().toString());
        for (ProbeResult.SeedResult s : r.seeds()) {
            assertEquals(5, s.folds().size());
            var ci = s.pooled().get(Metric.BALANCED_ACCURACY);
            assertTrue(ci.low() <= ci.estimate() && ci.estimate() <= ci.high(), ci.toString());
            assertEquals(40, Arrays.stream(s.confusion().counts()).flatMapToLong(Arrays::stream).sum());
        }
    }

    @Test
    void logisticAndKnnProbesAlsoWork() {
        for (Probe p : List.<Probe>of(new LogisticRegressionCvProbe(), new KnnProbe())) {
            ProbeResult r = ProbeEvaluation.run(GrazData.bandPower(), p, Splitter.stratified(5), SEEDS, 200);
            print(r);
            assertTrue(r.summary().get(Metric.BALANCED_ACCURACY).mean() >= 0.85, p.name() + " " + r.summary());
        }
    }

    @Test
    void permutedLabelsProbeAtChance() {
        ProbeDataset d = GrazData.bandPower();
        SplittableRandom random = new SplittableRandom(2026);
        int permutations = 20;
        double[] scores = new double[permutations];
        for (int p = 0; p < permutations; p++) {
            int[] y = d.labels();
            for (int i = y.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = y[i];
                y[i] = y[j];
                y[j] = t;
            }
            scores[p] = ProbeEvaluation.run(d.withLabels(y), new LdaProbe(true), Splitter.stratified(5),
                    List.of((long) p), 10).summary().get(Metric.BALANCED_ACCURACY).mean();
        }
        double mean = Arrays.stream(scores).average().orElseThrow();
        // one CV score on 40 random labels has sd about sqrt(0.25 / 40) = 0.08; the mean of 20 about 0.018,
        // so 0.5 +- 0.1 is over five standard errors (CV under the null is, if anything, biased low)
        System.out.println("permuted labels: mean balanced accuracy " + mean + " over " + permutations
                + " permutations " + Arrays.toString(scores));
        assertTrue(Math.abs(mean - 0.5) < 0.1, "mean " + mean);
        double real = ProbeEvaluation.run(d, new LdaProbe(true), Splitter.stratified(5), List.of(0L), 10)
                .summary().get(Metric.BALANCED_ACCURACY).mean();
        assertTrue(Arrays.stream(scores).allMatch(s -> s < real), "a permutation reached the real score " + real);
    }

    @Test
    void aLeakyCrossSubjectSplitIsRefusedBeforeFitting() {
        // two "subjects" interleaved: a stratified split mixes both into train and test
        ProbeDataset d = GrazData.bandPower();
        List<String> subjects = LongStream.range(0, d.size()).mapToObj(i -> i % 2 == 0 ? "A" : "B").toList();
        ProbeDataset twoSubjects = new ProbeDataset(d.features(), d.labels(), d.classNames(), d.featureNames(),
                subjects, java.util.Collections.nCopies(d.size(), "1"));
        List<Fold> stratified = io.neurofm.probe.split.StratifiedKFold.split(d.labels(), 5, true, 0);
        Splitter leaky = Splitter.fixed("stratified, claimed cross-subject", Protocol.CROSS_SUBJECT, stratified);
        Probe mustNotRun = new Probe() {
            @Override
            public String name() {
                return "must-not-run";
            }

            @Override
            public io.neurofm.probe.FittedProbe fit(double[][] x, int[] y, int classes) {
                throw new AssertionError("fitted on a leaky split");
            }
        };
        assertThrows(LeakageException.class, () -> ProbeEvaluation.run(twoSubjects, mustNotRun, leaky, SEEDS, 10));
        ProbeResult ok = ProbeEvaluation.run(twoSubjects, new LdaProbe(true), Splitter.leaveSubjectOut(), SEEDS, 10);
        assertEquals(2, ok.seeds().get(0).folds().size());
    }

    private static void print(ProbeResult r) {
        System.out.println(r.probe() + ": balanced accuracy " + r.summary().get(Metric.BALANCED_ACCURACY));
        for (ProbeResult.SeedResult s : r.seeds()) {
            System.out.println("  seed " + s.seed() + " folds " + s.folds().stream()
                    .map(f -> String.format("%.3f", f.get(Metric.BALANCED_ACCURACY))).toList()
                    + " mean " + String.format("%.3f", s.foldMean().get(Metric.BALANCED_ACCURACY))
                    + " pooled " + s.pooled().get(Metric.BALANCED_ACCURACY)
                    + " auroc " + String.format("%.3f", s.pooled().get(Metric.AUROC).estimate()));
        }
    }
}
