package io.neurofm.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Probes against scikit-learn 1.2 on the data sets of tools/golden/make_probe_golden.py. */
class ProbeGoldenTest {
    private static final JsonNode GOLDEN = ProbeGolden.load("probe");

    @Test
    void logisticRegressionMatchesSklearnProbabilities() {
        double worst = 0;
        for (JsonNode c : GOLDEN.get("logistic")) {
            LogisticRegressionProbe.Fitted model = new LogisticRegressionProbe(c.get("C").doubleValue())
                    .fit(ProbeGolden.matrix(c.get("x_train")), ProbeGolden.ints(c.get("y_train")),
                            c.get("classes").intValue());
            assertTrue(model.converged(), "L-BFGS did not converge for C=" + c.get("C"));
            worst = Math.max(worst, maxDifference(ProbeGolden.matrix(c.get("proba")),
                    model.predictProba(ProbeGolden.matrix(c.get("x_test")))));
        }
        assertTrue(worst < 1e-4, "max |p - p_sklearn| = " + worst);
        System.out.println("logistic regression vs sklearn: max |dp| = " + worst);
    }

    @Test
    void ldaMatchesSklearnProbabilities() {
        double worst = 0;
        for (JsonNode c : GOLDEN.get("lda")) {
            FittedProbe model = new LdaProbe(c.get("shrinkage").booleanValue())
                    .fit(ProbeGolden.matrix(c.get("x_train")), ProbeGolden.ints(c.get("y_train")),
                            c.get("classes").intValue());
            worst = Math.max(worst, maxDifference(ProbeGolden.matrix(c.get("proba")),
                    model.predictProba(ProbeGolden.matrix(c.get("x_test")))));
        }
        assertTrue(worst < 1e-9, "max |p - p_sklearn| = " + worst);
        System.out.println("LDA vs sklearn: max |dp| = " + worst);
    }

    private static double maxDifference(double[][] expected, double[][] actual) {
        assertEquals(expected.length, actual.length);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int k = 0; k < expected[i].length; k++) {
                worst = Math.max(worst, Math.abs(expected[i][k] - actual[i][k]));
            }
        }
        return worst;
    }
}
