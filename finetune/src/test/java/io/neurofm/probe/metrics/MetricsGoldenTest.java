package io.neurofm.probe.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.neurofm.probe.ProbeGolden;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Every metric against scikit-learn 1.2 on the cases of tools/golden/make_metrics_golden.py. */
class MetricsGoldenTest {
    private static final double TOL = 1e-12;

    static Stream<Named<JsonNode>> cases() {
        List<Named<JsonNode>> out = new ArrayList<>();
        for (JsonNode c : ProbeGolden.load("metrics").get("cases")) {
            out.add(Named.of(c.get("name").stringValue(), c));
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesSklearn(JsonNode c) {
        int k = c.get("classes").intValue();
        int[] y = ProbeGolden.ints(c.get("y_true"));
        int[] pred = ProbeGolden.ints(c.get("y_pred"));
        double[][] proba = ProbeGolden.matrix(c.get("proba"));
        Predictions p = new Predictions(y, pred, proba, k);

        assertEquals(c.get("balanced_accuracy").doubleValue(), Metric.BALANCED_ACCURACY.compute(p), TOL);
        assertEquals(c.get("cohen_kappa").doubleValue(), Metric.COHEN_KAPPA.compute(p), TOL);
        assertEquals(c.get("weighted_f1").doubleValue(), Metric.WEIGHTED_F1.compute(p), TOL);
        assertEquals(c.get("accuracy").doubleValue(), Metric.ACCURACY.compute(p), TOL);
        assertEquals(c.get("auroc").doubleValue(), Metric.AUROC.compute(p), TOL);
        assertEquals(c.get("auprc").doubleValue(), Metric.AUPRC.compute(p), TOL);
        long[][] confusion = p.confusion().counts();
        for (int i = 0; i < k; i++) {
            assertArrayEquals(ProbeGolden.ints(c.get("confusion").get(i)),
                    java.util.Arrays.stream(confusion[i]).mapToInt(Math::toIntExact).toArray());
        }
    }

    @Test
    void tiedPositiveAndNegativeCountHalf() {
        // one positive and one negative share a score: the only pair is a tie, so AUROC is 1/2 by hand
        assertEquals(0.5, ScoreMetrics.auroc(new boolean[] {true, false}, new double[] {0.3, 0.3}), 0);
        // both at one threshold: precision 1/2 at recall 1, so AP = 1/2
        assertEquals(0.5, ScoreMetrics.averagePrecision(new boolean[] {true, false}, new double[] {0.3, 0.3}), 0);
    }

    @Test
    void aurocRefusesOneClass() {
        assertThrows(IllegalArgumentException.class,
                () -> ScoreMetrics.auroc(new boolean[] {true, true}, new double[] {0.1, 0.2}));
    }
}
