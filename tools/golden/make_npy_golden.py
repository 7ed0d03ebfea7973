"""Small .npy/.npz files written by numpy itself, and the values they hold, for the NPY reader tests.

Writes tokenizers/src/test/resources/npy/*.npz|*.npy with numpy.savez, numpy.savez_compressed,
numpy.save and numpy.lib.format.write_array (format versions 2.0 and 3.0), covering every dtype
the reader supports, both byte orders, C and Fortran order, a scalar and an empty array; and
golden/npy_arrays.json with, per file and array, numpy's descr, shape, fortran_order and the
values in C order. Run: /usr/bin/python3 tools/golden/make_npy_golden.py
"""
import os

import numpy as np

from golden_common import ROOT, data_summary, write

RES = os.path.join(ROOT, "tokenizers", "src", "test", "resources", "npy")


def arrays():
    return {
        "f4": np.array([[0.1, -2.5, 3e-8], [1e30, -0.0, 7.25]], "<f4"),
        "f8_big_endian": np.linspace(-1, 1, 7).astype(">f8"),
        "i2": np.array([-32768, -1, 0, 1, 32767], "<i2"),
        "i2_big_endian": np.array([1, -2, 300], ">i2"),
        "i4_fortran": np.asfortranarray(np.arange(12, dtype="<i4").reshape(3, 4) * -7),
        "i8": np.array([-2**63, -1, 0, 2**53 + 1, 2**63 - 1], "<i8"),
        "u1": np.array([0, 1, 127, 128, 255], "u1"),
        "b1": np.array([[True, False, True], [False, False, True]]),
        "f4_3d_fortran": np.asfortranarray(np.arange(24, dtype="<f4").reshape(2, 3, 4) / 8),
        "scalar": np.array(3.5),
        "empty": np.zeros((0, 3), "<f4"),
    }


def describe(a):
    header_order = a.flags.f_contiguous and not a.flags.c_contiguous
    return {
        "descr": np.lib.format.dtype_to_descr(a.dtype),
        "shape": list(a.shape),
        "fortran_order": bool(header_order),
        "values": [v.item() if hasattr(v, "item") else v for v in a.flatten(order="C").tolist()],
    }


def main():
    os.makedirs(RES, exist_ok=True)
    arrs = arrays()
    golden = {"files": {}}

    np.savez(os.path.join(RES, "savez.npz"), **arrs)
    np.savez_compressed(os.path.join(RES, "savez_compressed.npz"), **arrs)
    for name in ("savez.npz", "savez_compressed.npz"):
        loaded = np.load(os.path.join(RES, name))
        golden["files"][name] = {k: describe(loaded[k]) for k in loaded.files}

    for version in ((1, 0), (2, 0), (3, 0)):
        name = "v%d.npy" % version[0]
        a = arrs["i4_fortran"] if version[0] == 2 else arrs["f8_big_endian"]
        with open(os.path.join(RES, name), "wb") as f:
            np.lib.format.write_array(f, a, version=version)
        with open(os.path.join(RES, name), "rb") as f:
            assert np.lib.format.read_magic(f) == version
        golden["files"][name] = {"": describe(np.load(os.path.join(RES, name)))}

    # A bare recording, [channels, samples] without a sidecar: the reader needs a rate from the caller.
    t = np.arange(400) / 200.0
    data = np.stack([np.sin(2 * np.pi * 10 * t) * 1e-5, np.cos(2 * np.pi * 3 * t) * 2e-5, t * 1e-6]).astype("<f4")
    np.savez_compressed(os.path.join(RES, "bare_recording.npz"), data=data)
    np.save(os.path.join(RES, "bare_recording_fortran.npy"), np.asfortranarray(data.astype("<f8")))
    golden["bare_recording"] = data_summary(data.astype(np.float64))
    write("npy_arrays", golden)


if __name__ == "__main__":
    main()
