"""Golden values for io.neurofm.dsp from scipy 1.10 / numpy / MNE 1.3 on real recordings.

Run with /usr/bin/python3 (Debian's python). Writes tokenizers/src/test/resources/golden/dsp.json.

Inputs are segments of real recordings, rounded to float32 (what a Recording holds) and stored
as float64 in the JSON, so the Java tests feed exactly the same numbers to their functions:
  - eegmmidb: first 10 s (1600 samples at 160 Hz) of the first 8 EEG channels of
    eeg/eegmmidb_S001R01.edf
  - brux2: first 5 s (1280 samples at 256 Hz) of the 5 channels of eeg/capslpdb_brux2_100s.edf
  - vhdr: first 2 s (2000 samples at 1000 Hz) of the first 4 channels of eeg/test.vhdr
Filter and resampler outputs are stored as data summaries (head, tail, seeded spots, sums; see
golden_common.py) computed in float64 by scipy.
"""
import numpy as np
import mne
import scipy
from scipy import signal

from golden_common import DATA, data_summary, write

TAIL = 64
mne.set_log_level("ERROR")


def summary(data):
    s = data_summary(data)
    s["tail"] = np.asarray(data)[:, -TAIL:].tolist()
    return s


def segment(path, reader, n_ch, n_t):
    raw = reader(path, preload=True)
    data = raw.get_data()[:n_ch, :n_t].astype(np.float32).astype(np.float64)
    return raw.ch_names[:n_ch], float(raw.info["sfreq"]), data


def input_node(names, sfreq, data):
    return {"channels": names, "sfreq": sfreq, "data": data.tolist()}


def butter_cases(fs):
    cases = []
    specs = [("lowpass", [30.0]), ("highpass", [0.5]), ("bandpass", [1.0, 40.0]), ("bandstop", [45.0, 55.0])]
    for order in (1, 2, 3, 4, 5, 8):
        for btype, wn in specs:
            sos = signal.butter(order, wn if len(wn) > 1 else wn[0], btype=btype, fs=fs, output="sos")
            cases.append({"order": order, "btype": btype, "cutoff": wn, "fs": fs, "sos": sos.tolist()})
    # a band-pass close to Nyquist and a narrow one: other pole geometries
    for order, btype, wn in ((4, "bandpass", [60.0, 79.0]), (6, "bandpass", [8.0, 12.0]), (3, "lowpass", [79.5])):
        sos = signal.butter(order, wn if len(wn) > 1 else wn[0], btype=btype, fs=fs, output="sos")
        cases.append({"order": order, "btype": btype, "cutoff": wn, "fs": fs, "sos": sos.tolist()})
    return cases


def filter_cases(x, fs):
    cases = []
    specs = [
        (4, "bandpass", [1.0, 40.0]),
        (4, "highpass", [0.5]),
        (4, "lowpass", [30.0]),
        (3, "bandpass", [1.0, 40.0]),
        (8, "highpass", [1.0]),
        (2, "bandstop", [48.0, 52.0]),
    ]
    for order, btype, wn in specs:
        sos = signal.butter(order, wn if len(wn) > 1 else wn[0], btype=btype, fs=fs, output="sos")
        y = signal.sosfiltfilt(sos, x, axis=-1)
        cases.append({"kind": "sosfiltfilt", "order": order, "btype": btype, "cutoff": wn, "fs": fs,
                      "padlen": 3 * (2 * len(sos) + 1 - min(int((sos[:, 2] == 0).sum()),
                                                            int((sos[:, 5] == 0).sum()))),
                      "out": summary(y)})
    sos = signal.butter(4, [1.0, 40.0], btype="bandpass", fs=fs, output="sos")
    cases.append({"kind": "sosfilt", "order": 4, "btype": "bandpass", "cutoff": [1.0, 40.0], "fs": fs,
                  "out": summary(signal.sosfilt(sos, x, axis=-1))})
    return cases


def notch_cases(x, fs, freqs, q, harmonics):
    out = []
    for f0 in freqs:
        targets = [f0 * k for k in range(1, int(np.ceil(fs / 2 / f0)) + 1) if f0 * k < fs / 2] if harmonics else [f0]
        y = x
        coeffs = []
        for f in targets:
            b, a = signal.iirnotch(f, q, fs=fs)
            coeffs.append({"freq": f, "b": b.tolist(), "a": a.tolist()})
            y = signal.filtfilt(b, a, y, axis=-1)
        out.append({"freq": f0, "q": q, "fs": fs, "harmonics": harmonics, "coefficients": coeffs, "out": summary(y)})
    return out


