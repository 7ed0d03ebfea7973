package io.neurofm.signal.io.nifti;

import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * A validated NIfTI-1 header. Sizes are already checked against the limits and, for an
 * uncompressed file, against its length; {@link #affine()} is the matrix nibabel's
 * {@code img.affine} gives, converted to millimetres.
 *
 * @param dataFile          where the voxels are: the .nii/.nii.gz itself or the .img of a pair
 * @param dimCount          dim[0] as stored (1..7)
 * @param dims              {nx, ny, nz, nt}, 1 for dimensions the file does not use
 * @param voxOffset         byte offset of the first voxel in {@code dataFile}
 * @param slope             scl_slope applied to raw values (1 when the file asks for no scaling)
 * @param inter             scl_inter (0 when the file asks for no scaling)
 * @param pixdim            pixdim[0..7] as stored
 * @param spatialUnitCode   xyzt_units &amp; 0x07 (0 unknown, 1 m, 2 mm, 3 um)
 * @param temporalUnitCode  xyzt_units &amp; 0x38 (0 unknown, 8 s, 16 ms, 24 us, 32 Hz, 40 ppm, 48 rad/s)
 * @param qform             the qform matrix in file units, or null when the quaternion is invalid
 * @param sform             the sform matrix in file units
 * @param affineSource      "sform", "qform" or "fallback"
 * @param voxelSizeMm       |pixdim[1..3]| (0 read as 1, as nibabel fixes it) in millimetres
 * @param repetitionSeconds pixdim[4] in seconds for images with a time axis, NaN otherwise
 */
public record NiftiHeader(Path file, Path dataFile, boolean gzipped, ByteOrder byteOrder, String magic, int dimCount,
                          int[] dims, NiftiDataType dataType, long voxOffset, double slope, double inter,
                          double[] pixdim, int spatialUnitCode, int temporalUnitCode, int qformCode, int sformCode,
                          double[][] qform, double[][] sform, double[][] affine, String affineSource,
                          double[] voxelSizeMm, double repetitionSeconds, String description) {

    public NiftiHeader {
        dims = dims.clone();
        pixdim = pixdim.clone();
        voxelSizeMm = voxelSizeMm.clone();
        affine = copy(affine);
        qform = copy(qform);
        sform = copy(sform);
    }

    private static double[][] copy(double[][] m) {
        if (m == null) {
            return null;
        }
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    @Override
    public double[] pixdim() {
        return pixdim.clone();
    }

    @Override
    public double[] voxelSizeMm() {
        return voxelSizeMm.clone();
    }

    @Override
    public double[][] affine() {
        return copy(affine);
    }

    /** The qform in file units, or null when its quaternion is invalid. */
    @Override
    public double[][] qform() {
        return copy(qform);
    }

    @Override
    public double[][] sform() {
        return copy(sform);
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

    /** nx * ny * nz; fits an int (checked on parse). */
    public int voxelsPerVolume() {
        return dims[0] * dims[1] * dims[2];
    }

    public int bytesPerVolume() {
        return voxelsPerVolume() * dataType.bytesPerVoxel();
    }

    /** Bytes of the whole image, all volumes. */
    public long dataBytes() {
        return (long) bytesPerVolume() * dims[3];
    }

    /** True when scl_slope/scl_inter change the stored values. */
    public boolean scaled() {
        return slope != 1 || inter != 0;
    }
}
