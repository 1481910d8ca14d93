"""The published measurements shipped with the package (copies of ``shared/reference``), read as rows.

``calibration.csv`` holds the acceptance targets; ``literature_*.csv`` the wider scan of values; ``in_vivo_added.csv``
rows this project added from abstracts (Ridehalgh et al. 2014), in the scan's columns.
"""
from __future__ import annotations

import csv
import functools
from importlib import resources

DATA_FILES = ("calibration.csv", "literature_excursion.csv", "literature_mechanics.csv", "in_vivo_added.csv")


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
