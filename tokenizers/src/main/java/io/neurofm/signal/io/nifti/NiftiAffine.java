package io.neurofm.signal.io.nifti;

/**
 * The voxel-to-world matrices a NIfTI-1 header can define, computed as nibabel computes them
 * (nifti1.py get_qform/get_sform/get_best_affine, volumeutils.shape_zoom_affine), plus the small
 * 4x4 algebra the atlas resampling needs.
 */
public final class NiftiAffine {
    /** nibabel's tolerance for 1 - (b^2+c^2+d^2) slightly below zero in a float32 quaternion. */
    private static final double W2_THRESHOLD = -3 * Math.ulp(1.0f);

    private NiftiAffine() {
    }

    /**
     * The qform: rotation from quaternion (b, c, d) with a = sqrt(1 - b^2 - c^2 - d^2), scaled by
     * the voxel sizes with qfac applied to z, translated by the q offsets.
     *
     * @return null when b^2+c^2+d^2 exceeds 1 by more than float32 rounding (not a rotation)
     */
    static double[][] qform(double b, double c, double d, double[] voxel, double qfac, double[] offset) {
        double w2 = 1.0 - (b * b + c * c + d * d);
        double a;
        if (w2 < 0) {
            if (w2 < W2_THRESHOLD) {
                return null;
            }
            a = 0;
        } else {
            a = Math.sqrt(w2);
        }
        double[][] r = quaternionToMatrix(a, b, c, d);
        double[] scale = {voxel[0], voxel[1], voxel[2] * qfac};
        double[][] m = identity();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[i][j] = r[i][j] * scale[j];
            }
            m[i][3] = offset[i];
        }
        return m;
    }

    private static double[][] quaternionToMatrix(double w, double x, double y, double z) {
        double n = w * w + x * x + y * y + z * z;
        if (n < Math.ulp(1.0)) {
            return identity();
        }
        double s = 2.0 / n;
        double xs = x * s;
        double ys = y * s;
        double zs = z * s;
        double wx = w * xs;
        double wy = w * ys;
        double wz = w * zs;
        double xx = x * xs;
        double xy = x * ys;
        double xz = x * zs;
        double yy = y * ys;
        double yz = y * zs;
        double zz = z * zs;
        return new double[][] {
            {1.0 - (yy + zz), xy - wz, xz + wy, 0},
            {xy + wz, 1.0 - (xx + zz), yz - wx, 0},
            {xz - wy, yz + wx, 1.0 - (xx + yy), 0},
            {0, 0, 0, 1},
        };
    }

    /** The sform from its three stored rows. */
    static double[][] sform(double[] rowX, double[] rowY, double[] rowZ) {
        return new double[][] {rowX.clone(), rowY.clone(), rowZ.clone(), {0, 0, 0, 1}};
    }

    /**
     * nibabel's fallback when neither transform is coded: voxel sizes on the diagonal with x
     * flipped (radiological convention) and the origin at the centre of the grid.
     */
    static double[][] fallback(int[] shape, double[] voxel) {
        double[] zooms = {-voxel[0], voxel[1], voxel[2]};
        double[][] m = identity();
        for (int i = 0; i < 3; i++) {
            m[i][i] = zooms[i];
            m[i][3] = -((shape[i] - 1) / 2.0) * zooms[i];
        }
        return m;
    }

    static double[][] identity() {
        return new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
    }

    /** The 4x4 inverse of an affine (last row 0 0 0 1), or null when its 3x3 part is singular. */
    public static double[][] invert(double[][] m) {
        double a = m[0][0];
        double b = m[0][1];
        double c = m[0][2];
        double d = m[1][0];
        double e = m[1][1];
        double f = m[1][2];
        double g = m[2][0];
        double h = m[2][1];
        double k = m[2][2];
        double det = a * (e * k - f * h) - b * (d * k - f * g) + c * (d * h - e * g);
        if (det == 0 || !Double.isFinite(det)) {
            return null;
        }
        double[][] inv = identity();
        inv[0][0] = (e * k - f * h) / det;
        inv[0][1] = (c * h - b * k) / det;
        inv[0][2] = (b * f - c * e) / det;
        inv[1][0] = (f * g - d * k) / det;
        inv[1][1] = (a * k - c * g) / det;
        inv[1][2] = (c * d - a * f) / det;
        inv[2][0] = (d * h - e * g) / det;
        inv[2][1] = (b * g - a * h) / det;
        inv[2][2] = (a * e - b * d) / det;
        for (int i = 0; i < 3; i++) {
            inv[i][3] = -(inv[i][0] * m[0][3] + inv[i][1] * m[1][3] + inv[i][2] * m[2][3]);
        }
        return inv;
    }

    /** The product a * b of two 4x4 matrices. */
    public static double[][] multiply(double[][] a, double[][] b) {
        double[][] out = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double s = 0;
                for (int k = 0; k < 4; k++) {
                    s += a[i][k] * b[k][j];
                }
                out[i][j] = s;
            }
        }
        return out;
    }

    /** True when every entry of two 4x4 matrices agrees within {@code tolerance}. */
    public static boolean nearlyEqual(double[][] a, double[][] b, double tolerance) {
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                if (!(Math.abs(a[i][j] - b[i][j]) <= tolerance)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Scales the linear part and the translation so world coordinates come out in millimetres. */
    static double[][] scaled(double[][] m, double factor) {
        double[][] out = identity();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                out[i][j] = m[i][j] * factor;
            }
        }
        return out;
    }
}
