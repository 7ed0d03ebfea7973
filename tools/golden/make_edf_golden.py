"""Golden values for the EDF/EDF+/BDF reader, from MNE 1.3 (read_raw_edf / read_raw_bdf, preload=True).

Run: /usr/bin/python3 tools/golden/make_edf_golden.py

For each EDF/BDF file in shared/data/eeg this writes golden/edf_<stem>.json with channel names,
MNE channel types, MNE units ('V' or 'NA' for dimensionless), the file's own unit strings, the
scale MNE applies to each (1e-6 for uV, ...), sfreq, n_times, annotations, meas_date and a data
summary of MNE's samples.

MNE resamples channels whose native rate is below the file's highest rate, so for those files
"data" covers only the channels at the highest rate, and "native_groups" holds the lower-rate
channels decoded here straight from the file bytes with numpy (digital -> physical with the
header's ranges, times MNE's unit scale), independently of MNE.

test_edf_stim_channel.edf is also read a second time with stim_channel='DIG DTRIG' (MNE's
default only recognises channels called 'status' or 'trigger'), to pin how MNE scales and
masks an EDF trigger channel.
"""
import os
import sys

import numpy as np
import mne

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_common import DATA, data_summary, write  # noqa: E402

FILES = [
    "eegmmidb_S001R01.edf",
    "capslpdb_brux2_100s.edf",
    "test_edf_stim_channel.edf",
    "test_uneven_samp.edf",
    "test_bdf_stim_channel.bdf",
]


def mne_unit(ch):
    return "V" if ch["unit"] == mne.io.constants.FIFF.FIFF_UNIT_V else "NA"


def decode_native(path, ex):
    """Every signal's physical values at its native rate, straight from the bytes, by signal index."""
    with open(path, "rb") as f:
        raw = f.read()
    ns = int(raw[252:256].decode("ascii").strip())
    header_bytes = 256 * (ns + 1)

    def field(start, width):
        base = 256 + start * ns
        return [raw[base + i * width: base + (i + 1) * width].decode("latin-1").strip() for i in range(ns)]

    pmin = np.array(field(16 + 80 + 8, 8), float)
    pmax = np.array(field(16 + 80 + 16, 8), float)
    dmin = np.array(field(16 + 80 + 24, 8), float)
    dmax = np.array(field(16 + 80 + 32, 8), float)
    spr = np.array(field(16 + 80 + 40 + 80, 8), int)
    width = 3 if path.endswith(".bdf") else 2
    rec_bytes = int(spr.sum()) * width
    n_rec = (len(raw) - header_bytes) // rec_bytes
    body = np.frombuffer(raw, np.uint8, n_rec * rec_bytes, header_bytes).reshape(n_rec, rec_bytes)
    out = []
    pos = 0
    for i in range(ns):
        block = body[:, pos * width:(pos + spr[i]) * width].reshape(-1, width).astype(np.int64)
        pos += spr[i]
        if width == 2:
            dig = block[:, 0] | (block[:, 1] << 8)
            dig = np.where(dig >= 1 << 15, dig - (1 << 16), dig)
        else:
            dig = block[:, 0] | (block[:, 1] << 8) | (block[:, 2] << 16)
            dig = np.where(dig >= 1 << 23, dig - (1 << 24), dig)
        phys = (dig - dmin[i]) * (pmax[i] - pmin[i]) / (dmax[i] - dmin[i]) + pmin[i]
        out.append(phys)
    return out


def golden_for(fname, stim_channel="auto", suffix=""):
    path = os.path.join(DATA, "eeg", fname)
    reader = mne.io.read_raw_bdf if fname.endswith(".bdf") else mne.io.read_raw_edf
    raw = reader(path, preload=True, stim_channel=stim_channel, verbose="error")
    ex = raw._raw_extras[0]
    record_length = float(ex["record_length"][0])
    n_samps = np.asarray(ex["n_samps"])[ex["sel"]]
    native_rates = [float(n) / record_length for n in n_samps]
    top = int(n_samps.max())
    at_top = [i for i, n in enumerate(n_samps) if n == top]
    data = raw.get_data()
    ann = raw.annotations
    meas_date = raw.info["meas_date"]
    obj = {
        "file": "eeg/" + fname,
        "stim_channel": stim_channel,
        "ch_names": list(raw.ch_names),
        "ch_types": raw.get_channel_types(),
        "units": [mne_unit(ch) for ch in raw.info["chs"]],
        "orig_units": [raw._orig_units[name] for name in raw.ch_names],
        "unit_scale": [float(x) for x in ex["units"]],
        "sfreq": float(raw.info["sfreq"]),
        "n_times": int(raw.n_times),
        "n_records": int(ex["n_records"]),
        "record_length": record_length,
        "native_rates": native_rates,
        "meas_date": None if meas_date is None else meas_date.isoformat(),
        "annotations": {
            "onset": [float(x) for x in ann.onset],
            "duration": [float(x) for x in ann.duration],
            "description": [str(x) for x in ann.description],
        },
        "data_channels": [raw.ch_names[i] for i in at_top],
        "data": data_summary(data[at_top]),
    }
    low = [i for i in range(len(n_samps)) if n_samps[i] != top]
    native = decode_native(path, ex)
    stim = set(mne.pick_types(raw.info, meg=False, stim=True))
    for i in at_top:
        if i not in stim:
            # the independent decoder agrees with MNE where MNE keeps the native rate
            np.testing.assert_allclose(native[ex["sel"][i]] * ex["units"][i], data[i],
                                       rtol=1e-9, atol=1e-12 * np.abs(data[i]).max())
    if low:
        groups = []
        for n in sorted({int(n_samps[i]) for i in low}):
            members = [i for i in low if n_samps[i] == n]
            rows = [native[ex["sel"][i]] * ex["units"][i] for i in members]
            groups.append({
                "rate": n / record_length,
                "channels": [raw.ch_names[i] for i in members],
                "data": data_summary(np.vstack(rows)),
            })
        obj["native_groups"] = groups
    stem = os.path.splitext(fname)[0]
    write("edf_" + stem + suffix, obj)


def main():
    for fname in FILES:
        golden_for(fname)
    golden_for("test_edf_stim_channel.edf", stim_channel="DIG DTRIG", suffix="_dtrig")


if __name__ == "__main__":
    main()
