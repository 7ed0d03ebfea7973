"""Evidence for the channel map of the shared Graz GDF (biosig t310_ERDSMaps/sample.gdf).

The file labels its channels "Channel 1", "Channel 2", "Channel 3", "Channel 5" and says nothing
about where they were recorded. This script prints the facts the map
(tokenizers/src/main/resources/io/neurofm/montage/graz_sample_channels.tsv) rests on:

1. correlation between channels (neighbouring scalp sites correlate, a non-EEG channel does not);
2. event-related desynchronisation (ERD) of the mu band (10-12 Hz) and 8-13 Hz after the cue,
   per imagined hand: hand motor imagery desynchronises mu over the contralateral sensorimotor
   cortex (Pfurtscheller & Lopes da Silva 1999), so right-hand imagery marks the C3 channel and
   left-hand imagery the C4 channel;
3. what channel 5 looks like: regular sharp positive peaks about once a second (heartbeat-like),
   kurtosis, spectrum.

Relative values only (ratios, correlations), so any amplitude scaling of the reader cancels.
Run with /usr/bin/python3 (Debian python3-mne 1.3).
"""
import os

import mne
import numpy as np
from scipy.signal import find_peaks, welch

DATA = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data"))


def main():
    raw = mne.io.read_raw_gdf(os.path.join(DATA, "eeg", "graz_mi_left_right.gdf"), preload=True, verbose="error")
    fs = raw.info["sfreq"]
    names = raw.ch_names
    data = raw.get_data()
    print("channels", names, "rate", fs)
    print("correlation (broadband):")
    print(np.corrcoef(data).round(3))

    events, ids = mne.events_from_annotations(raw, verbose="error")
    cues = {"left hand (0x0301)": ids["769"], "right hand (0x0302)": ids["770"]}
    for lo, hi in [(8, 13), (10, 12)]:
        power = raw.copy().filter(lo, hi, verbose="error").get_data() ** 2
        for label, code in cues.items():
            onsets = events[events[:, 2] == code, 0]
            ref = np.mean([power[:, o - int(2.5 * fs):o - int(0.5 * fs)].mean(1) for o in onsets], 0)
            act = np.mean([power[:, o + int(1.0 * fs):o + int(4.0 * fs)].mean(1) for o in onsets], 0)
            erd = (act / ref - 1) * 100
            print("%d-%d Hz, %s, %d trials: band power change 1..4 s after cue vs 2.5..0.5 s before, %%:"
                  % (lo, hi, label, len(onsets)), dict(zip(names, erd.round(1))))

    x = raw.copy().filter(5, 40, verbose="error").get_data()[names.index("Channel 5")]
    x = x - x.mean()
    peaks, _ = find_peaks(np.abs(x), height=5 * x.std(), distance=int(0.25 * fs))
    intervals = np.diff(peaks) / fs
    print("Channel 5: %d peaks > 5 SD in %.0f s (%.1f per minute); interval percentiles 5/50/95: %s s; "
          "fraction positive: %.2f" % (len(peaks), len(x) / fs, len(peaks) / (len(x) / fs) * 60,
                                       np.percentile(intervals, [5, 50, 95]).round(3), np.mean(x[peaks] > 0)))
    kurt = [float(((c - c.mean()) ** 4).mean() / c.var() ** 2) for c in data]
    print("kurtosis", dict(zip(names, np.round(kurt, 1))))
    f, p = welch(data, fs, nperseg=1024)
    for band in [(0.5, 3), (8, 13), (48, 52)]:
        m = (f >= band[0]) & (f < band[1])
        print("relative power %s Hz (channel / mean of channels 1-3):" % (band,),
              dict(zip(names, (p[:, m].mean(1) / p[:3, m].mean()).round(3))))


if __name__ == "__main__":
    main()
