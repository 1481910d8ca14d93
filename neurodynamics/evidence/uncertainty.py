"""How sure the model is: a low-high band of strain (%) and excursion (mm) along the tract in one posture.

One meaning everywhere: the band is the range of the model's answer over parameter sets drawn together around the
fit inside their plausible ranges (a Latin hypercube over every free parameter of the fit, the grip of the bed and
its pre-sliding included) that still put every calibration measurement inside its spread
(tools/plausible_parameters.py stores them), with the fitted model itself. Each answer is the movement from the same start (standing unless given).
"""
from __future__ import annotations

import functools
from typing import NamedTuple

import numpy as np

from ..model.mechanics import Model, default_model
from ..model.posture import Posture
from .reference import read_rows

#: What the band is, in a student's words (the explorer's checkbox, figure legends and lesson 07 use it).
MEANING = ("the range over parameter values drawn together around the fit, inside their plausible ranges, that still "
           "match every calibration measurement")


class Band(NamedTuple):
    """Low and high strain (%) and excursion (mm) at the profile's arc lengths (mm), head to foot."""

    arc_length_mm: np.ndarray
    strain_low_pct: np.ndarray
    strain_high_pct: np.ndarray
    excursion_low_mm: np.ndarray
    excursion_high_mm: np.ndarray


@functools.lru_cache(maxsize=None)
def plausible_sets() -> tuple[dict[str, float], ...]:
    """The stored parameter sets that pass every calibration measurement (name -> value, in their units)."""
    return tuple({name: float(value) for name, value in row.items()} for row in read_rows("plausible_parameters.csv"))


@functools.lru_cache(maxsize=16)
def _models(base: Model) -> tuple[Model, ...]:
    """``base`` and, for each plausible set, ``base`` with those values."""
    return (base,) + tuple(Model(base.entrapment, base.node_spacing_mm, {**base.parameters, **values})
                           for values in plausible_sets())


def _solutions(posture: Posture, model: Model | None, start: Posture | None) -> list:
    """The solutions of ``model`` and its variants in ``posture``, each reached from ``start`` (standing: each
    variant starts Newton from the model's own solution, which is close)."""
    base, *variants = _models(model or default_model())
    if start is None or start == Posture():
        central = base.solve(posture)
        return [central] + [variant.solve_from(posture, central.displacement_mm) for variant in variants]
    return [m.movement(start, posture) for m in (base, *variants)]


def band(posture: Posture, model: Model | None = None, start: Posture | None = None) -> Band:
    """The band of strain and excursion along the tract in ``posture`` (reached from ``start``, standing by
    default) around ``model`` (default model)."""
    profiles = [solution.profile() for solution in _solutions(posture, model, start)]
    strain = np.array([p.strain_pct for p in profiles])
    excursion = np.array([p.excursion_mm for p in profiles])
    return Band(profiles[0].arc_length_mm, strain.min(axis=0), strain.max(axis=0), excursion.min(axis=0),
                excursion.max(axis=0))


def site_range(posture: Posture, site: str, model: Model | None = None,
               start: Posture | None = None) -> dict[str, tuple[float, float]]:
    """Low and high strain (%) and excursion (mm) at ``site`` in ``posture`` over the same set of models."""
    solutions = _solutions(posture, model, start)
    strains = [s.strain(site) for s in solutions]
    excursions = [s.excursion(site) for s in solutions]
    return {"strain_pct": (min(strains), max(strains)), "excursion_mm": (min(excursions), max(excursions))}
