"""Refit the calibrated parameters (those whose kind is "calibrated") and print the result.

    python tools/fit_parameters.py [--start 0.0003,0.002,...]
    python tools/fit_parameters.py --friction

Least squares (scipy) over log-parameters within literature-plausible bounds. Targets are read from the data
files, never typed here: the calibration rows in ``parameters.FIT_ROWS`` with angles (R02-R06, each at its
published value, a miss scaled by a quarter of its band) and the in-vivo rows marked ``fitted`` in
``evidence.in_vivo`` (Ridehalgh et al. 2014, scaled by their SD). Penalties keep the direction rows R15-R17 true
(R15's smallest strain rise above 0.002 % points: with the bed's grip, dorsiflexion at hip 90 deg barely reaches
the thigh), the roots still early in the straight-leg raise (R16: under a quarter of their sliding at 90 deg done by 30 deg),
root sliding at 90 deg inside the cadaver range of the literature scan (T1-13a, T1-10b) with root strain gained no
more than Smith et al. 1993 measured (2-4 %, Spine 18:992, abstract), and the conus almost still in trunk flexion
(Fettes et al., T3-07). Roots stay at least 0.5 % wavy when standing (they take up slack first, R16). Validation
rows (T2-03a, T2-06, T2-07a, T2-07d) are never used. Every angle row is re-run as a movement (``Model.movement``):
from a pre-tensioned start the bed grips the nerve. ``--friction`` fits that grip (``FRICTION_GRIP``) alone, the
others as stored, to the rows measured from a pre-positioned start (``FRICTION_ROWS``): R18 (the sequence effect of
Boyd et al. 2013, which only the grip can give), R03, R04 and Ridehalgh et al. 2014, keeping R15's direction, and
prints the range of values at which they all stay in their bands. The printed values are
then copied into neurodynamics/model/parameters.py by hand. A developer tool: the package never imports it.
"""
from __future__ import annotations

import argparse

import numpy as np
from scipy.optimize import least_squares

import neurodynamics
from neurodynamics.evidence import in_vivo, validation
from neurodynamics.evidence.reference import number, read_rows
from neurodynamics.model import parameters as P

#: (parameter name, lower bound, upper bound); a negative parameter is fitted by its size.
FREE = (
    ("THIGH_INTERFACE_STIFFNESS", 1e-5, 1e-2), ("LEG_INTERFACE_STIFFNESS", 1e-5, 1e-2),
    ("ROOTS_INTERFACE_STIFFNESS", 1e-5, 2e-2), ("CORD_INTERFACE_STIFFNESS", 1e-5, 2e-2),
    ("NERVE_IN_SITU_STRAIN", 0.01, 0.07), ("ROOTS_IN_SITU_STRAIN", -0.05, -0.005),
    ("FORAMEN_ANCHOR_STIFFNESS", 0.2, 50.0),
    ("ANKLE_BED_RADIUS", 10.0, 45.0), ("NECK_BED_RADIUS", 10.0, 45.0),
    ("TOE_SHAPE", 1.0, 6.0), ("NERVE_TOE_END_STRAIN", 0.05, 0.18), ("CORD_TOE_END_STRAIN", 0.05, 0.16),
)
#: Root strain gained in a straight-leg raise to 90 deg, at most (%): Smith et al. 1993 (2-4 %, cadavers).
ROOT_STRAIN_AT_SLR_MAX_PCT = 4.0


def _row(data_file: str, row_id: str) -> dict[str, str]:
    return next(row for row in read_rows(data_file) if row["id"] == row_id)


def _targets() -> dict[str, tuple[float, float]]:
    """Target value and the size of a unit miss, from the data files."""
    targets = {}
    for row in read_rows("calibration.csv"):
        if row["id"] in P.FIT_ROWS and validation.has_angles(row):
            targets[row["id"]] = (number(row, "value"), 0.25 * (number(row, "band_high") - number(row, "band_low")))
    for setup in in_vivo.SETUPS:
        if setup.fitted:
            row = in_vivo.row_of(setup)
            targets[setup.row_id] = (in_vivo.published_value(row), number(row, "sd"))
    return targets


