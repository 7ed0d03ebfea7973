package io.neurofm.tokenize.gru;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FusedGruEncoder}'s matrix product with the JDK's incubating Vector API: a register-blocked
 * kernel (4 windows x 4 vectors of columns = 16 accumulators held in registers over all of k), so
 * each weight vector loaded feeds four fused multiply-adds and nothing is stored until the end.
 * The auto-vectorised loop it replaces re-loads and re-stores its accumulators for every k and is
 * bound by L1 stores (docs/gru.md).
 *
 * <p>Only loaded when the JVM was started with {@code --add-modules jdk.incubator.vector} (the
 * {@code neurofm} launcher, the tests and the images do); {@link #AVAILABLE} says whether it was.
 */
final class VectorRows {
    static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("neurofm.gru.plainJava");

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();

    private VectorRows() {
    }

    /** Columns from 0 that this kernel covers (a multiple of 4 vectors); the caller does the rest. */
    static int coveredColumns(int columns) {
        return columns / (4 * L) * (4 * L);
    }

    /**
     * {@code out[s][j] = bias[j] + sum_k in[s][k] * wT[k][j]} for {@code s < rows} (a multiple of 4) and
     * {@code j < coveredColumns(bias.length)}.
     */
    static void matmulRows(float[][] in, float[][] wT, float[] bias, float[][] out, int rows) {
        int columns = coveredColumns(bias.length);
        int depth = wT.length;
        for (int s = 0; s < rows; s += 4) {
            float[] i0 = in[s];
            float[] i1 = in[s + 1];
            float[] i2 = in[s + 2];
            float[] i3 = in[s + 3];
            for (int j = 0; j < columns; j += 4 * L) {
                FloatVector b0 = FloatVector.fromArray(F, bias, j);
                FloatVector b1 = FloatVector.fromArray(F, bias, j + L);
                FloatVector b2 = FloatVector.fromArray(F, bias, j + 2 * L);
                FloatVector b3 = FloatVector.fromArray(F, bias, j + 3 * L);
                FloatVector a00 = b0, a01 = b1, a02 = b2, a03 = b3;
                FloatVector a10 = b0, a11 = b1, a12 = b2, a13 = b3;
                FloatVector a20 = b0, a21 = b1, a22 = b2, a23 = b3;
                FloatVector a30 = b0, a31 = b1, a32 = b2, a33 = b3;
                for (int k = 0; k < depth; k++) {
                    float[] w = wT[k];
                    FloatVector w0 = FloatVector.fromArray(F, w, j);
                    FloatVector w1 = FloatVector.fromArray(F, w, j + L);
                    FloatVector w2 = FloatVector.fromArray(F, w, j + 2 * L);
                    FloatVector w3 = FloatVector.fromArray(F, w, j + 3 * L);
                    FloatVector h = FloatVector.broadcast(F, i0[k]);
                    a00 = w0.fma(h, a00);
                    a01 = w1.fma(h, a01);
                    a02 = w2.fma(h, a02);
                    a03 = w3.fma(h, a03);
                    h = FloatVector.broadcast(F, i1[k]);
                    a10 = w0.fma(h, a10);
                    a11 = w1.fma(h, a11);
                    a12 = w2.fma(h, a12);
                    a13 = w3.fma(h, a13);
                    h = FloatVector.broadcast(F, i2[k]);
                    a20 = w0.fma(h, a20);
                    a21 = w1.fma(h, a21);
                    a22 = w2.fma(h, a22);
                    a23 = w3.fma(h, a23);
                    h = FloatVector.broadcast(F, i3[k]);
                    a30 = w0.fma(h, a30);
                    a31 = w1.fma(h, a31);
                    a32 = w2.fma(h, a32);
                    a33 = w3.fma(h, a33);
                }
                store(out[s], j, a00, a01, a02, a03);
                store(out[s + 1], j, a10, a11, a12, a13);
                store(out[s + 2], j, a20, a21, a22, a23);
                store(out[s + 3], j, a30, a31, a32, a33);
            }
        }
    }

    private static void store(float[] row, int j, FloatVector v0, FloatVector v1, FloatVector v2, FloatVector v3) {
        v0.intoArray(row, j);
        v1.intoArray(row, j + L);
        v2.intoArray(row, j + 2 * L);
        v3.intoArray(row, j + 3 * L);
    }
}
