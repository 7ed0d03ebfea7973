"""Golden values for the GDF reader (io.neurofm.signal.io.gdf) from MNE 1.3's read_raw_gdf.

Two recordings:

* gdf_graz: the shared real GDF 1.25 file (eeg/graz_mi_left_right.gdf).
* gdf220_synthetic: a small GDF 2.20 file this script writes (byte layout of the GDF 2.20 spec,
  Schloegl 2006, arXiv cs/0608052) to tokenizers/src/test/resources/io/neurofm/signal/io/gdf/,
  so a second, independent implementation (MNE) confirms our reading of the GDF 2 layout:
  physical dimension codes, float64 ranges, the GDF 2 event table header (uint24 count, float32
  rate) and event table mode 3. MNE 1.3 can read it only because it has one data type (int16),
  equal samples per record and no tagged header extension; the Java tests cover the rest.

Besides the data summary, each golden holds MNE's channel names, types, units, sfreq, n_times,
meas_date, the annotations as MNE reports them (sorted by onset, then duration), the raw event
table in file order (0-based positions, as MNE keeps it) and MNE's per-channel unit factor
(edf_info['units']), because MNE 1.3 only scales GDF 1 channels whose dimension starts with the
ASCII text 'uV' (the shared file says latin-1 'µV', so MNE leaves those values in microvolts).

Run: /usr/bin/python3 tools/golden/make_gdf_golden.py
"""
import os
import struct
import datetime

import numpy as np
import mne

from golden_common import DATA, ROOT, data_summary, write

RESOURCES = os.path.join(ROOT, "tokenizers", "src", "test", "resources", "io", "neurofm", "signal", "io", "gdf")
SYNTHETIC = os.path.join(RESOURCES, "synthetic_gdf220.gdf")


def gdf_time(dt):
    """GDF 2 time: days since 0000-01-01 as 32.32 fixed point (719529 days before 1970-01-01)."""
    epoch_days = (dt - datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)).total_seconds() / 86400.0
    return int(round((epoch_days + 719529) * 2 ** 32))


