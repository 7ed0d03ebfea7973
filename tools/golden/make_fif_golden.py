"""Golden values for the FIF reader (io.neurofm.signal.io.fif) from Debian's python3-mne 1.3.

Reads the two shared FIF recordings with mne.io.read_raw_fif(preload=True) and writes their
names, MNE channel types, units, rates, first sample, annotations, measurement date, channel
locations and a data summary. It also derives four small FIF fixtures from the shared BrainVision
conversion with MNE's own writer (tokenizers/src/test/resources/fif/), to exercise what the shared
files lack: FIFF_FIRST_SAMPLE, annotations, a measurement date of None, int/double/float/short
buffers, many buffers per file, gzip, FIFF_DATA_SKIP (initial and in-data), long channel names
(FIFFB_CH_INFO), EEG positions and EOG/ECG/EMG/MISC channels. Each fixture gets its own golden
from reading it back with MNE.

Run: /usr/bin/python3 tools/golden/make_fif_golden.py
"""
import os
import numpy as np
import mne

from golden_common import DATA, ROOT, data_summary, write

FIXTURES = os.path.join(ROOT, "tokenizers", "src", "test", "resources", "fif")

UNIT_SYMBOLS = {
    mne.io.constants.FIFF.FIFF_UNIT_V: "V",
    mne.io.constants.FIFF.FIFF_UNIT_T: "T",
    mne.io.constants.FIFF.FIFF_UNIT_T_M: "T/m",
    mne.io.constants.FIFF.FIFF_UNIT_NONE: "",
    mne.io.constants.FIFF.FIFF_UNIT_UNITLESS: "",
}


def golden_for(path, name, source):
    raw = mne.io.read_raw_fif(path, preload=True, allow_maxshield="yes", verbose="error")
    info = raw.info
    meas = info["meas_date"]
    ann = raw.annotations
    # MNE keeps onsets relative to meas_date (or to sample 0 when there is none) and the first
    # sample of the data lies first_time seconds after it: our onsets count from the first sample.
    rel_onsets = (ann.onset - raw.first_time).tolist()
    obj = {
        "source": source,
        "names": raw.ch_names,
        "mne_types": raw.get_channel_types(),
        "units": [UNIT_SYMBOLS[int(ch["unit"])] for ch in info["chs"]],
        "unit_codes": [int(ch["unit"]) for ch in info["chs"]],
        "kinds": [int(ch["kind"]) for ch in info["chs"]],
        "coil_types": [int(ch["coil_type"]) for ch in info["chs"]],
        "loc3": [[float(v) for v in ch["loc"][:3]] for ch in info["chs"]],
        "sfreq": float(info["sfreq"]),
        "highpass": float(info["highpass"]),
        "lowpass": float(info["lowpass"]),
        "first_samp": int(raw.first_samp),
        "n_times": int(raw.n_times),
        "meas_date": None if meas is None else meas.isoformat(),
        "meas_date_epoch_us": None if meas is None else
            int(round((meas - mne.utils._stamp_to_dt((0, 0))).total_seconds() * 1e6)),
        "bads": list(info["bads"]),
        "annotations": {
            "onset": rel_onsets,
            "duration": ann.duration.tolist(),
            "description": list(ann.description),
        },
        "data": data_summary(raw.get_data()),
    }
    write(name, obj)
    return raw


def base_fixture_raw():
    raw = mne.io.read_raw_fif(os.path.join(DATA, "eeg", "brainvision_converted_raw.fif"),
                              preload=True, verbose="error")
    raw.pick_channels(["EEG 00%d" % i for i in range(1, 9)] + ["STI 014"], ordered=True)
    raw.crop(tmin=1.2, tmax=3.2, include_tmax=False)  # first_samp 1200, 2000 samples
    raw.rename_channels({"EEG 001": "Fz", "EEG 002": "Cz", "EEG 003": "Pz", "EEG 004": "Oz",
                         "EEG 008": "A long misc channel name"})
    raw.set_channel_types({"EEG 005": "eog", "EEG 006": "ecg", "EEG 007": "emg",
                           "A long misc channel name": "misc"}, verbose="error")
    raw.set_montage("standard_1020", verbose="error")
    raw.info["bads"] = ["Pz"]
    return raw


def write_fixtures():
    os.makedirs(FIXTURES, exist_ok=True)
    notes = mne.Annotations(onset=[0.25, 1.0, 1.5], duration=[0.1, 0.0, 0.3],
                            description=["Stimulus/S  1", "Comment: ok", "BAD span"])

    raw = base_fixture_raw()
    raw.set_annotations(notes)
    out = os.path.join(FIXTURES, "fixture_int_raw.fif")
    raw.save(out, fmt="int", buffer_size_sec=0.25, overwrite=True, verbose="error")
    golden_for(out, "fif_fixture_int", "fixture_int_raw.fif: int buffers, annotations, first_samp 1200")

    raw = base_fixture_raw()
    raw.set_meas_date(None)
    raw.set_annotations(notes)
    out = os.path.join(FIXTURES, "fixture_double_nodate_raw.fif")
    raw.save(out, fmt="double", buffer_size_sec=0.3, overwrite=True, verbose="error")
    golden_for(out, "fif_fixture_double_nodate",
               "fixture_double_nodate_raw.fif: double buffers, no meas_date, annotations")

    raw = base_fixture_raw()
    raw.set_annotations(notes)
    out = os.path.join(FIXTURES, "fixture_single_raw.fif.gz")
    raw.save(out, fmt="single", overwrite=True, verbose="error")
    golden_for(out, "fif_fixture_single_gz", "fixture_single_raw.fif.gz: float buffers, gzip")

    raw = base_fixture_raw()
    raw.set_annotations(notes + mne.Annotations(onset=[0.0, 1.0], duration=[0.25, 0.5],
                                                description=["BAD_ACQ_SKIP", "BAD_ACQ_SKIP"]))
    out = os.path.join(FIXTURES, "fixture_skip_raw.fif")
    raw.save(out, fmt="short", buffer_size_sec=0.25, overwrite=True, verbose="error")
    golden_for(out, "fif_fixture_skip", "fixture_skip_raw.fif: short buffers, initial and in-data skips")


def main():
    golden_for(os.path.join(DATA, "meg", "bti_exported4d_raw.fif"), "fif_bti_exported4d",
               "meg/bti_exported4d_raw.fif")
    golden_for(os.path.join(DATA, "eeg", "brainvision_converted_raw.fif"), "fif_brainvision_converted",
               "eeg/brainvision_converted_raw.fif")
    write_fixtures()


if __name__ == "__main__":
    main()
