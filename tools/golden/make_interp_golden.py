"""Golden values for spherical-spline interpolation of missing EEG channels (io.neurofm.montage).

Case: 1 s (160 samples from t = 10 s) of the PhysioNet EEG Motor Movement/Imagery recording
S001R01 read with MNE; 30 of its 10-10 channels are the recording, and a model wants those 30
plus C3, Cz and Pz. MNE does what ChannelMapper.apply(..., INTERPOLATE) must reproduce:
a 33-channel RawArray with MNE's standard_1005 montage (head frame), C3/Cz/Pz marked bad,
raw.interpolate_bads(origin='auto') (spherical splines, Perrin et al. 1989, as
mne/channels/interpolation.py implements them).

The input samples are rounded to float32 first, because a neurofm Recording holds float32;
MNE then computes in float64 on exactly the values Java sees.

Also written: the fitted origin and radius ('auto' = least-squares sphere fitted by COBYLA to
the EEG digitisation points, low frontal ones excluded), the positions, and the matrix of
_make_interpolation_matrix(pos_from - origin, pos_to - origin) with its default alpha=1e-5.
Run with /usr/bin/python3 (Debian python3-mne 1.3).
"""
import os
import sys

import mne
import numpy as np
from mne.bem import _check_origin
from mne.channels.interpolation import _make_interpolation_matrix

sys.path.insert(0, os.path.dirname(__file__))
from golden_common import DATA, data_summary, write  # noqa: E402

SOURCES = ["Fp1", "Fpz", "Fp2", "AF7", "AF8", "F7", "F3", "Fz", "F4", "F8",
           "FC5", "FC1", "FC2", "FC6", "T7", "C5", "C1", "C2", "C6", "T8",
           "CP5", "CP1", "CP2", "CP6", "P7", "P3", "P4", "P8", "O1", "O2"]
TARGETS = ["C3", "Cz", "Pz"]
# the order a model asks for (sources and targets interleaved on purpose)
MODEL = ["Fp1", "Fpz", "Fp2", "AF7", "AF8", "F7", "F3", "Fz", "F4", "F8",
         "FC5", "FC1", "FC2", "FC6", "T7", "C5", "C3", "C1", "Cz", "C2", "C6", "T8",
         "CP5", "CP1", "CP2", "CP6", "P7", "P3", "Pz", "P4", "P8", "O1", "O2"]
START, COUNT = 1600, 160


def main():
    path = os.path.join(DATA, "eeg", "eegmmidb_S001R01.edf")
    raw = mne.io.read_raw_edf(path, preload=True, verbose="error")
    canonical = {name.lower(): name for name in mne.channels.make_standard_montage("standard_1005").ch_names}
    edf_name = {canonical[n.rstrip(".").lower()]: n for n in raw.ch_names}
    data = raw.get_data(picks=[edf_name[n] for n in SOURCES], start=START, stop=START + COUNT)
    data = data.astype(np.float32).astype(np.float64)

    full = np.zeros((len(MODEL), COUNT))
    for i, name in enumerate(MODEL):
        if name in SOURCES:
            full[i] = data[SOURCES.index(name)]
    info = mne.create_info(MODEL, raw.info["sfreq"], "eeg")
    sim = mne.io.RawArray(full, info, verbose="error")
    sim.set_montage(mne.channels.make_standard_montage("standard_1005"))
    sim.info["bads"] = list(TARGETS)
    origin = _check_origin("auto", sim.info)
    radius = mne.bem.fit_sphere_to_headshape(sim.info, units="m", verbose="error")[0]
    sim.interpolate_bads(reset_bads=True, origin="auto", verbose="error")
    out = sim.get_data()

    pos = {ch["ch_name"]: ch["loc"][:3].copy() for ch in sim.info["chs"]}
    pos_from = np.array([pos[n] for n in SOURCES]) - origin
    pos_to = np.array([pos[n] for n in TARGETS]) - origin
    matrix = _make_interpolation_matrix(pos_from, pos_to)
    # the matrix really is what interpolate_bads applied
    check = matrix @ data
    for k, name in enumerate(TARGETS):
        assert np.allclose(check[k], out[MODEL.index(name)], rtol=0, atol=1e-18), name

    write("montage_interpolation", {
        "reference": "mne %s Raw.interpolate_bads(origin='auto'), spherical splines" % mne.__version__,
        "file": "eeg/eegmmidb_S001R01.edf",
        "start_sample": START,
        "sampling_rate": float(raw.info["sfreq"]),
        "source_edf_names": [edf_name[n] for n in SOURCES],
        "sources": SOURCES,
        "targets": TARGETS,
        "model_channels": MODEL,
        "input": data.tolist(),
        "positions": {n: [float(v) for v in pos[n]] for n in MODEL},
        "origin": [float(v) for v in origin],
        "radius": float(radius),
        "alpha": 1e-5,
        "matrix": matrix.tolist(),
        "data": data_summary(out),
    })


if __name__ == "__main__":
    main()