def write_synthetic_gdf220(path):
    """A GDF 2.20 file: 3 int16 channels at 250 Hz (5 samples per 1/50 s record), 200 records."""
    labels = ["Fz", "Cz", "Pz"]
    dim_codes = [4275, 4274, 4256]  # uV, mV, V (unit 4256 | decimal prefix code)
    phys_min = [-3276.8, -50.0, -0.25]
    phys_max = [3276.7, 50.0, 0.75]
    dig_min = [-32768.0, -20000.0, -32768.0]
    dig_max = [32767.0, 20000.0, 32767.0]
    spr, n_rec, dur = 5, 200, (1, 50)
    ns = len(labels)
    start = datetime.datetime(2021, 6, 15, 9, 30, 12, tzinfo=datetime.timezone.utc)

    fixed = bytearray(256)
    fixed[0:8] = b"GDF 2.20"
    fixed[8:74] = b"X".ljust(66)
    fixed[88:152] = b"synthetic GDF 2.20 test recording".ljust(64)
    struct.pack_into("<Q", fixed, 168, gdf_time(start))
    struct.pack_into("<Q", fixed, 176, 0)
    struct.pack_into("<H", fixed, 184, ns + 1)           # header length in 256-byte blocks
    struct.pack_into("<q", fixed, 236, n_rec)
    struct.pack_into("<II", fixed, 244, *dur)
    struct.pack_into("<H", fixed, 252, ns)

    var = bytearray(256 * ns)
    for k in range(ns):
        var[16 * k:16 * k + 16] = labels[k].encode().ljust(16)
        var[16 * ns + 80 * k:16 * ns + 80 * k + 80] = b"Ag/AgCl electrode".ljust(80)
        var[96 * ns + 6 * k:96 * ns + 6 * k + 6] = b" " * 6
        struct.pack_into("<H", var, 102 * ns + 2 * k, dim_codes[k])
        struct.pack_into("<d", var, 104 * ns + 8 * k, phys_min[k])
        struct.pack_into("<d", var, 112 * ns + 8 * k, phys_max[k])
        struct.pack_into("<d", var, 120 * ns + 8 * k, dig_min[k])
        struct.pack_into("<d", var, 128 * ns + 8 * k, dig_max[k])
        struct.pack_into("<f", var, 204 * ns + 4 * k, 100.0)   # lowpass
        struct.pack_into("<f", var, 208 * ns + 4 * k, 0.5)     # highpass
        struct.pack_into("<f", var, 212 * ns + 4 * k, 50.0)    # notch
        struct.pack_into("<i", var, 216 * ns + 4 * k, spr)
        struct.pack_into("<i", var, 220 * ns + 4 * k, 3)       # int16
        struct.pack_into("<fff", var, 224 * ns + 12 * k, 0.0, 0.0, 0.0)

    rng = np.random.default_rng(220)
    n = spr * n_rec
    t = np.arange(n) / 250.0
    digital = np.empty((ns, n), dtype=np.int16)
    for k in range(ns):
        wave = 12000 * np.sin(2 * np.pi * (3 + 4 * k) * t) + rng.normal(0, 3000, n)
        digital[k] = np.clip(np.round(wave), dig_min[k], dig_max[k]).astype(np.int16)
    records = bytearray()
    for r in range(n_rec):
        for k in range(ns):
            records += digital[k, r * spr:(r + 1) * spr].astype("<i2").tobytes()

    # event table mode 3, deliberately unsorted, one zero duration and one channel-specific event
    pos = [501, 1, 251, 251, 900]          # 1-based sample positions
    typ = [0x0302, 0x0300, 0x0301, 0x0311, 0x7FFE]
    chn = [0, 0, 0, 2, 0]
    durs = [125, 1000, 250, 0, 50]
    rate = 250.0
    events = bytearray([3]) + struct.pack("<I", len(pos))[:3] + struct.pack("<f", rate)
    events += struct.pack("<%dI" % len(pos), *pos)
    events += struct.pack("<%dH" % len(typ), *typ)
    events += struct.pack("<%dH" % len(chn), *chn)
    events += struct.pack("<%dI" % len(durs), *durs)

    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(bytes(fixed) + bytes(var) + bytes(records) + bytes(events))
    print("wrote", os.path.relpath(path, ROOT))


def golden_for(path):
    raw = mne.io.read_raw_gdf(path, preload=True, verbose="error")
    extras = raw._raw_extras[0]
    n_events, pos, typ, chn, dur = extras["events"]
    ann = raw.annotations
    meas_date = raw.info["meas_date"]
    return {
        "file": os.path.basename(path),
        "mne_version": mne.__version__,
        "ch_names": raw.ch_names,
        "ch_types": raw.get_channel_types(),
        "units": [mne.io.constants.FIFF.FIFF_UNIT_V == ch["unit"] and "V" or str(ch["unit"])
                  for ch in raw.info["chs"]],
        "sfreq": float(raw.info["sfreq"]),
        "n_times": int(raw.n_times),
        "meas_date": meas_date.isoformat() if meas_date is not None else None,
        "mne_unit_scale": [float(u) for u in extras["units"]],
        "event_table": {
            "count": int(n_events),
            "pos0": [int(p) for p in pos],
            "type": [int(x) for x in typ],
            "chn": [int(x) for x in chn],
            "dur": [int(x) for x in dur],
        },
        "annotations": {
            "onset": [float(x) for x in ann.onset],
            "duration": [float(x) for x in ann.duration],
            "description": [str(x) for x in ann.description],
        },
        "data": data_summary(raw.get_data()),
    }


def main():
    write("gdf_graz", golden_for(os.path.join(DATA, "eeg", "graz_mi_left_right.gdf")))
    write_synthetic_gdf220(SYNTHETIC)
    write("gdf220_synthetic", golden_for(SYNTHETIC))


if __name__ == "__main__":
    main()
