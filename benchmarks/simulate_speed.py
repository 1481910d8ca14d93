"""Time ``simulate``: a 10-minute flossing program at 100 Hz against a naive per-sample loop; prints JSON.

    python benchmarks/simulate_speed.py

The naive baseline does the same work sample by sample in Python: a static solve of every sample's posture,
then the Prony recursion and the blood-flow look-up one sample at a time. It runs on a 20 s program and is
scaled per sample. Targets: <= 50 ms for 10 minutes, >= 20x faster per sample than the naive loop.
"""
from __future__ import annotations

import json
import time

import numpy as np

import neurodynamics as nd
from neurodynamics.model import anatomy, exercises, parameters as P, physiology
from neurodynamics.model.mechanics import element_strain, equilibrium_displacement, site_element
from neurodynamics.model.posture import JOINTS
from neurodynamics.model.strain import strain_pct


def naive(program: exercises.Program, dt: float, model: nd.Model) -> float:
    """Seconds per sample for a plain loop: solve, relax and look up blood flow sample by sample."""
    times = np.arange(int(round(program.duration_s / dt)) + 1) * dt
    angles = program.angles_at(times)
    taus, weights = P.NERVE_RELAXATION_TIMES.value, P.NERVE_RELAXATION_WEIGHTS.value
    elements = [site_element(model.grid, s) for s in anatomy.SITES]
    resting = model.grid.in_situ_strain[elements]
    laws = [model.grid.law.elements([e]) for e in elements]
    model.first_guess(nd.Posture())  # build the model's starting tables before timing
    start = time.perf_counter()
    memory, previous, first = np.zeros((len(anatomy.SITES), len(taus))), None, None
    for row in angles:  # every sample solved (no cache)
        posture = nd.Posture(**dict(zip(JOINTS, row)))
        bed = model.grid.bed_mm(posture, {})
        u = equilibrium_displacement(model.grid, bed, model.first_guess(posture))
        elastic, _ = model.grid.law.tension(element_strain(model.grid, u))
        elastic = elastic[elements]
        first = elastic if first is None else first
        step = elastic - (first if previous is None else previous)
        previous = elastic
        relaxed = 0.0
        for k, (tau, weight) in enumerate(zip(taus, weights)):
            memory[:, k] = np.exp(-dt / tau) * memory[:, k] + step
            relaxed = relaxed + weight * ((elastic - first) - memory[:, k])
        tension = elastic - relaxed
        for index, site in enumerate(anatomy.SITES):
            effective = laws[index].strain_for_tension(np.array([tension[index]]))
            physiology.blood_flow_fraction(strain_pct(effective, resting[index]))
    return (time.perf_counter() - start) / times.size


def main() -> None:
    model = nd.Model()
    program = exercises.supine_floss(reps=150)  # 150 x 4 s = 10 minutes
    start = time.perf_counter()
    series = nd.simulate(program, dt=0.01, model=model)
    cold_s = time.perf_counter() - start
    start = time.perf_counter()
    nd.simulate(program, dt=0.01, model=model)
    warm_s = time.perf_counter() - start
    start = time.perf_counter()
    series.summary()
    summary_s = time.perf_counter() - start
    naive_per_sample = naive(exercises.supine_floss(reps=5), 0.01, nd.Model())
    fast_per_sample = cold_s / series.t.size
    print(json.dumps({
        "benchmark": "simulate a 10-minute supine floss at 100 Hz",
        "samples": int(series.t.size),
        "simulate_ms_first_run": round(1000 * cold_s, 1),
        "simulate_ms_paths_cached": round(1000 * warm_s, 1),
        "summary_ms_with_blood_flow": round(1000 * summary_s, 1),
        "naive_loop_us_per_sample": round(1e6 * naive_per_sample, 1),
        "simulate_us_per_sample": round(1e6 * fast_per_sample, 3),
        "speedup_per_sample": round(naive_per_sample / fast_per_sample, 1),
        "targets": {"simulate_ms": 50, "speedup_per_sample": 20},
    }, indent=2))


if __name__ == "__main__":
    main()
