"""Reference side of the signal benchmark: MNE reads an EDF, band-passes it and resamples it.

Usage: /usr/bin/python3 mne_signal_bench.py FILE.edf OUT.npy [--low 1 --high 40 --rate 200]

Prints one JSON line with wall-clock seconds for each stage. The filter is the same zero-phase
4th-order Butterworth (second-order sections, forward-backward) that neurofm runs, through MNE's
raw.filter(method='iir'); resampling uses scipy.signal.resample_poly (the algorithm neurofm
implements) on MNE's filtered data, and MNE's own FFT raw.resample is timed separately for
reference. OUT.npy receives the float64 [channels, samples] result for the numeric comparison.
"""
import argparse
import json
import time
from fractions import Fraction

import mne
import numpy as np
import scipy.signal

mne.set_log_level("ERROR")

p = argparse.ArgumentParser()
p.add_argument("edf")
p.add_argument("out")
p.add_argument("--low", type=float, default=1.0)
p.add_argument("--high", type=float, default=40.0)
p.add_argument("--rate", type=float, default=200.0)
args = p.parse_args()

t0 = time.perf_counter()
raw = mne.io.read_raw_edf(args.edf, preload=True)
t1 = time.perf_counter()
# The edge padding of scipy.signal.sosfiltfilt's default (which neurofm follows); MNE's own default
# pads by an estimate of the filter's ringing instead, which changes only the first/last samples.
sos = scipy.signal.butter(4, [args.low, args.high], btype="bandpass", fs=raw.info["sfreq"], output="sos")
scipy_padlen = 3 * (2 * len(sos) + 1 - min((sos[:, 2] == 0).sum(), (sos[:, 5] == 0).sum()))
raw.filter(args.low, args.high, method="iir",
           iir_params=dict(order=4, ftype="butter", output="sos", padlen=scipy_padlen), picks="all")
t2 = time.perf_counter()
ratio = Fraction(args.rate / raw.info["sfreq"]).limit_denominator(1000)
data = scipy.signal.resample_poly(raw.get_data(), ratio.numerator, ratio.denominator, axis=1)
t3 = time.perf_counter()
np.save(args.out, data)
fft_raw = raw.copy()
t4 = time.perf_counter()
fft_raw.resample(args.rate)
t5 = time.perf_counter()

print(json.dumps({
    "impl": "mne-" + mne.__version__ + "+scipy-" + scipy.__version__,
    "channels": int(data.shape[0]),
    "seconds_of_signal": raw.n_times / raw.info["sfreq"],
    "read_s": round(t1 - t0, 3),
    "filter_s": round(t2 - t1, 3),
    "resample_poly_s": round(t3 - t2, 3),
    "total_s": round(t3 - t0, 3),
    "mne_fft_resample_s": round(t5 - t4, 3),
}))
