"""Golden values for the BrainVision reader, from python3-mne 1.3.

1. eeg/test.vhdr (shared MNE test data, MULTIPLEXED INT_16) read with mne.io.read_raw_brainvision.
   The same recording saved as FIF (eeg/brainvision_converted_raw.fif) is summarised too, so that
   a FIF-reader test can show both readers agree. That FIF was written by an older MNE: its
   channels are named "EEG 001".."EEG 032" plus a synthetic "STI 014", all typed EEG in volts.
2. A small VECTORIZED IEEE_FLOAT_32 recording written by this script into the test resources
   (brainvision/synthetic.*), built from the first 1000 samples of six channels of test.eeg, with
   a [Coordinates] section, an EOG name, an escaped comma, a missing resolution, mixed units and
   a "New Segment" marker without a date: the cases test.vhdr does not cover.

Run: /usr/bin/python3 tools/golden/make_brainvision_golden.py
"""
import os

import mne
import numpy as np

from golden_common import DATA, ROOT, data_summary, write

RES = os.path.join(ROOT, "tokenizers", "src", "test", "resources", "brainvision")


def describe(raw):
    ann = raw.annotations
    _, event_id = mne.events_from_annotations(raw, verbose="error")
    locs = []
    for ch in raw.info["chs"]:
        loc = ch["loc"][:3]
        locs.append(None if np.isnan(loc).any() else [float(v) for v in loc])
    meas = raw.info["meas_date"]
    return {
        "ch_names": raw.ch_names,
        "ch_types": raw.get_channel_types(),
        "fiff_units": [int(ch["unit"]) for ch in raw.info["chs"]],
        "orig_units": [raw._orig_units.get(n) for n in raw.ch_names] if raw._orig_units else None,
        "positions": locs,
        "sfreq": float(raw.info["sfreq"]),
        "n_times": int(raw.n_times),
        "meas_date": None if meas is None else meas.isoformat(),
        "annotations": {
            "onset": [float(v) for v in ann.onset],
            "duration": [float(v) for v in ann.duration],
            "description": [str(v) for v in ann.description],
        },
        # MNE's BrainVision event codes (Stimulus/S n -> n, Response/R n -> 1000+n, ...);
        # codes >= 10001 are MNE's running numbers for descriptions it does not know.
        "event_id": {k: int(v) for k, v in event_id.items()},
        "data": data_summary(raw.get_data()),
    }


def real_file():
    raw = mne.io.read_raw_brainvision(os.path.join(DATA, "eeg", "test.vhdr"), preload=True, verbose="error")
    golden = describe(raw)
    fif = mne.io.read_raw_fif(os.path.join(DATA, "eeg", "brainvision_converted_raw.fif"), preload=True,
                              verbose="error")
    fif_data = fif.get_data()
    stim = fif_data[fif.ch_names.index("STI 014")]
    golden["fif"] = {
        "ch_names": fif.ch_names,
        "ch_types": fif.get_channel_types(),
        "sfreq": float(fif.info["sfreq"]),
        "n_times": int(fif.n_times),
        "meas_date": None if fif.info["meas_date"] is None else fif.info["meas_date"].isoformat(),
        "data": data_summary(fif_data),
        # where its STI 014 is non-zero (0-based samples) and the value there
        "stim_onsets": [int(i) for i in np.flatnonzero(stim)],
        "stim_values": [float(stim[i]) for i in np.flatnonzero(stim)],
    }
    write("brainvision_test", golden)


VHDR = """Brain Vision Data Exchange Header File Version 2.0
; written by tools/golden/make_brainvision_golden.py from the first 1000 samples of test.eeg

[Common Infos]
Codepage=UTF-8
DataFile=synthetic.eeg
MarkerFile=synthetic.vmrk
DataFormat=BINARY
DataOrientation=VECTORIZED
NumberOfChannels=6
DataPoints=1000
SamplingInterval=2000

[Binary Infos]
BinaryFormat=IEEE_FLOAT_32

[Channel Infos]
Ch2=HEOGL,,0.1,µV
Ch1=Fp1,Cz,0.5,µV
Ch3=A\\1B,,1,mV
Ch4=Cz,,,µV
Ch5=Pz,,2e-6,V
Ch6=STI 014,,1,µV

[Coordinates]
Ch1=1,-90,-72
Ch2=90,-100,-60
Ch3=85,45,30
Ch4=0,0,0
Ch5=1,45,-90

[Comment]
Nothing here is parsed.
"""

VMRK = """Brain Vision Data Exchange Marker File, Version 2.0

[Common Infos]
Codepage=UTF-8
DataFile=synthetic.eeg

[Marker Infos]
Mk1=New Segment,,1,1,0,00000000000000000000
Mk2=Stimulus,S  1,101,1,0
Mk3=Comment,a\\1b,250,10,3
Mk4=Response,R 12,1000,,0
"""


def synthetic_file():
    os.makedirs(RES, exist_ok=True)
    raw_counts = np.fromfile(os.path.join(DATA, "eeg", "test.eeg"), "<i2").reshape(-1, 32)
    block = raw_counts[:1000, :6].T.astype("<f4") * np.float32(0.25)  # channels in rows: VECTORIZED
    block.tofile(os.path.join(RES, "synthetic.eeg"))
    with open(os.path.join(RES, "synthetic.vhdr"), "w", encoding="utf-8", newline="\r\n") as f:
        f.write(VHDR)
    with open(os.path.join(RES, "synthetic.vmrk"), "w", encoding="utf-8", newline="\n") as f:
        f.write(VMRK)
    raw = mne.io.read_raw_brainvision(os.path.join(RES, "synthetic.vhdr"), preload=True, verbose="error")
    write("brainvision_synthetic", describe(raw))


if __name__ == "__main__":
    real_file()
    synthetic_file()
