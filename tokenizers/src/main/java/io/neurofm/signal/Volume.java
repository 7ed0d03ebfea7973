package io.neurofm.signal;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A 3D or 4D image (NIfTI): voxel values after scl_slope/scl_inter, x fastest then y, z, t
 * (NIfTI's on-disk order), with the voxel-to-world affine in millimetres.
 *
 * @param dims              {nx, ny, nz, nt}; nt = 1 for a 3D volume
 * @param voxelSize         {dx, dy, dz} in millimetres
 * @param repetitionSeconds TR in seconds for 4D images (NaN when the file gives none)
 * @param affine            4x4 voxel-to-world matrix (sform when set, else qform, as nibabel chooses)
 * @param data              values, length nx*ny*nz*nt; ownership is taken, {@link #data()} copies
 */
public record Volume(int[] dims, double[] voxelSize, double repetitionSeconds, double[][] affine, float[] data,
                     List<Transform> provenance) {
    public Volume {
        Objects.requireNonNull(dims, "dims");
        Objects.requireNonNull(data, "data");
        if (dims.length != 4) {
            throw new IllegalArgumentException("dims must be {nx, ny, nz, nt}, got " + Arrays.toString(dims));
        }
        long n = 1;
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException("every dimension must be >= 1, got " + Arrays.toString(dims));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("dims " + Arrays.toString(dims) + " need " + n + " values, got "
                    + data.length);
        }
        dims = dims.clone();
        voxelSize = voxelSize.clone();
        provenance = List.copyOf(provenance);
    }

    public int nx() {
        return dims[0];
    }

    public int ny() {
        return dims[1];
    }

    public int nz() {
        return dims[2];
    }

    public int nt() {
        return dims[3];
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    @Override
    public double[] voxelSize() {
        return voxelSize.clone();
    }

    @Override
    public double[][] affine() {
        double[][] copy = new double[affine.length][];
        for (int i = 0; i < affine.length; i++) {
            copy[i] = affine[i].clone();
        }
        return copy;
    }

    @Override
    public float[] data() {
        return data.clone();
    }

    /** The value at voxel (x, y, z) of volume t. */
    public float value(int x, int y, int z, int t) {
        return data[index(x, y, z, t)];
    }

    private int index(int x, int y, int z, int t) {
        return x + dims[0] * (y + dims[1] * (z + dims[2] * t));
    }
}
