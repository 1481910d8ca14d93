"""Validation by leaving each study out: refit without the study's rows, then predict them.

    python3 tools/leave_one_study_out.py           print the table; last line "inside the spread: K of N"
    python3 tools/leave_one_study_out.py --write   also store it for the evidence lesson
                                                   (neurodynamics/data/leave_one_study_out.csv)

The fit with every study is the stored model (parameters.py, from tools/fit_parameters.py). For each study of
``neurodynamics.evidence.studies`` the same fit is rerun without that study's measurements, started from the stored
values, and the refitted model predicts them. "Inside the spread" is the study's own interval (mean +- 1 SD, +- 2
SEM, or the stated band; a limit for rows that state a direction). Runs the refits on two processes.
"""
from __future__ import annotations

import argparse
import csv
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from neurodynamics.evidence import studies  # noqa: E402
from tools import fit_parameters  # noqa: E402

OUTPUT = Path(__file__).resolve().parent.parent / "neurodynamics" / "data" / "leave_one_study_out.csv"
COLUMNS = ("study", "key", "subjects", "what", "unit", "measured", "low", "high", "spread", "with_all",
           "left_out", "inside_left_out")
#: Steps of the least-squares refit (each about 20 model evaluations), starting from the fit with every study:
#: leaving one study out moves the optimum a little, and this keeps the whole table under 10 minutes on 2 cores.
REFIT_EVALUATIONS = 10


def predict_left_out(study: str) -> list[float]:
    """Refit without ``study`` and predict its measurements."""
    left_out = studies.studies()[study]
    kept = [m for m in studies.measurements() if m.study != study]
    values = fit_parameters.fit(kept, start=fit_parameters.stored_values(), max_evaluations=REFIT_EVALUATIONS)
    return fit_parameters.predictions(values, left_out)


def table() -> list[dict[str, object]]:
    """One row per measurement: measured, the model with every study, the model refitted without its study."""
    grouped = studies.studies()
    with ProcessPoolExecutor(max_workers=2) as pool:
        left_out = dict(zip(grouped, pool.map(predict_left_out, grouped)))
    with_all = fit_parameters.predictions(fit_parameters.stored_values(), studies.measurements())
    rows = []
    for measurement, fitted in zip(studies.measurements(), with_all):
        predicted = left_out[measurement.study][[m.key for m in grouped[measurement.study]].index(measurement.key)]
        rows.append(dict(study=measurement.study, key=measurement.key, subjects=measurement.subjects,
                         what=measurement.what, unit=measurement.unit, measured=measurement.measured,
                         low=measurement.low, high=measurement.high, spread=measurement.spread, with_all=fitted,
                         left_out=float(predicted), inside_left_out=bool(measurement.inside(predicted))))
    return rows


def _number(value: object) -> str:
    return "" if value is None else f"{value:.3g}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"store the table in {OUTPUT.name}")
    args = parser.parse_args()
    rows = table()
    print(f"{'study':26s} {'subjects':34s} {'measured (spread)':30s} {'with all':>9s} {'left out':>9s}  inside")
    for row in rows:
        measured = ("limit" if row["measured"] is None else _number(row["measured"])) + \
            f" [{_number(row['low'])}, {_number(row['high'])}] {row['unit']}"
        print(f"{row['study']:26s} {row['subjects'][:34]:34s} {measured:30s} {row['with_all']:9.3f} "
              f"{row['left_out']:9.3f}  {'yes' if row['inside_left_out'] else 'NO'}")
    if args.write:
        with OUTPUT.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, COLUMNS)
            writer.writeheader()
            writer.writerows({key: (repr(float(value)) if isinstance(value, float) else value)
                              for key, value in row.items()} for row in rows)
    inside = sum(bool(row["inside_left_out"]) for row in rows)
    print(f"inside the spread: {inside} of {len(rows)}")


if __name__ == "__main__":
    main()
