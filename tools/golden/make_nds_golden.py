"""Golden values for io.neurofm.tokenize.stats (neurodynamics statistics) from numpy / scipy 1.10.

Run with /usr/bin/python3 (Debian's python). Writes tokenizers/src/test/resources/golden/nds.json.

Inputs are 4 s windows of real recordings, read with MNE, rounded to float32 (what a Recording
holds) and stored as float64 in the JSON, so Java feeds exactly the same numbers:
  - eegmmidb: 8 EEG channels of eeg/eegmmidb_S001R01.edf at 160 Hz, from 10 s (640 samples)
  - brux2: the 5 bipolar channels of eeg/capslpdb_brux2_100s.edf at 256 Hz, from 30 s (1024 samples)

Everything below is straightforward numpy/scipy, written from the definitions:
  - Welch PSD: scipy.signal.welch(hann, nperseg = 1 s, noverlap = nperseg // 2, detrend 'constant',
    density, mean); extra cases with other nperseg (odd included) on the first channels
  - band power: sum of PSD bins with lo <= f < hi, times df; relative = divided by the five-band sum
  - hilbert: scipy.signal.hilbert on raw channels (even and odd length)
  - PLV: alpha 8-13 Hz Butterworth order 4 band-pass (sosfiltfilt), phase = angle(hilbert),
    |mean(exp(i (phi_i - phi_j)))| for i < j in numpy's triu_indices order, and the per-channel mean
  - PAC: theta 4-8 / alpha 8-13 phase, gamma 30-80 amplitude envelope; |mean(A exp(i phi))| / mean(A).
    A band whose upper edge reaches Nyquist is filtered as a high-pass at its lower edge.
  - harmonic_sums: np.sum(1 / arange(1, n + 1)), to pin numpy's summation order
  - sample entropy: m = 2, r = 0.2 * np.std(x), Chebyshev distance <= r, the first N - m templates
    for both lengths, pairs i < j (no self-matches); SampEn = -log(A / B)
"""
import numpy as np
import mne
from scipy import signal

from golden_common import DATA, write

mne.set_log_level("ERROR")

BANDS = [("delta", 1.0, 4.0), ("theta", 4.0, 8.0), ("alpha", 8.0, 13.0), ("beta", 13.0, 30.0), ("gamma", 30.0, 80.0)]
ORDER = 4
PLV_BAND = (8.0, 13.0)
PAC_PHASE = [(4.0, 8.0), (8.0, 13.0)]
PAC_AMP = (30.0, 80.0)
M = 2
R_FACTOR = 0.2

CASES = [
    ("eegmmidb", "eeg/eegmmidb_S001R01.edf",
     ["Fz..", "C3..", "Cz..", "C4..", "Pz..", "O1..", "O2..", "Fp1."], 10.0, 4.0),
    ("brux2", "eeg/capslpdb_brux2_100s.edf", None, 30.0, 4.0),
]


def segment(path, picks, start_s, seconds):
    raw = mne.io.read_raw_edf(f"{DATA}/{path}", preload=True)
    fs = float(raw.info["sfreq"])
    names = picks if picks is not None else raw.ch_names
    start = int(round(start_s * fs))
    n = int(round(seconds * fs))
    data = raw.get_data(picks=names)[:, start:start + n]
    return names, fs, start, data.astype(np.float32).astype(np.float64)


def welch(x, fs, nperseg):
    return signal.welch(x, fs=fs, window="hann", nperseg=nperseg, noverlap=nperseg // 2, detrend="constant",
                        scaling="density", average="mean", axis=-1)


def band_powers(f, pxx):
    df = f[1] - f[0]
    out = []
    for _, lo, hi in BANDS:
        mask = (f >= lo) & (f < hi)
        out.append(pxx[..., mask].sum(axis=-1) * df)
    return np.stack(out, axis=-1)


def band_sos(fs, lo, hi):
    if hi >= fs / 2:
        return signal.butter(ORDER, lo, btype="highpass", fs=fs, output="sos")
    return signal.butter(ORDER, [lo, hi], btype="bandpass", fs=fs, output="sos")


def analytic(x, fs, band):
    return signal.hilbert(signal.sosfiltfilt(band_sos(fs, *band), x, axis=-1), axis=-1)