def resample_cases(x, fs, targets):
    out = []
    for target in targets:
        up, down = int(target), int(fs)
        g = np.gcd(up, down)
        up, down = int(up // g), int(down // g)
        y = signal.resample_poly(x, up, down, axis=-1)
        out.append({"from": fs, "to": float(target), "up": up, "down": down, "out": summary(y)})
    return out


def kaiser_fir_cases():
    out = []
    for up, down in ((5, 4), (25, 16), (4, 5), (1, 5), (125, 128)):
        max_rate = max(up, down)
        half_len = 10 * max_rate
        h = signal.firwin(2 * half_len + 1, 1.0 / max_rate, window=("kaiser", 5.0))
        out.append({"up": up, "down": down, "h": h.tolist()})
    return out


def scaling_stats(x):
    q25, q75 = np.percentile(x, [25, 75], axis=-1)
    return {"mean": x.mean(axis=-1).tolist(), "std": x.std(axis=-1).tolist(),
            "median": np.median(x, axis=-1).tolist(), "q25": q25.tolist(), "q75": q75.tolist(),
            # percentiles at awkward positions exercise the interpolation rule
            "p": [3.3, 50.0, 97.7],
            "percentiles": np.percentile(x, [3.3, 50.0, 97.7], axis=-1).T.tolist()}


def reref_cases(names, fs, x):
    info = mne.create_info(names, fs, "eeg")
    bads = [names[2]]
    out = []
    for ref in ("average", [names[3]]):
        raw = mne.io.RawArray(x.copy(), info.copy())
        raw.info["bads"] = list(bads)
        raw.set_eeg_reference(ref, projection=False)
        out.append({"ref": ref if isinstance(ref, str) else ref[0], "bads": bads, "out": summary(raw.get_data())})
    return out


def epoch_cases(names, fs, x):
    info = mne.create_info(names, fs, "eeg")
    raw = mne.io.RawArray(x.copy(), info)
    # onsets chosen to hit both data edges (dropped: not enough data) and half-sample rounding
    onsets = [0.1, 0.65, 1.003125, 2.5, 4.0, 5.25, 7.753125, 9.6, 9.99]
    descriptions = ["T1", "T2", "T1", "T2", "T0", "T1", "T2", "T1", "T2"]
    raw.set_annotations(mne.Annotations(onsets, [0.0] * len(onsets), descriptions))
    event_id = {"T1": 1, "T2": 2}
    events, _ = mne.events_from_annotations(raw, event_id=event_id)
    tmin, tmax = -0.2, 0.5
    epochs = mne.Epochs(raw, events, event_id=event_id, tmin=tmin, tmax=tmax, baseline=None, preload=True,
                        reject_by_annotation=False)
    inv = {v: k for k, v in event_id.items()}
    return {
        "onsets": onsets, "descriptions": descriptions, "match": ["T1", "T2"], "tmin": tmin, "tmax": tmax,
        "event_samples": events[:, 0].tolist(),
        "kept_samples": epochs.events[:, 0].tolist(),
        "kept_labels": [inv[c] for c in epochs.events[:, 2]],
        "dropped": [i for i, log in enumerate(epochs.drop_log) if log],
        "data": epochs.get_data().tolist(),
    }


def main():
    names, fs, x = segment(f"{DATA}/eeg/eegmmidb_S001R01.edf", mne.io.read_raw_edf, 8, 1600)
    b_names, b_fs, bx = segment(f"{DATA}/eeg/capslpdb_brux2_100s.edf", mne.io.read_raw_edf, 5, 1280)
    v_names, v_fs, vx = segment(f"{DATA}/eeg/test.vhdr", mne.io.read_raw_brainvision, 4, 2000)
    golden = {
        "versions": {"scipy": scipy.__version__, "numpy": np.__version__, "mne": mne.__version__},
        "inputs": {"eegmmidb": input_node(names, fs, x), "brux2": input_node(b_names, b_fs, bx),
                   "vhdr": input_node(v_names, v_fs, vx)},
        "butter": butter_cases(fs),
        "filters": filter_cases(x, fs),
        "notch": notch_cases(x, fs, [50.0, 60.0], 30.0, False)
        + notch_cases(bx, b_fs, [50.0], 30.0, True),
        "resample": {"eegmmidb": resample_cases(x, fs, [200, 250, 128, 100]),
                     "brux2": resample_cases(bx, b_fs, [250, 200]),
                     "vhdr": resample_cases(vx, v_fs, [200, 256])},
        "kaiser_fir": kaiser_fir_cases(),
        "scaling": scaling_stats(x),
        "reref": reref_cases(names, fs, x),
        "epochs": epoch_cases(names, fs, x),
    }
    # the notch on brux2 is the harmonic case; tag which input each notch used
    for case in golden["notch"]:
        case["input"] = "eegmmidb" if case["fs"] == fs else "brux2"
    write("dsp", golden)


if __name__ == "__main__":
    main()
