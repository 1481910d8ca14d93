"""How sure the model is: a low-high band of strain (%) and excursion (mm) along the tract in one posture.

The band spans a set of models, each with one parameter at the low or the high end of its plausible range
(``Parameter.plausible``: its source's range, or the parameter fit's 95 % confidence), the others at their
values, plus the model itself. One parameter at a time: the band shows each source of doubt, not their worst
combination. The band is of static solutions, so parameters that act only during a movement (the grip of the bed,
``parameters.MOVEMENT_ONLY``) are left out: they cannot widen it.
"""
from __future__ import annotations

import functools
from typing import NamedTuple

import numpy as np

from ..model import parameters as P
from ..model.mechanics import Model, default_model
from ..model.posture import Posture


class Band(NamedTuple):
    """Low and high strain (%) and excursion (mm) at the profile's arc lengths (mm), head to foot."""

    arc_length_mm: np.ndarray
    strain_low_pct: np.ndarray
    strain_high_pct: np.ndarray
    excursion_low_mm: np.ndarray
    excursion_high_mm: np.ndarray


def uncertain_parameters() -> dict[str, tuple[float, float]]:
    """The parameters with a plausible range that change a static solution, by name: (low, high) in their units."""
    return {name: p.plausible for name, p in P.all_parameters().items()
            if p.plausible is not None and name not in P.MOVEMENT_ONLY}


@functools.lru_cache(maxsize=16)
def _models(base: Model) -> tuple[Model, ...]:
    """``base`` and, for each uncertain parameter, ``base`` with it at the low and at the high end of its range."""
    variants = [base]
    for name, ends in uncertain_parameters().items():
        for value in ends:
            variants.append(Model(base.entrapment, base.node_spacing_mm, {**base.parameters, name: value}))
    return tuple(variants)


def _solutions(posture: Posture, model: Model | None) -> list:
    """The solutions of ``model`` and its variants in ``posture``; each variant starts Newton from the model's own
    solution (one parameter apart, it is close), which takes about half the iterations."""
    base, *variants = _models(model or default_model())
    central = base.solve(posture)
    return [central] + [variant.solve_from(posture, central.displacement_mm) for variant in variants]


def band(posture: Posture, model: Model | None = None) -> Band:
    """The band of strain and excursion along the tract in ``posture`` around ``model`` (default model)."""
    profiles = [solution.profile() for solution in _solutions(posture, model)]
    strain = np.array([p.strain_pct for p in profiles])
    excursion = np.array([p.excursion_mm for p in profiles])
    return Band(profiles[0].arc_length_mm, strain.min(axis=0), strain.max(axis=0), excursion.min(axis=0),
                excursion.max(axis=0))


def site_range(posture: Posture, site: str, model: Model | None = None) -> dict[str, tuple[float, float]]:
    """Low and high strain (%) and excursion (mm) at ``site`` in ``posture`` over the same set of models."""
    solutions = _solutions(posture, model)
    strains = [s.strain(site) for s in solutions]
    excursions = [s.excursion(site) for s in solutions]
    return {"strain_pct": (min(strains), max(strains)), "excursion_mm": (min(excursions), max(excursions))}
