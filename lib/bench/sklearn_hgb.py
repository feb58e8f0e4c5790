"""Reference fit for lib/bench/model-train.ts: scikit-learn's HistGradientBoostingClassifier on the same matrix.

Usage: /usr/bin/python3 lib/bench/sklearn_hgb.py <train.csv> <test.csv> '<json params>'
CSV: a header, the feature columns, then the 0/1 label last; an empty cell is a missing value.
Prints one JSON object: fit_seconds (fit only, time.perf_counter), test_auc, n_iter, omp_threads (+ its source), sklearn.
"""
import csv
import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score


def load(path):
    with open(path, newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        rows = [[float(v) if v != "" else np.nan for v in row] for row in reader]
    a = np.asarray(rows, dtype=np.float64)
    return a[:, :-1], a[:, -1].astype(np.int64)


def make_model(p):
    """The estimator at the benchmark's settings (shared with sklearn_predict.py)."""
    return HistGradientBoostingClassifier(
        learning_rate=p.get("learning_rate", 0.1),
        max_iter=p.get("max_iter", 200),
        max_leaf_nodes=p.get("max_leaf_nodes", 31),
        max_depth=p.get("max_depth"),
        min_samples_leaf=p.get("min_samples_leaf", 20),
        l2_regularization=p.get("l2_regularization", 0.0),
        max_bins=p.get("max_bins", 255),
        early_stopping=False,
        random_state=0,
    )


def omp_threads():
    """The OpenMP pool size scikit-learn's Cython loops use: threadpoolctl when installed, else the CPU count."""
    try:
        from threadpoolctl import threadpool_info

        omp = [p["num_threads"] for p in threadpool_info() if p.get("user_api") == "openmp"]
        if omp:
            return int(max(omp)), "threadpoolctl"
    except Exception:
        pass
    return os.cpu_count(), "os.cpu_count()"


def main():
    train_path, test_path, params_json = sys.argv[1], sys.argv[2], sys.argv[3]
    p = json.loads(params_json)
    x_train, y_train = load(train_path)
    x_test, y_test = load(test_path)
    model = make_model(p)
    t0 = time.perf_counter()
    model.fit(x_train, y_train)
    fit_seconds = time.perf_counter() - t0
    threads, source = omp_threads()
    proba = model.predict_proba(x_test)[:, 1]
    print(json.dumps({
        "fit_seconds": fit_seconds,
        "test_auc": float(roc_auc_score(y_test, proba)),
        "n_iter": int(model.n_iter_),
        "omp_threads": threads,
        "omp_threads_source": source,
        "sklearn": sklearn.__version__,
    }))


if __name__ == "__main__":
    main()
