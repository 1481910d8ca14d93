"""The published measurements shipped with the package (copies of ``shared/reference``), read as rows.

``calibration.csv`` holds the acceptance targets; ``literature_*.csv`` the wider scan of values; ``in_vivo_added.csv``
rows added from abstracts (Ridehalgh et al. 2014, Rade et al. 2015, Ellis et al. 2012), in the scan's columns.
Two files are written by developer tools from the model: ``plausible_parameters.csv`` (the parameter sets of the
plausible band, tools/plausible_parameters.py) and ``leave_one_study_out.csv`` (the validation table,
tools/leave_one_study_out.py).
"""
from __future__ import annotations

import csv
import functools
from importlib import resources

#: Published measurements, one row per id.
PUBLISHED_FILES = ("calibration.csv", "literature_excursion.csv", "literature_mechanics.csv", "in_vivo_added.csv")
#: Files the developer tools write from the model and the published files.
DERIVED_FILES = ("plausible_parameters.csv", "leave_one_study_out.csv")
DATA_FILES = PUBLISHED_FILES + DERIVED_FILES


@functools.lru_cache(maxsize=None)
def read_rows(name: str) -> tuple[dict[str, str], ...]:
    """All rows of a shipped data file, as dicts of strings keyed by column name."""
    if name not in DATA_FILES:
        raise ValueError(f"unknown data file {name!r}; shipped files are {', '.join(DATA_FILES)}")
    with resources.files("neurodynamics").joinpath("data").joinpath(name).open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def number(row: dict[str, str], column: str) -> float | None:
    """A numeric cell, or None when blank."""
    text = row[column].strip()
    return float(text) if text else None


@functools.lru_cache(maxsize=None)
def _rows_by_id() -> dict[str, dict[str, str]]:
    """Every published row, by its id; ValueError if two rows share an id."""
    rows: dict[str, dict[str, str]] = {}
    for name in PUBLISHED_FILES:
        for row in read_rows(name):
            if row["id"] in rows:
                raise ValueError(f"row id {row['id']!r} stands twice in the published files (again in {name})")
            rows[row["id"]] = row
    return rows


def published_row(row_id: str) -> dict[str, str]:
    """The published row whose id is ``row_id``, from whichever file holds it; ValueError if none does."""
    try:
        return _rows_by_id()[row_id]
    except KeyError:
        raise ValueError(f"no published data file has a row {row_id!r}") from None
