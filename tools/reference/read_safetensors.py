"""Parses a safetensors file with the plain-numpy parser and re-emits it as .npz (numpy's own
writer), so a test can compare what an independent parser sees with what was written.

Usage: /usr/bin/python3 tools/reference/read_safetensors.py IN.safetensors OUT.npz
Also checks that the data section starts 8-byte aligned, as the Java writer promises.
"""
import os
import struct
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_np  # noqa: E402


def main(src, dst):
    with open(src, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
    if (8 + n) % 8:
        raise SystemExit("%s: data section starts at %d, not 8-byte aligned" % (src, 8 + n))
    tensors, metadata = safetensors_np.read(src)
    np.savez(dst, **tensors)
    print("%d tensors, metadata %s" % (len(tensors), dict(metadata)))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
