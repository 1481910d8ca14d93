"""Draw the parameter sets of the joint plausible band and store those that pass every calibration measurement.

    python3 tools/plausible_parameters.py [--samples 400] [--keep 16] [--write]

A Latin hypercube (scipy.stats.qmc, seeded) over every free parameter of the fit together (``fit_parameters.FREE``,
the grip of the bed and its pre-sliding included), uniform in the logarithm of each size, around the fitted values
(``--width`` of each source range's log-width either side, inside the range): drawn over the whole ranges at once,
no set passes every calibration measurement.
A set is kept when every measurement of the calibration file that the mechanics computes lands inside its spread
(``neurodynamics.evidence.studies``). The first ``--keep`` kept sets, in draw order, are stored in
neurodynamics/data/plausible_parameters.csv with ``--write``; ``evidence.uncertainty`` reads them. Runs on two
processes.
"""
from __future__ import annotations

import argparse
import csv
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
from scipy.stats import qmc

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from neurodynamics.evidence import reference, studies  # noqa: E402
from tools import fit_parameters  # noqa: E402

OUTPUT = Path(__file__).resolve().parent.parent / "neurodynamics" / "data" / "plausible_parameters.csv"
SEED = 2026


def calibration_measurements() -> list[studies.Measurement]:
    """The measurements that come from the calibration file."""
    ids = {row["id"] for row in reference.read_rows("calibration.csv")}
    return [m for m in studies.measurements() if m.key in ids]


def passes(values: dict[str, float]) -> bool:
    """True if every calibration measurement is inside its spread with these parameter values."""
    checks = calibration_measurements()
    return all(np.isfinite(v) and m.inside(v) for m, v in zip(checks, fit_parameters.predictions(values, checks)))


def draws(count: int, width: float) -> list[dict[str, float]]:
    """``count`` parameter sets from a Latin hypercube, log-uniform, around the fitted values: each parameter within
    ``width`` of its range's log-width either side of its fitted value, and inside its range."""
    low, high = fit_parameters.bounds()
    fitted = fit_parameters.log_sizes(fit_parameters.stored_values())
    half = width * (high - low)
    box_low, box_high = np.maximum(low, fitted - half), np.minimum(high, fitted + half)
    unit = qmc.LatinHypercube(d=low.size, seed=SEED).random(count)
    return [fit_parameters.values_of(box_low + row * (box_high - box_low)) for row in unit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=400)
    parser.add_argument("--keep", type=int, default=16)
    parser.add_argument("--width", type=float, default=0.15,
                        help="share of each range's log-width drawn either side of the fitted value")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    sets = draws(args.samples, args.width)
    with ProcessPoolExecutor(max_workers=2) as pool:
        kept = [values for values, ok in zip(sets, pool.map(passes, sets, chunksize=8)) if ok]
    print(f"kept {len(kept)} of {len(sets)} parameter sets (every calibration measurement inside its spread)")
    for name, _, _ in fit_parameters.FREE:
        column = [values[name] for values in kept]
        if column:
            print(f"{name}: {min(column):.4g} to {max(column):.4g}")
    if args.write:
        with OUTPUT.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, [name for name, _, _ in fit_parameters.FREE])
            writer.writeheader()
            writer.writerows({k: repr(v) for k, v in values.items()} for values in kept[:args.keep])


if __name__ == "__main__":
    main()