def plv(x, fs):
    phi = np.angle(analytic(x, fs, PLV_BAND))
    c = x.shape[0]
    mat = np.ones((c, c))
    for i in range(c):
        for j in range(c):
            mat[i, j] = np.abs(np.mean(np.exp(1j * (phi[i] - phi[j]))))
    iu = np.triu_indices(c, k=1)
    mean = (mat.sum(axis=1) - np.diag(mat)) / (c - 1)
    return mat[iu], mean


def pac(x, fs):
    amp = np.abs(analytic(x, fs, PAC_AMP))
    out = []
    for band in PAC_PHASE:
        phi = np.angle(analytic(x, fs, band))
        mvl = np.abs(np.mean(amp * np.exp(1j * phi), axis=-1))
        out.append({"raw": mvl.tolist(), "normalised": (mvl / np.mean(amp, axis=-1)).tolist()})
    return out


def sampen(x, m, r):
    n = len(x) - m
    xm = np.lib.stride_tricks.sliding_window_view(x, m)[:n]
    xm1 = np.lib.stride_tricks.sliding_window_view(x, m + 1)[:n]
    b = 0
    a = 0
    for i in range(n - 1):
        b += int(np.sum(np.max(np.abs(xm[i + 1:] - xm[i]), axis=1) <= r))
        a += int(np.sum(np.max(np.abs(xm1[i + 1:] - xm1[i]), axis=1) <= r))
    return a, b, float(-np.log(a / b))


def case(name, path, picks, start_s, seconds):
    names, fs, start, x = segment(path, picks, start_s, seconds)
    nperseg = int(round(fs))
    f, pxx = welch(x, fs, nperseg)
    bp = band_powers(f, pxx)
    rel = bp / bp.sum(axis=-1, keepdims=True)
    extra = []
    for nps in (128, 99, x.shape[1]):
        fe, pe = welch(x[:2], fs, nps)
        extra.append({"nperseg": nps, "freqs": fe.tolist(), "psd": pe.tolist()})
    h_even = signal.hilbert(x[:2], axis=-1)
    h_odd = signal.hilbert(x[:1, :-1], axis=-1)
    plv_pairs, plv_mean = plv(x, fs)
    ents = []
    for ch in x:
        r = R_FACTOR * np.std(ch)
        a, b, v = sampen(ch, M, r)
        ents.append({"r": float(r), "a": a, "b": b, "value": v})
    return {
        "file": path, "channels": list(names), "sfreq": fs, "start_sample": start,
        "data": x.tolist(),
        "welch": {"nperseg": nperseg, "noverlap": nperseg // 2, "freqs": f.tolist(), "psd": pxx.tolist(),
                  "window": signal.get_window("hann", nperseg).tolist()},
        "welch_extra": extra,
        "band_power": bp.tolist(),
        "relative_band_power": rel.tolist(),
        "hilbert_even": {"re": h_even.real.tolist(), "im": h_even.imag.tolist()},
        "hilbert_odd": {"re": h_odd.real.tolist(), "im": h_odd.imag.tolist()},
        "plv_pairs": plv_pairs.tolist(),
        "plv_channel_mean": plv_mean.tolist(),
        "pac": pac(x, fs),
        "sample_entropy": ents,
    }


def main():
    write("nds", {
        "bands": [{"name": n, "lo": lo, "hi": hi} for n, lo, hi in BANDS],
        "filter_order": ORDER, "plv_band": list(PLV_BAND), "pac_phase_bands": [list(b) for b in PAC_PHASE],
        "pac_amplitude_band": list(PAC_AMP), "sampen_m": M, "sampen_r_factor": R_FACTOR,
        # numpy's summation order (pairwise within 8192-element buffers) on inputs both sides can
        # form exactly: 1 / k is correctly rounded in numpy and in Java
        "harmonic_sums": [{"n": n, "sum": float(np.sum(1.0 / np.arange(1, n + 1)))}
                          for n in (5, 8, 100, 129, 1000, 8192, 8193, 20000, 50000)],
        "cases": {name: case(name, path, picks, s, sec) for name, path, picks, s, sec in CASES},
    })


if __name__ == "__main__":
    main()
