"""Time the model: ``Model.solve`` over random postures and ``Model.movement`` over random pairs; prints JSON.

    python benchmarks/model_speed.py [--count 1000]

Each posture and each pair is new to the model (no cache hit): a movement solves its start, its end and the
movement with the bed's grip. The naive baseline solves the same postures with Newton started from rest (zero
displacement) instead of the single-joint tables. Targets: solve median <= 1 ms, movement median <= 2 ms.
"""
from __future__ import annotations

import argparse
import json
import time

import numpy as np

import neurodynamics as nd
from neurodynamics.model.mechanics import equilibrium_displacement
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
    model.solve(nd.Posture(hip_flexion=1.0))  # warm up imports, LAPACK and the starting tables
    postures = random_postures(args.count)
    times_ms = []
    for posture in postures:
        start = time.perf_counter()
        model.solve(posture)
        times_ms.append(1000.0 * (time.perf_counter() - start))
    movement_ms = []
    for start_posture, end_posture in zip(random_postures(args.count, seed=3), random_postures(args.count, seed=4)):
        start = time.perf_counter()
        model.movement(start_posture, end_posture)
        movement_ms.append(1000.0 * (time.perf_counter() - start))
    naive_ms = []
    rest = np.zeros_like(model.grid.s_mm)
    for posture in postures[:100]:
        start = time.perf_counter()
        equilibrium_displacement(model.grid, model.grid.bed_mm(posture, {}), rest)
        naive_ms.append(1000.0 * (time.perf_counter() - start))
    print(json.dumps({
        "benchmark": "static solve and movement of the whole tract",
        "postures": args.count,
        "nodes": int(model.grid.s_mm.size),
        "solve_median_ms": round(float(np.median(times_ms)), 3),
        "solve_p95_ms": round(float(np.percentile(times_ms, 95)), 3),
        "movement_median_ms": round(float(np.median(movement_ms)), 3),
        "movement_p95_ms": round(float(np.percentile(movement_ms, 95)), 3),
        "naive_solve_from_rest_median_ms": round(float(np.median(naive_ms)), 3),
        "target_solve_median_ms": 1.0,
        "target_movement_median_ms": 2.0,
        "targets_met": bool(np.median(times_ms) <= 1.0 and np.median(movement_ms) <= 2.0),
    }, indent=2))

if __name__ == "__main__":
    main()
