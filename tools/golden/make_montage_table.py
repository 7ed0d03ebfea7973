"""Writes the standard 10-20 / 10-10 / 10-05 electrode table for io.neurofm.montage.

Source: MNE-Python 1.3 (BSD-3-Clause), its bundled standard_1005.elc and standard_1020.elc,
which hold the positions of Oostenveld & Praamstra (2001), "The five percent electrode system
for high-resolution EEG and ERP measurements", Clin. Neurophysiol. 112(4):713-719, on the
fsaverage (MNI) head. make_standard_montage() gives them in MNE's 'mri' frame; we store them
in MNE's head frame (x towards RPA, y towards the nasion, z up, metres), i.e. exactly what
raw.set_montage() puts in info['chs'][i]['loc'][:3] and info.get_montage().get_positions()
returns after set_montage. Run with /usr/bin/python3 (Debian python3-mne 1.3).

System membership (our definition, documented in tokenizers/docs/montage.md):
  10-20: the classic 21 positions (Fp1 Fpz Fp2 F7 F3 Fz F4 F8 T7 C3 Cz C4 T8 P7 P3 Pz P4 P8
         O1 Oz O2), their old names T3 T4 T5 T6, and the references A1 A2 M1 M2 that MNE's
         standard_1020 carries.
  10-10: every name in MNE's standard_1020.elc (it is the 10% system despite its name).
  10-05: every name in standard_1005.elc plus O9/O10 from standard_1020.elc (same positions
         as I1/I2), so 10-20 < 10-10 < 10-05.
same_as names an electrode with the identical position under its preferred name (T3 -> T7 ...).
"""
import os
import mne
import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "tokenizers", "src", "main", "resources", "io", "neurofm", "montage",
                   "standard_electrodes.tsv")

CLASSIC_1020 = ["Fp1", "Fpz", "Fp2", "F7", "F3", "Fz", "F4", "F8", "T7", "C3", "Cz", "C4", "T8",
                "P7", "P3", "Pz", "P4", "P8", "O1", "Oz", "O2"]
OLD_NAMES = {"T3": "T7", "T4": "T8", "T5": "P7", "T6": "P8"}
REFERENCES = ["A1", "A2", "M1", "M2"]
TEN_TEN_ONLY_ALIASES = {"O9": "I1", "O10": "I2"}


def head_positions(kind):
    montage = mne.channels.make_standard_montage(kind)
    info = mne.create_info(montage.ch_names, 100.0, "eeg")
    info.set_montage(montage)
    pos = info.get_montage().get_positions()
    assert pos["coord_frame"] == "head", pos["coord_frame"]
    return montage.ch_names, pos["ch_pos"]


def main():
    names_1005, pos_1005 = head_positions("standard_1005")
    names_1020, pos_1020 = head_positions("standard_1020")
    for name in names_1020:
        if name in pos_1005:
            assert np.array_equal(pos_1005[name], pos_1020[name]), name
    for alias, target in {**OLD_NAMES, **TEN_TEN_ONLY_ALIASES}.items():
        source = pos_1020 if alias in pos_1020 else pos_1005
        target_pos = pos_1005[target] if target in pos_1005 else pos_1020[target]
        assert np.array_equal(source[alias], target_pos), (alias, target)

    ten_twenty = set(CLASSIC_1020) | set(OLD_NAMES) | set(REFERENCES)
    assert ten_twenty <= set(names_1020)
    ten_ten = set(names_1020)
    rows = []
    seen_folded = {}
    for name in names_1005 + [n for n in names_1020 if n not in pos_1005]:
        folded = name.lower()
        assert folded not in seen_folded, (name, seen_folded.get(folded))
        seen_folded[folded] = name
        p = pos_1005[name] if name in pos_1005 else pos_1020[name]
        systems = ["10-05"]
        if name in ten_ten:
            systems.insert(0, "10-10")
        if name in ten_twenty:
            systems.insert(0, "10-20")
        same_as = OLD_NAMES.get(name) or TEN_TEN_ONLY_ALIASES.get(name) or ""
        rows.append((name, p, ",".join(systems), same_as))

    with open(OUT, "w") as f:
        f.write("# Standard EEG electrode positions (10-20, 10-10, 10-05 systems), metres, MNE head frame\n")
        f.write("# (x towards the right preauricular point, y towards the nasion, z up).\n")
        f.write("# Source: MNE-Python %s (BSD-3-Clause), mne/channels/data/montages/standard_1005.elc and\n"
                % mne.__version__)
        f.write("# standard_1020.elc via make_standard_montage() and set_montage() (fiducial-based head frame).\n")
        f.write("# Positions: R. Oostenveld & P. Praamstra (2001), The five percent electrode system for\n")
        f.write("# high-resolution EEG and ERP measurements, Clin. Neurophysiol. 112(4):713-719.\n")
        f.write("# Written by tools/golden/make_montage_table.py; do not edit by hand.\n")
        f.write("# systems: which standard systems name the electrode; same_as: the preferred name of the\n")
        f.write("# identical position (old 10-20 names T3/T4/T5/T6, and O9/O10 = I1/I2).\n")
        f.write("name\tx\ty\tz\tsystems\tsame_as\n")
        for name, p, systems, same_as in rows:
            f.write("%s\t%r\t%r\t%r\t%s\t%s\n" % (name, float(p[0]), float(p[1]), float(p[2]), systems, same_as))
    counts = {s: sum(1 for r in rows if s in r[2].split(",")) for s in ("10-20", "10-10", "10-05")}
    print("wrote", os.path.relpath(OUT, ROOT), len(rows), "electrodes", counts)


if __name__ == "__main__":
    main()
