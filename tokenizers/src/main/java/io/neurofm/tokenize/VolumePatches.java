package io.neurofm.tokenize;

/**
 * The patch tokens of one image: non-overlapping cubes of a resampled, intensity-normalised volume.
 * Patches are listed x fastest over the patch grid, then y, then z; within a patch values are x
 * fastest ({@code dx + p * (dy + p * dz)}), as NIfTI stores voxels.
 *
 * @param gridDims   the resampled grid, {nx, ny, nz} voxels
 * @param patchSize  voxels along each edge of a patch
 * @param values     [patch][p^3] normalised intensities
 * @param gridIndex  [patch][3] patch position in the patch grid (multiply by p for its first voxel)
 * @param centres    [patch][3] world coordinates of each patch's centre, mm (through {@code affine})
 * @param affine     voxel-to-world matrix of the resampled grid
 */
public record VolumePatches(int[] gridDims, int patchSize, float[][] values, int[][] gridIndex, double[][] centres,
                            double[][] affine) {
    public int count() {
        return values.length;
    }

    public int dimension() {
        return patchSize * patchSize * patchSize;
    }
}
