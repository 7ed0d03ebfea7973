/**
 * NIfTI-1 images ({@code .nii}, {@code .nii.gz}, {@code .hdr}/{@code .img} pairs) as
 * {@link io.neurofm.signal.Volume}s, read the way nibabel reads them, and
 * {@link io.neurofm.signal.io.nifti.AtlasTimeSeries}, which turns a 4D fMRI image and a label
 * atlas into a {@link io.neurofm.signal.Recording} of ROI mean time courses.
 */
package io.neurofm.signal.io.nifti;
