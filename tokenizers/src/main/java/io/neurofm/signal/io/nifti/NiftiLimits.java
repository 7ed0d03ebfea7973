package io.neurofm.signal.io.nifti;

/**
 * Bounds that keep a hostile or broken header from making the reader allocate or inflate without
 * end. Every size is checked against these before anything is allocated.
 *
 * @param maxDataBytes     largest image (all volumes) a header may declare, in bytes
 * @param maxVoxelsPerRead most voxels one {@code read} may return (the float array it allocates)
 * @param maxOffsetBytes   largest vox_offset (header plus extensions) accepted
 * @param maxTrailingBytes how far a .nii.gz may inflate past the declared image before it is
 *                         taken for a gzip bomb (some writers pad a few hundred bytes)
 */
public record NiftiLimits(long maxDataBytes, int maxVoxelsPerRead, long maxOffsetBytes, long maxTrailingBytes) {
    /** 16 GiB declared, 2^28 voxels (1 GiB of floats) per read, 64 MiB of header, 1 MiB of padding. */
    public static final NiftiLimits DEFAULT = new NiftiLimits(16L << 30, 1 << 28, 64L << 20, 1L << 20);

    /** Java arrays cannot be longer than this on common VMs. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    public NiftiLimits {
        if (maxDataBytes < 1 || maxVoxelsPerRead < 1 || maxOffsetBytes < 352 || maxTrailingBytes < 0) {
            throw new IllegalArgumentException("limits must be positive (offset >= 352), got " + maxDataBytes + ", "
                    + maxVoxelsPerRead + ", " + maxOffsetBytes + ", " + maxTrailingBytes);
        }
        maxVoxelsPerRead = Math.min(maxVoxelsPerRead, MAX_ARRAY);
    }
}
