"""Reference inference timings for lib/bench/model.ts: scikit-learn's HistGradientBoostingClassifier.predict_proba
at batch sizes 1, 100 and 10,000 on the same matrix and settings as the training benchmark.

Usage: /usr/bin/python3 lib/bench/sklearn_predict.py <train.csv> <test.csv> '<json params>'
Prints one JSON object: {"rows_per_second": {"1": ..., "100": ..., "10000": ...}}.
"""
import json
import sys
import time

import numpy as np

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from sklearn_hgb import load, make_model  # noqa: E402


def rate(model, x, batch, budget_seconds=2.0):
    """Rows per second of predict_proba over consecutive batches, for about budget_seconds after one warm-up call."""
    n = x.shape[0]
    model.predict_proba(x[:batch])
    rows = 0
    start = time.perf_counter()
    i = 0
    while time.perf_counter() - start < budget_seconds:
        lo = (i * batch) % max(1, n - batch)
        chunk = x[lo:lo + batch]
        model.predict_proba(chunk)
        rows += chunk.shape[0]
        i += 1
    return rows / (time.perf_counter() - start)


def main():
    train_path, test_path, params_json = sys.argv[1], sys.argv[2], sys.argv[3]
    p = json.loads(params_json)
    x_train, y_train = load(train_path)
    x_test, _ = load(test_path)
    model = make_model(p).fit(x_train, y_train)
    x = np.ascontiguousarray(x_test)
    print(json.dumps({"rows_per_second": {str(b): rate(model, x, b) for b in (1, 100, 10000)}}))


if __name__ == "__main__":
    main()
