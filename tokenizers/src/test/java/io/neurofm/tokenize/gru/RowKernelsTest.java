package io.neurofm.tokenize.gru;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Both kernels of the encoder's product equal a plain double-precision triple loop. */
class RowKernelsTest {
    private static final int ROWS = 8;
    private static final int DEPTH = 24;
    /** Not a multiple of any vector block: the vector kernel covers a prefix, the plain one the rest. */
    private static final int COLUMNS = 3 * 24 + 37;

    private final Random random = new Random(17);
    private final float[][] in = matrix(ROWS, DEPTH);
    private final float[][] wT = matrix(DEPTH, COLUMNS);
    private final float[] bias = matrix(1, COLUMNS)[0];

    @Test
    void plainKernelMatchesTheDefinition() {
        float[][] out = new float[ROWS][COLUMNS];
        FusedGruEncoder.plainRows(in, wT, bias, out, ROWS, 0);
        assertClose(out, 0, COLUMNS);
    }

    @Test
    void vectorKernelMatchesTheDefinitionOnTheColumnsItCovers() {
        assumeTrue(VectorRows.AVAILABLE, "JVM started without --add-modules jdk.incubator.vector");
        int covered = VectorRows.coveredColumns(COLUMNS);
        float[][] out = new float[ROWS][COLUMNS];
        VectorRows.matmulRows(in, wT, bias, out, ROWS);
        assertClose(out, 0, covered);
        for (float[] row : out) {
            for (int j = covered; j < COLUMNS; j++) {
                assertEquals(0f, row[j], "columns past the covered prefix are left alone");
            }
        }
        FusedGruEncoder.plainRows(in, wT, bias, out, ROWS, covered);
        assertClose(out, 0, COLUMNS);
    }

    private void assertClose(float[][] out, int from, int to) {
        for (int s = 0; s < ROWS; s++) {
            for (int j = from; j < to; j++) {
                double expected = bias[j];
                for (int k = 0; k < DEPTH; k++) {
                    expected += (double) in[s][k] * wT[k][j];
                }
                assertEquals(expected, out[s][j], 1e-5, "row " + s + " column " + j);
            }
        }
    }

    private float[][] matrix(int rows, int columns) {
        float[][] m = new float[rows][columns];
        for (float[] row : m) {
            for (int j = 0; j < columns; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        return m;
    }
}
