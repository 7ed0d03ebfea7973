package io.neurofm.signal.io.nifti;

import java.io.IOException;

/** Receives the volumes of a streamed read one at a time. */
@FunctionalInterface
public interface VolumeSink {
    /**
     * @param t      index of the volume in the file (0-based)
     * @param values its scaled voxel values, x fastest; the array is reused for the next volume,
     *               so copy what must outlive the call
     */
    void accept(int t, float[] values) throws IOException;
}
