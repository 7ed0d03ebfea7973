#!/usr/bin/env bash
# The signal-layer benchmark, both sides in one run on the same file:
#   neurofm: read a 64-channel 1-hour EDF, band-pass 1-40 Hz, resample to 200 Hz
#   MNE 1.3: read_raw_edf + raw.filter (IIR, same Butterworth and padding) + resample_poly
# then compares the two outputs. Prints three JSON lines. Usage: tools/bench/signal_bench.sh [WORKDIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${1:-${TMPDIR:-/tmp}/neurofm-bench}"
mkdir -p "$work"
"$root/neurofm" bench signal --edf "$work/tiled.edf" --save "$work/neurofm.npy" --repeats 3
/usr/bin/python3 "$root/tools/bench/mne_signal_bench.py" "$work/tiled.edf" "$work/mne.npy"
/usr/bin/python3 "$root/tools/bench/compare_npy.py" "$work/neurofm.npy" "$work/mne.npy"
