"""Compare two [channels, samples] arrays: max error relative to each channel's peak, and max abs error.

Usage: /usr/bin/python3 compare_npy.py OURS.npy REFERENCE.npy
Prints one JSON line.
"""
import json
import sys

import numpy as np

ours = np.load(sys.argv[1]).astype(np.float64)
ref = np.load(sys.argv[2]).astype(np.float64)
if ours.shape != ref.shape:
    print(json.dumps({"same_shape": False, "ours": list(ours.shape), "reference": list(ref.shape)}))
    sys.exit(1)
peak = np.abs(ref).max(axis=1, keepdims=True)
peak[peak == 0] = 1
rel = np.abs(ours - ref) / peak
print(json.dumps({
    "same_shape": True,
    "shape": list(ref.shape),
    "max_abs_error": float(np.abs(ours - ref).max()),
    "max_error_relative_to_channel_peak": float(rel.max()),
    "median_error_relative_to_channel_peak": float(np.median(rel)),
}))
