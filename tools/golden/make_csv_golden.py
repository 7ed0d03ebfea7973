"""Golden values for the CSV ROI reader: fmri/fmri_timeseries.csv parsed with Python's csv module.

The file (nitime's example data) is a header row of 31 quoted ROI names and 250 rows of numbers,
comma-separated, no index column; the repetition time, 1.89 s, is not in the file (nitime's
documentation gives it). Values are Python floats of the cells. numpy is used only for the summary.
Run: /usr/bin/python3 tools/golden/make_csv_golden.py
"""
import csv
import os

from golden_common import DATA, data_summary, write

TR = 1.89


def main():
    with open(os.path.join(DATA, "fmri", "fmri_timeseries.csv"), newline="") as f:
        rows = list(csv.reader(f))
    names, body = rows[0], rows[1:]
    assert all(len(r) == len(names) for r in body)
    data = [[float(r[c]) for r in body] for c in range(len(names))]
    write("csv_fmri_timeseries", {
        "ch_names": names,
        "n_volumes": len(body),
        "tr": TR,
        "sfreq": 1.0 / TR,
        "data": data_summary(data),
    })


if __name__ == "__main__":
    main()
