"""Reference side of `npm run bench:fairness`: the same per-group point metrics as lib/fairness/audit.ts, with
numpy + scikit-learn, on the rows lib/bench/fairness.ts wrote to disk.

Usage: python3 fairness_sklearn.py DIR   (DIR holds manifest.json, y_true.bin, y_score.bin, <attribute>.bin)
Timed: from the loaded arrays to every grouping's per-group confusion matrix (sklearn.metrics.confusion_matrix),
rates, roc_auc_score and mean score (reading the files is untimed). Rows are grouped once per grouping with a stable
argsort so each group is a contiguous slice (faster than one boolean mask per group). No bootstrap here.
Prints JSON: {"timings_ms": {...}, "groups": {key: {label: {metric: value|null}}}, "numpy", "sklearn"}.
"""
import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.metrics import confusion_matrix, roc_auc_score


def div(a, b):
    return None if b == 0 else a / b


def metrics(y, pred, score):
    tn, fp, fn, tp = (int(v) for v in confusion_matrix(y, pred, labels=[0, 1]).ravel())
    n = tn + fp + fn + tp
    base = div(tp + fn, n)
    mean = float(np.mean(score))
    return {
        "count": n, "tp": tp, "fp": fp, "tn": tn, "fn": fn,
        "base_rate": base, "selection_rate": div(tp + fp, n),
        "tpr": div(tp, tp + fn), "fpr": div(fp, fp + tn), "fnr": div(fn, tp + fn), "tnr": div(tn, fp + tn),
        "precision": div(tp, tp + fp), "for": div(fn, fn + tn), "fdr": div(fp, tp + fp), "accuracy": div(tp + tn, n),
        "auc": float(roc_auc_score(y, score)) if 0 < tp + fn < n else None,
        "mean_score": mean, "calibration_ratio": None if not base else mean / base,
    }


def main():
    d = sys.argv[1]
    man = json.load(open(os.path.join(d, "manifest.json")))
    y = np.fromfile(os.path.join(d, "y_true.bin"), dtype=np.uint8).astype(np.int64)
    score = np.fromfile(os.path.join(d, "y_score.bin"), dtype=np.float64)
    codes = {a: np.fromfile(os.path.join(d, f"{a}.bin"), dtype=np.uint8) for a in man["attributes"]}
    labels = man["labels"]

    t0 = time.perf_counter()
    pred = (score >= man["threshold"]).astype(np.int64)
    out = {"overall": {"overall": metrics(y, pred, score)}}
    for attrs in man["groupings"]:
        key = "&".join(attrs)
        combined = np.zeros(len(y), dtype=np.int64)
        for a in attrs:
            combined = combined * len(labels[a]) + codes[a]
        order = np.argsort(combined, kind="stable")
        sorted_codes = combined[order]
        ys, ps, ss = y[order], pred[order], score[order]
        values, starts = np.unique(sorted_codes, return_index=True)
        ends = np.append(starts[1:], len(y))
        groups = {}
        for v, lo, hi in zip(values.tolist(), starts.tolist(), ends.tolist()):
            parts = []
            for a in reversed(attrs):
                v, c = divmod(v, len(labels[a]))
                parts.append(labels[a][c])
            groups["&".join(reversed(parts))] = metrics(ys[lo:hi], ps[lo:hi], ss[lo:hi])
        out[key] = groups
    elapsed = (time.perf_counter() - t0) * 1000
    print(json.dumps({"timings_ms": {"total": elapsed}, "groups": out, "numpy": np.__version__, "sklearn": sklearn.__version__}))


if __name__ == "__main__":
    main()
