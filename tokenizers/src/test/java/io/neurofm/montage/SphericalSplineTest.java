package io.neurofm.montage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.neurofm.signal.Golden;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SphericalSplineTest {
    /** With MNE's own origin, our matrix equals mne's _make_interpolation_matrix. */
    @Test
    void matrixMatchesMne() {
        JsonNode golden = Golden.load("montage_interpolation");
        double[] origin = vector(golden.get("origin"));
        double[][] from = relativePositions(golden, golden.get("sources"), origin);
        double[][] to = relativePositions(golden, golden.get("targets"), origin);
        double[][] ours = SphericalSpline.interpolationMatrix(from, to, golden.get("alpha").asDouble());
        JsonNode expected = golden.get("matrix");
        double worst = 0;
        for (int t = 0; t < to.length; t++) {
            for (int s = 0; s < from.length; s++) {
                double e = expected.get(t).get(s).asDouble();
                worst = Math.max(worst, Math.abs(ours[t][s] - e));
                assertEquals(e, ours[t][s], 1e-9, "weight of source " + s + " for target " + t);
            }
        }
        System.out.printf("spline matrix vs MNE: max abs difference %.3g%n", worst);
    }

    /** The constant term makes the spline reproduce a constant field exactly. */
    @Test
    void weightsOfEachTargetSumToOne() {
        Random random = new Random(7);
        double[][] from = randomUnitVectors(random, 20);
        double[][] to = randomUnitVectors(random, 5);
        for (double[] row : SphericalSpline.interpolationMatrix(from, to, SphericalSpline.DEFAULT_ALPHA)) {
            double sum = 0;
            for (double w : row) {
                sum += w;
            }
            assertEquals(1, sum, 1e-10);
        }
    }

    /** Without regularisation the spline passes through its data: a source maps onto itself. */
    @Test
    void interpolatesThroughSourcesWithoutRegularisation() {
        double[][] from = randomUnitVectors(new Random(3), 12);
        double[][] to = {from[4].clone()};
        double[][] w = SphericalSpline.interpolationMatrix(from, to, 0);
        for (int s = 0; s < from.length; s++) {
            assertEquals(s == 4 ? 1 : 0, w[0][s], 1e-8);
        }
    }

    /** g is the Legendre series of Perrin et al.: at cos = 1 every P_n is 1. */
    @Test
    void kernelAtZeroAngleIsTheSumOfFactors() {
        double sum = 0;
        for (int n = 1; n <= 50; n++) {
            sum += (2.0 * n + 1) / (Math.pow(n * (n + 1.0), 4) * 4 * Math.PI);
        }
        assertEquals(sum, SphericalSpline.g(1), 1e-15);
        // P_n(-1) = (-1)^n
        double alternating = 0;
        for (int n = 1; n <= 50; n++) {
            alternating += (n % 2 == 0 ? 1 : -1) * (2.0 * n + 1) / (Math.pow(n * (n + 1.0), 4) * 4 * Math.PI);
        }
        assertEquals(alternating, SphericalSpline.g(-1), 1e-15);
    }

    @Test
    void pseudoInverseOfSingularSymmetricMatrix() {
        Random random = new Random(11);
        int n = 9;
        double[][] b = new double[n][4];
        for (double[] row : b) {
            for (int j = 0; j < 4; j++) {
                row[j] = random.nextGaussian();
            }
        }
        double[][] a = new double[n][n]; // rank 4
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < 4; k++) {
                    a[i][j] += b[i][k] * b[j][k];
                }
            }
        }
        double[][] pinv = SymmetricMatrices.pseudoInverse(a);
        double[][] back = multiply(multiply(a, pinv), a);
        double[][] pinvBack = multiply(multiply(pinv, a), pinv);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(a[i][j], back[i][j], 1e-10);
                assertEquals(pinv[i][j], pinvBack[i][j], 1e-10);
                assertEquals(pinv[i][j], pinv[j][i], 1e-12);
            }
        }
    }

    @Test
    void refusesEmptySources() {
        assertThrows(IllegalArgumentException.class,
                () -> SphericalSpline.interpolationMatrix(new double[0][], new double[][] {{0, 0, 1}}, 1e-5));
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] out = new double[n][b[0].length];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < b.length; k++) {
                for (int j = 0; j < b[0].length; j++) {
                    out[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return out;
    }

    private static double[][] randomUnitVectors(Random random, int count) {
        double[][] out = new double[count][];
        for (int i = 0; i < count; i++) {
            double x = random.nextGaussian();
            double y = random.nextGaussian();
            double z = Math.abs(random.nextGaussian());
            double norm = Math.sqrt(x * x + y * y + z * z);
            out[i] = new double[] {x / norm, y / norm, z / norm};
        }
        return out;
    }

    static double[] vector(JsonNode node) {
        return new double[] {node.get(0).asDouble(), node.get(1).asDouble(), node.get(2).asDouble()};
    }

    private static double[][] relativePositions(JsonNode golden, JsonNode names, double[] origin) {
        double[][] out = new double[names.size()][];
        for (int i = 0; i < names.size(); i++) {
            double[] p = vector(golden.get("positions").get(names.get(i).asString()));
            out[i] = new double[] {p[0] - origin[0], p[1] - origin[1], p[2] - origin[2]};
        }
        return out;
    }
}
