"""Time the joint plausible band: median and p95 of ``uncertainty.band`` over random postures; prints JSON.

    python benchmarks/uncertainty_speed.py [--count 100]

The band solves the model and one model per stored plausible parameter set (``uncertainty.plausible_sets``), each
starting Newton from the model's own solution. The naive baseline builds those models afresh for every posture
(no cached models, no starting tables). Target (Model v3): <= 50 ms a posture.
"""
from __future__ import annotations

import argparse
import json
import time

import numpy as np

import neurodynamics as nd
from neurodynamics.evidence import uncertainty
from model_speed import random_postures

TARGET_MS = 50.0


def naive_band(posture: nd.Posture) -> None:
    """The same band with every model built afresh."""
    for values in uncertainty.plausible_sets():
        nd.Model(parameters=values).solve(posture).profile()
    nd.Model().solve(posture).profile()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    args = parser.parse_args()
    uncertainty.band(nd.Posture(hip_flexion=1.0))  # build the models once, as the explorer does
    times_ms = []
    for posture in random_postures(args.count, seed=1):
        start = time.perf_counter()
        uncertainty.band(posture)
        times_ms.append(1000.0 * (time.perf_counter() - start))
    start = time.perf_counter()
    for posture in random_postures(3, seed=2):
        naive_band(posture)
    naive_ms = 1000.0 * (time.perf_counter() - start) / 3
    print(json.dumps({
        "benchmark": "joint plausible band of strain and excursion along the tract, one posture",
        "postures": args.count,
        "models": 1 + len(uncertainty.plausible_sets()),
        "median_ms": round(float(np.median(times_ms)), 2),
        "p95_ms": round(float(np.percentile(times_ms, 95)), 2),
        "naive_ms_models_built_each_time": round(naive_ms, 1),
        "target_median_ms": TARGET_MS,
        "target_met": bool(np.median(times_ms) <= TARGET_MS),
    }, indent=2))


if __name__ == "__main__":
    main()