TARGETS = _targets()
_ROOT_SLIDE_MM = (number(_row("literature_excursion.csv", "T1-13a"), "min"),
                  number(_row("literature_excursion.csv", "T1-10b"), "max"))


def _values_of(x: np.ndarray) -> dict[str, float]:
    return {name: float(-v if low < 0 else v) for (name, low, _), v in zip(FREE, np.exp(x))}


def model_outputs(parameters: dict[str, float]) -> dict[str, float]:
    """Every target and penalty quantity of a model with these parameter values."""
    model = neurodynamics.Model(parameters=parameters)
    rows = {c.row_id: c for c in validation.compare(model, set(TARGETS) | {"R15", "R16", "R17"})}
    out = {key: rows[key].model for key in TARGETS}
    out.update(R15=rows["R15"].model, R16=rows["R16"].model, R17=float(bool(rows["R17"].passed)))
    raised = model.solve(neurodynamics.Posture(hip_flexion=90))
    out["root_slide_90"] = -raised.excursion("root")
    out["root_strain_90"] = raised.strain("root")
    out["trunk60_conus"] = model.solve(neurodynamics.Posture(trunk_flexion=60)).excursion("conus")
    return out


def residuals(x: np.ndarray) -> np.ndarray:
    out = model_outputs(_values_of(x))
    misses = [(out[key] - value) / scale for key, (value, scale) in TARGETS.items()]
    low, high = _ROOT_SLIDE_MM
    # limits, kept a little inside so that the fitted model satisfies them
    misses += [max(0.0, out["R16"] - 0.24) / 0.005, max(0.0, 0.002 - out["R15"]) / 0.0005, 2.0 * (1.0 - out["R17"]),
               max(0.0, low + 0.1 - out["root_slide_90"], out["root_slide_90"] - high + 0.1) / 0.02,
               max(0.0, out["root_strain_90"] - ROOT_STRAIN_AT_SLR_MAX_PCT + 0.1) / 0.02,
               max(0.0, abs(out["trunk60_conus"]) - 1.9) / 0.02]
    return np.array(misses)


#: Parameters whose plausible range (Parameter.plausible) is what the calibration cannot rule out.
RANGED = ("THIGH_INTERFACE_STIFFNESS", "LEG_INTERFACE_STIFFNESS", "NERVE_IN_SITU_STRAIN", "ROOTS_IN_SITU_STRAIN",
          "FORAMEN_ANCHOR_STIFFNESS", "ANKLE_BED_RADIUS", "NECK_BED_RADIUS", "NERVE_TOE_END_STRAIN")


def calibration_range(name: str, most: float = 3.0, steps: int = 10) -> tuple[float, float]:
    """The lowest and highest value of ``name`` (up to ``most`` times smaller or larger, others fixed) at which every
    fitted row that the stored model passes still lands inside its band: the values calibration cannot rule out."""
    rows = set(TARGETS)
    def passing(value: float) -> set[str]:
        model = neurodynamics.Model(parameters={name: value})
        return {c.row_id for c in validation.compare(model, rows) if c.passed}
    stored = getattr(P, name).value
    keep = passing(stored)
    ends = []
    for direction in (-1.0, 1.0):
        inside, outside = 0.0, np.log(most)
        if keep <= passing(stored * np.exp(direction * outside)):
            ends.append(stored * np.exp(direction * outside))
            continue
        for _ in range(steps):
            middle = 0.5 * (inside + outside)
            inside, outside = (middle, outside) if keep <= passing(stored * np.exp(direction * middle)) else (inside, middle)
        ends.append(stored * np.exp(direction * inside))
    return tuple(sorted(ends))


#: Rows measured from a pre-positioned start, which fix the grip of the bed (``FRICTION_GRIP``), and R15, whose
#: direction (dorsiflexion at hip 0-90 deg strains and slides the thigh nerve) the grip must keep.
FRICTION_ROWS = ("R18", "R03", "R04", "RH14-30", "RH14-60")


def _friction_targets() -> dict[str, tuple[float, float]]:
    """Target value and size of a unit miss of ``FRICTION_ROWS``: R18 a quarter of its 95 % interval (from the
    paper's mean and P), the others as in the main fit."""
    row = _row("calibration.csv", "R18")
    _, low, high = validation.sequence_interval_pct(number(row, "value"))
    return {"R18": (number(row, "value"), 0.25 * (high - low)), **{key: TARGETS[key] for key in FRICTION_ROWS[1:]}}


