"""The one fit: every free parameter of the mechanics together, to every measurement the model computes.

    python tools/fit_parameters.py            fit and print the values (copied into parameters.py by hand)
    python tools/fit_parameters.py --check    print each measurement beside the stored model, and stop

Least squares (scipy) over log-parameters within their sources' ranges (``FREE``). The measurements and what counts
as "inside the spread" come from ``neurodynamics.evidence.studies`` (read from the data files, never typed here):
each value row's miss is scaled so that 1 is the edge of its spread (+- 1 SD, +- 2 SEM or the stated band), and a
limit row (roots move late, the slider slides the most) costs nothing inside and much outside; the rows the lessons
teach from weigh double (``studies.TAUGHT``). Every row is re-run
as a movement from its start (``Model.change_during``), so the grip of the bed and its pre-sliding are fitted with
the rest. ``tools/leave_one_study_out.py`` refits without each study in turn. A developer tool: the package never
imports it.
"""
from __future__ import annotations

import argparse
from collections.abc import Collection

import numpy as np
from scipy.optimize import least_squares

import neurodynamics
from neurodynamics.evidence import studies
from neurodynamics.model import parameters as P

#: The free parameters: each is fitted inside its ``plausible`` range (its source's range, in parameters.py); a
#: negative parameter is fitted by its size.
FREE = tuple((name, *getattr(P, name).plausible) for name in (
    "THIGH_INTERFACE_STIFFNESS", "LEG_INTERFACE_STIFFNESS", "ROOTS_INTERFACE_STIFFNESS", "CORD_INTERFACE_STIFFNESS",
    "NERVE_IN_SITU_STRAIN", "ROOTS_IN_SITU_STRAIN", "FORAMEN_ANCHOR_STIFFNESS", "DURAL_PULL",
    "ANKLE_BED_RADIUS", "NECK_BED_RADIUS", "TRUNK_BED_RADIUS", "TOE_SHAPE", "NERVE_TOE_END_STRAIN", "CORD_TOE_END_STRAIN",
    "ROOTS_TOE_END_STRAIN", "FRICTION_GRIP", "FRICTION_PRESLIDING"))
#: Weight of a limit row's miss against a value row's.
LIMIT_WEIGHT = 2.0
#: A value that fails to solve counts as this many spreads off.
FAILED_MISS = 30.0


def values_of(x: np.ndarray) -> dict[str, float]:
    """Parameter values from the fitted log-sizes."""
    return {name: float(-v if low < 0 else v) for (name, low, _), v in zip(FREE, np.exp(x))}


def log_sizes(values: dict[str, float]) -> np.ndarray:
    """The fitted log-sizes of parameter values."""
    return np.log(np.abs([values[name] for name, _, _ in FREE]))


def stored_values() -> dict[str, float]:
    """The free parameters' values in parameters.py."""
    return {name: float(getattr(P, name).value) for name, _, _ in FREE}


def predictions(values: dict[str, float], measurements: Collection[studies.Measurement]) -> list[float]:
    """The model's value for each measurement, with these parameter values (nan where it does not solve)."""
    model = neurodynamics.Model(parameters=values)
    out = []
    for measurement in measurements:
        try:
            out.append(float(measurement.compute(model)))
        except (neurodynamics.ConvergenceError, ZeroDivisionError, FloatingPointError):
            out.append(float("nan"))
    return out


def misses(x: np.ndarray, measurements: Collection[studies.Measurement]) -> np.ndarray:
    """Each measurement's miss in units of its spread (limits weighted by ``LIMIT_WEIGHT``)."""
    out = []
    for measurement, value in zip(measurements, predictions(values_of(x), measurements)):
        if not np.isfinite(value):
            out.append(FAILED_MISS)
            continue
        weight = (LIMIT_WEIGHT if measurement.measured is None else 1.0) * \
            (studies.TAUGHT_WEIGHT if measurement.taught else 1.0)
        out.append(weight * measurement.miss(value))
    return np.array(out)


def bounds() -> tuple[np.ndarray, np.ndarray]:
    """Log-size bounds: the sources' ranges, within the 1/10-10x a Model accepts around the stored value."""
    low, high = (np.log(np.abs([b[i] for b in FREE])) for i in (1, 2))
    low, high = np.minimum(low, high), np.maximum(low, high)
    stored = log_sizes(stored_values())
    return np.maximum(low, stored - np.log(10.0) + 1e-6), np.minimum(high, stored + np.log(10.0) - 1e-6)


def fit(measurements: Collection[studies.Measurement], start: dict[str, float] | None = None,
        max_evaluations: int | None = None, verbose: int = 0) -> dict[str, float]:
    """Parameter values that best fit ``measurements``, from ``start`` (default: the stored values)."""
    low, high = bounds()
    x0 = np.clip(log_sizes(start or stored_values()), low + 1e-9, high - 1e-9)
    result = least_squares(misses, x0, bounds=(low, high), diff_step=0.01, args=(tuple(measurements),),
                           max_nfev=max_evaluations, x_scale=1.0, verbose=verbose)
    return values_of(result.x)


def report(values: dict[str, float]) -> None:
    """Print each measurement with the model's value for these parameters."""
    every = studies.measurements()
    for measurement, value in zip(every, predictions(values, every)):
        verdict = "inside" if measurement.inside(value) else "OUTSIDE"
        print(f"{measurement.key:12s} {measurement.study:26s} {value:9.3f}  [{measurement.low:.3g}, "
              f"{measurement.high:.3g}]  {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="print the stored model against every measurement")
    args = parser.parse_args()
    if args.check:
        report(stored_values())
        return
    values = fit(studies.measurements(), verbose=2)
    low, high = bounds()
    for (name, value), x, lo, hi in zip(values.items(), log_sizes(values), low, high):
        print(f"{name} = {value:.4g}" + (" (on a bound)" if min(x - lo, hi - x) < 1e-3 else ""))
    report(values)


if __name__ == "__main__":
    main()
