"""Time the static solve: median and p95 of ``Model.solve`` over 1,000 random postures; prints JSON.

    python benchmarks/model_speed.py [--count 1000]

Each posture is new to the model (no cache hit). Target (issue 11, Model v2): median <= 1 ms at >= 300 nodes.
"""
from __future__ import annotations

import argparse
import json
import time

import numpy as np

import neurodynamics as nd
from neurodynamics.model.posture import RANGES_DEG


def random_postures(count: int, seed: int = 0) -> list[nd.Posture]:
    """``count`` postures drawn uniformly inside the allowed ranges."""
    rng = np.random.default_rng(seed)
    return [nd.Posture(**{field: rng.uniform(low, high) for field, (low, high) in RANGES_DEG.items()})
            for _ in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    model = nd.Model()
    model.solve(nd.Posture(hip_flexion=1.0))  # warm up imports and LAPACK
    times_ms = []
    for posture in random_postures(args.count):
        start = time.perf_counter()
        model.solve(posture)
        times_ms.append(1000.0 * (time.perf_counter() - start))
    print(json.dumps({
        "benchmark": "static solve of the whole tract",
        "postures": args.count,
        "nodes": int(model.grid.s_mm.size),
        "median_ms": round(float(np.median(times_ms)), 3),
        "p95_ms": round(float(np.percentile(times_ms, 95)), 3),
        "max_ms": round(float(np.max(times_ms)), 3),
        "target_median_ms": 1.0,
    }, indent=2))


if __name__ == "__main__":
    main()
