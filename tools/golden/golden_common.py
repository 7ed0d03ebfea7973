"""Shared helpers for golden-value scripts: reference values from Debian's python3-mne / nibabel.

Each script in this folder reads one format with the reference implementation and writes a JSON
file under tokenizers/src/test/resources/golden/. Run with /usr/bin/python3 (Debian's python,
not a pyenv one). Floats are written with repr() precision so Java compares the exact doubles.

A golden for a recording holds names, types, units, rates and events exactly, and the data
(SI units, float64) as: the first HEAD samples of every channel, the values at SPOTS seeded
random (channel, sample) positions, and per-channel sum and sum of squares over all samples.
"""
import json
import os
import numpy as np

HEAD = 256
SPOTS = 512
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.abspath(os.path.join(ROOT, "..", "shared", "data"))
OUT = os.path.join(ROOT, "tokenizers", "src", "test", "resources", "golden")


def data_summary(data):
    """data: float64 array [channels, samples]."""
    data = np.asarray(data, dtype=np.float64)
    n_ch, n_t = data.shape
    rng = np.random.default_rng(20261127)
    ch = rng.integers(0, n_ch, SPOTS) if n_ch and n_t else np.zeros(0, dtype=int)
    t = rng.integers(0, n_t, SPOTS) if n_ch and n_t else np.zeros(0, dtype=int)
    return {
        "shape": [int(n_ch), int(n_t)],
        "head": data[:, :HEAD].tolist(),
        "spot_channel": ch.tolist(),
        "spot_sample": t.tolist(),
        "spot_value": data[ch, t].tolist() if len(ch) else [],
        "channel_sum": data.sum(axis=1).tolist(),
        "channel_sumsq": (data * data).sum(axis=1).tolist(),
    }


def write(name, obj):
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name + ".json")
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(obj, f, indent=1, allow_nan=False)
        f.write("\n")
    os.replace(tmp, path)
    print("wrote", os.path.relpath(path, ROOT))