def friction_misses(grip: float) -> tuple[float, set[str], dict[str, float]]:
    """Sum of squared scaled misses of ``FRICTION_ROWS`` for grip ``grip`` (per mm), the rows (with R15) inside
    their bands, and the model's values."""
    model = neurodynamics.Model(parameters={"FRICTION_GRIP": grip})
    rows = {c.row_id: c for c in validation.compare(model, set(FRICTION_ROWS) | {"R15"})}
    misses = sum(((rows[key].model - value) / scale) ** 2 for key, (value, scale) in _friction_targets().items())
    misses += 0.0 if rows["R15"].passed else 100.0
    return misses, {key for key, c in rows.items() if c.passed}, {key: c.model for key, c in rows.items()}


def fit_friction() -> None:
    """Fit ``FRICTION_GRIP`` alone and print it, the rows' values and the range that keeps every row in band."""
    from scipy.optimize import minimize_scalar
    stored = P.FRICTION_GRIP.value
    bounds = (np.log(stored / 10.0) + 1e-9, np.log(stored * 10.0) - 1e-9)
    fit = minimize_scalar(lambda x: friction_misses(float(np.exp(x)))[0], bounds=bounds, method="bounded",
                          options={"xatol": 1e-3})
    grip = float(np.exp(fit.x))
    misses, inside, values = friction_misses(grip)
    print(f"FRICTION_GRIP = {grip:.4g} per mm (sum of squared misses {misses:.3f})")
    print({key: round(value, 3) for key, value in values.items()})
    every = set(FRICTION_ROWS) | {"R15"}
    grid = np.geomspace(stored / 10.0, stored * 10.0, 121)
    keeping = [g for g in grid if every <= friction_misses(float(g))[1]]
    print(f"all of {sorted(every)} in band from {min(keeping):.3g} to {max(keeping):.3g} per mm" if keeping
          else "no value keeps every row in band")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start", help="comma-separated start values (default: the current parameters)")
    parser.add_argument("--ranges", action="store_true",
                        help="print each RANGED parameter's range that calibration cannot rule out, and stop")
    parser.add_argument("--friction", action="store_true",
                        help="fit the grip of the bed (FRICTION_GRIP) alone to FRICTION_ROWS, and stop")
    args = parser.parse_args()
    if args.friction:
        fit_friction()
        return
    if args.ranges:
        for name in RANGED:
            low, high = calibration_range(name)
            print(f"{name}: {low:.4g} to {high:.4g}")
        return
    start = (np.array([float(v) for v in args.start.split(",")]) if args.start
             else np.array([getattr(P, name).value for name, _, _ in FREE]))
    low, high = (np.log(np.abs([b[i] for b in FREE])) for i in (1, 2))
    low, high = np.minimum(low, high), np.maximum(low, high)
    # a Model accepts overrides within 1/10 to 10 times the stored value: refit again if a value stops there
    default = np.log(np.abs([getattr(P, name).value for name, _, _ in FREE]))
    low, high = np.maximum(low, default - np.log(10.0) + 1e-9), np.minimum(high, default + np.log(10.0) - 1e-9)
    fit = least_squares(residuals, np.clip(np.log(np.abs(start)), low, high), bounds=(low, high), diff_step=0.02)
    values = _values_of(fit.x)
    # 95 % confidence of each value from the fit's Jacobian (misses are in units of their scale: unit variance)
    spread = 2.0 * np.sqrt(np.diag(np.linalg.pinv(fit.jac.T @ fit.jac)))
    for (name, value), x, lo, hi, dx in zip(values.items(), fit.x, low, high, spread):
        ends = sorted(np.sign(value) * np.exp([x - dx, x + dx]))
        print(f"{name} = {value:.4g}" + (" (on a bound)" if min(x - lo, hi - x) < 1e-3 else "")
              + f"  95 % range {ends[0]:.4g} to {ends[1]:.4g}")
    print({key: round(value, 3) for key, value in model_outputs(values).items()})


if __name__ == "__main__":
    main()
