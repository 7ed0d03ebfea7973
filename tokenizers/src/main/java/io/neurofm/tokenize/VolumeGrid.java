package io.neurofm.tokenize;

import io.neurofm.signal.Volume;

/**
 * Trilinear resampling of a 3D volume onto a grid of given size covering the same field of view,
 * as {@code torch.nn.functional.interpolate(mode="trilinear", align_corners=False)}: output voxel
 * i along an axis of n input voxels samples input coordinate {@code (i + 0.5) * n / g - 0.5},
 * clamped below at 0, with the upper neighbour clamped at n - 1 (edge values repeat).
 *
 * @param values x fastest, then y, z (NIfTI order)
 * @param affine voxel-to-world matrix of the new grid: the input affine times the index map above
 */
record VolumeGrid(int[] dims, float[] values, double[][] affine) {
    static VolumeGrid resample(Volume volume, int[] grid) {
        return resample(volume.data(), new int[] {volume.nx(), volume.ny(), volume.nz()}, volume.affine(), grid);
    }

    /** @param data the first volume's values, x fastest, as {@link Volume#data()} */
    static VolumeGrid resample(float[] data, int[] in, double[][] a, int[] grid) {
        int[][] lower = new int[3][];
        int[][] upper = new int[3][];
        double[][] weight = new double[3][];
        for (int axis = 0; axis < 3; axis++) {
            int n = in[axis];
            int g = grid[axis];
            lower[axis] = new int[g];
            upper[axis] = new int[g];
            weight[axis] = new double[g];
            for (int i = 0; i < g; i++) {
                double src = Math.max(0, (i + 0.5) * n / g - 0.5);
                int i0 = Math.min((int) Math.floor(src), n - 1);
                lower[axis][i] = i0;
                upper[axis][i] = Math.min(i0 + 1, n - 1);
                weight[axis][i] = src - i0;
            }
        }
        int nx = in[0];
        int nxy = in[0] * in[1];
        float[] out = new float[grid[0] * grid[1] * grid[2]];
        int o = 0;
        for (int z = 0; z < grid[2]; z++) {
            int z0 = lower[2][z] * nxy;
            int z1 = upper[2][z] * nxy;
            double wz = weight[2][z];
            for (int y = 0; y < grid[1]; y++) {
                int y0 = lower[1][y] * nx;
                int y1 = upper[1][y] * nx;
                double wy = weight[1][y];
                for (int x = 0; x < grid[0]; x++) {
                    int x0 = lower[0][x];
                    int x1 = upper[0][x];
                    double wx = weight[0][x];
                    double c00 = data[x0 + y0 + z0] * (1 - wx) + data[x1 + y0 + z0] * wx;
                    double c10 = data[x0 + y1 + z0] * (1 - wx) + data[x1 + y1 + z0] * wx;
                    double c01 = data[x0 + y0 + z1] * (1 - wx) + data[x1 + y0 + z1] * wx;
                    double c11 = data[x0 + y1 + z1] * (1 - wx) + data[x1 + y1 + z1] * wx;
                    double c0 = c00 * (1 - wy) + c10 * wy;
                    double c1 = c01 * (1 - wy) + c11 * wy;
                    out[o++] = (float) (c0 * (1 - wz) + c1 * wz);
                }
            }
        }
        double[][] affine = new double[4][4];
        for (int r = 0; r < 4; r++) {
            for (int axis = 0; axis < 3; axis++) {
                double step = (double) in[axis] / grid[axis];
                affine[r][axis] = a[r][axis] * step;
                affine[r][3] += a[r][axis] * (0.5 * step - 0.5);
            }
            affine[r][3] += a[r][3];
        }
        return new VolumeGrid(grid.clone(), out, affine);
    }

    /** World coordinates (mm) of a continuous voxel coordinate of this grid. */
    double[] world(double i, double j, double k) {
        double[] w = new double[3];
        for (int r = 0; r < 3; r++) {
            w[r] = affine[r][0] * i + affine[r][1] * j + affine[r][2] * k + affine[r][3];
        }
        return w;
    }
}
