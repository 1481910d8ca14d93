"""Refit the calibrated parameters (those whose source says "calibrated") and print the result.

    python tools/fit_parameters.py [--start 0.0003,0.002,...]

Least squares (scipy) over log-parameters within literature-plausible bounds, to the centres of calibration rows
R02-R06, with Ridehalgh et al. 2014 (in-vivo sciatic excursion in knee extension, not in calibration.csv) as a
weak target, an SLR-at-90-deg hip strain near 10.5 % as a weak target, and penalties that keep direction rows
R15-R17 and the near-still conus in trunk flexion (Fettes et al., T3-07) true. The printed values are then
copied into neurodynamics/model/parameters.py by hand. A developer tool: the package never imports it.
"""
from __future__ import annotations

import argparse

import numpy as np
from scipy.optimize import least_squares

import neurodynamics
from neurodynamics.model import parameters as P
from neurodynamics.evidence import validation

#: (parameter name, lower bound, upper bound)
FREE = (
    ("THIGH_INTERFACE_STIFFNESS", 1e-5, 1e-2), ("LEG_INTERFACE_STIFFNESS", 1e-5, 1e-2),
    ("ROOTS_INTERFACE_STIFFNESS", 1e-5, 2e-2), ("CORD_INTERFACE_STIFFNESS", 1e-5, 2e-2),
    ("NERVE_IN_SITU_STRAIN", 0.01, 0.07), ("ANKLE_BED_RADIUS", 10.0, 30.0), ("NECK_BED_RADIUS", 10.0, 30.0),
    ("TOE_SHAPE", 2.0, 6.0), ("NERVE_TOE_END_STRAIN", 0.05, 0.14), ("CORD_TOE_END_STRAIN", 0.05, 0.16),
)
#: target: (value, scale of a unit miss)
TARGETS = {"R02": (3.9, 0.7), "R03": (0.9, 0.25), "R04": (1.2, 0.4), "R05": (-2.6, 0.5), "R06": (10.0, 1.2),
           "ridehalgh_hip30": (-9.9, 3.0), "ridehalgh_hip60": (-12.4, 4.0), "slr90_hip_strain": (10.5, 1.5)}


def model_outputs(values: np.ndarray) -> dict[str, float]:
    """Evaluate every target with a model whose free parameters take ``values``."""
    model = neurodynamics.Model(parameters={name: float(v) for (name, _, _), v in zip(FREE, values)})
    posture = neurodynamics.Posture
    rows = {c.row_id: c for c in validation.compare(model, ("R02", "R03", "R04", "R05", "R06", "R15", "R16", "R17"))}
    out = {key: rows[key].model for key in ("R02", "R03", "R04", "R05", "R06", "R15", "R16")}
    out["R17"] = float(bool(rows["R17"].passed))

    def slide(a, b, site):
        return model.solve(b).excursion(site) - model.solve(a).excursion(site)

    for hip in (30, 60):
        out[f"ridehalgh_hip{hip}"] = slide(posture(hip_flexion=hip, knee_flexion=90), posture(hip_flexion=hip), "thigh")
    out["slr90_hip_strain"] = model.solve(posture(hip_flexion=90)).strain("hip")
    out["trunk60_conus"] = model.solve(posture(trunk_flexion=60)).excursion("conus")
    return out


def residuals(log_values: np.ndarray) -> np.ndarray:
    out = model_outputs(np.exp(log_values))
    misses = [(out[key] - value) / scale for key, (value, scale) in TARGETS.items()]
    misses += [max(0.0, out["R16"] - 0.25) / 0.05, max(0.0, 0.15 - out["R15"]) / 0.05, 2.0 * (1.0 - out["R17"]),
               max(0.0, abs(out["trunk60_conus"]) - 2.0) / 0.5]
    return np.array(misses)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start", help="comma-separated start values (default: the current parameters)")
    args = parser.parse_args()
    start = (np.array([float(v) for v in args.start.split(",")]) if args.start
             else np.array([getattr(P, name).value for name, _, _ in FREE]))
    low, high = np.log([b[1] for b in FREE]), np.log([b[2] for b in FREE])
    fit = least_squares(residuals, np.clip(np.log(start), low, high), bounds=(low, high), diff_step=0.02)
    values = np.exp(fit.x)
    for (name, _, _), value in zip(FREE, values):
        print(f"{name} = {value:.4g}")
    print({key: round(value, 3) for key, value in model_outputs(values).items()})


if __name__ == "__main__":
    main()
