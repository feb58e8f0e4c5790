"""The reference endpoint for `npm run bench:serve`: a churn model served the way the FastAPI textbooks build it.

- a pydantic model of the 20 features (types, ranges, allowed categories, nullable fields), generated from the
  served model's feature list so both services accept exactly the same records;
- a scikit-learn HistGradientBoostingClassifier trained at start-up on the same training rows as the shipped model
  (StreamFlow 2025-05..2025-12, encoded with the same category codes) and of the same size (trees, depth);
- `POST /predict` (one record) and `POST /predict/batch` (a JSON list of records), plain `def` handlers (FastAPI
  runs them in its thread pool), uvicorn with 1 worker.
It records nothing (no prediction log), and uvicorn's access log is off: both favour the reference.

Usage: /usr/bin/python3 lib/bench/fastapi_app.py <train.csv> <spec.json> [--host H] [--port P]
spec.json: {"features": [{"name", "type", "categories"?, "range"?, "nullable"}], "params": {make_model params},
            "threshold": float}
Prints one JSON line when the model is trained (fit seconds, trees, workers, threads, versions), then serves.
"""
import argparse
import json
import os
import sys
import time
from typing import List, Literal, Optional

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sklearn_hgb import load, make_model, omp_threads  # noqa: E402

import fastapi  # noqa: E402
import pydantic  # noqa: E402
import sklearn  # noqa: E402
import uvicorn  # noqa: E402
from fastapi import FastAPI  # noqa: E402
from pydantic import Field, create_model  # noqa: E402


def customer_model(features):
    """The pydantic request model: one typed, validated field per feature, plus an optional customer_id."""
    fields = {"customer_id": (Optional[str], None)}
    for f in features:
        if f["type"] == "numeric":
            lo, hi = f.get("range") or (None, None)
            t, default = float, Field(..., ge=lo, le=hi)
            if f["nullable"]:
                t, default = Optional[float], Field(None, ge=lo, le=hi)
        elif f["type"] == "boolean":
            t, default = bool, ...
        else:
            t, default = Literal[tuple(f["categories"])], ...
        fields[f["name"]] = (t, default)
    return create_model("Customer", **fields)


def build_app(model, features, threshold):
    Customer = customer_model(features)
    codes = [{c: i for i, c in enumerate(f["categories"])} if f["type"] == "categorical" else None for f in features]
    names = [f["name"] for f in features]

    def encode(customers):
        x = np.empty((len(customers), len(names)), dtype=np.float64)
        for i, c in enumerate(customers):
            for j, name in enumerate(names):
                v = getattr(c, name)
                x[i, j] = np.nan if v is None else codes[j][v] if codes[j] is not None else float(v)
        return x

    def answer(c, p):
        out = {"churn_probability": float(p), "contact": bool(p >= threshold)}
        if c.customer_id is not None:
            out["customer_id"] = c.customer_id
        return out

    app = FastAPI(title="churn reference (FastAPI + scikit-learn)")

    @app.get("/health")
    def health():
        return {"ok": True}

    @app.post("/predict")
    def predict(customer: Customer):
        p = model.predict_proba(encode([customer]))[0, 1]
        return answer(customer, p)

    @app.post("/predict/batch")
    def predict_batch(customers: List[Customer]):
        ps = model.predict_proba(encode(customers))[:, 1]
        return {"predictions": [answer(c, p) for c, p in zip(customers, ps)]}

    return app


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("train_csv")
    ap.add_argument("spec_json")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8765)
    a = ap.parse_args()
    with open(a.spec_json) as fh:
        spec = json.load(fh)
    x, y = load(a.train_csv)
    model = make_model(spec["params"])
    t0 = time.perf_counter()
    model.fit(x, y)
    fit_seconds = time.perf_counter() - t0
    threads, source = omp_threads()
    leaves = max(p.get_n_leaf_nodes() for it in model._predictors for p in it)
    print(json.dumps({
        "fit_seconds": fit_seconds, "rows": int(x.shape[0]), "trees": int(model.n_iter_), "max_leaves": int(leaves),
        "workers": 1, "omp_threads": threads, "omp_threads_source": source, "sklearn": sklearn.__version__,
        "fastapi": fastapi.__version__, "pydantic": pydantic.VERSION, "uvicorn": uvicorn.__version__,
    }), flush=True)
    app = build_app(model, spec["features"], spec["threshold"])
    # One worker, as the textbook runs it (`uvicorn main:app`); more workers would each retrain the model.
    uvicorn.run(app, host=a.host, port=a.port, workers=1, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
