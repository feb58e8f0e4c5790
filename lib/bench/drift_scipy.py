"""scipy/numpy side of `npm run bench:drift` (lib/bench/drift.ts): the same drift statistics on the same data.

Usage: /usr/bin/python3 lib/bench/drift_scipy.py <data dir written by drift.ts>
Reads manifest.json + <ref|cur>_<column>.bin (float64 with NaN for nulls, or uint8 category codes with 255 = null).
Times only the statistics (Evidently's calls): ks_2samp, wasserstein_distance / std, Jensen-Shannon with Evidently's
get_binned_data written in numpy, and chisquare for categorical columns. Loading, null dropping and the default-method
choice are left out of the timings; categorical value counts use np.bincount on codes (far faster than the pandas
value_counts Evidently runs on strings), so the comparison favours scipy.
"""
import json
import os
import sys
import time

import numpy as np

import scipy
from scipy import stats
from scipy.spatial import distance


def js_numeric(ref, cur):
    """Evidently get_binned_data (feel_zeroes=False) + scipy jensenshannon."""
    if len(np.unique(ref)) > 20:
        bins = np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")
        rp = np.histogram(ref, bins)[0] / len(ref)
        cp = np.histogram(cur, bins)[0] / len(cur)
    else:
        keys, inv = np.unique(np.concatenate([ref, cur]), return_inverse=True)
        rp = np.bincount(inv[: len(ref)], minlength=len(keys)) / len(ref)
        cp = np.bincount(inv[len(ref):], minlength=len(keys)) / len(cur)
    return float(distance.jensenshannon(rp, cp))


def cat_counts(ref, cur, k):
    rc = np.bincount(ref, minlength=k)
    cc = np.bincount(cur, minlength=k)
    keep = (rc + cc) > 0  # union of categories present on either side
    return rc[keep], cc[keep]


def default_method(ref, cur, numeric):
    n_unique = len(np.unique(np.concatenate([ref, cur])))
    if len(ref) <= 1000:
        if numeric:
            return "ks" if n_unique > 5 else ("chisquare" if n_unique > 2 else "z")
        return "chisquare" if n_unique > 2 else "z"
    return "wasserstein" if numeric and n_unique > 5 else "jensenshannon"


def main():
    data_dir = sys.argv[1]
    manifest = json.load(open(os.path.join(data_dir, "manifest.json")))
    cols = {}
    for c in manifest["columns"]:
        dtype = np.float64 if c["type"] == "numeric" else np.uint8
        ref = np.fromfile(os.path.join(data_dir, f"ref_{c['name']}.bin"), dtype=dtype)
        cur = np.fromfile(os.path.join(data_dir, f"cur_{c['name']}.bin"), dtype=dtype)
        if c["type"] == "numeric":
            ref, cur = ref[np.isfinite(ref)], cur[np.isfinite(cur)]
        else:
            ref, cur = ref[ref != 255].astype(np.intp), cur[cur != 255].astype(np.intp)
        cols[c["name"]] = (c, ref, cur, default_method(ref, cur, c["type"] == "numeric"))

    out = {}
    timings = {"default": 0.0, "ks": 0.0, "chisquare": 0.0}
    for name, (c, ref, cur, method) in cols.items():
        r = {"method": method}
        t = time.perf_counter()
        if c["type"] == "numeric" and method == "wasserstein":
            r["default"] = float(stats.wasserstein_distance(ref, cur) / max(np.std(ref), 0.001))
        elif c["type"] == "numeric":
            r["default"] = js_numeric(ref, cur)
        else:
            k = len(c["labels"])
            rc, cc = cat_counts(ref, cur, k)
            r["default"] = float(distance.jensenshannon(rc / len(ref), cc / len(cur)))
        timings["default"] += time.perf_counter() - t
        if c["type"] == "numeric":
            t = time.perf_counter()
            ks = stats.ks_2samp(ref, cur)
            timings["ks"] += time.perf_counter() - t
            r["ks_statistic"], r["ks_p"] = float(ks.statistic), float(ks.pvalue)
        else:
            t = time.perf_counter()
            rc, cc = cat_counts(ref, cur, len(c["labels"]))
            f_exp = rc * (len(cur) / len(ref))
            with np.errstate(divide="ignore", invalid="ignore"):
                chi = stats.chisquare(cc, f_exp)
            timings["chisquare"] += time.perf_counter() - t
            r["chi_statistic"] = float(chi.statistic) if np.isfinite(chi.statistic) else None
            r["chi_p"] = None if np.isnan(chi.pvalue) else float(chi.pvalue)
        out[name] = r
    timings = {k: v * 1000 for k, v in timings.items()}
    timings["total"] = sum(timings.values())
    print(json.dumps({"columns": out, "timings_ms": timings, "scipy": scipy.__version__, "numpy": np.__version__}))


if __name__ == "__main__":
    main()
