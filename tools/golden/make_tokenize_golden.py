"""Golden values for the quantile tokenizer and the sMRI patch tokenizer's resampling.

quantile: capslpdb_brux2_100s.edf read by MNE, cast to float32 (neurofm holds samples as
float32), first 50 s as training data: per-channel mean/std (ddof 0), numpy.percentile edges
at linspace(0, 100, 257) of the pooled z-scores, and numpy.digitize ids of held-out samples.
volume: ch2.nii.gz read by nibabel, resampled to 96^3 by torch.nn.functional.interpolate
(trilinear, align_corners=False); values at seeded voxels and the total.
Run with /usr/bin/python3.
"""
import os
import numpy as np
import mne
import nibabel as nib
import torch
from golden_common import DATA, write

BINS = 256
TRAIN_SECONDS = 50


def quantile():
    raw = mne.io.read_raw_edf(os.path.join(DATA, "eeg", "capslpdb_brux2_100s.edf"), preload=True, verbose="error")
    data = raw.get_data().astype(np.float32).astype(np.float64)
    n_train = int(TRAIN_SECONDS * raw.info["sfreq"])
    train, held = data[:, :n_train], data[:, n_train:]
    mean = train.mean(axis=1)
    std = train.std(axis=1)
    pooled = ((train - mean[:, None]) / std[:, None]).ravel()
    edges = np.percentile(pooled, np.linspace(0, 100, BINS + 1))
    edges32 = edges.astype(np.float32).astype(np.float64)
    z_held = (held - mean[:, None]) / std[:, None]
    ids = np.digitize(z_held[:, :512], edges32[1:-1])
    train_ids = np.digitize(pooled, edges32[1:-1])
    centres = np.array([np.median(pooled[train_ids == b]) if np.any(train_ids == b)
                        else (edges32[b] + edges32[b + 1]) / 2 for b in range(BINS)])
    write("tokenize_quantile", {
        "file": "eeg/capslpdb_brux2_100s.edf", "train_samples": n_train, "bins": BINS,
        "channels": raw.ch_names, "mean": mean.tolist(), "std": std.tolist(),
        "edges": edges.tolist(), "centres": centres.tolist(), "held_ids_first512": ids.tolist(),
    })


def volume():
    img = nib.load(os.path.join(DATA, "mri", "ch2.nii.gz"))
    vol = torch.from_numpy(np.asarray(img.get_fdata(), dtype=np.float64))[None, None]
    out = torch.nn.functional.interpolate(vol, size=(96, 96, 96), mode="trilinear", align_corners=False)[0, 0].numpy()
    rng = np.random.default_rng(20261127)
    spots = rng.integers(0, 96, size=(512, 3))
    spots = np.vstack([spots, [[0, 0, 0], [95, 95, 95], [48, 40, 50]]])
    write("tokenize_volume_grid", {
        "file": "mri/ch2.nii.gz", "grid": [96, 96, 96],
        "spots": spots.tolist(), "values": [float(out[i, j, k]) for i, j, k in spots],
        "sum": float(out.sum()),
    })


if __name__ == "__main__":
    quantile()
    volume()
