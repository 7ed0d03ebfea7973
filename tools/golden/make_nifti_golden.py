"""Golden values for the NIfTI-1 reader and the atlas ROI time series, from nibabel 5.0.

Run: /usr/bin/python3 tools/golden/make_nifti_golden.py
Writes golden/nifti.json (one entry per .nii/.nii.gz under shared/data/fmri and shared/data/mri)
and golden/nifti_atlas.json (AAL ROI means of nibabel_functional.nii and of fmri1.nii.gz).

Per image: shape, dtype, zooms, xyzt_units, img.affine, the qform and sform matrices, scl_slope/scl_inter as applied (1/0 for none),
and img.get_fdata() summarised as its sum, sum of squares, per-volume sums (4D) and the values
at SPOTS seeded random voxels (indices stored as [x, y, z, t]). Whole images are never stored.
"""
import glob
import os
import numpy as np
import nibabel as nib
from golden_common import DATA, SPOTS, write


def image_entry(path):
    img = nib.load(path)
    hdr = img.header
    data = img.get_fdata(dtype=np.float64)
    shape4 = tuple(data.shape) + (1,) * (4 - data.ndim)
    data4 = data.reshape(shape4, order="F") if data.ndim < 4 else data
    rng = np.random.default_rng(20261127)
    idx = np.stack([rng.integers(0, n, SPOTS) for n in shape4], axis=1)
    zooms = [float(z) for z in hdr.get_zooms()]
    entry = {
        "shape": [int(n) for n in data.shape],
        "dtype": str(img.get_data_dtype().newbyteorder("=")),
        "endianness": "big" if hdr.endianness == ">" else "little",
        "zooms": zooms,
        "xyzt_units": list(hdr.get_xyzt_units()),
        "qform_code": int(hdr["qform_code"]),
        "sform_code": int(hdr["sform_code"]),
        "affine": img.affine.tolist(),
        "qform": hdr.get_qform().tolist(),
        "sform": hdr.get_sform().tolist(),
        # img.header has scaling reset to NaN once applied; the proxy keeps the file's values
        "scl_slope": float(img.dataobj.slope),
        "scl_inter": float(img.dataobj.inter),
        "sum": float(data.sum()),
        "sumsq": float((data * data).sum()),
        "volume_sums": [float(s) for s in data4.reshape(-1, shape4[3], order="F").sum(axis=0)],
        "spot_index": idx.tolist(),
        "spot_value": [float(data4[tuple(i)]) for i in idx],
    }
    if data.ndim == 4:
        entry["tr_zoom"] = zooms[3]
    return entry


def atlas_labels(path):
    """aal.nii.txt: '<label value> <name> <AAL code>' per line."""
    labels = []
    with open(path, encoding="ascii") as f:
        for line in f:
            parts = line.split()
            if parts:
                labels.append((int(parts[0]), parts[1]))
    return labels


def roi_means(func_path, atlas_path, labels):
    """Nearest-neighbour atlas label of every functional voxel through the two affines,
    rounding half up (floor(x + 0.5)), then per-ROI means of every volume."""
    func = nib.load(func_path)
    atlas = nib.load(atlas_path)
    fdata = func.get_fdata(dtype=np.float64)
    adata = np.asarray(atlas.dataobj)
    shape = fdata.shape[:3]
    ijk = np.indices(shape).reshape(3, -1, order="F")
    vox2vox = np.linalg.inv(atlas.affine) @ func.affine
    a = vox2vox @ np.vstack([ijk, np.ones(ijk.shape[1])])
    a = np.floor(a[:3] + 0.5).astype(np.int64)
    inside = np.all((a >= 0) & (a < np.array(adata.shape)[:, None]), axis=0)
    lab = np.zeros(ijk.shape[1], dtype=np.int64)
    lab[inside] = adata[a[0, inside], a[1, inside], a[2, inside]]
    series = fdata.reshape(-1, fdata.shape[3], order="F")
    names, rows, missing, counts = [], [], [], []
    for value, name in labels:
        mask = lab == value
        if mask.any():
            names.append(name)
            rows.append(series[mask].mean(axis=0))
            counts.append(int(mask.sum()))
        else:
            missing.append(name)
    return {
        "functional": os.path.relpath(func_path, DATA),
        "atlas": os.path.relpath(atlas_path, DATA),
        "tr_seconds": float(func.header.get_zooms()[3]),
        "names": names,
        "voxel_counts": counts,
        "missing": missing,
        "means": [r.tolist() for r in rows],
    }


def main():
    files = sorted(glob.glob(os.path.join(DATA, "fmri", "*.nii*")) + glob.glob(os.path.join(DATA, "mri", "*.nii*")))
    files = [f for f in files if f.endswith(".nii") or f.endswith(".nii.gz")]
    write("nifti", {"spots": SPOTS, "files": {os.path.relpath(f, DATA): image_entry(f) for f in files}})
    aal = os.path.join(DATA, "mri", "aal.nii.gz")
    labels = atlas_labels(os.path.join(DATA, "mri", "aal.nii.txt"))
    write("nifti_atlas", {
        "label_count": len(labels),
        "cases": [roi_means(os.path.join(DATA, "fmri", f), aal, labels)
                  for f in ("nibabel_functional.nii", "fmri1.nii.gz")],
    })


if __name__ == "__main__":
    main()
