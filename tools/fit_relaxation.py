"""Fit the nerve's relaxation weights (Prony series) to a relaxation time course and print them.

    python tools/fit_relaxation.py

The course: human sciatic nerve relaxes in proportion to the logarithm of time over 2 h (literature scan R039; its
figure's numbers were not readable, so the shape is what is fitted), reaching R09's 48 % at 1 h (rabbit tibial
nerve held at 6 %, Kwan et al. 1991), from the time ``parameters.RELAXATION_ONSET`` on. Non-negative least squares
over the time constants ``parameters.NERVE_RELAXATION_TIMES``. The printed weights are copied into
neurodynamics/model/parameters.py by hand; tests/model/test_viscoelasticity.py checks that they still follow the course.
"""
from __future__ import annotations

import numpy as np
from scipy.optimize import nnls

from neurodynamics.evidence import validation
from neurodynamics.model import parameters as P

#: Times (s) at which the course is matched: log-spaced from the onset to 2 h.
TIMES_S = np.geomspace(P.RELAXATION_ONSET.value, 7200.0, 60)


def target_course(times_s: np.ndarray) -> np.ndarray:
    """Relaxation (fraction of the initial tension) at ``times_s``: the package's target course."""
    return validation.relaxation_target_pct(times_s) / 100.0


def prony_course(weights: np.ndarray, times_s: np.ndarray) -> np.ndarray:
    """Relaxation (fraction) after a step held for ``times_s`` with these weights on the nerve's time constants."""
    taus = np.array(P.NERVE_RELAXATION_TIMES.value)
    return (1.0 - np.exp(-times_s[:, None] / taus[None, :])) @ weights


def fit() -> np.ndarray:
    """Non-negative weights that best follow the target course."""
    taus = np.array(P.NERVE_RELAXATION_TIMES.value)
    weights, _ = nnls(1.0 - np.exp(-TIMES_S[:, None] / taus[None, :]), target_course(TIMES_S))
    return weights


def main() -> None:
    weights = fit()
    print("NERVE_RELAXATION_WEIGHTS =", tuple(round(float(w), 4) for w in weights))
    for t in (60.0, 600.0, 1200.0, 3600.0, 7200.0):
        print(f"t = {t:6.0f} s: target {target_course(np.array([t]))[0]:.3f}, "
              f"fit {prony_course(weights, np.array([t]))[0]:.3f}")


if __name__ == "__main__":
    main()
